"""The time to add 1,000 articles to a store of N against a full rebuild of its story.

    .venv/bin/python bench/incremental.py [--sizes 1000,2000,5000] [--write docs/PERFORMANCE.md]

The store of N is bench/claims.py's corpus (the first 1,000 BBC articles ingested with NLP, cycled
with letter-rotated copies beyond them); the 1,000 articles added are the next 1,000 BBC files,
analysed once with the per-document graph (``pipeline.analyse_many``, one process; its CPU time is
measured then and counted in every row, since it does not depend on N). For each N, in a child
process: the N documents are stored, then the 1,000 new ones (timed), then the story stages run
(``corpus.stages``, each step timed) first from scratch over the N (what ``newsdesk rebuild``
costs at N), then, after storing the 1,000, as an ingest runs them (incremental where a stage is:
the entities resolve again only the parts of the mentions the batch touches, the claims judge only
the pairs of touched documents), then from scratch again over the N + 1,000. Times are CPU seconds of the process (the
two cores are shared with other sessions); issue 17's aim is a tenth of a rebuild.
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
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

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


def _stages(store: Any, fresh: bool, figures: dict[str, float], prefix: str, until: str | None = None) -> None:
    """The story stages as ``corpus.stages.run_story_stages`` runs them, each step timed (up to
    the step named ``until``, when given)."""
    from newsdesk.corpus.stages import STORY_STAGES, read_story, stored_parts
    from newsdesk.settings import Settings

    started = time.process_time()
    story = read_story(store, fresh=fresh)
    figures[f"{prefix}read"] = time.process_time() - started
    for step in STORY_STAGES:
        started = time.process_time()
        name = step.stage.name.split(".")[-2]
        if step.stage.name == "newsdesk.corpus.entities.v1" and not fresh:
            # The entities of the parts stored before (those the batch does not touch are kept).
            story = dataclasses.replace(story, kept_entities=stored_parts(store), part_source=store)
        figures[f"{prefix}{name}_before"] = time.process_time() - started
        story = step.stage.run(story, Settings())
        figures[f"{prefix}{name}_run"] = time.process_time() - started - figures[f"{prefix}{name}_before"]
        story = step.save(store, story)
        figures[prefix + name] = time.process_time() - started
        if name == until:
            break
    # The documents the speaker links, story time and edges steps recomputed (of all stored).
    figures[f"{prefix}documents"] = float(len(story.documents))
    for name, change in story.step_changes.items():
        figures[f"{prefix}recomputed_{name.split('.')[-2]}"] = float(len(change.recomputed))
    # Every part holds an entity: the parts kept are the stored ones found again.
    parts = set((story.entity_parts or {}).values())
    figures[f"{prefix}parts_kept"] = float(len(parts & set(story.kept_entities)))
    figures[f"{prefix}parts_resolved"] = float(len(parts)) - figures[f"{prefix}parts_kept"]
    # Of the partition: the mentions keyed, those partitioned again, and the stored parts read.
    partition = story.partition
    figures[f"{prefix}mentions"] = float(sum(len(d.mentions) for d in story.documents))
    figures[f"{prefix}keyed"] = float(len(partition.keyed) if partition else 0)
    figures[f"{prefix}partitioned"] = float(len(partition.records) if partition else 0)
    figures[f"{prefix}parts_read"] = float(len(partition.read) if partition and partition.read is not None else -1)
    sizes: Counter[str] = Counter()
    for entity in story.entities or ():
        sizes[(story.entity_parts or {})[entity.id]] += len(entity.mentions)
    figures[f"{prefix}largest_part"] = float(max(sizes.values(), default=0))
    change = story.memo_change
    figures[f"{prefix}recounted"] = float(change is not None and change.frequencies is not None)
    figures[f"{prefix}judged"] = float(len(change.pairs) if change else 0)
    figures[f"{prefix}touched"] = float(len(change.fingerprints) if change else 0)
    bodies = story.source_change
    figures[f"{prefix}bodies_compared"] = float(len(bodies.bodies) if bodies else 0)
    figures[f"{prefix}bodies_recounted"] = float(bodies is not None and bodies.frequencies is not None)


def measure(base: Path, new: Path, articles: int, until: str | None = None) -> dict[str, float]:
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
        # The story of the N built from scratch: what `newsdesk rebuild` costs at N (and the first
        # count of the claims' word frequencies).
        _stages(store, True, figures, "rebuild_", until)
        started = time.process_time()
        for document in added:
            store.add(document)
        figures["store_new"] = time.process_time() - started
        _stages(store, False, figures, "", until)
        # The entities of the N + 1,000 from scratch, against the add's.
        _stages(store, True, figures, "after_", until)
    return figures


STEPS = ("read", "entities", "timeline", "sources", "claims", "stories")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "bbc")
    parser.add_argument("--sizes", default="1000,2000,5000")
    parser.add_argument("--write", type=Path)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--until", help="with --child: run the story stages only up to this step (entities)")
    parser.add_argument(
        "--rows",
        help="comma-separated files, each a child's output (sizes measured side by side), instead of measuring",
    )
    args = parser.parse_args(argv)
    if args.child:
        base, new, articles = args.child.split(",")
        print(json.dumps(measure(Path(base), Path(new), int(articles), args.until)))
        return
    base = base_database(args.corpus, 1000)
    new, analysis = new_articles(args.corpus, 1000, 1000)
    print(json.dumps({"analysis_cpu": analysis}), flush=True)
    rows = []
    outputs: list[str] = [Path(f).read_text() for f in args.rows.split(",")] if args.rows else []
    for articles in [] if args.rows else (int(s) for s in args.sizes.split(",")):
        child = [sys.executable, __file__, "--child", f"{base},{new},{articles}"]
        outputs.append(subprocess.run(child, check=True, capture_output=True, text=True, env=os.environ).stdout)
    for output in outputs:
        figures = json.loads(output.strip().splitlines()[-1])
        figures["story"] = sum(figures[s] for s in STEPS)
        figures["rebuild"] = sum(figures[f"rebuild_{s}"] for s in STEPS)
        figures["add"] = analysis + figures["store_new"] + figures["story"]
        rows.append(figures)
        print(json.dumps(figures), flush=True)
    if args.write:
        sizes = ",".join(str(int(f["articles"])) for f in rows)
        lines = [
            "## Adding 1,000 articles to a store of N, against a rebuild",
            "",
            f"`.venv/bin/python bench/incremental.py --sizes {sizes} --write docs/PERFORMANCE.md`, "
            f"{datetime.now(UTC).date().isoformat()}, {os.cpu_count()} cores shared with other sessions, CPU seconds. "
            f"The 1,000 added are BBC files 1,001-2,000 ({rows[0]['added']:.0f} distinct articles; their analysis, one "
            f"process: {analysis:.0f} s, the same at every N); the store of N is bench/claims.py's corpus. Rebuild = "
            "reading the N stored documents and the story stages over them from scratch (`newsdesk rebuild`); "
            "story stages of the add = the same steps after storing the 1,000, incremental where a stage is "
            "(entities: only the parts of the mentions the batch touches resolved again, the others' entities "
            "kept as stored; claims: pairs judged only for touched documents; the other steps still recompute "
            "the whole story). Entities at rebuild: that step of the rebuild of N + 1,000 (`newsdesk rebuild` "
            "after the add); parts: those resolved again / kept by the add.",
            "",
            "| N | rebuild at N | storing the 1,000 | read | entities | timeline | sources | claims | stories "
            "| story stages of the add | / rebuild | pairs judged (add / rebuild) | add with analysis | / rebuild "
            "| entities at rebuild of N + 1,000 | entity parts (resolved / kept) |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for f in rows:
            lines.append(
                f"| {f['articles']:.0f} | {f['rebuild']:.1f} | {f['store_new']:.1f} | "
                + " | ".join(f"{f[s]:.1f}" for s in STEPS)
                + f" | {f['story']:.1f} | {f['story'] / f['rebuild']:.2f} | {f['judged']:.0f} / {f['rebuild_judged']:.0f} "
                f"| {f['add']:.0f} | {f['add'] / f['rebuild']:.2f} | {f['after_entities']:.1f} "
                f"| {f['parts_resolved']:.0f} / {f['parts_kept']:.0f} |"
            )
        write_section(args.write, "bench/incremental.py", lines)


if __name__ == "__main__":
    main()
