"""Coreference scores shared by the cross-document evaluations (eval/xdoc_*.py).

MUC (Vilain et al. 1995), B3 (Bagga and Baldwin 1998), entity-based CEAF (CEAF-e, Luo 2005) and the
CoNLL F1, their mean, as the reference CoNLL scorer computes them when key and response cover the same
mentions (the gold-mention setting); singletons count.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable

Clusters = list[set[Hashable]]


# Coreference metrics: clusters are sets of mention ids; key and response cover the same mentions here.


def muc(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    def score(a: Clusters, b: Clusters) -> float:
        where = {m: i for i, cluster in enumerate(b) for m in cluster}
        numerator = denominator = 0
        for cluster in a:
            parts = {where.get(m, ("alone", m)) for m in cluster}
            numerator += len(cluster) - len(parts)
            denominator += len(cluster) - 1
        return numerator / denominator if denominator else 0.0

    return _prf(score(key, response), score(response, key))


def b_cubed(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    def score(a: Clusters, b: Clusters) -> float:
        where = {m: cluster for cluster in b for m in cluster}
        total = sum(len(cluster & where.get(m, set())) / len(cluster) for cluster in a for m in cluster)
        count = sum(len(cluster) for cluster in a)
        return total / count if count else 0.0

    return _prf(score(key, response), score(response, key))


def ceaf_e(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    """Entity-based CEAF (phi4); the best one-to-one alignment of clusters is found separately in each
    connected component of the clusters that share mentions (small, so a plain Hungarian method does)."""
    key_of: dict[Hashable, int] = {m: i for i, cluster in enumerate(key) for m in cluster}
    response_of: dict[Hashable, int] = {m: j for j, cluster in enumerate(response) for m in cluster}
    seen: set[int] = set()
    best = 0.0
    for first in range(len(key)):
        if first in seen:
            continue
        rows, cols, stack = {first}, set(), [first]
        while stack:
            for col in {response_of[m] for m in key[stack.pop()] if m in response_of} - cols:
                cols.add(col)
                for row in {key_of[m] for m in response[col]} - rows:
                    rows.add(row)
                    stack.append(row)
        seen |= rows
        similarity = [
            [2 * len(key[r] & response[c]) / (len(key[r]) + len(response[c])) for c in sorted(cols)]
            for r in sorted(rows)
        ]
        best += _max_assignment(similarity)
    recall = best / len(key) if key else 0.0
    precision = best / len(response) if response else 0.0
    return _prf(recall, precision)


def _max_assignment(weights: list[list[float]]) -> float:
    """Largest total weight of a one-to-one row/column assignment (Hungarian method, O(n^2 m))."""
    if not weights or not weights[0]:
        return 0.0
    transpose = len(weights) > len(weights[0])
    if transpose:
        weights = [list(column) for column in zip(*weights, strict=True)]
    n, m = len(weights), len(weights[0])
    cost = [[-w for w in row] for row in weights]
    inf = float("inf")
    u, v, p, way = [0.0] * (n + 1), [0.0] * (m + 1), [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [inf] * (m + 1), [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    current = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if current < minv[j]:
                        minv[j], way[j] = current, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    return sum(weights[p[j] - 1][j - 1] for j in range(1, m + 1) if p[j])


def _prf(recall: float, precision: float) -> tuple[float, float, float]:
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def scores(key: Clusters, response: Clusters) -> dict[str, dict[str, float] | float]:
    result: dict[str, dict[str, float] | float] = {}
    for name, metric in (("muc", muc), ("b3", b_cubed), ("ceaf_e", ceaf_e)):
        p, r, f = metric(key, response)
        result[name] = {"precision": p, "recall": r, "f1": f}
    result["conll_f1"] = sum(result[n]["f1"] for n in ("muc", "b3", "ceaf_e")) / 3  # type: ignore[index]
    return result


def group(labels: dict[Hashable, Hashable]) -> Clusters:
    clusters: dict[Hashable, set[Hashable]] = defaultdict(set)
    for mention, label in labels.items():
        clusters[label].add(mention)
    return list(clusters.values())
