"""Whether a ``--db`` location names a PostgreSQL database, and how to show one (without
importing psycopg)."""

from __future__ import annotations

from pathlib import Path
from typing import TypeGuard
from urllib.parse import urlsplit, urlunsplit


def is_postgres_url(location: str | Path) -> TypeGuard[str]:
    return isinstance(location, str) and location.startswith(("postgresql://", "postgres://"))


def shown_location(location: str | Path) -> str:
    """A database location as messages show it: a PostgreSQL URL without its password."""
    if not is_postgres_url(location):
        return str(location)
    parts = urlsplit(location)
    if parts.password is None:
        return location
    user = f"{parts.username}@" if parts.username else ""
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return urlunsplit((parts.scheme, f"{user}{host}{port}", parts.path, parts.query, parts.fragment))
