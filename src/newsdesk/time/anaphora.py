"""Dates that refer back to the date the story was just talking about ("that same year", "the
following month"): valued from the last date before them, not the anchor. ("A year earlier"
stays with the relative rules: news uses it against the publication date as often as not.)

The reading is ``explicit`` when that date carries its year and ``relative`` otherwise; with no
earlier date in the searched text the expression keeps no value, except "the day" and "the year"
of an account ("ended the day", "later in the day", "sales for the year"), which are then the
reference day's.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Sequence

from newsdesk.intervals import Disjoint
from newsdesk.model import Span, TimeExpression, TimeHow, TimeType
from newsdesk.time.calendar import granularity, interval, shift

_UNIT = r"(?:year|month|day)"
PATTERN = re.compile(
    rf"\b(?:(?:that|the)\s+same\s+{_UNIT}|that\s+{_UNIT}(?![\s-]+(?:old|long))|"
    rf"the\s+(?P<step>following|next|previous|preceding|prior)\s+{_UNIT})",
    re.I,
)
# "The day" only where it is the day of an account: "ended the day", "later in the day".
_THE_DAY = re.compile(
    r"\b(?:end|ends|ended|ending|finish|finished|finishing|close|closed|closing|for|during|throughout|"
    r"(?:later|late|earlier|early)\s+in)\s+(?P<expr>the\s+day)\b(?!\s*(?:before|after|of|when|that|which|[-'’]))"
    # "during the day Friday" is Friday's: the weekday rule has it.
    r"(?!\s+(?:on\s+)?(?:today|yesterday|tomorrow|[A-Z][a-z]+day)\b)",
    re.I,
)
# "The year" of an account: "earnings for the year", "the first nine months of the year".
_THE_YEAR = re.compile(
    r"\b(?:for|during|throughout|(?:later|late|earlier|early)\s+in|so\s+far\s+in|"
    r"(?:months|half|rest|remainder|balance|end|start|beginning)\s+of)\s+(?P<expr>the\s+(?:fiscal\s+)?year)\b"
    r"(?!\s*(?:before|after|earlier|ago|ended|ending|end|to|in|of|when|that|which|\d|[-'’]))",
    re.I,
)
_STEPS = {"following": 1, "next": 1, "previous": -1, "preceding": -1, "prior": -1}
_WIDTH = {"year": 4, "month": 7, "day": 10}


def find(
    text: str,
    low: int,
    high: int,
    taken: Sequence[TimeExpression],
    extractor: str,
    anchor: dt.date | None = None,
) -> list[TimeExpression]:
    """Anaphoric dates in ``[low, high)`` not overlapping ``taken``, valued from the date before each."""
    found: list[TimeExpression] = []
    held = Disjoint()
    for t in taken:
        held.cover(t.span.start, t.span.end)
    # The dated expressions by where they end, to find the last one before a match by bisection.
    dated = sorted(
        (t for t in taken if t.type is TimeType.DATE and t.value and granularity(t.value) in _WIDTH),
        key=lambda t: t.span.end,
    )
    ends = [t.span.end for t in dated]
    days = sorted(
        (t for t in taken if t.type in (TimeType.DATE, TimeType.TIME) and granularity(t.value) in _DAYS),
        key=lambda t: t.span.end,
    )
    day_ends = [t.span.end for t in days]
    for match in PATTERN.finditer(text, low, high):
        start, end = match.span()
        if held.overlaps(start, end):
            continue
        before = bisect_right(ends, start)
        found.append(_reading(match, text, Span(start, end), dated[before - 1] if before else None, extractor))
    for match in _THE_DAY.finditer(text, low, high):
        start, end = match.span("expr")
        if held.overlaps(start, end):
            continue
        found.append(_the_day(text, Span(start, end), days[: bisect_right(day_ends, start)], anchor, extractor))
    for match in _THE_YEAR.finditer(text, low, high):
        start, end = match.span("expr")
        if held.overlaps(start, end) or any(t.span.start < end and start < t.span.end for t in found):
            continue
        found.append(_the_day(text, Span(start, end), dated[: bisect_right(ends, start)], anchor, extractor, width=4))
    return found


_DAYS = ("day", "hour", "minute")


def _the_day(
    text: str,
    span: Span,
    before: Sequence[TimeExpression],
    anchor: dt.date | None,
    extractor: str,
    width: int = 10,
) -> TimeExpression:
    """ "The day" (``width`` 10) or "the year" (4) of an account is the last one named before it,
    else the reference day's."""
    previous = before[-1] if before else None
    if previous is not None and previous.value is not None:
        value: str | None = previous.value[:width]
        how = TimeHow.EXPLICIT if previous.how is TimeHow.EXPLICIT else TimeHow.RELATIVE
        used = previous.anchor
    else:
        value = anchor.isoformat()[:width] if anchor is not None else None
        how, used = TimeHow.RELATIVE, anchor.isoformat() if anchor is not None else None
    return TimeExpression(
        span=span,
        text=text[span.start : span.end],
        type=TimeType.DATE,
        value=value,
        how=how,
        anchor=used,
        extractor=extractor,
    )


def _reading(
    match: re.Match[str], text: str, span: Span, previous: TimeExpression | None, extractor: str
) -> TimeExpression:
    unit = _unit(match)
    value: str | None = None
    if previous is not None and previous.value is not None and len(previous.value) >= _WIDTH[unit]:
        days = interval(previous.value)
        if days is not None:
            value = _value(match, days[0], unit)
    return TimeExpression(
        span=span,
        text=text[span.start : span.end],
        type=TimeType.DATE,
        value=value,
        how=TimeHow.EXPLICIT if previous is not None and previous.how is TimeHow.EXPLICIT else TimeHow.RELATIVE,
        anchor=previous.anchor if previous is not None else None,
        extractor=extractor,
    )


def _unit(match: re.Match[str]) -> str:
    words = match.group().lower().split()
    return next(w.rstrip("s") for w in words if w.rstrip("s") in _WIDTH)


def _value(match: re.Match[str], day: dt.date, unit: str) -> str:
    amount = 0
    if match["step"]:
        amount = _STEPS[match["step"].lower()]
    if unit == "day":
        return (day + dt.timedelta(days=amount)).isoformat()
    return shift(day, unit, amount)
