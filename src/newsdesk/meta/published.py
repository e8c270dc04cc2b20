"""When an article was published: from metadata, from a dateline, or inferred and said so."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from newsdesk.meta.dates import MONTHS, FoundDate, find_dates
from newsdesk.model import DateHow, Granularity, PartialDate, Published, RemovalReason, RemovedSpan, Span
from newsdesk.time.grammar import Context

# A sentence about what will or may happen does not bound the publication date.
_FUTURE = re.compile(
    r"\b(?:will|would|shall|scheduled|plans?|planned|expected|due|until|by the end of|next|"
    r"(?:is|are|was|were) to|set to|slated|upcoming|ahead of)\b|"
    # A headline's infinitive: "Minister to visit Oslo on May 3, 2018".
    r"^\W*(?-i:(?:[A-Z][\w.'’-]*\s+){1,5}to\s+[a-z]+)\b",
    re.I,
)
# A sentence ends at a stop before a capital, or at a line break ("Oct. 2, 2019" goes on).
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]*[A-Z])|\n")
# A wire dateline opening the body: "April 29 (UPI) --", "WASHINGTON, April 29 (Reuters) -".
_MONTH_NAME = "|".join(sorted(MONTHS, key=len, reverse=True))
_WIRE_DATELINE = re.compile(
    r"^[ \t]*(?:[A-Z][A-Z .'’-]{1,40},[ \t]*(?:[A-Z][\w .'’-]{1,30},[ \t]*)?)?"
    rf"(?P<date>(?P<month>(?i:{_MONTH_NAME}))\.?[ \t]+(?P<day>\d{{1,2}}))[ \t]*"
    r"\((?P<wire>[A-Z][\w .&/-]{0,40})\)[ \t]*[-–—]",
    re.M,
)
_DATELINE_SEARCH = 600  # characters from the start of the body where a dateline may stand
_SURE_DAYS = 60  # a dated event this close to a dateline fixes the dateline's year
_DAYS = (Granularity.DAY, Granularity.MINUTE)
_RELATIVE = re.compile(
    r"\b(?:\d+|an?|one|two|three|four|five|six|seven)\s+(?:minutes?|hours?|days?|weeks?)\s+ago\b|"
    r"\b(?:on|last)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\b(?:yesterday|today)\b",
    re.I,
)


def from_dateline(text: str, removed: Sequence[RemovedSpan]) -> Published | None:
    """The first date-time printed on a timestamp line of the page (``• 15.01.2026, 18:18``)."""
    for item in removed:
        if item.reason is not RemovalReason.TIMESTAMP:
            continue
        for found in find_dates(item.span.of(text), offset=item.span.start):
            return Published(found.date, DateHow.TEXT, (found.span,))
    return None


def from_wire_dateline(text: str, body: Sequence[Span]) -> Published | None:
    """The month and day of a wire dateline at the head of the body ("April 29 (UPI) --").

    A dateline gives no year: it is the one that puts the day on or after the latest dated past
    event the article reports (and within a year of it), or else on or before the earliest dated
    future one; only dates to the day bound it ("in March 2011" is as often background). The date
    counts as printed (``text``) when that event lies at most ``_SURE_DAYS`` from the dateline, so
    the year cannot be another; otherwise it is marked ``inferred``. The dateline and the event are
    the evidence.
    """
    if not body:
        return None
    start = body[0].start
    match = _WIRE_DATELINE.search(text, start, min(len(text), start + _DATELINE_SEARCH))
    if match is None or not any(span.start <= match.start("date") < span.end for span in body):
        return None
    month, day = MONTHS[match["month"].lower()], int(match["day"])
    past, future = _dated(text, body)
    past = [found for found in past if found.date.granularity in _DAYS]
    future = [found for found in future if found.date.granularity in _DAYS]
    if past:
        bound = max(past, key=lambda found: found.date.value)
        chosen = _day_in_year(month, day, _first_day(bound), after=True)
        side = "on or after the latest dated event it reports"
    elif future:
        bound = min(future, key=lambda found: found.date.value)
        chosen = _day_in_year(month, day, _first_day(bound), after=False)
        side = "on or before the earliest dated event it announces"
    else:
        return None
    if chosen is None:
        return None
    basis = f"the wire dateline '{match['date']}' ({match['wire']}), in the year that puts it {side} ('{bound.span.of(text)}')"
    evidence = (Span(match.start("date"), match.end("date")), bound.span)
    how = DateHow.TEXT if abs((chosen - _first_day(bound)).days) <= _SURE_DAYS else DateHow.INFERRED
    return Published(PartialDate(chosen.isoformat(), Granularity.DAY), how, evidence, basis=basis)


def _first_day(found: FoundDate) -> dt.date:
    value = found.date.value
    return dt.date(
        int(value[:4]), int(value[5:7]) if len(value) >= 7 else 1, int(value[8:10]) if len(value) >= 10 else 1
    )


def _day_in_year(month: int, day: int, bound: dt.date, after: bool) -> dt.date | None:
    """The month-day nearest ``bound`` on its side (``after`` or before), within a year of it."""
    for year in (bound.year, bound.year + 1) if after else (bound.year, bound.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        if (candidate >= bound if after else candidate <= bound) and abs((candidate - bound).days) <= 366:
            return candidate
    return None


def _dated(text: str, body: Sequence[Span]) -> tuple[list[FoundDate], list[FoundDate]]:
    """Dated events of the body: those reported as past (or undetermined), and those announced."""
    past: list[FoundDate] = []
    future: list[FoundDate] = []
    for span in body:
        for start, end in _sentences(text, span):
            sentence = text[start:end]
            announced = _FUTURE.search(sentence) is not None
            for found in find_dates(sentence, offset=start):
                tense = Context(text, found.span.start, found.span.end, start, end, None).tense()
                (future if announced or tense == "future" else past).append(found)
    return past, future


def _sentences(text: str, span: Span) -> list[tuple[int, int]]:
    bounds, start = [], span.start
    for end in _SENTENCE_END.finditer(text, span.start, span.end):
        bounds.append((start, end.start() + 1))
        start = end.end()
    bounds.append((start, span.end))
    return [(a, b) for a, b in bounds if text[a:b].strip()]


def infer(text: str, body: Sequence[Span], removed: Sequence[RemovedSpan]) -> Published | None:
    """No printed date: the article was published no earlier than the latest dated past event it reports.

    This is a lower bound, marked ``inferred``; relative cues ("1 day ago", "on Monday") are
    listed in the basis because they cannot be resolved without a reference date.
    """
    dated, _ = _dated(text, body)
    if not dated:
        return None
    latest = max(dated, key=lambda found: found.date.value)
    cues = [m.group() for span in _all_spans(body, removed) for m in _RELATIVE.finditer(text, span.start, span.end)]
    basis = f"not before the latest dated event it reports ('{latest.span.of(text)}')"
    if cues:
        basis += "; unresolved relative cues: " + ", ".join(f"'{cue}'" for cue in dict.fromkeys(cues))
    return Published(latest.date, DateHow.INFERRED, (latest.span,), basis=basis)


def _all_spans(body: Sequence[Span], removed: Sequence[RemovedSpan]) -> list[Span]:
    stamps = [item.span for item in removed if item.reason is RemovalReason.TIMESTAMP]
    return [*body, *stamps]
