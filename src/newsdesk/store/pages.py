"""Reads by page: each request of the API is a few indexed queries, whatever the story's size.

Text filters and date ranges are SQL functions registered on every connection
(``connection.register_functions``), so that they match exactly as the records' own filters did:
case-folded substrings, and ISO dates of any precision compared on the precision both share.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator, Sequence

from newsdesk.model import Claim, Entity, EntityMention, Span, TimelineEntry
from newsdesk.store.base import (
    AnnotationKey,
    AnnotationQuery,
    AnnotationTable,
    ClaimQuery,
    DocumentQuery,
    EntityQuery,
    Page,
    TimelineQuery,
    contains,
)
from newsdesk.store.sql import Database, Row, streamed
from newsdesk.store.story import _batches, _marks, claim_of, entry_of, link_of, read_entities


class _Where:
    """A WHERE clause built one condition at a time, with its parameters."""

    def __init__(self) -> None:
        self.conditions: list[str] = []
        self.params: list[object] = []

    def add(self, condition: str, *params: object) -> None:
        self.conditions.append(condition)
        self.params.extend(params)

    def __str__(self) -> str:
        return f"WHERE {' AND '.join(self.conditions)}" if self.conditions else ""


def _page_of(
    db: Database, select: str, where: _Where, order: str, offset: int, limit: int
) -> tuple[int, list[Row]]:
    total = db.execute(f"SELECT count(*) FROM ({select} {where}) AS matched", where.params).fetchone()[0]
    rows = db.execute(f"{select} {where} ORDER BY {order} LIMIT ? OFFSET ?", [*where.params, limit, offset]).fetchall()
    return int(total), rows


# The publication date a document record shows: its own, or the reference date standing in for
# it where that is inferred and the article's own date is unknown or only inferred itself.
_PUBLISHED = (
    "CASE WHEN r.how = 'inferred' AND (d.published_how IS NULL OR d.published_how = 'inferred')"
    " THEN r.date ELSE d.published END"
)


def _matching(db: Database, sql: str, needle: str) -> list[str]:
    return [str(value) for (value,) in db.execute(sql) if contains(needle, value)]


def document_page(db: Database, query: DocumentQuery, offset: int, limit: int) -> Page[str]:
    where = _Where()
    if query.doc is not None:
        where.add("d.id = ?", query.doc)
    if query.outlet:
        # Outlets are few: the matching names are found once, then looked up by index.
        named = _matching(db, "SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL", query.outlet)
        condition = f"d.outlet IN ({_marks(named) or 'NULL'})"
        params: list[object] = list(named)
        if not query.outlet_only:
            relayed = _matching(db, "SELECT DISTINCT outlet FROM reported_from", query.outlet)
            condition += (
                f" OR EXISTS (SELECT 1 FROM reported_from f WHERE f.doc_id = d.id AND f.outlet IN ({_marks(relayed) or 'NULL'}))"
            )
            params += relayed
        where.add(f"({condition})", *params)
    if query.title:
        where.add("newsdesk_contains(?, d.title)", query.title)
    if query.language is not None:
        where.add("d.language = ?", query.language)
    if query.published_from or query.published_to:
        where.add(f"newsdesk_in_range({_PUBLISHED}, ?, ?)", query.published_from, query.published_to)
    dated = " LEFT JOIN reference_dates r ON r.doc_id = d.id" if query.published_from or query.published_to else ""
    select = f"SELECT d.id, d.source FROM documents d{dated}"
    total, rows = _page_of(db, select, where, "d.source, d.id", offset, limit)
    return Page(total, tuple(row["id"] for row in rows))


def entity_page(db: Database, query: EntityQuery, offset: int, limit: int) -> Page[Entity]:
    where = _Where()
    if query.type:
        where.add("e.type = ?", query.type.upper())
    if query.name:
        where.add(
            "(newsdesk_contains(?, e.name) OR EXISTS (SELECT 1 FROM json_each(e.aliases) a"
            " WHERE newsdesk_contains(?, a.value)))",
            query.name,
            query.name,
        )
    if query.doc is not None:
        where.add("EXISTS (SELECT 1 FROM entity_mentions m WHERE m.doc_id = ? AND m.entity_id = e.id)", query.doc)
    total, rows = _page_of(db, "SELECT e.id, e.position FROM entities e", where, "e.position", offset, limit)
    return Page(total, tuple(read_entities(db, [row["id"] for row in rows])))


def entities_named_in(db: Database, wanted: Sequence[str]) -> dict[str, list[Entity]]:
    mentions: dict[tuple[str, str], list[EntityMention]] = {}
    for batch in _batches(wanted):
        for r in db.execute(
            f'SELECT * FROM entity_mentions WHERE doc_id IN ({_marks(batch)}) ORDER BY doc_id, start, "end"', batch
        ):
            mentions.setdefault((r["doc_id"], r["entity_id"]), []).append(
                EntityMention(r["doc_id"], Span(r["start"], r["end"]), r["text"], r["sense"])
            )
    ids = sorted({entity for _, entity in mentions})
    rows = {}
    links: dict[str, list[Row]] = {}
    for batch in _batches(ids):
        marks = _marks(batch)
        rows.update(
            {
                r["id"]: r
                for r in db.execute(
                    "SELECT id, name, type, description, extractor, position, aliases FROM entities"
                    f" WHERE id IN ({marks})",
                    batch,
                )
            }
        )
        for r in db.execute(
            f"SELECT * FROM entity_links WHERE source IN ({marks}) ORDER BY source, target, relation", batch
        ):
            links.setdefault(r["source"], []).append(r)
    # Each entity read once; each document gets it with its own mentions and the aliases.
    whole: dict[str, tuple[Entity, tuple[EntityMention, ...]]] = {}
    for entity, row in rows.items():
        aliases = tuple(EntityMention("", Span(0, 0), alias) for alias in json.loads(row["aliases"]))
        # What linking a span or a name reads of an entity; not its descriptions or type votes.
        base = Entity(
            id=row["id"],
            name=row["name"],
            type=row["type"],
            mentions=(),
            description=row["description"],
            links=tuple(link_of(r) for r in links.get(entity, [])),
            extractor=row["extractor"],
        )
        whole[entity] = (base, aliases)
    found: dict[str, list[tuple[int, Entity]]] = {}
    for (doc, entity), here in mentions.items():
        if entity not in whole:
            continue
        base, aliases = whole[entity]
        cut = dataclasses.replace(base, mentions=(*here, *aliases))
        found.setdefault(doc, []).append((rows[entity]["position"] or 0, cut))
    return {doc: [entity for _, entity in sorted(items, key=lambda item: item[0])] for doc, items in found.items()}


def entity_names(db: Database, wanted: Sequence[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for batch in _batches(wanted):
        found.update(db.execute(f"SELECT id, name FROM entities WHERE id IN ({_marks(batch)})", batch).fetchall())
    return found


# Per table: its order within a document, the columns that tell one annotation from another
# there, and how its date is found (times: its own value; events: the time expression at its date span).
_ANNOTATIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "quotes": ('a.start, a."end"', ('"end"', "kind")),
    "times": ('a.start, a."end"', ('"end"',)),
    "events": ("a.start, a.trigger_start, a.time_start", ("trigger_start", "time_start")),
}


def _annotation_where(table: AnnotationTable, query: AnnotationQuery) -> tuple[str, _Where]:
    where = _Where()
    joins = ""
    if query.doc is not None:
        where.add("a.doc_id = ?", query.doc)
    if query.id is not None:
        where.add("a.id = ?", query.id)
    if query.kinds:
        where.add(f"a.kind IN ({_marks(query.kinds)})", *query.kinds)
    if query.type is not None:
        where.add("a.type = ?", query.type)
    if query.modality is not None:
        where.add("a.modality = ?", query.modality)
    if query.date_from or query.date_to:
        if table == "events":
            joins = ' LEFT JOIN times t ON t.doc_id = a.doc_id AND t.start = a.time_start AND t."end" = a.time_end'
            where.add("newsdesk_in_range(t.value, ?, ?)", query.date_from, query.date_to)
        else:
            where.add("newsdesk_in_range(a.value, ?, ?)", query.date_from, query.date_to)
    if query.entity is not None:
        where.add("a.doc_id IN (SELECT doc_id FROM entity_mentions WHERE entity_id = ?)", query.entity)
    if query.speaker:
        # The speaker as written, or an entity so named that a mention of it overlaps the
        # speaker's words or whose name or alias the speaker's words could be.
        where.add(
            "(newsdesk_contains(?, a.speaker_text) OR (a.doc_id IN (SELECT m.doc_id FROM entity_mentions m"
            " JOIN entities e ON e.id = m.entity_id WHERE newsdesk_contains(?, e.name)) AND EXISTS ("
            "SELECT 1 FROM entity_mentions m JOIN entities e ON e.id = m.entity_id WHERE m.doc_id = a.doc_id"
            ' AND newsdesk_contains(?, e.name) AND ((m.start < a.speaker_end AND m."end" > a.speaker_start)'
            " OR newsdesk_may_name(a.speaker_text, e.name, e.aliases)))))",
            query.speaker,
            query.speaker,
            query.speaker,
        )
    # The documents' order drives the reading (CROSS JOIN keeps SQLite from sorting every
    # annotation first), unless a filter picks few annotations (one document, an id, the
    # documents naming an entity): then SQLite finds them first.
    selective = query.doc is not None or query.id is not None or query.entity is not None or bool(query.speaker)
    join = "JOIN" if selective else "CROSS JOIN"
    return f"FROM documents d {join} {table} a ON a.doc_id = d.id{joins}", where


def annotation_page(
    db: Database, table: AnnotationTable, query: AnnotationQuery, offset: int, limit: int
) -> Page[AnnotationKey]:
    order, detail = _ANNOTATIONS[table]
    source, where = _annotation_where(table, query)
    columns = ", ".join(f"a.{column}" for column in detail)
    # Counted without the documents: every annotation's document is stored (a foreign key).
    counted = source.split(" ON a.doc_id = d.id", 1)[1]
    total = db.execute(f"SELECT count(*) FROM {table} a{counted} {where}", where.params).fetchone()[0]
    rows = db.execute(
        f"SELECT a.doc_id, a.start, {columns} {source} {where} ORDER BY d.source, d.id, {order} LIMIT ? OFFSET ?",
        [*where.params, limit, offset],
    ).fetchall()
    return Page(int(total), tuple(AnnotationKey(row[0], row[1], tuple(row[2:])) for row in rows))


def annotation_documents(db: Database, table: AnnotationTable, query: AnnotationQuery) -> Iterator[str]:
    source, where = _annotation_where(table, query)
    with streamed(db, f"SELECT DISTINCT d.source, d.id {source} {where} ORDER BY d.source, d.id", where.params) as rows:
        for row in rows:
            yield row[1]


_CLAIM_ORDER = {
    "story": "c.rowid",
    "sources": "c.source_count DESC, c.document_count DESC, c.rowid",
    "documents": "c.document_count DESC, c.source_count DESC, c.rowid",
}


def claim_page(db: Database, query: ClaimQuery, offset: int, limit: int) -> Page[Claim]:
    where = _Where()
    if query.min_sources > 1:
        where.add("c.source_count >= ?", query.min_sources)
    if query.min_documents > 1:
        where.add("c.document_count >= ?", query.min_documents)
    if query.contested is not None:
        where.add("c.contested = ?", int(query.contested))
    if query.doc is not None:
        where.add("c.id IN (SELECT claim_id FROM claim_documents WHERE doc_id = ?)", query.doc)
    if query.entity is not None:
        where.add("c.id IN (SELECT claim_id FROM claim_actors WHERE entity_id = ?)", query.entity)
    if query.text:
        where.add("newsdesk_contains(?, c.text)", query.text)
    if query.kind is not None:
        where.add("c.kind = ?", query.kind)
    total, rows = _page_of(db, "SELECT c.* FROM claims c", where, _CLAIM_ORDER[query.order], offset, limit)
    return Page(total, tuple(claim_of(row) for row in rows))


def claims_by_id(db: Database, wanted: Sequence[str]) -> list[Claim]:
    found: list[tuple[int, Claim]] = []
    for batch in _batches(wanted):
        found += [
            (r["rowid"], claim_of(r))
            for r in db.execute(f"SELECT rowid, * FROM claims WHERE id IN ({_marks(batch)})", batch)
        ]
    return [claim for _, claim in sorted(found, key=lambda item: item[0])]


def key_claims(db: Database, limit: int) -> list[str]:
    rows = db.execute(
        "SELECT id FROM claims WHERE document_count > 1 ORDER BY source_count DESC, document_count DESC, rowid LIMIT ?",
        (limit,),
    )
    return [row[0] for row in rows]


def claims_carried(db: Database, wanted: Sequence[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for batch in _batches(wanted):
        for row in db.execute(
            f"SELECT d.doc_id, d.claim_id FROM claim_documents d JOIN claims c ON c.id = d.claim_id"
            f" WHERE d.doc_id IN ({_marks(batch)}) ORDER BY c.rowid",
            batch,
        ):
            found.setdefault(row[0], []).append(row[1])
    return found


def timeline_page(db: Database, query: TimelineQuery, offset: int, limit: int) -> Page[TimelineEntry]:
    where = _Where()
    if query.entity is not None:
        where.add("EXISTS (SELECT 1 FROM json_each(t.participants) p WHERE p.value = ?)", query.entity)
    if query.doc is not None:
        where.add("t.id IN (SELECT entry_id FROM timeline_reports WHERE doc_id = ?)", query.doc)
    if query.disputed is not None:
        where.add("CASE WHEN coalesce(t.disagreement, '') <> '' THEN 1 ELSE 0 END = ?", int(query.disputed))
    if query.date_from or query.date_to:
        where.add("newsdesk_in_range(t.value, ?, ?)", query.date_from, query.date_to)
    total, rows = _page_of(db, "SELECT t.* FROM timeline t", where, "t.value, t.id", offset, limit)
    return Page(total, tuple(entry_of(row) for row in rows))


def timeline_by_id(db: Database, wanted: Sequence[str]) -> list[TimelineEntry]:
    found: list[TimelineEntry] = []
    for batch in _batches(wanted):
        found += [entry_of(r) for r in db.execute(f"SELECT * FROM timeline WHERE id IN ({_marks(batch)})", batch)]
    return sorted(found, key=lambda entry: (entry.value, entry.id))


def timeline_links(db: Database, wanted: Sequence[str]) -> dict[tuple[str, int, int], str]:
    """Where two entries report the same event, the one later in the timeline's order holds it
    (as a look-up built over the whole timeline in order would)."""
    found: dict[tuple[str, int, int], str] = {}
    for batch in _batches(wanted):
        for row in db.execute(
            f"SELECT r.doc_id, r.event_start, r.trigger_start, r.entry_id FROM timeline_reports r"
            f" JOIN timeline t ON t.id = r.entry_id WHERE r.doc_id IN ({_marks(batch)}) ORDER BY t.value, t.id",
            batch,
        ):
            found[(row[0], row[1], row[2])] = row[3]
    return found


def relation_documents(db: Database) -> Iterator[str]:
    with streamed(
        db,
        "SELECT d.id FROM documents d WHERE EXISTS (SELECT 1 FROM relations r WHERE r.doc_id = d.id) ORDER BY d.source, d.id",
    ) as rows:
        for row in rows:
            yield row[0]


def source_page(db: Database, offset: int, limit: int) -> Page[tuple[str, tuple[str, ...]]]:
    total = db.execute("SELECT count(DISTINCT source) FROM sources").fetchone()[0]
    chosen = db.execute(
        "SELECT source FROM sources GROUP BY source ORDER BY count(*) DESC, source LIMIT ? OFFSET ?", (limit, offset)
    ).fetchall()
    items = []
    for (source,) in chosen:
        docs = db.execute(
            "SELECT s.doc_id FROM sources s JOIN documents d ON d.id = s.doc_id WHERE s.source = ? ORDER BY d.source, d.id",
            (source,),
        ).fetchall()
        items.append((str(source), tuple(row[0] for row in docs)))
    return Page(int(total), tuple(items))


def counts(db: Database) -> dict[str, int]:
    tables = {
        "documents": "documents",
        "entities": "entities",
        "quotes": "quotes",
        "times": "times",
        "events": "events",
        "claims": "claims",
        "timeline": "timeline",
    }
    return {name: int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]) for name, table in tables.items()}
