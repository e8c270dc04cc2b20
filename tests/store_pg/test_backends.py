"""The store tests, run against both stores: SQLite and a real PostgreSQL 15 server.

Each test takes ``location``, a fresh SQLite file or a fresh PostgreSQL database, and opens it
with ``open_store`` as the commands do.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest

from newsdesk.ingest import ingest_paths
from newsdesk.ingest.readers import read_file
from newsdesk.model import (
    Correction,
    CorrectionAction,
    Document,
    RawArticle,
    RemovalReason,
    RemovedSpan,
    Span,
    Withdrawal,
    correction_id,
)
from newsdesk.pipeline import analyse_many, process
from newsdesk.settings import Settings
from newsdesk.store import StoreError, open_store
from newsdesk.store import postgres as postgres_store
from newsdesk.store.sqlite import _migrations as sqlite_migrations
from tests.conftest import DEMO
from tests.store.test_relations_store import _document as relations_document

ARTICLE = "Ferry service resumes\n\nThe ferry between Holm and Varsa resumed on Monday after a storm damaged the pier, the operator said.\n"


def _latest(location: str) -> int:
    known = postgres_store.migrations() if location.startswith("postgresql://") else sqlite_migrations()
    return max(version for version, _, _ in known)


def _demo_documents() -> list[Document]:
    """The demo corpus analysed (parsed, per-document stages), not stored."""
    settings = Settings()
    raws = [
        item
        for path in sorted(DEMO.iterdir())
        if path.suffix in {".txt", ".html", ".jsonl"}
        for item in read_file(path, settings)
        if isinstance(item, RawArticle)
    ]
    results = list(analyse_many(raws, settings))
    assert all(isinstance(result, Document) for result in results)
    return [result for result in results if isinstance(result, Document)]


def _unordered(document: Document) -> dict[str, object]:
    """The document's fields, each annotation tuple as a multiset: a store reads annotations back
    in offset order, which need not be the order the stages found them in."""
    return {
        field.name: Counter(value) if isinstance(value, tuple) and field.name != "extractors" else value
        for field in dataclasses.fields(document)
        for value in [getattr(document, field.name)]
    }


def test_migrations_are_numbered_and_recorded_once(location: str) -> None:
    with open_store(location) as store:
        assert store.schema_version() == _latest(location)
    with open_store(location) as store:  # reopening applies nothing twice
        assert store.schema_version() == _latest(location)
        assert store.count() == 0 and not store.story_stale()


def test_same_article_from_another_path_stores_nothing_new(location: str, tmp_path: Path) -> None:
    first = tmp_path / "a" / "ferry.txt"
    second = tmp_path / "b" / "copy.md"
    first.parent.mkdir()
    second.parent.mkdir()
    first.write_text(ARTICLE, encoding="utf-8")
    second.write_text(ARTICLE.replace("\n", "\r\n") + "\n\n", encoding="utf-8")
    with open_store(location) as store:
        report = ingest_paths([str(first)], store)
        again = ingest_paths([str(first), str(second)], store)
        assert len(report.stored) == 1
        assert again.stored == [] and len(again.present) == 2
        assert store.count() == 1
        document = store.get(report.stored[0])
        assert document is not None and store.add(document) is False


def test_reingesting_the_demo_corpus_changes_nothing(location: str) -> None:
    with open_store(location) as store:
        first = ingest_paths([str(DEMO)], store)
        before = list(store.documents())
        story = (store.entities(), store.claims(), store.timeline(), store.sources(), store.reference_dates())
        second = ingest_paths([str(DEMO)], store)
        assert first.stored and not first.failed
        assert second.stored == [] and len(second.present) == len(first.stored)
        assert list(store.documents()) == before
        assert (store.entities(), store.claims(), store.timeline(), store.sources(), store.reference_dates()) == story
        assert not store.story_stale()


def test_every_field_of_an_analysed_document_reads_back_alike(tmp_path: Path, pg_url: str) -> None:
    """Both stores read back the same documents, field for field and in the same order; every
    annotation read back is one the stages found (a second one with the same key is dropped by
    both stores alike: their tables' keys are the same)."""
    documents = [*_demo_documents(), relations_document()]
    read: list[list[Document]] = []
    for location in (str(tmp_path / "s.db"), pg_url):
        with open_store(location) as store:
            for document in documents:
                assert store.add(document) is True
            read.append([found for d in documents if (found := store.get(d.id)) is not None])
            assert sorted(d.id for d in store.documents()) == sorted(d.id for d in documents)
            assert store.story_stale() and store.story_changes() == len(documents)
    in_sqlite, in_postgres = read
    assert in_postgres == in_sqlite
    for stored, original in zip(in_postgres, documents, strict=True):
        found, given = _unordered(stored), _unordered(original)
        for name, value in given.items():
            if isinstance(value, Counter):
                assert found[name] <= value and (not value or found[name]), name
            else:
                assert found[name] == value, name


def test_a_failure_inside_a_document_leaves_no_trace(location: str) -> None:
    document = process(RawArticle(source="ferry.txt", text=ARTICLE), Settings())
    # Two removed spans at one offset break the table's key after the document's row is written.
    twice = RemovedSpan(Span(0, 5), RemovalReason.CAPTION, "test")
    broken = dataclasses.replace(document, removed=(twice, twice))
    with open_store(location) as store:
        with pytest.raises(Exception, match=r"(?i)unique|duplicate"):
            store.add(broken)
        assert store.count() == 0 and not store.has(document.id)
        assert store.story_changes() == 0
        assert store.add(document) is True
        assert store.count() == 1 and store.has(document.id)


def test_full_text_search_finds_what_the_bodies_hold(location: str) -> None:
    with open_store(location) as store:
        ingest_paths([str(DEMO)], store)
        documents = list(store.documents())
        hits = store.search("embankment")
        assert hits and all("[" in snippet for _, snippet in hits)
        assert {doc for doc, _ in hits} == {d.id for d in documents if "embankment" in d.body.lower()}
        with pytest.raises(ValueError, match="cannot search"):
            store.search('"unclosed phrase')


def test_corrections_are_kept_in_order_once_and_through_replacements(location: str) -> None:
    def correction(why: str, when: str) -> Correction:
        groups = (("d1:0", "d1:40"), ("d2:7",))
        action = CorrectionAction.CLAIMS_MERGE
        return Correction(
            correction_id(action, groups, "Ana", when, why), action, groups, ("c1", "c2"), "Ana", when, why
        )

    later = correction("b", "2026-03-12T10:00:00+00:00")
    earlier = correction("a", "2026-03-12T11:00:00+00:00")  # made after, though its clock says earlier
    with open_store(location) as store:
        assert store.corrections() == []
        assert store.add_correction(later) and store.add_correction(earlier)
        assert not store.add_correction(later)
        store.replace_claims([], {})
        store.replace_entities([])
        withdrawal = Withdrawal("Bo", "2026-03-13T09:00:00+00:00", "wrong pair")
        assert store.withdraw_correction(later.id, withdrawal)
        assert not store.withdraw_correction(later.id, withdrawal)
    with open_store(location) as store:
        assert store.corrections() == [dataclasses.replace(later, withdrawn=withdrawal), earlier]


def test_a_read_command_never_creates_a_database(location: str) -> None:
    with pytest.raises(StoreError, match="newsdesk"):
        open_store(location, create=False)


def test_the_story_stages_results_read_back_the_same_from_both_stores(demo_db: Path, pg_url: str) -> None:
    """The demo corpus ingested into PostgreSQL gives the same story as in SQLite, to the byte."""
    from newsdesk.story.export import export_store

    with open_store(pg_url) as postgres:
        report = ingest_paths([str(DEMO)], postgres)
        assert report.stored and not report.failed
        from_postgres = export_store(postgres)
        stats = postgres.stats()
    with open_store(demo_db) as sqlite:
        from_sqlite = export_store(sqlite)
        assert stats == sqlite.stats()
    assert from_postgres == from_sqlite


def test_postgresql_refuses_a_database_of_another_program(pg_url: str) -> None:
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as db:
        db.execute("CREATE TABLE invoices (id int)")
    with pytest.raises(StoreError, match=r"not a newsdesk database.*invoices"):
        open_store(pg_url)
    with psycopg.connect(pg_url, autocommit=True) as db:
        assert db.execute("SELECT to_regclass('documents')").fetchone() == (None,)


def test_an_unreachable_server_is_one_line_without_the_password() -> None:
    with pytest.raises(StoreError, match="cannot connect") as raised:
        open_store("postgresql://ana:secret@127.0.0.1:1/nowhere?connect_timeout=2")
    assert "secret" not in str(raised.value) and "\n" not in str(raised.value)


def test_messages_show_a_database_url_without_its_password() -> None:
    from newsdesk.store.postgres_url import shown_location

    assert shown_location("postgresql://ana:secret@db.example:5433/news") == "postgresql://ana@db.example:5433/news"
    assert shown_location("postgresql://ana@db.example/news") == "postgresql://ana@db.example/news"
    assert shown_location("story.db") == "story.db"


def test_serve_says_where_it_serves_without_the_password(demo_pg: str, tmp_path: Path) -> None:
    """As a user starts it: the URL with a password, the message without it."""
    import socket
    import subprocess
    import sys

    user_host = demo_pg.removeprefix("postgresql://")
    with_password = f"postgresql://{user_host.replace('@', ':unused-secret@', 1)}"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "newsdesk", "serve", "--db", with_password, "--read-only", "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert server.stdout is not None
        line = server.stdout.readline().strip()
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert line.startswith(f"newsdesk: serving {demo_pg} at http://127.0.0.1:{port}/"), line
    assert "unused-secret" not in line
