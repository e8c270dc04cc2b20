"""Rules for durations ("four years", "the past 13 months", "a five-year plan") and sets
("every week", "daily", "on Mondays")."""

from __future__ import annotations

import re

from newsdesk.model import TimeType
from newsdesk.time.grammar import Context, Reading, Rule, rule
from newsdesk.time.lexicon import (
    CLOCK_UNITS,
    COUNT,
    FULL_MONTH,
    NUMBER_WORD,
    PART_OF_DAY,
    PARTS_OF_DAY,
    QUANTITY_MOD,
    QUANTITY_MODS,
    SEASON,
    SEASONS,
    UNIT,
    UNITS,
    WEEKDAY_STEM,
    WEEKDAYS,
    parse_count,
    unit_of,
)

# How a fraction of a unit is written in the next smaller one.
_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60), "Q": ("M", 3)}
_CLOCK_SMALLER = {"H": ("M", 60), "M": ("S", 60)}


def duration_value(amount: float | None, unit: str) -> str:
    """The TimeML value of ``amount`` units ("P4Y", "PT30M", "P2Y6M", "PXY" when vague)."""
    letter, size = UNITS[unit]
    clock = unit in CLOCK_UNITS
    prefix = "PT" if clock else "P"
    if amount is None:
        return f"{prefix}X{letter}"
    total = amount * size
    whole = int(total)
    if total == whole:
        return f"{prefix}{whole}{letter}"
    smaller, factor = (_CLOCK_SMALLER if clock else _SMALLER).get(letter, (letter, 1))
    rest = round((total - whole) * factor)
    if not clock and letter == "D":
        return f"P{whole}DT{rest}H" if whole else f"PT{rest}H"
    head = f"{whole}{letter}" if whole else ""
    return f"{prefix}{head}{rest}{smaller}"


def _duration(match: re.Match[str], ctx: Context) -> Reading | None:
    count = match["count"].lower()
    word = match["unit"].lower()
    unit = unit_of(word)
    plural = word.endswith("s") and unit != word
    if count in ("a", "an") and (plural or unit in ("second", "quarter")):
        return None  # "a second term", "a quarter of the votes"
    if unit == "quarter" and count in ("a", "an", "one", "two", "three") and re.match(r"\s+of\b", ctx.after(5)):
        return None  # a fraction
    if count in ("a", "an") and re.search(r"(?:\d|%|\btimes|\btwice|\bonce|[a-z]s)\s*$", ctx.before(12)):
        return None  # a rate ("$5 a year", "four flights a week"), which TimeBank leaves untagged
    if unit == "year" and re.match(r"[\s-]+old\b", ctx.after(6)):
        return None  # an age, which TimeBank leaves untagged
    if count == "some" and not plural:
        return None  # "some day", "some year"
    amount = parse_count(count)
    if amount is not None and amount >= 1000:
        return None  # a year ("the 1988 quarter"), not a count
    if amount is not None and amount == 1 and plural:
        return None
    mod = QUANTITY_MODS.get((match["qmod"] or "").lower())
    return Reading(TimeType.DURATION, duration_value(amount, unit), mod=mod)


def _adjective(match: re.Match[str], ctx: Context) -> Reading | None:
    unit = unit_of(match["unit"])
    if unit == "quarter" or match.group().lower().endswith("-old"):
        return None  # "three-quarters" is a fraction, "a 10-year-old" an age
    count = (match["count"] or "").lower()
    if count == "half":
        amount: float | None = 0.5
    elif count in ("", "one"):
        amount = 1.0 if not match["unit"].lower().endswith("s") or unit == "century" else None
    elif count in ("several", "multi", "many"):
        amount = None
    else:
        amount = parse_count(count)
        if amount is None:
            return None
    return Reading(TimeType.DURATION, duration_value(amount, unit))


def _vague_plural(match: re.Match[str], ctx: Context) -> Reading | None:
    unit = unit_of(match["unit"])
    if match["recent"]:
        return Reading(TimeType.DATE, "PAST_REF", relative=True, tense="past")
    return Reading(TimeType.DURATION, duration_value(None, unit))


_SET_WORDS = {
    "hourly": "PT1H",
    "daily": "P1D",
    "nightly": "P1D",
    "weekly": "P1W",
    "biweekly": "P2W",
    "fortnightly": "P2W",
    "monthly": "P1M",
    "annually": "P1Y",
    "yearly": "P1Y",
    "semiannually": "P6M",
}


def _set_word(match: re.Match[str], ctx: Context) -> Reading | None:
    return Reading(TimeType.SET, _SET_WORDS[match["word"].lower()])


def _every(match: re.Match[str], ctx: Context) -> Reading | None:
    if match["wd"]:
        part = PARTS_OF_DAY.get((match["part"] or "").lower())
        return Reading(TimeType.SET, f"XXXX-WXX-{WEEKDAYS[match['wd'].lower()] + 1}" + (f"T{part}" if part else ""))
    if match["season"]:
        return Reading(TimeType.SET, f"XXXX-{SEASONS[match['season'].lower()]}")
    if match["month"]:
        from newsdesk.time.absolute import month_number

        return Reading(TimeType.SET, f"XXXX-{month_number(match['month']):02d}")
    unit = unit_of(match["unit"])
    amount = parse_count(match["count"]) if match["count"] else 1.0
    if match["other"]:
        amount = (amount or 1.0) * 2
    return Reading(TimeType.SET, duration_value(amount, unit))


_ADJ_COUNT = rf"(?P<count>\d+(?:\.\d+)?|{NUMBER_WORD}|several|multi|many|half)"

RULES: tuple[Rule, ...] = (
    rule(
        "duration",
        rf"(?:(?P<qmod>{QUANTITY_MOD})\s+(?!the\b|these\b|those\b))?(?:(?:the|these|those)\s+)?(?:(?:past|last|next|first|coming|previous|following|latest|final|remaining|preceding|initial|recent|other)\s+)?\b(?P<count>{COUNT})\s+(?:(?:more|full|straight|consecutive|additional|long|short|successive)\s+)?(?P<unit>{UNIT}s?)\b(?!-|'s\b)",
        _duration,
        # The first letters of QUANTITY_MOD, "the"/"these"/"those", the ordinals above and COUNT
        # (a digit, a number word, "several", "a few", "couple of", "many", "some", "dozen"...).
        starts=r"acdefijlmnoprstu\d",
    ),
    rule(
        "duration-and-a-half",
        r"\b(?P<count>an?|one)\s+(?P<unit>minute|hour|day|week|month|year)\s+and\s+a\s+half\b",
        lambda m, c: Reading(TimeType.DURATION, duration_value(1.5, unit_of(m["unit"]))),
    ),
    rule(
        "half-unit",
        r"\b(?:half\s+an?|a\s+half)\s+(?P<unit>minute|hour|day|week|month|year|decade|century)\b",
        lambda m, c: Reading(TimeType.DURATION, duration_value(0.5, unit_of(m["unit"]))),
    ),
    rule(
        "duration-adjective",
        rf"\b(?:{_ADJ_COUNT}-)?(?P<unit>{UNIT}s?)(?(count)(?:-(?:long|old))?|-long)\b",
        _adjective,
        starts=r"acdefhmnoqstwy\d",  # a digit, a number word, "several", "multi", "many", "half", a unit
    ),
    rule(
        "vague-plural",
        r"(?:(?<=\bfor )|(?<=\bin )|(?P<recent>\brecent\s+)|\b(?:the\s+)?(?:coming|next few|past few|last few|future|past)\s+)(?P<unit>(?:minute|hour|day|week|month|quarter|year|decade|centurie)s)\b",
        _vague_plural,
    ),
    rule(
        "set-word",
        r"(?-i:\b(?P<word>hourly|daily|nightly|weekly|biweekly|fortnightly|monthly|annually|yearly|semiannually)\b)",
        _set_word,
    ),
    rule(
        "every",
        rf"\b(?:every|each)\s+(?P<other>other\s+)?(?:(?P<count>{COUNT})\s+)?(?:(?P<unit>{UNIT})s?|(?P<wd>{WEEKDAY_STEM})(?:\s+(?P<part>{PART_OF_DAY}))?|(?P<season>{SEASON})|(?P<month>{FULL_MONTH}))\b",
        _every,
    ),
    rule(
        "weekday-plural",
        rf"(?P<wd>{WEEKDAY_STEM})s\b(?:\s+and\s+{WEEKDAY_STEM}s\b)?(?:\s+(?P<part>{PART_OF_DAY})s?\b)?|\bon\s+(?P<wd2>{WEEKDAY_STEM})\s+(?P<part2>{PART_OF_DAY})s\b",
        lambda m, c: _weekday_set(m),
    ),
)


def _weekday_set(match: re.Match[str]) -> Reading | None:
    name = match["wd"] or match["wd2"]
    part = PARTS_OF_DAY.get((match["part"] or match["part2"] or "").lower())
    return Reading(TimeType.SET, f"XXXX-WXX-{WEEKDAYS[name.lower()] + 1}" + (f"T{part}" if part else ""))
