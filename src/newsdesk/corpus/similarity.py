"""Lexical similarity between short texts, and clustering over the pairs it finds.

Claim clustering and timeline building ask the same question many times: do these two sentences (or
mentions) report the same thing? The answer here is TF-IDF cosine over content words, found without
comparing every pair: an inverted index over the rarer terms of each text proposes the candidates
(an L2 prefix filter, after Bayardo, Ma and Srikant, "Scaling up all pairs similarity search", 2007, so no pair
at or above the threshold is missed). Exact search still grows faster than linearly on news, where
posting lists grow with the corpus; leaving out of the index every term found in more than a fixed
number of texts (``max_df`` as a count) bounds them, and the cost becomes close to linear, at the
price of the pairs that only common terms link (docs/PERFORMANCE.md measures both).

Everything is pure: no I/O, no global state; the same input gives the same pairs and clusters.
"""

from __future__ import annotations

import heapq
import math
import re
import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

Vector = dict[str, float]

# Function words that carry no claim of their own; numbers are kept (they often are the claim).
STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having
    he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
    nor not now of off on once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your yours yourself yourselves
    s t d ll m re ve don doesn didn isn wasn weren won wouldn shouldn couldn aren hasn haven hadn mr mrs ms
    """.split()
)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def tokens(text: str) -> list[str]:
    """Lowercased content words of ``text`` in order: stopwords dropped, numbers kept, possessive
    and contracted endings split off ("Reid's" -> "reid")."""
    found = []
    for match in _WORD.finditer(text.lower()):
        word = match.group().replace("’", "'").split("'", 1)[0]
        if word and word not in STOPWORDS:
            found.append(word)
    return found


@dataclass(frozen=True)
class TfidfModel:
    """Inverse document frequencies learnt from a corpus of token lists.

    Weights are sublinear (1 + log tf) times the smoothed idf ``log((1 + N) / (1 + df)) + 1``; a term
    never seen in the corpus gets the idf of a term seen once less than never (df = 0).
    """

    idf: Mapping[str, float]
    documents: int

    @classmethod
    def fit(cls, docs: Sequence[Sequence[str]]) -> TfidfModel:
        df: Counter[str] = Counter()
        for doc in docs:
            df.update(set(doc))
        n = len(docs)
        return cls({term: math.log((1 + n) / (1 + count)) + 1 for term, count in df.items()}, n)

    def weight(self, term: str) -> float:
        found = self.idf.get(term)
        return found if found is not None else math.log(1 + self.documents) + 1

    def vector(self, tokens: Iterable[str]) -> Vector:
        """L2-normalised sparse TF-IDF vector; empty for no tokens."""
        counts = Counter(tokens)
        raw = {sys.intern(term): (1 + math.log(count)) * self.weight(term) for term, count in counts.items()}
        norm = math.sqrt(sum(w * w for w in raw.values()))
        return {term: w / norm for term, w in raw.items()} if norm else {}

    @staticmethod
    def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
        """Cosine of two L2-normalised sparse vectors (their dot product)."""
        return cosine(a, b)


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two sparse vectors; their cosine when both are L2-normalised."""
    if len(a) > len(b):
        a, b = b, a
    # Only the shared terms, in the shorter vector's order: the same sum, bit for bit, as adding
    # zeros for the others, in about two thirds of the time.
    return sum([w * b[term] for term, w in a.items() if term in b])


def candidate_pairs(
    vectors: Sequence[Mapping[str, float]],
    min_cosine: float,
    max_df: int | float = 1.0,
    groups: Sequence[str] | None = None,
    counts: Counter[str] | None = None,
    *,
    df: Mapping[str, int] | None = None,
    probe: Collection[int] | None = None,
) -> Iterator[tuple[int, int, float]]:
    """Every pair ``(i, j, cosine)`` with ``i < j`` and cosine >= ``min_cosine`` among L2-normalised
    sparse vectors, without comparing all pairs.

    Each vector is indexed under its rarer terms only: the most frequent terms are left out while their
    weights' L2 norm stays below ``min_cosine``, so a pair that reaches the threshold always shares an
    indexed term. The candidates an index look-up brings are pruned by an upper bound, and the exact
    cosine is computed for the rest. With ``max_df`` at 1.0 the result equals a brute-force comparison;
    terms in more than ``max_df`` vectors (a count when an int, a share of ``len(vectors)`` when a
    float) are never indexed, which bounds every posting list and makes the cost grow about linearly
    with the number of vectors, at the price of missing pairs that only such common terms link.
    Pairs of items in the same ``groups`` entry (the same document, say) are not reported. A ``counts``
    given is told how many pairs the index proposed (``candidates``), how many cosines were computed in
    full (``compared``) and how many pairs were reported (``pairs``).

    ``df``, when given, is a fixed count of the vectors each term is in (a story's frozen word
    frequencies, ``newsdesk.corpus.frequencies``), used in place of counting the ``vectors``: which
    terms are indexed, and so whether a pair is reported, is then a function of the two vectors
    alone, whatever others are compared with them (``max_df`` 1.0 then means no cap). ``probe``
    restricts the result to the pairs with at least one item in it (the items new to a story);
    with it, a pair comes as ``(smaller, larger, cosine)``.
    """
    if not 0 < min_cosine <= 1:
        raise ValueError(f"min_cosine must be in (0, 1], not {min_cosine}")
    if groups is not None and len(groups) != len(vectors):
        raise ValueError("groups must give one group per vector")
    n = len(vectors)
    limit: float = max_df if isinstance(max_df, int) else max_df * n
    if df is None:
        counted: Counter[str] = Counter()
        for vector in vectors:
            counted.update(vector.keys())
        df = counted
    elif not isinstance(max_df, int):
        if max_df != 1.0:
            raise ValueError("with fixed frequencies, max_df is a count, or 1.0 for no cap")
        limit = math.inf
    frequency = df.get
    # With ``probe``, the others are indexed first and only the probed items look the index up, so
    # that every pair with a probed item is found once, when its later item (a probed one) looks.
    looks = None if probe is None else set(probe)
    order = range(n) if looks is None else [i for i in range(n) if i not in looks] + sorted(looks)
    postings: defaultdict[str, tuple[array[int], array[float]]] = defaultdict(lambda: (array("l"), array("d")))
    bound = [0.0] * n  # L2 norm of each vector's unindexed part: the most it can add to a cosine
    for j in order:
        prefix, rest = indexed_part(vectors[j], frequency, limit, min_cosine)
        if looks is None or j in looks:
            yield from _probed(vectors, j, prefix, rest, postings, bound, groups, min_cosine, counts)
        for term, weight in prefix:
            ids, weights = postings[term]
            ids.append(j)
            weights.append(weight)
        bound[j] = rest


def indexed_part(
    vector: Mapping[str, float], frequency: Callable[[str], int | None], limit: float, min_cosine: float
) -> tuple[list[tuple[str, float]], float]:
    """The terms :func:`candidate_pairs` indexes a vector under, with their weights, and the L2
    norm of the rest (the most the rest can add to a cosine): a function of the vector, the term
    frequencies and the cap alone."""
    # Most frequent terms first: they stay out of the index while they cannot reach the threshold alone.
    # The rarest term two vectors share then lies in both indexed parts (the unindexed part is a tail
    # in one global order), so probing with the indexed part alone finds every pair that can qualify.
    threshold_sq = min_cosine * min_cosine
    prefix: list[tuple[str, float]] = []
    rest_sq = 0.0
    for term, weight in sorted(vector.items(), key=lambda item: (-(frequency(item[0]) or 0), item[0])):
        if (frequency(term) or 0) > limit or (not prefix and rest_sq + weight * weight < threshold_sq):
            rest_sq += weight * weight
        else:
            prefix.append((term, weight))
    return prefix, math.sqrt(rest_sq)


def _probed(
    vectors: Sequence[Mapping[str, float]],
    j: int,
    prefix: list[tuple[str, float]],
    rest: float,
    postings: Mapping[str, tuple[array[int], array[float]]],
    bound: list[float],
    groups: Sequence[str] | None,
    min_cosine: float,
    counts: Counter[str] | None,
) -> Iterator[tuple[int, int, float]]:
    """The pairs of item ``j`` with the items indexed before it (see :func:`candidate_pairs`)."""
    vector = vectors[j]
    partial: dict[int, float] = {}
    for term, weight in prefix:
        found = postings.get(term)
        if found is None:
            continue
        for i, other in zip(*found, strict=True):
            partial[i] = partial.get(i, 0.0) + other * weight
    compared = reported = 0
    for i in sorted(partial):
        if groups is not None and groups[i] == groups[j]:
            continue
        if partial[i] + bound[i] + rest < min_cosine:
            continue
        compared += 1
        score = cosine(vectors[i], vector)
        if score >= min_cosine:
            reported += 1
            yield min(i, j), max(i, j), score
    if counts is not None:
        counts.update(candidates=len(partial), compared=compared, pairs=reported)


def cluster(
    n: int,
    pairs: Iterable[tuple[int, int, float]],
    threshold: float,
    linkage: str = "average",
    *,
    cannot_link: Collection[tuple[int, int]] | None = None,
) -> list[list[int]]:
    """Cluster items ``0..n-1`` from scored pairs; a pair not given has similarity 0.

    ``single``: connected components of the pairs scoring at least ``threshold`` (union-find).
    ``average``: agglomerative merging, always of the two clusters with the highest mean pairwise
    similarity, while that mean is at least ``threshold``; only clusters linked by a given pair are ever
    compared. A pair given twice keeps its higher score. Clusters come out sorted by their first member,
    members ascending. Two clusters holding the two items of a ``cannot_link`` pair are never merged
    (single link then takes the pairs best first, so a blocked chain keeps its strongest links).
    """
    blocked = _blocked(n, cannot_link or ())
    if linkage == "single":
        groups = _single_link(n, pairs, threshold, blocked)
    elif linkage == "average":
        groups = _average_link(n, pairs, threshold, blocked)
    else:
        raise ValueError(f"linkage must be 'single' or 'average', not {linkage!r}")
    return sorted((sorted(members) for members in groups), key=lambda members: members[0])


def _blocked(n: int, cannot_link: Iterable[tuple[int, int]]) -> dict[int, set[int]]:
    """Each item's cannot-link partners (both ways); items outside ``0..n-1`` are an error."""
    blocked: defaultdict[int, set[int]] = defaultdict(set)
    for i, j in cannot_link:
        if not (0 <= i < n and 0 <= j < n):
            raise ValueError(f"cannot-link pair ({i}, {j}) is outside 0..{n - 1}")
        if i != j:
            blocked[i].add(j)
            blocked[j].add(i)
    return dict(blocked)


def _single_link(
    n: int, pairs: Iterable[tuple[int, int, float]], threshold: float, blocked: dict[int, set[int]]
) -> list[list[int]]:
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    if blocked:
        pairs = sorted(pairs, key=lambda pair: (-pair[2], pair[0], pair[1]))
    # The cannot-link partners of each component, named by its root (kept only when some are given).
    forbidden = {i: set(partners) for i, partners in blocked.items()}
    for i, j, score in pairs:
        if score >= threshold and i != j:
            a, b = root(i), root(j)
            if a != b and not (forbidden and b in {root(k) for k in forbidden.get(a, ())}):
                low, high = min(a, b), max(a, b)
                parent[high] = low
                if high in forbidden:
                    forbidden.setdefault(low, set()).update(forbidden.pop(high))
    members: defaultdict[int, list[int]] = defaultdict(list)
    for i in range(n):
        members[root(i)].append(i)
    return list(members.values())


def _average_link(
    n: int, pairs: Iterable[tuple[int, int, float]], threshold: float, blocked: dict[int, set[int]]
) -> list[list[int]]:
    best: dict[tuple[int, int], float] = {}
    for i, j, score in pairs:
        if i == j:
            continue
        key = (i, j) if i < j else (j, i)
        if score > best.get(key, -math.inf):
            best[key] = score
    # total[a][b]: the summed similarity between clusters a and b (a cluster is named by its smallest member)
    total: defaultdict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), score in best.items():
        total[i][j] = total[j][i] = score
    members = {i: [i] for i in range(n)}
    # forbidden[a]: the clusters that cluster a may never join (a cannot-link pair between them).
    forbidden = {i: set(partners) for i, partners in blocked.items()}
    version = [0] * n
    heap = [(-score, i, j, 0, 0) for (i, j), score in best.items() if score >= threshold]
    heapq.heapify(heap)
    while heap:
        negative, a, b, version_a, version_b = heapq.heappop(heap)
        if version[a] != version_a or version[b] != version_b or -negative < threshold:
            continue
        if b in forbidden.get(a, ()):
            continue
        # Merge b into a (a < b always holds for heap entries).
        members[a].extend(members.pop(b))
        if b in forbidden:
            for other in forbidden.pop(b):
                forbidden[other].discard(b)
                forbidden[other].add(a)
                forbidden.setdefault(a, set()).add(other)
        version[a] += 1
        version[b] = -1
        links_b = total.pop(b, {})
        links_a = total[a]
        links_a.pop(b, None)
        for other, score in links_b.items():
            if other == a:
                continue
            links_a[other] = links_a.get(other, 0.0) + score
            del total[other][b]
        size_a = len(members[a])
        for other, score in links_a.items():
            total[other][a] = score
            mean = score / (size_a * len(members[other]))
            if mean >= threshold:
                first, second = (a, other) if a < other else (other, a)
                heapq.heappush(heap, (-mean, first, second, version[first], version[second]))
    return list(members.values())


@dataclass(frozen=True, slots=True)
class Block:
    """One block of statements to compare among themselves (:func:`candidate_pairs`'s arguments):
    their vectors and groups, the score to reach, the posting-list cap, the members probed."""

    vectors: list[dict[str, float]]
    minimum: float
    cap: int | float
    groups: list[str]
    probe: list[int] | None


# What scores blocks: in this process (``score_blocks``), or mapped over a cluster's workers
# (``newsdesk.ingest.dask_runner``); either gives each block's pairs, in the blocks' order.
BlockScorer = Callable[[Sequence[Block], Mapping[str, int] | None], list[list[tuple[int, int, float]]]]


def score_blocks(blocks: Sequence[Block], df: Mapping[str, int] | None) -> list[list[tuple[int, int, float]]]:
    """Each block's pairs of different groups at its minimum, as :func:`candidate_pairs` finds them."""
    return [
        list(candidate_pairs(b.vectors, b.minimum, max_df=b.cap, groups=b.groups, df=df, probe=b.probe)) for b in blocks
    ]
