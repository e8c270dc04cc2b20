"""Storage behind one interface; ``open_store`` picks the backend from the location."""

from __future__ import annotations

from pathlib import Path

from newsdesk.store.base import Store, StoreError, StoreStats
from newsdesk.store.sqlite import SQLiteStore

__all__ = ["SQLiteStore", "Store", "StoreError", "StoreStats", "open_store"]


def open_store(location: str | Path, *, create: bool = True, read_only: bool = False) -> SQLiteStore:
    """The store at ``location``; ``create`` False: an existing newsdesk database only;
    ``read_only``: an existing one, opened for reading (nothing written, no migration run)."""
    if read_only:
        return SQLiteStore.read_only(location)
    return SQLiteStore(location, create=create)
