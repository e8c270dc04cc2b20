"""Per-document relations in SQLite: stored and read back whole, and a database made before them
gets their table when it is opened."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsdesk.model import Document, Mention, Relation, Span, TimeExpression, TimeHow, TimeType
from newsdesk.store import open_store
from newsdesk.store.sqlite import _migrations

TEXT = "Chile and Peru signed a pact in May 2024. Peru sent tanks to Bolivia."


def _document() -> Document:
    def span(words: str, after: int = 0) -> Span:
        start = TEXT.index(words, after)
        return Span(start, start + len(words))

    relations = (
        Relation(
            span=span("Chile and Peru signed a pact in May 2024."),
            kind="alliance or partnership",
            source=span("Chile"),
            target=span("Peru"),
            trigger=span("pact"),
            trigger_text="pact",
            directed=False,
            modality="happened",
            time=span("May 2024"),
            extractor="newsdesk.relations.rules.v1",
        ),
        Relation(
            span=span("Peru sent tanks to Bolivia."),
            kind="arms or equipment supplied",
            source=span("Peru", 20),
            target=span("Bolivia"),
            trigger=span("sent"),
            trigger_text="sent",
            directed=True,
            modality="hypothetical",
            time=None,
            extractor="newsdesk.relations.rules.v1",
        ),
    )
    mentions = tuple(
        Mention(span(words, after), words, "GPE", "test")
        for words, after in (("Chile", 0), ("Peru", 0), ("Bolivia", 0))
    )
    times = (TimeExpression(span("May 2024"), "May 2024", TimeType.DATE, "2024-05", TimeHow.EXPLICIT),)
    return Document(id="d-relations", source="r.txt", text=TEXT, mentions=mentions, times=times, relations=relations)


def test_relations_round_trip(location: str) -> None:
    document = _document()
    with open_store(location) as store:
        assert store.add(document)
        stored = store.get(document.id)
    assert stored is not None
    assert stored.relations == document.relations


def test_a_database_from_before_relations_gets_their_table(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite3.connect(path, isolation_level=None)
    db.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    for version, name, script in _migrations():
        if version < 9:
            db.executescript(
                f"BEGIN;\n{script}\nINSERT INTO schema_migrations VALUES ({version}, '{name}', 'then');\nCOMMIT;"
            )
    db.execute(
        "INSERT INTO documents (id, source, text, body, ingested_at) VALUES ('d-old', 'old.txt', 'Old text.', 'Old text.', 'then')"
    )
    db.close()
    with open_store(path) as store:
        assert store.schema_version() >= 9
        old = store.get("d-old")
        assert old is not None and old.relations == ()
        assert store.add(_document())
        added = store.get("d-relations")
        assert added is not None and len(added.relations) == 2
