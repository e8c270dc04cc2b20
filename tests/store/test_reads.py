"""Reading documents back costs a fixed number of queries, whatever their number, and gives the
documents as they were stored; a second annotation with the same key is refused, not dropped."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from newsdesk.model import Document, Mention, Quote, Span
from newsdesk.store import open_store
from newsdesk.store.document_read import BATCH


def _document(number: int) -> Document:
    text = f"Article {number}: Ada Quill said “the bridge is closed” on Monday."
    name = Span(text.index("Ada"), text.index(" said"))
    said = Span(text.index("“") + 1, text.index("”"))
    cue = Span(name.end + 1, name.end + 5)
    return Document(
        id=f"d{number:05d}",
        source=f"src/{number:05d}.txt",
        text=text,
        mentions=(Mention(name, "Ada Quill", "PERSON", "test.v1"),),
        quotes=(Quote(said, said.of(text), "direct", cue, "said", name, "Ada Quill", "named", None, "test.v1"),),
    )


def _count_queries(store: object) -> list[str]:
    statements: list[str] = []
    db: sqlite3.Connection = store._db  # type: ignore[attr-defined]  # the test counts SQLite's statements
    db.set_trace_callback(lambda sql: statements.append(sql) if sql.lstrip().upper().startswith("SELECT") else None)
    return statements


def test_reading_documents_costs_the_same_queries_for_ten_or_a_thousand(tmp_path: Path) -> None:
    with open_store(tmp_path / "reads.db") as store:
        for number in range(1000):
            store.add(_document(number))
        counts = []
        for size in (10, 1000):
            wanted = [f"d{n:05d}" for n in range(size)]
            statements = _count_queries(store)
            found = list(store.documents(wanted))
            counts.append(len(statements))
            assert [d.id for d in found] == wanted
        statements = _count_queries(store)
        every = list(store.documents())
        assert len(statements) == 10  # the documents and nine annotation tables, once each
        assert len(every) == 1000 and every[0] == _document(0)
    assert counts[1] <= counts[0] * (1000 // BATCH + 1)


def test_all_documents_come_in_order_with_their_own_annotations(location: str) -> None:
    with open_store(location) as store:
        for number in (3, 1, 2):
            store.add(_document(number))
        assert [d.id for d in store.documents()] == ["d00001", "d00002", "d00003"]
        assert all(d == _document(int(d.id[1:])) for d in store.documents())
        assert [d.id for d in store.documents(["d00003", "missing", "d00001"])] == ["d00003", "d00001"]


def test_a_duplicate_annotation_key_fails_and_stores_nothing(location: str) -> None:
    import psycopg

    document = _document(7)
    twice = dataclasses.replace(document, quotes=document.quotes * 2)
    with open_store(location) as store:
        with pytest.raises((sqlite3.IntegrityError, psycopg.IntegrityError), match=r"(?i)unique"):
            store.add(twice)
        assert not store.has(document.id)
        assert store.add(document) is True
        assert store.add(document) is False  # the same document again: already present, not an error
