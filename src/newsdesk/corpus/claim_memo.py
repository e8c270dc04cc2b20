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
import functools
import hashlib
import json
import math
import types
import typing
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from newsdesk.corpus.sameness import Reading
from newsdesk.corpus.similarity import TfidfModel
from newsdesk.model import Document, Entity, Statement
from newsdesk.store.memo import Frequencies

# What a term is (corpus.claims._terms: STEM letters of a word, word classes, actor ids): counts
# made under another version are counted again.
VERSION = "newsdesk.corpus.claims.terms.v1"
# What a document's statements, their readings and terms, and its sentences are, and how they are
# kept (``Derived``): kept ones derived under another version are derived again.
DERIVED = "newsdesk.corpus.claims.derived.v1"
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


@dataclasses.dataclass(frozen=True, slots=True)
class Derived:
    """What the claims stage derives of one document: its statements, with (verified claims) how
    each reads and its terms, and its body sentences (what the conflicts compare)."""

    statements: list[Statement]
    words: list[list[str]]
    readings: list[Reading] | None
    sentences: list[Statement] | None


def derivation_keys(
    documents: Sequence[Document], entities: Iterable[Entity], stands: Mapping[str, Sequence[str]]
) -> dict[str, str]:
    """Each document's digest of everything its statements, readings, terms and sentences are
    derived from: its text and annotations (a stored document does not change, so its text, its
    extractors and how many propositions and quotes it has stand for them), its times as the
    story time stage re-read them, its outlets, and the entity each of its mentions resolved to
    with what that entity stands for (in the order the entities are given: the first one covering
    a character is the one found there). A document whose digest is kept need not be derived again."""
    mentions: dict[str, list[tuple[int, int, str, tuple[str, ...]]]] = defaultdict(list)
    for entity in entities:
        targets = tuple(stands.get(entity.id, ()))
        for mention in entity.mentions:
            mentions[mention.doc].append((mention.span.start, mention.span.end, entity.id, targets))
    keys = {}
    for document in documents:
        own = (
            hashlib.sha256(document.text.encode()).hexdigest(),
            document.extractors,
            len(document.propositions),
            len(document.quotes),
            document.outlet,
            document.reported_from,
            document.times,
        )
        digest = hashlib.sha256(repr((DERIVED, document.id, own, mentions.get(document.id, []))).encode())
        keys[document.id] = digest.hexdigest()
    return keys


def packed(derived: Derived) -> str:
    """``derived`` as kept in the store: JSON of its fields in order (sets sorted, enums by value)."""
    return json.dumps(_encoded(derived), ensure_ascii=False, separators=(",", ":"))


def unpacked(text: str) -> Derived:
    """What :func:`packed` kept, as it was."""
    found = _decoder(Derived)(json.loads(text))
    assert isinstance(found, Derived)
    return found


def _encoded(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [_encoded(getattr(value, f.name)) for f in dataclasses.fields(value)]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (set, frozenset)):
        return sorted((_encoded(v) for v in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [_encoded(v) for v in value]
    return value


@functools.cache
def _decoder(kind: Any) -> Callable[[Any], Any]:
    """What reads a value :func:`_encoded` wrote back as ``kind`` (made once per type)."""
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        parts = [_decoder(hints[f.name]) for f in dataclasses.fields(kind)]
        made = kind
        return lambda value: made(*[read(item) for read, item in zip(parts, value, strict=True)])
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        inner = _decoder(next(a for a in args if a is not type(None)))
        return lambda value: None if value is None else inner(value)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        each = _decoder(args[0])
        return lambda value: tuple([each(item) for item in value])
    if origin is tuple:
        parts = [_decoder(a) for a in args]
        return lambda value: tuple([read(item) for read, item in zip(parts, value, strict=True)])
    if origin in (frozenset, set):
        each = _decoder(args[0])
        return lambda value: frozenset([each(item) for item in value])
    if origin is list:
        each = _decoder(args[0])
        return lambda value: [each(item) for item in value]
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind
    return _same


def _same(value: Any) -> Any:
    return value
