"""Ingest throughput and peak memory on the BBC corpus (no NLP yet): the baseline for later stages.

    .venv/bin/python bench/ingest.py [--corpus ../shared/corpus/bbc] [--runs 3] [--write docs/PERFORMANCE.md]

Each run ingests the whole corpus into a fresh SQLite file in a child process, so peak memory
(ru_maxrss) is that run's alone; a second pass over the same database measures re-ingest.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from newsdesk.report.sections import write_section

ROOT = Path(__file__).resolve().parent.parent


def _child(corpus: str, db: str) -> None:
    from newsdesk.ingest import ingest_paths
    from newsdesk.settings import Settings
    from newsdesk.store import open_store

    spine = Settings(nlp=False)  # the spine alone; bench/nlp.py measures the NLP stages
    with open_store(db) as store:
        started = time.perf_counter()
        first = ingest_paths([corpus], store, spine)
        first_s = time.perf_counter() - started
        started = time.perf_counter()
        second = ingest_paths([corpus], store, spine)
        second_s = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "files": len(first.stored) + len(first.present) + len(first.failed),
                "stored": len(first.stored),
                "present": len(first.present),
                "failed": len(first.failed),
                "seconds": first_s,
                "reingest_seconds": second_s,
                "reingest_stored": len(second.stored),
                "peak_mib": peak_kib / 1024,
                "db_mib": os.path.getsize(db) / 2**20,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "bbc"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write", type=Path, help="Update the ingest section of this Markdown file.")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(*args.child)
        return
    if not Path(args.corpus).is_dir():
        sys.exit(f"{args.corpus}: corpus not found (it comes with ../shared)")
    runs = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as folder:
            out = subprocess.run(
                [sys.executable, __file__, "--child", args.corpus, str(Path(folder) / "bench.db")],
                check=True,
                capture_output=True,
                text=True,
            )
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    rate = [r["files"] / r["seconds"] for r in runs]
    summary = {
        "files": runs[0]["files"],
        "stored": runs[0]["stored"],
        "present": runs[0]["present"],
        "failed": runs[0]["failed"],
        "articles_per_s_median": statistics.median(rate),
        "articles_per_s_min": min(rate),
        "seconds_median": statistics.median(r["seconds"] for r in runs),
        "reingest_seconds_median": statistics.median(r["reingest_seconds"] for r in runs),
        "reingest_stored": max(r["reingest_stored"] for r in runs),
        "peak_mib_max": max(r["peak_mib"] for r in runs),
        "db_mib": runs[0]["db_mib"],
    }
    print(json.dumps(summary, indent=2))
    if args.write:
        _write(args.write, summary, args)


def _write(path: Path, s: dict[str, float], args: argparse.Namespace) -> None:
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = [
        f"Measured {datetime.now(UTC).date()} on {machine}, {args.runs} runs, by",
        "`.venv/bin/python bench/ingest.py --write docs/PERFORMANCE.md` (corpus `../shared/corpus/bbc`).",
        "",
        "| figure | value |",
        "|---|---|",
        f"| files read | {s['files']:,} ({s['stored']:,} stored, {s['present']} byte-identical copies found already present, {s['failed']} failed) |",
        f"| throughput, first ingest (median / worst) | {s['articles_per_s_median']:.0f} / {s['articles_per_s_min']:.0f} articles/s |",
        f"| wall time, first ingest (median) | {s['seconds_median']:.1f} s |",
        f"| re-ingest of the same corpus (median) | {s['reingest_seconds_median']:.1f} s, {s['reingest_stored']} stored |",
        f"| peak memory (max RSS of the ingesting process) | {s['peak_mib_max']:.0f} MiB |",
        f"| database size | {s['db_mib']:.1f} MiB |",
    ]
    write_section(path, "bench/ingest.py", lines)


if __name__ == "__main__":
    main()
