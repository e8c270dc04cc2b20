"""The export's records of ``shared/contract/EXPORT.md``: documents, entities and quotes (the other
sections' records are in the modules beside this one). ``newsdesk.story.export`` builds the export
object from them; renderers only format it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from newsdesk.model import (
    Attributed,
    Document,
    Entity,
    EntityMention,
    Quote,
    ReferenceDate,
    quote_id,
)
from newsdesk.model.speakers import QuoteSpeaker, SpeakerFinder, found_speaker
from newsdesk.report.records import evidence_record, span_record
from newsdesk.report.timeline import reference_record

SECTIONS = ("documents", "entities", "quotes", "times", "events", "claims")


def _attributed(text: str, item: Attributed) -> dict[str, Any]:
    return {"name": item.value, "how": item.how, "evidence": [span_record(text, s) for s in item.evidence]}


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
        "title_span": span_record(text, document.title_span) if document.title_span else None,
        "title_how": document.title_how.value if document.title_how else None,
        "headings": [span_record(text, h) for h in document.headings],
        "outlet_how": document.outlet.how if document.outlet else None,
        "outlet_evidence": [span_record(text, s) for s in document.outlet.evidence] if document.outlet else [],
        "published_detail": {
            "granularity": published.date.granularity.value,
            "latest": published.latest.value if published.latest else None,
            "basis": published.basis,
            "evidence": [span_record(text, s) for s in published.evidence],
        }
        if published
        else None,
        "reported_from_detail": [_attributed(text, item) for item in document.reported_from],
        "extractors": list(document.extractors),
    }


def entity_record(
    entity: Entity,
    texts: dict[str, str],
    mentions: bool = True,
    counted: tuple[Sequence[str], int] | None = None,
) -> dict[str, Any]:
    """An entity as the contract shows it, plus how each mention refers and the links between entities.

    ``mentions=False`` leaves the mentions list empty, for a writer that streams them one at a
    time (``mention_record``): the most named entity of a large story has over 100,000.
    ``counted``: the aliases and the count of documents over all its mentions, for an entity read
    with only some of them (``Store.entity_heads``)."""
    aliases, documents = counted if counted is not None else (entity.aliases, len(entity.documents))

    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "aliases": list(aliases),
        "description": entity.description,
        "mentions": [mention_record(m) for m in entity.mentions] if mentions else [],
        # Extensions: the evidence behind the description and the type, and links to other entities.
        "description_evidence": evidence_record(entity.description_evidence, texts)
        if entity.description_evidence
        else None,
        "descriptions": [{"text": text, **evidence_record(item, texts)} for text, item in entity.descriptions],
        "type_votes": dict(entity.type_votes),
        "type_why": entity.type_why,
        "links": [
            {
                "entity": link.target,
                "relation": link.relation,
                "why": link.why,
                "evidence": [evidence_record(e, texts) for e in link.evidence],
            }
            for link in entity.links
        ],
        "documents": documents,
        "extractor": entity.extractor,
    }


def mention_record(mention: EntityMention) -> dict[str, Any]:
    """One mention of an entity: where it is and how it refers."""
    return {
        "doc": mention.doc,
        "start": mention.span.start,
        "end": mention.span.end,
        "text": mention.text,
        "sense": mention.sense,
    }


def quote_records(documents: Iterable[Document], entities: list[Entity]) -> list[dict[str, Any]]:
    """Quotes as the contract shows them, each speaker linked to the story's entity by its span
    (``model.speakers``, as the speaker links stage stores them)."""
    finder = SpeakerFinder(entities)
    return spoken_records(documents, lambda doc, quote: found_speaker(finder, doc, quote))


def spoken_records(
    documents: Iterable[Document], speaker: Callable[[str, Quote], QuoteSpeaker]
) -> list[dict[str, Any]]:
    """Quotes as the contract shows them, with who said each as ``speaker`` gives it (found
    among the story's entities, or as the speaker links stage stored it)."""
    records = []
    for document in documents:
        for quote in document.quotes:
            said = speaker(document.id, quote)
            records.append(
                {
                    "id": quote_id(document.id, quote.span.start, quote.span.end, quote.kind),
                    "doc": document.id,
                    "text": quote.text,
                    "start": quote.span.start,
                    "end": quote.span.end,
                    "kind": quote.kind,
                    "speaker": {"entity": said.entity, "name": said.name, "description": said.description},
                    "cue": quote.cue_text,
                    "channel": quote.channel,
                    # Extensions: where the cue and the speaker's name are, and how the speaker was found.
                    "cue_span": span_record(document.text, quote.cue) if quote.cue else None,
                    "speaker_span": span_record(document.text, quote.speaker) if quote.speaker else None,
                    "speaker_phrase": span_record(document.text, quote.speaker_phrase)
                    if quote.speaker_phrase
                    else None,
                    "speaker_kind": quote.speaker_kind,
                    "part_of": _part_id(document, quote),
                    "note": quote.note,
                    "attitude": quote.attitude,
                    "extractor": quote.extractor,
                }
            )
    return records


def _part_id(document: Document, quote: Quote) -> str | None:
    """The id of the first part of a quote split by its cue."""
    if quote.part_of is None:
        return None
    first = next((q for q in document.quotes if q.span == quote.part_of), None)
    if first is None:
        return None
    return quote_id(document.id, first.span.start, first.span.end, first.kind)


def with_reference(
    record: dict[str, Any], reference: ReferenceDate | None, documents: dict[str, Document]
) -> dict[str, Any]:
    """The document's reference date; where the publication date is unknown or only a lower bound
    from the article's own dates, the story-level inference (a tighter bound) stands in for it."""
    record["reference_date"] = reference_record(reference, documents)
    if reference is None or reference.how != "inferred" or record["published_how"] not in (None, "inferred"):
        return record
    text = record["text"]
    record["published"] = reference.date
    record["published_how"] = "inferred"
    record["published_detail"] = {
        "granularity": "day",
        "latest": None,
        "basis": reference.basis,
        "evidence": [span_record(text, e.span) for e in reference.evidence if e.doc == record["id"]],
    }
    return record
