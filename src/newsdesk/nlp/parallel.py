"""The per-document graph on several processes: each worker runs ``pipeline.analyse_many`` (the
one path every ingest takes) on a batch, and only the finished documents travel back.

``nlp.pipe(n_process=N)`` sends whole parsed ``Doc`` objects back to the parent and leaves the
cleaning to it, which serialises more than it saves on two cores; here a worker does all the
per-document stages.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult

from newsdesk.model import Document, Failure, RawArticle
from newsdesk.settings import Settings


def _load(settings: Settings) -> None:
    """Load the worker's spaCy pipeline and language identifier before its first batch (both are
    kept in the process)."""
    from newsdesk.nlp.models import shared_language

    shared_language(settings.spacy_model)
    if settings.detect_language:
        from newsdesk.meta import load_language_identifier

        load_language_identifier()


def analyse_batch(batch: list[RawArticle], settings: Settings) -> list[Document | Failure]:
    """``analyse_many`` on one batch, as a list (what a worker returns)."""
    from newsdesk.pipeline import analyse_many

    return list(analyse_many(batch, settings))


def analyse_parallel(
    articles: Iterable[RawArticle], settings: Settings, processes: int
) -> Iterator[Document | Failure]:
    """Articles through the per-document graph on ``processes`` workers, in input order.

    Batches are read and submitted from this thread (the articles may come from a generator that
    consults SQLite, which must stay in its thread), keeping two per worker in flight.
    """
    iterator = iter(articles)
    in_flight: deque[AsyncResult[list[Document | Failure]]] = deque()
    # spawn, not fork: the parent may run threads (the progress bar) that fork would copy mid-flight.
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes, initializer=_load, initargs=(settings,)) as pool:
        while True:
            chunk = list(islice(iterator, settings.batch_size))
            if chunk:
                in_flight.append(pool.apply_async(analyse_batch, (chunk, settings)))
            if in_flight and (not chunk or len(in_flight) >= 2 * processes):
                yield from in_flight.popleft().get()
            if not chunk and not in_flight:
                return
