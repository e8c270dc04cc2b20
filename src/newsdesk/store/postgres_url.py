"""Whether a ``--db`` location names a PostgreSQL database (without importing psycopg)."""

from __future__ import annotations

from pathlib import Path
from typing import TypeGuard


def is_postgres_url(location: str | Path) -> TypeGuard[str]:
    return isinstance(location, str) and location.startswith(("postgresql://", "postgres://"))
