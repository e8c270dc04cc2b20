"""Line shapes of furniture that carries no label: a photo caption without "Photo:" or a credit,
and a promo headline pointing at another story.

An embedded social-media post is not furniture: trafilatura's gold counts it as article text, and it
is a statement by the post's author, for the quote stage to attribute, not for cleaning to drop.

A caption is a noun phrase about a picture, not a sentence: who is shown, where they stand in the
frame ("right", "second from left"), who is "with" them, and when it was taken; it has no finite
verb. The tests are on word classes (position words, auxiliaries, months), never on the wording of
any article.
"""

from __future__ import annotations

import re

from newsdesk.clean.lines import Line, ends_sentence, is_heading_shaped, strip_closers

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# Where a person stands in the frame, as an apposition: "X, right, ...", "X (second from left)".
_POSITION = (
    r"(?:(?:far |second |third |fourth |top |bottom |front |back |centre |center )?"
    r"(?:left|right|center|centre|middle|foreground|background|rear|front|top|bottom|above|below)"
    r"(?: (?:from|to) (?:the )?(?:left|right))?|(?:top|bottom|front|back) (?:left|right|row|center|centre)|"
    r"(?:(?:second|third|fourth|fifth) )?from (?:the )?(?:left|right)|clockwise from (?:top )?(?:left|right)|"
    r"pictured|inset)"
)
_POSITION_APPOSITION = re.compile(rf"(?:,\s*{_POSITION}\s*(?:,|$)|\(\s*{_POSITION}\s*\))", re.I)
_DATE_TAIL = re.compile(
    rf"(?:\b(?:in|on|at|during|from)\s+)?(?:(?:{_WEEKDAY},?\s+)?{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d|"
    rf"{_MONTH}\s+(?:19|20)\d\d|(?:19|20)\d\d|{_WEEKDAY}|{_MONTH}\s+\d{{1,2}})\s*[.]?$",
    re.I,
)
_NAME_START = re.compile(r"^[\"“]?[A-Z][\w.'’\-]*(?:\s+(?:[A-Z][\w.'’\-]*|de|van|von|al|bin|la|le|da|di))*")
# Words that make a clause finite: auxiliaries, modals, copulas and the commonest irregular pasts.
_FINITE = frozenset(
    """
    is are was were am be been 's has have had do does did will would shall should can could may might must
    said says told tells asked added went came took made gave met saw stood sat got held led left kept won lost
    became began brought fell felt found heard knew ran spoke thought wore wrote
    """.split()
)
_DETERMINERS = frozenset("a an the his her their its our my your this that these those".split())
_WORD = re.compile(r"[A-Za-z'’]+")
# A promo label in capitals before a headline: "RELATED: ...", "MUST READ: ...", "ALSO ON OUR SITE: ...".
_PROMO_LABEL = re.compile(r"^(?:[A-Z][A-Z'’]*(?:\s+[A-Z][A-Z'’]*){0,3})\s*[:|»›]\s*(?P<rest>\S.*)$")
_PROMO_WORDS = frozenset(
    "related read more also see watch listen must latest opinion analysis explainer trending recommended "
    "popular top stories story video photos podcast subscribe newsletter sign up follow don't miss editor's "
    "pick picks more from our on this topic next up".split()
)


def caption_shaped(line: Line) -> bool:
    """A caption without a label: a name (or names) with a position in the frame or "with"
    somebody, a date or a place at the end, and no finite verb."""
    text = line.text
    words = line.words
    if not 3 <= len(words) <= 40 or not _NAME_START.match(text) or _quoted(text):
        return False
    if text.count(". ") - _abbreviations(text) > 0:
        return False  # more than one sentence is prose
    positioned = _POSITION_APPOSITION.search(text)
    accompanied = re.search(r"\bwith\b", text)
    dated = _DATE_TAIL.search(strip_closers(text)) is not None
    if positioned:
        # "X, right, the former adviser, with Y": a position, then a description, not a verb.
        if not (accompanied or dated) or not _appositive_after(text[positioned.end() :]):
            return False
    elif accompanied is None or not dated or len(words) > 25 or not _names_only(text[: accompanied.start()]):
        return False
    return not _has_finite_verb(text, positioned)


# What may follow a position in the frame: a description, a companion, a place, a time; not a verb.
_AFTER_POSITION = frozenset(
    "a an the his her their its our and with at in on during alongside beside former then pictured".split()
)


def _appositive_after(rest: str) -> bool:
    first = _WORD.search(rest)
    return first is None or first.group()[:1].isupper() or first.group().lower() in _AFTER_POSITION


def _names_only(head: str) -> bool:
    """Before "with", a caption without a position names who is shown: capitalised words only
    ("Colonel Ivo Tamm", "Ms Berg and Mr Lake"), no clause."""
    tokens = _WORD.findall(head)
    return bool(tokens) and all(t[:1].isupper() or t.lower() in _NAME_JOINERS for t in tokens)


_NAME_JOINERS = frozenset("and of de van von al bin la le da di del".split())


def _quoted(text: str) -> bool:
    return any(mark in text for mark in '"“”')


def _abbreviations(text: str) -> int:
    """Sentence-looking breaks that are abbreviations ("Mr. Trump", "Jan. 5", "U.S. troops")."""
    return len(re.findall(r"\b(?:[A-Z][a-z]{0,3}|[A-Z](?:\.[A-Z])*)\. ", text))


def _has_finite_verb(text: str, positioned: re.Match[str] | None) -> bool:
    rest = text
    if positioned is not None:  # "left" as a position is not the past of "leave"
        rest = text[: positioned.start()] + " , " + text[positioned.end() :]
    tokens = _WORD.findall(rest)
    for index, token in enumerate(tokens):
        word = token.lower()
        if word in _FINITE or word.endswith("n't"):
            return True
        previous = tokens[index - 1] if index else ""
        if index and token.islower() and previous[:1].isupper() and previous.lower() not in _DETERMINERS:
            # "Smith speaks", "Smith arrived": a lower-case verb right after the subject's name.
            if word.endswith(("ed", "es")) or (word.endswith("s") and not word.endswith(("ss", "us", "is"))):
                return True
    return False


def promo_headline(line: Line) -> bool:
    """A label in capitals made of promo words, then a headline: a link to another story."""
    match = _PROMO_LABEL.match(line.text)
    if not match:
        return False
    label = line.text[: match.start("rest")].rstrip(" :|»›").lower()
    if not label or not all(word in _PROMO_WORDS for word in label.split()):
        return False
    rest = match.group("rest")
    headline = Line(0, 0, len(rest), len(rest), rest)
    return len(headline.words) <= 25 and (is_heading_shaped(headline, 25) or not ends_sentence(rest) or "?" in rest)
