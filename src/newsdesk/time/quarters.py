"""Rules for the quarters and periods of financial reporting: "the third quarter", "the
latest period", "a year earlier" in a quarterly comparison, "the year ended March 31"."""

from __future__ import annotations

import datetime as dt
import re

from newsdesk.model import TimeType
from newsdesk.time import calendar as cal
from newsdesk.time.absolute import point_mod
from newsdesk.time.grammar import YEAR, Context, Reading, Rule, match_year, relative, rule
from newsdesk.time.lexicon import parse_ordinal

_OFFSETS = {"last": -1, "this": 0, "next": 1}


def in_quarter_context(ctx: Context) -> bool:
    """Whether a "year ago" compares quarterly results (said in the sentence or just before)."""
    left, right = ctx.sentence()
    left = max(ctx.span_start, min(left, ctx.start - 800))
    return bool(re.search(r"\bquarter|\bperiod\b", ctx.text[left:right], re.I))


def compares_quarters(ctx: Context) -> bool:
    """ "compared with $3 million last year", "up from last year's": a quarterly comparison."""
    before = ctx.before(60).lower()
    compares = re.search(r"(?:compared with|from|corresponding period|same period|versus|vs\.)[^.;]*$", before)
    return bool(compares or ctx.after(2) == "'s") and in_quarter_context(ctx)


def last_quarter(anchor: dt.date, years_back: int = 0) -> str:
    year, month = cal.add_months(anchor.year, anchor.month, -3)
    return f"{year - years_back:04d}-Q{cal.quarter_of(dt.date(year, month, 1))}"


def _year_ago_adjective(match: re.Match[str], ctx: Context) -> Reading | None:
    if match["noun"] or in_quarter_context(ctx):
        return relative(TimeType.DATE, ctx, lambda a: last_quarter(a, 1), None, "past")
    return relative(TimeType.DATE, ctx, lambda a: f"{a.year - 1:04d}", None, "past")


def _quarter(match: re.Match[str], ctx: Context) -> Reading | None:
    rel = (match["rel"] or "").lower()
    number = parse_ordinal(match["ord"]) if match["ord"] else None
    mod = point_mod(match)
    if not (rel or number or match["yrel2"] or match.group().lower().startswith("the")):
        return None  # "quarter" alone is a fraction or a district
    if rel in ("year-ago", "year-earlier"):
        if number is None:
            return relative(TimeType.DATE, ctx, lambda a: last_quarter(a, 1), mod, "past")
        return relative(TimeType.DATE, ctx, lambda a: _quarter_value(a, number, 1), mod, "past")
    if number is None:
        if rel in ("current", "this"):
            return relative(TimeType.DATE, ctx, lambda a: cal.shift(a, "quarter", 0), mod)
        if rel in ("next", "coming"):
            return relative(TimeType.DATE, ctx, lambda a: cal.shift(a, "quarter", 1), mod, "future")
        return relative(TimeType.DATE, ctx, lambda a: last_quarter(a), mod, "past")
    back = 1 if rel == "last" and "year" not in rel else 0
    if match["yrel"] or match["yrel2"]:
        back = -_OFFSETS[(match["yrel"] or match["yrel2"]).lower()]
    ahead = not (rel or match["yrel"] or match["yrel2"]) and ctx.tense() == "future"
    return relative(TimeType.DATE, ctx, lambda a: _quarter_value(a, number, back, ahead), mod)


def _quarter_value(anchor: dt.date, number: int, years_back: int, ahead: bool = False) -> str:
    """A numbered quarter without a year: this year's if it has begun, else last year's. Said in
    the future tense, the quarter not begun yet is this year's ("will close plants in the fourth
    quarter"), the one just over too (its results are reported later), and an earlier one is next
    year's ("will close in the first quarter", said in November)."""
    current = cal.quarter_of(anchor)
    if ahead:
        year = anchor.year + 1 if number < current - 1 else anchor.year
        return f"{year - years_back:04d}-Q{number}"
    year = anchor.year if current >= number else anchor.year - 1
    return f"{year - years_back:04d}-Q{number}"


def _period(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "the latest period", "the year-ago period": quarterly reporting's last quarter."""
    back = 0 if match["rel"].lower() in ("latest", "most recent") else 1
    return relative(TimeType.DATE, ctx, lambda a: last_quarter(a, back), None, "past")


_QUARTER_ORD = r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)"


def _year_period(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "the 1988 quarter", "the 1989 period": that year's quarter matching the one just reported."""
    year = match_year(match)
    if year is None:
        return None
    return relative(TimeType.DATE, ctx, lambda a: f"{year:04d}{last_quarter(a)[4:]}", None, "past")


def _year_ended(match: re.Match[str], ctx: Context) -> Reading | None:
    return Reading(TimeType.DURATION, "P1Y")


QUARTER_RULES: tuple[Rule, ...] = (
    rule("year-ended", r"\b(?P<expr>the\s+(?:fiscal\s+|financial\s+)?year)\s+end(?:ed|ing)\b", _year_ended),
    rule(
        "full-year",
        r"\bthe\s+(?:full|entire|whole|current fiscal|current)\s+year\b(?!')",
        lambda m, c: relative(TimeType.DATE, c, lambda a: f"{a.year:04d}"),
    ),
    rule("year-period", rf"\bthe\s+{YEAR}\s+(?:quarter|period)\b", _year_period),
    rule("period", r"\bthe\s+(?P<rel>latest|most recent|year-ago|year-earlier)\s+period\b", _period),
    rule("year-ago", r"\b(?:the\s+)?year-(?:ago|earlier)(?:\s+(?P<noun>quarter|period))?", _year_ago_adjective),
    rule(
        "quarter",
        rf"\b(?:(?P<yrel2>this|last|next) year's\s+|the\s+)?(?:(?P<rel>latest|last|past|previous|current|this|next|coming|most recent|year-ago|year-earlier|same)\s+)?(?:fiscal\s+)?(?:{_QUARTER_ORD}[\s-]+)?(?:fiscal[\s-]+)?quarter(?:\s+of\s+(?P<yrel>this|last|next)\s+year)?\b(?!\s+of\b|-(?!ago|earlier))",
        _quarter,
    ),
)
