"""Literal needles: for each time rule, words at least one of which a text must hold (in lower
case) for the rule's pattern to be able to match there. A span that holds none of a rule's needles
is not searched with it, which spares most of the 42 patterns on most sentences.

Each entry is a claim about its pattern: every match contains one of the needles. Rules whose
pattern has no such words map to ``()`` and always run. ``tests/test_time_needles.py`` holds each
family to its examples, and ``bench/time_prefilter.py`` checks the corpus finds the same times.

    present(lowered) -> frozenset[str]       the needles found in a lower-cased span
    may_match(name, found) -> bool           whether rule ``name`` can match there
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

# Any digit, as ``\d`` reads one (Unicode digits too): one search stands for the ten.
DIGIT = r"\d"
DIGITS = (DIGIT,)
# Every month name and abbreviation starts with one of these ("sept", "september" with "sep").
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
SEASONS = ("spring", "summer", "fall", "autumn", "winter")
# Every weekday name ends in "day"; the plural in "days".
WEEKDAY = ("day",)
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
        # "the 1990s", "the '80s", "the eighties" (every decade word ends in "ties").
        "decade": (*DIGITS, "ties"),
        "short-year": DIGITS,
        "century": ("century",),
        "quarter-of-year": ("quarter",),
        "year-quarter": ("quarter",),
        "q-year": DIGITS,
        "the-season": SEASONS,
        "day-word": ("today", "tonight", "yesterday", "tomorrow"),
        "part-of-day": (*PARTS_OF_DAY, "night"),
        "mid-part-of-day": PARTS_OF_DAY,
        "weekday": WEEKDAY,
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
        "holiday": ("christmas", "new year", "thanksgiving", "easter", "good friday", "halloween", "valentine"),
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
        "weekday-plural": ("days",),
    }
)

_WORDS = frozenset(needle for needles in NEEDLES.values() for needle in needles if needle != DIGIT)
_ANY_DIGIT = re.compile(DIGIT)


def present(lowered: str) -> frozenset[str]:
    """The needles that occur in ``lowered`` (a span already in lower case)."""
    found = {needle for needle in _WORDS if needle in lowered}
    if _ANY_DIGIT.search(lowered):
        found.add(DIGIT)
    return frozenset(found)


def may_match(name: str, found: frozenset[str]) -> bool:
    """Whether rule ``name`` can match a span holding the needles ``found``."""
    needles = NEEDLES.get(name, ())
    return not needles or not found.isdisjoint(needles)
