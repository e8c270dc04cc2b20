"""The export object of ``shared/contract/EXPORT.md``: one place builds it, renderers only format it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from newsdesk import EXPORT_SCHEMA, __version__
from newsdesk.model import Attributed, Document, Entity, Evidence, Span

SECTIONS = ("documents", "entities", "quotes", "times", "events", "claims")


def _span(text: str, span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.of(text)}


def _attributed(text: str, item: Attributed) -> dict[str, Any]:
    return {"name": item.value, "how": item.how, "evidence": [_span(text, s) for s in item.evidence]}


def document_record(document: Document) -> dict[str, Any]:
    """A document as the contract shows it, plus evidence fields that say where each value came from."""
    text = document.text
    published = document.published
    return {
        "id": document.id,
        "source": document.source,
        "title": document.title,
        "outlet": document.outlet.value if document.outlet else None,
        "published": published.date.value if published else None,
        "published_how": published.how.value if published else None,
        "language": document.language,
        "reported_from": [item.value for item in document.reported_from],
        "text": text,
        "body": document.body,
        "removed": [
            {"start": r.span.start, "end": r.span.end, "reason": r.reason.value, "extractor": r.extractor}
            for r in document.removed
        ],
        # Extensions of the contract: the evidence behind each value above.
        "url": document.url,
        "encoding": document.encoding,
        "title_span": _span(text, document.title_span) if document.title_span else None,
        "headings": [_span(text, h) for h in document.headings],
        "outlet_how": document.outlet.how if document.outlet else None,
        "outlet_evidence": [_span(text, s) for s in document.outlet.evidence] if document.outlet else [],
        "published_detail": {
            "granularity": published.date.granularity.value,
            "latest": published.latest.value if published.latest else None,
            "basis": published.basis,
            "evidence": [_span(text, s) for s in published.evidence],
        }
        if published
        else None,
        "reported_from_detail": [_attributed(text, item) for item in document.reported_from],
        "extractors": list(document.extractors),
    }


def entity_record(entity: Entity, texts: dict[str, str]) -> dict[str, Any]:
    """An entity as the contract shows it, plus how each mention refers and the links between entities."""

    def evidence(item: Evidence) -> dict[str, Any]:
        return {"doc": item.doc, **_span(texts[item.doc], item.span)} if item.doc in texts else {"doc": item.doc}

    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "description": entity.description,
        "mentions": [
            {"doc": m.doc, "start": m.span.start, "end": m.span.end, "text": m.text, "sense": m.sense}
            for m in entity.mentions
        ],
        # Extensions: the evidence behind the description and the type, and links to other entities.
        "description_evidence": evidence(entity.description_evidence) if entity.description_evidence else None,
        "descriptions": [{"text": text, **evidence(item)} for text, item in entity.descriptions],
        "type_votes": dict(entity.type_votes),
        "type_why": entity.type_why,
        "links": [
            {
                "entity": link.target,
                "relation": link.relation,
                "why": link.why,
                "evidence": [evidence(e) for e in link.evidence],
            }
            for link in entity.links
        ],
        "documents": len(entity.documents),
        "extractor": entity.extractor,
    }


def build_export(documents: Iterable[Document], entities: Iterable[Entity] = ()) -> dict[str, Any]:
    export: dict[str, Any] = {"newsdesk": {"version": __version__, "schema": EXPORT_SCHEMA}}
    export["documents"] = [document_record(d) for d in documents]
    texts = {d["id"]: d["text"] for d in export["documents"]}
    export["entities"] = [entity_record(e, texts) for e in entities]
    for section in SECTIONS[2:]:
        export[section] = []  # filled by the issues that extract these items
    return export
