"""The claim verifier on ECB+'s held-out topics 25-35 (``eval/train_verifier.py`` trained it on 1-24).

    .venv/bin/python eval/verifier_ecbplus.py [--weights PATH] [--write docs/EVALUATION.md]

Reads the shipped weights (``src/newsdesk/corpus/verifier.json``) and scores, on topics 25-35 only:

* pair precision and recall at the stored operating point over every pair of gold event mentions
  of two documents of one topic (the other sub-topic's mentions are negatives), and over those
  of one sub-topic (one story, as the claims stage sees it), beside the same-lemma rule;
* event coreference, CoNLL F1 (MUC, B3, CEAF-e; ``eval/coref_scores.py``), of average-link
  clustering over the verifier's probabilities (vetoed pairs 0) within each gold sub-topic and
  each gold topic, beside ``eval/xdoc_ecbplus.py``'s lemma baseline on the same mentions; at the
  operating point, and at the threshold that gave the best CoNLL F1 on training topics 1-24;
* cost: seconds per 1,000 pairs for features and probability (readings built beforehand).
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import sys
import time
from collections import defaultdict
from collections.abc import Hashable, Sequence
from pathlib import Path

import numpy as np
from train_verifier import HELD_OUT, TRAIN, WEIGHTS, Corpus, cross_document_pairs, precision_recall, read_ecbplus
from xdoc_ecbplus import DATA, conll, evaluate

from newsdesk.corpus import similarity
from newsdesk.corpus.verifier import Verifier, conflicts, features
from newsdesk.report.sections import write_section

COMMAND = ".venv/bin/python eval/verifier_ecbplus.py --write docs/EVALUATION.md"
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(2, 20))


def pair_scores(corpus: Corpus, verifier: Verifier, pairs: Sequence[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    """Each pair's probability (0 when vetoed) and whether it is accepted."""
    p = np.empty(len(pairs))
    accepted = np.empty(len(pairs), dtype=bool)
    vetoes = set(verifier.vetoes)
    for row, (i, j) in enumerate(pairs):
        a, b = corpus.readings[i], corpus.readings[j]
        vetoed = bool(set(conflicts(a, b)) & vetoes)
        p[row] = 0.0 if vetoed else verifier.score(features(a, b))
        accepted[row] = not vetoed and p[row] >= verifier.threshold
    return p, accepted


def _linked(corpus: Corpus, index: int) -> bool:
    cluster = corpus.mentions[index].cluster
    return not (cluster.endswith(":alone") or ":intra:" in cluster)


def groups_of(corpus: Corpus, topics: frozenset[int], by: str) -> list[list[int]]:
    found: dict[Hashable, list[int]] = defaultdict(list)
    for index, mention in enumerate(corpus.mentions):
        if mention.topic in topics:
            found[mention.subtopic if by == "subtopic" else mention.topic].append(index)
    return [found[k] for k in sorted(found, key=str)]


def cluster_labels(
    corpus: Corpus, verifier: Verifier, groups: list[list[int]], thresholds: Sequence[float]
) -> dict[float, dict[int, Hashable]]:
    """Average-link clusters of each group's mentions over the verifier's probabilities, per threshold."""
    labels: dict[float, dict[int, Hashable]] = {t: {} for t in thresholds}
    for number, indices in enumerate(groups):
        local = list(itertools.combinations(range(len(indices)), 2))
        p, _ = pair_scores(corpus, verifier, [(indices[x], indices[y]) for x, y in local])
        scored = [(x, y, float(s)) for (x, y), s in zip(local, p, strict=True) if s > 0]
        for threshold in thresholds:
            for k, members in enumerate(similarity.cluster(len(indices), scored, threshold, "average")):
                for member in members:
                    labels[threshold][indices[member]] = (number, k)
    return labels


def lemma_labels(corpus: Corpus, groups: list[list[int]]) -> dict[int, Hashable]:
    return {i: (number, corpus.heads[i]) for number, indices in enumerate(groups) for i in indices}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--weights", type=Path, default=WEIGHTS)
    parser.add_argument("--cache", type=Path, help="the parsed mentions, as eval/train_verifier.py keeps them")
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"{DATA}: evaluation data not found (it comes with ../shared)")
    verifier = Verifier.load(args.weights)
    corpus = read_ecbplus(None, args.cache)
    held = [i for i, m in enumerate(corpus.mentions) if m.topic in HELD_OUT]
    pairs = cross_document_pairs(corpus, HELD_OUT)
    gold = np.array([corpus.mentions[i].cluster == corpus.mentions[j].cluster for i, j in pairs])
    one_story = np.array([corpus.mentions[i].subtopic == corpus.mentions[j].subtopic for i, j in pairs])
    same_lemma = np.array([corpus.heads[i] == corpus.heads[j] for i, j in pairs])
    # ECB+ leaves many annotated mentions out of every cross-document chain, among them some that
    # plainly tell one event (the same sentence in two copies of a wire story): pairs of mentions
    # that both belong to a cross-document event are scored apart as well.
    linked = np.array([_linked(corpus, i) and _linked(corpus, j) for i, j in pairs])
    clock = time.perf_counter()
    _, accepted = pair_scores(corpus, verifier, pairs)
    seconds = time.perf_counter() - clock
    pair_results = {
        "topic": {
            "verifier": precision_recall(accepted, gold),
            "same lemma": precision_recall(same_lemma, gold),
        },
        "topic, both mentions in a cross-document event": {
            "verifier": precision_recall(accepted[linked], gold[linked]),
            "same lemma": precision_recall(same_lemma[linked], gold[linked]),
        },
        "sub-topic": {
            "verifier": precision_recall(accepted[one_story], gold[one_story]),
            "same lemma": precision_recall(same_lemma[one_story], gold[one_story]),
        },
    }
    # The threshold with the best CoNLL F1 on the training topics (gold sub-topics), for comparison.
    train_groups = groups_of(corpus, TRAIN, "subtopic")
    train_mentions = [i for g in train_groups for i in g]
    train_labels = cluster_labels(corpus, verifier, train_groups, THRESHOLDS)
    by_threshold = {t: conll(evaluate(corpus.mentions, train_labels[t], train_mentions)) for t in THRESHOLDS}
    best = max(by_threshold, key=lambda t: by_threshold[t])
    coreference: dict[str, dict[str, dict[str, object]]] = {}
    for by in ("subtopic", "topic"):
        groups = groups_of(corpus, HELD_OUT, by)
        labels = cluster_labels(corpus, verifier, groups, (verifier.threshold, best))
        coreference[by] = {
            "same head lemma (baseline)": evaluate(corpus.mentions, lemma_labels(corpus, groups), held),
            f"verifier at its operating point ({verifier.threshold:.3f})": evaluate(
                corpus.mentions, labels[verifier.threshold], held
            ),
            f"verifier at {best} (best CoNLL F1 on topics 1-24)": evaluate(corpus.mentions, labels[best], held),
            "every mention alone": evaluate(corpus.mentions, {i: i for i in held}, held),
        }
    summary: dict[str, object] = {
        "date": datetime.date.today().isoformat(),
        "held_out_mentions": len(held),
        "held_out_pairs": len(pairs),
        "held_out_positives": int(gold.sum()),
        "one_story_pairs": int(one_story.sum()),
        "one_story_positives": int(gold[one_story].sum()),
        "threshold": verifier.threshold,
        "best_train_threshold": best,
        "best_train_conll": by_threshold[best],
        "pairs": pair_results,
        "coreference": coreference,
        "seconds_per_1000_pairs": 1000 * seconds / len(pairs),
        "about": dict(verifier.about),
    }
    print(json.dumps(summary, indent=2, default=float))
    if args.write:
        _write(args.write, summary)


def _write(path: Path, s: dict) -> None:  # type: ignore[type-arg]
    about = s["about"]
    lines = [
        f"`{COMMAND}` ({s['date']}), after `.venv/bin/python eval/train_verifier.py`. The verifier "
        "(`newsdesk.corpus.verifier`) is a logistic regression over proposition features (predicate lemma and class, "
        "subject and object, names, polarity, modality, dates, amounts, TF-IDF cosine), calibrated by Platt scaling, "
        f"with vetoes (opposite polarity, disjoint dates, different amounts of one unit, different subjects). Trained "
        f"on ECB+ topics 1-24 ({about.get('pairs')} cross-document pairs of gold event mentions within a topic, "
        f"{about.get('positives')} of one event); calibrated and its operating point chosen on those topics' "
        f"out-of-fold scores (6 folds by topic): the lowest threshold with precision >= {about.get('target_precision')} "
        f"there (out of fold: P {about.get('out_of_fold_precision')}, R {about.get('out_of_fold_recall')}). "
        "**Every figure below is on the held-out topics 25-35**, read once after the features, the regularisation and "
        f"the threshold were fixed: {s['held_out_mentions']} gold event mentions, {s['held_out_pairs']} cross-document "
        f"pairs within a topic ({s['held_out_positives']} of one event), {s['one_story_pairs']} of them within one "
        f"sub-topic ({s['one_story_positives']} of one event).",
        "",
        "| pairs | system | precision | recall | pairs accepted |",
        "|---|---|---|---|---|",
    ]
    for scope, systems in s["pairs"].items():
        for system, (p, r, n) in systems.items():
            lines.append(f"| within one {scope} | {system} | {p:.3f} | {r:.3f} | {n} |")
    curve = "; ".join(f"{t}: P {p} R {r} ({n} pairs)" for t, p, r, n in about.get("out_of_fold_curve", []))
    lines += [
        "",
        f"Out of fold on the training topics 1-24 (not held out), precision and recall by threshold: {curve}.",
    ]
    lines += [
        "",
        "Event coreference on the held-out topics, gold mentions, singletons counted; average-link clustering of the "
        "verifier's probabilities (vetoed pairs 0) within each group; F1 in percent.",
        "",
        "| documents grouped by | system | MUC F1 | B3 F1 | CEAF-e F1 | CoNLL F1 |",
        "|---|---|---|---|---|---|",
    ]
    for by, systems in s["coreference"].items():
        for system, r in systems.items():
            lines.append(
                f"| gold {by.replace('subtopic', 'sub-topic')} | {system} | {100 * r['muc']['f1']:.1f} | {100 * r['b3']['f1']:.1f} | "
                f"{100 * r['ceaf_e']['f1']:.1f} | {100 * r['conll_f1']:.1f} |"
            )
    lines += [
        "",
        f"Cost: {s['seconds_per_1000_pairs']:.3f} s per 1,000 pairs scored (features and probability, pure Python, "
        "readings built beforehand), on 2 shared CPU cores.",
    ]
    write_section(path, "eval/verifier_ecbplus.py", lines)


if __name__ == "__main__":
    main()
