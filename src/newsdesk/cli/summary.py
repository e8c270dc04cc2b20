"""`newsdesk summary`: the story on one screen (counts and the top few of each section), with the
commands that list the rest. `make demo` prints it instead of every listing."""

from __future__ import annotations

from collections import Counter

import click
from rich.console import Console
from rich.markup import escape

from newsdesk.cli.common import db_option, open_db
from newsdesk.model import ClaimKind, Document, Entity, entity_at
from newsdesk.report.when import readable

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
        with open_db(db, read_only) as store:
            figures = store.stats()
            entities = store.entities()
            claims = store.claims()
            timeline = store.timeline()
            voices = _voices(list(store.documents()), entities)
        console = Console(highlight=False)
        facts = [c for c in claims if c.kind is ClaimKind.FACT and len(c.sources) > 1]
        views = [c for c in claims if c.kind is ClaimKind.VIEW and len(c.documents) > 1]
        contested = sum(1 for c in claims if c.conflicts)
        console.print(
            f"[bold]{figures.documents}[/bold] articles from {len(figures.outlets)} outlets; "
            f"{len(entities)} entities; {sum(voices.values())} quotes from {len(voices)} voices; "
            f"{len(facts)} claims with two or more independent sources, {len(views)} views held in several "
            f"articles, {contested} claims with a disagreement; {len(timeline)} dated happenings"
        )
        people = sorted(entities, key=lambda e: (-len(e.mentions), e.name))[:top]
        _section(console, "Most mentioned", [f"{e.name} ({e.type}, {len(e.mentions)})" for e in people], "entities")
        _section(console, "Most quoted", [f"{name} ({count})" for name, count in voices.most_common(top)], "quotes")
        _section(
            console,
            "Best corroborated",
            [f"{_short(c.text)} ({len(c.sources)} sources)" for c in facts[:top]],
            "claims --kind fact",
        )
        reported = sorted(timeline, key=lambda t: (-len({r.doc for r in t.reports}), t.value))[:top]
        _section(
            console,
            "Most reported happenings",
            [f"{readable(t.value)}: {_short(t.label)}" for t in reported],
            "timeline",
        )

    del summary


def _voices(documents: list[Document], entities: list[Entity]) -> Counter[str]:
    at = entity_at(entities)
    counts: Counter[str] = Counter()
    for document in documents:
        for quote in document.quotes:
            if quote.speaker is None or quote.speaker_kind not in _VOICES:
                continue
            entity = at.get((document.id, quote.speaker.start))
            name = entity.name if entity is not None else quote.speaker_text
            if name:
                counts[name] += 1
    return counts


def _section(console: Console, title: str, lines: list[str], command: str) -> None:
    console.print(f"\n[bold]{title}[/bold]  (all: newsdesk {command})")
    for line in lines or ["(none)"]:
        console.print(f"  - {escape(line)}")


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
