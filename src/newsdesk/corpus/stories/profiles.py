"""An article as the story detector reads it: a profile in four channels (actors, content words,
explicit dates, the happenings its lead reports), weighted towards its headline and lead, and
the day it reports on."""

from __future__ import annotations

import datetime
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

from newsdesk.corpus.happenings import kind_of
from newsdesk.corpus.similarity import tokens
from newsdesk.corpus.stories.model import MONTH, SHIPPED, Profile, StorySettings, Vector
from newsdesk.model import DateHow, Document, Span, without_outlet

# Named-entity labels whose words name an actor, place or thing the story is about.
_ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
# The words of a name that are names: capitalised ("Gulf of Aden": Gulf, Aden), not the
# lower-case words a tagger sometimes takes in ("internationally recognised corridor").
_NAME_WORD = re.compile(r"\b[A-Z][\w'’.-]*")
_YEAR = re.compile(r"^(\d{4})(?:-(\d{2}))?")
# An amount written in digits, and how it is scaled by the word after it.
_AMOUNT = re.compile(
    r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)(?:\s*(bn|billion|m|mn|million|tn|trillion|k|thousand)\b)?(?![\w.]\w)",
    re.IGNORECASE,
)
_SCALES = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "billion": 1e9,
    "tn": 1e12,
    "trillion": 1e12,
}
_MONTH_NAMES = "january february march april may june july august september october november december".split()
_LETTER_SCALES = frozenset({"k", "m", "mn", "bn", "tn"})
_CURRENCIES = ("$", "£", "€", "¥")
# Predicates that name no happening of their own: being, having, and saying (what is said is
# the happening; who said it is in the actors).
_NO_HAPPENING = frozenset({"be", "have", "become", "seem", "remain", "do", "get", "statement"})
# Argument heads that say nothing of which happening it is.
_EMPTY_HEADS = frozenset(
    "i me we us you he him she her it they them this that these those who whom which what one "
    "herself himself itself themselves ourselves yourself myself there here".split()
)


def profile(document: Document, settings: StorySettings = SHIPPED) -> Profile:
    """The story detector's reading of one article."""
    title_span = document.title_span
    spans = document.body_spans
    lead_end = _lead_end(document.text, spans, title_span, settings.lead_chars)

    def place(start: int) -> float:
        if title_span is not None and title_span.start <= start < title_span.end:
            return settings.title_weight
        return settings.lead_weight if start < lead_end else 1.0

    words: defaultdict[str, float] = defaultdict(float)
    if document.title and title_span is None:
        for token in tokens(document.title):
            words[token] += settings.title_weight
    for span in spans:
        for start, token in _positioned_tokens(document.text, span):
            words[token] += place(start)
    actors: defaultdict[str, float] = defaultdict(float)
    for mention in document.mentions:
        if mention.label not in _ACTOR_LABELS:
            continue
        weight = place(mention.span.start)
        for word in _NAME_WORD.findall(mention.text):
            for token in tokens(word):
                if not token.isdigit():
                    actors["@" + token] += weight
    dates: defaultdict[str, float] = defaultdict(float)
    for time in document.times:
        if time.value is None or time.how.value != "explicit":
            continue
        match = _YEAR.match(time.value)
        if match:
            weight = place(time.span.start)
            dates["#" + match.group(1)] += weight
            if match.group(2):
                dates["#" + match.group(0)] += weight
    happenings = _happenings(document, lead_end, place)
    amounts = settings.specifics_bonus > 0 or settings.specifics_cost > 0
    specifics = _specifics(document, lead_end) if amounts else {}
    if settings.month_veto:
        specifics.update(_months(document))
    phrases = _phrases(document, lead_end) if settings.phrase_floor > 0 else {}
    return Profile(
        document.id,
        _day(document),
        (
            _sublinear(actors),
            _sublinear(words),
            _sublinear(dates),
            _sublinear(happenings),
            specifics,
            _sublinear(phrases),
        ),
        _headline(document),
        document.outlet.value if document.outlet else None,
    )


def _happenings(document: Document, lead_end: int, place: Callable[[int], float]) -> dict[str, float]:
    """What the headline and lead report happening: for each clause there, the kind of its
    happening (``~seizure``: "captured", "seized" and "apprehended" are one kind) and the kind
    with each argument's head word (``~seizure>pirate``, whichever voice the clause is in), so
    that two reports of one happening match in other words, and two happenings of one kind
    (the same navy capturing other pirates) differ in whom they touch. Arguments that are
    pronouns, numbers or times name no participant."""
    times = [time.span for time in document.times]
    found: defaultdict[str, float] = defaultdict(float)
    for proposition in document.propositions:
        start = proposition.predicate.start
        if start >= lead_end:
            continue
        kind = kind_of(proposition.lemma)
        if kind in _NO_HAPPENING or not kind.replace(" ", "").isalpha():
            continue
        weight = place(start)
        found["~" + kind] += weight
        for argument in proposition.arguments:
            head = argument.head.lower()
            if not head.isalpha() or head in _EMPTY_HEADS:
                continue
            if any(span.start < argument.span.end and argument.span.start < span.end for span in times):
                continue
            found[f"~{kind}>{head}"] += weight
    return found


def _specifics(document: Document, lead_end: int) -> dict[str, float]:
    """The amounts the headline and lead report: each number written in digits (money,
    percentages, counts), as its value (``=1.5e+09`` for "$1.5bn" and "1.5 billion"), so that
    two reports of one deal, order or result share it whichever way they write it. Numbers in a
    time expression or a name, and years, are no amounts."""
    taken = [time.span for time in document.times] + [mention.span for mention in document.mentions]
    found: dict[str, float] = {}
    if document.title and document.title_span is None:
        for match in _AMOUNT.finditer(document.title):
            if (value := amount(document.title[max(0, match.start() - 1) : match.end()])) is not None:
                found["=" + value] = 1.0
    for span in document.body_spans:
        end = min(span.end, lead_end)
        for match in _AMOUNT.finditer(document.text, span.start, max(span.start, end)):
            if any(other.start < match.end() and match.start() < other.end for other in taken):
                continue
            value = amount(document.text[max(span.start, match.start() - 1) : match.end()])
            if value is not None:
                found["=" + value] = 1.0
    return found


def _phrases(document: Document, lead_end: int) -> dict[str, float]:
    """Pairs of adjacent content words of the headline and lead (``court battle``): words in a
    name or a time expression, and numbers, break a pair and are left out (the names are the
    actors' channel, the times the dates')."""
    names = [mention.span for mention in document.mentions] + [time.span for time in document.times]
    found: defaultdict[str, float] = defaultdict(float)
    texts: list[tuple[str, int, int, bool]] = []
    if document.title and document.title_span is None:
        texts.append((document.title, 0, len(document.title), False))
    texts += [(document.text, span.start, min(span.end, lead_end), True) for span in document.body_spans]
    for text, start, end, located in texts:
        previous: str | None = None
        for match in re.finditer(r"\S+", text[start:end] if end > start else ""):
            at = start + match.start()
            if located and any(name.start <= at < name.end for name in names):
                previous = None
                continue
            for token in tokens(match.group()):
                if any(character.isdigit() for character in token):
                    previous = None
                    continue
                if previous is not None:
                    found[f"{previous} {token}"] += 1.0
                previous = token
    return found


def _months(document: Document) -> dict[str, float]:
    """The months the article's time expressions name, with or without their year ("on 5
    March", "last November", "February 2005"), as ``%3``, ``%11``, ``%2``."""
    found: dict[str, float] = {}
    for time in document.times:
        for word in re.findall(r"[a-z]+", time.text.lower()):
            if word in _MONTH_NAMES:
                found[f"{MONTH}{_MONTH_NAMES.index(word) + 1}"] = 1.0
    return found


def amount(text: str) -> str | None:
    """The value of the first number written in digits in ``text``, scaled by the word after it
    ("bn", "million"), in three significant figures; None when there is none, or when it is a
    year (a date, not an amount)."""
    match = _AMOUNT.search(text)
    if match is None:
        return None
    digits = match.group(1).replace(",", "")
    try:
        value = float(digits)
    except ValueError:
        return None
    scale = (match.group(2) or "").lower()
    if scale in _LETTER_SCALES and not text[: match.start()].rstrip().endswith(_CURRENCIES):
        scale = ""  # "800m" is a distance, "$800m" an amount
    if not scale and "." not in digits and 1900 <= value <= 2100:
        return None
    value *= _SCALES.get(scale, 1.0)
    return f"{value:.3g}"


def _headline(document: Document) -> str | None:
    """The article's headline, or its first sentence (at most 160 characters) when it has none."""
    if document.title:
        # A page title often ends with its outlet's name ("... - The Post"): the headline is the rest.
        return without_outlet(" ".join(document.title.split()), [document.outlet.value if document.outlet else None])
    body = " ".join(document.body.split())
    if not body:
        return None
    end = re.search(r"[.!?](?=\s|$)", body)
    sentence = body[: end.end()] if end else body
    return sentence if len(sentence) <= 160 else sentence[:159].rsplit(" ", 1)[0] + "…"


def _lead_end(text: str, spans: tuple[Span, ...], title: Span | None, length: int) -> int:
    """The offset where the lead (the first ``length`` body characters after the headline) ends."""
    counted = 0
    for span in spans:
        start = max(span.start, title.end) if title is not None and title.start < span.end else span.start
        if start >= span.end:
            continue
        if counted + span.end - start >= length:
            return start + length - counted
        counted += span.end - start
    return len(text)


def _positioned_tokens(text: str, span: Span) -> Iterable[tuple[int, str]]:
    for match in re.finditer(r"\S+", text[span.start : span.end]):
        for token in tokens(match.group()):
            yield span.start + match.start(), token


def _sublinear(counts: Mapping[str, float]) -> Vector:
    return {term: 1 + math.log(count) if count >= 1 else count for term, count in counts.items() if count > 0}


def _day(document: Document) -> int | None:
    """The day the article reports on, when its date is known from metadata or the text (an
    inferred date is a bound, not a date, and does not place the article in time)."""
    published = document.published
    if published is None or published.how not in (DateHow.METADATA, DateHow.TEXT):
        return None
    value = published.date.value
    if len(value) < 10:
        return None
    try:
        return datetime.date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None
