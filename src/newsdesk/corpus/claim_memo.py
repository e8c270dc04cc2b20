"""What makes the claims stage incremental: frozen word frequencies and each document's fingerprint.

With the TF-IDF weights of every statement taken from frequencies counted now and then (the first
story run into an empty store, when the story has doubled since, or ``newsdesk rebuild --recount``)
instead of from the whole story at each run, a statement's vector is its own, and whether two statements are a candidate pair, what
:func:`newsdesk.corpus.sameness.verify` says of them, and whether they are worded alike enough to
be related, depend on the two statements alone (``similarity.candidate_pairs`` with ``df`` fixed).
Those judgements are kept (``newsdesk.store.memo``) and a run recomputes only the pairs with a
statement of a touched document: a new one, or one whose fingerprint (a digest of everything the
stage reads of it: its statements, how they read, their terms) changed, as when entity resolution
gave one of its names another entity. Grouping, sources, related claims and conflicts are then
made from all the pairs, as a rebuild makes them, so a sequence of ingests stores what one
``rebuild`` stores with the same frequencies.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from newsdesk.corpus.sameness import Reading
from newsdesk.corpus.similarity import TfidfModel
from newsdesk.model import Statement
from newsdesk.store.memo import Frequencies

# What a term is (corpus.claims._terms: STEM letters of a word, word classes, actor ids): counts
# made under another version are counted again.
VERSION = "newsdesk.corpus.claims.terms.v1"
# The frequencies are counted again (and every pair judged again) when the story has this many
# times the statements they were counted over: they never describe less than half of it, and the
# recounts cost, over a story's growth, about one rebuild more.
GROWTH = 2.0
# ... or when this share of the story's words (each occurrence of a term) were never counted: the
# story has moved on to other things (a word never counted weighs the most, so that many of them
# would weigh common words of the new subject as if rare).
UNSEEN = 0.05


def counted(words: Sequence[Sequence[str]], version: str = VERSION) -> Frequencies:
    """In how many statements (or other texts, as counted under ``version``) each term is."""
    counts: Counter[str] = Counter()
    for terms in words:
        counts.update(set(terms))
    return Frequencies(version, len(words), dict(counts))


def stale(frequencies: Frequencies | None, words: Sequence[Sequence[str]]) -> bool:
    """Whether to count the frequencies again for a story of statements of ``words``: none yet,
    another version, the story has grown ``GROWTH`` times since they were counted, or more than
    ``UNSEEN`` of its words were never counted."""
    if frequencies is None or frequencies.version != VERSION or len(words) > GROWTH * frequencies.statements:
        return True
    counts = frequencies.counts
    total = sum(len(terms) for terms in words)
    unseen = sum(1 for terms in words for term in terms if term not in counts)
    return unseen > UNSEEN * total


def model_of(frequencies: Frequencies) -> TfidfModel:
    """The TF-IDF model of frozen frequencies: :meth:`TfidfModel.fit` over the statements counted."""
    n = frequencies.statements
    return TfidfModel({term: math.log((1 + n) / (1 + count)) + 1 for term, count in frequencies.counts.items()}, n)


def fingerprints(
    statements: Sequence[Statement],
    readings: Sequence[Reading],
    words: Sequence[Sequence[str]],
    documents: Sequence[str],
) -> dict[str, str]:
    """Each document's digest of what the claims stage reads of it (a document without statements
    has the digest of nothing)."""
    parts: dict[str, list[Any]] = defaultdict(list)
    for statement, reading, terms in zip(statements, readings, words, strict=True):
        parts[statement.doc].append((_plain(statement), _plain(reading), list(terms)))
    return {doc: hashlib.sha256(repr(parts.get(doc, [])).encode()).hexdigest() for doc in documents}


def _plain(value: Any) -> Any:
    """``value`` as lists, strings and numbers whose repr does not depend on the process (sets
    sorted, enums by value)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [type(value).__name__, [_plain(getattr(value, f.name)) for f in dataclasses.fields(value)]]
    if isinstance(value, enum.Enum):
        return _plain(value.value)
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(v) for v in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return sorted(([_plain(k), _plain(v)] for k, v in value.items()), key=repr)
    return value
