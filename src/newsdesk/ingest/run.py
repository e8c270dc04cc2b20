"""Ingest a batch: every file on its own, so one bad file never costs the others."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsdesk.corpus.similarity import BlockScorer, score_blocks
from newsdesk.corpus.stages import run_story_stages
from newsdesk.ingest.errors import Failure
from newsdesk.ingest.paths import Candidate, expand, path_label
from newsdesk.ingest.readers import read_file
from newsdesk.model import Document, RawArticle, document_id
from newsdesk.nlp.models import available_model
from newsdesk.nlp.parallel import analyse_parallel
from newsdesk.pipeline import analyse_many, describe
from newsdesk.settings import Settings
from newsdesk.store.base import Store, StoreError


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
    analyser: Callable[[Iterable[RawArticle], Settings], Iterator[Document | Failure]] | None = None,
    block_scorer: BlockScorer = score_blocks,
) -> IngestReport:
    """Read, clean, analyse and store every article under ``arguments`` (files, folders, globs),
    then rebuild the story-level entities and timeline when anything new was stored; ``analyser``
    replaces the local analysis and ``block_scorer`` the comparison of the claims' candidate
    blocks (the Dask runner's, ``ingest.dask_runner``)."""
    settings = settings or Settings()
    report = IngestReport()
    candidates = list(expand(arguments))
    articles = _new_articles(candidates, store, settings, report, progress)
    processes = _processes(settings, len(candidates))
    results: Iterator[Document | Failure]
    if analyser is not None:
        results = analyser(articles, settings)
    elif settings.nlp and processes > 1:
        # Fail here, with the reason, rather than in a worker; the workers run the per-document
        # stages too, so this process only reads and stores.
        model = available_model(settings.spacy_model)
        results = analyse_parallel(articles, dataclasses.replace(settings, spacy_model=model), processes)
    else:
        results = analyse_many(articles, settings)
    return store_results(results, store, settings, report, block_scorer)


def store_results(
    results: Iterable[Document | Failure],
    store: Store,
    settings: Settings,
    report: IngestReport,
    block_scorer: BlockScorer = score_blocks,
) -> IngestReport:
    """Store each analysed document (once: a stored id counts as present) and report each failure;
    then rebuild the story-level stages when anything new was stored."""
    for result in results:
        if isinstance(result, Failure):
            report.failed.append(result)
            continue
        try:
            added = store.add(result)
        except StoreError as error:
            # The database, not the document: stop, saying what the database now holds.
            raise StoreError(
                f"{error}; stopped before storing {result.source}: the database holds the "
                f"{len(report.stored)} articles stored before it in this run and nothing of that one"
            ) from None
        except Exception as error:  # this document cannot be stored (its transaction rolled back)
            report.failed.append(Failure(result.source, f"could not store: {describe(error)}"))
            continue
        (report.stored if added else report.present).append(result.id)
    if report.stored or store.story_stale():
        try:
            run_corpus_stages(store, settings, block_scorer=block_scorer)
        except StoreError as error:
            raise StoreError(
                f"{error}; the {len(report.stored)} new articles are stored, and the story stages (left "
                "incomplete) will be finished by the next ingest or 'newsdesk rebuild'"
            ) from None
    return report


def run_corpus_stages(
    store: Store,
    settings: Settings,
    *,
    fresh: bool = False,
    recount: bool = False,
    block_scorer: BlockScorer = score_blocks,
) -> None:
    """The story stages over every stored document (``newsdesk.corpus.stages``): incremental where
    a stage can be, from scratch with ``fresh`` (``recount``: the claims' word frequencies too);
    then the own results of each story of a mixed pile that changed (``newsdesk.story.one``)."""
    run_story_stages(store, settings, fresh=fresh, recount=recount, block_scorer=block_scorer)
    from newsdesk.story.one import store_story_results  # the reader package sits above the stages

    store_story_results(store)


def _processes(settings: Settings, files: int) -> int:
    if settings.processes is not None:
        return settings.processes
    return min(os.cpu_count() or 1, 4) if files >= settings.parallel_from_files else 1


def _new_articles(
    candidates: list[Candidate], store: Store, settings: Settings, report: IngestReport, progress: Progress | None
) -> Iterator[RawArticle]:
    """Each article not yet stored, once; unreadable inputs go to the report."""
    seen: set[str] = set()
    for number, candidate in enumerate(candidates, start=1):
        if progress:
            progress(path_label(candidate.path), number, len(candidates))
        if candidate.problem:
            report.failed.append(Failure(path_label(candidate.path), candidate.problem))
            continue
        if candidate.skipped:
            report.skipped.append((path_label(candidate.path), candidate.skipped))
            continue
        for item in _read_isolated(candidate.path, settings):
            if isinstance(item, Failure):
                report.failed.append(item)
                continue
            identity = document_id(item.text)
            if identity in seen or store.has(identity):  # same article from any path: nothing to do
                report.present.append(identity)
                continue
            seen.add(identity)
            yield item


def _read_isolated(path: Path, settings: Settings) -> Iterator[RawArticle | Failure]:
    """``read_file``, with any fault while reading ending that file's records in a failure."""
    records = read_file(path, settings)
    while True:
        try:
            item = next(records)
        except StopIteration:
            return
        except Exception as error:  # a reader's fault on unforeseen input costs this file only
            yield Failure(path_label(path), f"could not read: {describe(error)}")
            return
        yield item
