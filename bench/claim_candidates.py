"""Recall and growth of the claims stage's candidate pairs (``corpus.claims.blocked_pairs``).

    .venv/bin/python bench/claim_candidates.py [--sizes 1000,10000] [--exact-up-to 10000]
                                               [--write docs/PERFORMANCE.md]

The corpus is bench/claims.py's: the first 1,000 BBC articles ingested with NLP, cycled with
letter-rotated copies beyond them. For each size, in a child process: the statements, vectors and
readings exactly as ``_grouped`` makes them; the candidates as the stage finds them (posting lists
capped at ``MAX_DF``), and the exact candidates (no cap: the same as comparing every pair, by the
prefix bound of ``candidate_pairs``). Recall is the share of the exact pairs the capped index finds,
over all candidates and over the pairs ``sameness.verify`` accepts (the ones that make claims).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from claims import base_database, perturbed  # noqa: E402

from newsdesk.report.sections import write_section  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def measure(database: Path, articles: int, exact: bool, max_df: float) -> dict[str, float]:
    import dataclasses

    from newsdesk.corpus import claims as c
    from newsdesk.corpus.entities import resolve_entities
    from newsdesk.corpus.sameness import Verdict, reading_of, verify
    from newsdesk.corpus.similarity import TfidfModel
    from newsdesk.model import entity_at
    from newsdesk.store import open_store

    with open_store(database) as store:
        base = list(store.documents())
    documents = []
    for index in range(articles):
        original = base[index % len(base)]
        copy = index // len(base)
        documents.append(
            original
            if copy == 0
            else dataclasses.replace(original, id=f"{original.id}~{copy}", text=perturbed(original.text, copy))
        )
    entities = resolve_entities(documents)
    at = entity_at(entities)
    statements = [s for d in documents for s in c.statements_of(d, at, propositions=True)]
    stands = {e.id: [link.target for link in e.links if link.relation in c._STANDS] for e in entities}
    words = [c._terms(s, stands) for s in statements]
    model = TfidfModel.fit(words)
    vectors = [model.vector(w) for w in words]
    outlets = {d.id: c._outlet_names(d) for d in documents}
    texts = {d.id: d.text for d in documents}
    readings = [reading_of(s, at, stands, outlets[s.doc], texts[s.doc]) for s in statements]
    threshold = c.THRESHOLDS[c.METHOD]
    started = time.perf_counter()
    found = c.blocked_pairs(statements, vectors, readings, threshold, max_df=max_df)
    seconds = time.perf_counter() - started
    figures: dict[str, float] = {
        "articles": articles,
        "statements": len(statements),
        "max_df": max_df,
        "seconds": seconds,
        "pairs": len(found),
    }
    if exact:
        started = time.perf_counter()
        every = c.blocked_pairs(statements, vectors, readings, threshold, max_df=1.0)
        figures["exact_seconds"] = time.perf_counter() - started
        figures["exact_pairs"] = len(every)
        figures["recall"] = len(every.keys() & found.keys()) / max(len(every), 1)
        same = [p for p, score in every.items() if verify(readings[p[0]], readings[p[1]], score) is Verdict.SAME]
        figures["same_pairs"] = len(same)
        figures["same_recall"] = sum(1 for p in same if p in found) / max(len(same), 1)
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "bbc")
    parser.add_argument("--base", type=int, default=1000)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--exact-up-to", type=int, default=10000)
    parser.add_argument("--max-df", type=float, default=0, help="posting-list cap (0: the stage's MAX_DF)")
    parser.add_argument("--write", type=Path)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        database, articles, exact, max_df = args.child.split(",")
        cap = float(max_df)
        print(json.dumps(measure(Path(database), int(articles), exact == "1", int(cap) if cap >= 1 else cap)))
        return
    from newsdesk.corpus.claims import MAX_DF

    max_df = args.max_df or MAX_DF
    database = base_database(args.corpus, args.base)
    rows = []
    for articles in (int(s) for s in args.sizes.split(",")):
        exact = int(articles <= args.exact_up_to)
        child = [sys.executable, __file__, "--child", f"{database},{articles},{exact},{max_df}"]
        output = subprocess.run(child, check=True, capture_output=True, text=True, env=os.environ).stdout
        figures = json.loads(output.strip().splitlines()[-1])
        rows.append(figures)
        print(json.dumps(figures), flush=True)
    if args.write:
        lines = [
            "## Claim candidates: recall of exact pairs and growth",
            "",
            f"`.venv/bin/python bench/claim_candidates.py --write docs/PERFORMANCE.md`, "
            f"{datetime.now(UTC).date().isoformat()}, {os.cpu_count()} cores shared with other sessions. "
            "`blocked_pairs` on bench/claims.py's corpus (BBC, letter-rotated copies beyond 1,000); exact = the same "
            "index without a posting-list cap (equal to comparing every pair); recall over all exact candidates and "
            "over those `verify` accepts.",
            "",
            "| articles | statements | cap | seconds | pairs | exact seconds | exact pairs | recall | verified pairs | recall of verified | peak MB |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for f in rows:
            lines.append(
                f"| {f['articles']:.0f} | {f['statements']:.0f} | {f['max_df']:g} | {f['seconds']:.1f} | {f['pairs']:.0f} "
                f"| {f.get('exact_seconds', float('nan')):.1f} | {f.get('exact_pairs', float('nan')):.0f} "
                f"| {f.get('recall', float('nan')):.3f} | {f.get('same_pairs', float('nan')):.0f} "
                f"| {f.get('same_recall', float('nan')):.3f} | {f['peak_mb']:.0f} |"
            )
        write_section(args.write, "bench/claim_candidates.py", lines)


if __name__ == "__main__":
    main()
