"""Literal needles: for each time rule, words at least one of which a text must hold for the
rule's pattern to be able to match there. A needle in lower case is looked for in the lower-cased
text (the patterns ignore case); one with a capital letter is looked for as it is, for the names
the patterns match case-sensitively (months, weekdays, holidays). A span that holds none of a rule's needles
is not searched with it, which spares most of the 42 patterns on most sentences.

Each entry is a claim about its pattern: every match contains one of the needles. Rules whose
pattern has no such words map to ``()`` and always run. ``tests/time/test_needles.py`` holds each
family to its examples, and ``bench/time_prefilter.py`` checks the corpus finds the same times.

    present(text) -> frozenset[str]          the needles found in a span's text
    may_match(name, found) -> bool           whether rule ``name`` can match there
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

# Any digit, as ``\d`` reads one (Unicode digits too): one search stands for the ten.
DIGIT = r"\d"
DIGITS = (DIGIT,)
# Every month name and abbreviation, capitalised or in capitals ("Sept", "September"), starts with one
# of these: "may" or "march" in lower case is no month.
_MONTH_STEMS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS = _MONTH_STEMS + tuple(stem.upper() for stem in _MONTH_STEMS)
SEASONS = ("spring", "summer", "fall", "autumn", "winter")
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS = _WEEKDAY_NAMES + tuple(name.upper() for name in _WEEKDAY_NAMES)
UNITS = ("second", "minute", "hour", "day", "night", "week", "month", "quarter", "year", "decade", "centur")
PARTS_OF_DAY = ("morning", "afternoon", "evening")
# The first word of a year in words ("nineteen ninety-six", "two thousand and eight").
WORD_YEAR = ("seventeen", "eighteen", "nineteen", "twenty", "two thousand")

NEEDLES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "iso-date": DIGITS,
        "numeric-date": DIGITS,
        "month-day-year": MONTHS,
        "day-month-year": MONTHS,
        "month-year": MONTHS,
        "season-year": SEASONS,
        "year": DIGITS + WORD_YEAR,
        # "the 1990s", "the '80s", "the 80's", "the eighties" (every decade word ends in "ties").
        "decade": ("0s", "0's", "ties"),
        "short-year": DIGITS,
        "century": ("century",),
        "quarter-of-year": ("quarter",),
        "year-quarter": ("quarter",),
        "q-year": DIGITS,
        "the-season": SEASONS,
        "day-word": ("today", "tonight", "yesterday", "tomorrow"),
        "part-of-day": (*PARTS_OF_DAY, "night"),
        "mid-part-of-day": PARTS_OF_DAY,
        "weekday": WEEKDAYS,
        "month": MONTHS,
        "month-day": MONTHS,
        "day-of-month": MONTHS,
        "ago": ("ago", "earlier"),
        "relative-unit": ("year", "month", "week", "quarter", "decade", "century", *SEASONS),
        "the-weekend": ("weekend",),
        "end-of-unit": ("year", "month", "week", "quarter", "decade", "century"),
        "year-ended": ("year",),
        "full-year": ("year",),
        "year-period": DIGITS,
        "period": ("period",),
        "year-ago": ("year-",),
        "quarter": ("quarter",),
        # "3pm", "14:30", "noon", "ten o'clock", "ten in the morning".
        "clock": (*DIGITS, "noon", "midnight", "midday", "o'clock", *PARTS_OF_DAY),
        "holiday": ("Christmas", "New Year", "Thanksgiving", "Easter", "Good Friday", "Halloween", "Valentine"),
        # "nowadays" holds "now", "currently" "current", "presently" "present", "recently" "recent".
        "reference": ("now", "current", "these days", "present", "recent", "lately", "future", "the past"),
        "duration": UNITS,
        "duration-and-a-half": ("half",),
        "half-unit": ("half",),
        "duration-adjective": UNITS,
        "vague-plural": ("minutes", "hours", "days", "weeks", "months", "quarters", "years", "decades", "centuries"),
        # "biweekly" holds "weekly", "semiannually" "annually".
        "set-word": ("hourly", "daily", "nightly", "weekly", "fortnightly", "monthly", "annually", "yearly"),
        "every": ("every", "each"),
        "weekday-plural": WEEKDAYS,
    }
)

_WORDS = frozenset(needle for needles in NEEDLES.values() for needle in needles if needle != DIGIT)
_LOWER = frozenset(needle for needle in _WORDS if needle == needle.lower())
_CASED = _WORDS - _LOWER
_ANY_DIGIT = re.compile(DIGIT)


def present(text: str) -> frozenset[str]:
    """The needles that occur in ``text`` (lower-case needles in any case, the others as written)."""
    lowered = text.lower()
    found = {needle for needle in _LOWER if needle in lowered}
    found.update(needle for needle in _CASED if needle in text)
    if _ANY_DIGIT.search(text):
        found.add(DIGIT)
    return frozenset(found)


def may_match(name: str, found: frozenset[str]) -> bool:
    """Whether rule ``name`` can match a span holding the needles ``found``."""
    needles = NEEDLES.get(name, ())
    return not needles or not found.isdisjoint(needles)
