"""One process against two, in CPU seconds, so that the neighbours' load on shared cores does not
count (issue 4's aim: two processes at least 1.8x faster than one).

    .venv/bin/python bench/two_processes.py [--corpus ../shared/corpus/bbc] [--limit 400]

Each run is ``ingest_paths`` of the first ``--limit`` files into a fresh SQLite database, in a child
process of its own. It measures the parent's CPU while articles are read, analysed and stored
(with two processes the workers analyse and the parent reads and stores, at the same time), the
parent's CPU in the story stages, which run after the last article alone, and the workers' CPU
(their spaCy load included). Wall time on shared cores says how busy the neighbours were, so the
two-process time is bounded from the CPU instead: on two otherwise idle cores the per-document part
takes at least (workers + parent) / 2, and the story stages their own time after it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _child(corpus: str, limit: int, processes: int) -> None:
    from newsdesk.ingest import run
    from newsdesk.settings import Settings
    from newsdesk.store import open_store

    files = sorted(p for p in Path(corpus).rglob("*") if p.is_file())[:limit]
    story = {"cpu": 0.0}
    before = {"cpu": 0.0}
    stages = run.run_corpus_stages

    def timed(*args: object, **kwargs: object) -> None:
        before["cpu"] = time.process_time()
        stages(*args, **kwargs)  # type: ignore[arg-type]
        story["cpu"] = time.process_time() - before["cpu"]

    run.run_corpus_stages = timed  # type: ignore[assignment]
    wall = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "bench.db") as store:
        report = run.ingest_paths([str(p) for p in files], store, Settings(processes=processes))
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        json.dumps(
            {
                "processes": processes,
                "stored": len(report.stored),
                "parent per-document": before["cpu"],
                "story stages": story["cpu"],
                "workers": children.ru_utime + children.ru_stime,
                "wall": time.perf_counter() - wall,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "bbc"))
    parser.add_argument("--limit", type=int, default=400)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.corpus, args.limit, args.child)
        return
    runs = {}
    for processes in (1, 2):
        load = os.getloadavg()[0]
        out = subprocess.run(
            [sys.executable, __file__, "--corpus", args.corpus, "--limit", str(args.limit), "--child", str(processes)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        runs[processes] = json.loads(out.strip().splitlines()[-1])
        runs[processes]["load"] = load
        print(json.dumps(runs[processes]))
    one = runs[1]["parent per-document"] + runs[1]["story stages"] + runs[1]["workers"]
    two = runs[2]
    bound = (two["parent per-document"] + two["workers"]) / 2 + two["story stages"]
    print(
        f"1 process: {one:.1f} CPU s ({runs[1]['stored']} articles; story stages {runs[1]['story stages']:.1f} s, "
        f"serial share {runs[1]['story stages'] / one:.1%}); 2 processes: workers {two['workers']:.1f} s, parent "
        f"{two['parent per-document']:.1f} s beside them, story stages {two['story stages']:.1f} s after them; "
        f"on two idle cores at least {bound:.1f} s: at most {one / bound:.2f}x faster than one "
        f"(wall {runs[1]['wall']:.1f} s and {two['wall']:.1f} s at load {runs[1]['load']:.1f} and {two['load']:.1f})"
    )


if __name__ == "__main__":
    main()
