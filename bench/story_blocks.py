"""The story stages from scratch (as ``rebuild`` runs them) with the claims' candidate blocks compared
in this process, then on a Dask LocalCluster of N workers (``ingest.dask_runner.blocks_on``): wall
seconds of each, and whether the stored claims are the same.

    .venv/bin/python bench/story_blocks.py [--db bench/.cache/claims-bbc-1000.db] [--workers 2]
"""

from __future__ import annotations

import argparse
import logging
import shutil
import tempfile
import time
from pathlib import Path

from newsdesk.corpus.similarity import BlockScorer, score_blocks
from newsdesk.corpus.stages import run_story_stages
from newsdesk.settings import Settings
from newsdesk.store import open_store


def _run(db: Path, folder: Path, name: str, scorer: BlockScorer) -> tuple[float, list[tuple[str, int]]]:
    copy = folder / f"{name}.db"
    shutil.copy(db, copy)
    with open_store(copy) as store:
        started = time.perf_counter()
        run_story_stages(store, Settings(), fresh=True, block_scorer=scorer)
        seconds = time.perf_counter() - started
        claims = sorted((c.id, len(c.statements)) for c in store.claims())
    return seconds, claims


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=Path("bench/.cache/claims-bbc-1000.db"))
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    from distributed import Client, LocalCluster

    from newsdesk.ingest.dask_runner import blocks_on

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        here, local = _run(args.db, folder, "here", score_blocks)
        print(f"blocks in this process: {here:.1f} s, {len(local)} claims", flush=True)
        with LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=args.workers, threads_per_worker=1, dashboard_address=None, silence_logs=logging.ERROR
        ) as cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
            there, remote = _run(args.db, folder, "cluster", blocks_on(client))
        print(f"blocks on {args.workers} Dask workers: {there:.1f} s, {len(remote)} claims", flush=True)
        print("same claims" if local == remote else "DIFFERENT claims")


if __name__ == "__main__":
    main()
