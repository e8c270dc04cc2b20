"""Storage behind one interface; ``open_store`` picks the backend from the location."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.store.base import Store, StoreError, StoreStats
from newsdesk.store.postgres_url import is_postgres_url
from newsdesk.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from newsdesk.store.postgres import PostgresStore

__all__ = ["SQLiteStore", "Store", "StoreError", "StoreStats", "open_store"]


def open_store(
    location: str | Path, *, create: bool = True, read_only: bool = False
) -> SQLiteStore | PostgresStore:
    """The store at ``location`` (a SQLite file, or a ``postgresql://`` URL); ``create`` False: an
    existing newsdesk database only; ``read_only``: an existing one, opened for reading (nothing
    written, no migration run)."""
    if is_postgres_url(location):
        from newsdesk.store.postgres import PostgresStore  # psycopg only when PostgreSQL is asked for

        return PostgresStore(location, create=create and not read_only, read_only=read_only)
    if read_only:
        return SQLiteStore.read_only(location)
    return SQLiteStore(location, create=create)
