"""Cost of the claims stage at 1k and 10k articles: sentences grouped by similarity (the design
before issue 14) against verified propositions (the default since).

    .venv/bin/python bench/claims.py [--corpus ../shared/corpus/bbc] [--base 1000] [--sizes 1000,10000]
                                     [--write docs/PERFORMANCE.md]

The first ``--base`` BBC articles are ingested with NLP once (cached in bench/.cache/). Larger sets
cycle through them; every copy after the first rotates the letters of about half of each article's
words (the same length, so every offset, mention and proposition stays valid), so a copy is neither a
duplicate of its original nor unrelated to it. Entities are resolved on the set (not timed); the
stage timed is ``story_claims`` (claims, independent sources and conflicts) without a timeline, in a
child process per size and design, which reports wall time, statements and its peak memory.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from newsdesk.report.sections import write_section

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"


def base_database(corpus: Path, base: int) -> Path:
    """The first ``base`` articles ingested with NLP, made once."""
    from newsdesk.ingest import ingest_paths
    from newsdesk.store import open_store

    path = CACHE / f"claims-bbc-{base}.db"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    files = sorted(str(p) for p in corpus.glob("*/*.txt"))[:base]
    with open_store(path) as store:
        ingest_paths(files, store)
    return path


def _rotate(word: str, shift: int) -> str:
    return "".join(chr((ord(c) - 97 + shift) % 26 + 97) if "a" <= c <= "z" else c for c in word)


def perturbed(text: str, seed: int) -> str:
    """About half of the words' letters rotated, lengths kept."""
    chooser = random.Random(seed)
    out = []
    for part in text.split(" "):
        out.append(_rotate(part, 1 + seed % 25) if chooser.random() < 0.5 else part)
    return " ".join(out)


def measure(database: Path, articles: int, verified: bool) -> dict[str, float]:
    import newsdesk.corpus.claims as claims_module
    from newsdesk.corpus.claims import statements_of, story_claims
    from newsdesk.corpus.entities import resolve_entities
    from newsdesk.model import entity_at
    from newsdesk.store import open_store

    with open_store(database) as store:
        base = list(store.documents())
    documents = []
    for index in range(articles):
        original = base[index % len(base)]
        copy = index // len(base)
        if copy == 0:
            documents.append(original)
        else:
            documents.append(
                dataclasses.replace(original, id=f"{original.id}~{copy}", text=perturbed(original.text, copy))
            )
    entities = resolve_entities(documents)
    claims_module.VERIFIED = verified
    at = entity_at(entities)
    statements = sum(len(statements_of(d, at, propositions=verified)) for d in documents)
    started = time.perf_counter()
    claims = story_claims(documents, entities, [])
    seconds = time.perf_counter() - started
    return {
        "articles": articles,
        "statements": statements,
        "seconds": seconds,
        "per_1000": 1000 * seconds / max(statements, 1),
        "shared": sum(1 for c in claims if len(c.documents) > 1),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "bbc")
    parser.add_argument("--base", type=int, default=1000)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--write", type=Path)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        database, articles, verified = args.child.split(",")
        print(json.dumps(measure(Path(database), int(articles), verified == "1")))
        return
    database = base_database(args.corpus, args.base)
    rows = []
    for articles in (int(s) for s in args.sizes.split(",")):
        for verified in (False, True):
            child = [sys.executable, __file__, "--child", f"{database},{articles},{int(verified)}"]
            output = subprocess.run(child, check=True, capture_output=True, text=True, env=os.environ).stdout
            figures = json.loads(output.strip().splitlines()[-1])
            design = "verified propositions" if verified else "sentences by similarity"
            rows.append((design, figures))
            print(
                f"{articles:>6} articles  {design:24} {figures['statements']:>8.0f} statements  "
                f"{figures['seconds']:7.1f} s  {figures['per_1000']:6.2f} s per 1,000  "
                f"shared claims {figures['shared']:.0f}  peak {figures['peak_mb']:.0f} MB",
                flush=True,
            )
    if args.write:
        lines = [
            "## Claims stage at 1k and 10k articles",
            "",
            f"`.venv/bin/python bench/claims.py --write docs/PERFORMANCE.md`, {datetime.now(UTC).date().isoformat()}, "
            f"{os.cpu_count()} cores. `story_claims` (claims, sources, conflicts) on BBC articles ingested with NLP, "
            "cycled with letter-rotated copies beyond the first "
            f"{args.base}; no timeline; peak memory of the child process (entities resolved there too).",
            "",
            "| articles | design | statements | seconds | seconds per 1,000 statements | shared claims | peak MB |",
            "|---|---|---|---|---|---|---|",
        ]
        for design, f in rows:
            lines.append(
                f"| {f['articles']:.0f} | {design} | {f['statements']:.0f} | {f['seconds']:.1f} | {f['per_1000']:.2f} "
                f"| {f['shared']:.0f} | {f['peak_mb']:.0f} |"
            )
        write_section(args.write, "bench/claims.py", lines)


if __name__ == "__main__":
    main()
