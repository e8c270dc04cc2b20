"""TimeML values as people write dates: "10 March 2026, afternoon", "summer 2026", "week 9 of
2026", "the 1970s". The value itself stays in the export and in a tooltip; what cannot be read is
shown as it is rather than guessed."""

from __future__ import annotations

import re

_MONTHS = "January February March April May June July August September October November December".split()
_PARTS = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "AU": "autumn", "WI": "winter"}
_QUARTERS = {"1": "first", "2": "second", "3": "third", "4": "fourth"}
_HALVES = {"1": "first", "2": "second"}
_REFERENCES = {"PRESENT_REF": "now", "PAST_REF": "in the past", "FUTURE_REF": "in the future"}

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T(?:(MO|AF|EV|NI|DT)|(\d{2}):(\d{2})(?::\d{2})?))?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|AU|WI)$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_DECADE = re.compile(r"^(\d{3})X$")
_CENTURY = re.compile(r"^(\d{2})XX$")


def readable(value: str | None) -> str:
    """``value`` (a TimeML date value) as people write it; anything else unchanged."""
    if not value:
        return "undated"
    if value in _REFERENCES:
        return _REFERENCES[value]
    if day := _DAY.match(value):
        year, month, date, part, hour, minute = day.groups()
        if not 1 <= int(month) <= 12:
            return value
        told = f"{int(date)} {_MONTHS[int(month) - 1]} {year}"
        if part:
            return f"{told}, {_PARTS[part]}"
        if hour == "24":
            return f"{told}, midnight"
        return f"{told}, {hour}:{minute}" if hour else told
    if month := _MONTH.match(value):
        number = int(month.group(2))
        return f"{_MONTHS[number - 1]} {month.group(1)}" if 1 <= number <= 12 else value
    if week := _WEEK.match(value):
        told = f"week {int(week.group(2))} of {week.group(1)}"
        return f"the weekend of {told}" if week.group(3) else told
    if season := _SEASON.match(value):
        return f"{_SEASONS[season.group(2)]} {season.group(1)}"
    if quarter := _QUARTER.match(value):
        return f"the {_QUARTERS[quarter.group(2)]} quarter of {quarter.group(1)}"
    if half := _HALF.match(value):
        return f"the {_HALVES[half.group(2)]} half of {half.group(1)}"
    if decade := _DECADE.match(value):
        return f"the {decade.group(1)}0s"
    if century := _CENTURY.match(value):
        return f"the {century.group(1)}00s"
    return value
