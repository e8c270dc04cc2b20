"""The SQLite store's SQL on PostgreSQL: one connection that reads and writes as ``sqlite3`` does.

The store's modules (``document_read``, ``story``, ``pages``, ``stories``, ``corrections``) are
written against a ``sqlite3.Connection``; their SQL is kept to what both databases take, and
PostgreSQL's migrations (``migrations_postgres/0005_reads.sql``) add the little that SQLite has
built in (a ``rowid`` where rows are read in the order written, ``json_each``, the filter
functions). What differs in the statements' form is translated here, in one place:
- parameters are written ``?`` (SQLite) and sent as ``%s`` (psycopg);
- ``BEGIN IMMEDIATE`` (SQLite: take the write lock now) begins a transaction holding the store's
  advisory write lock, so two writers of the story's tables go one after the other as in SQLite;
- ``CROSS JOIN ... ON`` (SQLite's way to fix the join order) is a plain join;
- ``INDEXED BY name`` (SQLite told which index to read) is left out: PostgreSQL's planner chooses.

Rows read back by name and by position, as ``sqlite3.Row`` does.

A long read (``sql.streamed``: every document, entity, claim...) goes through a server-side cursor
fetched ``STREAM_ROWS`` rows at a time, since psycopg's plain cursor holds the whole result in
this process.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import psycopg
from psycopg.pq import TransactionStatus
from psycopg.rows import RowMaker

# The advisory lock every write transaction of the shared SQL holds (any number of ours).
WRITE_LOCK = 0x6E657774

# Rows per fetch of a streamed read: a few MB at most of the widest rows (documents' texts).
STREAM_ROWS = 500

_CROSS_JOIN = re.compile(r"\bCROSS JOIN\b")
_INDEXED_BY = re.compile(r"\s+INDEXED BY \w+")


class Row(tuple[Any, ...]):
    """A row read by position or by column name (the first column of that name)."""

    _names: dict[str, int]

    def __new__(cls, values: Sequence[Any], names: dict[str, int]) -> Row:
        row = super().__new__(cls, values)
        row._names = names
        return row

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return super().__getitem__(self._names[key])
        return super().__getitem__(key)

    def keys(self) -> list[str]:
        return list(self._names)


def _rows(cursor: psycopg.Cursor[Any]) -> RowMaker[Row]:
    names: dict[str, int] = {}
    for index, column in enumerate(cursor.description or ()):
        names.setdefault(column.name, index)
    return lambda values: Row(values, names)


def portable(sql: str) -> str:
    """A statement of the shared SQL as psycopg sends it to PostgreSQL."""
    if sql.strip().upper() == "BEGIN IMMEDIATE":
        return f"BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK})"
    return _CROSS_JOIN.sub("JOIN", _INDEXED_BY.sub("", sql).replace("%", "%%").replace("?", "%s"))


class Stream:
    """A server-side cursor's rows fetched ``size`` at a time, as ``sql.Cursor`` (psycopg's own
    ``fetchone`` on such a cursor asks the server for one row)."""

    def __init__(self, cursor: psycopg.ServerCursor[Row], size: int) -> None:
        self.cursor = cursor
        self._rows = self._fetched(size)

    def _fetched(self, size: int) -> Iterator[Row]:
        while rows := self.cursor.fetchmany(size):
            yield from rows
            if len(rows) < size:
                return

    @property
    def rowcount(self) -> int:
        return -1

    def fetchone(self) -> Row | None:
        return next(self._rows, None)

    def fetchall(self) -> list[Row]:
        return list(self._rows)

    def __iter__(self) -> Iterator[Row]:
        return self._rows

    def close(self) -> None:
        self.cursor.close()


class Connection:
    """A psycopg connection (in autocommit mode: each statement its own transaction unless a
    ``BEGIN`` opens one) behind ``sqlite3.Connection``'s ``execute`` and ``executemany``."""

    def __init__(self, db: psycopg.Connection[Any]) -> None:
        self.raw = db
        self._names = itertools.count(1)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor[Row]:
        cursor = self.raw.cursor(row_factory=_rows)
        _run(cursor, sql, params)
        return cursor

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Stream:
        """A read through a server-side cursor. Inside a transaction (``reading()``'s snapshot)
        the cursor lives as long as it; outside one it is declared WITH HOLD: it reads the
        snapshot of its own statement, as a plain read does, and a write on this connection
        between two fetches (which commits) does not end it; the server keeps what is not yet
        fetched, this process only a chunk."""
        cursor = self.raw.cursor(
            f"newsdesk_stream_{next(self._names)}", row_factory=_rows, withhold=not self.in_transaction
        )
        _run(cursor, sql, params)
        return Stream(cursor, STREAM_ROWS)

    def executemany(self, sql: str, params: Iterable[Sequence[Any]]) -> psycopg.Cursor[Row]:
        cursor = self.raw.cursor(row_factory=_rows)
        listed = [list(values) for values in params]
        if listed:
            cursor.executemany(portable(sql).encode(), listed)
        return cursor

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def close(self) -> None:
        self.raw.close()


def _run(cursor: psycopg.Cursor[Row] | psycopg.ServerCursor[Row], sql: str, params: Sequence[Any]) -> None:
    statement = portable(sql)
    if params:
        cursor.execute(statement.encode(), list(params))
    else:
        # Without parameters, as written (several statements may stand in one string).
        cursor.execute(statement.replace("%%", "%").encode())
