"""Corrections in the store: kept in the order made, stored once, untouched by the story stages'
replacements; and a migration left out by a parallel branch is applied on the next open."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsdesk.model import Correction, CorrectionAction, correction_id
from newsdesk.store import open_store
from newsdesk.store.sqlite import _migrations


def _correction(why: str, when: str) -> Correction:
    groups = (("d1:0", "d1:40"), ("d2:7",))
    action = CorrectionAction.CLAIMS_MERGE
    return Correction(correction_id(action, groups, "Ana", when, why), action, groups, ("c1", "c2"), "Ana", when, why)


def test_corrections_are_kept_in_order_once_and_through_replacements(location: str) -> None:
    later = _correction("b", "2026-03-12T10:00:00+00:00")
    earlier = _correction("a", "2026-03-12T11:00:00+00:00")  # made after, though its clock says earlier
    with open_store(location) as store:
        assert store.corrections() == []
        assert store.add_correction(later) and store.add_correction(earlier)
        assert not store.add_correction(later)
        store.replace_claims([], {})
        store.replace_entities([])
    with open_store(location) as store:
        assert store.corrections() == [later, earlier]


def test_a_migration_missed_below_the_highest_is_applied(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    open_store(path).close()
    db = sqlite3.connect(path)
    # As if the database had been opened by a branch without migration 0010.
    db.executescript("DROP TABLE sources; DELETE FROM schema_migrations WHERE version = 10;")
    db.close()
    with open_store(path) as store:
        assert store.sources() == {}
        assert store.schema_version() == max(version for version, _, _ in _migrations())
