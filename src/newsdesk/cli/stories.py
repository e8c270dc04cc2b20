"""``newsdesk stories``: the stories found in the database, newest first, and the analyst's
corrections of them (move articles, merge stories, split a story)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsdesk.cli.common import db_option, open_db, require_db
from newsdesk.cli.corrections import _correction_options as correction_options
from newsdesk.cli.corrections import sub_db_option
from newsdesk.corpus.corrections import CorrectionError, UnknownTarget, now_utc
from newsdesk.ingest.errors import printable
from newsdesk.model import StoryAction, StoryCorrection
from newsdesk.store.base import Store
from newsdesk.store.postgres_url import shown_location
from newsdesk.story.one import store_story_results
from newsdesk.story.regroup import merge_stories, move_articles, split_off


def register(main: click.Group) -> None:
    """Add the ``stories`` command to ``main``."""

    @main.group(invoke_without_command=True)
    @db_option
    @click.option("--json", "as_json", is_flag=True, help="Print the stories as JSON (the export's stories section).")
    @click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 1000000))
    @click.option(
        "--read-only",
        is_flag=True,
        help="Open the database read-only; it must have been opened by this newsdesk version before.",
    )
    @click.pass_context
    def stories(ctx: click.Context, db: str, as_json: bool, limit: int, read_only: bool) -> None:
        """List the stories the articles tell, newest first: each story's id, title (its most
        central headline), first and last publication date, articles and outlets. Articles are
        grouped by what they report as they are ingested; an article that also touches another
        story is counted there as "also". Correct the grouping with move, merge and split (see
        each command's --help)."""
        if ctx.invoked_subcommand is not None:
            return
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

    register_corrections(stories)


def register_corrections(stories: click.Group) -> None:
    """The analyst's corrections of the stories, under ``newsdesk stories``."""

    @stories.command("move")
    @click.argument("story")
    @click.argument("documents", nargs=-1, required=True)
    @correction_options
    def move(db: str, story: str, documents: tuple[str, ...], who: str, why: str) -> None:
        """These articles (DOCUMENTS, ids) belong to STORY: kept, and replayed after every
        ingest and rebuild."""
        _correct(db, lambda store, when: move_articles(store, list(documents), story, who, why, when))

    @stories.command("merge")
    @click.argument("story_ids", metavar="STORY STORY...", nargs=-1, required=True)
    @correction_options
    def merge(db: str, story_ids: tuple[str, ...], who: str, why: str) -> None:
        """These stories are one: the oldest keeps its id and lists the others (whose ids lead
        to it); kept, and replayed after every ingest and rebuild."""
        _correct(db, lambda store, when: merge_stories(store, list(story_ids), who, why, when))

    @stories.command("split")
    @click.argument("story")
    @click.argument("documents", nargs=-1, required=True)
    @correction_options
    def split(db: str, story: str, documents: tuple[str, ...], who: str, why: str) -> None:
        """These articles (DOCUMENTS, ids) of STORY are a story of their own; the others stay.
        Kept, and replayed after every ingest and rebuild."""
        _correct(db, lambda store, when: split_off(store, story, list(documents), who, why, when))

    @stories.command("corrections")
    @sub_db_option
    @click.option("--json", "as_json", is_flag=True, help="Print them as JSON.")
    def corrections(db: str, as_json: bool) -> None:
        """The analysts' corrections of the stories, in the order made, with who, when and why."""
        require_db(db)
        with open_db(db) as store:
            found = store.story_corrections()
        if as_json:
            click.echo(json.dumps([story_correction_record(c) for c in found], ensure_ascii=False, indent=2))
            return
        table = Table("correction", "action", "stories", "articles", "who", "when", "why")
        for c in found:
            table.add_row(
                c.id, c.action.value, ", ".join(c.stories), ", ".join(c.documents), escape(c.who), c.when, escape(c.why)
            )
        Console(width=max(Console().width, 120)).print(table)
        if not found:
            click.echo("no story corrections", err=True)


def story_correction_record(correction: StoryCorrection) -> dict[str, object]:
    return {**asdict(correction), "action": correction.action.value}


def _correct(db: str, build: Callable[[Store, str], StoryCorrection]) -> None:
    """Make, store and replay one story correction, then say where its articles are now."""
    require_db(db)
    with open_db(db) as store:
        try:
            correction = build(store, now_utc())
        except UnknownTarget as error:
            raise click.ClickException(str(error)) from None
        except CorrectionError as error:
            raise click.UsageError(str(error)) from None
        if not store.add_story_correction(correction):
            click.echo(f"correction {correction.id} was already stored", err=True)
        store_story_results(store)  # the stories it changed, built again
        now = sorted({story for story, _ in store.document_stories(list(correction.documents)).values() if story})
        if correction.action is StoryAction.MERGE:
            now = sorted({store.story_of(story) or story for story in correction.stories})
    click.echo(
        f"stored correction {correction.id} ({correction.action.value}): now in {', '.join(now) or 'nothing'}", err=True
    )
