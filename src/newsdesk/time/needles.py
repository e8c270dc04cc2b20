"""Needles: for each time rule, words at least one of which a text must hold for the
rule's pattern to be able to match there. A needle in lower case is looked for in the lower-cased
text (the patterns ignore case); one with a capital letter is looked for as it is, for the names
the patterns match case-sensitively (weekdays, holidays); a few needles are patterns (any digit, a month
name as the rules read one, the digits of a clock time). A span that holds none of a rule's needles
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

from newsdesk.time.lexicon import MONTH

# Any digit, as ``\d`` reads one (Unicode digits too): one search stands for the ten.
DIGIT = r"\d"
DIGITS = (DIGIT,)
# A month's name or abbreviation as the rules read one: capitalised or in capitals, and not the start
# of a longer word ("March", "Sept", not "Market"). Every full name the rules read is one of these.
MONTH_WORD = MONTH
# What every clock time the rules read holds: an hour before "am"/"pm" ("9am", "10.30 p.m.") or an
# hour and minutes ("14:30").
CLOCK_DIGITS = r"\d(?:[:.]\d\d)?\s*[ap]\.?\s?m|\d:\d\d"
# Needles that are patterns, searched as they are written (``CLOCK_DIGITS`` ignoring case, as the rule does).
_SEARCHED = {DIGIT: re.compile(DIGIT), MONTH_WORD: re.compile(MONTH_WORD), CLOCK_DIGITS: re.compile(CLOCK_DIGITS, re.I)}
MONTH_WORDS = (MONTH_WORD,)
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
        "month-day-year": MONTH_WORDS,
        "day-month-year": MONTH_WORDS,
        "month-year": MONTH_WORDS,
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
        "month": MONTH_WORDS,
        "month-day": MONTH_WORDS,
        "day-of-month": MONTH_WORDS,
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
        "clock": (CLOCK_DIGITS, "noon", "midnight", "midday", "o'clock", *PARTS_OF_DAY),
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

_WORDS = frozenset(needle for needles in NEEDLES.values() for needle in needles if needle not in _SEARCHED)
_LOWER = frozenset(needle for needle in _WORDS if needle == needle.lower())
_CASED = _WORDS - _LOWER


def present(text: str) -> frozenset[str]:
    """The needles that occur in ``text`` (lower-case needles in any case, the others as written)."""
    lowered = text.lower()
    found = {needle for needle in _LOWER if needle in lowered}
    found.update(needle for needle in _CASED if needle in text)
    found.update(needle for needle, pattern in _SEARCHED.items() if pattern.search(text))
    return frozenset(found)


def may_match(name: str, found: frozenset[str]) -> bool:
    """Whether rule ``name`` can match a span holding the needles ``found``."""
    needles = NEEDLES.get(name, ())
    return not needles or not found.isdisjoint(needles)
