"""Storage behind one interface; ``open_store`` picks the backend from the location."""

from __future__ import annotations

from pathlib import Path

from newsdesk.store.base import Store, StoreStats
from newsdesk.store.sqlite import SQLiteStore, StoreError

__all__ = ["SQLiteStore", "Store", "StoreError", "StoreStats", "open_store"]


def open_store(location: str | Path) -> SQLiteStore:
    return SQLiteStore(location)
