"""Server time of the web UI's list pages at 10,000 articles (issue 20: p95 under 300 ms a page).

    .venv/bin/python bench/pages.py [--articles 10000] [--requests 40] [--write docs/PERFORMANCE.md]
    .venv/bin/python bench/pages.py --db COPY.db [--only "claims: outlet;search: claims"]

The store: ``--db``, a store of your own (a copy of the cached one, say), opened writable once
first, which brings it up to the current schema (a migration may fill a table) and stores each
story's own results as ingest does after the story stages (``store_story_results``; the cached
stores, copied in SQL, hold 3 of 788 at 10k, so a story page would run the stages instead: about
4 minutes once for a copy of the 10k store, a check of each story's fingerprint after); else
bench/serve.py's, the first 1,000 BBC articles with NLP and the story stages copied in SQL up to
``--articles`` (cached as ``bench/.cache/serve-N.db``, never changed here; the first build takes
minutes).
The pages are asked in-process through the ASGI app (Starlette's test client: no network, no
uvicorn), one request after another after a warm-up request each (the first request of a state of
the store works out the filters' facets, once); each request's wall time is recorded. Offsets,
outlets, entities and search words vary at random (seeded; each page its own draws, so ``--only``
asks the same requests). A cached store made before the latest migration cannot be opened read-only:
measure a copy of it with ``--db COPY`` (migrated in place first; never the cached file itself).
Each page's CPU p95 is the process's CPU time per request (the in-process server's work and the
client's), steadier than wall time on shared cores.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve import store_of  # bench/serve.py, beside this file

from newsdesk.report.sections import write_section

Ask = Callable[[random.Random], tuple[str, dict[str, object]]]


def _pages(db: Path) -> list[tuple[str, Ask]]:
    with sqlite3.connect(db) as connection:
        documents = connection.execute("SELECT count(*) FROM documents").fetchone()[0]
        quotes = connection.execute("SELECT count(*) FROM quotes WHERE kind != 'scare'").fetchone()[0]
        claims = connection.execute("SELECT count(*) FROM claims").fetchone()[0]
        entries = connection.execute("SELECT count(*) FROM timeline").fetchone()[0]
        outlets = [r[0] for r in connection.execute("SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL")]
        entities = [r[0] for r in connection.execute("SELECT id FROM entities ORDER BY position LIMIT 40")]
        some_documents = [r[0] for r in connection.execute("SELECT id FROM documents ORDER BY random() LIMIT 500")]
        some_claims = [r[0] for r in connection.execute("SELECT id FROM claims ORDER BY random() LIMIT 500")]
        stories = [
            r[0]
            for r in connection.execute(
                "SELECT m.story_id FROM story_members m JOIN stories s ON s.id = m.story_id"
                " WHERE m.role = 'main' AND s.merged_into IS NULL GROUP BY m.story_id ORDER BY count(*) DESC, m.story_id"
            )
        ]
    with sqlite3.connect(db) as connection:
        keys = connection.execute(
            'SELECT doc_id, start, "end" FROM entity_mentions WHERE entity_id = ? ORDER BY doc_id, start LIMIT 5000',
            (entities[0],),
        ).fetchall()

    def after(r: random.Random) -> str:
        doc, start, end = r.choice(keys)
        return f"{doc}:{start}:{end}"

    words = ("election", "Blair", "U.S.-Mexico", "interest rates", "Mr Brown's", "oil")

    def deep(total: int) -> Callable[[random.Random], int]:
        return lambda r: r.randrange(0, max(total - 50, 1))

    return [
        ("articles", lambda r: ("/articles", {"offset": deep(documents)(r)})),
        ("articles: outlet", lambda r: ("/articles", {"outlet": r.choice(outlets)})),
        (
            "articles: published, newest first",
            lambda r: ("/articles", {"sort": "published", "desc": 1, "offset": deep(documents)(r)}),
        ),
        ("articles: entity", lambda r: ("/articles", {"entity": r.choice(entities)})),
        ("voices", lambda r: ("/voices", {"offset": deep(quotes)(r)})),
        ("voices: direct", lambda r: ("/voices", {"kind": "direct", "offset": r.randrange(0, 5000)})),
        (
            "voices: speaker named",
            lambda r: ("/voices", {"speaker": r.choice(("Blair", "Brown", "Howard", "Kennedy"))}),
        ),
        (
            "voices: outlet and dates",
            lambda r: ("/voices", {"outlet": r.choice(outlets), "from": "2004", "to": "2005"}),
        ),
        ("voices: entity", lambda r: ("/voices", {"entity": r.choice(entities[:10])})),
        ("claims", lambda r: ("/claims", {"offset": deep(claims)(r)})),
        ("claims: facts, 2+ sources", lambda r: ("/claims", {"kind": "fact", "sources": 2})),
        ("claims: entity, most articles", lambda r: ("/claims", {"entity": r.choice(entities), "sort": "documents"})),
        ("claims: outlet", lambda r: ("/claims", {"outlet": r.choice(outlets)})),
        ("timeline", lambda r: ("/timeline", {"offset": deep(entries)(r)})),
        ("timeline: most reported, 2004", lambda r: ("/timeline", {"sort": "documents", "from": "2004", "to": "2004"})),
        ("timeline: entity", lambda r: ("/timeline", {"entity": r.choice(entities)})),
        ("entities", lambda r: ("/entities", {"offset": r.randrange(0, 2000)})),
        ("entities: by name", lambda r: ("/entities", {"sort": "name", "offset": r.randrange(0, 2000)})),
        ("search: everything", lambda r: ("/search", {"q": r.choice(words)})),
        ("search: quotes", lambda r: ("/search", {"q": r.choice(words), "in": "quotes"})),
        ("search: claims", lambda r: ("/search", {"q": r.choice(words), "in": "claims"})),
        ("entity page: one of the 40 most mentioned", lambda r: (f"/entity/{r.choice(entities)}", {})),
        ("entity page: the most mentioned, a deep page", lambda r: (f"/entity/{entities[0]}", {"after": after(r)})),
        ("reader: an article", lambda r: (f"/doc/{r.choice(some_documents)}", {})),
        ("claim page: a claim", lambda r: (f"/claim/{r.choice(some_claims)}", {})),
        ("coverage (worked out once per revision)", lambda r: ("/coverage", {})),
        ("network (worked out once per revision)", lambda r: ("/network", {})),
        ("home: the list of stories", lambda r: ("/", {})),
        ("story overview: one drawn at random", lambda r: (f"/stories/{r.choice(stories)}", {})),
        ("story overview: the largest", lambda r: (f"/stories/{stories[0]}", {})),
        ("story claims: the largest", lambda r: (f"/stories/{stories[0]}/claims", {})),
        ("story timeline: one drawn at random", lambda r: (f"/stories/{r.choice(stories)}/timeline", {})),
    ]


def measure(db: Path, requests: int, seed: int = 20, only: frozenset[str] = frozenset()) -> list[dict[str, object]]:
    from fastapi.testclient import TestClient

    from newsdesk.server import create_app

    client = TestClient(create_app(db, read_only=True), base_url="http://localhost")
    rows = []
    for name, ask in _pages(db):
        if only and name not in only:
            continue
        chance = random.Random(f"{seed}:{name}")  # each page its own draws, whichever pages are asked
        path, params = ask(chance)
        started = time.perf_counter()
        assert client.get(path, params=params).status_code == 200, (name, path, params)  # warm-up
        first = (time.perf_counter() - started) * 1000
        times, cpu, sizes = [], [], []
        for _ in range(requests):
            path, params = ask(chance)
            started, used = time.perf_counter(), time.process_time()
            response = client.get(path, params=params)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - used) * 1000)  # the process's: the request's, and little else
            assert response.status_code == 200, (name, path, params)
            sizes.append(len(response.content))
        times.sort()
        cpu.sort()
        row = {
            "page": name,
            "first": first,
            "p50": statistics.median(times),
            "p95": times[max(0, round(0.95 * len(times)) - 1)],
            "max": times[-1],
            "cpu95": cpu[max(0, round(0.95 * len(cpu)) - 1)],
            "kib": max(sizes) / 1024,
        }
        rows.append(row)
        print(
            f"{name:40} first {first:6.0f} ms  p50 {row['p50']:6.0f} ms  p95 {row['p95']:6.0f} ms  max {row['max']:6.0f} ms"
            f"  CPU p95 {row['cpu95']:6.0f} ms  {row['kib']:5.0f} KiB",
            flush=True,
        )
    return rows


def _older(db: Path) -> bool:
    from newsdesk.store.connection import migrations

    with sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro&immutable=1", uri=True) as connection:  # no -shm file
        version = connection.execute("SELECT max(version) FROM schema_migrations").fetchone()[0]
    connection.close()
    return int(version or 0) < migrations()[-1][0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="the store's size (default 10000)")
    parser.add_argument("--requests", type=int, default=40, help="timed requests per page (default 40)")
    parser.add_argument("--write", type=Path, help="write the figures into this Markdown file's section")
    parser.add_argument("--db", type=Path, help="measure this store, brought up to date first (give a copy)")
    parser.add_argument("--only", default="", help="only these pages (names, separated by ';')")
    args = parser.parse_args()
    started = time.perf_counter()
    db = args.db or store_of(args.articles)
    stored = ""
    if args.db is not None:
        from newsdesk.store import open_store
        from newsdesk.story.one import store_story_results

        with open_store(args.db) as store:  # the migrations (and what they fill) before the read-only app opens it
            stored = f", {store_story_results(store)} stories' results stored"
    elif _older(db):
        sys.exit(
            f"{db} is older than this newsdesk's schema: the pages open it read-only, and the cache is not"
            " changed in place; copy it and pass the copy with --db"
        )
    print(
        f"store {db} ({db.stat().st_size / 2**20:.0f} MiB{stored}, ready in {time.perf_counter() - started:.0f} s)",
        flush=True,
    )
    only = frozenset(name.strip() for name in args.only.split(";") if name.strip())
    load = os.getloadavg()
    rows = measure(db, args.requests, only=only)
    if args.write:
        lines = [
            f"`.venv/bin/python bench/pages.py --articles {args.articles} --requests {args.requests}"
            f"{f' --db {args.db}' if args.db else ''} --write docs/PERFORMANCE.md`"
            f" ({datetime.now(UTC):%Y-%m-%d}, {platform.processor() or platform.machine()}, {os.cpu_count()} cores shared"
            f" with other work, load average {load[0]:.1f} before and {os.getloadavg()[0]:.1f} after)."
            " In-process requests (no network), one after another, after a warm-up request per page (its time is"
            " *first*); offsets, outlets, entities and words drawn at random (seeded).",
            "",
            "| page | first ms | p50 ms | p95 ms | max ms | CPU p95 ms | largest page KiB |",
            "|---|---|---|---|---|---|---|",
            *(
                f"| {r['page']} | {r['first']:.0f} | {r['p50']:.0f} | {r['p95']:.0f} | {r['max']:.0f} | {r['cpu95']:.0f}"
                f" | {r['kib']:.0f} |"
                for r in rows
            ),
            "",
            f"Pages with p95 over 300 ms: {sum(1 for r in rows if float(str(r['p95'])) > 300)} of {len(rows)}.",
        ]
        write_section(args.write, f"web-pages-{args.articles}", lines)


if __name__ == "__main__":
    main()
