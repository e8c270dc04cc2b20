"""spaCy on several worker processes, each returning only the mentions it found.

``nlp.pipe(n_process=N)`` sends whole parsed ``Doc`` objects back to the parent, which then
serialises more than it saves on two cores; here a worker parses and extracts, and only small
``Mention`` tuples cross the process boundary.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult
from typing import TYPE_CHECKING

from newsdesk.model import Document, Mention, masked_body
from newsdesk.nlp.equipment import EXTRACTOR as EQUIPMENT

if TYPE_CHECKING:
    from spacy.language import Language

# The worker process's own pipeline, loaded once by the pool initializer. This is the one piece
# of module state in newsdesk: it lives only inside pool workers, never in the parent.
_worker_nlp: Language | None = None
_worker_extractor = ""


def _start_worker(model: str | None) -> None:
    global _worker_nlp, _worker_extractor
    from newsdesk.nlp.models import extractor_name, load_language

    _worker_nlp = load_language(model)
    _worker_extractor = extractor_name(_worker_nlp)


def _work(batch: list[tuple[str, str]]) -> tuple[str, list[tuple[Mention, ...]]]:
    from newsdesk.nlp.annotate import mentions_of

    assert _worker_nlp is not None, "worker used before its initializer ran"
    masked = [pair[0] for pair in batch]
    parsed = _worker_nlp.pipe(masked, batch_size=len(batch))
    return _worker_extractor, [
        mentions_of(doc, text, _worker_extractor) for doc, (_, text) in zip(parsed, batch, strict=True)
    ]


def annotate_parallel(
    documents: Iterable[Document], model: str | None, processes: int, batch_size: int
) -> Iterator[Document]:
    """Documents with their mentions, in input order, parsed on ``processes`` worker processes.

    Batches are read and submitted from this thread (the documents may come from a SQLite-backed
    generator, which must stay in its thread), keeping two per worker in flight.
    """
    iterator = iter(documents)
    in_flight: deque[tuple[list[Document], AsyncResult[tuple[str, list[tuple[Mention, ...]]]]]] = deque()
    # spawn, not fork: the parent may run threads (the progress bar) that fork would copy mid-flight.
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes, initializer=_start_worker, initargs=(model,)) as pool:
        while True:
            chunk = list(islice(iterator, batch_size))
            if chunk:
                payload = [(masked_body(document), document.text) for document in chunk]
                in_flight.append((chunk, pool.apply_async(_work, (payload,))))
            if in_flight and (not chunk or len(in_flight) >= 2 * processes):
                done, result = in_flight.popleft()
                extractor, found = result.get()
                for document, mentions in zip(done, found, strict=True):
                    yield dataclasses.replace(
                        document, mentions=mentions, extractors=(*document.extractors, extractor, EQUIPMENT)
                    )
            if not chunk and not in_flight:
                return
