"""What the rules share: a reading of one match, the context it is read in, and the tense test."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from newsdesk.model import TimeType

# A year written in digits, not part of a longer number, an amount or a code ("$1990", "1,998").
YEAR = r"(?<![\d$£€#.,:/])(?<!\d[-–])(?P<year>1[6-9]\d\d|20\d\d)(?![\d%]|,\d|\.\d|\s*(?:%|percent\b|per\s*cent\b))"
DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d%]|[:.]\d|,\d{3})"

_FUTURE_CUES = (
    r"will|won't|wo n't|'ll|shall|going to|gonna|is to|are to|scheduled|slated|due(?! to the)|expected|expects?|"
    r"(?:is|are|be|been) planned|plans? to|planning to|intends?|intended|set to|to be held|upcoming|would|next(?! to\b)|"
    r"hopes? to|aims? to|promised to|is to be|are to be|to take place|starting|begins?|opens?|ahead|preparing|prepares?|"
    r"(?P<intent>(?:planned|hoped|intended|promised|agreed|vowed|pledged|decided|threatened) to)"
)
_PAST_CUES = (
    r"(?:was|were|had been) (?:due|scheduled|expected|set|slated|supposed|planned)|previously|recently|already|planned|"
    r"was|were|had|did|said|says|told|ago|last|earlier|met|went|came|took|made|gave|saw|found|left|began|fell|"
    r"rose|won|lost|held|sold|bought|got|led|ran|spent|paid|brought|thought|wrote|spoke|became|sent|struck|shot|"
    r"died|killed|since|has been|have been|\w{3,}ed"
)
_CUE = re.compile(rf"\b(?:(?P<future>{_FUTURE_CUES})|(?P<past>{_PAST_CUES}))\b", re.I)
# A participle after "be" is passive, and the auxiliary gives the tense: "will be named", "to be
# published", "should be completed" look ahead; after "is", "was", "has been" or a modal's "be"
# ("could be located") the participle is no cue, and the auxiliary, if any, is.
_PASSIVE_AFTER_BE = re.compile(r"\b(?:will|'ll|shall|should|would|to)\s+(?:not\s+)?be\s+(?:\w+ly\s+)?$", re.I)
_PASSIVE_AFTER_AUXILIARY = re.compile(r"\b(?:be|is|are|am|was|were|been|being|get|gets|got)\s+(?:\w+ly\s+)?$", re.I)
# Past participles and adjectives in -ed that point ahead, not back.
_FUTURE_ED = frozenset({"scheduled", "expected", "intended", "slated", "proposed", "anticipated"})
# Cues that lean ahead only weakly: future in the past ("said they would"), or a possibility.
_WEAK = frozenset({"would", "could", "might", "may", "should"})
# Verbs of saying: a date may belong to the clause they report, whose tense can differ ("said the
# rules take effect in November"). They stay cues, but are not the date's own verb.
REPORTING = frozenset({"said", "says", "told", "added", "reported", "announced", "stated", "noted"})
_SENTENCE_END = re.compile(r"[.!?;][\"'”’)]*\s+(?=[\"'“‘`(]*[A-Z0-9])|\n")


@dataclass(frozen=True, slots=True)
class Reading:
    """What one match means: its TimeML type and value, and how that value was reached."""

    type: TimeType
    value: str | None
    relative: bool = False
    mod: str | None = None
    tense: str | None = None


@dataclass(frozen=True, slots=True)
class Cue:
    """The word that gives an expression its tense: ``tense``, how far it is from the expression
    (in characters, weighted: a cue after it or a weak one counts as further), the word, and
    whether it comes ``before`` the expression."""

    tense: str
    distance: int
    word: str
    before: bool


@dataclass(frozen=True, slots=True)
class Context:
    """Where a match lies: the document text, the searched span's bounds and the anchor."""

    text: str
    start: int
    end: int
    span_start: int
    span_end: int
    anchor: dt.date | None

    def before(self, width: int = 40) -> str:
        return self.text[max(self.span_start, self.start - width) : self.start]

    def after(self, width: int = 40) -> str:
        return self.text[self.end : min(self.span_end, self.end + width)]

    def sentence(self) -> tuple[int, int]:
        """The bounds of the sentence around the match, inside the searched span."""
        left = self.span_start
        for found in _SENTENCE_END.finditer(self.text, max(self.span_start, self.start - 300), self.start):
            left = found.end()
        right_match = _SENTENCE_END.search(self.text, self.end, min(self.span_end, self.end + 300))
        right = right_match.start() if right_match else min(self.span_end, self.end + 300)
        return left, right

    def tense(self) -> str | None:
        """``future`` or ``past`` by the tense cue nearest the match in its sentence, or None."""
        found = self.tense_cue()
        return found.tense if found else None

    def tense_cue(self) -> Cue | None:
        """The tense cue nearest the match in its sentence (see ``Cue``)."""
        left, right = self.sentence()
        best: Cue | None = None
        for cue in _CUE.finditer(self.text, left, right):
            if self.start <= cue.start() < self.end:
                continue
            if cue.group("intent") and cue.start() > self.start:
                # A past verb of intent looks ahead only for what follows it: "the team planned
                # to leave on Thursday" (not "on Saturday they vowed to return").
                continue
            word = cue.group().lower()
            future = cue.group("future") is not None or word in _FUTURE_ED
            kind = "future" if future else "past"
            if cue.group("past") is not None and word not in _FUTURE_ED:
                preceding = self.text[max(left, cue.start() - 20) : cue.start()]
                if _PASSIVE_AFTER_BE.search(preceding):
                    kind = "future"
                elif _PASSIVE_AFTER_AUXILIARY.search(preceding):
                    continue
            distance = self.start - cue.end() if cue.end() <= self.start else cue.start() - self.end
            # Cues on the left govern the expression more often than those after it.
            distance = distance if cue.end() <= self.start else distance + 15
            distance += 40 if word in _WEAK else 0
            if best is None or distance < best.distance:
                best = Cue(kind, distance, word, cue.end() <= self.start)
        return best


def tense_at(text: str, start: int, end: int) -> str | None:
    """The tense cue nearest ``text[start:end]`` in its sentence (see ``Context.tense``)."""
    return Context(text, start, end, 0, len(text), None).tense()


def relative(
    kind: TimeType,
    ctx: Context,
    compute: Callable[[dt.date], str | None],
    mod: str | None = None,
    tense: str | None = None,
) -> Reading:
    """A reading whose value needs the anchor: None when nobody knows the anchor."""
    value = compute(ctx.anchor) if ctx.anchor is not None else None
    return Reading(kind, value, relative=True, mod=mod, tense=tense)


Handler = Callable[[re.Match[str], Context], Reading | None]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    handler: Handler


def rule(name: str, pattern: str, handler: Handler, flags: int = re.I, starts: str | None = None) -> Rule:
    """``starts``: the characters a match can begin with (a character class's inside, read with the
    same flags), for a pattern whose long optional lead-in the regex engine would otherwise try at
    every position of the text; it must hold the first character of every alternative the pattern
    can begin with, optional parts included, so that it changes no match."""
    if starts is not None:
        pattern = f"(?=[{starts}])(?:{pattern})"
    return Rule(name, re.compile(pattern, flags), handler)


_UNITS_WORDS = "one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_TWO_DIGITS = rf"(?:(?:{'|'.join(_TENS_WORDS)})(?:[- ](?:{'|'.join(_UNITS_WORDS)}))?|{'|'.join(_TEENS)}|oh[- ](?:{'|'.join(_UNITS_WORDS)}))"
# A year in words: "nineteen ninety-six", "two thousand", "two thousand and eight".
WORD_YEAR = (
    rf"(?P<wyear>(?:seventeen|eighteen|nineteen|twenty)[- ]{_TWO_DIGITS}|two thousand(?:(?: and)? (?:{_TWO_DIGITS}|{'|'.join(_UNITS_WORDS)}))?)\b"
    r"(?![\s-]+(?-i:years?|months?|days?|hours?|more|or|to|and|dollars|euros|pounds|people|men|troops|(?!has|was)[a-z]+s)\b)"
)


def _two_digit_words(words: str) -> int:
    parts = re.split(r"[- ]", words)
    if parts[0] == "oh":
        return _UNITS_WORDS.index(parts[1]) + 1
    if parts[0] in _TEENS:
        return 10 + _TEENS.index(parts[0])
    value = 20 + 10 * _TENS_WORDS.index(parts[0])
    return value + (_UNITS_WORDS.index(parts[1]) + 1 if len(parts) > 1 else 0)


def word_year(words: str) -> int:
    """The year a spelled-out year stands for ("nineteen ninety-six" -> 1996)."""
    words = words.lower()
    if words.startswith("two thousand"):
        rest = words[len("two thousand") :].replace(" and ", " ").strip()
        if not rest:
            return 2000
        return 2000 + (_UNITS_WORDS.index(rest) + 1 if rest in _UNITS_WORDS else _two_digit_words(rest))
    century, rest = re.split(r"[- ]", words, maxsplit=1)
    return 100 * (17 + ["seventeen", "eighteen", "nineteen", "twenty"].index(century)) + _two_digit_words(rest)


def match_year(match: re.Match[str]) -> int | None:
    """The year a match names, in digits (group ``year``) or words (group ``wyear``)."""
    groups = match.groupdict()
    if groups.get("year"):
        return int(groups["year"])
    if groups.get("wyear"):
        return word_year(groups["wyear"])
    return None
