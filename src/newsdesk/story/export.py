"""The export object of ``shared/contract/EXPORT.md``: one place builds it, whole
(:func:`build_export`, :func:`export_store`) or written section by section as it is read
(:func:`write_export`); renderers only format it."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sqlite3
import tempfile
from collections.abc import Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, TextIO, TypeVar

from newsdesk import EXPORT_SCHEMA, __version__
from newsdesk.corpus.claims import independent_sources
from newsdesk.corpus.relations import find_relations
from newsdesk.model import Claim, Correction, Document, Entity, EntityMention, Evidence, ReferenceDate, TimelineEntry
from newsdesk.report.claims import (
    KEY_CLAIMS,
    Coverage,
    SourceCoverage,
    claim_records,
    coverage_records,
    outlet_coverage_records,
)
from newsdesk.report.export import document_record, entity_record, mention_record, quote_records, with_reference
from newsdesk.report.network import relation_records, stored_relations
from newsdesk.report.stories import add_stories, story_records
from newsdesk.report.timeline import event_records, time_records, timeline_records
from newsdesk.store.base import MentionKey, Store
from newsdesk.story.corrections import correction_records


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
    """The whole export of a store: documents, entities, quotes, times, events, timeline, claims
    and the stories."""
    export = build_export(
        store.documents(),
        store.entities(),
        store.reference_dates(),
        store.timeline(),
        store.claims(),
        store.sources(),
        store.corrections(),
    )
    return add_stories(export, store.stories())


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
    "stories",
)
_PER_DOCUMENT = ("documents", "quotes", "times", "events", "relations", "coverage")
_COVERAGE = ("coverage", "coverage_by_source")


def write_export(store: Store, out: TextIO, form: str = "json", sections: Collection[str] | None = None) -> None:
    """The export of ``store`` written to ``out`` as it is built: ``json``, the export object
    exactly as ``to_json(export_store(store))`` writes it; ``jsonl``, one line per record, each
    ``{"section": NAME, "record": RECORD}`` in the object's order, after a first line holding
    the ``newsdesk`` header.

    Every section is read from the store as it is written: the documents once, a chunk at a
    time, with what their records need (the entities named in them, their reference dates,
    the claims they carry); the sections built per document wait in temporary files until their
    turn; entities, claims and the timeline are read in the story's order. Memory holds a chunk,
    the story's key claims and one independent source's coverage at a time, not the story (the
    analysts' corrections, when there are any, are checked against all claims and entities).

    ``sections`` (``jsonl`` only) writes those sections alone and builds nothing the others need:
    the CSV tables of one section read only what it is made of."""
    if form not in ("json", "jsonl"):
        raise ValueError(f"unknown export form {form!r}")
    if sections is not None and form != "jsonl":
        raise ValueError("a choice of sections is written as JSON Lines only (the JSON object has them all)")
    wanted = frozenset(ORDER if sections is None else sections)
    # The per-article coverage rows are what the coverage per source is made of.
    rows_wanted = bool(wanted & {"coverage", "coverage_by_source"})
    with store.reading(), contextlib.ExitStack() as stack:
        writer = _SectionWriter(out, form)
        writer.header({"version": __version__, "schema": EXPORT_SCHEMA})
        spools = {name: stack.enter_context(_Spool(writer, name)) for name in _PER_DOCUMENT if name != "documents"}
        per_document = bool(wanted & {*_PER_DOCUMENT, "coverage_by_source"})
        rows = stack.enter_context(_Rows())
        key_claims = store.key_claims(KEY_CLAIMS)
        stored_sources = bool(store.source_page(0, 1).total)
        light: list[Document] = []
        stories = store.stories()
        story_of = {doc: s.id for s in stories for doc in s.documents}
        other_story = {doc: s.id for s in stories for doc in s.others}
        writer.open("documents", "documents" in wanted)
        # The annotations the per-document sections are made of (not mentions or propositions:
        # the entities and claims sections come from the story's own tables).
        documents = store.documents(annotations=("quotes", "times", "events")) if per_document else ()
        for chunk in _chunks(documents):
            ids = [d.id for d in chunk]
            # The documents' records are the documents section and what the coverage rows read.
            references = store.reference_dates(ids) if "documents" in wanted or rows_wanted else {}
            cited = store.texts(sorted({e.doc for r in references.values() for e in r.evidence}))
            stubs = {doc: Document(id=doc, source="", text=text) for doc, text in cited.items()}
            named = store.entities_named_in(ids) if wanted & {"quotes", "events", *_COVERAGE} else {}
            edges = store.relation_edges(ids) if "relations" in wanted else {}
            links = store.timeline_links(ids) if "events" in wanted else {}
            coverage = Coverage.of(key_claims, store.claims_carried(ids)) if rows_wanted else None
            for document in chunk:
                own = named.get(document.id, [])
                reference = references.get(document.id)
                around = {e.doc: stubs[e.doc] for e in reference.evidence if e.doc in stubs} if reference else {}
                record = with_reference(document_record(document), reference, around)
                record["story"] = story_of.get(document.id)
                record["other_story"] = other_story.get(document.id)
                writer.item(record)
                quotes = quote_records([document], own) if wanted & {"quotes", *_COVERAGE} else []
                if "quotes" in wanted:
                    spools["quotes"].items(quotes)
                if "times" in wanted:
                    spools["times"].items(time_records([document]))
                if "events" in wanted:
                    spools["events"].items(event_records([document], own, entry_of=links))
                if "relations" in wanted:  # as the relation edges stage stored them
                    spools["relations"].items(stored_relations(edges.get(document.id, [])))
                if coverage is None:
                    continue
                row = coverage.row(record, quotes)
                spools["coverage"].items([row])
                rows.add(row)
                if not stored_sources:
                    # A database from before the claims stage stored each article's source:
                    # worked out from the bodies and outlets after all documents, as the stage does.
                    light.append(
                        dataclasses.replace(document, mentions=(), quotes=(), times=(), events=(), relations=())
                    )
        writer.close()
        writer.open("entities", "entities" in wanted)
        # Entities read without their mentions, a chunk at a time; each one's mentions are read
        # a page at a time as they are written (the most named has over 100,000 at 100k articles).
        for part in _chunks(store.each_entity_head() if "entities" in wanted else ()):
            texts = store.texts(sorted({e.doc for head in part for e in _entity_evidence(head.entity)}))
            for head in part:
                record = entity_record(head.entity, texts, mentions=False, counted=(head.aliases, head.articles))
                writer.item(record, "mentions", map(mention_record, _mentions(store, head.entity.id)))
        writer.close()
        spools["quotes"].replay()
        spools["times"].replay()
        spools["events"].replay()
        writer.open("claims", "claims" in wanted)
        for claims in _chunks(store.each_claim() if "claims" in wanted else ()):
            for record in _claim_records(store, claims):
                writer.item(record)
        writer.close()
        spools["relations"].replay()
        spools["coverage"].replay("coverage" in wanted)
        writer.open("coverage_by_source", "coverage_by_source" in wanted)
        if "coverage_by_source" in wanted and stored_sources:
            for source, docs in _sources(store):
                by_source = SourceCoverage({doc: source for doc in docs})
                by_source.prime(rows.first())
                for row in rows.of(docs):
                    by_source.add(row)
                for record in by_source.records():
                    writer.item(record)
        elif "coverage_by_source" in wanted:
            by_source = SourceCoverage(independent_sources(light))
            for row in spools["coverage"].read():
                by_source.add(row)
            for record in by_source.records():
                writer.item(record)
        writer.close()
        writer.open("timeline", "timeline" in wanted)
        for entries in _chunks(store.each_timeline_entry() if "timeline" in wanted else ()):
            reported = store.texts(sorted({r.doc for entry in entries for r in entry.reports}))
            stubbed = {doc: Document(id=doc, source="", text=text) for doc, text in reported.items()}
            for record in timeline_records(entries, stubbed):
                writer.item(record)
        writer.close()
        corrections = store.corrections() if "corrections" in wanted else []
        writer.section(
            "corrections",
            correction_records(corrections, store.claims(), store.entities()) if corrections else [],
        )
        if "stories" in wanted:
            writer.section("stories", story_records(stories))
        writer.end()


def _claim_records(store: Store, claims: list[Claim]) -> list[dict[str, Any]]:
    """Claim records with the names of the entities they cite and the texts their conflicts cite."""
    cited = sorted({e.doc for c in claims for x in c.conflicts for e in (x.ours, x.theirs)})
    stubs = {doc: Document(id=doc, source="", text=text) for doc, text in store.texts(cited).items()}
    people = {s.speaker for c in claims for s in c.statements if s.speaker} | {h for c in claims for h in c.holders}
    return claim_records(claims, stubs, store.entity_names(sorted(people)))


def _mentions(store: Store, entity_id: str) -> Iterator[EntityMention]:
    """Every mention of the entity, by document then position, read ``MENTIONS`` at a time."""
    after: MentionKey | None = None
    while page := store.entity_mentions(entity_id, after, MENTIONS):
        yield from page
        last = page[-1]
        after = (last.doc, last.span.start, last.span.end)


def _sources(store: Store) -> Iterator[tuple[str, tuple[str, ...]]]:
    """The independent sources, most articles first, each with its articles."""
    offset = 0
    while True:
        page = store.source_page(offset, CHUNK)
        yield from page.items
        offset += len(page.items)
        if not page.items or offset >= page.total:
            return


class _Rows:
    """The coverage rows by document, in a temporary database file: the coverage per source
    reads them source by source."""

    def __init__(self) -> None:
        self.folder = tempfile.TemporaryDirectory(prefix="newsdesk-export-")
        self.db = sqlite3.connect(Path(self.folder.name) / "rows.db", isolation_level=None)
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("CREATE TABLE rows (number INTEGER PRIMARY KEY, doc TEXT UNIQUE, row TEXT)")
        self.db.execute("BEGIN")

    def __enter__(self) -> _Rows:
        return self

    def __exit__(self, *exc: object) -> None:
        self.db.close()
        self.folder.cleanup()

    def add(self, row: dict[str, Any]) -> None:
        self.db.execute("INSERT INTO rows (doc, row) VALUES (?, ?)", (row["doc"], json.dumps(row)))

    def first(self) -> dict[str, Any] | None:
        found = self.db.execute("SELECT row FROM rows ORDER BY number LIMIT 1").fetchone()
        return json.loads(found[0]) if found else None

    def of(self, docs: Sequence[str]) -> Iterator[dict[str, Any]]:
        """The rows of ``docs``, in the documents' order."""
        for first in range(0, len(docs), 500):
            batch = docs[first : first + 500]
            marks = ", ".join("?" * len(batch))
            for (row,) in self.db.execute(f"SELECT row FROM rows WHERE doc IN ({marks}) ORDER BY number", batch):
                yield json.loads(row)


Item = TypeVar("Item")
# Entities and timeline entries written per chunk, with the texts their evidence cites; an
# entity's mentions read a page of this many at a time.
CHUNK = 200
MENTIONS = 5_000


def _chunks(items: Iterable[Item]) -> Iterator[list[Item]]:
    """``items`` in lists of ``CHUNK`` items."""
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


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
        self.wanted = True

    def header(self, meta: dict[str, Any]) -> None:
        if self.form == "json":
            self.out.write('{\n  "newsdesk": ' + _indented(meta, 2))
        else:
            self.out.write(json.dumps({"newsdesk": meta}, ensure_ascii=False) + "\n")

    def open(self, name: str, wanted: bool = True) -> None:
        """Begin the section ``name``; the items of a section not ``wanted`` are not written."""
        self.name, self.count, self.wanted = name, 0, wanted
        if self.form == "json":
            self.out.write(f",\n  {json.dumps(name)}: [")

    def item(self, record: Any, key: str = "", values: Iterable[Any] = ()) -> None:
        """Writes ``record``; with ``key``, the record's empty list under ``key`` is written with
        ``values``, one at a time, as ``json.dumps`` would write the record holding them."""
        if not self.wanted:
            return
        if self.form == "json":
            text = "\n    " + _indented(record, 4)
        else:
            text = json.dumps({"section": self.name, "record": record}, ensure_ascii=False)
        self.out.write("," if self.count and self.form == "json" else "")
        if key:
            empty = json.dumps(key) + ": []"
            before, found, after = text.partition(empty)
            if not found:
                raise ValueError(f"record has no empty list {key!r}")
            self.out.write(before + empty[:-1])
            self._values(values)
            text = after
        self.out.write(text + ("" if self.form == "json" else "\n"))
        self.count += 1

    def _values(self, values: Iterable[Any]) -> None:
        """The items of a list one level inside a section's record, then its closing bracket."""
        written = False
        for value in values:
            if self.form == "json":
                self.out.write(("," if written else "") + "\n        " + _indented(value, 8))
            else:
                self.out.write((", " if written else "") + json.dumps(value, ensure_ascii=False))
            written = True
        self.out.write("\n      ]" if written and self.form == "json" else "]")

    def close(self) -> None:
        if self.form == "json":
            self.out.write("\n  ]" if self.count else "]")

    def section(self, name: str, records: Iterable[Any], wanted: bool = True) -> None:
        self.open(name, wanted)
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

    def replay(self, wanted: bool = True) -> None:
        self.writer.section(self.name, self.read(), wanted)
