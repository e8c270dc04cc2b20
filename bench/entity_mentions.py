"""Latency of paging one entity's mentions (`/api/entities/ID/mentions`) on the most mentioned
entity of a store: the first page and pages starting at random mentions (read by key, so a deep
page should cost what the first does); and of the entity list's pages of 50 (offsets 0-450) with
and without their mentions (`/api/entities?mentions=false` reads no mention).

    .venv/bin/python bench/entity_mentions.py COPY_OF_A_STORE [--requests 30]

Give it a copy of `bench/.cache/serve-N.db` (bench/serve.py): opening an older store migrates it.
Requests go through FastAPI's TestClient in this process (no HTTP server), one after another.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import time
from pathlib import Path

from fastapi.testclient import TestClient

from newsdesk.server import create_app


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(0.95 * len(values)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db", type=Path)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    with sqlite3.connect(f"file:{args.db}?mode=ro", uri=True) as db:
        top, count = db.execute("SELECT id, mention_count FROM entities ORDER BY mention_count DESC LIMIT 1").fetchone()
        keys = db.execute(
            'SELECT doc_id, start, "end" FROM entity_mentions WHERE entity_id = ? ORDER BY doc_id, start, "end"', (top,)
        ).fetchall()
    client = TestClient(create_app(args.db, read_only=True), base_url="http://localhost")
    rng = random.Random(1)

    def timed(params: dict[str, str | int]) -> float:
        started = time.perf_counter()
        answer = client.get(f"/api/entities/{top}/mentions", params=params)
        assert answer.status_code == 200, answer.text
        return (time.perf_counter() - started) * 1000

    def timed_list(params: dict[str, str | int]) -> float:
        started = time.perf_counter()
        answer = client.get("/api/entities", params=params)
        assert answer.status_code == 200, answer.text
        return (time.perf_counter() - started) * 1000

    first = [timed({"limit": 50}) for _ in range(args.requests)]
    deep = [timed({"limit": 50, "after": ":".join(map(str, rng.choice(keys)))}) for _ in range(args.requests)]
    lists = {
        wanted: [timed_list({"mentions": wanted, "offset": 50 * (n % 10), "limit": 50}) for n in range(args.requests)]
        for wanted in ("false", "true")
    }
    print(
        f"{args.db.name}: /api/entities pages of 50 without mentions p50 {statistics.median(lists['false']):.1f}"
        f" p95 {_p95(lists['false']):.1f} ms; with every mention p50 {statistics.median(lists['true']):.1f}"
        f" p95 {_p95(lists['true']):.1f} ms"
    )
    print(
        f"{args.db.name}: most mentioned entity, {count} mentions; pages of 50: first p50 {statistics.median(first):.1f}"
        f" p95 {_p95(first):.1f} ms; from a random mention p50 {statistics.median(deep):.1f} p95 {_p95(deep):.1f} ms"
    )


if __name__ == "__main__":
    main()
