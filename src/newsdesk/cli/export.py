"""``newsdesk export --format csv``: one CSV table per section, into a folder or a zip file, or
one table (``--section NAME``) to a file or standard output."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from newsdesk.report.tables import TABLE_NAMES, TABLES
from newsdesk.store.base import Store
from newsdesk.story.tables import write_folder, write_tables, write_zip

SECTION_HELP = (
    "With --format csv: only this table, to --out FILE or standard output. Tables: "
    + ", ".join(TABLE_NAMES)
    + " (the *_mentions, *_statements and *_reports tables hold one row per span of an article)."
)
USAGE = (
    "--format csv writes one file per table: give --out FOLDER (or --out NAME.zip for one zip file), "
    "or --section NAME for one table on standard output"
)


def export_csv(store: Store, out: str | None, section: str | None, export: Mapping[str, Any] | None = None) -> None:
    """The CSV tables of ``store``'s export (or of ``export``, one story's, built whole): all of
    them into the folder ``out``, or the zip file ``out`` when its name ends in .zip; with
    ``section``, that table alone, to the file ``out`` or to standard output. Says on standard
    error what was written."""
    names = (section,) if section else TABLE_NAMES
    try:
        if section and not out:
            write_tables(store, lambda _: sys.stdout, names, export)
            return
        if not out:
            raise click.UsageError(USAGE)
        target = Path(out)
        if section:
            partial = target.with_name(target.name + ".partial")
            try:
                with partial.open("w", encoding="utf-8", newline="") as stream:
                    rows = write_tables(store, lambda _: stream, names, export)
                partial.replace(target)
            finally:
                partial.unlink(missing_ok=True)
        elif target.suffix.lower() == ".zip":
            partial = target.with_name(target.name + ".partial")
            try:
                with partial.open("wb") as stream:
                    rows = write_zip(stream, store, names, export)
                partial.replace(target)
            finally:
                partial.unlink(missing_ok=True)
        elif target.suffix.lower() == ".csv":
            raise click.UsageError(f"{out}: {USAGE}")
        else:
            if target.exists() and not target.is_dir():
                raise click.UsageError(f"{out} is a file: {USAGE}")
            rows = write_folder(target, store, names, export)
    except OSError as error:
        raise click.ClickException(f"{out}: cannot write ({error.strerror or error})") from None
    files = "1 file" if section else f"{len(TABLES)} files"
    click.echo(f"wrote {files} to {out}: " + ", ".join(f"{name} {count}" for name, count in rows.items()), err=True)
