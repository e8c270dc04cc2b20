"""The long fuzz run (issue 15): generated hostile inputs mixed with good articles, ingested in
batches into one database by the real command line, then checked; the figures go to
docs/RELIABILITY.md.

    .venv/bin/python bench/fuzz.py [--inputs 10000] [--batches 8] [--seed 15] [--write docs/RELIABILITY.md]

Each batch is one ``newsdesk ingest`` process over a folder of generated inputs, new good BBC
articles and a few good articles of the batches before (already present: stored once, not twice).
Afterwards every input is read and analysed alone, in this process, to time it: the slowest
document is the figure that the 10 s bound is checked against.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the generator lives with the tests

from tests.reliability.hostile import KINDS, Check, Hostile, check_batch, generate, stored_once, write  # noqa: E402

from newsdesk.ingest.paths import path_label  # noqa: E402
from newsdesk.ingest.run import _read_isolated  # noqa: E402
from newsdesk.model import Failure  # noqa: E402
from newsdesk.nlp import load_language  # noqa: E402
from newsdesk.pipeline import analyse_many  # noqa: E402
from newsdesk.report.sections import write_section  # noqa: E402
from newsdesk.settings import Settings  # noqa: E402

BBC = ROOT.parent / "shared" / "corpus" / "bbc"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000, help="Generated inputs in all (default 10,000).")
    parser.add_argument("--batches", type=int, default=8)
    parser.add_argument("--good", type=int, default=40, help="New good BBC articles per batch.")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--write", type=Path, help="Update the fuzz section of this Markdown file.")
    args = parser.parse_args()

    bbc = sorted(BBC.rglob("*.txt"))
    work = Path(tempfile.mkdtemp(prefix="newsdesk-fuzz-"))
    db = work / "fuzz.db"
    kinds: dict[str, int] = {}
    all_items: list[tuple[Hostile, Path]] = []
    all_good: list[Path] = []
    exit_codes: list[int] = []
    started = time.monotonic()
    per_batch = -(-args.inputs // args.batches)
    for batch in range(args.batches):
        folder = work / f"batch-{batch}"
        folder.mkdir()
        count = min(per_batch, args.inputs - batch * per_batch)
        items = [(item, write(folder, item)) for item in generate(args.seed + batch, count, start=batch * per_batch)]
        for item, _ in items:
            kinds[item.kind] = kinds.get(item.kind, 0) + 1
        good = bbc[batch * args.good : (batch + 1) * args.good]
        again = all_good[-5:]  # stored by an earlier batch: present now, never stored twice
        run = subprocess.run(
            [sys.executable, "-m", "newsdesk", "ingest", "-q", "--db", str(db), str(folder), *map(str, good + again)],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        )
        exit_codes.append(run.returncode)
        (work / f"batch-{batch}.log").write_text(run.stderr, encoding="utf-8")
        with sqlite3.connect(db) as handle:
            sources = [row[0] for row in handle.execute("SELECT source FROM documents")]
        handle.close()
        all_items += items
        all_good += good
        print(f"batch {batch}: exit {run.returncode}, {len(items)} inputs, {len(sources)} stored so far", flush=True)
    ingest_seconds = time.monotonic() - started
    with sqlite3.connect(db) as handle:
        sources = [row[0] for row in handle.execute("SELECT source FROM documents")]
        ids = {row[0]: 1 for row in handle.execute("SELECT id FROM documents")}
        integrity = handle.execute("PRAGMA integrity_check").fetchone()[0]
        stale = handle.execute("SELECT changes > built FROM story_state").fetchone()[0]
    handle.close()
    check = _check_all(work, all_items, all_good, sources, ids, args)
    slowest, slowest_name, timed, slowest_cpu = _time_each(all_items)
    figures = {
        "inputs": len(all_items),
        "good": len(all_good),
        "batches": args.batches,
        "exit_codes": sorted(set(exit_codes)),
        "tracebacks": check.tracebacks,
        "stray_lines": check.stray_lines,
        "bad_without_reason": len(check.bad_without_reason),
        "good_not_stored_once": len(check.good_not_stored_once),
        "bad_stored": len(check.bad_stored),
        "failure_lines": check.failure_lines,
        "integrity": integrity,
        "story_current": not stale,
        "stored": len(sources),
        "slowest_seconds": slowest,
        "slowest_input": slowest_name,
        "slowest_cpu_seconds": slowest_cpu,
        "timed": timed,
        "ingest_seconds": ingest_seconds,
    }
    for name, value in figures.items():
        print(f"{name}: {value}")
    for problem in (check.bad_without_reason + check.good_not_stored_once + check.bad_stored)[:20]:
        print("problem:", problem)
    if args.write:
        _write(args.write, figures, kinds, args)
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(0 if check.ok and integrity == "ok" and not stale and slowest < 10 else 1)


def _check_all(work: Path, items: list[tuple[Hostile, Path]], good: list[Path], sources: list[str],
               ids: dict[str, int], args: argparse.Namespace) -> Check:  # fmt: skip
    """Each batch's error output against its inputs, and every good article against the final
    database (stored exactly once, though five of each batch were given again later)."""
    check = Check()
    for batch in range(args.batches):
        folder = work / f"batch-{batch}"
        batch_items = [(item, path) for item, path in items if path.parent == folder]
        log = work / f"batch-{batch}.log"
        check_batch(check, batch_items, [], log.read_text(encoding="utf-8") if log.exists() else "", sources, ids)
    stored: dict[str, int] = {}
    for source in sources:
        stored[source] = stored.get(source, 0) + 1
    for path in good:
        if not stored_once(path, stored, ids):
            check.good_not_stored_once.append(f"good {path_label(path)!r}")
    check.good_files = len(good)
    return check


def _time_each(items: list[tuple[Hostile, Path]]) -> tuple[float, str, int, float]:
    """Read and analyse each input alone (its records, for JSON Lines): the slowest in seconds of
    wall time (what a user waits, other work on the machine included), which input, how many were
    timed, and the most CPU time any one took (this process's own work)."""
    settings = Settings()
    nlp = load_language(settings.spacy_model)
    slowest, name, timed, cpu = 0.0, "", 0, 0.0
    for item, path in items:
        started, started_cpu = time.perf_counter(), time.process_time()
        records = list(_read_isolated(path, settings))
        raws = [r for r in records if not isinstance(r, Failure)]
        for _ in analyse_many(raws, settings, language=nlp):
            pass
        seconds = time.perf_counter() - started
        cpu = max(cpu, time.process_time() - started_cpu)
        timed += 1
        if seconds > slowest:
            slowest, name = seconds, f"{item.kind} ({path.stat().st_size:,} bytes)"
    return slowest, name, timed, cpu


def _write(path: Path, f: dict[str, object], kinds: dict[str, int], args: argparse.Namespace) -> None:
    machine = f"{platform.machine()}, {os.cpu_count()} cores shared with other work, Python {platform.python_version()}"
    lines = [
        f"Measured {datetime.now(UTC).date()} on {machine}, by",
        f"`make fuzz` (`.venv/bin/python bench/fuzz.py --inputs {args.inputs} --batches {args.batches} "
        f"--seed {args.seed} --write docs/RELIABILITY.md`).",
        "",
        "| figure | value |",
        "|---|---|",
        f"| generated inputs, in batches | {f['inputs']:,} in {f['batches']} batches of `newsdesk ingest` |",
        f"| good BBC articles mixed in | {f['good']:,} (and 5 of each earlier batch again, already present) |",
        f"| exit codes of the batches | {', '.join(map(str, f['exit_codes']))} (1: some inputs failed, the rest stored) |",
        f"| tracebacks | {f['tracebacks']} |",
        f"| lines that are neither a failure nor the summary | {f['stray_lines']} |",
        f"| bad inputs without their one-line reason | {f['bad_without_reason']} |",
        f"| good inputs not stored exactly once | {f['good_not_stored_once']} |",
        f"| bad inputs stored | {f['bad_stored']} |",
        f"| failure lines printed | {f['failure_lines']:,} |",
        f"| documents stored | {f['stored']:,} |",
        f"| `PRAGMA integrity_check` | {f['integrity']} |",
        f"| story stages current after the last batch | {'yes' if f['story_current'] else 'no'} |",
        f"| slowest document, read and analysed alone (wall time) | {f['slowest_seconds']:.2f} s ({f['slowest_input']}) |",
        f"| most CPU time one document took | {f['slowest_cpu_seconds']:.2f} s |",
        f"| wall time of the batches | {f['ingest_seconds']:.0f} s |",
        "",
        "Inputs by kind: " + ", ".join(f"{k} {v:,}" for k, v in sorted(kinds.items())) + ".",
        f"The kinds and their weights are in `tests/reliability/hostile.py` ({len(KINDS)} kinds).",
    ]
    write_section(path, "bench/fuzz.py", lines)


if __name__ == "__main__":
    main()
