"""Recall and growth of the claims stage's candidate pairs (``corpus.claims.blocked_pairs``).

    .venv/bin/python bench/claim_candidates.py [--sizes 1000,10000] [--exact-up-to 10000]
                                               [--write docs/PERFORMANCE.md]

The corpus is bench/claims.py's: the first 1,000 BBC articles ingested with NLP, cycled with
letter-rotated copies beyond them. For each size, in a child process: the statements, vectors and
readings exactly as ``_grouped`` makes them, then three candidate sets: the exact one (blocks of one
predicate, no cap on posting lists: the same as comparing every pair of one predicate, by the
prefix bound of ``candidate_pairs``), the one before this change (the same blocks, posting lists
capped at ``MAX_DF``) and the one now (``blocked_pairs``: blocks of one predicate and one anchor).
Each is timed in CPU seconds of its process (the machine's two cores are shared, so wall time says more
about the neighbours than about the code); recall is the share of the exact set's verified pairs (those ``sameness.verify``
finds one claim or opposite, the ones that make claims and conflicts) that a set also holds.
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

from claims import base_database, perturbed

from newsdesk.report.sections import write_section

ROOT = Path(__file__).resolve().parent.parent


def predicate_blocked_pairs(statements, vectors, readings, threshold, max_df):  # type: ignore[no-untyped-def]
    """The candidates as ``blocked_pairs`` found them before (issue 14): blocks of one predicate,
    posting lists capped at ``max_df``, and the ``OTHER_PREDICATE`` pass; with ``max_df`` 1.0 the
    exact set (every pair of one predicate at the threshold, as comparing all pairs gives)."""
    from collections import defaultdict

    from newsdesk.corpus.sameness import OTHER_PREDICATE
    from newsdesk.corpus.similarity import candidate_pairs

    groups = [s.doc for s in statements]
    blocks = defaultdict(list)
    for index, reading in enumerate(readings):
        blocks[reading.predicate_class or reading.lemma].append(index)
    found = {}
    for members in blocks.values():
        if len({groups[i] for i in members}) < 2:
            continue
        block = candidate_pairs(
            [vectors[i] for i in members], threshold, max_df=max_df, groups=[groups[i] for i in members]
        )
        for a, b, score in block:
            found[(min(members[a], members[b]), max(members[a], members[b]))] = score
    for a, b, score in candidate_pairs(vectors, OTHER_PREDICATE, max_df=max_df, groups=groups):
        found[(min(a, b), max(a, b))] = score
    return found


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

    def verified(pairs: dict[tuple[int, int], float]) -> set[tuple[int, int]]:
        """The pairs verify finds one claim or opposite: the ones that make claims and conflicts."""
        return {
            p for p, score in pairs.items() if verify(readings[p[0]], readings[p[1]], score) is not Verdict.DIFFERENT
        }

    figures: dict[str, float] = {"articles": articles, "statements": len(statements), "max_df": max_df}
    runs = {
        "capped": lambda: predicate_blocked_pairs(statements, vectors, readings, threshold, max_df),
        "anchored": lambda: c.blocked_pairs(statements, vectors, readings, threshold, max_df=max_df),
    }
    if exact:
        runs["exact"] = lambda: predicate_blocked_pairs(statements, vectors, readings, threshold, 1.0)
    found = {}
    for name, run in runs.items():
        started = time.process_time()
        found[name] = run()
        figures[f"{name}_seconds"] = time.process_time() - started
        figures[f"{name}_pairs"] = len(found[name])
        figures[f"{name}_verified"] = len(verified(found[name]))
    if exact:
        every = verified(found["exact"])
        for name in ("capped", "anchored"):
            figures[f"{name}_recall"] = len(every & verified(found[name])) / max(len(every), 1)
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


LABELS = {
    "exact": "one predicate, no cap (exact)",
    "capped": "one predicate, posting lists capped (before)",
    "anchored": "one predicate and one anchor (now)",
}


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
            "| articles | statements | candidates | seconds | pairs | verified pairs | recall of exact verified pairs |",
            "|---|---|---|---|---|---|---|",
        ]
        for f in rows:
            for name in ("exact", "capped", "anchored"):
                if f"{name}_seconds" not in f:
                    continue
                recall = f.get(f"{name}_recall", 1.0 if name == "exact" else float("nan"))
                lines.append(
                    f"| {f['articles']:.0f} | {f['statements']:.0f} | {LABELS[name]} | {f[name + '_seconds']:.1f} "
                    f"| {f[name + '_pairs']:.0f} | {f[name + '_verified']:.0f} | {recall:.3f} |"
                )
        write_section(args.write, "bench/claim_candidates.py", lines)


if __name__ == "__main__":
    main()
