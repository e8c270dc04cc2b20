"""Opening the database (WAL, foreign keys, numbered migrations) and writing to it one transaction at a time.

Nothing is written to a file before it is known to be newsdesk's: a new or empty file becomes a
newsdesk database, one of ours is brought up to date, and anything else (another program's SQLite
database, a damaged file, one from a newer newsdesk) is refused with the reason, untouched.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from newsdesk.model import quote_id
from newsdesk.store.base import StoreError, contains, in_range
from newsdesk.store.sql import Database


def checked_row(cursor: sqlite3.Cursor, values: tuple[Any, ...]) -> sqlite3.Row:
    """A row, by name as sqlite3.Row gives it. No column of ours holds bytes: a value read back
    as bytes is a damaged file (a flipped bit turns text into a blob), reported as such rather
    than passed on to fail far from the store."""
    if bytes in map(type, values):  # (checked in C: every row read passes here)
        raise sqlite3.DatabaseError("a row holds bytes where text belongs")
    return sqlite3.Row(cursor, values)


def register_functions(db: sqlite3.Connection) -> None:
    """The filters of the reads by page (``store.pages``), as SQL functions."""
    db.create_function("newsdesk_contains", 2, lambda n, h: int(contains(n, h)), deterministic=True)
    db.create_function("newsdesk_in_range", 3, lambda v, s, u: int(in_range(v, s, u)), deterministic=True)


def open_writable(path: Path, create: bool = True) -> sqlite3.Connection:
    """The store's connection, with the database brought up to the latest migration; with
    ``create`` False the file must already be a newsdesk database."""
    if not create and not path.exists():
        raise StoreError(f"{path}: no such database (run 'newsdesk ingest PATH --db {path}' first)")
    try:
        db = sqlite3.connect(path, isolation_level=None)
    except sqlite3.Error as error:
        raise StoreError(problem(path, error)) from None
    try:
        db.row_factory = checked_row
        register_functions(db)
        _check_ours(db, path, create)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=ON")
        migrate(db, path)
    except StoreError:
        db.close()
        raise
    except (sqlite3.Error, UnicodeError) as error:
        db.close()
        raise StoreError(problem(path, error)) from None
    return db


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection that any one thread at a time may use; no migrations run, nothing is
    written (on a read-only medium, where SQLite cannot keep its shared-memory file, the database
    is opened as immutable)."""
    if not path.exists():
        raise StoreError(f"{path}: no such database")
    uri = path.resolve().as_uri()
    last: BaseException | None = None
    for suffix in ("?mode=ro", "?mode=ro&immutable=1"):
        db: sqlite3.Connection | None = None
        try:
            db = sqlite3.connect(f"{uri}{suffix}", uri=True, isolation_level=None, check_same_thread=False)
            db.row_factory = checked_row
            register_functions(db)
            _check_ours(db, path, create=False)
            version = schema_version(db)
            latest = migrations()[-1][0]
            if version > latest:
                raise StoreError(_future(path, version, latest))
            if version < latest:
                raise StoreError(
                    f"{path}: made by an older newsdesk (schema version {version}; this one needs {latest}): "
                    "open it once without --read-only to bring it up to date"
                )
            return db
        except StoreError:
            if db is not None:
                db.close()
            raise
        except (sqlite3.Error, UnicodeError) as error:
            if db is not None:
                db.close()
            last = error
    assert last is not None
    raise StoreError(problem(path, last))


def problem(path: Path, error: BaseException) -> str:
    """One line saying what is wrong with the database at ``path``, from SQLite's error."""
    message = " ".join(str(error).split())
    lowered = message.lower()
    cannot_write = ("unable to open" in lowered or "disk i/o" in lowered) and _on_read_only_medium(path)
    if "readonly" in lowered or "read-only" in lowered or "read only" in lowered or cannot_write:
        return f"{path}: read-only: open with --read-only ({message})"
    if "disk is full" in lowered or "disk full" in lowered:
        return f"{path}: the disk is full ({message})"
    if "unable to open" in lowered:
        return f"{path}: cannot open the database file ({message})"
    if "locked" in lowered or "busy" in lowered:
        return f"{path}: the database is locked by another program ({message}); try again"
    if isinstance(error, UnicodeError) or any(
        word in lowered for word in ("malformed", "not a database", "corrupt", "decode", "disk i/o")
    ):
        return f"{path}: the database is damaged ({message}); restore it from a copy, or ingest again into a new one"
    if not isinstance(error, sqlite3.Error):  # a row that no longer decodes: JSON, a span, a column
        return (
            f"{path}: the database holds damaged data ({type(error).__name__}: {message}); restore it from a "
            "copy, or ingest again into a new one"
        )
    return f"{path}: not a usable newsdesk database ({message})"


def _on_read_only_medium(path: Path) -> bool:
    """The file or its folder cannot be written (SQLite needs the folder for its WAL files)."""
    try:
        if os.statvfs(path.parent).f_flag & os.ST_RDONLY:
            return True
    except OSError:
        return False
    return path.exists() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def _check_ours(db: sqlite3.Connection, path: Path, create: bool) -> None:
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    if "schema_migrations" in tables:
        return
    if tables:
        shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
        raise StoreError(
            f"{path}: not a newsdesk database (it holds other tables: {shown}); newsdesk leaves it as it is"
        )
    if not create:
        raise StoreError(f"{path}: not a newsdesk database (an empty file); run 'newsdesk ingest PATH --db {path}'")


def rollback(db: Database) -> None:
    """Undo the open transaction, if SQLite has not already (it rolls back itself on a full disk)."""
    if db.in_transaction:
        db.execute("ROLLBACK")


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


def _future(path: Path, version: int, latest: int) -> str:
    return (
        f"{path}: made by a newer newsdesk (schema version {version}; this one knows up to {latest}): "
        "upgrade newsdesk to open it"
    )


def migrate(db: sqlite3.Connection, path: Path | None = None) -> None:
    db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    current = schema_version(db)
    known = migrations()
    if known and current > known[-1][0]:
        raise StoreError(_future(path or Path("database"), current, known[-1][0]))
    # Every migration not yet recorded, not only those above the highest: migrations numbered on
    # parallel branches (0011 merged after a database got 0012) are applied all the same.
    applied = {row[0] for row in db.execute("SELECT version FROM schema_migrations")}
    for version, name, script in known:
        if version in applied:
            continue
        # executescript commits first; the BEGIN inside makes each migration all-or-nothing.
        try:
            db.executescript(
                f"BEGIN IMMEDIATE;\n{script}\n"
                f"INSERT INTO schema_migrations VALUES ({version}, '{name}', '{now()}');\nCOMMIT;"
            )
        except BaseException:
            rollback(db)
            raise
    _fill_quote_ids(db)


def _fill_quote_ids(db: sqlite3.Connection) -> None:
    """Quotes stored before their ids were (migration 0017) get them, in one transaction."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(quotes)")}
    if "id" not in columns or db.execute("SELECT 1 FROM quotes WHERE id IS NULL LIMIT 1").fetchone() is None:
        return
    with transaction(db):
        rows = db.execute('SELECT rowid, doc_id, start, "end", kind FROM quotes WHERE id IS NULL').fetchall()
        db.executemany(
            "UPDATE quotes SET id = ? WHERE rowid = ?",
            [(quote_id(doc, start, end, kind), rowid) for rowid, doc, start, end, kind in rows],
        )


@contextmanager
def transaction(db: Database) -> Iterator[None]:
    """One write transaction: all of it is stored, or none of it."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        rollback(db)
        raise
    db.execute("COMMIT")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
