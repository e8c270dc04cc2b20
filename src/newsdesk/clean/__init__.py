"""Split the text as read into the article body and removed spans, each with a reason.

The rules look at the shape of lines (position, length, punctuation, list structure,
lexical cues), never at the wording of particular articles. Everything not removed is
the body; headlines and sub-headings stay in it and are marked as headings.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.clean.blocks import (
    heading_lines,
    keep_dated_subheadings,
    mark_chrome,
    mark_generated_filler,
    mark_lone_related_headers,
    mark_related_links,
    mark_trailer,
)
from newsdesk.clean.lines import Line, split_lines
from newsdesk.clean.rules import classify_line
from newsdesk.model import RemovalReason, RemovedSpan, Span

EXTRACTOR = "newsdesk.clean.rules.v1"


@dataclass(frozen=True, slots=True)
class Cleaning:
    removed: tuple[RemovedSpan, ...]
    headings: tuple[Span, ...]
    lines: tuple[Line, ...]
    marks: tuple[RemovalReason | None, ...]


def clean(text: str) -> Cleaning:
    lines = split_lines(text)
    marks: list[RemovalReason | None] = [classify_line(line) for line in lines]
    keep_dated_subheadings(lines, marks)
    mark_related_links(lines, marks)
    mark_generated_filler(lines, marks)
    mark_trailer(lines, marks)
    mark_lone_related_headers(lines, marks)
    mark_chrome(lines, marks)
    headings = tuple(Span(lines[i].start, lines[i].end) for i in heading_lines(lines, marks))
    return Cleaning(_merge(lines, marks), headings, tuple(lines), tuple(marks))


def _merge(lines: list[Line], marks: list[RemovalReason | None]) -> tuple[RemovedSpan, ...]:
    """One removed span per run of lines with the same reason (blank lines inside a run join it)."""
    spans: list[RemovedSpan] = []
    run_reason: RemovalReason | None = None
    run_start = run_stop = 0
    for line, mark in zip(lines, marks, strict=True):
        if line.blank and run_reason is not None:
            continue
        if mark is not None and mark == run_reason:
            run_stop = line.stop
            continue
        if run_reason is not None:
            spans.append(RemovedSpan(Span(run_start, run_stop), run_reason, EXTRACTOR))
        run_reason = mark
        run_start, run_stop = line.start, line.stop
    if run_reason is not None:
        spans.append(RemovedSpan(Span(run_start, run_stop), run_reason, EXTRACTOR))
    return tuple(spans)
