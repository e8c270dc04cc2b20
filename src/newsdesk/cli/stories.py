"""``newsdesk stories``: the stories found in the database, newest first."""

from __future__ import annotations

import json
from dataclasses import asdict

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsdesk.cli.common import db_option, open_db
from newsdesk.ingest.errors import printable
from newsdesk.store.postgres_url import shown_location


def register(main: click.Group) -> None:
    """Add the ``stories`` command to ``main``."""

    @main.command()
    @db_option
    @click.option("--json", "as_json", is_flag=True, help="Print the stories as JSON (the export's stories section).")
    @click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 1000000))
    @click.option(
        "--read-only",
        is_flag=True,
        help="Open the database read-only; it must have been opened by this newsdesk version before.",
    )
    def stories(db: str, as_json: bool, limit: int, read_only: bool) -> None:
        """List the stories the articles tell, newest first: each story's id, title (its most
        central headline), first and last publication date, articles and outlets. Articles are
        grouped by what they report as they are ingested; an article that also touches another
        story is counted there as "also"."""
        with open_db(db, read_only) as store:
            found = store.stories()
            unplaced = store.count() - sum(len(s.documents) for s in found)
        if as_json:
            click.echo(json.dumps([asdict(s) for s in found[:limit]], ensure_ascii=False, indent=2))
            return
        table = Table("story", "title", "first", "last", "articles", "outlets")
        table.columns[0].no_wrap = True
        for column in table.columns[2:4]:
            column.no_wrap = True
        for story in found[:limit]:
            articles = str(len(story.documents)) + (f" (+{len(story.others)} also)" if story.others else "")
            table.add_row(
                story.id,
                escape(printable(story.title or "(no headline)")),
                story.first or "?",
                story.last or "?",
                articles,
                escape(printable(", ".join(story.outlets))),
            )
        Console(width=max(Console().width, 120)).print(table)
        if len(found) > limit:
            click.echo(f"{len(found) - limit} more stories (raise --limit)", err=True)
        if unplaced > 0:
            click.echo(
                f"{unplaced} articles are in no story yet: run 'newsdesk rebuild --db {printable(shown_location(db))}'", err=True
            )
        if not found and not unplaced:
            click.echo("no stories (ingest articles first)", err=True)
