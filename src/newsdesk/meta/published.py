"""When an article was published: from metadata, from a dateline, or inferred and said so."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsdesk.meta.dates import FoundDate, find_dates
from newsdesk.model import DateHow, Published, RemovalReason, RemovedSpan, Span

# A sentence about what will or may happen does not bound the publication date.
_FUTURE = re.compile(r"\b(?:will|would|shall|scheduled|plans?|planned|expected|due|until|by the end of|next)\b", re.I)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_RELATIVE = re.compile(
    r"\b(?:\d+|an?|one|two|three|four|five|six|seven)\s+(?:minutes?|hours?|days?|weeks?)\s+ago\b|"
    r"\b(?:on|last)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\b(?:yesterday|today)\b",
    re.I,
)


def from_dateline(text: str, removed: Sequence[RemovedSpan]) -> Published | None:
    """The first date-time printed on a timestamp line of the page (``• 15.01.2026, 18:18``)."""
    for item in removed:
        if item.reason is not RemovalReason.TIMESTAMP:
            continue
        for found in find_dates(item.span.of(text), offset=item.span.start):
            return Published(found.date, DateHow.TEXT, (found.span,))
    return None


def infer(text: str, body: Sequence[Span], removed: Sequence[RemovedSpan]) -> Published | None:
    """No printed date: the article was published no earlier than the latest dated past event it reports.

    This is a lower bound, marked ``inferred``; relative cues ("1 day ago", "on Monday") are
    listed in the basis because they cannot be resolved without a reference date.
    """
    dated: list[FoundDate] = []
    for span in body:
        for sentence in _SENTENCE.finditer(text, span.start, span.end):
            if _FUTURE.search(sentence.group()):
                continue
            dated.extend(find_dates(sentence.group(), offset=sentence.start()))
    if not dated:
        return None
    latest = max(dated, key=lambda found: found.date.value)
    cues = [m.group() for span in _all_spans(body, removed) for m in _RELATIVE.finditer(text, span.start, span.end)]
    basis = f"not before the latest dated event it reports ('{latest.span.of(text)}')"
    if cues:
        basis += "; unresolved relative cues: " + ", ".join(f"'{cue}'" for cue in dict.fromkeys(cues))
    return Published(latest.date, DateHow.INFERRED, (latest.span,), basis=basis)


def _all_spans(body: Sequence[Span], removed: Sequence[RemovedSpan]) -> list[Span]:
    stamps = [item.span for item in removed if item.reason is RemovalReason.TIMESTAMP]
    return [*body, *stamps]
