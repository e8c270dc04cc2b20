"""The words temporal expressions are made of: months, weekdays, units, numbers, modifiers.

Every table here is an immutable mapping read by the rules; the regular-expression fragments
built from them are plain strings, so a rule reads as the English it matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType


def _frozen(pairs: Iterable[tuple[str, int]]) -> Mapping[str, int]:
    return MappingProxyType(dict(pairs))


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so that "Sept" wins over "Sep"."""
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))


_MONTH_NAMES = (
    ("January", "Jan"),
    ("February", "Feb"),
    ("March", "Mar"),
    ("April", "Apr"),
    ("May",),
    ("June", "Jun"),
    ("July", "Jul"),
    ("August", "Aug"),
    ("September", "Sept", "Sep"),
    ("October", "Oct"),
    ("November", "Nov"),
    ("December", "Dec"),
)
MONTHS = _frozen((name.lower(), number) for number, names in enumerate(_MONTH_NAMES, 1) for name in names)
# Month names are matched case-sensitively (capitalised or all capitals): "may", "march" and
# "august" in lower case are a verb, a verb and an adjective.
_MONTH_FORMS = [form for names in _MONTH_NAMES for name in names for form in (name, name.upper())]
MONTH = rf"(?-i:(?:{_alternation(_MONTH_FORMS)})(?![a-z]))\.?"
FULL_MONTH = (
    rf"(?-i:(?:{_alternation(n[0] for n in _MONTH_NAMES)}|{_alternation(n[0].upper() for n in _MONTH_NAMES)})\b)"
)

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS = _frozen(
    pair for number, name in enumerate(_WEEKDAY_NAMES) for pair in ((name.lower(), number), (name[:3].lower(), number))
)
WEEKDAY_STEM = rf"(?-i:{_alternation(_WEEKDAY_NAMES)}|{_alternation(n.upper() for n in _WEEKDAY_NAMES)})"
WEEKDAY = rf"(?:{WEEKDAY_STEM})\b"
WEEKDAY_OR_ABBREVIATION = rf"(?:{WEEKDAY}|(?-i:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.))"

SEASONS: Mapping[str, str] = MappingProxyType(
    {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
)
SEASON = r"(?:spring|summer|fall|autumn|winter)"

PARTS_OF_DAY: Mapping[str, str] = MappingProxyType(
    {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
)
PART_OF_DAY = r"(?:morning|afternoon|evening|night)"

# TimeML duration letters and how many of them one unit is. Decades and centuries are written
# in years, as the TimeBank gold mostly does ("two decades" is P20Y).
UNITS: Mapping[str, tuple[str, int]] = MappingProxyType(
    {
        "second": ("S", 1),
        "minute": ("M", 1),
        "hour": ("H", 1),
        "day": ("D", 1),
        "night": ("D", 1),
        "week": ("W", 1),
        "fortnight": ("W", 2),
        "month": ("M", 1),
        "quarter": ("Q", 1),
        "year": ("Y", 1),
        "decade": ("Y", 10),
        "century": ("Y", 100),
    }
)
CLOCK_UNITS = frozenset({"second", "minute", "hour"})
UNIT = r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur(?:y|ies))"
CALENDAR_UNIT = r"(?:day|week|weekend|month|quarter|year|decade|century)"


def unit_of(word: str) -> str:
    """The singular unit name of ``word`` ("Centuries" -> "century", "years" -> "year")."""
    word = word.lower()
    if word.startswith("centur"):
        return "century"
    return word[:-1] if word.endswith("s") else word


_SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
NUMBER_WORDS = _frozen(
    [(word, value) for value, word in enumerate(_SMALL)]
    + [(word, 20 + 10 * index) for index, word in enumerate(_TENS)]
    + [
        ("a", 1),
        ("an", 1),
        ("a couple of", 2),
        ("a couple", 2),
        ("couple of", 2),
        ("dozen", 12),
        ("hundred", 100),
        ("a hundred", 100),
        ("a dozen", 12),
    ]
)
NUMBER_WORD = (
    rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_SMALL[1:10])}))?|{'|'.join(_SMALL[1:])}|a dozen|a hundred|dozen)"
)
# A count: digits (with a fraction), number words, or a vague quantity (valued as X).
VAGUE = r"(?:several|a few|few|a couple of|a couple|couple of|many|some|numerous|a number of|a handful of)"
COUNT = rf"(?:\d+(?:\.\d+)?(?:\s+1/2|\s*½)?|{NUMBER_WORD}(?:\s+and\s+a\s+half)?|{VAGUE}|an?)"


def parse_count(words: str) -> float | None:
    """The number a count stands for, or None for a vague one ("several", "a few")."""
    words = words.lower().strip()
    half = 0.0
    for suffix in (" 1/2", "½", " and a half"):
        if words.endswith(suffix):
            words, half = words[: -len(suffix)].strip(), 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", words):
        return float(words) + half
    if words in NUMBER_WORDS:
        return NUMBER_WORDS[words] + half
    parts = re.split(r"[- ]", words)
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]] + half
    return None


ORDINALS = _frozen(
    (word, number)
    for number, word in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(), 1
    )
)
ORDINAL = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d{1,2}(?:st|nd|rd|th))"
)


def parse_ordinal(word: str) -> int | None:
    word = word.lower()
    if word in ORDINALS:
        return ORDINALS[word]
    digits = re.match(r"\d+", word)
    return int(digits.group()) if digits else None


# TimeML's modifiers, by the words that introduce them.
POINT_MODS: Mapping[str, str] = MappingProxyType(
    {
        "early": "START",
        "earlier": "START",
        "beginning": "START",
        "start": "START",
        "late": "END",
        "later": "END",
        "end": "END",
        "close": "END",
        "mid": "MID",
        "middle": "MID",
    }
)
QUANTITY_MODS: Mapping[str, str] = MappingProxyType(
    {
        "about": "APPROX",
        "around": "APPROX",
        "approximately": "APPROX",
        "roughly": "APPROX",
        "some": "APPROX",
        "nearly": "LESS_THAN",
        "almost": "LESS_THAN",
        "just under": "LESS_THAN",
        "less than": "LESS_THAN",
        "under": "LESS_THAN",
        "more than": "MORE_THAN",
        "over": "MORE_THAN",
        "just over": "MORE_THAN",
        "at least": "EQUAL_OR_MORE",
        "no less than": "EQUAL_OR_MORE",
        "up to": "EQUAL_OR_LESS",
        "at most": "EQUAL_OR_LESS",
        "no more than": "EQUAL_OR_LESS",
    }
)
QUANTITY_MOD = rf"(?:{_alternation(QUANTITY_MODS)})"
