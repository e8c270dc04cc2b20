"""The export of a store as CSV tables (``newsdesk.report.tables``): written as the export is
streamed (:func:`newsdesk.story.export.write_export`), one record at a time, into a folder of
files or a zip of them. ``newsdesk export --format csv`` and the web UI's downloads use it."""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, TextIO, cast

from newsdesk.report.tables import TABLE_NAMES, TableWriter
from newsdesk.store.base import Store
from newsdesk.story.export import write_export


class _Records(io.TextIOBase):
    """A text stream that hands each JSON Lines record written to it to ``each`` as it arrives."""

    def __init__(self, each: Callable[[str, Mapping[str, Any]], None]) -> None:
        super().__init__()
        self.each = each
        # The pieces of the line being written: a record may come in many writes (an entity's
        # mentions one at a time), joined once its line ends.
        self.pending: list[str] = []

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if "\n" not in text:
            self.pending.append(text)
            return len(text)
        *ends, rest = text.split("\n")
        for number, end in enumerate(ends):
            line = "".join([*self.pending, end]) if number == 0 else end
            self.pending = []
            if line:
                item = json.loads(line)
                if "section" in item:  # not the header line
                    self.each(item["section"], item["record"])
        self.pending = [rest] if rest else []
        return len(text)


def write_tables(
    store: Store | None,
    open_table: Callable[[str], TextIO],
    names: Iterable[str] = TABLE_NAMES,
    export: Mapping[str, Any] | None = None,
) -> dict[str, int]:
    """The tables ``names`` of ``store``'s export (streamed), or of an ``export`` object built
    whole (one story's), each written to ``open_table(name)``; the rows written per table."""
    writer = TableWriter(open_table, names)
    if export is not None:
        writer.add_export(export)
    elif store is not None:
        # A text stream, though not typed as TextIO (io.TextIOBase is a class of its own to mypy).
        write_export(store, cast(TextIO, _Records(writer.add)), "jsonl", writer.sections)
    else:
        raise ValueError("write_tables needs a store or an export")
    return writer.rows


@contextlib.contextmanager
def _opened(folder: Path, suffix: str) -> Iterator[tuple[Callable[[str], TextIO], list[tuple[str, Path]]]]:
    """An ``open_table`` writing ``NAME.csv`` + ``suffix`` files in ``folder``; closed afterwards."""
    written: list[tuple[str, Path]] = []
    with contextlib.ExitStack() as files:

        def open_table(name: str) -> TextIO:
            path = folder / f"{name}.csv{suffix}"
            written.append((name, path))
            # UTF-8 with no byte-order mark, "\n" line ends: what csv.reader and pandas expect.
            stream: TextIO = files.enter_context(path.open("w", encoding="utf-8", newline=""))
            return stream

        yield open_table, written


def write_folder(
    folder: Path, store: Store | None, names: Iterable[str] = TABLE_NAMES, export: Mapping[str, Any] | None = None
) -> dict[str, int]:
    """The tables as ``folder/NAME.csv`` (the folder is made if need be). Each file is written
    beside its final name first, and takes that name only once every table is whole."""
    folder.mkdir(parents=True, exist_ok=True)
    with _opened(folder, ".partial") as (open_table, written):
        try:
            rows = write_tables(store, open_table, names, export)
        except BaseException:
            for _, path in written:
                path.unlink(missing_ok=True)
            raise
    for _, path in written:
        path.replace(path.with_suffix(""))
    return rows


def write_zip(
    target: IO[bytes], store: Store | None, names: Iterable[str] = TABLE_NAMES, export: Mapping[str, Any] | None = None
) -> dict[str, int]:
    """The tables as ``NAME.csv`` members of one zip file written to ``target``."""
    with tempfile.TemporaryDirectory(prefix="newsdesk-csv-") as scratch:
        with _opened(Path(scratch), "") as (open_table, written):
            rows = write_tables(store, open_table, names, export)
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, path in written:
                archive.write(path, f"{name}.csv")
    return rows
