"""The claim verifier on a stored newsdesk story: which pairs of propositions of different articles
it accepts, and, given hand-read or analyst-judged pairs, its precision and recall on them.

    .venv/bin/python eval/verifier_story.py --db story.db [--pairs FILE ...] [--show N]

Every proposition of every article (``Document.propositions``) is a statement, known by its key
``DOCID:START`` (the offset where the proposition starts), read with ``reading_of`` as the claims
stage would: the entities of the story, the sentence holding it (its TF-IDF vector over the
story's sentences, built from ``verifier.terms``), the dates and amounts of that sentence inside
the clause. All pairs of two different articles are scored.

Labelled pairs (``--pairs``, default ``tests/golden/*/claim_pairs*.json``): a JSON object
``{"pairs": [{"a": "DOCID:START", "b": "DOCID:START", "same": true, "why": "locator words"}]}``,
or JSON Lines of such pair objects (what ``newsdesk corrections pairs`` prints). A key names the
proposition starting there, else the one holding that offset.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

from newsdesk.corpus.claims import statements_of
from newsdesk.corpus.similarity import TfidfModel
from newsdesk.corpus.verifier import Reading, Verifier, conflicts, reading_of, terms
from newsdesk.model import Statement, entity_at
from newsdesk.store import open_store

ROOT = Path(__file__).resolve().parent.parent
_STANDS = frozenset({"stands-for", "demonym-of"})


def story_statements(db: Path) -> tuple[list[Statement], list[Reading]]:
    """One statement per proposition of the stored articles, with its reading."""
    with open_store(db) as store:
        documents = list(store.documents())
        entities = store.entities()
    at = entity_at(entities)
    stands = {e.id: [link.target for link in e.links if link.relation in _STANDS] for e in entities}
    sentences = [s for d in documents for s in statements_of(d, at)]
    model = TfidfModel.fit([terms(s.text) for s in sentences])
    statements: list[Statement] = []
    readings: list[Reading] = []
    for document in documents:
        mine = [s for s in sentences if s.doc == document.id]
        for proposition in document.propositions:
            holder = next((s for s in mine if s.span.start <= proposition.span.start < s.span.end), None)
            if holder is None:
                continue  # a heading, a question, a fragment: no statement
            statement = replace(holder, proposition=proposition)
            statements.append(statement)
            readings.append(reading_of(statement, model.vector(terms(holder.text)), at, stands))
    return statements, readings


def load_pairs(paths: list[Path]) -> list[tuple[str, str, bool]]:
    """Labelled pairs from JSON files (``{"pairs": [...]}``) or JSON Lines."""
    found = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        try:
            data = json.loads(text)
            items = data.get("pairs", []) if isinstance(data, dict) else data
        except json.JSONDecodeError:
            items = [json.loads(line) for line in text.splitlines() if line.strip()]
        found.extend((str(item["a"]), str(item["b"]), bool(item["same"])) for item in items)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="an ingested newsdesk database")
    parser.add_argument("--pairs", type=Path, nargs="*", help="labelled pairs (JSON or JSON Lines)")
    parser.add_argument(
        "--seeds-gold", action="store_true", help="score sentence pairs of tests/golden/seeds/claims.json (a seeds db)"
    )
    parser.add_argument("--show", type=int, default=0, help="print this many accepted pairs (their clauses)")
    args = parser.parse_args()
    verifier = Verifier.load()
    statements, readings = story_statements(args.db)
    clock = time.perf_counter()
    pairs = [
        (i, j) for i, j in itertools.combinations(range(len(statements)), 2) if statements[i].doc != statements[j].doc
    ]
    accepted = [(i, j) for i, j in pairs if verifier.accepts(readings[i], readings[j])]
    contradicting = [(i, j) for i, j in pairs if verifier.contradicts(readings[i], readings[j])]
    seconds = time.perf_counter() - clock
    summary: dict[str, object] = {
        "statements": len(statements),
        "pairs": len(pairs),
        "accepted": len(accepted),
        "contradictions": len(contradicting),
        "seconds_per_1000_pairs": 1000 * seconds / max(1, len(pairs)),
    }
    paths = args.pairs if args.pairs is not None else sorted((ROOT / "tests" / "golden").glob("*/claim_pairs*.json"))
    labelled = load_pairs(paths)
    if labelled:
        where = {f"{s.doc}:{s.proposition.span.start}": k for k, s in enumerate(statements) if s.proposition}
        hits = taken = same = missing = 0
        for a, b, label in labelled:
            i, j = _find(a, where, statements), _find(b, where, statements)
            if i is None or j is None:
                missing += 1
                continue
            said = verifier.accepts(readings[i], readings[j])
            same += label
            taken += said
            hits += said and label
        summary["labelled"] = {
            "pairs": len(labelled),
            "not_found": missing,
            "precision": hits / taken if taken else None,
            "recall": hits / same if same else None,
            "accepted": taken,
        }
    if args.seeds_gold:
        summary["seeds_gold"] = seeds_gold(args.db, verifier, statements, readings)
    print(json.dumps(summary, indent=2))
    for i, j in accepted[: args.show]:
        a, b = statements[i], statements[j]
        assert a.proposition is not None and b.proposition is not None
        p = verifier.probability(readings[i], readings[j])
        print(f"--- {p:.3f} {a.doc}:{a.proposition.span.start} {b.doc}:{b.proposition.span.start}", file=sys.stderr)
        print("   ", a.text[:200], file=sys.stderr)
        print("   ", b.text[:200], file=sys.stderr)
        print("   ", conflicts(readings[i], readings[j]), readings[i].lemma, readings[j].lemma, file=sys.stderr)


def seeds_gold(db: Path, verifier: Verifier, statements: list[Statement], readings: list[Reading]) -> dict[str, object]:
    """Pairs of the hand-read gold statements of the seeds (sentences of two articles; positive when
    of one gold claim): a sentence pair is accepted when a pair of their propositions is, and
    scores the best probability of its proposition pairs (vetoed pairs 0)."""
    from claims_seeds import gold_statements

    with open_store(db) as store:
        gold = gold_statements(list(store.documents()), store.entities())
    inside: dict[tuple[str, int], list[int]] = {key: [] for key in gold}
    for k, statement in enumerate(statements):
        key = (statement.doc, statement.span.start)
        if key in inside:
            inside[key].append(k)
    keys = sorted(gold)
    rows = []
    for x, y in itertools.combinations(keys, 2):
        if x[0] == y[0]:
            continue
        vetoes = set(verifier.vetoes)
        best, accepted = 0.0, False
        for i in inside[x]:
            for j in inside[y]:
                if set(conflicts(readings[i], readings[j])) & vetoes:
                    continue
                p = verifier.probability(readings[i], readings[j])
                best = max(best, p)
                accepted = accepted or p >= verifier.threshold
        rows.append((gold[x][0] == gold[y][0], best, accepted))
    positives = sum(1 for same, _, _ in rows if same)

    def at(level: float) -> list[float | int]:
        taken = [same for same, best, _ in rows if best >= level]
        hits = sum(taken)
        return [level, round(hits / len(taken), 3) if taken else 0.0, round(hits / positives, 3), len(taken)]

    return {
        "gold_statements": len(keys),
        "without_proposition": sum(1 for key in keys if not inside[key]),
        "pairs": len(rows),
        "positives": positives,
        "at_operating_point": at(verifier.threshold),
        "by_threshold": [at(level) for level in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)],
    }


def _find(key: str, where: dict[str, int], statements: list[Statement]) -> int | None:
    if key in where:
        return where[key]
    doc, _, start = key.rpartition(":")
    offset = int(start) if start.isdigit() else -1
    return next(
        (
            k
            for k, s in enumerate(statements)
            if s.doc == doc
            and s.proposition is not None
            and s.proposition.span.start <= offset < s.proposition.span.end
        ),
        None,
    )


if __name__ == "__main__":
    main()
