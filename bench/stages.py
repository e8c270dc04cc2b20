"""Where one process's ingest time goes, stage by stage of the per-document graph, against bare
``nlp.pipe`` on the same texts (issue 4's aim: the whole graph within 1.25x of bare spaCy).

    .venv/bin/python bench/stages.py [--corpus ../shared/corpus/bbc] [--limit 500] [--write docs/PERFORMANCE.md]

The articles are read once; then, in this one process, the graph runs as ``pipeline.analyse_many``
runs it (text stages per article, the parse batched ``Settings.batch_size`` at a time, then the
parse stages), with each stage timed; then each document is stored in a fresh SQLite database, and
the story stages run once over them (``corpus.stages``, each step timed). Times are CPU seconds
of this process (the two cores are shared with other sessions, so wall time would measure them). Bare spaCy is
``nlp.pipe`` over the same masked bodies with the same batch size, timed twice (the best is kept),
before and after the graph, so a neighbour's load on a shared machine weighs on both sides alike.
What a process loads once (the spaCy pipeline, the language identifier's model) is loaded before the
timing, as a worker loads it before its first batch, and reported apart.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

from newsdesk.report.sections import write_section

ROOT = Path(__file__).resolve().parent.parent


def _articles(corpus: str, limit: int) -> list:  # type: ignore[type-arg]
    from newsdesk.ingest.paths import expand
    from newsdesk.ingest.readers import read_file
    from newsdesk.model import RawArticle, document_id
    from newsdesk.settings import Settings

    seen: set[str] = set()
    raws = []
    for candidate in expand([corpus]):
        if candidate.problem or candidate.skipped:
            continue
        for raw in read_file(candidate.path, Settings()):
            if isinstance(raw, RawArticle) and document_id(raw.text) not in seen:
                seen.add(document_id(raw.text))
                raws.append(raw)
        if len(raws) >= limit:
            break
    return raws[:limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "bbc"))
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()

    from newsdesk.budget import budget
    from newsdesk.corpus.stages import STORY_STAGES, Story
    from newsdesk.meta import load_language_identifier
    from newsdesk.model import Document, masked_body
    from newsdesk.nlp.annotate import Parse
    from newsdesk.nlp.models import extractor_name, shared_language
    from newsdesk.pipeline import DOCUMENT_STAGES, from_raw, parse_stages, refusal
    from newsdesk.settings import Settings
    from newsdesk.store import open_store

    settings = Settings(processes=1)
    raws = _articles(args.corpus, args.limit)
    # What each process loads once, before its first article (a worker in its initializer): outside
    # the graph's time, as bare nlp.pipe's time leaves out the pipeline's load.
    started = time.process_time()
    nlp = shared_language(settings.spacy_model)
    loads = {"spaCy pipeline": time.process_time() - started}
    started = time.process_time()
    load_language_identifier()
    loads["language identifier"] = time.process_time() - started
    extractor = extractor_name(nlp)
    seconds: dict[str, float] = defaultdict(float)

    def bare(texts: list[str]) -> float:
        started = time.process_time()
        for _ in nlp.pipe(texts, batch_size=settings.batch_size):
            pass
        return time.process_time() - started

    documents: list[Document] = []
    for raw in raws:
        started = time.process_time()
        refused = refusal(raw.text, settings)
        document = from_raw(raw)
        seconds["refusal and reading"] += time.process_time() - started
        if refused:
            continue
        for item in DOCUMENT_STAGES:
            started = time.process_time()
            with budget(item.name, settings.stage_seconds):
                document = item.run(document, settings)
            seconds[item.name] += time.process_time() - started
        documents.append(document)
    texts = [masked_body(d) for d in documents]
    bare_first = bare(texts)
    analysed: list[Document] = []
    for start in range(0, len(documents), settings.batch_size):
        batch = documents[start : start + settings.batch_size]
        started = time.process_time()
        parsed = list(nlp.pipe([masked_body(d) for d in batch], batch_size=len(batch)))
        seconds["spaCy parse (nlp.pipe)"] += time.process_time() - started
        for document, doc in zip(batch, parsed, strict=True):
            parse = Parse(doc, extractor)
            for item in parse_stages():
                started = time.process_time()
                document = item.run(document, parse)
                seconds[item.name] += time.process_time() - started
            analysed.append(document)
    bare_second = bare(texts)
    floor = min(bare_first, bare_second)
    per_document = sum(seconds.values())
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "bench.db") as store:
        started = time.process_time()
        for document in analysed:
            store.add(document)
        stored = time.process_time() - started
        started = time.process_time()
        story = Story(tuple(store.documents()), tuple(store.corrections()))
        story_seconds = {"read the stored documents": time.process_time() - started}
        for step in STORY_STAGES:
            started = time.process_time()
            story = step.save(store, step.stage.run(story, settings))
            story_seconds[step.stage.name] = time.process_time() - started

    rows = [(name, value) for name, value in seconds.items()]
    lines = [
        "## Where one process's time goes (per-document graph and story stages)",
        "",
        f"`.venv/bin/python bench/stages.py --limit {args.limit} --write docs/PERFORMANCE.md`, "
        f"{datetime.now(UTC).date().isoformat()}, {os.cpu_count()} cores shared with other sessions, CPU seconds; "
        f"{len(analysed)} BBC articles, one process, batch size {settings.batch_size}. Bare `nlp.pipe` over the same "
        f"masked bodies: {bare_first:.1f} s and {bare_second:.1f} s (best {floor:.1f} s, "
        f"{len(analysed) / floor:.1f} articles/s). Loaded once per process before the first article, not "
        f"counted below: " + ", ".join(f"{name} {value:.2f} s" for name, value in loads.items()) + ".",
        "",
        "| stage | seconds | share of the per-document graph | x bare parse |",
        "|---|---|---|---|",
    ]
    for name, value in rows:
        lines.append(f"| {name} | {value:.2f} | {value / per_document:.1%} | {value / floor:.2f} |")
    lines += [
        f"| **per-document graph** | **{per_document:.2f}** | 100% | **{per_document / floor:.2f}** |",
        f"| storing (SQLite, one transaction per article) | {stored:.2f} | | {stored / floor:.2f} |",
    ]
    for name, value in story_seconds.items():
        lines.append(f"| story: {name} | {value:.2f} | | {value / floor:.2f} |")
    total = per_document + stored + sum(story_seconds.values())
    lines += [
        f"| **ingest in all** | **{total:.2f}** | | **{total / floor:.2f}** |",
    ]
    print("\n".join(lines))
    if args.write:
        write_section(args.write, "bench/stages.py", lines)


if __name__ == "__main__":
    main()
