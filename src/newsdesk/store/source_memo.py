"""What the independent-sources stage keeps between ingests (``newsdesk.corpus.copies``): the
frozen word frequencies of the bodies, what each stored body is indexed under for copy detection,
and the pairs of bodies found to carry one text. Plain data here, and its reading and writing
(SQLite migration 0030, PostgreSQL 0018)."""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from newsdesk.store.connection import transaction
from newsdesk.store.memo import Frequencies
from newsdesk.store.sql import Database

# A body's indexed term: (term, document, the term's weight in the body's vector).
Posting = tuple[str, str, float]
# Terms looked up at once (bound parameters of one query).
_BATCH = 500


@dataclass(frozen=True, slots=True)
class Body:
    """What is kept of one stored body: a digest of it (a body that changed is compared again),
    the L2 norm of its vector's unindexed part (the most it adds to a cosine beyond its postings),
    how many words it has and how many of those the frequencies never counted."""

    digest: str
    bound: float
    words: int
    unseen: int


@dataclass(frozen=True, slots=True)
class SourceMemo:
    """The stored state: frequencies (None before the first count), the bodies kept, the pairs of
    documents carrying one text; ``forget`` asks a run to compare every body again and replace
    what is stored."""

    frequencies: Frequencies | None = None
    bodies: Mapping[str, Body] = field(default_factory=dict)
    copies: Sequence[tuple[str, str]] = ()
    forget: bool = False


@dataclass(frozen=True, slots=True)
class SourceChange:
    """What one run changes in the memo: with ``fresh``, everything stored is dropped first;
    ``frequencies`` when counted anew; ``dropped``, the documents whose body, postings and copies
    are removed (changed ones, and those no longer stored); the bodies compared in this run, their
    postings, their vectors and the copies found."""

    fresh: bool
    frequencies: Frequencies | None
    dropped: frozenset[str]
    bodies: Mapping[str, Body]
    postings: Sequence[Posting]
    copies: Sequence[tuple[str, str]]
    vectors: Mapping[str, Mapping[str, float]] = field(default_factory=dict)


def read_source_memo(db: Database, version: str) -> SourceMemo:
    total = db.execute("SELECT bodies FROM source_frequency_totals WHERE version = ?", (version,)).fetchone()
    frequencies = None
    if total is not None:
        counts = dict(db.execute("SELECT term, bodies FROM source_frequencies WHERE version = ?", (version,)))
        frequencies = Frequencies(version, int(total[0]), counts)
    bodies = {
        doc: Body(digest, float(bound), int(words), int(unseen))
        for doc, digest, bound, words, unseen in db.execute(
            "SELECT doc_id, digest, bound, words, unseen FROM source_bodies"
        )
    }
    copies = [(a, b) for a, b in db.execute("SELECT a_doc, b_doc FROM source_copies ORDER BY a_doc, b_doc")]
    return SourceMemo(frequencies, bodies, copies)


def read_postings(db: Database, terms: Collection[str]) -> list[Posting]:
    """The stored bodies indexed under any of ``terms``."""
    wanted = sorted(set(terms))
    found: list[Posting] = []
    for first in range(0, len(wanted), _BATCH):
        batch = wanted[first : first + _BATCH]
        marks = ", ".join("?" * len(batch))
        found += [
            (term, doc, float(weight))
            for term, doc, weight in db.execute(
                f"SELECT term, doc_id, weight FROM source_postings WHERE term IN ({marks})", batch
            )
        ]
    return found


def read_vectors(db: Database, docs: Collection[str]) -> dict[str, dict[str, float]]:
    """The TF-IDF vectors of the stored bodies of ``docs``, each in its own order."""
    wanted = sorted(set(docs))
    found: dict[str, dict[str, float]] = {}
    for first in range(0, len(wanted), _BATCH):
        batch = wanted[first : first + _BATCH]
        marks = ", ".join("?" * len(batch))
        for doc, vector in db.execute(f"SELECT doc_id, vector FROM source_bodies WHERE doc_id IN ({marks})", batch):
            found[doc] = json.loads(vector)
    return found


def save_source_memo(db: Database, change: SourceChange) -> None:
    with transaction(db):
        if change.fresh:
            for table in ("source_bodies", "source_postings", "source_copies"):
                db.execute(f"DELETE FROM {table}")
        if change.frequencies is not None:
            version = change.frequencies.version
            db.execute("DELETE FROM source_frequencies")
            db.execute("DELETE FROM source_frequency_totals")
            db.execute(
                "INSERT INTO source_frequency_totals (version, bodies) VALUES (?, ?)",
                (version, change.frequencies.statements),
            )
            db.executemany(
                "INSERT INTO source_frequencies (version, term, bodies) VALUES (?, ?, ?)",
                [(version, term, count) for term, count in sorted(change.frequencies.counts.items())],
            )
        dropped = [(doc,) for doc in sorted(change.dropped)]
        if not change.fresh:
            db.executemany("DELETE FROM source_copies WHERE a_doc = ?", dropped)
            db.executemany("DELETE FROM source_copies WHERE b_doc = ?", dropped)
            db.executemany("DELETE FROM source_postings WHERE doc_id = ?", dropped)
            db.executemany("DELETE FROM source_bodies WHERE doc_id = ?", dropped)
        db.executemany(
            "INSERT INTO source_bodies (doc_id, digest, bound, words, unseen, vector) VALUES (?, ?, ?, ?, ?, ?)",
            [
                (doc, b.digest, b.bound, b.words, b.unseen, json.dumps(change.vectors.get(doc, {})))
                for doc, b in sorted(change.bodies.items())
            ],
        )
        db.executemany("INSERT INTO source_postings (term, doc_id, weight) VALUES (?, ?, ?)", change.postings)
        db.executemany("INSERT INTO source_copies (a_doc, b_doc) VALUES (?, ?)", sorted(change.copies))
