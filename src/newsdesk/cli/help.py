"""Each command's one-line description, in one place: ``newsdesk --help`` shows it whole and the
README's table of commands says the same words (``tests/cli/test_help.py`` holds them equal)."""

from __future__ import annotations

import click

SHORT_HELP = {
    "ingest": "Read, clean and store articles from files, folders or globs, then update the story.",
    "summary": "The story on one screen: the counts, and the top five of each section.",
    "stories": "The stories a mixed pile of articles tells, newest first, with their ids.",
    "entities": "Who is who: the entities with their mention and article counts; show, merge or split them.",
    "quotes": "Who said what: quotes grouped by speaker, with role, cue, channel and article.",
    "claims": "What is reported: facts by their independent sources, then views with who holds them.",
    "timeline": "What happened when: each happening once, with the articles reporting it and any disagreement.",
    "brief": "The one-page briefing (Markdown or HTML), every line citing its article and characters.",
    "search": "Full-text search of the articles: every word as typed; --advanced for FTS5 syntax.",
    "export": "Export the story: JSON (the export contract), JSON Lines, CSV tables, Markdown or GraphML.",
    "serve": "The web UI and the REST API (its documentation at /docs) in your browser.",
    "stats": "What the database holds: documents, removed junk by reason, languages, outlets, dates.",
    "corrections": "The analysts' corrections of claims and entities: list or withdraw them, export pairs.",
    "rebuild": "Run the story-level stages again over every stored article (after an upgrade).",
}


class FullHelp(click.Group):
    """A command group whose help lists each command's one-line description whole (click cuts
    it at about 45 characters with "..."), wrapped to the terminal's width."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def describe(group: click.Group) -> None:
    """Give ``group``'s commands their one-line descriptions from :data:`SHORT_HELP`."""
    for name, command in group.commands.items():
        if name in SHORT_HELP:
            command.short_help = SHORT_HELP[name]
