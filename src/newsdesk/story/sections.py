"""The export's sections for the API, built with the export's own record functions but one
document at a time, so the cost grows with the corpus rather than with its square.

``story.export.build_export`` hands every record function the whole corpus; some of them then
look through every entity or timeline entry for each quote or event. Here each document's
quotes and events are built from the entities and timeline entries that touch that document,
which gives the same records (``tests/api/test_sections.py`` holds them to ``export_store``).
The coverage is not built here: the story builds it from these sections when it is asked for.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from newsdesk import EXPORT_SCHEMA, __version__
from newsdesk.corpus.claims import independent_sources
from newsdesk.model import Document, Entity, EntityMention, TimelineEntry
from newsdesk.report.claims import claim_records
from newsdesk.report.export import document_record, entity_record, quote_records, with_reference
from newsdesk.report.network import stored_relations
from newsdesk.report.stories import add_stories
from newsdesk.report.timeline import event_records, time_records, timeline_records
from newsdesk.store.base import Store
from newsdesk.story.corrections import correction_records

Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Sections:
    """The export's sections as lists of records, in the export's order."""

    meta: Record
    documents: list[Record]
    entities: list[Record]
    quotes: list[Record]
    times: list[Record]
    events: list[Record]
    claims: list[Record]
    relations: list[Record]
    timeline: list[Record]
    # Each document's independent source (``corpus.claims.independent_sources``), for the
    # coverage per source.
    sources: dict[str, str] = dataclasses.field(default_factory=dict)
    # The analysts' corrections (the export's ``corrections``).
    corrections: list[Record] = dataclasses.field(default_factory=list)


def build_sections(store: Store) -> Sections:
    """Every section but the coverage, read in one read transaction (one consistent state)."""
    with store.reading():
        entities = store.entities()
        references = store.reference_dates()
        timeline = store.timeline()
        claims = store.claims()
        corrections = store.corrections()
        # Evidence records need only the texts of the documents they point into: those a
        # reference date cites are read first, the others as the documents go by.
        cited_ids = sorted({e.doc for r in references.values() for e in r.evidence})
        texts = store.texts(cited_ids)
        stubs = {doc: Document(id=doc, source="", text=text) for doc, text in texts.items()}
        entities_of = entities_by_document(entities)
        entries_of = timeline_by_document(timeline)
        documents: list[Record] = []
        quotes: list[Record] = []
        times: list[Record] = []
        events: list[Record] = []
        # Each article's independent source, as the claims stage stored it; a database from before
        # it did gets them worked out here, from the bodies and their outlets.
        sources = store.sources()
        light: list[Document] = []
        for document in store.documents():
            texts[document.id] = document.text
            stubs.setdefault(document.id, Document(id=document.id, source="", text=document.text))
            if not sources:
                light.append(dataclasses.replace(document, mentions=(), quotes=(), times=(), events=(), relations=()))
            reference = references.get(document.id)
            cited = {e.doc: stubs[e.doc] for e in reference.evidence if e.doc in stubs} if reference else {}
            documents.append(with_reference(document_record(document), reference, cited))
            own = entities_of.get(document.id, [])
            quotes += quote_records([document], own)
            times += time_records([document])
            events += event_records([document], own, entries_of.get(document.id, []))
        # The network's edges as the relation edges stage stored them, in the documents' order.
        edges = store.relation_edges([d["id"] for d in documents])
        relations = [record for d in documents for record in stored_relations(edges.get(d["id"], []))]
        add_stories({"documents": documents}, store.stories())  # each document's story, as the export has it
    names = {e.id: e.name for e in entities}
    return Sections(
        meta={"version": __version__, "schema": EXPORT_SCHEMA},
        documents=documents,
        entities=[entity_record(e, texts) for e in entities],
        quotes=quotes,
        times=times,
        events=events,
        claims=claim_records(claims, stubs, names),
        relations=relations,
        timeline=timeline_records(timeline, stubs),
        sources=sources or independent_sources(light),
        corrections=correction_records(corrections, claims, entities),
    )


def entities_by_document(entities: list[Entity]) -> dict[str, list[Entity]]:
    """The entities named in each document, in the story's order of entities (the order the
    export's look-ups go through them), each cut down to what a look-up in that document reads:
    its mentions there (where a speaker or participant span finds it) and one mention of each
    of its aliases (which a speaker's name is matched against), so that a widely named entity
    does not cost all its mentions in every document it is named in."""
    found: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities:
        here: dict[str, list[EntityMention]] = defaultdict(list)
        aliases: dict[str, EntityMention] = {}
        for mention in entity.mentions:
            here[mention.doc].append(mention)
            aliases.setdefault(mention.text, mention)
        for doc, mentions in here.items():
            found[doc].append(dataclasses.replace(entity, mentions=(*mentions, *aliases.values())))
    return dict(found)


def timeline_by_document(timeline: list[TimelineEntry]) -> dict[str, list[TimelineEntry]]:
    found: dict[str, list[TimelineEntry]] = defaultdict(list)
    for entry in timeline:
        for doc in dict.fromkeys(report.doc for report in entry.reports):
            found[doc].append(entry)
    return dict(found)
