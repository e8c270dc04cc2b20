"""Long reads on PostgreSQL stream (issue 19): every document, entity, claim, timeline entry and
the documents of an annotation filter come through a server-side cursor fetched a bounded chunk
at a time, so the process holds a chunk of each read, not its whole result; the rows are the
SQLite store's. SQLite's reads are unchanged (its cursor steps through the result anyway)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest

from newsdesk.ingest import ingest_paths
from newsdesk.settings import Settings
from newsdesk.store import open_store, postgres_sql
from newsdesk.store.base import AnnotationQuery, Store

CHUNK = 7
READS: dict[str, Callable[[Store], list[Any]]] = {
    "documents": lambda store: list(store.documents()),
    "entities": lambda store: list(store.each_entity()),
    "claims": lambda store: list(store.each_claim()),
    "timeline": lambda store: list(store.each_timeline_entry()),
    "quoted documents": lambda store: list(store.annotation_documents("quotes", AnnotationQuery())),
}


@pytest.fixture
def fetches(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Each fetch of a server-side cursor: its name and how many rows it brought."""
    seen: list[tuple[str, int]] = []
    fetch = psycopg.ServerCursor.fetchmany

    def counted(cursor: psycopg.ServerCursor[Any], size: int = 0) -> list[Any]:
        rows = fetch(cursor, size)
        seen.append((cursor.name, len(rows)))
        return rows

    monkeypatch.setattr(psycopg.ServerCursor, "fetchmany", counted)
    monkeypatch.setattr(postgres_sql, "STREAM_ROWS", CHUNK)
    return seen


@pytest.mark.parametrize("read", sorted(READS))
def test_a_long_read_on_postgresql_fetches_bounded_chunks_of_a_server_side_cursor(
    read: str, demo_pg: str, demo_db: Path, fetches: list[tuple[str, int]]
) -> None:
    with open_store(demo_db) as sqlite:
        expected = READS[read](sqlite)
    assert not fetches  # SQLite reads as before
    with open_store(demo_pg, create=False, read_only=True) as postgres:
        assert READS[read](postgres) == expected
        open_cursors = postgres._db.raw.execute("SELECT count(*) FROM pg_cursors").fetchone()
    assert expected and fetches and max(rows for _, rows in fetches) <= CHUNK
    # Every row came through the chunks: as many fetches at least as the rows need.
    assert len(fetches) >= -(-len(expected) // CHUNK)
    assert open_cursors == (0,)  # each cursor closed when its read ended


def test_a_streamed_read_left_half_way_closes_its_cursor(demo_pg: str, fetches: list[tuple[str, int]]) -> None:
    with open_store(demo_pg, create=False, read_only=True) as postgres:
        claims = postgres.each_claim()
        next(claims)
        assert postgres._db.raw.execute("SELECT count(*) FROM pg_cursors").fetchone() == (1,)
        claims.close()
        assert postgres._db.raw.execute("SELECT count(*) FROM pg_cursors").fetchone() == (0,)
    assert fetches == [(fetches[0][0], CHUNK)]


def test_a_write_between_two_fetches_does_not_end_a_streamed_read(
    pg_url: str, tmp_path: Path, fetches: list[tuple[str, int]]
) -> None:
    """Outside ``reading()`` a streamed read is declared WITH HOLD: a write on the same connection,
    which commits, leaves it open; it reads the state of its own start, as a plain read does."""
    settings = Settings(nlp=False)
    folder, later = tmp_path / "first", tmp_path / "later"
    folder.mkdir()
    later.mkdir()
    for number in range(CHUNK * 2 + 1):  # written for this test
        (folder / f"{number}.txt").write_text(f"Notice {number}\n\nThe ferry timetable changes on day {number}.\n")
    (later / "late.txt").write_text("Late notice\n\nThe pier reopens next week.\n")
    with open_store(pg_url) as postgres:
        assert ingest_paths([str(folder)], postgres, settings).ok
        documents = postgres.documents()
        first = next(documents)
        assert len(ingest_paths([str(later)], postgres, settings).stored) == 1
        rest = list(documents)
        assert [first.id, *(document.id for document in rest)] == [d.id for d in postgres.documents()][: len(rest) + 1]
        assert len(rest) + 1 == CHUNK * 2 + 1 == postgres.count() - 1
