"""Opening the database (WAL, foreign keys, numbered migrations) and writing to it one transaction at a time."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path


def open_writable(path: Path) -> sqlite3.Connection:
    """The store's connection, with the database brought up to the latest migration."""
    db = sqlite3.connect(path, isolation_level=None)
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA foreign_keys=ON")
    migrate(db)
    return db


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection that any one thread at a time may use; no migrations run."""
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
    db.row_factory = sqlite3.Row
    schema_version(db)  # a file that is not a newsdesk database fails here, not on first use
    return db


def migrations() -> list[tuple[int, str, str]]:
    folder = resources.files("newsdesk.store.migrations")
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql"):
            found.append((int(name.split("_", 1)[0]), name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def schema_version(db: sqlite3.Connection) -> int:
    row = db.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def migrate(db: sqlite3.Connection) -> None:
    db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    # Every migration not yet recorded, not only those above the highest: migrations numbered on
    # parallel branches (0011 merged after a database got 0012) are applied all the same.
    applied = {row[0] for row in db.execute("SELECT version FROM schema_migrations")}
    for version, name, script in migrations():
        if version in applied:
            continue
        # executescript commits first; the BEGIN inside makes each migration all-or-nothing.
        db.executescript(
            f"BEGIN IMMEDIATE;\n{script}\n"
            f"INSERT INTO schema_migrations VALUES ({version}, '{name}', '{now()}');\nCOMMIT;"
        )


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction: all of it is stored, or none of it."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
