"""The store reads behind the claims and timeline pages, alone (no page around them): the claims
of a kind with 2+ sources, of each of the first outlets, found by search words, and an entity's
happenings; median wall and CPU time of a page of 50.

    .venv/bin/python bench/claim_reads.py COPY.db [--runs 5]

COPY: a copy of a bench store (``bench/.cache/serve-10000.db``, ``serve-100000.db``), opened
writable, so brought up to the current schema in place: never the cached file itself.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from newsdesk.store import open_store
from newsdesk.store.base import ClaimQuery, Page, TimelineQuery
from newsdesk.store.query import fts5_plain, plain_terms

WORDS = ("election", "Blair", "U.S.-Mexico", "interest rates", "Mr Brown's", "oil")


def timed(name: str, read: Callable[[], Page[object]], runs: int) -> None:
    walls, cpus = [], []
    total = 0
    for _ in range(runs):
        started, used = time.perf_counter(), time.process_time()
        total = read().total
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - used) * 1000)
    print(
        f"{name:45} wall {statistics.median(walls):8.1f} ms  CPU {statistics.median(cpus):8.1f} ms  total {total}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("db", type=Path, help="a copy of a bench store (migrated in place)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with sqlite3.connect(args.db) as db:
        outlets = [row[0] for row in db.execute("SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL")]
        entities = [row[0] for row in db.execute("SELECT id FROM entities ORDER BY position LIMIT 3")]
    db.close()
    with open_store(args.db) as store:

        def claims(query: ClaimQuery) -> Callable[[], Page[object]]:
            return lambda: store.claim_page(query, 0, 50)

        timed("claims: facts, 2+ sources", claims(ClaimQuery(min_sources=2, kind="fact", order="sources")), args.runs)
        for outlet in outlets[:4]:
            timed(f"claims: outlet {outlet}", claims(ClaimQuery(outlet=outlet, order="sources")), args.runs)
        for typed in WORDS:
            words = tuple(word for word, _ in plain_terms(typed))
            query = ClaimQuery(words=words, matching=fts5_plain(typed), order="sources")
            timed(f"claims: search {typed}", claims(query), args.runs)
        for entity in entities:
            timed(
                f"timeline: entity {entity}",
                lambda e=entity: store.timeline_page(TimelineQuery(entity=e), 0, 50),  # type: ignore[misc]
                args.runs,
            )


if __name__ == "__main__":
    main()
