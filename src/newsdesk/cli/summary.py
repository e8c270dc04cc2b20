"""`newsdesk summary`: the story on one screen (counts and the top few of each section), with the
commands that list the rest. `make demo` prints it instead of every listing.

Read from counts and indexed pages of the store, and who is quoted from a stream of speakers'
names: its memory does not grow with the articles (only with how many voices there are)."""

from __future__ import annotations

from collections import Counter

import click
from rich.console import Console
from rich.markup import escape

from newsdesk.cli.common import db_option, open_db
from newsdesk.model import ClaimKind
from newsdesk.report.when import readable
from newsdesk.store.base import ClaimQuery, EntityQuery, TimelineQuery

# Quotes whose speaker stands for somebody: a pronoun left unresolved, or a thing, is no voice.
_VOICES = frozenset({"named", "outlet", "group", "unnamed"})


def register(main: click.Group) -> None:
    @main.command()
    @db_option
    @click.option("--top", default=5, show_default=True, type=click.IntRange(1, 50), help="Items per section.")
    @click.option("--read-only", is_flag=True, help="Open the database read-only.")
    def summary(db: str, top: int, read_only: bool) -> None:
        """The story on one screen: how many articles, outlets, entities, voices, claims and dated
        happenings, and the top few of each, with the command that lists the rest."""
        with open_db(db, read_only) as store, store.reading():
            figures = store.stats()
            counts = store.counts()
            voices = Counter(store.quoted_names(sorted(_VOICES)))
            people = store.entity_summaries(EntityQuery(), 0, top).items
            facts = store.claim_page(ClaimQuery(kind=ClaimKind.FACT.value, min_sources=2), 0, top)
            views = store.claim_page(ClaimQuery(kind=ClaimKind.VIEW.value, min_documents=2), 0, 0).total
            contested = store.claim_page(ClaimQuery(contested=True), 0, 0).total
            reported = store.timeline_page(TimelineQuery(order="documents"), 0, top).items
        console = Console(highlight=False)
        console.print(
            f"[bold]{figures.documents}[/bold] articles from {len(figures.outlets)} outlets; "
            f"{counts['entities']} entities; {sum(voices.values())} quotes from {len(voices)} voices; "
            f"{facts.total} claims with two or more independent sources, {views} views held in several "
            f"articles, {contested} claims with a disagreement; {counts['timeline']} dated happenings"
        )
        _section(console, "Most mentioned", [f"{e.name} ({e.type}, {e.mentions})" for e in people], "entities")
        _section(console, "Most quoted", [f"{name} ({count})" for name, count in voices.most_common(top)], "quotes")
        _section(
            console,
            "Best corroborated",
            [f"{_short(c.text)} ({len(c.sources)} sources)" for c in facts.items],
            "claims --kind fact",
        )
        _section(
            console,
            "Most reported happenings",
            [f"{readable(t.value)}: {_short(t.label)}" for t in reported],
            "timeline",
        )

    del summary


def _section(console: Console, title: str, lines: list[str], command: str) -> None:
    console.print(f"\n[bold]{title}[/bold]  (all: newsdesk {command})")
    for line in lines or ["(none)"]:
        console.print(f"  - {escape(line)}")


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
