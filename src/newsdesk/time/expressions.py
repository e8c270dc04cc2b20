"""Temporal expressions in article text, normalised to TimeML values against the publication date.

A rule-based tagger in the manner of HeidelTime: each rule is a regular expression with a handler
that reads the match into a TimeML type and value (``absolute``, ``relative``, ``durations`` and
``references`` hold the rules). Every rule runs over every searched span that holds one of its
needles (``needles``: literal words without which it cannot match); where matches overlap,
the longest wins (then the earlier rule). Forms that need the reference date still match without
one, with no value, so detection never depends on the anchor.

    find_times(text, spans=None, anchor=None) -> list[TimeExpression]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsdesk.intervals import Disjoint
from newsdesk.model import Span, TimeExpression, TimeHow, TimeType
from newsdesk.time import absolute, anaphora, durations, episode, needles, references, relative
from newsdesk.time.calendar import granularity, interval
from newsdesk.time.grammar import YEAR, Context, Reading, Rule

EXTRACTOR = "newsdesk.times.rules.v1"
RULES: tuple[Rule, ...] = absolute.RULES + relative.RULES + references.RULES + durations.RULES

_YEAR_RANGE = re.compile(rf"{YEAR}\s*[-–—]\s*(?P<second>1[6-9]\d\d|20\d\d|\d\d)(?![\d%-]|\s*(?:%|percent))")
_RANGE_GAP = re.compile(r"\s*(?:(?P<dash>[-–—])|to|until|till|through|and|or)\s*", re.I)
_RANGE_OPENER = re.compile(r"\b(?:from|between)\s+$", re.I)
_EDGE = " \t\r\n,;:!?()[]{}\"'“”‘’«»*"

__all__ = ["EXTRACTOR", "RULES", "find_times", "granularity", "interval"]


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    priority: int
    parts: tuple[tuple[int, int, Reading], ...]


def find_times(text: str, spans: Sequence[Span] | None = None, anchor: dt.date | None = None) -> list[TimeExpression]:
    """Every temporal expression inside ``spans`` (default: all of ``text``), sorted and
    non-overlapping, valued against ``anchor`` (the publication date) where they need one."""
    bounds = sorted((span.start, min(span.end, len(text))) for span in spans) if spans is not None else [(0, len(text))]
    found: list[TimeExpression] = []
    for start, end in bounds:
        if start < end:
            found.extend(_find_in(text, start, end, anchor))
    found.sort(key=lambda expr: expr.span.start)
    found = _without_overlaps(found)
    # Dates that refer back to the story's last date ("that same year"), once the others are known.
    recounted = [t for t in found if not anaphora.PATTERN.fullmatch(t.text)]
    for start, end in bounds:
        if start < end:
            recounted.extend(anaphora.find(text, start, end, recounted, EXTRACTOR, anchor))
    recounted.sort(key=lambda expr: expr.span.start)
    # Relative forms restated by an explicit date, and year-less dates of an earlier episode.
    return _link_ranges(text, episode.reread(text, recounted))


def _find_in(text: str, low: int, high: int, anchor: dt.date | None) -> list[TimeExpression]:
    candidates: list[_Candidate] = []
    found = needles.present(text[low:high])
    for priority, rule in enumerate(RULES):
        if not needles.may_match(rule.name, found):
            continue
        inner = "expr" in rule.pattern.groupindex
        for match in rule.pattern.finditer(text, low, high):
            start, end = match.span("expr") if inner else match.span()
            start, end = _trim(text, start, end)
            if end <= start:
                continue
            reading = rule.handler(match, Context(text, start, end, low, high, anchor))
            if reading is not None:
                candidates.append(_Candidate(start, end, priority, ((start, end, reading),)))
    candidates.extend(_year_ranges(text, low, high))
    candidates.sort(key=lambda c: (-(c.end - c.start), c.priority, c.start))
    taken: list[_Candidate] = []
    held = Disjoint()
    for candidate in candidates:
        if held.add(candidate.start, candidate.end):
            taken.append(candidate)
    return [_expression(text, start, end, reading, anchor) for c in taken for start, end, reading in c.parts]


def _year_ranges(text: str, low: int, high: int) -> list[_Candidate]:
    """ "2017-2019", "1998-99": two years, each its own expression (TimeML has no range)."""
    found = []
    for match in _YEAR_RANGE.finditer(text, low, high):
        first = int(match["year"])
        second_text = match["second"]
        second = int(second_text) if len(second_text) == 4 else first // 100 * 100 + int(second_text)
        if not first < second <= first + 100:
            continue
        parts = (
            (match.start("year"), match.end("year"), Reading(TimeType.DATE, f"{first:04d}")),
            (match.start("second"), match.end("second"), Reading(TimeType.DATE, f"{second:04d}")),
        )
        found.append(_Candidate(match.start(), match.end(), -1, parts))
    return found


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    if end > start and text[end - 1] == ".":
        word = text[start:end].rsplit(None, 1)[-1]
        # Keep the full stop of an abbreviation ("Jan.", "a.m."), drop a sentence's.
        if len(word) > 5 and "." not in word[:-1]:
            end -= 1
    return start, end


def _expression(text: str, start: int, end: int, reading: Reading, anchor: dt.date | None) -> TimeExpression:
    needs_anchor = reading.relative and reading.value not in ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
    return TimeExpression(
        span=Span(start, end),
        text=text[start:end],
        type=reading.type,
        value=reading.value,
        how=TimeHow.RELATIVE if reading.relative else TimeHow.EXPLICIT,
        anchor=anchor.isoformat() if needs_anchor and anchor is not None else None,
        mod=reading.mod,
        tense=reading.tense if reading.relative else None,
        extractor=EXTRACTOR,
    )


def _without_overlaps(found: list[TimeExpression]) -> list[TimeExpression]:
    kept: list[TimeExpression] = []
    for expr in found:
        if kept and expr.span.start < kept[-1].span.end:
            continue
        kept.append(expr)
    return kept


def _link_ranges(text: str, found: list[TimeExpression]) -> list[TimeExpression]:
    """Mark "from April 2017 to July 2019" and "between 2010 and 2014": the first's ``range_to``."""
    linked = list(found)
    for index in range(len(linked) - 1):
        first, second = linked[index], linked[index + 1]
        if first.type != TimeType.DATE or second.type != TimeType.DATE:
            continue
        gap = _RANGE_GAP.fullmatch(text, first.span.end, second.span.start)
        if gap is None:
            continue
        word = gap.group().strip().lower()
        opener = _RANGE_OPENER.search(text, max(0, first.span.start - 10), first.span.start)
        if gap["dash"] or (opener and (word != "and" or opener.group().lower().startswith("between"))):
            if word != "or":
                linked[index] = replace(first, range_to=second.span)
    return linked
