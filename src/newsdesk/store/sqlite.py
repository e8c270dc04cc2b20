"""SQLite store: numbered migrations, WAL, one transaction per document, FTS5 over the body.

``SQLiteStore`` implements ``base.Store`` (whose methods say what each does) by delegating to the
modules beside it, each documenting its own functions, one concern each: ``connection``
(opening, migrations, transactions), ``document_write`` and ``document_read`` (a document and its
annotations), ``fulltext`` (FTS5 search), ``story`` (the corpus stages' tables) and ``corrections``
(the analysts' corrections, which the stages replay).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from newsdesk.model import (
    Claim,
    Correction,
    Document,
    Entity,
    ReferenceDate,
    TimeExpression,
    TimelineEntry,
    Withdrawal,
)
from newsdesk.store import connection, corrections, document_read, document_write, fulltext, story
from newsdesk.store.base import StoreStats
from newsdesk.store.connection import migrations as _migrations  # noqa: F401 - tests list the migrations from here


class StoreError(Exception):
    """The database cannot be opened or used; the message says which file and why."""


class SQLiteStore:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self._db = connection.open_writable(self.path)
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: not a usable newsdesk database ({error})") from None

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def schema_version(self) -> int:
        return connection.schema_version(self._db)

    def has(self, document_id: str) -> bool:
        return document_read.has(self._db, document_id)

    def add(self, document: Document) -> bool:
        return document_write.add(self._db, document)

    def get(self, document_id: str) -> Document | None:
        return document_read.get(self._db, document_id)

    def documents(self) -> Iterator[Document]:
        ids = document_read.ids(self._db)
        for document_id in ids:
            document = self.get(document_id)
            if document is not None:
                yield document

    def count(self) -> int:
        return document_read.count(self._db)

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        return fulltext.search(self._db, query, limit)

    # Read-only additions for the REST API (``newsdesk.api``).

    @classmethod
    def reader(cls, path: str | Path) -> SQLiteStore:
        """A read-only store over an existing database, usable from any one thread at a time;
        no migrations run (open the database writable once first to bring it up to date)."""
        store = cls.__new__(cls)
        store.path = Path(path)
        try:
            store._db = connection.open_read_only(store.path)
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{store.path}: not a usable newsdesk database ({error})") from None
        return store

    @contextmanager
    def read_snapshot(self) -> Iterator[None]:
        """Reads inside the block see one state of the database, whatever other writers commit."""
        self._db.execute("BEGIN")
        try:
            yield
        finally:
            self._db.execute("COMMIT")

    def data_version(self) -> int:
        """A number that changes when another connection commits to the database."""
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def texts(self) -> dict[str, str]:
        return document_read.texts(self._db)

    def search_page(self, query: str, offset: int, limit: int) -> tuple[int, list[tuple[str, str]]]:
        return fulltext.search_page(self._db, query, offset, limit)

    def stats(self) -> StoreStats:
        return document_read.stats(self._db)

    def replace_entities(self, entities: list[Entity]) -> None:
        story.replace_entities(self._db, entities)

    def replace_story_time(
        self,
        references: dict[str, ReferenceDate],
        times: dict[str, tuple[TimeExpression, ...]],
        timeline: list[TimelineEntry],
    ) -> None:
        story.replace_story_time(self._db, references, times, timeline)

    def replace_claims(self, claims: list[Claim], sources: dict[str, str] | None = None) -> None:
        story.replace_claims(self._db, claims, sources)

    def sources(self) -> dict[str, str]:
        return story.read_sources(self._db)

    def claims(self) -> list[Claim]:
        return story.read_claims(self._db)

    def reference_dates(self) -> dict[str, ReferenceDate]:
        return story.read_reference_dates(self._db)

    def timeline(self) -> list[TimelineEntry]:
        return story.read_timeline(self._db)

    def entities(self) -> list[Entity]:
        return story.read_entities(self._db)

    def add_correction(self, correction: Correction) -> bool:
        return corrections.add_correction(self._db, correction)

    def corrections(self) -> list[Correction]:
        return corrections.read_corrections(self._db)

    def withdraw_correction(self, correction_id: str, withdrawal: Withdrawal) -> bool:
        return corrections.withdraw_correction(self._db, correction_id, withdrawal)
