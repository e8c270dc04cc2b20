"""Full-text search: FTS5 over the documents' title and body."""

from __future__ import annotations

import sqlite3

from newsdesk.store.base import SNIPPET, DocumentQuery, SearchHit, SearchPage, SnippetStyle


def search(db: sqlite3.Connection, query: str, limit: int) -> list[tuple[str, str]]:
    """Ids and snippets for an FTS5 query; a malformed query raises ValueError with the reason."""
    try:
        return _search(db, query, limit)
    except sqlite3.OperationalError as error:
        raise ValueError(f"cannot search for {query!r}: {error}") from None


def _search(db: sqlite3.Connection, query: str, limit: int) -> list[tuple[str, str]]:
    rows = db.execute(
        "SELECT d.id, snippet(documents_fts, 1, '[', ']', '…', 12) FROM documents_fts"
        " JOIN documents d ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
        (query, limit),
    )
    return [(row[0], row[1]) for row in rows]


def search_page(
    db: sqlite3.Connection,
    query: str,
    offset: int,
    limit: int,
    style: SnippetStyle = SNIPPET,
    within: DocumentQuery | None = None,
) -> SearchPage:
    """The number of documents matching an FTS5 query and one page of them (ids and snippets of
    the body, best first); a malformed query raises ValueError with the reason. ``within``: only
    the documents of its outlet (the name exactly), publication dates, story and entity."""
    from newsdesk.store.pages import _in_documents, _Where  # pages imports nothing of this module

    column = 1 if style.body_only else -1
    where = _Where()
    where.add("documents_fts MATCH ?", query)
    if within is not None:
        _in_documents(where, "d.id", within.outlet, within.published_from, within.published_to, within.story)
        if within.entity is not None:
            where.add("d.id IN (SELECT doc_id FROM entity_mentions WHERE entity_id = ?)", within.entity)
    source = f"FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid {where}"
    try:
        total = db.execute(f"SELECT count(*) {source}", where.params).fetchone()[0]
        rows = db.execute(
            f"SELECT d.id, snippet(documents_fts, ?, ?, ?, ?, ?) {source} ORDER BY rank LIMIT ? OFFSET ?",
            (column, style.opening, style.closing, style.cut, style.words, *where.params, limit, offset),
        ).fetchall()
    except sqlite3.OperationalError as error:
        raise ValueError(f"cannot search for {query!r}: {error}") from None
    return SearchPage(int(total), tuple(SearchHit(str(row[0]), str(row[1])) for row in rows))
