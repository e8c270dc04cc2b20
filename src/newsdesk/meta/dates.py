"""Absolute dates written in article text, as partial dates with their spans."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from newsdesk.intervals import Disjoint
from newsdesk.model import Granularity, PartialDate, Span

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_TIME = r"(?:\s*[,|·•]?\s*(?:at\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:\s*(?P<ampm>[ap]\.?m\.?))?)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
# What every year of ``_YEAR`` starts with: a text without it holds no date.
_CENTURIES = re.compile(r"19|20")
_PATTERNS = (
    re.compile(rf"\b(?P<day>\d{{1,2}})\.(?P<mon>\d{{1,2}})\.{_YEAR}\b{_TIME}"),
    re.compile(rf"\b(?P<first>\d{{1,2}})/(?P<second>\d{{1,2}})/{_YEAR}\b{_TIME}"),
    re.compile(rf"\b{_YEAR}-(?P<mon>\d{{2}})-(?P<day>\d{{2}})(?:[T ](?P<hour>\d{{2}}):(?P<minute>\d{{2}}))?"),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b{_TIME}", re.I),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b{_TIME}", re.I),
    re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b", re.I),
    # A bare year, only where prose uses one as a date ("in 2011", "since 2014").
    re.compile(
        rf"\b(?:in|since|of|from|until|by|early|late|mid|year|summer|winter|spring|autumn|fall)[\s-]+{_YEAR}\b(?![\d,.]\d)",
        re.I,
    ),
)


@dataclass(frozen=True, slots=True)
class FoundDate:
    date: PartialDate
    span: Span


def find_dates(text: str, offset: int = 0) -> Iterator[FoundDate]:
    """Every absolute date in ``text`` (with a year), longest match first where they overlap."""
    if not _CENTURIES.search(text):
        return  # every pattern holds a year, and every year starts with one of them
    taken = Disjoint()
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if "year" in match.groupdict() and pattern is _PATTERNS[-1]:
                start = match.start("year")
            if taken.overlaps(start, end):
                continue
            date = _to_date(match)
            if date is None:
                continue
            taken.add(start, end)
            yield FoundDate(date, Span(offset + start, offset + end))


def _to_date(match: re.Match[str]) -> PartialDate | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("first"):
        # Slashed dates are day-first in most of the world, month-first in the US; only an
        # impossible reading decides, otherwise the date is too ambiguous to use.
        first, second = int(groups["first"]), int(groups["second"])
        if first > 12 >= second:
            groups["day"], groups["mon"] = groups["first"], groups["second"]
        elif second > 12 >= first:
            groups["day"], groups["mon"] = groups["second"], groups["first"]
        else:
            return None
    month = int(groups["mon"]) if groups.get("mon") else MONTHS.get((groups.get("month") or "").lower().rstrip("."))
    if month is None:
        return PartialDate(f"{year:04d}", Granularity.YEAR)
    if not 1 <= month <= 12:
        return None
    if not groups.get("day"):
        return PartialDate(f"{year:04d}-{month:02d}", Granularity.MONTH)
    day = int(groups["day"])
    if not 1 <= day <= 31:
        return None
    value = f"{year:04d}-{month:02d}-{day:02d}"
    if groups.get("hour") is None:
        return PartialDate(value, Granularity.DAY)
    hour, minute = int(groups["hour"]), int(groups["minute"])
    ampm = (groups.get("ampm") or "").replace(".", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return PartialDate(value, Granularity.DAY)
    return PartialDate(f"{value}T{hour:02d}:{minute:02d}", Granularity.MINUTE)


def parse_metadata_date(value: str | None) -> PartialDate | None:
    """A date given by HTML or JSON Lines metadata (ISO 8601 or close to it)."""
    if not value:
        return None
    for found in find_dates(value.strip()):
        return found.date
    match = re.fullmatch(r"\s*((?:19|20)\d{2})(?:-(\d{2}))?\s*", value)
    if match:
        year, month = match.groups()
        if month and 1 <= int(month) <= 12:
            return PartialDate(f"{year}-{month}", Granularity.MONTH)
        return PartialDate(year, Granularity.YEAR)
    return None
