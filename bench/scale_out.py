"""Ingest throughput with NLP in four set-ups: SQLite serial, SQLite with --processes 2,
PostgreSQL serial, and a Dask LocalCluster(2) into PostgreSQL, on the same BBC articles.

    .venv/bin/python bench/scale_out.py --pg postgresql://postgres@127.0.0.1:5432/postgres \
        [--articles 400] [--write docs/PERFORMANCE.md]

``--pg`` is a database on a PostgreSQL server where this user may create databases: each run gets
a database of its own (created, then dropped). Each set-up runs in a child process with a fresh
store. Figures: the whole ingest as the command runs it (start-up: the model, the pool or the
cluster; the articles; the story stages), and its two phases: the articles (read, analyse, store)
and the story stages after them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

from newsdesk.report.sections import write_section

ROOT = Path(__file__).resolve().parent.parent
SETUPS = ("sqlite-serial", "sqlite-processes-2", "postgresql-serial", "dask-local-2-postgresql")
# The stores' write rates alone: the analysed documents of the sqlite-serial run added again,
# one transaction each, to a fresh store (what bounds a cluster that streams to one writer).
WRITES = ("sqlite-writes", "postgresql-writes")


def _articles(corpus: Path, count: int) -> list[str]:
    """``count`` BBC articles spread over the corpus's categories (every k-th file, in path order)."""
    files = sorted(str(p) for p in corpus.glob("*/*.txt"))
    step = max(1, len(files) // count)
    return files[::step][:count]


def _writes(setup: str, store_at: str, source: str) -> None:
    from newsdesk.store import open_store

    with open_store(source, create=False) as origin:
        documents = list(origin.documents())
    with open_store(store_at) as store:
        started = time.perf_counter()
        for document in documents:
            store.add(document)
        seconds = time.perf_counter() - started
    print(json.dumps({"setup": setup, "articles": len(documents), "seconds": seconds}))


def _child(setup: str, store_at: str, paths: list[str]) -> None:
    from newsdesk.ingest import ingest_paths
    from newsdesk.model import Document, Failure, RawArticle
    from newsdesk.nlp import load_language
    from newsdesk.nlp.models import available_model
    from newsdesk.nlp.parallel import analyse_parallel
    from newsdesk.pipeline import analyse_many
    from newsdesk.settings import Settings
    from newsdesk.store import open_store

    settings = Settings(spacy_model=available_model(None))
    marks: dict[str, float] = {}

    def timed(results: Iterator[Document | Failure]) -> Iterator[Document | Failure]:
        yield from results
        marks["articles_done"] = time.perf_counter()

    started = time.perf_counter()
    with ExitStack() as stack:
        if setup.startswith("dask"):
            from newsdesk.ingest.dask_runner import dask_analyser

            remote, _ = stack.enter_context(dask_analyser("local:2", settings))

            def analyser(articles: Iterable[RawArticle], s: Settings) -> Iterator[Document | Failure]:
                return timed(remote(articles, s))
        elif setup == "sqlite-processes-2":

            def analyser(articles: Iterable[RawArticle], s: Settings) -> Iterator[Document | Failure]:
                return timed(analyse_parallel(articles, s, 2))
        else:
            nlp = load_language(settings.spacy_model)

            def analyser(articles: Iterable[RawArticle], s: Settings) -> Iterator[Document | Failure]:
                return timed(analyse_many(articles, s, language=nlp))

        ready = time.perf_counter()
        with open_store(store_at) as store:
            report = ingest_paths(paths, store, settings, analyser=analyser)
            finished = time.perf_counter()
            count = store.count()
    print(
        json.dumps(
            {
                "setup": setup,
                "articles": len(paths),
                "stored": len(report.stored),
                "failed": len(report.failed),
                "in_store": count,
                "startup_s": ready - started,
                "articles_s": marks["articles_done"] - ready,
                "story_s": finished - marks["articles_done"],
                "total_s": finished - started,
            }
        )
    )


def _database(admin_url: str, create: bool, name: str) -> str:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"' if create else f'DROP DATABASE IF EXISTS "{name}"')
    base = admin_url.rsplit("/", 1)[0]
    return f"{base}/{name}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "bbc")
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--pg", required=False, help="an admin URL on the PostgreSQL server (CREATE DATABASE)")
    parser.add_argument("--setups", default=",".join(SETUPS))
    parser.add_argument("--write", type=Path, help="Update the scale-out section of this Markdown file.")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        setup, store_at, listing = args.child
        if setup in WRITES:
            _writes(setup, store_at, listing)
            return
        _child(setup, store_at, Path(listing).read_text(encoding="utf-8").splitlines())
        return
    paths = _articles(args.corpus, args.articles)
    results = []
    with tempfile.TemporaryDirectory() as folder:
        listing = Path(folder) / "articles.txt"
        listing.write_text("\n".join(paths), encoding="utf-8")
        source = ""
        for setup in args.setups.split(",") + (list(WRITES) if "sqlite-serial" in args.setups else []):
            name = f"bench_{uuid.uuid4().hex[:8]}"
            if "postgresql" in setup:
                if not args.pg:
                    sys.exit("--pg postgresql://... is needed for the PostgreSQL set-ups")
                store_at = _database(args.pg, True, name)
            else:
                store_at = str(Path(folder) / f"{name}.db")
            try:
                out = subprocess.run(
                    [sys.executable, __file__, "--child", setup, store_at, source if setup in WRITES else str(listing)],
                    check=True,
                    capture_output=True,
                    text=True,
                )
            finally:
                if "postgresql" in setup:
                    _database(args.pg, False, name)
            if setup == "sqlite-serial":
                source = store_at
            result = json.loads(out.stdout.strip().splitlines()[-1])
            print(json.dumps(result), flush=True)
            results.append(result)
    if args.write:
        _write(args.write, results, args)


def _write(path: Path, results: list[dict[str, float]], args: argparse.Namespace) -> None:
    machine = (
        f"{platform.machine()}, {os.cpu_count()} cores (shared with other sessions), Python {platform.python_version()}"
    )
    lines = [
        f"Measured {datetime.now(UTC).date()} on {machine}, one run each, {args.articles} BBC articles",
        "(every k-th file of `../shared/corpus/bbc`), NLP on, by",
        f"`.venv/bin/python bench/scale_out.py --pg postgresql://postgres@127.0.0.1:PORT/postgres --articles {args.articles}"
        " --write docs/PERFORMANCE.md` (PostgreSQL 15 started with initdb/pg_ctl, fsync on).",
        "",
        "| set-up | start-up | articles phase | articles/s (phase) | story stages | whole ingest | articles/s (whole) |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        if r["setup"] in WRITES:
            continue
        lines.append(
            f"| {r['setup']} | {r['startup_s']:.1f} s | {r['articles_s']:.1f} s | {r['articles'] / r['articles_s']:.1f}"
            f" | {r['story_s']:.1f} s | {r['total_s']:.1f} s | {r['articles'] / r['total_s']:.1f} |"
        )
    writes = [r for r in results if r["setup"] in WRITES]
    if writes:
        lines += [
            "",
            "Writes alone (the analysed articles added again to a fresh store, one transaction each, one writer):",
            "",
        ]
        lines += [f"- {r['setup']}: {r['articles'] / r['seconds']:.0f} articles/s" for r in writes]
    write_section(path, "bench/scale_out.py", lines)


if __name__ == "__main__":
    main()
