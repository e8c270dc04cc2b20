"""Reads by key: the page after a given item, in the same order and with the same filters as the
reads by offset (``store.pages``), at the same cost wherever it starts.

An offset makes the database step over every row before the page; a key (the last item of the
page before) is looked up in the order's index instead, and the page read from there. Nothing is
counted: the offset pages tell the total. The item a key names need not be stored any more (its
document must be): the page starts where it stood.
"""

from __future__ import annotations

from newsdesk.model import Claim
from newsdesk.store.base import AnnotationKey, AnnotationQuery, AnnotationTable, ClaimQuery, DocumentQuery
from newsdesk.store.pages import (
    _ANNOTATIONS,
    _CLAIM_ORDER,
    _annotation_where,
    _claim_where,
    _document_where,
    _Where,
    claims_by_id,
)
from newsdesk.store.sql import Database


def document_place(db: Database, doc: str) -> tuple[str, str] | None:
    """Where a document stands in the store's order (its source, then its id); None when it is
    not stored."""
    row = db.execute("SELECT source FROM documents WHERE id = ?", (doc,)).fetchone()
    return (str(row[0]), doc) if row is not None else None


def after_document(where: _Where, place: tuple[str, str], inclusive: bool) -> None:
    """Keep the documents after ``place`` in the store's order (and it, when ``inclusive``): a
    range of the index on (source, id)."""
    where.add(f"(d.source, d.id) {'>=' if inclusive else '>'} (?, ?)", *place)


def documents_after(db: Database, query: DocumentQuery, after: str, limit: int) -> list[str] | None:
    """The ids of the ``limit`` documents ``query`` matches after the document ``after``, in the
    store's order (the only order read by key); None when ``after`` is not stored."""
    if query.order != "store" or query.descending:
        raise ValueError("documents are read by key in the store's order only")
    place = document_place(db, after)
    if place is None:
        return None
    where, _ = _document_where(db, query)
    after_document(where, place, inclusive=False)
    rows = db.execute(f"SELECT d.id FROM documents d {where} ORDER BY d.source, d.id LIMIT ?", [*where.params, limit])
    return [row[0] for row in rows]


def annotations_after(
    db: Database, table: AnnotationTable, query: AnnotationQuery, after: AnnotationKey, limit: int, skip: int = 0
) -> list[AnnotationKey] | None:
    """The keys of the ``limit`` quotes, times or events ``query`` matches after ``after`` (and
    the ``skip`` first of them), in the export's order (by document, then position); None when
    its document is not stored."""
    if query.order != "story":
        raise ValueError("annotations are read by key in the story's order only")
    place = document_place(db, after.doc)
    if place is None:
        return None
    order, detail = _ANNOTATIONS[table]
    source, where = _annotation_where(db, table, query)
    # The documents from the key's on (a range of their index), and in the key's own document
    # the annotations after it.
    after_document(where, place, inclusive=True)
    keyed = ", ".join(["a.start", *(f"a.{column}" for column in detail)])
    marks = ", ".join("?" * (1 + len(detail)))
    where.add(f"((d.source, d.id) > (?, ?) OR ({keyed}) > ({marks}))", *place, after.start, *after.detail)
    columns = ", ".join(f"a.{column}" for column in detail)
    rows = db.execute(
        f"SELECT a.doc_id, a.start, {columns} {source} {where} ORDER BY d.source, d.id, {order} LIMIT ? OFFSET ?",
        [*where.params, limit, skip],
    ).fetchall()
    return [AnnotationKey(row[0], row[1], tuple(row[2:])) for row in rows]


def claims_after(db: Database, query: ClaimQuery, after: str, limit: int) -> list[Claim] | None:
    """The ``limit`` claims ``query`` matches after the claim ``after``, in the query's order;
    None when ``after`` is not stored (the claims were built again since)."""
    ids = claim_ids_after(db, query, after, limit)
    if ids is None:
        return None
    found = {claim.id: claim for claim in claims_by_id(db, ids)}
    return [found[claim] for claim in ids if claim in found]


def claim_ids_after(db: Database, query: ClaimQuery, after: str, limit: int, skip: int = 0) -> list[str] | None:
    """The ids of ``claims_after``'s claims (after the ``skip`` first of them)."""
    key = db.execute("SELECT rowid, source_count, document_count FROM claims WHERE id = ?", (after,)).fetchone()
    if key is None:
        return None
    rowid, sources, documents = (int(value) for value in key)
    where, _ = _claim_where(db, query)
    order = _CLAIM_ORDER[query.order]
    if query.order == "story":
        where.add("c.rowid > ?", rowid)
        sql = f"SELECT c.id FROM claims c {where} ORDER BY {order} LIMIT ? OFFSET ?"
        rows = db.execute(sql, [*where.params, limit, skip])
    else:
        # Most first, then in the story's order: three ranges of the index on the counts, each
        # read from its start (one condition with ORs would be read from the top of the first
        # count): as many of both and after it, as many of the first and fewer of the second,
        # fewer of the first.
        first, second = ("source_count", "document_count")[:: 1 if query.order == "sources" else -1]
        high, low = (sources, documents) if query.order == "sources" else (documents, sources)
        ranges = (
            (f"c.{first} = ? AND c.{second} = ? AND c.rowid > ?", (high, low, rowid)),
            (f"c.{first} = ? AND c.{second} < ?", (high, low)),
            (f"c.{first} < ?", (high,)),
        )
        joined = "AND" if where.conditions else "WHERE"
        parts, params = [], []
        for number, (condition, values) in enumerate(ranges):
            parts.append(
                f"SELECT * FROM (SELECT c.id, c.{first} AS f, c.{second} AS s, c.rowid AS r FROM claims c"
                f" {where} {joined} {condition} ORDER BY {order} LIMIT ?) AS part{number}"
            )
            params += [*where.params, *values, skip + limit]
        sql = f"{' UNION ALL '.join(parts)} ORDER BY f DESC, s DESC, r LIMIT ? OFFSET ?"
        rows = db.execute(sql, [*params, limit, skip])
    return [row[0] for row in rows]
