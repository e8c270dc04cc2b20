"""Document metadata found in the text itself when the format carried none."""

from __future__ import annotations

import dataclasses
import re

from newsdesk.meta.outlets import OutletFinder, not_self, outlet_from_url, pick_outlet
from newsdesk.meta.published import from_dateline, from_wire_dateline, infer
from newsdesk.meta.titles import find_title
from newsdesk.model import Document, TitleHow
from newsdesk.settings import Settings

EXTRACTOR = "newsdesk.meta.text.v1"


def add_metadata(document: Document, settings: Settings) -> Document:
    text = document.text
    body = document.body_spans
    title, title_span, title_how = find_title(document)

    finder = OutletFinder(text, body)
    relayed = finder.relays()
    outlet = document.outlet
    if outlet is None:
        # A title made from the lead names no outlet after a dash: it is not a headline.
        headline = title and title_span and title_how is not TitleHow.LEAD
        suffix = finder.title_suffix(title, title_span) if headline and title and title_span else None
        candidates = [suffix] if suffix else []
        candidates += sorted(finder.interviews(), key=lambda item: -len(item.evidence))
        outlet = pick_outlet(candidates, relayed) or outlet_from_url(document.url)

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
        title_how=title_how,
        outlet=outlet,
        reported_from=not_self(relayed, outlet),
        published=published,
        language=language,
        extractors=(*document.extractors, EXTRACTOR),
    )


_LETTERS = re.compile(r"[^\W\d_]")


def _language(body: str) -> str | None:
    sample = body[:4000]
    if len(_LETTERS.findall(sample)) < 20:
        return None
    # Imported here: the language model loads on first use, not on importing newsdesk.
    import py3langid

    code, _ = py3langid.classify(sample)
    return str(code)


def load_language_identifier() -> None:
    """Load the language identifier's model now rather than at the first article (0.7 s of CPU,
    once per process, like the spaCy pipeline's load): what a worker does before its first batch,
    and a benchmark before it times the stages."""
    import py3langid

    py3langid.classify("language")
