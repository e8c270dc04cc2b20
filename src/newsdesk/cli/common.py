"""What the commands share: the --db option, opening the database, exit codes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from newsdesk.store import SQLiteStore, open_store
from newsdesk.store.postgres_url import is_postgres_url, shown_location

if TYPE_CHECKING:
    from newsdesk.store.postgres import PostgresStore

DEFAULT_DB = "newsdesk.db"
EXIT_SOME_FAILED = 1
EXIT_STORE = 3

db_option = click.option(
    "--db",
    "db",
    default=DEFAULT_DB,
    show_default=True,
    envvar="NEWSDESK_DB",
    type=click.Path(dir_okay=False),
    help="SQLite database file, or a PostgreSQL URL (postgresql://user@host/dbname); also NEWSDESK_DB.",
)


def require_db(db: str) -> None:
    if not is_postgres_url(db) and not Path(db).exists():
        raise click.ClickException(f"{db}: no such database (run 'newsdesk ingest PATH --db {db}' first)")


def open_db(db: str, read_only: bool = False, finish: bool = False) -> SQLiteStore | PostgresStore:
    """An existing newsdesk database for a command (never created, never another program's);
    read-only as asked. Story stages left incomplete are finished when ``finish`` and writable,
    else a warning says to run rebuild."""
    from newsdesk.ingest.errors import printable
    from newsdesk.ingest.run import run_corpus_stages
    from newsdesk.settings import Settings

    store = open_store(db, create=False, read_only=read_only)
    try:
        if store.story_stale():
            if finish and not read_only:
                click.echo("newsdesk: finishing the story stages an earlier run left incomplete", err=True)
                run_corpus_stages(store, Settings())
            else:
                click.echo(
                    f"warning: the story stages are incomplete (an ingest was cut off, or articles arrived "
                    f"since): run 'newsdesk rebuild --db {printable(shown_location(db))}'",
                    err=True,
                )
    except BaseException:
        store.close()
        raise
    return store
