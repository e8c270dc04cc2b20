"""Where the story stages' time goes: ``run_story_stages`` from scratch (as ``rebuild`` runs them)
under cProfile, over a copy of a stored story.

    .venv/bin/python bench/story_profile.py [--db bench/.cache/claims-bbc-1000.db] [--top 18]

The database is copied first (the stages write); ``bench/claims.py`` builds the default one (the
first 1,000 BBC articles with NLP). Prints the stage functions by cumulative time, then the
functions by their own time.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import tempfile
from pathlib import Path

from newsdesk.corpus.stages import run_story_stages
from newsdesk.settings import Settings
from newsdesk.store import open_store

STAGES = (
    r"corpus/(stages|claims|sameness|entities|timeline|similarity|claim_memo)\.py:\d+\((_entities|_claims|_sources|"
    r"_stories|incremental_claims|verify|blocked_pairs|reading_of|candidate_pairs|resolve_entities|build_timeline|"
    r"fingerprints)\)"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=Path("bench/.cache/claims-bbc-1000.db"))
    parser.add_argument("--top", type=int, default=18)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "story.db"
        shutil.copy(args.db, copy)
        store = open_store(copy)
        profile = cProfile.Profile()
        profile.enable()
        run_story_stages(store, Settings(), fresh=True)
        profile.disable()
        store.close()
    stats = pstats.Stats(profile)
    stats.sort_stats("cumulative").print_stats(STAGES)
    stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
