"""Storage behind one interface; ``open_store`` picks the backend from the location."""

from __future__ import annotations

from pathlib import Path

from newsdesk.store.base import Store, StoreError, StoreStats
from newsdesk.store.sqlite import SQLiteStore

__all__ = ["SQLiteStore", "Store", "StoreError", "StoreStats", "open_store"]


def open_store(location: str | Path, *, create: bool = True) -> SQLiteStore:
    """The store at ``location``; ``create`` False: an existing newsdesk database only."""
    return SQLiteStore(location, create=create)
