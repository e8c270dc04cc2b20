"""The relation edges stage's table (``relation_edges``: migration 0027, or PostgreSQL's 0015),
replaced at once by each run of the stage and filled for a store made before it when it is first
opened, as the stage would have filled it; and the network read from it a page at a time, in the
store's order of documents (source, id), then each edge's place in its document.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsdesk.corpus.relations import network_edges
from newsdesk.corpus.story_memo import StepChange
from newsdesk.model import Evidence, Span
from newsdesk.model.network import NetworkEdge, Quoted
from newsdesk.store import document_read, pages
from newsdesk.store.base import Page, RelationQuery
from newsdesk.store.connection import transaction
from newsdesk.store.keyset import after_document, document_place
from newsdesk.store.sql import Database, Row
from newsdesk.store.story import _batches, delete_rows, save_step_memo

_COLUMNS = (
    "doc_id, place, source, target, kind, date, directed, modality, extractor,"
    ' start, "end", text, trigger_start, trigger_end, trigger_text, source_start, source_end, source_text,'
    " target_start, target_end, target_text, date_start, date_end, date_text"
)


def replace_relation_edges(db: Database, edges: Sequence[NetworkEdge], change: StepChange | None = None) -> None:
    """The stage's edges replace the previous ones, all at once, or (with a ``change`` that is not
    fresh) those of the documents it recomputed, with the step's memo."""
    with transaction(db):
        _write(db, edges, change)


def _write(db: Database, edges: Sequence[NetworkEdge], change: StepChange | None = None) -> None:
    delete_rows(db, "relation_edges", change)
    marks = ", ".join("?" * len(_COLUMNS.split(",")))
    db.executemany(f"INSERT INTO relation_edges ({_COLUMNS}) VALUES ({marks})", [_row(edge) for edge in edges])
    save_step_memo(db, change)


def _row(edge: NetworkEdge) -> tuple[object, ...]:
    spans: list[object] = []
    for quoted in (edge.sentence, edge.trigger_text, edge.source_text, edge.target_text, edge.date_text):
        spans += (quoted.evidence.span.start, quoted.evidence.span.end, quoted.text) if quoted else (None, None, None)
    head = (edge.doc, edge.place, edge.source, edge.target, edge.kind, edge.date, int(edge.directed), edge.modality)
    return (*head, edge.extractor, *spans)


def fill_relation_edges(db: Database) -> bool:
    """Edges for a store whose relations have none yet (made before the stage, or before its first
    run): each document's relations tied among the entities named in it, as the readers tied
    them. Returns whether it filled anything."""
    if db.execute("SELECT 1 FROM relation_edges LIMIT 1").fetchone() is not None:
        return False
    if db.execute("SELECT 1 FROM relations LIMIT 1").fetchone() is None:
        return False
    if db.execute("SELECT 1 FROM entity_mentions LIMIT 1").fetchone() is None:
        return False
    with transaction(db):
        stating = [row[0] for row in db.execute("SELECT DISTINCT doc_id FROM relations ORDER BY doc_id")]
        edges: list[NetworkEdge] = []
        for batch in _batches(stating):
            named = pages.entities_named_in(db, batch)
            for document in document_read.documents(db, batch, annotations={"relations", "times"}):
                edges += network_edges([document], named.get(document.id, []))
        _write(db, edges)
    return True


def _where(query: RelationQuery) -> pages._Where:
    where = pages._Where()
    if query.entity is not None:
        where.add("(e.source = ? OR e.target = ?)", query.entity, query.entity)
    if query.kind is not None:
        where.add("e.kind = ?", query.kind)
    return where


def _join(query: RelationQuery) -> str:
    # The documents' order drives the reading (CROSS JOIN: SQLite would sort every edge) unless
    # an entity picks a few edges from its index.
    return "JOIN" if query.entity is not None else "CROSS JOIN"


def relation_page(db: Database, query: RelationQuery, offset: int, limit: int) -> Page[NetworkEdge]:
    """A page of the edges ``query`` matches, and how many it matches."""
    where = _where(query)
    total = db.execute(f"SELECT count(*) FROM relation_edges e {where}", where.params).fetchone()[0]
    if limit <= 0 or offset >= total:
        return Page(int(total), ())
    rows = db.execute(
        f"SELECT e.* FROM documents d {_join(query)} relation_edges e ON e.doc_id = d.id {where}"
        " ORDER BY d.source, d.id, e.place LIMIT ? OFFSET ?",
        [*where.params, limit, offset],
    ).fetchall()
    return Page(int(total), tuple(_edge(row) for row in rows))


def relations_after(db: Database, query: RelationQuery, after: tuple[str, int], limit: int) -> list[NetworkEdge] | None:
    """The ``limit`` edges ``query`` matches after the edge at ``after`` (its document and place
    there), uncounted; None when its document is not stored."""
    place = document_place(db, after[0])
    if place is None:
        return None
    where = _where(query)
    after_document(where, place, inclusive=True)
    where.add("((d.source, d.id) > (?, ?) OR e.place > ?)", *place, after[1])
    rows = db.execute(
        f"SELECT e.* FROM documents d {_join(query)} relation_edges e ON e.doc_id = d.id {where}"
        " ORDER BY d.source, d.id, e.place LIMIT ?",
        [*where.params, limit],
    ).fetchall()
    return [_edge(row) for row in rows]


def edges_of(db: Database, ids: Sequence[str]) -> dict[str, list[NetworkEdge]]:
    """The edges of the documents ``ids``, each document's in their place's order."""
    found: dict[str, list[NetworkEdge]] = {}
    for batch in _batches(ids):
        marks = ", ".join("?" * len(batch))
        for row in db.execute(f"SELECT * FROM relation_edges WHERE doc_id IN ({marks}) ORDER BY doc_id, place", batch):
            found.setdefault(row["doc_id"], []).append(_edge(row))
    return found


def _edge(row: Row) -> NetworkEdge:
    doc = row["doc_id"]

    def quoted(name: str) -> Quoted | None:
        return Quoted.of(doc, row[f"{name}_start"], row[f"{name}_end"], row[f"{name}_text"])

    return NetworkEdge(
        doc=doc,
        place=int(row["place"]),
        source=row["source"],
        target=row["target"],
        kind=row["kind"],
        sentence=Quoted(Evidence(doc, Span(row["start"], row["end"])), row["text"]),
        date=row["date"],
        directed=bool(row["directed"]),
        modality=row["modality"],
        extractor=row["extractor"],
        trigger_text=quoted("trigger"),
        source_text=quoted("source"),
        target_text=quoted("target"),
        date_text=quoted("date"),
    )
