"""TimeML values as calendar arithmetic: write them, shift them, and say what days they cover."""

from __future__ import annotations

import calendar
import datetime as dt
import re

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("minute", r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?"),
        ("hour", r"\d{4}-\d{2}-\d{2}T(?:\d{2}|MO|AF|EV|NI|DT)"),
        ("day", r"\d{4}-\d{2}-\d{2}"),
        ("week", r"\d{4}-W\d{2}(?:-WE)?"),
        ("month", r"\d{4}-\d{2}"),
        ("season", r"\d{4}-(?:SP|SU|FA|WI)"),
        ("quarter", r"\d{4}-Q[1-4]"),
        ("year", r"\d{4}"),
        ("decade", r"\d{3}"),
        ("century", r"\d{2}"),
        ("ref", r"(?:PRESENT|PAST|FUTURE)_REF"),
        ("duration", r"PT?[\dX].*"),
        ("set", r".*X.*"),
    )
)

# Astronomical seasons, to the day (northern hemisphere, as TimeML assumes).
_SEASON_DAYS = {"SP": ((3, 20), (6, 20)), "SU": ((6, 21), (9, 22)), "FA": ((9, 23), (12, 20))}


def granularity(value: str | None) -> str | None:
    """How fine a TimeML value is: ``minute`` ... ``century``, ``duration``, ``set``, ``ref``."""
    if not value:
        return None
    for name, pattern in _PATTERNS:
        if pattern.fullmatch(value):
            return name
    return None


def interval(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last calendar day a DATE (or TIME) value covers; None when it covers no
    fixed stretch of the calendar (durations, sets, references, unresolved values)."""
    kind = granularity(value)
    if value is None or kind in (None, "duration", "set", "ref"):
        return None
    year = int(value[:4]) if kind not in ("decade", "century") else 0
    try:
        if kind in ("minute", "hour", "day"):
            day = dt.date.fromisoformat(value[:10])
            return day, day
        if kind == "week":
            week = int(value[6:8])
            monday = dt.date.fromisocalendar(year, week, 1)
            if value.endswith("-WE"):
                return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
            return monday, monday + dt.timedelta(days=6)
        if kind == "month":
            return _month_bounds(year, int(value[5:7]))
        if kind == "quarter":
            first = 3 * int(value[6]) - 2
            return dt.date(year, first, 1), _month_bounds(year, first + 2)[1]
        if kind == "season":
            code = value[5:]
            if code == "WI":
                return dt.date(year, 12, 21), dt.date(year + 1, 3, 19)
            (m1, d1), (m2, d2) = _SEASON_DAYS[code]
            return dt.date(year, m1, d1), dt.date(year, m2, d2)
        if kind == "year":
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if kind == "decade":
            start = int(value) * 10
            return dt.date(max(start, 1), 1, 1), dt.date(start + 9, 12, 31)
        start = int(value) * 100
        return dt.date(max(start, 1), 1, 1), dt.date(start + 99, 12, 31)
    except ValueError:
        return None


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def week_value(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def shift(anchor: dt.date, unit: str, amount: int) -> str:
    """The value ``amount`` units from ``anchor``, written at that unit's granularity
    ("four years ago" from 2019-06-10 is 2015; "three months ago" is 2019-03)."""
    if unit in ("day", "night"):
        return (anchor + dt.timedelta(days=amount)).isoformat()
    if unit == "week":
        return week_value(anchor + dt.timedelta(weeks=amount))
    if unit == "fortnight":
        return week_value(anchor + dt.timedelta(weeks=2 * amount))
    if unit == "weekend":
        return week_value(anchor + dt.timedelta(weeks=amount)) + "-WE"
    if unit == "month":
        year, month = add_months(anchor.year, anchor.month, amount)
        return f"{year:04d}-{month:02d}"
    if unit == "quarter":
        year, month = add_months(anchor.year, anchor.month, 3 * amount)
        return f"{year:04d}-Q{(month - 1) // 3 + 1}"
    if unit == "decade":
        return f"{anchor.year // 10 + amount:03d}"
    if unit == "century":
        return f"{anchor.year // 100 + amount:02d}"
    return f"{anchor.year + amount:04d}"


def weekday_near(anchor: dt.date, weekday: int, future: bool) -> dt.date:
    """The weekday on or before the anchor, or (``future``) the first one after it."""
    if future:
        return anchor + dt.timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1)
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


# How far back (or ahead) the tense may send a day named without a year: about eight months.
# Further than that, a writer would have given the year, so the nearest reading wins.
DAY_REACH = 240


# A month named without its year or "last" lies within about ten months before the reference
# date: further back, writers give the year ("in September last year"), so a past-tense cue far
# from the month that points further back is more likely misread than right. A cue in the month's
# own clause ("since May") and a future cue ("will") are reliable.
MONTH_REACH = 300


def pick_near(anchor: dt.date, candidates: list[dt.date], tense: str | None, reach: int = 183) -> dt.date | None:
    """The candidate the tense points to if it lies within ``reach`` days of the anchor, else
    the nearest: news rarely names a day far from the publication date without its year."""
    if not candidates:
        return None
    if tense is not None:
        side = [c for c in candidates if (c <= anchor if tense == "past" else c >= anchor)]
        if side:
            best = min(side, key=lambda c: abs((c - anchor).days))
            if abs((best - anchor).days) <= reach:
                return best
    return min(candidates, key=lambda c: abs((c - anchor).days))


def month_near(anchor: dt.date, month: int, tense: str | None, trusted: bool = True) -> str:
    """A month named without a year: the latest one on the tense's side (a month counts from its
    middle, and the anchor's own month is both past and future), the nearest when no tense shows.
    A past tense that is not ``trusted`` (its cue is far from the month) reaches back only
    ``MONTH_REACH`` days."""
    if month == anchor.month:
        return f"{anchor.year:04d}-{month:02d}"
    candidates = [dt.date(year, month, 15) for year in (anchor.year - 1, anchor.year, anchor.year + 1)]
    chosen = pick_near(anchor, candidates, tense, reach=MONTH_REACH if tense == "past" and not trusted else 366)
    return f"{chosen.year if chosen else anchor.year:04d}-{month:02d}"


def month_day_near(anchor: dt.date, month: int, day: int, tense: str | None) -> str | None:
    """A month and day written without a year: see ``pick_near``."""
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    chosen = pick_near(anchor, candidates, tense, reach=DAY_REACH)
    return chosen.isoformat() if chosen else None


def season_near(anchor: dt.date, code: str, offset: int) -> str:
    """``this`` (0), ``last`` (-1) or ``next`` (+1) season of a kind, as seen from the anchor:
    last is the latest one over before the anchor, next the first one begun after it."""
    if offset == 0:
        year = anchor.year - 1 if code == "WI" and anchor.month <= 6 else anchor.year
        return f"{year:04d}-{code}"
    spans = {year: interval(f"{year:04d}-{code}") for year in range(anchor.year - 2, anchor.year + 3)}
    if offset < 0:
        year = max(y for y, b in spans.items() if b is not None and b[1] < anchor)
    else:
        year = min(y for y, b in spans.items() if b is not None and b[0] > anchor)
    return f"{year:04d}-{code}"


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month = (h + el - 7 * m + 114) // 31
    day = (h + el - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
