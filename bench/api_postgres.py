"""REST API latency on PostgreSQL beside SQLite, over the same story.

    .venv/bin/python bench/api_postgres.py --pg postgresql://USER@HOST:PORT/DBNAME \
        [--sqlite bench/.cache/serve-10000.db] [--requests 100] [--write docs/PERFORMANCE.md]

The SQLite store is one of bench/serve.py's (``bench/.cache/serve-N.db``: the first 1,000 BBC
articles with NLP and the story stages, copied in SQL to N articles; build it with
``bench/serve.py --sizes N``). It is copied as it is into the PostgreSQL database given (which
must be empty, or hold this copy already: then it is reused), table by table with COPY, the
rowids with it, so both stores hold the same rows. Then ``newsdesk serve --read-only`` runs over
each in turn and bench/serve.py's 24 endpoints are timed the same way (requests one after
another from an httpx client on loopback, after a warm-up).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from serve import CACHE, serve_figures  # bench/serve.py, beside this file

from newsdesk.report.sections import write_section
from newsdesk.store.postgres import PostgresStore

# SQLite's own tables, and the full-text index (PostgreSQL's is a generated column).
_SKIP = ("sqlite_", "documents_fts", "schema_migrations")


def copy_to_postgres(source: Path, url: str) -> dict[str, float]:
    """Every table of ``source`` copied into the PostgreSQL database at ``url`` (made a newsdesk
    store first); the seconds it took and the rows copied."""
    PostgresStore(url).close()  # the schema, by the migrations
    started = time.perf_counter()
    rows = 0
    lite = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    with psycopg.connect(url, autocommit=True) as pg:
        if int(pg.execute("SELECT count(*) FROM documents").fetchone()[0]) > 0:  # type: ignore[index]
            return {}
        tables = [
            name
            for (name,) in lite.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            if not name.startswith(_SKIP)
        ]
        with pg.transaction():
            pg.execute("SET LOCAL session_replication_role = replica")  # the rows are whole: no foreign-key checks
            for table in tables:
                rows += _copy_table(lite, pg, table)
        pg.execute("ANALYZE")
    lite.close()
    return {"copy_s": time.perf_counter() - started, "rows": rows}


def _copy_table(lite: sqlite3.Connection, pg: psycopg.Connection[Any], table: str) -> int:
    theirs = {
        str(name): str(generated)
        for name, generated in pg.execute(
            "SELECT column_name, is_generated FROM information_schema.columns WHERE table_name = %s", (table,)
        )
    }
    ours = [row[1] for row in lite.execute(f"PRAGMA table_info({table})")]
    columns = [c for c in ours if theirs.get(c) == "NEVER"]
    if "rowid" in theirs and "rowid" not in ours:
        columns.append("rowid")
    quoted = ", ".join(f'"{c}"' for c in columns)
    pg.execute(f"DELETE FROM {table}")  # the single-row tables a new store starts with
    count = 0
    with pg.cursor().copy(f"COPY {table} ({quoted}) FROM STDIN".encode()) as copy:
        for row in lite.execute(f"SELECT {quoted} FROM {table}"):
            copy.write_row(row)
            count += 1
    if "rowid" in columns:
        pg.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'rowid'), coalesce((SELECT max(rowid) FROM {table}), 0) + 1,"
            " false)".encode()
        )
    print(f"  {table}: {count:,} rows", flush=True)
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pg", required=True, help="An empty PostgreSQL database (or one this script filled).")
    parser.add_argument("--sqlite", type=Path, default=CACHE / "serve-10000.db")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    copied = copy_to_postgres(args.sqlite, args.pg)
    print(json.dumps(copied), flush=True)
    figures = {}
    for name, where in (("SQLite", str(args.sqlite)), ("PostgreSQL", args.pg)):
        print(name, flush=True)
        figures[name] = serve_figures(where, args.requests, args.warmup)  # type: ignore[arg-type]
    print(json.dumps(figures, indent=2))
    if args.write:
        _write(args.write, figures, copied, args)


def _write(path: Path, figures: dict[str, dict[str, Any]], copied: dict[str, float], args: argparse.Namespace) -> None:
    machine = f"{platform.machine()}, {os.cpu_count()} cores (shared with other sessions), Python {platform.python_version()}"
    lite, pg = figures["SQLite"], figures["PostgreSQL"]
    counts = lite["counts"]
    lines = [
        "## API latency on PostgreSQL beside SQLite",
        "",
        f"Measured {datetime.now(UTC).date()} on {machine}, by",
        f"`.venv/bin/python bench/api_postgres.py --pg postgresql://postgres@127.0.0.1:PORT/api --sqlite {args.sqlite.name}"
        f" --requests {args.requests}` (PostgreSQL 15 started with initdb/pg_ctl on the same machine, default settings,"
        " fsync on): the same store in both (bench/serve.py's, copied into PostgreSQL row for row"
        + (f" in {copied['copy_s']:.0f} s" if copied else "")
        + f"; {counts['documents']:,} articles, {counts['entities']:,} entities, {counts['quotes']:,} quotes,"
        f" {counts['claims']:,} claims, {counts['timeline']:,} timeline entries), `newsdesk serve --read-only` over each.",
        "",
        f"Cold start: SQLite {lite['cold_s']:.2f} s, PostgreSQL {pg['cold_s']:.2f} s; serve's peak RSS: SQLite"
        f" {lite['peak_mib']:.0f} MiB, PostgreSQL {pg['peak_mib']:.0f} MiB (the server's own, not PostgreSQL's).",
        "",
        "| endpoint | SQLite p95 ms (p50) | PostgreSQL p95 ms (p50) |",
        "|---|---|---|",
    ]
    for name, timed in lite["endpoints"].items():
        other = pg["endpoints"][name]
        lines.append(
            f"| {name} | {timed['p95_ms']:.1f} ({timed['p50_ms']:.1f}) | {other['p95_ms']:.1f} ({other['p50_ms']:.1f}) |"
        )
    write_section(path, "bench/api_postgres.py", lines)


if __name__ == "__main__":
    main()
