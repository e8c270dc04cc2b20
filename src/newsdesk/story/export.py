"""The export object of ``shared/contract/EXPORT.md``: one place builds it, whole
(:func:`build_export`, :func:`export_store`) or written section by section as it is read
(:func:`write_export`); renderers only format it."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, Any, TextIO, TypeVar

from newsdesk import EXPORT_SCHEMA, __version__
from newsdesk.corpus.claims import independent_sources
from newsdesk.corpus.relations import find_relations
from newsdesk.model import Claim, Correction, Document, Entity, Evidence, ReferenceDate, TimelineEntry
from newsdesk.report.claims import (
    Coverage,
    SourceCoverage,
    claim_records,
    coverage_records,
    outlet_coverage_records,
)
from newsdesk.report.export import document_record, entity_record, quote_records, with_reference
from newsdesk.report.network import relation_records
from newsdesk.report.timeline import event_records, time_records, timeline_records
from newsdesk.store.base import Store
from newsdesk.story.corrections import correction_records
from newsdesk.story.sections import entities_by_document, timeline_by_document


def build_export(
    documents: Iterable[Document],
    entities: Iterable[Entity] = (),
    references: dict[str, ReferenceDate] | None = None,
    timeline: Iterable[TimelineEntry] = (),
    claims: Iterable[Claim] = (),
    sources: dict[str, str] | None = None,
    corrections: Iterable[Correction] = (),
) -> dict[str, Any]:
    """The export object; ``sources`` (each article's independent source) is worked out from the
    documents when not given; ``corrections`` are the analysts' corrections."""
    documents, entities, timeline = list(documents), list(entities), list(timeline)
    by_id = {d.id: d for d in documents}
    references = references or {}
    export: dict[str, Any] = {"newsdesk": {"version": __version__, "schema": EXPORT_SCHEMA}}
    export["documents"] = [with_reference(document_record(d), references.get(d.id), by_id) for d in documents]
    texts = {d["id"]: d["text"] for d in export["documents"]}
    export["entities"] = [entity_record(e, texts) for e in entities]
    export["quotes"] = quote_records(documents, entities)
    export["times"] = time_records(documents)
    export["events"] = event_records(documents, entities, timeline)
    names = {e.id: e.name for e in entities}
    claims = list(claims)
    export["claims"] = claim_records(claims, by_id, names)
    # Extension: the actor network, typed edges with evidence (GraphML: `--format graphml`).
    export["relations"] = relation_records(find_relations(documents, entities), by_id)
    # Extension: per article, the claims it carries and leaves out, and the voices it quotes.
    export["coverage"] = coverage_records(export["claims"], export["quotes"], export["documents"])
    # Extension: the same per independent source (what each outlet carries and leaves out).
    export["coverage_by_source"] = outlet_coverage_records(
        export["coverage"], sources if sources else independent_sources(documents)
    )
    # Extension: the story timeline, one entry per happening with every article reporting it.
    export["timeline"] = timeline_records(timeline, by_id)
    # Extension: the analysts' corrections, replayed by every rebuild, with where each stands now.
    export["corrections"] = correction_records(corrections, claims, entities)
    return export


def export_store(store: Store) -> dict[str, Any]:
    """The whole export of a store: documents, entities, quotes, times, events, timeline, claims."""
    return build_export(
        store.documents(),
        store.entities(),
        store.reference_dates(),
        store.timeline(),
        store.claims(),
        store.sources(),
        store.corrections(),
    )


# The export object's sections in order, and those written one document at a time.
ORDER = (
    "documents",
    "entities",
    "quotes",
    "times",
    "events",
    "claims",
    "relations",
    "coverage",
    "coverage_by_source",
    "timeline",
    "corrections",
)
_PER_DOCUMENT = ("documents", "quotes", "times", "events", "relations", "coverage")


def write_export(store: Store, out: TextIO, form: str = "json") -> None:
    """The export of ``store`` written to ``out`` as it is built: ``json``, the export object
    exactly as ``to_json(export_store(store))`` writes it; ``jsonl``, one line per record, each
    ``{"section": NAME, "record": RECORD}`` in the object's order, after a first line holding
    the ``newsdesk`` header. The documents are read once, one at a time; each section built per
    document waits in a temporary file until its turn, so memory holds the story's entities,
    claims and timeline but no section of the documents."""
    if form not in ("json", "jsonl"):
        raise ValueError(f"unknown export form {form!r}")
    with store.reading():
        entities = store.entities()
        references = store.reference_dates()
        timeline = store.timeline()
        claims = store.claims()
        corrections = store.corrections()
        stored_sources = store.sources()
        cited = sorted({e.doc for r in references.values() for e in r.evidence})
        texts = store.texts(cited)
        entities_of = entities_by_document(entities)
        entries_of = timeline_by_document(timeline)
        names = {e.id: e.name for e in entities}
        # Claim records need the texts of the documents their conflicts cite.
        conflict_docs = sorted({e.doc for c in claims for x in c.conflicts for e in (x.ours, x.theirs)})
        texts.update(store.texts([doc for doc in conflict_docs if doc not in texts]))
        stubs = {doc: Document(id=doc, source="", text=text) for doc, text in texts.items()}
        claim_section = claim_records(claims, stubs, names)
        coverage = Coverage(claim_section)
        by_source = SourceCoverage(stored_sources)
        light: list[Document] = []
        writer = _SectionWriter(out, form)
        writer.header({"version": __version__, "schema": EXPORT_SCHEMA})
        with contextlib.ExitStack() as stack:
            spools = {name: stack.enter_context(_Spool(writer, name)) for name in _PER_DOCUMENT if name != "documents"}
            writer.open("documents")
            for document in store.documents():
                own = entities_of.get(document.id, [])
                reference = references.get(document.id)
                around = {e.doc: stubs.get(e.doc) for e in reference.evidence} if reference else {}
                around[document.id] = document
                record = with_reference(document_record(document), reference, {k: v for k, v in around.items() if v})
                writer.item(record)
                quotes = quote_records([document], own)
                spools["quotes"].items(quotes)
                spools["times"].items(time_records([document]))
                spools["events"].items(event_records([document], own, entries_of.get(document.id, [])))
                spools["relations"].items(relation_records(find_relations([document], own), {document.id: document}))
                row = coverage.row(record, quotes)
                spools["coverage"].items([row])
                if not stored_sources:
                    # A database from before the claims stage stored the sources: worked out
                    # from the bodies and outlets, as the stage does (after all documents).
                    light.append(
                        dataclasses.replace(document, mentions=(), quotes=(), times=(), events=(), relations=())
                    )
                else:
                    by_source.add(row)
            writer.close()
            writer.open("entities")
            for chunk in _chunks(entities):
                cites = {e.doc for entity in chunk for e in _entity_evidence(entity)}
                found = store.texts(sorted(cites))
                for entity in chunk:
                    writer.item(entity_record(entity, found))
            writer.close()
            spools["quotes"].replay()
            spools["times"].replay()
            spools["events"].replay()
            writer.section("claims", claim_section)
            spools["relations"].replay()
            spools["coverage"].replay()
            if not stored_sources:
                by_source = SourceCoverage(independent_sources(light))
                for row in spools["coverage"].read():
                    by_source.add(row)
            writer.section("coverage_by_source", by_source.records())
            writer.open("timeline")
            for part in _chunks(timeline):
                reported = store.texts(sorted({r.doc for entry in part for r in entry.reports}))
                stubbed = {doc: Document(id=doc, source="", text=text) for doc, text in reported.items()}
                for record in timeline_records(part, stubbed):
                    writer.item(record)
            writer.close()
            writer.section("corrections", correction_records(corrections, claims, entities))
        writer.end()


Item = TypeVar("Item")
# Entities and timeline entries written per chunk, with the texts their evidence cites.
CHUNK = 200


def _chunks(items: list[Item]) -> Iterator[list[Item]]:
    for first in range(0, len(items), CHUNK):
        yield items[first : first + CHUNK]


def _entity_evidence(entity: Entity) -> Iterator[Evidence]:
    if entity.description_evidence is not None:
        yield entity.description_evidence
    for _, evidence in entity.descriptions:
        yield evidence
    for link in entity.links:
        yield from link.evidence


class _SectionWriter:
    """Writes the export object (``json``: as ``json.dumps(..., indent=2)`` would) or its lines."""

    def __init__(self, out: TextIO, form: str) -> None:
        self.out = out
        self.form = form
        self.name = ""
        self.count = 0

    def header(self, meta: dict[str, Any]) -> None:
        if self.form == "json":
            self.out.write('{\n  "newsdesk": ' + _indented(meta, 2))
        else:
            self.out.write(json.dumps({"newsdesk": meta}, ensure_ascii=False) + "\n")

    def open(self, name: str) -> None:
        self.name, self.count = name, 0
        if self.form == "json":
            self.out.write(f",\n  {json.dumps(name)}: [")

    def item(self, record: Any) -> None:
        if self.form == "json":
            self.out.write(("," if self.count else "") + "\n    " + _indented(record, 4))
        else:
            self.out.write(json.dumps({"section": self.name, "record": record}, ensure_ascii=False) + "\n")
        self.count += 1

    def close(self) -> None:
        if self.form == "json":
            self.out.write("\n  ]" if self.count else "]")

    def section(self, name: str, records: Iterable[Any]) -> None:
        self.open(name)
        for record in records:
            self.item(record)
        self.close()

    def end(self) -> None:
        if self.form == "json":
            self.out.write("\n}\n")


def _indented(value: Any, depth: int) -> str:
    """``value`` as ``json.dumps(indent=2)`` writes it ``depth`` spaces in."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + " " * depth)


class _Spool:
    """A section built one document at a time, kept in a temporary file (one JSON record a line)
    until the writer reaches it."""

    def __init__(self, writer: _SectionWriter, name: str) -> None:
        self.writer = writer
        self.name = name
        self.file: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8")

    def __enter__(self) -> _Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.file.close()

    def items(self, records: list[dict[str, Any]]) -> None:
        for record in records:
            self.file.write(json.dumps(record, ensure_ascii=False) + "\n")

    def read(self) -> Iterator[dict[str, Any]]:
        self.file.seek(0)
        for line in self.file:
            record: dict[str, Any] = json.loads(line)
            yield record

    def replay(self) -> None:
        self.writer.section(self.name, self.read())
