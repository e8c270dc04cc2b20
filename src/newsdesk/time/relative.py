"""Rules for expressions read against the anchor: days, weekdays, months without a year,
"last year", "four years ago", quarters, seasons, clock times, holidays and the vague references
("now", "recently")."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from importlib.resources import files

from newsdesk.model import TimeType
from newsdesk.time import calendar as cal
from newsdesk.time.absolute import POINT_MOD, month_number, point_mod
from newsdesk.time.grammar import DAY, REPORTING, YEAR, Context, Reading, Rule, relative, rule
from newsdesk.time.lexicon import (
    COUNT,
    FULL_MONTH,
    MONTH,
    PART_OF_DAY,
    PARTS_OF_DAY,
    QUANTITY_MOD,
    QUANTITY_MODS,
    SEASON,
    SEASONS,
    WEEKDAY,
    WEEKDAYS,
    parse_count,
    unit_of,
)
from newsdesk.time.quarters import QUARTER_RULES, compares_quarters, in_quarter_context, last_quarter

_PAST = r"last|past|previous|this past|the past|the last|the previous|the latest"
_FUTURE = r"next|coming|this coming|the coming|the next|the following|following"
_OFFSETS = {
    "latest": -1,
    "last": -1,
    "past": -1,
    "previous": -1,
    "this": 0,
    "current": 0,
    "present": 0,
    "next": 1,
    "coming": 1,
}
# Words before a bare month name that make it a month and not a modal, a verb or a name.
_MONTH_CUES = re.compile(
    r"\b(?:in|since|by|until|till|through|throughout|during|of|from|to|before|after|between|and|or|"
    r"early|late|mid|last|this|next|around|for|on|until|every|each|since|end|beginning|start|middle|"
    r"the|their|his|her|its|our)[\s-]*$",
    re.I,
)
_NAME_AFTER = re.compile(r"^\s+(?:[A-Z][a-z]+|[A-Z]\.)")
_NEAR_CUE = 40  # characters: a tense cue this close is in the expression's own clause
# A deadline lies ahead: "until Friday" and "as soon as Tuesday" even in a past sentence ("the
# court extended its deadline until Tuesday"); at the head of a sentence ("Until Thursday, they
# had not ...") and after "by" ("by Monday the river had risen") only when no tense says otherwise.
_DEADLINE = re.compile(r"\b(?:until|till|no later than|as soon as|as early as)\s+$")
_BY = re.compile(r"\b(?:by|until|till|no later than|as soon as|as early as)\s+$", re.I)


# A date that is the predicate of a present-tense copula is a schedule, so it lies ahead: "the
# trial is in December", "the vote is on Tuesday", "the hearing is set for March 3".
_SCHEDULE = re.compile(r"\b(?:is|are)\s+(?:(?:now|still|also|set|scheduled|due)\s+)?(?:in|on|for)\s+$", re.I)


# "They had until Tuesday to reply": a deadline stated in the past tense is over.
_PAST_DEADLINE = re.compile(r"\b(?:had|was|were)\s+(?:\w+\s+)?until\s+$", re.I)


# "the councils meet Friday", "hearings resume on Tuesday", "the court hears the appeal Monday": a
# verb of a planned happening in the simple present, at most four words before the weekday.
_WORD = re.compile(r"[\w'’-]+|[^\w\s]")
# Words before a bare verb form that make it no present tense ("did not meet", "to meet", "the
# rally Monday") or a noun.
_NOT_PRESENT_AFTER = frozenset(
    """
    to did didn't not n't never had has have was were would could might should must may can will shall
    the a an this that these those his her its their our my your after before during since until at in of
    for from by with last next every each no
    """.split()
)
# Words between the verb and the weekday that open another clause.
_CLAUSE_BREAK = frozenset("that which who whom when where while was were had did will would is are been".split())


@cache
def _schedule_verbs() -> frozenset[str]:
    text = files("newsdesk.time").joinpath("schedule_verbs.txt").read_text(encoding="utf-8")
    bases = [w for line in text.splitlines() if not line.startswith("#") for w in line.split()]
    forms = set(bases)
    for base in bases:
        if base.endswith(("s", "sh", "ch", "x", "o")):
            forms.add(base + "es")
        elif base.endswith("y") and base[-2] not in "aeiou":
            forms.add(base[:-1] + "ies")
        else:
            forms.add(base + "s")
    return frozenset(forms)


def present_schedule(ctx: Context) -> bool:
    """Whether a planned-happening verb in the simple present governs the weekday, nearer to it
    than any tense cue before it: then the weekday lies ahead."""
    before = ctx.before(60)
    words = [(w.group().lower(), w.start()) for w in _WORD.finditer(before)]
    if words and words[-1][0] == "on":
        words.pop()
    verbs = _schedule_verbs()
    for back in range(1, min(5, len(words))):
        word, at = words[-back]
        if word in _CLAUSE_BREAK or word.endswith(("ed", "ing")) or not word.isalpha():
            return False  # "start the work that ended Monday": the weekday is another clause's
        if word in verbs:
            break
    else:
        return False
    if words[-back - 1][0] in _NOT_PRESENT_AFTER:
        return False
    cue = ctx.tense_cue()
    if cue is None or cue.tense == "future":
        return True
    # A past cue nearer than the verb, or one after the weekday that is not a verb of saying
    # ("strikes Monday killed ten"), makes the weekday past.
    return cue.distance > len(before) - at if cue.before else cue.word in REPORTING


def deadline_tense(ctx: Context, tense: str | None) -> str | None:
    """``tense``, unless the words before the match make it a deadline or a schedule, which lie
    ahead."""
    before = ctx.before(30)
    if _PAST_DEADLINE.search(before):
        return "past"
    if _DEADLINE.search(before) or _SCHEDULE.search(before) or (tense is None and _BY.search(before)):
        return "future"
    return tense


def offset_of(words: str | None) -> int:
    word = (words or "this").lower().split()[-1]
    return _OFFSETS.get(word, 1 if word == "following" else 0)


def _followed_by_name(ctx: Context) -> bool:
    after = ctx.after(20)
    found = _NAME_AFTER.match(after)
    return bool(found) and not re.match(r"^\s+(?:[A-Z][a-z]+\.?\s+\d|" + MONTH + ")", after)


def _day_word(match: re.Match[str], ctx: Context) -> Reading | None:
    word = match["word"].lower()
    shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}.get(word, -2 if "before" in word else 2)
    part = "NI" if word == "tonight" else PARTS_OF_DAY.get((match["part"] or "").lower())
    kind = TimeType.TIME if part else TimeType.DATE
    tense = "past" if shift < 0 else "future" if shift > 0 else None
    return relative(
        kind,
        ctx,
        lambda a: (a + dt.timedelta(days=shift)).isoformat() + (f"T{part}" if part else ""),
        point_mod(match),
        tense,
    )


def _part_of_day(match: re.Match[str], ctx: Context) -> Reading | None:
    rel = match["rel"].lower()
    code = PARTS_OF_DAY[match["part"].lower()]
    shift = -1 if rel == "last" else 0
    return relative(
        TimeType.TIME, ctx, lambda a: f"{(a + dt.timedelta(days=shift)).isoformat()}T{code}", point_mod(match)
    )


def _mid_part_of_day(match: re.Match[str], ctx: Context) -> Reading | None:
    code = PARTS_OF_DAY[match["part"].lower()]
    shift = -1 if (match["day"] or "").lower() == "yesterday" else 0
    return relative(
        TimeType.TIME, ctx, lambda a: f"{(a + dt.timedelta(days=shift)).isoformat()}T{code}", point_mod(match)
    )


def weekday_date(anchor: dt.date, weekday: int, rel: str, tense: str | None) -> dt.date:
    """Which date a weekday name means, seen from the anchor: the nearest on or before it
    unless the words or the tense point ahead."""
    if rel in ("last", "past", "this past"):
        return cal.weekday_near(anchor - dt.timedelta(days=1), weekday, future=False)
    if rel in ("next", "coming", "this coming"):
        return cal.weekday_near(anchor, weekday, future=True)
    if rel == "this" or weekday == anchor.weekday():
        # A bare weekday that is the reference day's own is that day, whatever the tense: a
        # Thursday article's "on Thursday" is today, not a week away.
        return anchor + dt.timedelta(days=weekday - anchor.weekday())
    return cal.weekday_near(anchor, weekday, future=tense == "future")


def _weekday(match: re.Match[str], ctx: Context) -> Reading | None:
    if not match["part"] and _followed_by_name(ctx):
        return None  # "Sunday Times", "Friday Prayers"
    weekday = WEEKDAYS[match["wd"].lower()]
    rel = (match["rel"] or "").lower()
    tense = ctx.tense() if not rel else "past" if rel in ("last", "past", "this past") else "future"
    if not rel:
        tense = "future" if present_schedule(ctx) else deadline_tense(ctx, tense)
    part = PARTS_OF_DAY.get((match["part"] or "").lower())
    kind = TimeType.TIME if part else TimeType.DATE
    suffix = f"T{part}" if part else ""
    return relative(
        kind,
        ctx,
        lambda a: weekday_date(a, weekday, rel, tense).isoformat() + suffix,
        point_mod(match),
        tense or "past",
    )


def _month(match: re.Match[str], ctx: Context) -> Reading | None:
    name = match["month"]
    rel = (match["rel"] or "").lower()
    year_rel = (match["yrel"] or "").lower()
    cued = bool(rel or year_rel or match["pmod"] or _MONTH_CUES.search(ctx.before(15)))
    if not cued and (name.lower() in ("may", "march", "august") or _followed_by_name(ctx)):
        return None
    if (
        not cued
        and re.search(r"[A-Z][a-z]*\s+$", ctx.before(15))
        and not re.search(r"[.!?\"]\s+\S*\s*$", ctx.before(15))
    ):
        return None  # part of a name ("Lake June", "Hotel August")
    month = month_number(name)
    mod = point_mod(match)
    if year_rel:
        shift = offset_of(year_rel)
        return relative(TimeType.DATE, ctx, lambda a: f"{a.year + shift:04d}-{month:02d}", mod)
    if rel:
        offset = offset_of(rel)

        def compute(a: dt.date) -> str:
            if offset < 0:
                # "last February" said in March is a year back: the month just gone is "last month".
                recent = month < a.month - 1
                return f"{a.year if recent else a.year - 1:04d}-{month:02d}"
            if offset > 0:
                return f"{a.year if month > a.month else a.year + 1:04d}-{month:02d}"
            return f"{a.year:04d}-{month:02d}"

        return relative(TimeType.DATE, ctx, compute, mod, "past" if offset < 0 else "future" if offset else None)
    cue = ctx.tense_cue()
    tense = "future" if re.search(r"\bby\s+$", ctx.before(5), re.I) else deadline_tense(ctx, cue.tense if cue else None)
    # A past cue in the month's own clause ("since May", "In May, the firm announced") is trusted
    # a full year back; a distant one, or a verb of saying before the month ("told of a cut in
    # September"), whose reported clause has its own tense, only MONTH_REACH days.
    near = cue is not None and cue.distance <= _NEAR_CUE and not (cue.before and cue.word in REPORTING)
    return relative(TimeType.DATE, ctx, lambda a: cal.month_near(a, month, tense, trusted=near), mod, tense)


def _month_day(match: re.Match[str], ctx: Context) -> Reading | None:
    month, day = month_number(match["month"]), int(match["day"])
    if day > 31:
        return None
    weekday = WEEKDAYS[match["wd"].lower()] if match["wd"] else None
    tense = deadline_tense(ctx, ctx.tense())

    def compute(a: dt.date) -> str | None:
        if weekday is not None:
            # A weekday written beside the date settles the year.
            for year in sorted((a.year, a.year - 1, a.year + 1), key=lambda y: abs(y - a.year)):
                try:
                    if dt.date(year, month, day).weekday() == weekday:
                        return dt.date(year, month, day).isoformat()
                except ValueError:
                    return None
        return cal.month_day_near(a, month, day, tense)

    return relative(TimeType.DATE, ctx, compute, point_mod(match), tense)


def _ago(match: re.Match[str], ctx: Context) -> Reading | None:
    unit = unit_of(match["unit"])
    count_words = match["count"].lower()
    amount = parse_count(count_words)
    mod = QUANTITY_MODS.get((match["qmod"] or "").lower()) or ("APPROX" if match["orso"] else None)
    if count_words in ("a", "an") and match["unit"].lower().endswith("s"):
        return None
    if amount is None:
        return Reading(TimeType.DATE, "PAST_REF", relative=True, mod=mod, tense="past")
    steps = round(amount)
    if unit == "year" and steps == 1 and in_quarter_context(ctx):
        return relative(TimeType.DATE, ctx, lambda a: last_quarter(a, 1), mod, "past")
    if unit in ("second", "minute", "hour"):
        return relative(TimeType.TIME, ctx, lambda a: a.isoformat(), mod, "past")
    if unit in ("decade", "century"):
        years = steps * (10 if unit == "decade" else 100)
        return relative(TimeType.DATE, ctx, lambda a: f"{a.year - years:04d}", mod, "past")
    return relative(TimeType.DATE, ctx, lambda a: cal.shift(a, unit, -steps), mod, "past")


def _relative_unit(match: re.Match[str], ctx: Context) -> Reading | None:
    rel = match["rel"].lower()
    unit = match["unit"].lower().replace("fiscal ", "")
    mod = point_mod(match)
    if "following" in rel or "same" in rel:
        return Reading(TimeType.DATE, None, relative=True, mod=mod)
    offset = offset_of(rel)
    tense = "past" if offset < 0 else "future" if offset > 0 else None
    if unit in ("decade", "century") and rel.split()[-1] == "past":
        return Reading(TimeType.DURATION, "P10Y" if unit == "decade" else "P100Y", mod=mod)
    if unit == "year" and offset == -1 and rel == "last" and compares_quarters(ctx):
        return relative(TimeType.DATE, ctx, lambda a: last_quarter(a, 1), mod, tense)
    if unit in SEASONS:
        code = SEASONS[unit]
        return relative(TimeType.DATE, ctx, lambda a: cal.season_near(a, code, offset), mod, tense)
    if unit == "weekend":
        return relative(TimeType.DATE, ctx, lambda a: _weekend(a, offset), mod, tense)
    return relative(TimeType.DATE, ctx, lambda a: cal.shift(a, unit, offset), mod, tense)


def _weekend(anchor: dt.date, offset: int) -> str:
    """Last weekend is the one before the anchor's week (this one when said at the weekend);
    next weekend is the anchor's week's (the following one when said at the weekend)."""
    weekend = anchor.weekday() >= 5
    if offset < 0:
        return cal.shift(anchor, "weekend", 0 if weekend else -1)
    if offset > 0:
        return cal.shift(anchor, "weekend", 1 if weekend else 0)
    return cal.shift(anchor, "weekend", 0)


def _the_weekend(match: re.Match[str], ctx: Context) -> Reading | None:
    tense = ctx.tense()
    offset = 1 if tense == "future" else -1
    return relative(TimeType.DATE, ctx, lambda a: _weekend(a, offset), None, tense or "past")


def _the_unit(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "the end of the year", "year-end": the anchor's unit, modified (END unless said otherwise)."""
    unit = (match["unit"] or match["unit2"]).lower()
    return relative(TimeType.DATE, ctx, lambda a: cal.shift(a, unit, 0), point_mod(match) or "END")


def _the_season(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "the summer", "over the winter": the latest one begun by the anchor, or the next one."""
    code = SEASONS[match["season"].lower()]
    tense = ctx.tense()

    def compute(anchor: dt.date) -> str:
        current = cal.season_near(anchor, code, 0)
        bounds = cal.interval(current)
        if tense == "future" and bounds is not None and bounds[1] < anchor:
            return cal.season_near(anchor, code, 1)
        if bounds is not None and bounds[0] > anchor and tense != "future":
            return cal.season_near(anchor, code, -1)
        return current

    return relative(TimeType.DATE, ctx, compute, point_mod(match), tense)


RULES: tuple[Rule, ...] = (
    rule(
        "the-season",
        rf"\b(?:{POINT_MOD}\s+)?the\s+(?:(?P<early>early|late)\s+)?(?P<season>{SEASON})\b(?!\s+of\b)",
        _the_season,
    ),
    rule(
        "day-word",
        rf"(?:{POINT_MOD}\s+|(?P<early>earlier|later)\s+)?(?P<word>today|tonight|yesterday|tomorrow|the day before yesterday|the day after tomorrow)(?:\s+(?P<part>{PART_OF_DAY}))?\b",
        _day_word,
    ),
    rule(
        "part-of-day",
        rf"(?:(?P<pmod>early|late|earlier|later)\s+)?(?P<rel>this|last)\s+(?P<part>{PART_OF_DAY})\b",
        _part_of_day,
    ),
    rule(
        "mid-part-of-day",
        r"\b(?P<pmod>mid|early|late)[\s-]?(?P<part>morning|afternoon|evening)(?:\s+(?P<day>today|yesterday))?\b",
        _mid_part_of_day,
    ),
    rule(
        "weekday",
        rf"(?:(?P<pmod>early|late|earlier|later)\s+(?:on\s+)?)?(?:(?P<rel>last|this|next|this coming|this past|coming|past)\s+)?(?P<wd>{WEEKDAY})(?:'s)?(?:\s+(?P<part>{PART_OF_DAY}))?",
        _weekday,
    ),
    rule(
        "month",
        rf"(?:{POINT_MOD}[\s-]+)?(?:(?P<rel>{_PAST}|{_FUTURE}|this)\s+)?(?P<month>{FULL_MONTH})(?:\s+(?:of\s+)?(?P<yrel>this|last|next)\s+year)?(?![\s,]+(?:\d|{YEAR}))",
        _month,
        starts="abcdefjlmnopst",  # POINT_MOD's, _PAST's, _FUTURE's, "this" or a month's first letter
    ),
    rule(
        "month-day",
        rf"(?:(?P<wd>{WEEKDAY})\s*,?\s+)?(?:{POINT_MOD}\s+)?(?P<month>{MONTH})\s+{DAY}\b(?!\s*,?\s*\d)",
        _month_day,
        starts="abdefjlmnostw",  # a weekday's, POINT_MOD's or a month's first letter
    ),
    rule(
        "day-of-month",
        rf"(?:(?P<wd>{WEEKDAY})\s*,?\s+)?(?:the\s+)?{DAY}\s+(?:of\s+)?(?P<month>{MONTH})(?!\s*,?\s*\d)",
        _month_day,
    ),
    rule(
        "ago",
        rf"(?:(?P<qmod>{QUANTITY_MOD})\s+)?\b(?P<count>{COUNT})\s+(?P<unit>(?:second|minute|hour|day|week|month|year|decade|centur(?:y|ie))s?)\s+(?P<orso>or so\s+)?(?:ago|earlier)\b",
        _ago,
    ),
    rule(
        "relative-unit",
        rf"(?:{POINT_MOD}[\s-]+|(?P<early>earlier|later)\s+)?(?P<rel>{_PAST}|{_FUTURE}|this|the current|current|the same)\s+(?P<unit>year|month|week|weekend|quarter|decade|century|fiscal year|{SEASON})\b(?!-|\s+(?:old|of)\b)",
        _relative_unit,
        # POINT_MOD's first letters (early, mid, late, the, start, beginning, end), "earlier",
        # "later", and those of _PAST, _FUTURE and the rest (last, past, previous, this, next,
        # coming, following, current).
        starts="emltsbpncf",
    ),
    rule("the-weekend", r"\b(?:over\s+|during\s+)?the\s+weekend\b(?!\s+of\b)", _the_weekend),
    rule(
        "end-of-unit",
        rf"\b(?:(?:{POINT_MOD}|(?P<early>earlier|later) in)\s+the\s+(?P<unit>year|month|week|quarter|decade|century)\b|(?:around\s+)?(?P<unit2>year)(?:'s)?[\s-]end\b)",
        _the_unit,
    ),
    *QUARTER_RULES,
)


__all__ = ["RULES", "deadline_tense", "weekday_date"]
