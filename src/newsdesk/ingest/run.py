"""Ingest a batch: every file on its own, so one bad file never costs the others."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from newsdesk.ingest.errors import Failure
from newsdesk.ingest.paths import expand
from newsdesk.ingest.readers import read_file
from newsdesk.model import RawArticle, document_id
from newsdesk.pipeline import process
from newsdesk.settings import Settings
from newsdesk.store.base import Store


@dataclass(slots=True)
class IngestReport:
    stored: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


Progress = Callable[[str, int, int], None]


def ingest_paths(
    arguments: Iterable[str],
    store: Store,
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Read, clean and store every article under ``arguments`` (files, folders, globs)."""
    settings = settings or Settings()
    report = IngestReport()
    candidates = list(expand(arguments))
    for number, candidate in enumerate(candidates, start=1):
        if progress:
            progress(str(candidate.path), number, len(candidates))
        if candidate.problem:
            report.failed.append(Failure(str(candidate.path), candidate.problem))
            continue
        if candidate.skipped:
            report.skipped.append((str(candidate.path), candidate.skipped))
            continue
        for item in read_file(candidate.path, settings):
            if isinstance(item, Failure):
                report.failed.append(item)
            else:
                _store_one(item, store, settings, report)
    return report


def _store_one(raw: RawArticle, store: Store, settings: Settings, report: IngestReport) -> None:
    if store.has(document_id(raw.text)):  # same article from any path: nothing to do
        report.present.append(document_id(raw.text))
        return
    try:
        document = process(raw, settings)
        if store.add(document):
            report.stored.append(document.id)
        else:
            report.present.append(document.id)
    except (ValueError, RecursionError) as error:
        # A rule that trips on unforeseen input costs this article only.
        report.failed.append(Failure(raw.source, f"could not process: {error}"))
