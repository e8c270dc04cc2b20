"""Each article's independent source, with copy detection that compares only new bodies.

An article that relays another outlet throughout counts as that outlet, else as its own outlet,
else as itself; articles whose bodies carry one text (a wire story, a copy: TF-IDF cosine at least
``SAME_TEXT``) share the source of the first of them (single link).

Incremental (issue 17): with the bodies' TF-IDF weights taken from word frequencies counted now
and then (the first run into an empty store, when the story has doubled since, when more than
``UNSEEN`` of its words were never counted, or ``newsdesk rebuild --recount``), whether two bodies
are a copy depends on the two alone (``similarity.candidate_pairs`` with ``df`` fixed). What copy
detection needs of each stored body is kept (``newsdesk.store.source_memo``): the terms it is
indexed under with their weights, the norm of the rest, the copies found; a run reads the bodies
that are new or changed, looks their indexed terms up among the stored postings, and compares in
full only the stored bodies that could reach ``SAME_TEXT``. A sequence of runs stores what one
from scratch stores with the same frequencies, and one run into an empty store counts the
frequencies over all its bodies, as the plain function :func:`independent_sources` does.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from typing import Protocol

from newsdesk.corpus import claim_memo
from newsdesk.corpus.similarity import TfidfModel, candidate_pairs, cluster, indexed_part, tokens
from newsdesk.model import Document
from newsdesk.store.memo import Frequencies
from newsdesk.store.source_memo import Body, Posting, SourceChange, SourceMemo

# What a term is (similarity.tokens of the body): counts of another version are counted again.
VERSION = "newsdesk.corpus.sources.words.v1"
# Two articles whose bodies are this similar carry one text (a wire story, a copy).
SAME_TEXT = 0.8
# Terms in more bodies than this are not indexed: posting lists stay bounded as the story grows.
MAX_DF = 100
# The frequencies are counted again when the story has this many times the bodies counted, or
# when this share of its words were never counted (as the claims' frequencies, claim_memo).
GROWTH = 2.0
UNSEEN = 0.05


class StoredBodies(Protocol):
    """Where the bodies compared before are kept (a store): the postings under some terms, and
    the vectors of some documents."""

    def source_postings(self, terms: Collection[str]) -> list[Posting]: ...

    def source_vectors(self, docs: Collection[str]) -> dict[str, dict[str, float]]: ...


class _NoBodies:
    def source_postings(self, terms: Collection[str]) -> list[Posting]:
        return []

    def source_vectors(self, docs: Collection[str]) -> dict[str, dict[str, float]]:
        return {}


NO_BODIES: StoredBodies = _NoBodies()


def own_source(document: Document) -> str:
    """The outlet an article relays throughout, else its own outlet, else itself."""
    relayed = _relays_throughout(document)
    if relayed is not None:
        return relayed
    return document.outlet.value if document.outlet is not None else document.source


def _relays_throughout(document: Document) -> str | None:
    """The outlet an article is built on: the one outlet it relays, said so in its first third
    ("Bloomberg reports" up top), not one it cites in passing further down."""
    relayed = {item.value for item in document.reported_from}
    if len(relayed) != 1:
        return None
    body = document.body_spans
    if not body:
        return None
    start, end = body[0].start, body[-1].end
    first = min((span.start for item in document.reported_from for span in item.evidence), default=end)
    return next(iter(relayed)) if first - start <= (end - start) / 3 else None


def independent_sources(documents: Sequence[Document]) -> dict[str, str]:
    """Each article's independent source, the bodies' frequencies counted over ``documents``."""
    words = [tokens(d.body) for d in documents]
    model = TfidfModel.fit(words)
    pairs = candidate_pairs([model.vector(w) for w in words], SAME_TEXT, max_df=MAX_DF)
    return _sourced(documents, [(documents[i].id, documents[j].id) for i, j, _ in pairs])


def _sourced(documents: Sequence[Document], copies: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each article's own source, or that of the first article (in ``documents``' order) its body
    is a copy of, through any chain of copies."""
    index = {d.id: i for i, d in enumerate(documents)}
    pairs = [(index[a], index[b], 1.0) for a, b in copies]
    groups = cluster(len(documents), pairs, SAME_TEXT, linkage="single")
    first = {i: members[0] for members in groups for i in members}
    return {d.id: own_source(documents[first[i]]) for i, d in enumerate(documents)}


def _digest(document: Document) -> str:
    return hashlib.sha256(document.body.encode()).hexdigest()


def incremental_sources(
    documents: Sequence[Document], memo: SourceMemo, stored: StoredBodies = NO_BODIES
) -> tuple[dict[str, str], SourceChange]:
    """:func:`independent_sources` comparing only the bodies new or changed since the runs a
    ``memo`` keeps (with ``forget``, every body), looking them up among the ``stored`` postings
    and comparing them with the stored vectors; the change to store in the memo comes second."""
    digests = {d.id: _digest(d) for d in documents}
    fresh = memo.forget
    changed = [d for d in documents if fresh or (b := memo.bodies.get(d.id)) is None or b.digest != digests[d.id]]
    renewed = {d.id for d in changed}
    kept = {} if fresh else {doc: b for doc, b in memo.bodies.items() if doc in digests and doc not in renewed}
    words = {d.id: tokens(d.body) for d in changed}
    frequencies = memo.frequencies
    recounted = _stale(frequencies, len(documents), kept.values(), words.values())
    if recounted:
        fresh, changed, kept = True, list(documents), {}
        words = {d.id: tokens(d.body) for d in documents}
        frequencies = claim_memo.counted(list(words.values()), VERSION)
    assert frequencies is not None  # counted when there were none
    dropped = frozenset(memo.bodies) if fresh else frozenset(memo.bodies.keys() - kept.keys())
    model = claim_memo.model_of(frequencies)
    counts = frequencies.counts
    vectors = {doc: model.vector(terms) for doc, terms in words.items()}
    bodies: dict[str, Body] = {}
    new_postings: list[Posting] = []
    rests: dict[str, float] = {}
    prefixes: dict[str, list[tuple[str, float]]] = {}
    for doc, vector in vectors.items():
        prefix, rest = indexed_part(vector, counts.get, MAX_DF, SAME_TEXT)
        prefixes[doc], rests[doc] = prefix, rest
        unseen = sum(1 for term in words[doc] if term not in counts)
        bodies[doc] = Body(digests[doc], rest, len(words[doc]), unseen)
        new_postings += [(term, doc, weight) for term, weight in prefix]
    # The stored bodies that could be a copy of a new one: those sharing an indexed term whose
    # shared weight, with the most their unindexed parts add, can reach SAME_TEXT.
    partial: dict[tuple[str, str], float] = defaultdict(float)
    if kept and prefixes:
        looked: defaultdict[str, list[tuple[str, float]]] = defaultdict(list)
        for doc, prefix in prefixes.items():
            for term, weight in prefix:
                looked[term].append((doc, weight))
        for term, old, weight in stored.source_postings(looked.keys()):
            if old in kept:
                for doc, mine in looked[term]:
                    partial[(old, doc)] += weight * mine
    # A margin keeps the pairs rounding could otherwise prune: they are compared in full below.
    near = {old for (old, doc), shared in partial.items() if shared + kept[old].bound + rests[doc] >= SAME_TEXT - 1e-9}
    order = {d.id: i for i, d in enumerate(documents)}
    old_ids = sorted(near, key=order.__getitem__)
    new_ids = sorted(vectors, key=order.__getitem__)
    kept_vectors = stored.source_vectors(old_ids) if old_ids else {}
    compared = [kept_vectors.get(doc) or model.vector(tokens(documents[order[doc]].body)) for doc in old_ids]
    compared += [vectors[doc] for doc in new_ids]
    ids = old_ids + new_ids
    probe = None if not old_ids else range(len(old_ids), len(ids))
    found = [
        (min(ids[i], ids[j]), max(ids[i], ids[j]))
        for i, j, _ in candidate_pairs(compared, SAME_TEXT, max_df=MAX_DF, df=counts, probe=probe)
    ]
    known = [] if fresh else [(a, b) for a, b in memo.copies if a not in dropped and b not in dropped]
    change = SourceChange(fresh, frequencies if recounted else None, dropped, bodies, new_postings, found, vectors)
    return _sourced(documents, known + found), change


def _stale(frequencies: Frequencies | None, documents: int, kept: Iterable[Body], new: Iterable[Sequence[str]]) -> bool:
    """Whether to count the frequencies again: none yet, another version, the story has grown
    ``GROWTH`` times since, or more than ``UNSEEN`` of its words (the kept bodies' as counted when
    they were compared, the new ones') were never counted."""
    if frequencies is None or frequencies.version != VERSION or documents > GROWTH * frequencies.statements:
        return True
    total = unseen = 0
    for body in kept:
        total += body.words
        unseen += body.unseen
    counts = frequencies.counts
    for terms in new:
        total += len(terms)
        unseen += sum(1 for term in terms if term not in counts)
    return unseen > UNSEEN * total
