"""The time to add 1,000 articles to a store of N against a full rebuild of its story.

    .venv/bin/python bench/incremental.py [--sizes 1000,2000,5000] [--write docs/PERFORMANCE.md]

The store of N is bench/claims.py's corpus (the first 1,000 BBC articles ingested with NLP, cycled
with letter-rotated copies beyond them); the 1,000 articles added are the next 1,000 BBC files,
analysed once with the per-document graph (``pipeline.analyse_many``, one process; its CPU time is
measured then and counted in every row, since it does not depend on N). For each N, in a child
process: the N documents are stored, then the 1,000 new ones (timed), then the story stages run
(``corpus.stages``, each step timed): that is what an ingest of the 1,000 costs beyond their
analysis, and also what ``newsdesk rebuild`` of the N + 1,000 costs. Times are CPU seconds of the
process (the two cores are shared with other sessions). Every ingest rebuilds the story today, so
adding costs a rebuild plus the new articles' analysis; issue 17's aim is a tenth of a rebuild.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from claims import base_database, perturbed

from newsdesk.report.sections import write_section

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"


def new_articles(corpus: Path, skip: int, count: int) -> tuple[Path, float]:
    """The ``count`` BBC files after the first ``skip``, analysed and stored once (no story
    stages); the CPU seconds their analysis took."""
    from newsdesk.ingest.readers import read_file
    from newsdesk.model import Document, RawArticle
    from newsdesk.pipeline import analyse_many
    from newsdesk.settings import Settings
    from newsdesk.store import open_store

    path = CACHE / f"new-bbc-{skip}-{count}.db"
    timing = path.with_suffix(".json")
    if path.exists() and timing.exists():
        return path, json.loads(timing.read_text())["analysis_cpu"]
    CACHE.mkdir(parents=True, exist_ok=True)
    files = sorted(corpus.glob("*/*.txt"))[skip : skip + count]
    settings = Settings(processes=1)
    raws = [r for f in files for r in read_file(f, settings) if isinstance(r, RawArticle)]
    started = time.process_time()
    documents = [d for d in analyse_many(raws, settings) if isinstance(d, Document)]
    seconds = time.process_time() - started
    path.unlink(missing_ok=True)
    with open_store(path) as store:
        for document in documents:
            store.add(document)
    timing.write_text(json.dumps({"analysis_cpu": seconds, "articles": len(documents)}))
    return path, seconds


def measure(base: Path, new: Path, articles: int) -> dict[str, float]:
    from newsdesk.corpus.stages import STORY_STAGES, Story
    from newsdesk.settings import Settings
    from newsdesk.store import open_store

    with open_store(base) as store:
        originals = list(store.documents())
    with open_store(new) as store:
        added = list(store.documents())
    figures: dict[str, float] = {"articles": articles, "added": len(added)}
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "bench.db") as store:
        for index in range(articles):
            original = originals[index % len(originals)]
            copy = index // len(originals)
            store.add(
                original
                if copy == 0
                else dataclasses.replace(original, id=f"{original.id}~{copy}", text=perturbed(original.text, copy))
            )
        started = time.process_time()
        for document in added:
            store.add(document)
        figures["store_new"] = time.process_time() - started
        started = time.process_time()
        story = Story(tuple(store.documents()), tuple(store.corrections()))
        figures["read"] = time.process_time() - started
        for step in STORY_STAGES:
            started = time.process_time()
            story = step.save(store, step.stage.run(story, Settings()))
            figures[step.stage.name.split(".")[2]] = time.process_time() - started
    return figures


STEPS = ("read", "entities", "timeline", "sources", "claims")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "bbc")
    parser.add_argument("--sizes", default="1000,2000,5000")
    parser.add_argument("--write", type=Path)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        base, new, articles = args.child.split(",")
        print(json.dumps(measure(Path(base), Path(new), int(articles))))
        return
    base = base_database(args.corpus, 1000)
    new, analysis = new_articles(args.corpus, 1000, 1000)
    print(json.dumps({"analysis_cpu": analysis}), flush=True)
    rows = []
    for articles in (int(s) for s in args.sizes.split(",")):
        child = [sys.executable, __file__, "--child", f"{base},{new},{articles}"]
        output = subprocess.run(child, check=True, capture_output=True, text=True, env=os.environ).stdout
        figures = json.loads(output.strip().splitlines()[-1])
        figures["story"] = sum(figures[s] for s in STEPS)
        figures["add"] = analysis + figures["store_new"] + figures["story"]
        rows.append(figures)
        print(json.dumps(figures), flush=True)
    if args.write:
        lines = [
            "## Adding 1,000 articles to a store of N, against a rebuild",
            "",
            f"`.venv/bin/python bench/incremental.py --write docs/PERFORMANCE.md`, {datetime.now(UTC).date().isoformat()}, "
            f"{os.cpu_count()} cores shared with other sessions, CPU seconds. The 1,000 added are BBC files 1,001-2,000 "
            f"(their analysis, one process: {analysis:.0f} s, in every row); the store of N is bench/claims.py's corpus. "
            "Story = reading the stored documents and the story stages over N + 1,000, which is also what "
            "`newsdesk rebuild` costs.",
            "",
            "| N | analysis of the 1,000 | storing them | read | entities | timeline | sources | claims | add 1,000 | rebuild | add / rebuild |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for f in rows:
            lines.append(
                f"| {f['articles']:.0f} | {analysis:.0f} | {f['store_new']:.1f} | "
                + " | ".join(f"{f[s]:.1f}" for s in STEPS)
                + f" | {f['add']:.0f} | {f['story']:.0f} | {f['add'] / f['story']:.2f} |"
            )
        write_section(args.write, "bench/incremental.py", lines)


if __name__ == "__main__":
    main()
