"""What the store's SQL modules need of a database connection: ``sqlite3.Connection`` has it,
and so does PostgreSQL's (``postgres_sql.Connection``), so that both stores run the same reads
and the same story-stage writes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol, runtime_checkable


class Row(Protocol):
    """A row read by position or by column name."""

    def __getitem__(self, key: int | str, /) -> Any: ...


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...

    def close(self) -> None: ...


class Database(Protocol):
    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Cursor: ...

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> Cursor: ...

    @property
    def in_transaction(self) -> bool: ...


@runtime_checkable
class Streams(Protocol):
    """A database whose plain cursor receives a query's whole result at once (psycopg's), with a
    cursor that fetches a long read in bounded chunks instead."""

    def stream(self, sql: str, parameters: Sequence[Any] = ..., /) -> Cursor: ...


@contextmanager
def streamed(db: Database, sql: str, parameters: Sequence[Any] = ()) -> Iterator[Cursor]:
    """The rows of a read that may be long (every document, entity, claim...), fetched as they are
    read: SQLite's cursor steps through the result anyway; PostgreSQL's streams (``Streams``).
    The cursor is closed when the block ends, read to its end or not."""
    cursor = db.stream(sql, parameters) if isinstance(db, Streams) else db.execute(sql, parameters)
    try:
        yield cursor
    finally:
        cursor.close()
