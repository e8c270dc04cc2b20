"""What the claims stage keeps between ingests (``newsdesk.corpus.claim_memo``): the frozen word
frequencies, each document's fingerprint and the pairs of statements judged. Plain data here, and
its reading and writing (SQLite migrations 0019 and 0031, PostgreSQL 0007 and 0019)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from newsdesk.store.connection import transaction
from newsdesk.store.sql import Database

# A statement: its document and where it starts.
Key = tuple[str, int]
# A judged pair: (kind, first statement, second statement), kind a verdict's value or "related".
PairKey = tuple[str, Key, Key]


@dataclass(frozen=True, slots=True)
class Frequencies:
    """In how many of ``statements`` statements each term is, as counted under ``version``."""

    version: str
    statements: int
    counts: Mapping[str, int]


@dataclass(frozen=True, slots=True)
class ClaimMemo:
    """The stored state: frequencies (None before the first count), fingerprints, judged pairs;
    ``forget`` asks a run to judge every pair again and replace what is stored."""

    frequencies: Frequencies | None = None
    fingerprints: Mapping[str, str] = field(default_factory=dict)
    pairs: Mapping[PairKey, float] = field(default_factory=dict)
    forget: bool = False
    # Each document's statements and readings as derived (``claim_memo.Derived``, packed), with
    # the key of what they were derived from.
    derived: Mapping[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class MemoChange:
    """What one claims run changes in the memo: with ``fresh``, everything stored is dropped first;
    ``frequencies`` when counted anew; the fingerprints of the documents recomputed; ``dropped``,
    the documents whose pairs are removed (recomputed ones, and those no longer stored); the pairs
    judged in this run; the documents derived again (their key and packed derivation), and
    ``gone``, those no longer stored."""

    fresh: bool
    frequencies: Frequencies | None
    fingerprints: Mapping[str, str]
    dropped: frozenset[str]
    pairs: Sequence[tuple[PairKey, float]]
    derived: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    gone: frozenset[str] = frozenset()


def read_memo(db: Database, version: str) -> ClaimMemo:
    total = db.execute("SELECT statements FROM claim_frequency_totals WHERE version = ?", (version,)).fetchone()
    frequencies = None
    if total is not None:
        counts = dict(db.execute("SELECT term, statements FROM claim_frequencies WHERE version = ?", (version,)))
        frequencies = Frequencies(version, int(total[0]), counts)
    fingerprints = dict(db.execute("SELECT doc_id, fingerprint FROM claim_memo_documents"))
    pairs = {
        (kind, (a_doc, a_start), (b_doc, b_start)): score
        for kind, a_doc, a_start, b_doc, b_start, score in db.execute(
            "SELECT kind, a_doc, a_start, b_doc, b_start, score FROM claim_memo_pairs"
        )
    }
    derived = {doc: (key, data) for doc, key, data in db.execute("SELECT doc_id, key, derived FROM claim_memo_derived")}
    return ClaimMemo(frequencies, fingerprints, pairs, derived=derived)


def save_memo(db: Database, change: MemoChange) -> None:
    with transaction(db):
        if change.fresh:
            db.execute("DELETE FROM claim_memo_documents")
            db.execute("DELETE FROM claim_memo_pairs")
            db.execute("DELETE FROM claim_memo_derived")
        if change.frequencies is not None:
            version = change.frequencies.version
            db.execute("DELETE FROM claim_frequencies")
            db.execute("DELETE FROM claim_frequency_totals")
            db.execute(
                "INSERT INTO claim_frequency_totals (version, statements) VALUES (?, ?)",
                (version, change.frequencies.statements),
            )
            db.executemany(
                "INSERT INTO claim_frequencies (version, term, statements) VALUES (?, ?, ?)",
                [(version, term, count) for term, count in sorted(change.frequencies.counts.items())],
            )
        dropped = sorted(change.dropped)
        db.executemany("DELETE FROM claim_memo_pairs WHERE a_doc = ?", [(doc,) for doc in dropped])
        db.executemany("DELETE FROM claim_memo_pairs WHERE b_doc = ?", [(doc,) for doc in dropped])
        db.executemany("DELETE FROM claim_memo_documents WHERE doc_id = ?", [(doc,) for doc in dropped])
        db.executemany(
            "INSERT INTO claim_memo_documents (doc_id, fingerprint) VALUES (?, ?)",
            sorted(change.fingerprints.items()),
        )
        db.executemany(
            "INSERT INTO claim_memo_pairs (kind, a_doc, a_start, b_doc, b_start, score) VALUES (?, ?, ?, ?, ?, ?)",
            [(kind, a[0], a[1], b[0], b[1], score) for (kind, a, b), score in change.pairs],
        )
        renewed = [(doc,) for doc in sorted(change.gone | change.derived.keys())]
        db.executemany("DELETE FROM claim_memo_derived WHERE doc_id = ?", renewed)
        db.executemany(
            "INSERT INTO claim_memo_derived (doc_id, key, derived) VALUES (?, ?, ?)",
            [(doc, key, data) for doc, (key, data) in sorted(change.derived.items())],
        )
