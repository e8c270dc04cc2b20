"""Rules for expressions that carry their own year: full dates, months of a year, years,
decades, centuries and quarters of a year."""

from __future__ import annotations

import datetime as dt
import re

from newsdesk.model import TimeType
from newsdesk.time.grammar import DAY, WORD_YEAR, YEAR, Context, Reading, Rule, match_year, rule
from newsdesk.time.lexicon import MONTH, MONTHS, ORDINAL, POINT_MODS, SEASON, SEASONS, WEEKDAY, parse_ordinal

ANY_YEAR = rf"(?:{YEAR}|{WORD_YEAR})"
POINT_MOD = r"(?P<pmod>early|mid|late|the (?:start|beginning|middle|end|close) of|(?:the )?(?:start|beginning|end) of)"
_QUARTER = r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal[\s-]+|calendar[\s-]+)?quarter"
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7}
_DECADE_WORDS |= {"eighties": 8, "nineties": 9}


def point_mod(match: re.Match[str]) -> str | None:
    """TimeML's START/MID/END for "early", "mid-", "late", "the end of" and the like."""
    groups = match.groupdict()
    words = f"{groups.get('pmod') or ''} {groups.get('early') or ''}".lower().replace("-", " ").split()
    for word in words:
        if word in POINT_MODS:
            return POINT_MODS[word]
    return None


def month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def date_value(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _iso(match: re.Match[str], ctx: Context) -> Reading | None:
    value = date_value(int(match["year"]), int(match["mon"]), int(match["day"]))
    if value is None:
        return None
    if match["hour"] and int(match["hour"]) < 24 and int(match["minute"]) < 60:
        return Reading(TimeType.TIME, f"{value}T{match['hour']}:{match['minute']}")
    return Reading(TimeType.DATE, value)


def _numeric(match: re.Match[str], ctx: Context) -> Reading | None:
    first, second = int(match["a"]), int(match["b"])
    year = int(match["y"])
    if year < 100:
        year += 1900 if year > 40 else 2000
    # Dotted dates are day-first; slashed ones are month-first (as in American news) unless
    # only the day-first reading is possible.
    if match["sep"] == "." or first > 12:
        first, second = second, first
    value = date_value(year, first, second)
    return Reading(TimeType.DATE, value) if value else None


def _full_date(match: re.Match[str], ctx: Context) -> Reading | None:
    year = match_year(match)
    value = date_value(year, month_number(match["month"]), int(match["day"])) if year else None
    return Reading(TimeType.DATE, value, mod=point_mod(match)) if value else None


def _month_year(match: re.Match[str], ctx: Context) -> Reading | None:
    year = match_year(match)
    if year is None:
        return None
    return Reading(TimeType.DATE, f"{year:04d}-{month_number(match['month']):02d}", mod=point_mod(match))


def _season_year(match: re.Match[str], ctx: Context) -> Reading | None:
    year = match_year(match)
    if year is None:
        return None
    return Reading(TimeType.DATE, f"{year:04d}-{SEASONS[match['season'].lower()]}", mod=point_mod(match))


_YEAR_PREFIX_MODS = {"pre": "BEFORE", "post": "AFTER"}


def _year(match: re.Match[str], ctx: Context) -> Reading | None:
    year = match_year(match)
    if year is None:
        return None
    prefix = (match["prefix"] or "").lower()
    if not prefix and match["year"]:
        # A bare number is a year only where it is not counting something ("1500 troops").
        following = re.match(r"\s+([a-z]+)", ctx.after(20))
        before = ctx.before(12).lower()
        plural = following is not None and re.fullmatch(r"[a-z]+[^s']s", following.group(1)) is not None
        if plural and following is not None and following.group(1) not in _YEAR_FOLLOWERS:
            return None  # "2000 people", "1500 troops"
        if re.search(
            r"\b(?:about|some|nearly|almost|than|over|under|around|approximately|least|only|just)\s*$", before
        ):
            return None
        if re.search(r"\b(?:no\.|number|page|pages|route|flight|room|article|section|model|uss|hms)\s*$", before):
            return None
    mod = _YEAR_PREFIX_MODS.get(prefix) or point_mod(match)
    return Reading(TimeType.DATE, f"{year:04d}", mod=mod)


# Lower-case words after a bare year that still read as a date ("in 2011 and", "2011 was").
_YEAR_FOLLOWERS = frozenset(
    "and or to was were is will when after before as that the a an at by for from in on of but with "
    "until through since while election elections budget season levels level figures results period "
    "campaign vote census report crisis earthquake war law act olympics".split()
)


def _short_year(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "since '82": the century is the one that puts the year at or before the anchor's."""
    short = int(match["yy"])
    century = 2000 if ctx.anchor is not None and 2000 + short <= ctx.anchor.year else 1900
    if ctx.anchor is None and short < 30:
        century = 2000
    return Reading(TimeType.DATE, f"{century + short:04d}")


# "a couple in their seventies", "a man in his early 40s", "aged in her 30s": an age, not a decade.
_AGE_BEFORE = re.compile(
    r"\b(?:(?:in|into|to)\s+(?:his|her|their|my|your|our)|aged|ages?)\s+(?:(?:early|mid|late)[\s-]*)?$",
    re.I,
)


def _decade(match: re.Match[str], ctx: Context) -> Reading | None:
    if _AGE_BEFORE.search(ctx.before(40)):
        return None
    if match["dy"]:
        value = match["dy"]
    elif match["dyy"] or match["dyy2"]:
        value = "19" + (match["dyy"] or match["dyy2"])
    else:
        value = f"19{_DECADE_WORDS[match['dword'].lower()]}"
    return Reading(TimeType.DATE, value, mod=point_mod(match))


def _century(match: re.Match[str], ctx: Context) -> Reading | None:
    number = parse_ordinal(match["ord"])
    if number is None or not 1 <= number <= 30:
        return None
    return Reading(TimeType.DATE, f"{number - 1:02d}", mod=point_mod(match))


def _quarter(match: re.Match[str], ctx: Context) -> Reading | None:
    year = match_year(match)
    ordinal = match.groupdict().get("ord")  # "the third quarter"; "Q3 2017" has only the digit
    number = parse_ordinal(ordinal) if ordinal else int(match["q"])
    if year is None or number is None or not 1 <= number <= 4:
        return None
    return Reading(TimeType.DATE, f"{year:04d}-Q{number}", mod=point_mod(match))


RULES: tuple[Rule, ...] = (
    rule(
        "iso-date",
        r"\b(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2}))?(?![\d-])",
        _iso,
    ),
    rule(
        "numeric-date",
        r"(?<![\d./-])(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d./-]\d?)",
        _numeric,
    ),
    rule(
        "month-day-year",
        rf"(?:{WEEKDAY}\s*,?\s+)?(?:{POINT_MOD}[\s-]+)?(?P<month>{MONTH})\s+{DAY}\s*,?\s+{ANY_YEAR}",
        _full_date,
        starts="abdefjlmnostw",  # a weekday's, POINT_MOD's or a month's first letter
    ),
    rule(
        "day-month-year",
        rf"(?:{WEEKDAY}\s*,?\s+)?(?:the\s+)?{DAY}\s+(?:of\s+)?(?P<month>{MONTH})\s*,?\s+{ANY_YEAR}",
        _full_date,
    ),
    rule(
        "month-year",
        rf"(?:{POINT_MOD}[\s-]+)?(?P<month>{MONTH})\s*,?\s+(?:of\s+)?{ANY_YEAR}",
        _month_year,
        starts="abdefjlmnost",  # POINT_MOD's or a month's first letter
    ),
    rule(
        "season-year",
        rf"(?:{POINT_MOD}[\s-]+)?(?:the\s+)?(?P<season>{SEASON})\s+(?:of\s+)?{ANY_YEAR}",
        _season_year,
    ),
    rule(
        "year",
        rf"(?:(?P<prefix>fiscal|calendar|the year|pre|post|{POINT_MOD})[\s-]+)?{ANY_YEAR}(?!-(?:\d|[A-Z]))",
        _year,
        # The prefixes' and POINT_MOD's first letters (early, mid, late, the, start, beginning,
        # end), a year's first digit, a year in words' (seventeen... twenty, two thousand).
        starts="fcptemlsb12n",
    ),
    rule(
        "decade",
        rf"(?:the\s+)?(?:{POINT_MOD}[\s-]+(?:the\s+)?)?(?:(?:(?P<dy>1[5-9]\d|20\d)0|['‘’](?P<dyy>\d)0|(?<=the |and )(?P<dyy2>[1-9])0)'?s|(?P<dword>{'|'.join(_DECADE_WORDS)}))\b",
        _decade,
        starts="'‘’1-9beflmnst",  # "the", POINT_MOD, a decade's digits or mark, a decade word
    ),
    rule("short-year", r"\b(?:since|in|of|from|until|by|to) (?P<expr>['‘’](?P<yy>\d\d))\b(?!s)", _short_year),
    rule("century", rf"(?:the\s+)?(?:{POINT_MOD}[\s-]+)?(?P<ord>{ORDINAL})[\s-]+century\b", _century),
    rule("quarter-of-year", rf"(?:the\s+)?{_QUARTER}\s+(?:of\s+)?(?:fiscal\s+)?{ANY_YEAR}", _quarter),
    rule("year-quarter", rf"(?:the\s+)?(?:fiscal\s+)?{YEAR}(?:'s)?\s+{_QUARTER}", _quarter),
    rule("q-year", rf"\b(?-i:Q(?P<q>[1-4]))\s*{YEAR}", _quarter),
)
