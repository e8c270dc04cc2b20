"""The story read one page at a time: what the REST API answers, from indexed queries of the store.

Nothing is held between requests: a :class:`StoryReader` is made for a request over a read-only
store, asks the store for the page's rows, and builds the export's records for them with the
export's own record functions. The actor network's edges are read as the relation edges stage
stored them. Where a record holds a value worked out when read (a quote's speaker, an event's
participants and timeline entry), it is worked out for the documents of the page, from the
entities named in them (``Store.entities_named_in``);
``tests/api`` hold the records equal to the export's. A filter on a quote's speaker is the
store's (the speaker links stage stored who said each quote); a filter on another such value
narrows the candidates in the store and checks each candidate here, so its cost grows with the
candidates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsdesk.corpus.claims import independent_sources
from newsdesk.model import Document, Entity, Quote
from newsdesk.model.network import NetworkEdge
from newsdesk.model.speakers import QuoteKey, QuoteSpeaker
from newsdesk.report.claims import KEY_CLAIMS, Coverage, SourceCoverage, claim_records
from newsdesk.report.export import document_record, entity_record, quote_records, spoken_records, with_reference
from newsdesk.report.network import stored_relations
from newsdesk.report.timeline import event_records, time_records, timeline_records
from newsdesk.store.base import (
    AnnotationKey,
    AnnotationQuery,
    AnnotationTable,
    ClaimQuery,
    DocumentQuery,
    EntityHead,
    EntityQuery,
    Page,
    RelationKey,
    RelationQuery,
    Store,
    TimelineQuery,
    in_range,
    mention_after,
)
from newsdesk.story.corrections import correction_records

Record = dict[str, Any]
# Documents whose records are built at once when a filter is checked candidate by candidate.
CHUNK = 100
FIRST_CHUNK = 16
SECTIONS = frozenset({"quotes", "times", "events"})
# The mentions an entity's record carries alone, and in a list of entities (the rest are paged by key).
FIRST_MENTIONS = 100
LISTED_MENTIONS = 20
# The annotations each section's records are made from.
_NEEDS = {
    "quotes": ("quotes",),
    "times": ("times",),
    "events": ("events", "times"),
}


@dataclass(frozen=True, slots=True)
class RelationPage:
    """A page of the network's edges, with where each of them is; ``gone``: the page was asked
    after an edge whose document is not stored."""

    page: Page[Record]
    keys: tuple[RelationKey, ...]
    gone: bool = False

    def key(self, record: Record) -> RelationKey:
        """Where an edge of the page is."""
        return next(key for item, key in zip(self.page.items, self.keys, strict=True) if item is record)


@dataclass(frozen=True, slots=True)
class DocumentRecords:
    """What the export holds of one document, its own record aside."""

    quotes: list[Record]
    times: list[Record]
    events: list[Record]


class StoryReader:
    """The export's records of one page, read from ``store``."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # Documents.

    def document_records(self, ids: Sequence[str]) -> list[Record]:
        """The documents' export records (with the reference date), in the order of ``ids``."""
        documents = list(self.store.documents(ids, annotations=False))
        references = self.store.reference_dates([d.id for d in documents])
        cited = sorted({e.doc for r in references.values() for e in r.evidence})
        stubs = {doc: Document(id=doc, source="", text=text) for doc, text in self.store.texts(cited).items()}
        stories = self.store.document_stories([d.id for d in documents])
        records = []
        for document in documents:
            reference = references.get(document.id)
            around = {**{e.doc: stubs[e.doc] for e in reference.evidence if e.doc in stubs}} if reference else {}
            record = with_reference(document_record(document), reference, around)
            # Each document's story, as the export has it.
            record["story"], record["other_story"] = stories.get(document.id, (None, None))
            records.append(record)
        return records

    def documents(self, query: DocumentQuery, offset: int, limit: int) -> Page[Record]:
        found = self.store.document_page(query, offset, limit)
        return Page(found.total, tuple(self.document_records(found.items)))

    def documents_after(self, query: DocumentQuery, after: str, limit: int) -> list[Record] | None:
        """The ``limit`` documents after the document ``after`` (the store's order), read by key;
        None when it is not stored."""
        found = self.store.documents_after(query, after, limit)
        return self.document_records(found) if found is not None else None

    def per_document(self, ids: Sequence[str], sections: frozenset[str] = SECTIONS) -> dict[str, DocumentRecords]:
        """Each document's quotes, times and events as the export shows them (those of ``sections``
        only; the others empty)."""
        needed = {table for section in sections for table in _NEEDS[section]}
        documents = list(self.store.documents(ids, annotations=needed))
        speakers = self.store.quote_speakers([d.id for d in documents]) if "quotes" in sections else {}
        # The entities named in a document: for its events, or for a quote the stage has not linked.
        named_in = [
            d.id for d in documents if "events" in sections or ("quotes" in sections and not _linked(d, speakers))
        ]
        named = self.store.entities_named_in(named_in) if named_in else {}
        links = self.store.timeline_links([d.id for d in documents]) if "events" in sections else {}
        found = {}
        for document in documents:
            own = named.get(document.id, [])
            found[document.id] = DocumentRecords(
                quotes=_quote_records(document, speakers, own) if "quotes" in sections else [],
                times=time_records([document]) if "times" in sections else [],
                events=event_records([document], own, entry_of=links) if "events" in sections else [],
            )
        return found

    def document_detail(self, doc: str) -> Record | None:
        """The document's record and what was found in it: entity mentions (each with its entity),
        quotes, times and events."""
        records = self.document_records([doc])
        if not records:
            return None
        own = self.per_document([doc], frozenset({"quotes", "times", "events"})).get(doc, DocumentRecords([], [], []))
        named = self.store.entities_named_in([doc]).get(doc, [])
        mentions = sorted(
            (
                {
                    "doc": m.doc,
                    "start": m.span.start,
                    "end": m.span.end,
                    "text": m.text,
                    "sense": m.sense,
                    "entity": entity.id,
                    "name": entity.name,
                    "type": entity.type,
                }
                for entity in named
                for m in entity.mentions
                if m.doc == doc
            ),
            key=lambda m: (m["start"], m["end"]),
        )
        return {**records[0], "mentions": mentions, "quotes": own.quotes, "times": own.times, "events": own.events}

    # Entities.

    def entities(self, query: EntityQuery, offset: int, limit: int, mentions: int = FIRST_MENTIONS) -> Page[Record]:
        """A page of entities, each record with its first ``mentions`` mentions (by document, then
        position) where the export's has every one, and two fields of the API's own:
        ``mention_count`` (all of them) and ``mentions_next`` (the ``after`` of
        ``/api/entities/ID/mentions`` that reads on from the last shown; null when every mention
        is shown, as the export's record then has them)."""
        found = self.store.entity_heads(query, offset, limit, mentions)
        records = self._entity_records(
            [head.entity for head in found.items], [(head.aliases, head.articles) for head in found.items]
        )
        return Page(
            found.total, tuple(_with_more(record, head) for record, head in zip(records, found.items, strict=True))
        )

    def entity_heads(self, query: EntityQuery, offset: int, limit: int) -> Page[Record]:
        """A page of entities as ``entities`` gives them, with empty mention lists, read without
        their mentions (the stored counts and aliases stand for them): bounded however often each
        entity is named."""
        found = self.store.entity_heads(query, offset, limit)
        counted = [(head.aliases, head.articles) for head in found.items]
        records = self._entity_records([head.entity for head in found.items], counted)
        return Page(found.total, tuple(records))

    def entity_head(self, entity_id: str) -> tuple[Record, EntityHead] | None:
        """One entity's record as ``entity_heads`` gives it, with its stored counts (``EntityHead``)."""
        found = self.store.entity_heads(EntityQuery(id=entity_id), 0, 1).items
        if not found:
            return None
        head = found[0]
        return self._entity_records([head.entity], [(head.aliases, head.articles)])[0], head

    def entity(self, entity_id: str, mentions: int = FIRST_MENTIONS) -> Record | None:
        """One entity's record as ``entities`` gives it (its first ``mentions`` mentions)."""
        found = self.entities(EntityQuery(id=entity_id), 0, 1, mentions).items
        return found[0] if found else None

    def _entity_records(
        self, entities: Iterable[Any], counted: Sequence[tuple[Sequence[str], int]] | None = None
    ) -> list[Record]:
        entities = list(entities)
        cited = set()
        for entity in entities:
            if entity.description_evidence is not None:
                cited.add(entity.description_evidence.doc)
            cited |= {evidence.doc for _, evidence in entity.descriptions}
            cited |= {evidence.doc for link in entity.links for evidence in link.evidence}
        texts = self.store.texts(sorted(cited))
        if counted is None:
            return [entity_record(entity, texts) for entity in entities]
        return [entity_record(entity, texts, counted=count) for entity, count in zip(entities, counted, strict=True)]

    # Quotes, times, events: a page of keys from the store, the records of their documents.

    def annotations(
        self,
        table: AnnotationTable,
        query: AnnotationQuery,
        offset: int,
        limit: int,
        keep: Callable[[Record], bool] | None = None,
    ) -> Page[Record]:
        """A page of quotes, times or events; ``keep`` checks each candidate the store's query
        gives (a filter on a value worked out when read)."""
        if keep is not None:
            return self._checked(self.store.annotation_documents(table, query), table, query, keep, offset, limit)
        found = self.store.annotation_page(table, query, offset, limit)
        return Page(found.total, tuple(self._annotation_records(table, found.items)))

    def annotations_after(
        self,
        table: AnnotationTable,
        query: AnnotationQuery,
        after: AnnotationKey,
        limit: int,
        keep: Callable[[Record], bool] | None = None,
    ) -> list[Record] | None:
        """The ``limit`` quotes, times or events after ``after`` that ``annotations`` would list,
        read by key; None when its document is not stored."""
        if keep is None:
            found = self.store.annotations_after(table, query, after, limit)
            return self._annotation_records(table, found) if found is not None else None
        place = self.store.document_place(after.doc)
        if place is None:
            return None
        documents = self.store.annotation_documents(table, query, place)
        return list(self._checked(documents, table, query, keep, 0, limit, after).items)

    def _annotation_records(self, table: AnnotationTable, keys: Sequence[AnnotationKey]) -> list[Record]:
        built = self.per_document(list(dict.fromkeys(key.doc for key in keys)), frozenset({table}))
        by_key = {record_key(table, record): record for records in built.values() for record in getattr(records, table)}
        return [by_key[_key_of(table, key)] for key in keys]

    def _checked(
        self,
        documents: Iterator[str],
        table: AnnotationTable,
        query: AnnotationQuery,
        keep: Callable[[Record], bool],
        offset: int,
        limit: int,
        after: AnnotationKey | None = None,
    ) -> Page[Record]:
        """Each candidate checked; after a key (``documents`` then start at its document), the
        first ``limit`` after it, uncounted."""
        total = 0
        chosen: list[Record] = []
        passed = _key_of(table, after) if after is not None else None
        for chunk in _chunks(documents):
            built = self.per_document(chunk, frozenset({table}))
            for doc in chunk:
                for record in getattr(built[doc], table) if doc in built else []:
                    if passed is not None and doc == passed[0] and record_key(table, record) <= passed:
                        continue
                    if _matches(table, query, record) and keep(record):
                        if offset <= total < offset + limit:
                            chosen.append(record)
                        total += 1
                        if after is not None and total == limit:
                            return Page(total, tuple(chosen))
        return Page(total, tuple(chosen))

    def quote(self, quote_id: str) -> Record | None:
        found = self.store.annotation_page("quotes", AnnotationQuery(id=quote_id), 0, 1)
        if not found.items:
            return None
        key = found.items[0]
        records = self.per_document([key.doc], frozenset({"quotes"})).get(key.doc)
        return next((q for q in records.quotes if q["id"] == quote_id), None) if records else None

    # Claims and the network.

    def claims(self, query: ClaimQuery, offset: int, limit: int) -> Page[Record]:
        found = self.store.claim_page(query, offset, limit)
        return Page(found.total, tuple(self._claim_records(found.items)), found.more)

    def claims_after(self, query: ClaimQuery, after: str, limit: int) -> list[Record] | None:
        """The ``limit`` claims after the claim ``after``, read by key; None when it is not stored."""
        found = self.store.claims_after(query, after, limit)
        return self._claim_records(found) if found is not None else None

    def claim(self, claim_id: str) -> Record | None:
        records = self._claim_records(self.store.claims_by_id([claim_id]))
        return records[0] if records else None

    def _claim_records(self, claims: Sequence[Any]) -> list[Record]:
        cited = sorted({e.doc for c in claims for x in c.conflicts for e in (x.ours, x.theirs)})
        stubs = {doc: Document(id=doc, source="", text=text) for doc, text in self.store.texts(cited).items()}
        people = {s.speaker for c in claims for s in c.statements if s.speaker} | {h for c in claims for h in c.holders}
        return claim_records(claims, stubs, self.store.entity_names(sorted(people)))

    def relations(self, query: RelationQuery, offset: int, limit: int) -> RelationPage:
        """A page of the actor network's edges, with where each of them is."""
        found = self.store.relation_page(query, offset, limit)
        return _relation_page(found.total, found.items)

    def relations_after(self, query: RelationQuery, after: RelationKey, limit: int) -> RelationPage:
        """The first ``limit`` edges after the edge at ``after``, uncounted."""
        found = self.store.relations_after(query, after, limit)
        if found is None:
            return RelationPage(Page(0, ()), (), gone=True)
        return _relation_page(len(found), found)

    # Timeline.

    def timeline(self, query: TimelineQuery, offset: int, limit: int) -> Page[Record]:
        found = self.store.timeline_page(query, offset, limit)
        return Page(found.total, tuple(self._timeline_records(found.items)))

    def timeline_entry(self, entry_id: str) -> Record | None:
        records = self._timeline_records(self.store.timeline_by_id([entry_id]))
        return records[0] if records else None

    def _timeline_records(self, entries: Sequence[Any]) -> list[Record]:
        reported = self.store.texts(sorted({r.doc for entry in entries for r in entry.reports}))
        stubs = {doc: Document(id=doc, source="", text=text) for doc, text in reported.items()}
        return timeline_records(entries, stubs)

    # Coverage.

    def coverage(self, query: DocumentQuery, offset: int, limit: int) -> Page[Record]:
        """Per article of the page: the claims it carries, the key claims it leaves out, whom it quotes."""
        found = self.documents(query, offset, limit)
        return Page(found.total, tuple(self._coverage_rows(list(found.items))))

    def _coverage_rows(self, documents: list[Record]) -> list[Record]:
        ids = [d["id"] for d in documents]
        coverage = Coverage.of(self.store.key_claims(KEY_CLAIMS), self.store.claims_carried(ids))
        built = self.per_document(ids, frozenset({"quotes"}))
        return [coverage.row(d, built[d["id"]].quotes if d["id"] in built else []) for d in documents]

    def coverage_by_source(self, offset: int, limit: int) -> Page[Record]:
        """Per independent source: its articles, the claims they carry and leave out, whom they quote."""
        found = self.store.source_page(offset, limit)
        if found.total == 0 and self.store.count():
            return self._coverage_by_derived_source(offset, limit)
        rows: dict[str, Record] = {}
        for chunk in _chunks(doc for _, docs in found.items for doc in docs):
            rows |= {row["doc"]: row for row in self._coverage_rows(self.document_records(chunk))}
        records = []
        first = self._first_row()
        for source, docs in found.items:
            by_source = SourceCoverage({doc: source for doc in docs})
            by_source.prime(first)
            for doc in docs:
                by_source.add(rows[doc])
            records += by_source.records()
        return Page(found.total, tuple(records))

    def _first_row(self) -> Record | None:
        """The coverage row of the story's first article: it names every key claim, carried or
        left out, in the order the coverage per source lists claims left out."""
        first = self.store.document_page(DocumentQuery(), 0, 1)
        rows = self._coverage_rows(self.document_records(first.items)) if first.items else []
        return rows[0] if rows else None

    def _coverage_by_derived_source(self, offset: int, limit: int) -> Page[Record]:
        # A database from before the claims stage stored each article's source: worked out from
        # every document, as the export does.
        documents = list(self.store.documents())
        sources = independent_sources(documents)
        by_source = SourceCoverage(sources)
        for chunk in _chunks(iter([d.id for d in documents])):
            for row in self._coverage_rows(self.document_records(chunk)):
                by_source.add(row)
        records = by_source.records()
        return Page(len(records), tuple(records[offset : offset + limit]))

    # The rest.

    def corrections(self, offset: int, limit: int) -> Page[Record]:
        corrections = self.store.corrections()
        if not corrections:
            return Page(0, ())
        chosen = corrections[offset : offset + limit]
        return Page(len(corrections), tuple(correction_records(chosen, self.store.claims(), self.store.entities())))

    def counts(self, relations: int | None = None) -> dict[str, int]:
        """How many records each section holds (``relations``: the network's edges, when known)."""
        counts = self.store.counts()
        if relations is None:
            relations = self.relations(RelationQuery(), 0, 0).page.total
        order = ("documents", "entities", "quotes", "times", "events", "claims", "relations", "timeline")
        return {name: relations if name == "relations" else counts[name] for name in order}


def _with_more(record: Record, head: EntityHead) -> Record:
    shown = head.entity.mentions
    following = mention_after(shown[-1]) if shown and len(shown) < head.mentions else None
    return {**record, "mention_count": head.mentions, "mentions_next": following}


def _relation_page(total: int, edges: Sequence[NetworkEdge]) -> RelationPage:
    records = tuple(stored_relations(edges))
    return RelationPage(Page(total, records), tuple((edge.doc, edge.place) for edge in edges))


def _quote_records(document: Document, speakers: Mapping[QuoteKey, QuoteSpeaker], own: list[Entity]) -> list[Record]:
    """The document's quote records, each speaker as the speaker links stage stored it, or found
    among the entities ``own`` named in the document where the stage has not linked every quote."""
    if not _linked(document, speakers):
        return quote_records([document], own)
    return spoken_records([document], lambda doc, quote: speakers[_quote_key(doc, quote)])


def _linked(document: Document, speakers: Mapping[QuoteKey, QuoteSpeaker]) -> bool:
    return all(_quote_key(document.id, quote) in speakers for quote in document.quotes)


def _quote_key(doc: str, quote: Quote) -> QuoteKey:
    return (doc, quote.span.start, quote.span.end, quote.kind)


def _chunks(items: Iterator[str] | Iterable[str], first: int = CHUNK) -> Iterator[list[str]]:
    """``items`` in chunks of ``CHUNK``; the first of ``first``, each next one twice as large
    up to ``CHUNK`` (a page that needs a few documents builds a few)."""
    chunk: list[str] = []
    size = first
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
            size = min(size * 2, CHUNK)
    if chunk:
        yield chunk


def record_key(table: AnnotationTable, record: Record) -> tuple[Any, ...]:
    """Where a quote, time or event record is: its document and start, and what tells it from
    another there (as ``AnnotationKey`` holds them)."""
    if table == "quotes":
        return (record["doc"], record["start"], record["end"], record["kind"])
    if table == "times":
        return (record["doc"], record["start"], record["end"])
    return (record["doc"], record["start"], record["trigger"]["start"], record["date_span"]["start"])


def _key_of(table: AnnotationTable, key: AnnotationKey) -> tuple[Any, ...]:
    return (key.doc, key.start, *key.detail)


def _matches(table: AnnotationTable, query: AnnotationQuery, record: Record) -> bool:
    """The record of a candidate document is one the store's query matches (a document's other
    quotes, times or events come with it)."""
    if query.doc is not None and record["doc"] != query.doc:
        return False
    if query.kinds and record.get("kind") not in query.kinds:
        return False
    if query.type is not None and record.get("type") != query.type:
        return False
    if query.modality is not None and record.get("modality") != query.modality:
        return False
    if query.date_from or query.date_to:
        value = record["date"]["value"] if table == "events" else record.get("value")
        if not in_range(value, query.date_from, query.date_to):
            return False
    return True
