"""The per-document work on several processes: cleaning, metadata, spaCy and mentions.

``nlp.pipe(n_process=N)`` sends whole parsed ``Doc`` objects back to the parent and leaves the
cleaning to it, which serialises more than it saves on two cores; here a worker does all the
per-document stages and only the finished ``Document`` crosses the process boundary.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult
from typing import TYPE_CHECKING

from newsdesk.model import Document, Failure, RawArticle

if TYPE_CHECKING:
    from spacy.language import Language

    from newsdesk.settings import Settings

# The worker process's own pipeline and settings, set once by the pool initializer. This is the
# one piece of module state in newsdesk: it lives only inside pool workers, never in the parent.
_worker_nlp: Language | None = None
_worker_settings: Settings | None = None


def _start_worker(settings: Settings) -> None:
    global _worker_nlp, _worker_settings
    from newsdesk.nlp.models import load_language

    _worker_settings = settings
    _worker_nlp = load_language(settings.spacy_model)


def _work(batch: list[RawArticle]) -> list[Document | Failure]:
    """The per-document stages and the parse for a batch; only small results travel back."""
    from newsdesk.ingest.analyse import analyse

    assert _worker_nlp is not None and _worker_settings is not None, "worker used before its initializer ran"
    return list(analyse(batch, _worker_settings, _worker_nlp))


def analyse_parallel(
    articles: Iterable[RawArticle], settings: Settings, processes: int
) -> Iterator[Document | Failure]:
    """Articles through the per-document stages and spaCy on ``processes`` workers, in input order.

    Batches are read and submitted from this thread (the articles may come from a generator that
    consults SQLite, which must stay in its thread), keeping two per worker in flight.
    """
    iterator = iter(articles)
    in_flight: deque[AsyncResult[list[Document | Failure]]] = deque()
    # spawn, not fork: the parent may run threads (the progress bar) that fork would copy mid-flight.
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes, initializer=_start_worker, initargs=(settings,)) as pool:
        while True:
            chunk = list(islice(iterator, settings.batch_size))
            if chunk:
                in_flight.append(pool.apply_async(_work, (chunk,)))
            if in_flight and (not chunk or len(in_flight) >= 2 * processes):
                yield from in_flight.popleft().get()
            if not chunk and not in_flight:
                return
