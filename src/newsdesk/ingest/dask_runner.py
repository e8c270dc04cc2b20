"""The per-document analysis on a Dask cluster: ``newsdesk ingest PATH... --dask local:N`` starts
a LocalCluster of N worker processes, ``--scheduler tcp://HOST:8786`` uses a running one.

The articles are read here and sent in partitions of ``Settings.batch_size``; each worker runs
:func:`newsdesk.pipeline.analyse_many` (the same path as the serial ingest and the process pool)
with the spaCy model it loaded once, when it joined (a worker plugin); the finished documents
stream back to this process, the one writer, in input order. Of the story stages, the claims'
candidate blocks (one per blocking key: predicate and anchor, or complement) are compared on the
workers too (``blocks_on``); the rest of the story stages is story-wide and runs in the writer. Streaming back was chosen by
measurement (docs/PERFORMANCE.md): on two cores the writes are a small share of the time, and one
writer keeps the story stages' bookkeeping where it is.

A document that fails is a ``Failure``, reported as in the local ingest. A partition lost with
its worker is reported as one failure per article, saying so; ingesting again completes it, since
stored ids are content ids and what was stored is not stored twice.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import islice
from typing import TYPE_CHECKING, Any

from distributed import WorkerPlugin

from newsdesk.corpus.similarity import Block, BlockScorer, score_blocks
from newsdesk.model import Document, Failure, RawArticle
from newsdesk.pipeline import describe

if TYPE_CHECKING:
    from distributed import Client, Future

    from newsdesk.settings import Settings

Analyser = Callable[[Iterable[RawArticle], "Settings"], Iterator[Document | Failure]]

_LOCAL = re.compile(r"local:(\d{1,3})")
_PLUGIN = "newsdesk-model"
_log = logging.getLogger(__name__)


class ClusterError(Exception):
    """The cluster cannot be started or reached; the message says which and why, in one line."""


def parse_local(spec: str) -> int:
    """The number of workers in ``local:N``; ValueError otherwise."""
    match = _LOCAL.fullmatch(spec.strip())
    if not match or int(match.group(1)) < 1:
        raise ValueError(f"{spec!r}: expected local:N with N workers, e.g. local:2")
    return int(match.group(1))


class _ModelPlugin(WorkerPlugin):
    """Loads the spaCy model once per worker, when the worker starts (or joins later)."""

    name = _PLUGIN

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.nlp: Any = None

    def setup(self, worker: Any) -> None:
        from newsdesk.nlp.models import load_language

        self.nlp = load_language(self.settings.spacy_model) if self.settings.nlp else None

    def teardown(self, worker: Any) -> None:
        self.nlp = None


def _analyse_partition(batch: list[RawArticle], settings: Settings) -> list[Document | Failure]:
    """On a worker: the articles of one partition through ``analyse``, with the worker's model."""
    from distributed import get_worker

    from newsdesk.pipeline import analyse_many

    plugin = get_worker().plugins[_PLUGIN]
    return list(analyse_many(batch, settings, language=plugin.nlp))  # type: ignore[attr-defined]


def analyse_on(client: Client, articles: Iterable[RawArticle], settings: Settings) -> Iterator[Document | Failure]:
    """Each article analysed on the cluster, in input order, with two partitions per worker in
    flight (the articles are read lazily, so memory stays flat however many there are)."""
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    iterator = iter(articles)
    in_flight: deque[tuple[list[RawArticle], Future[list[Document | Failure]]]] = deque()
    while True:
        chunk = list(islice(iterator, max(1, settings.batch_size)))
        if chunk:
            in_flight.append((chunk, client.submit(_analyse_partition, chunk, settings, pure=False)))
        if in_flight and (not chunk or len(in_flight) >= 2 * workers):
            batch, future = in_flight.popleft()
            yield from _results(batch, future)
        if not chunk and not in_flight:
            return


# Statements per task when the claims' candidate blocks are compared on the cluster.
BLOCK_PART = 20_000


def blocks_on(client: Client) -> BlockScorer:
    """The claims' candidate blocks compared on the cluster: consecutive blocks (one blocking key
    each, in key order) in parts of about ``BLOCK_PART`` statements, one task each, the word
    frequencies sent to every worker once; the pairs come back in the blocks' order. A part lost
    with its worker is compared here instead, so the story stages lose nothing."""

    def score(blocks: Sequence[Block], df: Mapping[str, int] | None) -> list[list[tuple[int, int, float]]]:
        parts: list[list[Block]] = []
        size = BLOCK_PART
        for block in blocks:
            if size >= BLOCK_PART:
                parts.append([])
                size = 0
            parts[-1].append(block)
            size += len(block.vectors)
        if len(parts) < 2:
            return score_blocks(blocks, df)  # one task's worth: no gain in shipping it
        try:
            # One object for every task (a dict given to scatter would be scattered key by key).
            shared = client.scatter([dict(df)], broadcast=True)[0] if df is not None else None  # type: ignore[no-untyped-call]
            futures = client.map(score_blocks, parts, df=shared, pure=False)
            found: list[list[list[tuple[int, int, float]]]] = client.gather(futures)  # type: ignore[no-untyped-call]
        except Exception as error:  # a worker lost: the blocks are compared here
            _log.warning("claim blocks compared in this process: %s", describe(error))
            return score_blocks(blocks, df)
        return [pairs for part in found for pairs in part]

    return score


@dataclasses.dataclass(frozen=True)
class ClusterAnalyser:
    """What the cluster runs: the per-document analysis (called like ``analyse_many``) and the
    comparison of the claims' candidate blocks (``blocks``, for the story stages)."""

    client: Client
    settings: Settings

    def __call__(self, articles: Iterable[RawArticle], _: Settings) -> Iterator[Document | Failure]:
        return analyse_on(self.client, articles, self.settings)

    @property
    def blocks(self) -> BlockScorer:
        return blocks_on(self.client)


def _results(batch: list[RawArticle], future: Future[list[Document | Failure]]) -> list[Document | Failure]:
    try:
        return future.result()
    except Exception as error:  # the partition was lost (its worker died): each article says so
        reason = f"lost on the cluster ({describe(error)}); ingest again to finish it"
        return [Failure(raw.source, reason) for raw in batch]
    finally:
        future.release()  # type: ignore[no-untyped-call]  # distributed's API is untyped


@contextmanager
def dask_analyser(spec: str, settings: Settings) -> Iterator[tuple[ClusterAnalyser, str]]:
    """An analyser on the cluster named by ``spec`` (``local:N`` or a scheduler address) and a
    line saying what it runs on; the LocalCluster, when one was started, stops at the end."""
    from distributed import Client, LocalCluster

    if settings.nlp:
        from newsdesk.nlp.models import available_model

        # Fail here, with the reason, rather than on every worker.
        settings = dataclasses.replace(settings, spacy_model=available_model(settings.spacy_model))
    cluster: LocalCluster | None = None
    try:
        if spec.startswith("local:"):
            workers = parse_local(spec)
            cluster = LocalCluster(  # type: ignore[no-untyped-call]  # untyped in distributed
                n_workers=workers,
                threads_per_worker=1,  # spaCy keeps a core busy: one task per worker process
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = Client(cluster)  # type: ignore[no-untyped-call]
        else:
            client = Client(spec, timeout="20s")  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as error:
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"cannot start or reach the Dask cluster {spec!r}: {describe(error)}") from None
    try:
        client.register_plugin(_ModelPlugin(settings), name=_PLUGIN)
        workers = len(client.scheduler_info().get("workers", {}))
        where = f"Dask: {workers} workers at {client.scheduler_info().get('address', spec)}"

        yield ClusterAnalyser(client, settings), where
    finally:
        client.close()  # type: ignore[no-untyped-call]  # untyped in distributed
        if cluster is not None:
            cluster.close()
