"""What the commands share: the --db option, opening the database, exit codes."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from newsdesk.store import SQLiteStore, StoreError, open_store

DEFAULT_DB = "newsdesk.db"
EXIT_SOME_FAILED = 1
EXIT_STORE = 3

db_option = click.option(
    "--db", "db", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False), help="SQLite database file."
)


def require_db(db: str) -> None:
    if not Path(db).exists():
        raise click.ClickException(f"{db}: no such database (run 'newsdesk ingest PATH --db {db}' first)")


def open_db(db: str) -> SQLiteStore:
    """The store, or exit 3 with the reason."""
    try:
        return open_store(db)
    except StoreError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(EXIT_STORE)
