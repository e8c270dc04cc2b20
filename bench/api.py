"""REST API latency on a 10,000-article database, measured against the real server.

    .venv/bin/python bench/api.py [--articles 10000] [--requests 200] [--write docs/PERFORMANCE.md]

The database: the BBC corpus (../shared/corpus/bbc, 2,127 distinct articles) ingested once with
NLP, then copied in SQL until it holds ``--articles`` documents: every per-document table's rows
are copied under a new document id, each copy's text (and body) ending in a line "(replica N)" so
that the id is still the hash of the text and no offset moves; then the corpus stages (entities,
timeline, claims) run again over all of it, as after an ingest. Copies are wire-story duplicates
to the claims stage (they count as one source) and one actor to entity resolution, so the story
has BBC's number of entities and claims with five times the mentions and evidence. Both
databases are cached under bench/.cache/ (git-ignored); delete them to rebuild.

The server: ``newsdesk serve`` (uvicorn, one process) on a free loopback port, started as a
subprocess; an httpx client sends each endpoint's requests one after another (after a warm-up),
varying offsets, ids and queries, and records each request's wall time. Cold start is the time
from the process start to the first answer from /openapi.json (the process up) and to the first
answer of a story request (the snapshot of the database, which ``serve`` starts building at once,
is ready); memory is the server's resident set after that, at the end, and its peak.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import httpx

from newsdesk.report.sections import write_section

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
BBC = ROOT.parent / "shared" / "corpus" / "bbc"
# Tables with a doc_id that the corpus stages write, not ingest: rebuilt, not copied.
CORPUS_TABLES = frozenset({"entity_mentions", "reference_dates"})
SEARCHES = (
    "election",
    "Blair AND Brown",
    '"interest rates"',
    "oil price*",
    "NEAR(chelsea arsenal, 10)",
    "film OR music",
    "mobile phone",
    "economy NOT china",
)
NAMES = ("Blair", "Brown", "Howard", "Kennedy")


def base_database(corpus: Path) -> Path:
    """BBC ingested with NLP (about 3 minutes on two cores), cached."""
    from newsdesk.ingest import ingest_paths
    from newsdesk.settings import Settings
    from newsdesk.store import open_store

    path = CACHE / "bbc-nlp.db"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        with open_store(partial) as store:
            report = ingest_paths([str(corpus)], store, Settings())
        if report.failed:
            sys.exit(f"ingest of {corpus} failed: {report.failed[:3]}")
        partial.rename(path)
    return path


def big_database(base: Path, articles: int) -> tuple[Path, dict[str, float]]:
    """``base`` copied up to ``articles`` documents, the corpus stages re-run; cached."""
    from newsdesk.ingest.run import run_corpus_stages
    from newsdesk.model import document_id
    from newsdesk.settings import Settings
    from newsdesk.store import open_store

    path = CACHE / f"api-{articles}.db"
    if path.exists():
        return path, {}
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    with sqlite3.connect(base) as source, sqlite3.connect(partial) as target:
        source.backup(target)
    figures: dict[str, float] = {}
    started = time.perf_counter()
    db = sqlite3.connect(partial, isolation_level=None)
    originals = db.execute("SELECT id, text FROM documents ORDER BY rowid").fetchall()
    mapping = []
    replica = 0
    while len(originals) + len(mapping) < articles:
        replica += 1
        for old, text in originals[: articles - len(originals) - len(mapping)]:
            suffix = f"\n\n(replica {replica})"
            mapping.append((old, document_id(text + suffix), replica, suffix))
    db.execute("BEGIN")
    db.execute("CREATE TEMP TABLE replica (old TEXT, new TEXT, k INTEGER, suffix TEXT)")
    db.executemany("INSERT INTO replica VALUES (?, ?, ?, ?)", mapping)
    copied = {
        "id": "r.new",
        "source": "d.source || '#replica' || r.k",
        "text": "d.text || r.suffix",
        "body": "d.body || r.suffix",
    }
    columns = [row[1] for row in db.execute("PRAGMA table_info(documents)")]
    db.execute(
        f"INSERT INTO documents ({', '.join(_q(c) for c in columns)}) SELECT "
        + ", ".join(copied.get(c, f"d.{_q(c)}") for c in columns)
        + " FROM documents d JOIN replica r ON d.id = r.old ORDER BY r.k, d.rowid"
    )
    tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    for table in tables:
        columns = [row[1] for row in db.execute(f"PRAGMA table_info({_q(table)})")]
        if "doc_id" not in columns or table in CORPUS_TABLES:
            continue
        db.execute(
            f"INSERT INTO {_q(table)} ({', '.join(_q(c) for c in columns)}) SELECT "
            + ", ".join("r.new" if c == "doc_id" else f"t.{_q(c)}" for c in columns)
            + f" FROM {_q(table)} t JOIN replica r ON t.doc_id = r.old ORDER BY r.k, t.rowid"
        )
    db.execute("COMMIT")
    db.close()
    figures["copy_s"] = time.perf_counter() - started
    started = time.perf_counter()
    with open_store(partial) as store:
        run_corpus_stages(store, Settings())
        assert store.count() == articles, store.count()
    figures["corpus_stages_s"] = time.perf_counter() - started
    partial.rename(path)
    (CACHE / f"api-{articles}.json").write_text(json.dumps(figures))
    return path, figures


def _q(column: str) -> str:
    return f'"{column}"'


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _memory(pid: int) -> dict[str, float]:
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0]) / 1024
    return found


def measure(db: Path, requests: int, warmup: int) -> dict[str, object]:
    port = _free_port()
    command = [str(Path(sys.executable).parent / "newsdesk"), "serve", "--db", str(db), "--port", str(port)]
    started = time.perf_counter()
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=600) as client:
            while True:
                try:
                    if client.get("/openapi.json").status_code == 200:
                        break
                except httpx.TransportError:
                    if server.poll() is not None:
                        sys.exit(f"the server stopped: {server.stdout.read() if server.stdout else ''}")
                    time.sleep(0.05)
            up_s = time.perf_counter() - started
            before = time.perf_counter()
            first = client.get("/api/documents", params={"limit": 1})
            first.raise_for_status()
            snapshot_s = time.perf_counter() - before
            memory_after_snapshot = _memory(server.pid)
            total = first.json()["total"]
            ids = [d["id"] for d in _all(client, "/api/documents")]
            counts: dict[str, int] = client.get("/api").json()["counts"]
            results = {}
            for name, make, count in _endpoints(counts, ids, requests):
                results[name] = _timed(client, make, count, warmup)
                print(f"{name}: {results[name]}", flush=True)
            memory = _memory(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {
        "documents": total,
        **{name: counts[name] for name in ("entities", "quotes", "claims", "timeline")},
        "up_s": up_s,
        "snapshot_s": snapshot_s,
        "rss_after_snapshot_mib": memory_after_snapshot["VmRSS"],
        "rss_mib": memory["VmRSS"],
        "peak_mib": memory["VmHWM"],
        "endpoints": results,
    }


Request = Callable[[], tuple[str, dict[str, object]]]


def _endpoints(totals: dict[str, int], ids: list[str], requests: int) -> list[tuple[str, Request, int]]:
    """Each endpoint: its name, a maker of one request (path and parameters), how many to send."""
    documents = totals["documents"]
    rng = random.Random(8)

    def offset(count: int) -> int:
        return rng.randrange(0, max(count - 50, 1))

    return [
        ("documents list (limit 50)", lambda: ("/api/documents", {"offset": offset(documents), "limit": 50}), requests),
        (
            "document detail (text, mentions, quotes, times, events)",
            lambda: (f"/api/documents/{rng.choice(ids)}", {}),
            requests,
        ),
        (
            "entities (limit 50, with mentions)",
            lambda: ("/api/entities", {"offset": offset(totals["entities"])}),
            requests,
        ),
        ("entities: first page (the most mentioned)", lambda: ("/api/entities", {}), requests),
        (
            "entities: PERSON, name contains",
            lambda: ("/api/entities", {"type": "PERSON", "name": rng.choice(NAMES).lower()}),
            requests,
        ),
        ("quotes (limit 50)", lambda: ("/api/quotes", {"offset": offset(totals["quotes"])}), requests),
        ("quotes by speaker name", lambda: ("/api/quotes", {"speaker": rng.choice(NAMES)}), requests),
        ("claims (limit 50)", lambda: ("/api/claims", {"offset": offset(totals["claims"])}), requests),
        (
            "claims: min_sources 2",
            lambda: ("/api/claims", {"min_sources": 2, "offset": rng.randrange(0, 200)}),
            requests,
        ),
        ("timeline (limit 50)", lambda: ("/api/timeline", {"offset": offset(totals["timeline"])}), requests),
        ("search (8 queries, limit 20)", lambda: ("/api/search", {"q": rng.choice(SEARCHES), "limit": 20}), requests),
        # Built per page from all claims: each article lists every shared claim it leaves out.
        (
            "coverage (limit 20)",
            lambda: ("/api/coverage", {"offset": offset(documents), "limit": 20}),
            max(requests // 10, 5),
        ),
    ]


def _timed(client: httpx.Client, make: Request, count: int, warmup: int) -> dict[str, float]:
    for _ in range(warmup):
        path, params = make()
        client.get(path, params=params).raise_for_status()
    times, sizes = [], []
    for _ in range(count):
        path, params = make()
        before = time.perf_counter()
        response = client.get(path, params=params)
        times.append((time.perf_counter() - before) * 1000)
        response.raise_for_status()
        sizes.append(len(response.content))
    times.sort()
    return {
        "requests": count,
        "p50_ms": statistics.median(times),
        "p95_ms": times[math.ceil(0.95 * count) - 1],
        "max_ms": times[-1],
        "kib_median": statistics.median(sizes) / 1024,
    }


def _all(client: httpx.Client, path: str) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    while True:
        page = client.get(path, params={"offset": len(found), "limit": 500}).json()
        found += page["items"]
        if len(found) >= page["total"] or not page["items"]:
            return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=BBC)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--build-only", action="store_true", help="Build (or find) the database and stop.")
    parser.add_argument("--write", type=Path, help="Update the API section of this Markdown file.")
    args = parser.parse_args()
    if not args.corpus.is_dir() and not (CACHE / f"api-{args.articles}.db").exists():
        sys.exit(f"{args.corpus}: corpus not found (it comes with ../shared)")
    db, built = big_database(base_database(args.corpus), args.articles)
    if not built:
        saved = CACHE / f"api-{args.articles}.json"
        built = json.loads(saved.read_text()) if saved.exists() else {}
    if args.build_only:
        print(json.dumps({"db": str(db), **built}))
        return
    summary = measure(db, args.requests, args.warmup)
    summary["db_mib"] = db.stat().st_size / 2**20
    summary["build"] = built
    print(json.dumps(summary, indent=2))
    if args.write:
        _write(args.write, summary, args)


def _write(path: Path, s: dict[str, object], args: argparse.Namespace) -> None:
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    endpoints: dict[str, dict[str, float]] = s["endpoints"]  # type: ignore[assignment]
    build: dict[str, float] = s["build"]  # type: ignore[assignment]
    lines = [
        f"Measured {datetime.now(UTC).date()} on {machine}, by",
        "`.venv/bin/python bench/api.py --write docs/PERFORMANCE.md`: `newsdesk serve` (uvicorn, one process) over a",
        f"{s['documents']:,}-article database ({s['db_mib']:.0f} MiB; {s['entities']:,} entities, {s['quotes']:,} quotes,"
        f" {s['claims']:,} claims, {s['timeline']:,} timeline entries); each endpoint's requests sent one after"
        f" another from an httpx client on loopback after {args.warmup} warm-up requests, offsets, ids and queries drawn at random.",
        "",
        "| endpoint | requests | p50 ms | p95 ms | max ms | response KiB (median) |",
        "|---|---|---|---|---|---|",
    ]
    for name, figures in endpoints.items():
        lines.append(
            f"| {name} | {figures['requests']:.0f} | {figures['p50_ms']:.1f} | {figures['p95_ms']:.1f} | {figures['max_ms']:.1f} | {figures['kib_median']:.1f} |"
        )
    lines += [
        "",
        "| figure | value |",
        "|---|---|",
        f"| server up: process start to the first /openapi.json answer | {s['up_s']:.1f} s |",
        f"| cold start: process start to the first story answer (the snapshot, built from start) | {s['up_s'] + s['snapshot_s']:.1f} s |",
        f"| memory after the snapshot / after all requests / peak (RSS) | {s['rss_after_snapshot_mib']:.0f} / {s['rss_mib']:.0f} / {s['peak_mib']:.0f} MiB |",
    ]
    if build:
        lines.append(
            f"| building the database: SQL copies / corpus stages re-run | {build['copy_s']:.0f} s / {build['corpus_stages_s']:.0f} s |"
        )
    lines.append(f"| search queries | {', '.join(f'`{q}`' for q in SEARCHES)} |")
    write_section(path, "bench/api.py", lines)


if __name__ == "__main__":
    main()
