"""Rules for clock times ("18:18", "3 p.m. Friday"), holidays ("Christmas") and the vague
references TimeML values as PRESENT_REF, PAST_REF and FUTURE_REF ("now", "recently")."""

from __future__ import annotations

import datetime as dt
import re

from newsdesk.model import TimeType
from newsdesk.time import calendar as cal
from newsdesk.time.absolute import date_value, month_number
from newsdesk.time.grammar import DAY, YEAR, Context, Reading, Rule, match_year, relative, rule
from newsdesk.time.lexicon import MONTH, NUMBER_WORDS, QUANTITY_MOD, QUANTITY_MODS, WEEKDAY, WEEKDAYS
from newsdesk.time.relative import deadline_tense, weekday_date

_ZONE = r"(?:\s+(?-i:[ECMP][SD]T|(?P<utc>GMT|UTC|Z)|BST|CET|CEST|EET|EEST|MSK|JST|IST|local time|Moscow time))"
_HOUR_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_CLOCK = (
    r"(?:(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.?\s?m\b\.?)"
    r"|(?<![\d:.,])(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:]|\.\d)"
    r"|\b(?P<named>noon|midnight|midday)\b"
    rf"|(?P<hword>\d{{1,2}}|{_HOUR_WORDS})\s+o'clock"
    r"|(?P<hmorning>\d{1,2}|" + _HOUR_WORDS + r")\s+in\s+the\s+(?P<half>morning|afternoon|evening)"
    r")"
)
_DAY_AFTER = rf"(?:\s*,?\s+(?:on\s+)?(?:(?P<dword>today|yesterday|tomorrow|tonight)|(?P<wd>{WEEKDAY})|(?P<month>{MONTH})\s+{DAY}(?:\s*,?\s+{YEAR})?))"


def _clock_time(match: re.Match[str]) -> str | None:
    """``HH:MM`` (or ``HH``) of the clock part of a match."""
    if match["named"]:
        return "24:00" if match["named"].lower() == "midnight" else "12:00"
    if match["h24"]:
        return f"{int(match['h24']):02d}:{match['m24']}"
    words = match["hword"] or match["hmorning"]
    if words:
        hour = int(words) if words.isdigit() else NUMBER_WORDS[words.lower()]
        if match["half"] and match["half"].lower() != "morning" and hour < 12:
            hour += 12
        return f"{hour:02d}:00" if 0 < hour <= 24 else None
    hour = int(match["hour"])
    pm = match["ampm"].lower().startswith("p")
    if not 1 <= hour <= 12:
        return None
    hour = (hour % 12) + (12 if pm else 0)
    return f"{hour:02d}:{match['minute'] or '00'}"


def _clock(match: re.Match[str], ctx: Context) -> Reading | None:
    clock = _clock_time(match)
    if clock is None:
        return None
    if match["utc"]:
        clock += "Z"  # ISO 8601's mark of universal time
    mod = QUANTITY_MODS.get((match["qmod"] or "").lower())
    if match["month"] and match["year"]:
        day = date_value(int(match["year"]), month_number(match["month"]), int(match["day"]))
        return Reading(TimeType.TIME, f"{day}T{clock}", mod=mod) if day else None
    tense = deadline_tense(ctx, ctx.tense())

    def compute(anchor: dt.date) -> str | None:
        if match["dword"]:
            shift = {"yesterday": -1, "tomorrow": 1}.get(match["dword"].lower(), 0)
            day: str | None = (anchor + dt.timedelta(days=shift)).isoformat()
        elif match["wd"]:
            day = weekday_date(anchor, WEEKDAYS[match["wd"].lower()], "", tense).isoformat()
        elif match["month"]:
            day = cal.month_day_near(anchor, month_number(match["month"]), int(match["day"]), None)
        else:
            day = anchor.isoformat()
        return f"{day}T{clock}" if day else None

    return relative(TimeType.TIME, ctx, compute, mod, tense)


def _holiday_date(name: str, year: int) -> dt.date | None:
    name = name.lower().replace("’", "'")
    if name.startswith("christmas"):
        return dt.date(year, 12, 24 if "eve" in name else 25)
    if name.startswith("new year"):
        return dt.date(year, 12, 31) if "eve" in name else dt.date(year, 1, 1)
    if name.startswith("thanksgiving"):
        return cal.nth_weekday(year, 11, 3, 4)
    if name.startswith("easter"):
        return cal.easter(year) + dt.timedelta(days=1 if "monday" in name else 0)
    if name.startswith("good friday"):
        return cal.easter(year) - dt.timedelta(days=2)
    if name.startswith("halloween"):
        return dt.date(year, 10, 31)
    if name.startswith("valentine"):
        return dt.date(year, 2, 14)
    return None


def _holiday(match: re.Match[str], ctx: Context) -> Reading | None:
    name = match["holiday"]
    if not match["year"] and re.match(r"\s+[A-Z]", ctx.after(3)):
        return None  # "Christmas Island", "Easter Island"
    week = bool(match["week"])
    year = match_year(match)

    def value_in(year: int) -> str | None:
        day = _holiday_date(name, year)
        if day is None:
            return None
        return cal.week_value(day) if week else day.isoformat()

    if year is not None:
        value = value_in(year)
        return Reading(TimeType.DATE, value) if value else None
    rel = (match["rel"] or "").lower()
    tense = "past" if rel == "last" else "future" if rel == "next" else ctx.tense()

    def compute(anchor: dt.date) -> str | None:
        if rel == "this":
            return value_in(anchor.year)
        days = [_holiday_date(name, year) for year in (anchor.year - 1, anchor.year, anchor.year + 1)]
        chosen = cal.pick_near(anchor, [d for d in days if d is not None], tense)
        return value_in(chosen.year) if chosen else None

    return relative(TimeType.DATE, ctx, compute, None, tense)


_REFERENCES = {
    "now": "PRESENT_REF",
    "right now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "presently": "PRESENT_REF",
    "recently": "PAST_REF",
    "more recently": "PAST_REF",
    "most recently": "PAST_REF",
    "lately": "PAST_REF",
    "the past": "PAST_REF",
    "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "the distant future": "FUTURE_REF",
    "the foreseeable future": "FUTURE_REF",
}


def _reference(match: re.Match[str], ctx: Context) -> Reading | None:
    words = re.sub(r"\s+", " ", match["ref"].lower())
    if words == "the past" and re.match(
        r"\s+(?:\d|few|several|two|three|four|five|six|seven|eight|nine|ten|year|month|week|day|decade|centur)",
        ctx.after(12),
        re.I,
    ):
        return None
    if words == "now" and re.match(r"[-]", ctx.after(1)):
        return None
    value = _REFERENCES[words]
    tense = {"PRESENT_REF": None, "PAST_REF": "past", "FUTURE_REF": "future"}[value]
    return Reading(TimeType.DATE, value, relative=True, tense=tense)


_HOLIDAY = r"(?P<holiday>Christmas(?: Day| Eve)?|New Year(?:'s|’s)(?: Day| Eve)?|Thanksgiving(?: Day)?|Easter(?: Sunday| Monday)?|Good Friday|Halloween|Valentine(?:'s|’s) Day)"

RULES: tuple[Rule, ...] = (
    rule(
        "clock",
        rf"(?:(?P<qmod>{QUANTITY_MOD})\s+)?{_CLOCK}{_ZONE}?{_DAY_AFTER}?",
        _clock,
    ),
    rule(
        "holiday",
        rf"(?:(?P<rel>last|this|next)\s+)?(?-i:{_HOLIDAY})(?P<week> week)?(?:\s*,?\s+{YEAR})?\b",
        _holiday,
    ),
    rule(
        "reference",
        r"\b(?P<ref>right now|now|currently|nowadays|these days|at present|presently|recently|more recently|most recently|lately|the (?:near |distant |foreseeable )?future|the past)\b",
        _reference,
    ),
)
