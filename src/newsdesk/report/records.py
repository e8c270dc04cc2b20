"""The two shapes every export section uses for evidence: a span of a known text, and a span of
some document (by id)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsdesk.model import Evidence, Span


def span_record(text: str, span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.of(text)}


def evidence_record(item: Evidence, texts: Mapping[str, str]) -> dict[str, Any]:
    """The evidence with its document id; without its characters when the document is not at hand."""
    return {"doc": item.doc, **span_record(texts[item.doc], item.span)} if item.doc in texts else {"doc": item.doc}
