"""Dates read against the episode the text is talking about, not against the publication date.

A relative form is first valued from the reference date (``relative``). What the rest of the
text says can overrule that guess, and this pass applies it once every expression is known:

- an explicit date in the same phrase beats a relative one: "two years ago - in June 2024"
  is May 2025, whatever the reference date gives;
- a clock time with no day of its own is on the day its sentence names ("took off Tuesday at
  18:00 UTC");
- a month or a month-day written without its year ("on March 30", "in September") takes the
  year of the episode the paragraph is about: the latest date before it in the paragraph, when
  that date carries its own year (or was itself read against one). The same month and day as a
  full date earlier in the article ("at that same Feb. 8 meeting") is that date.

A restated expression becomes ``explicit`` (its value is written in the text); a clock time
takes the ``how`` and ``anchor`` of the day it is on; a year-less date keeps ``how`` ``relative``
and names the episode's date it was read against in ``anchor``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace

from newsdesk.model import TimeExpression, TimeHow, TimeType
from newsdesk.time import calendar as cal
from newsdesk.time.lexicon import MONTH, WEEKDAY

_MONTH_NAME = re.compile(MONTH)
_DAY_WORDS = re.compile(
    rf"{MONTH}|{WEEKDAY}|\b(?:today|tonight|yesterday|tomorrow|morning|afternoon|evening|night)\b|\d{{4}}", re.I
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])|\n")
# Words that tie a month to the reference date, not to an episode: "last May", "next June".
_SHIFT_WORDS = re.compile(r"\b(?:last|next|this|coming|past|previous|following|ago|year|same)\b", re.I)
_FOUR_DIGITS = re.compile(r"\d{4}")
# What may separate a relative expression from the explicit one that restates it.
# (Lower case only: "2005 On Wednesday" starts a new sentence after a dateline.)
_SAME_PHRASE = re.compile(r"\s*(?:[-–—,:(]\s*(?:(?:in|on|of|during)\s+)?|(?:in|on|of|during)\s+)")
_PARAGRAPH_END = "\n"
_RESTATE_REACH = 200  # days between a relative form's own value and the explicit one it restates


def reread(text: str, found: Sequence[TimeExpression]) -> list[TimeExpression]:
    """``found`` (sorted, without overlaps) with the re-readings above applied."""
    times = _clock_days(text, _restated(text, list(found)))
    episodic: set[int] = set()
    for index, expr in enumerate(times):
        if not _yearless(expr):
            continue
        episode = _same_day(times, index) or _paragraph_episode(text, times, index, episodic)
        if episode is None:
            continue
        value = _near(expr, episode)
        if value is not None:
            times[index] = replace(expr, value=value, anchor=episode.isoformat())
            episodic.add(index)
    return times


def _restated(text: str, times: list[TimeExpression]) -> list[TimeExpression]:
    """A relative expression next to an explicit one of the same time takes its value."""
    for index in range(len(times) - 1):
        for rel, exp in ((index, index + 1), (index + 1, index)):
            relative, explicit = times[rel], times[exp]
            if relative.how is TimeHow.EXPLICIT or explicit.how is not TimeHow.EXPLICIT:
                continue
            if relative.type is not TimeType.DATE or explicit.type is not TimeType.DATE:
                continue
            first, second = sorted((relative, explicit), key=lambda t: t.span.start)
            if not _SAME_PHRASE.fullmatch(text, first.span.end, second.span.start):
                continue
            if not _close(relative.value, explicit.value):
                continue
            times[rel] = replace(relative, value=explicit.value, mod=relative.mod, anchor=None, how=TimeHow.EXPLICIT)
    return times


def _clock_days(text: str, times: list[TimeExpression]) -> list[TimeExpression]:
    """A clock time with no day of its own is on the day its sentence names: "the first flight
    took off Tuesday at 18:00 UTC" is Tuesday's 18:00, not the reference day's."""
    for index, expr in enumerate(times):
        if expr.type is not TimeType.TIME or expr.value is None or expr.how is TimeHow.EXPLICIT:
            continue
        if _DAY_WORDS.search(expr.text) or cal.granularity(expr.value.rstrip("Z")) != "minute":
            continue
        left, right = _sentence(text, expr.span.start, expr.span.end)
        days = [
            other
            for other in times
            if other is not expr
            and other.type is TimeType.DATE
            and cal.granularity(other.value) == "day"
            and left <= other.span.start
            and other.span.end <= right
        ]
        if not days:
            continue
        nearest = min(days, key=lambda other: abs(other.span.start - expr.span.start))
        day = (nearest.value or "")[:10]
        if day and day != expr.value[:10]:
            times[index] = replace(expr, value=day + expr.value[10:], anchor=nearest.anchor, how=nearest.how)
    return times


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 300), start)), default=max(0, start - 300))
    after = _SENTENCE_END.search(text, end, end + 300)
    return left, after.start() if after else min(len(text), end + 300)


def _close(relative: str | None, explicit: str | None) -> bool:
    """Both values name about the same stretch of the calendar (or the relative one has none)."""
    theirs = cal.interval(explicit)
    if theirs is None or cal.granularity(explicit) not in ("day", "month", "minute", "hour"):
        return False
    if relative is None:
        return True
    ours = cal.interval(relative)
    if ours is None:
        return False
    gap = max((theirs[0] - ours[1]).days, (ours[0] - theirs[1]).days, 0)
    return gap <= _RESTATE_REACH


def _yearless(expr: TimeExpression) -> bool:
    return (
        expr.how is not TimeHow.EXPLICIT
        and expr.type is TimeType.DATE
        and cal.granularity(expr.value) in ("day", "month")
        and _MONTH_NAME.search(expr.text) is not None
        and _SHIFT_WORDS.search(expr.text) is None
        and _FOUR_DIGITS.search(expr.text) is None
    )


def _same_day(times: list[TimeExpression], index: int) -> dt.date | None:
    """An earlier full date with the same month and day: "on Feb. 8, 2017 ... that Feb. 8 meeting"."""
    expr = times[index]
    if cal.granularity(expr.value) != "day" or expr.value is None:
        return None
    for earlier in reversed(times[:index]):
        if earlier.how is TimeHow.EXPLICIT and earlier.value and cal.granularity(earlier.value) == "day":
            if earlier.value[5:10] == expr.value[5:10]:
                return dt.date.fromisoformat(earlier.value[:10])
    return None


def _paragraph_episode(text: str, times: list[TimeExpression], index: int, episodic: set[int]) -> dt.date | None:
    """The date the paragraph is about before ``times[index]``, when that is clear: the nearest
    time expression before it in the paragraph is a date with its own year (or one read against
    such a date) that is a time adverbial ("On Feb. 8, 2017, ..."), and nothing points ahead."""
    expr = times[index]
    if expr.tense == "future" or index == 0:
        return None
    paragraph = text.rfind(_PARAGRAPH_END, 0, expr.span.start) + 1
    earlier_index = index - 1
    earlier = times[earlier_index]
    if earlier.span.start < paragraph or earlier.type not in (TimeType.DATE, TimeType.TIME):
        return None
    if cal.granularity(earlier.value) not in ("day", "month", "hour", "minute"):
        return None
    if earlier_index in episodic:
        days = cal.interval(earlier.value)
        return days[0] if days else None
    if earlier.how is not TimeHow.EXPLICIT or not _opens_sentence(text, earlier.span.start, paragraph):
        return None
    days = cal.interval(earlier.value)
    return days[0] if days else None


_OPENER = re.compile(
    r"(?:(?:^|[.!?][\"'”’)]*\s+)(?:[\"'“‘(]\s*)?|\b(?:that|when|and|but|after|before|because|as|then),?\s+)"
    r"(?:(?:on|in|by|since|as of|until|from|early|late)\s+)?$",
    re.I,
)


def _opens_sentence(text: str, start: int, paragraph: int) -> bool:
    """The expression at ``start`` is a time adverbial at the head of its sentence or clause
    ("On Feb. 8, 2017, ...", "the memo says that on Oct. 14, 2016, ..."), not a noun's modifier
    ("the Dec. 21, 2010, blast", "the final in November 2003")."""
    return _OPENER.search(text[max(paragraph, start - 40) : start]) is not None


def _near(expr: TimeExpression, episode: dt.date) -> str | None:
    """``expr``'s month (and day) in the year nearest the episode."""
    value = expr.value or ""
    month = int(value[5:7])
    if cal.granularity(value) == "month":
        return cal.month_near(episode, month, None)
    return cal.month_day_near(episode, month, int(value[8:10]), None)
