"""Document metadata found in the text itself when the format carried none."""

from __future__ import annotations

import dataclasses
import re

from newsdesk.meta.outlets import OutletFinder, pick_outlet
from newsdesk.meta.published import from_dateline, from_wire_dateline, infer
from newsdesk.model import Document, Span
from newsdesk.settings import Settings

EXTRACTOR = "newsdesk.meta.text.v1"


def add_metadata(document: Document, settings: Settings) -> Document:
    text = document.text
    body = document.body_spans
    title, title_span = document.title, document.title_span
    if title is None:
        title_span = _headline(document)
        title = title_span.of(text).strip() if title_span else None
    elif title_span is None:
        found = text.find(title)
        title_span = Span(found, found + len(title)) if found >= 0 else None

    finder = OutletFinder(text, body)
    relayed = finder.relays()
    outlet = document.outlet
    if outlet is None:
        suffix = finder.title_suffix(title, title_span) if title and title_span else None
        candidates = [suffix] if suffix else []
        candidates += sorted(finder.interviews(), key=lambda item: -len(item.evidence))
        outlet = pick_outlet(candidates, relayed)

    published = (
        document.published
        or from_dateline(text, document.removed)
        or from_wire_dateline(text, body)
        or infer(text, body, document.removed)
    )
    language = document.language or (_language(document.body) if settings.detect_language else None)
    return dataclasses.replace(
        document,
        title=title,
        title_span=title_span,
        outlet=outlet,
        reported_from=tuple(item for item in relayed if outlet is None or item.value != outlet.value),
        published=published,
        language=language,
        extractors=(*document.extractors, EXTRACTOR),
    )


def _headline(document: Document) -> Span | None:
    """The first kept line, when it is marked as a heading: the article's headline."""
    for span in document.body_spans:
        chunk = span.of(document.text)
        stripped = chunk.lstrip()
        if not stripped:
            continue
        start = span.start + len(chunk) - len(stripped)
        for heading in document.headings:
            if heading.start <= start < heading.end or start <= heading.start < start + 1:
                leading = len(heading.of(document.text)) - len(heading.of(document.text).lstrip())
                trailing = len(heading.of(document.text).rstrip())
                return Span(heading.start + leading, heading.start + trailing)
        return None
    return None


_LETTERS = re.compile(r"[^\W\d_]")


def _language(body: str) -> str | None:
    sample = body[:4000]
    if len(_LETTERS.findall(sample)) < 20:
        return None
    # Imported here: the language model loads on first use, not on importing newsdesk.
    import py3langid

    code, _ = py3langid.classify(sample)
    return str(code)
