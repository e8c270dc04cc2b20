"""The SQLite store: migrations, idempotent re-ingest, one transaction per document, FTS5."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsdesk.ingest import ingest_paths
from newsdesk.model import RawArticle
from newsdesk.pipeline import process
from newsdesk.settings import Settings
from newsdesk.store import StoreError, open_store
from newsdesk.store.sqlite import _migrations
from tests.conftest import DEMO

ARTICLE = "Ferry service resumes\n\nThe ferry between Holm and Varsa resumed on Monday after a storm damaged the pier, the operator said.\n"


def test_migrations_are_numbered_and_recorded(tmp_path: Path) -> None:
    with open_store(tmp_path / "a.db") as store:
        assert store.schema_version() == max(version for version, _, _ in _migrations())
    db = sqlite3.connect(tmp_path / "a.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # reopening applies nothing twice
    with open_store(tmp_path / "a.db") as store:
        assert store.schema_version() == max(version for version, _, _ in _migrations())
    assert db.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(_migrations())


def test_same_article_from_another_path_stores_nothing_new(tmp_path: Path, location: str) -> None:
    first = tmp_path / "a" / "ferry.txt"
    second = tmp_path / "b" / "copy.md"
    first.parent.mkdir()
    second.parent.mkdir()
    first.write_text(ARTICLE, encoding="utf-8")
    second.write_text(ARTICLE.replace("\n", "\r\n") + "\n\n", encoding="utf-8")  # other line endings, same article
    with open_store(location) as store:
        report = ingest_paths([str(first)], store)
        again = ingest_paths([str(first), str(second)], store)
        assert len(report.stored) == 1
        assert again.stored == [] and len(again.present) == 2
        assert store.count() == 1


def test_reingesting_the_demo_corpus_changes_nothing(location: str) -> None:
    with open_store(location) as store:
        first = ingest_paths([str(DEMO)], store)
        before = [(d.id, d.body, d.removed) for d in store.documents()]
        second = ingest_paths([str(DEMO)], store)
        after = [(d.id, d.body, d.removed) for d in store.documents()]
    assert first.stored and not first.failed
    assert second.stored == [] and len(second.present) == len(first.stored)
    assert before == after


def test_a_failure_inside_a_document_leaves_no_trace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = process(RawArticle(source="ferry.txt", text=ARTICLE), Settings())
    with open_store(tmp_path / "t.db") as store:
        original = store._db.executemany
        calls = {"n": 0}

        def crash_on_second(sql: str, rows: object) -> object:
            calls["n"] += 1
            if calls["n"] == 2:
                raise sqlite3.OperationalError("disk I/O error (simulated)")
            return original(sql, rows)  # type: ignore[arg-type]

        class Proxy:
            def __getattr__(self, name: str) -> object:
                return crash_on_second if name == "executemany" else getattr(store_db, name)

        store_db = store._db
        store._db = Proxy()  # type: ignore[assignment]
        with pytest.raises(StoreError, match="disk I/O error"):  # the database's fault: one line, exit 3
            store.add(document)
        store._db = store_db
        assert store.count() == 0
        assert store_db.execute("SELECT count(*) FROM removed_spans").fetchone()[0] == 0
        assert store.add(document) is True
        assert store.count() == 1


def test_round_trip_keeps_every_field(location: str) -> None:
    with open_store(location) as store:
        ingest_paths([str(DEMO)], store)
        for stored in store.documents():
            fresh = process(
                RawArticle(source=stored.source, text=stored.text, encoding=stored.encoding, url=stored.url), Settings()
            )
            if stored.outlet is not None and stored.outlet.how == "metadata":
                continue  # metadata came with the file, not from the text
            assert stored.removed == fresh.removed
            assert stored.headings == fresh.headings
            assert stored.title == fresh.title
            assert stored.reported_from == fresh.reported_from
            assert stored.published == fresh.published


def test_full_text_search(location: str) -> None:
    with open_store(location) as store:
        ingest_paths([str(DEMO)], store)
        hits = store.search("embankment")
        assert hits and all("[" in snippet for _, snippet in hits)
        ids = {d.id for d in store.documents() if "embankment" in d.body.lower()}
        assert {doc for doc, _ in hits} == ids
