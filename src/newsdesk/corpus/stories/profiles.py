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
from newsdesk.corpus.stories.model import SHIPPED, Profile, StorySettings, Vector
from newsdesk.model import DateHow, Document, Span, without_outlet

# Named-entity labels whose words name an actor, place or thing the story is about.
_ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
# The words of a name that are names: capitalised ("Gulf of Aden": Gulf, Aden), not the
# lower-case words a tagger sometimes takes in ("internationally recognised corridor").
_NAME_WORD = re.compile(r"\b[A-Z][\w'’.-]*")
_YEAR = re.compile(r"^(\d{4})(?:-(\d{2}))?")
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
    return Profile(
        document.id,
        _day(document),
        (_sublinear(actors), _sublinear(words), _sublinear(dates), _sublinear(happenings)),
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
