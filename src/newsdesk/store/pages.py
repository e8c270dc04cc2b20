"""Reads by page: each request of the API is a few indexed queries, whatever the story's size.

Text filters and date ranges are SQL functions registered on every connection
(``connection.register_functions``), so that they match exactly as the records' own filters did:
case-folded substrings, and ISO dates of any precision compared on the precision both share.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sqlite3
from collections.abc import Iterator, Sequence

from newsdesk.model import Claim, Entity, EntityMention, Span, TimelineEntry
from newsdesk.model.speakers import QuoteKey, QuoteSpeaker
from newsdesk.store.base import (
    AnnotationKey,
    AnnotationQuery,
    AnnotationTable,
    ClaimQuery,
    DocumentHead,
    DocumentQuery,
    EntityHead,
    EntityQuery,
    EntitySummary,
    Page,
    SpokenQuote,
    TimelineQuery,
    contains,
    in_range,
)
from newsdesk.store.kept import Remember, at_once
from newsdesk.store.sql import Database, Row, streamed
from newsdesk.store.story import (
    _batches,
    _marks,
    claim_of,
    entity_of,
    entry_of,
    head_of,
    link_of,
    read_entities,
    read_mentions,
)


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


def _page_of(db: Database, select: str, where: _Where, order: str, offset: int, limit: int) -> tuple[int, list[Row]]:
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


_OUTLETS = "SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL"
_RELAYED = "SELECT DISTINCT outlet FROM reported_from"


def _document_where(db: Database, query: DocumentQuery, remember: Remember = at_once) -> tuple[_Where, _Where]:
    """The documents ``query`` matches: as a page finds them, read in order until it is full
    (each one checked), and as a count does."""
    where, counted = _Where(), _Where()
    for chosen in (where, counted):
        _document_filters(chosen, query)
    if query.outlet:
        # Outlets are few: the matching names are found once, then looked up by index.
        named = remember(("outlets", query.outlet), lambda: _matching(db, _OUTLETS, query.outlet or ""))
        relayed = (
            []
            if query.outlet_only
            else remember(("relayed", query.outlet), lambda: _matching(db, _RELAYED, query.outlet or ""))
        )
        # Counted, those of the outlets and those relaying them are a UNION of two look-ups by
        # index (an OR of the two is checked document by document).
        outlets = f"SELECT id FROM documents WHERE outlet IN ({_marks(named) or 'NULL'})"
        condition = f"d.outlet IN ({_marks(named) or 'NULL'})"
        if not query.outlet_only:
            marks = _marks(relayed) or "NULL"
            outlets += f" UNION SELECT doc_id FROM reported_from WHERE outlet IN ({marks})"
            condition += f" OR EXISTS (SELECT 1 FROM reported_from f WHERE f.doc_id = d.id AND f.outlet IN ({marks}))"
        counted.add(f"d.id IN ({outlets})", *named, *relayed)
        where.add(f"({condition})", *named, *relayed)
    return where, counted


def _document_filters(where: _Where, query: DocumentQuery) -> None:
    """The conditions of ``query`` but its outlet."""
    if query.doc is not None:
        where.add("d.id = ?", query.doc)
    if query.title:
        where.add("newsdesk_contains(?, d.title)", query.title)
    if query.language is not None:
        where.add("d.language = ?", query.language)
    if query.published_from or query.published_to:
        where.add(f"newsdesk_in_range({_PUBLISHED}, ?, ?)", query.published_from, query.published_to)
    if query.entity is not None:
        where.add("d.id IN (SELECT doc_id FROM entity_mentions WHERE entity_id = ?)", query.entity)
    if query.story is not None:
        where.add(f"d.id IN ({_STORY_DOCS})", query.story)


def document_page(
    db: Database, query: DocumentQuery, offset: int, limit: int, remember: Remember = at_once
) -> Page[str]:
    """(``remember``: the count and the outlets named are kept while the database is unchanged.)"""
    where, chosen = _document_where(db, query, remember)
    filtered = bool(query.published_from or query.published_to)
    joined = " LEFT JOIN reference_dates r ON r.doc_id = d.id"
    counted = f" INDEXED BY documents_listed{joined}" if filtered else ""
    count = f"SELECT count(*) FROM documents d{counted} {chosen}"
    total = remember(
        ("documents", dataclasses.replace(query, order="store", descending=False)),
        lambda: int(db.execute(count, chosen.params).fetchone()[0]),
    )
    dated = joined if filtered or query.order == "published" else ""
    key = {"store": None, "published": _PUBLISHED, "outlet": "d.outlet", "title": "lower(d.title)"}[query.order]
    order = "d.source, d.id" if key is None else f"{_sorted(key, query.descending)}, d.source, d.id"
    if key is None and query.descending:
        order = "d.source DESC, d.id DESC"
    # Sorted by a column, the whole list is read from the index holding the listed columns (SQLite
    # would otherwise read each article's row, its text among them, to find them).
    listed = " INDEXED BY documents_listed" if key is not None else ""
    rows = db.execute(
        f"SELECT d.id FROM documents d{listed}{dated} {where} ORDER BY {order} LIMIT ? OFFSET ?",
        [*where.params, limit, offset],
    ).fetchall()
    return Page(int(total), tuple(row["id"] for row in rows))


# The documents of a story: those whose main story it is (as the story's own pages show it: an
# article that only touches a story is listed under its main story).
_STORY_DOCS = "SELECT doc_id FROM story_members WHERE story_id = ? AND role = 'main'"
# The documents a full-text query matches (SQLite's FTS5 index; PostgreSQL's: ``_matching_docs``).
_MATCHING = (
    "SELECT d.id FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ?"
)
_MATCHING_POSTGRES = "SELECT d.id FROM documents d WHERE d.search @@ to_tsquery('newsdesk', ?)"


def _matching_docs(db: Database, query: str) -> tuple[str, str]:
    """The documents a full-text query (the search language of FTS5) matches, in the database's
    own full-text index: the SQL and its parameter."""
    if isinstance(db, sqlite3.Connection):
        return _MATCHING, query
    from newsdesk.store.postgres_search import to_tsquery  # FTS5's language read into a tsquery

    return _MATCHING_POSTGRES, to_tsquery(query)


# The documents of an outlet (exactly as stored), and those published within a range.
_OUTLET_DOCS = "SELECT id FROM documents WHERE outlet = ?"
_DATED_DOCS = (
    "SELECT d.id FROM documents d INDEXED BY documents_listed LEFT JOIN reference_dates r ON r.doc_id = d.id"
    f" WHERE newsdesk_in_range({_PUBLISHED}, ?, ?)"
)


def _sorted(key: str, descending: bool) -> str:
    """``key`` ascending or descending, with the unknown values last either way (SQLite and
    PostgreSQL put NULL at opposite ends)."""
    return f"({key} IS NULL), {key}{' DESC' if descending else ''}"


def _in_documents(
    where: _Where,
    column: str,
    outlet: str | None,
    published_from: str | None,
    published_to: str | None,
    story: str | None,
) -> None:
    """Keep the rows whose document (``column`` holds its id, or is a subquery's id column) is of
    ``outlet``, published within the range and in ``story``."""
    if outlet:
        where.add(f"{column} IN ({_OUTLET_DOCS})", outlet)
    if published_from or published_to:
        where.add(f"{column} IN ({_DATED_DOCS})", published_from, published_to)
    if story is not None:
        where.add(f"{column} IN ({_STORY_DOCS})", story)


def documents_within(db: Database, within: DocumentQuery) -> list[str]:
    """The ids of the documents of ``within``'s outlet (the name exactly), publication dates, story
    and entity (what a search is narrowed to where the full-text index is not SQLite's)."""
    where = _Where()
    _in_documents(where, "d.id", within.outlet, within.published_from, within.published_to, within.story)
    if within.entity is not None:
        where.add("d.id IN (SELECT doc_id FROM entity_mentions WHERE entity_id = ?)", within.entity)
    return [row[0] for row in db.execute(f"SELECT d.id FROM documents d {where}", where.params)]


# Words shorter than this are not in a trigram index.
_TRIGRAM = 3


def _claim_words(db: Database, where: _Where, words: tuple[str, ...]) -> bool:
    """Keep the claims whose text holds every word (``_words``), those with an ASCII word of three
    letters or more narrowed first by the claims' trigram index (SQLite: FTS5's trigram table,
    whose own copy of the text is checked, not each claim's wide row; PostgreSQL: pg_trgm under
    LIKE). The index finds a word in any ASCII case anywhere in the text, so it keeps every claim
    the check keeps; without a word of three letters the claims are checked one by one. True
    where SQLite's index picks the claims (by id)."""
    indexed = [word for word in words if word.isascii() and len(word) >= _TRIGRAM]
    if indexed and isinstance(db, sqlite3.Connection):
        inner = _Where()
        inner.add("claim_words MATCH ?", " AND ".join('"' + word.replace('"', '""') + '"' for word in indexed))
        _words(inner, "text", words)
        where.add(f"c.id IN (SELECT claim_id FROM claim_words {inner})", *inner.params)
        return True
    for word in indexed:
        escaped = word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.add("lower(c.text) LIKE ?", f"%{escaped}%")
    _words(where, "c.text", words)
    return False


def _words(where: _Where, column: str, words: tuple[str, ...]) -> None:
    """Keep the rows whose ``column`` holds every word, in any case. A word of ASCII letters is
    looked for by SQL's own lower() (ten times faster than a Python function, row by row); it
    misses only a text whose non-ASCII letters fold into it ("STRAẞE" for "strasse")."""
    for word in words:
        if word.isascii():
            where.add(f"instr(lower({column}), ?) > 0", word.lower())
        else:
            where.add(f"newsdesk_contains(?, {column})", word)


# Letters, digits, spaces and the punctuation of names, in ASCII: never JSON's quotes, backslashes
# or a \uXXXX escape.
_PLAIN = re.compile(r"(?!.*\\u[0-9a-fA-F]{4})[A-Za-z0-9 .,'&()-]+")


def _entity_where(query: EntityQuery) -> tuple[_Where, str]:
    where = _Where()
    if query.id is not None:
        where.add("e.id = ?", query.id)
    if query.type:
        where.add("e.type = ?", query.type.upper())
    if query.name and _PLAIN.fullmatch(query.name):
        # Plain ASCII words are looked for by SQL's lower() in the name and in the aliases' JSON
        # text (where they cannot meet its quotes, backslashes or escapes).
        where.add(
            "(instr(lower(e.name), ?) > 0 OR instr(lower(e.aliases), ?) > 0)", query.name.lower(), query.name.lower()
        )
    elif query.name:
        where.add(
            "(newsdesk_contains(?, e.name) OR EXISTS (SELECT 1 FROM json_each(e.aliases) a"
            " WHERE newsdesk_contains(?, a.value)))",
            query.name,
            query.name,
        )
    if query.doc is not None:
        where.add("EXISTS (SELECT 1 FROM entity_mentions m WHERE m.doc_id = ? AND m.entity_id = e.id)", query.doc)
    if query.story is not None:
        where.add(f"e.id IN (SELECT m.entity_id FROM entity_mentions m WHERE m.doc_id IN ({_STORY_DOCS}))", query.story)
    return where, "e.position" if query.order == "mentions" else "lower(e.name), e.position"


def entity_page(db: Database, query: EntityQuery, offset: int, limit: int) -> Page[Entity]:
    where, order = _entity_where(query)
    total, rows = _page_of(db, "SELECT e.id, e.position, e.name FROM entities e", where, order, offset, limit)
    ids = [row["id"] for row in rows]
    read = {entity.id: entity for entity in read_entities(db, ids)}  # in the story's order
    return Page(total, tuple(read[entity] for entity in ids if entity in read))


def entity_heads(db: Database, query: EntityQuery, offset: int, limit: int, mentions: int = 0) -> Page[EntityHead]:
    where, order = _entity_where(query)
    total, rows = _page_of(db, "SELECT e.* FROM entities e", where, order, offset, limit)
    links: dict[str, list[Row]] = {}
    for batch in _batches([row["id"] for row in rows]):
        for r in db.execute(
            f"SELECT * FROM entity_links WHERE source IN ({_marks(batch)}) ORDER BY source, target, relation", batch
        ):
            links.setdefault(r["source"], []).append(r)
    # Each entity's first mentions: one range of the mentions' key per entity.
    first = {row["id"]: tuple(read_mentions(db, row["id"], None, mentions)) if mentions else () for row in rows}
    heads = (
        head_of(row, entity_of(row, first[row["id"]], tuple(link_of(r) for r in links.get(row["id"], []))))
        for row in rows
    )
    return Page(total, tuple(heads))


def entity_summaries(db: Database, query: EntityQuery, offset: int, limit: int) -> Page[EntitySummary]:
    where, order = _entity_where(query)
    select = (
        "SELECT e.id, e.name, e.type, e.description, e.mention_count, e.aliases, e.position,"
        " e.article_count AS articles,"
        " (SELECT json_group_array(l.relation) FROM entity_links l WHERE l.source = e.id) AS relations FROM entities e"
    )
    total, rows = _page_of(db, select, where, order, offset, limit)
    return Page(
        total,
        tuple(
            EntitySummary(
                row["id"],
                row["name"],
                row["type"],
                row["description"],
                int(row["mention_count"]),
                int(row["articles"]),
                tuple(json.loads(row["aliases"])),
                tuple(json.loads(row["relations"])),
            )
            for row in rows
        ),
    )


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
    "quotes": ('a.start, a."end", a.kind', ('"end"', "kind")),
    "times": ('a.start, a."end"', ('"end"',)),
    "events": ("a.start, a.trigger_start, a.time_start", ("trigger_start", "time_start")),
}


def _annotation_where(db: Database, table: AnnotationTable, query: AnnotationQuery) -> tuple[str, _Where]:
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
    _speaker(where, query, _rows_of(table, query) == "speaker_links")
    _in_documents(where, "a.doc_id", query.outlet, query.published_from, query.published_to, query.story)
    if query.matching is not None:
        matching, needle = _matching_docs(db, query.matching)
        where.add(f"a.doc_id IN ({matching})", needle)
    _words(where, "a.text", query.words)
    # The documents' order drives the reading (CROSS JOIN keeps SQLite from sorting every
    # annotation first), unless a filter picks few annotations (one document, an id, the
    # documents naming an entity): then SQLite finds them first.
    selective = (
        query.doc is not None
        or query.id is not None
        or query.entity is not None
        or bool(query.speaker)
        or bool(query.outlet)
        or query.story is not None
        or query.matching is not None
        or query.speaker_entity is not None
    )
    join = "JOIN" if selective else "CROSS JOIN"
    return f"FROM documents d {join} {_rows_of(table, query)} a ON a.doc_id = d.id{joins}", where


def _rows_of(table: AnnotationTable, query: AnnotationQuery) -> str:
    """The table a page's rows are read from. The speaker links hold a row for every quote, with
    its key, kind and document: a filter on the speaker that needs nothing else of the quote reads
    them in place of the quotes, so one speaker's quotes are found, counted and ordered by index
    without each being looked up among all the quotes."""
    speaker = bool(query.speaker) or query.speaker_entity is not None
    own = query.words or query.matching is not None or query.order == "speaker" or query.date_from or query.date_to
    return "speaker_links" if table == "quotes" and speaker and not own else table


def _speaker(where: _Where, query: AnnotationQuery, links: bool) -> None:
    """Quotes by their speaker as the speaker links stage stored them: the entity, or a name
    holding the words (the names found first); on the links read as ``a`` (``links``), else on
    the links of the quotes read."""
    found = _Where()
    alias = "a" if links else "l"
    if query.speaker:
        found.add(
            f"{alias}.name_key IN (SELECT n.name_key FROM speaker_names n WHERE instr(n.name_key, ?) > 0)",
            query.speaker.casefold(),
        )
    if query.speaker_entity is not None:
        found.add(f"{alias}.entity_id = ?", query.speaker_entity)
    if not found.conditions:
        return
    if links:
        where.add(" AND ".join(found.conditions), *found.params)
    else:
        where.add(f"a.id IN (SELECT l.id FROM speaker_links l {found})", *found.params)


def annotation_page(
    db: Database, table: AnnotationTable, query: AnnotationQuery, offset: int, limit: int
) -> Page[AnnotationKey]:
    return Page(annotation_count(db, table, query), tuple(annotation_keys(db, table, query, offset, limit)))


def annotation_count(db: Database, table: AnnotationTable, query: AnnotationQuery) -> int:
    source, where = _annotation_where(db, table, query)
    # Counted without the documents: every annotation's document is stored (a foreign key).
    counted = source.split(" ON a.doc_id = d.id", 1)[1]
    sql = f"SELECT count(*) FROM {_rows_of(table, query)} a{counted} {where}"
    return int(db.execute(sql, where.params).fetchone()[0])


def annotation_keys(
    db: Database, table: AnnotationTable, query: AnnotationQuery, offset: int, limit: int
) -> list[AnnotationKey]:
    order, detail = _ANNOTATIONS[table]
    source, where = _annotation_where(db, table, query)
    columns = ", ".join(f"a.{column}" for column in detail)
    first = f"{_sorted('lower(a.speaker_text)', False)}, " if query.order == "speaker" and table == "quotes" else ""
    rows = db.execute(
        f"SELECT a.doc_id, a.start, {columns} {source} {where} ORDER BY {first}d.source, d.id, {order} LIMIT ? OFFSET ?",
        [*where.params, limit, offset],
    ).fetchall()
    return [AnnotationKey(row[0], row[1], tuple(row[2:])) for row in rows]


def annotation_documents(
    db: Database, table: AnnotationTable, query: AnnotationQuery, start: tuple[str, str] | None = None
) -> Iterator[str]:
    """(From the document at ``start``, its source and id, on.)"""
    source, where = _annotation_where(db, table, query)
    # The documents in order, each asked whether it holds one: the first ones come without the
    # whole table being read, so a caller that stops early pays for what it read.
    joins = source.split(" ON a.doc_id = d.id", 1)[1]
    holds = f"EXISTS (SELECT 1 FROM {_rows_of(table, query)} a{joins} {where}{' AND' if where.conditions else 'WHERE'} a.doc_id = d.id)"
    begin = "(d.source, d.id) >= (?, ?) AND " if start is not None else ""
    params = [*(start or ()), *where.params]
    with streamed(db, f"SELECT d.id FROM documents d WHERE {begin}{holds} ORDER BY d.source, d.id", params) as rows:
        for row in rows:
            yield row[0]


_CLAIM_ORDER = {
    "story": "c.rowid",
    "sources": "c.source_count DESC, c.document_count DESC, c.rowid",
    "documents": "c.document_count DESC, c.source_count DESC, c.rowid",
}


# An outlet's claims in each order, read from claim_outlets' own indexes.
_OUTLET_ORDER = {
    "story": "position",
    "sources": "source_count DESC, document_count DESC, position",
    "documents": "document_count DESC, source_count DESC, position",
}


def _claim_where(db: Database, query: ClaimQuery) -> tuple[_Where, bool]:
    """The claims' filter, and whether their words were narrowed through the claim words' index."""
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
    dated = bool(query.published_from or query.published_to or query.story is not None)
    if query.outlet and not dated:  # an article of the outlet: looked up by outlet
        where.add("c.id IN (SELECT claim_id FROM claim_outlets WHERE outlet = ?)", query.outlet)
    elif query.outlet or dated:  # one article of the outlet, within the dates and the story
        chosen = _Where()
        _in_documents(chosen, "cd.doc_id", query.outlet, query.published_from, query.published_to, query.story)
        where.add(f"c.id IN (SELECT cd.claim_id FROM claim_documents cd {chosen})", *chosen.params)
    # The words before the full-text match: SQLite reads the claims from the first such index.
    by_words = _claim_words(db, where, query.words)
    if query.matching is not None:
        matching, needle = _matching_docs(db, query.matching)
        where.add(f"c.id IN (SELECT cd.claim_id FROM claim_documents cd WHERE cd.doc_id IN ({matching}))", needle)
    return where, by_words


def claim_page(db: Database, query: ClaimQuery, offset: int, limit: int) -> Page[Claim]:
    if query.outlet and query == ClaimQuery(outlet=query.outlet, order=query.order):  # the outlet alone
        total = db.execute("SELECT count(*) FROM claim_outlets WHERE outlet = ?", (query.outlet,)).fetchone()[0]
        rows = db.execute(
            f"SELECT claim_id FROM claim_outlets WHERE outlet = ? ORDER BY {_OUTLET_ORDER[query.order]} LIMIT ? OFFSET ?",
            (query.outlet, limit, offset),
        ).fetchall()
        return Page(int(total), claims_in_order(db, [row[0] for row in rows]))
    if query.words:
        return _claims_found(db, query, offset, limit)
    where, by_words = _claim_where(db, query)
    # Claims picked by id are sorted from the index holding the sort keys, not from their wide rows.
    claims = "claims c INDEXED BY claims_id_ranked" if by_words else "claims c"
    # The page's ids first (sorting ids, not whole claims), then their rows. Words are checked
    # claim by claim: counted in the same pass as the page is sorted, not in a second one.
    order = _CLAIM_ORDER[query.order]
    if query.words and query.matching is not None:
        rows = db.execute(
            f"SELECT c.id, count(*) OVER () AS counted FROM {claims} {where} ORDER BY {order} LIMIT ? OFFSET ?",
            [*where.params, limit, offset],
        ).fetchall()
        total = int(rows[0]["counted"]) if rows else _page_of(db, f"SELECT c.id FROM {claims}", where, order, 0, 0)[0]
    else:
        total, rows = _page_of(db, f"SELECT c.id FROM {claims}", where, order, offset, limit)
    return Page(total, claims_in_order(db, [row["id"] for row in rows]))


# A search of the claims counts this many at most: past it, its page says "more than" (``Page.more``).
SEARCH_COUNTED = 2000


def _claims_found(db: Database, query: ClaimQuery, offset: int, limit: int) -> Page[Claim]:
    """The claims holding search words, in time bounded by ``SEARCH_COUNTED`` (a common word is
    in 23,000 claims of 100,000 articles): they are counted up to it, and a page of up to that
    many is sorted; past it (``more``), the page is read in the order's own index, each claim's
    text checked, until it is full (a word in one claim of a thousand: some 50,000 claims for a
    page of 50). SQLite counts them from the claims' trigram index (``claim_words``), read in
    its own order and stopped at the bound."""
    cap = SEARCH_COUNTED
    order = _CLAIM_ORDER[query.order]
    sqlite = isinstance(db, sqlite3.Connection)
    # The other filters; SQLite looks each claim up among the articles a full-text query matches
    # (an IN of every claim of those articles would be read whole first).
    base, _ = _claim_where(db, dataclasses.replace(query, words=(), matching=None if sqlite else query.matching))
    if sqlite and query.matching is not None:
        base.add(
            "EXISTS (SELECT 1 FROM claim_documents cd JOIN documents d ON d.id = cd.doc_id WHERE cd.claim_id = c.id"
            " AND d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?))",
            query.matching,
        )
    indexed = [word for word in query.words if word.isascii() and len(word) >= _TRIGRAM]
    found = _Where()
    if indexed and sqlite:  # from the trigram index, in its own order, stopped at the bound
        found.add("w.claim_words MATCH ?", " AND ".join('"' + word.replace('"', '""') + '"' for word in indexed))
        _words(found, "w.text", query.words)
        source = "claim_words w CROSS JOIN claims c ON c.id = w.claim_id"
    else:  # PostgreSQL (pg_trgm under LIKE), or words the trigram index cannot find
        _claim_words(db, found, query.words)
        source = "claims c"
    found.conditions += base.conditions
    found.params += base.params
    sql = f"SELECT count(*) FROM (SELECT 1 FROM {source} {found} LIMIT ?) AS found"
    total = int(db.execute(sql, [*found.params, cap + 1]).fetchone()[0])
    if total <= cap:
        sql = f"SELECT c.id FROM {source} {found} ORDER BY {order} LIMIT ? OFFSET ?"
        rows = db.execute(sql, [*found.params, limit, offset])
        return Page(total, claims_in_order(db, [row[0] for row in rows]))
    # Many: the claims in the order's index, each checked, until the page is full.
    _words(base, "c.text", query.words)
    sql = f"SELECT c.id FROM claims c {base} ORDER BY {order} LIMIT ? OFFSET ?"
    rows = db.execute(sql, [*base.params, limit, offset])
    return Page(cap, claims_in_order(db, [row[0] for row in rows]), more=True)


def plain_claims(query: ClaimQuery) -> bool:
    """Whether ``query``'s claims are counted and paged by ``claim_count`` and ``claim_ids`` (no
    search words, no outlet alone: those are read their own way, ``claim_page``)."""
    alone = bool(query.outlet) and query == ClaimQuery(outlet=query.outlet, order=query.order)
    return not query.words and not alone


def claim_count(db: Database, query: ClaimQuery) -> int:
    where, _ = _claim_where(db, query)
    return int(db.execute(f"SELECT count(*) FROM claims c {where}", where.params).fetchone()[0])


def claim_ids(db: Database, query: ClaimQuery, offset: int, limit: int) -> list[str]:
    where, _ = _claim_where(db, query)
    rows = db.execute(
        f"SELECT c.id FROM claims c {where} ORDER BY {_CLAIM_ORDER[query.order]} LIMIT ? OFFSET ?",
        [*where.params, limit, offset],
    )
    return [row[0] for row in rows]


def claims_in_order(db: Database, ids: list[str]) -> tuple[Claim, ...]:
    """The claims ``ids`` names, in that order."""
    found = {claim.id: claim for claim in claims_by_id(db, ids)}
    return tuple(found[claim] for claim in ids if claim in found)


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
    where = _timeline_where(db, query)
    counted = _REPORTED_ALL if query.order == "documents" else ""
    # A filter checked entry by entry is counted in the pass that sorts the page, not in a second one.
    once = query.entity is not None or bool(query.words) or bool(query.outlet) or query.story is not None
    total = None if once else db.execute(f"SELECT count(*) FROM timeline t {where}", where.params).fetchone()[0]
    window = ", count(*) OVER () AS counted" if once else ""
    rows = db.execute(
        f"SELECT t.id{window} FROM timeline t{counted} {where} ORDER BY {_TIMELINE_ORDER[query.order]} LIMIT ? OFFSET ?",
        [*where.params, limit, offset],
    ).fetchall()
    if total is None:
        total = (
            rows[0]["counted"]
            if rows
            else db.execute(f"SELECT count(*) FROM timeline t {where}", where.params).fetchone()[0]
        )
    ids = [row[0] for row in rows]
    found = {entry.id: entry for entry in timeline_by_id(db, ids)}  # the page's ids first, then their rows
    return Page(int(total), tuple(found[entry] for entry in ids if entry in found))


# How many articles report a timeline entry.
_REPORTED = "(SELECT count(DISTINCT r.doc_id) FROM timeline_reports r WHERE r.entry_id = t.id)"
_TIMELINE_ORDER = {"date": "t.value, t.id", "documents": "coalesce(n.reported, 0) DESC, t.value, t.id"}
# The entries' report counts, worked out in one pass when the timeline is sorted by them.
_REPORTED_ALL = (
    " LEFT JOIN (SELECT entry_id, count(DISTINCT doc_id) AS reported FROM timeline_reports GROUP BY entry_id) n"
    " ON n.entry_id = t.id"
)


def _timeline_where(db: Database, query: TimelineQuery) -> _Where:
    where = _Where()
    if query.entity is not None:  # the entity takes part (an entry's participants, one row each)
        where.add("t.id IN (SELECT entry_id FROM timeline_participants WHERE entity_id = ?)", query.entity)
    if query.doc is not None:
        where.add("t.id IN (SELECT entry_id FROM timeline_reports WHERE doc_id = ?)", query.doc)
    if query.disputed is not None:
        where.add("CASE WHEN coalesce(t.disagreement, '') <> '' THEN 1 ELSE 0 END = ?", int(query.disputed))
    if query.date_from or query.date_to:
        # The distinct dates are few: those within the range are found once, then looked up by index.
        values = db.execute("SELECT DISTINCT value FROM timeline").fetchall()
        kept = [value for (value,) in values if in_range(value, query.date_from, query.date_to)]
        where.add("t.value IN (SELECT value FROM json_each(?))", json.dumps(kept))
    if query.kind is not None:
        where.add("t.kind = ?", query.kind)
    if query.min_documents > 1:
        where.add(f"{_REPORTED} >= ?", query.min_documents)
    if query.outlet or query.story is not None:
        chosen = _Where()
        _in_documents(chosen, "tr.doc_id", query.outlet, None, None, query.story)
        where.add(f"t.id IN (SELECT tr.entry_id FROM timeline_reports tr {chosen})", *chosen.params)
    _words(where, "t.label", query.words)
    return where


def timeline_values(db: Database, query: TimelineQuery) -> list[tuple[str, int]]:
    where = _timeline_where(db, query)
    rows = db.execute(f"SELECT t.value, count(*) FROM timeline t {where} GROUP BY t.value", where.params)
    return [(str(value), int(n)) for value, n in rows]


def timeline_kinds(db: Database) -> list[tuple[str, int]]:
    rows = db.execute("SELECT kind, count(*) AS n FROM timeline GROUP BY kind ORDER BY n DESC, kind")
    return [(str(kind), int(n)) for kind, n in rows]


def entity_types(db: Database) -> list[tuple[str, int]]:
    rows = db.execute("SELECT type, count(*) AS n FROM entities GROUP BY type ORDER BY n DESC, type")
    return [(str(kind), int(n)) for kind, n in rows]


def outlet_counts(db: Database, limit: int) -> list[tuple[str, int]]:
    rows = db.execute(
        "SELECT outlet, count(*) AS n FROM documents WHERE outlet IS NOT NULL GROUP BY outlet"
        " ORDER BY n DESC, outlet LIMIT ?",
        (limit,),
    )
    return [(str(outlet), int(n)) for outlet, n in rows]


def document_heads(db: Database, wanted: Sequence[str]) -> dict[str, DocumentHead]:
    rows: list[Row] = []
    relays: dict[str, list[str]] = {}
    for batch in _batches(wanted):
        marks = _marks(batch)
        rows += db.execute(
            f"SELECT d.id, d.source, d.title, d.outlet FROM documents d WHERE d.id IN ({marks})",
            batch,
        ).fetchall()
        for doc, outlet in db.execute(f"SELECT doc_id, outlet FROM reported_from WHERE doc_id IN ({marks})", batch):
            relays.setdefault(doc, []).append(outlet)
    keys = sorted((str(row["source"]), str(row["id"])) for row in rows)
    # Counted along the index on (source, id): up to the first, then only between one and the next.
    places: dict[str, int] = {}
    before = 0
    previous: tuple[str, str] | None = None
    for key in keys:
        if previous is None:
            before = db.execute("SELECT count(*) FROM documents WHERE (source, id) < (?, ?)", key).fetchone()[0]
        else:
            between = "(source, id) >= (?, ?) AND (source, id) < (?, ?)"
            before += db.execute(f"SELECT count(*) FROM documents WHERE {between}", (*previous, *key)).fetchone()[0]
        places[key[1]] = int(before) + 1
        previous = key
    return {
        row["id"]: DocumentHead(
            places[row["id"]], row["source"], row["title"], row["outlet"], tuple(relays.get(row["id"], ()))
        )
        for row in rows
    }


def spoken_quotes(db: Database, wanted: Sequence[str]) -> dict[str, list[SpokenQuote]]:
    found: dict[str, list[SpokenQuote]] = {}
    for batch in _batches(wanted):
        rows = db.execute(
            'SELECT q.doc_id, q.start, q."end", q.kind, q.text, q.channel, q.attitude, l.name, e.description'
            " FROM quotes q LEFT JOIN speaker_links l"
            ' ON l.doc_id = q.doc_id AND l.start = q.start AND l."end" = q."end" AND l.kind = q.kind'
            " LEFT JOIN entities e ON e.id = l.entity_id"
            f' WHERE q.doc_id IN ({_marks(batch)}) ORDER BY q.doc_id, q.start, q."end", q.kind',
            batch,
        )
        for r in rows:
            found.setdefault(r[0], []).append(SpokenQuote(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7], r[8]))
    return found


def quote_speakers(db: Database, wanted: Sequence[str]) -> dict[QuoteKey, QuoteSpeaker]:
    found: dict[QuoteKey, QuoteSpeaker] = {}
    for batch in _batches(wanted):
        rows = db.execute(
            'SELECT l.doc_id, l.start, l."end", l.kind, l.entity_id, l.name, e.description'
            f" FROM speaker_links l LEFT JOIN entities e ON e.id = l.entity_id WHERE l.doc_id IN ({_marks(batch)})",
            batch,
        )
        for r in rows:
            found[(r[0], r[1], r[2], r[3])] = QuoteSpeaker(r[4], r[5], r[6])
    return found


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
