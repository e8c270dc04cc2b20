"""SQLite store: numbered migrations, WAL, one transaction per document, FTS5 over the body.

``SQLiteStore`` implements ``base.Store`` (whose methods say what each does): what PostgreSQL
answers with the same SQL comes from ``shared.SharedStore`` (documents read back, the story
stages' tables, pages, corrections, stories); SQLite's own is here, by the modules beside it:
``connection`` (opening, migrations, transactions), ``document_write`` (a document and its
annotations, in one transaction) and ``fulltext`` (FTS5 search).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import ClassVar

from newsdesk.model import Document
from newsdesk.store import connection, document_write, fulltext
from newsdesk.store.base import SNIPPET, DocumentQuery, SearchPage, SnippetStyle, StoreError
from newsdesk.store.connection import migrations as _migrations  # noqa: F401 - tests list the migrations from here
from newsdesk.store.shared import SharedStore, guarded


class SQLiteStore(SharedStore):
    # What reading a damaged database can raise besides SQLite's own errors: text that is not
    # UTF-8, JSON that does not parse, a span that is not one, a row without its columns.
    CONFLICTS: ClassVar[tuple[type[BaseException], ...]] = (sqlite3.IntegrityError,)
    FAULTS: ClassVar[tuple[type[BaseException], ...]] = (
        sqlite3.Error,
        UnicodeError,
        ValueError,
        KeyError,
        TypeError,
        IndexError,
    )
    _db: sqlite3.Connection

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        """The store at ``path``, brought up to date; ``create`` False: only an existing newsdesk
        database is opened (the read commands), never a new one."""
        self.path = Path(path)
        self._db = connection.open_writable(self.path, create=create)
        try:
            self.fill_speaker_links()  # a store made before the speaker links stage (migration 0022)
            self.fill_relation_edges()  # a store made before the relation edges stage (migration 0027)
        except BaseException:
            self._db.close()
            raise

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def problem(self, error: BaseException) -> str:
        return connection.problem(self.path, error)

    @guarded
    def schema_version(self) -> int:
        return connection.schema_version(self._db)

    def add(self, document: Document) -> bool:
        try:
            return document_write.add(self._db, document)
        except sqlite3.IntegrityError:
            raise
        except sqlite3.Error as error:  # the database's fault (a full disk, say), not the document's
            raise StoreError(connection.problem(self.path, error)) from None

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        return fulltext.search(self._db, query, limit)

    def search_documents(
        self,
        query: str,
        offset: int = 0,
        limit: int = 20,
        style: SnippetStyle = SNIPPET,
        within: DocumentQuery | None = None,
    ) -> SearchPage:
        return fulltext.search_page(self._db, query, offset, limit, style, within)

    @classmethod
    def read_only(cls, path: str | Path) -> SQLiteStore:
        """A read-only store over an existing database, usable from any one thread at a time;
        no migrations run (open the database writable once first to bring it up to date)."""
        store = cls.__new__(cls)
        store.path = Path(path)
        store._db = connection.open_read_only(store.path)
        return store

    @contextmanager
    def reading(self) -> Iterator[None]:
        # A read transaction: SQLite keeps the snapshot it started on until COMMIT.
        self._db.execute("BEGIN")
        try:
            yield
        finally:
            self._db.execute("COMMIT")

    def _version(self) -> object:
        # Another connection's commits move data_version; this connection's own, total_changes.
        return (self.revision(), self._db.total_changes)

    @guarded
    def revision(self) -> int:
        # PRAGMA data_version: a counter that changes when another connection commits.
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])
