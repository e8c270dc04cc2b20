"""The analysts' corrections: added one at a time, read back in the order they were made.

They are the one table the story stages never replace: every run reads them and replays them.
"""

from __future__ import annotations

import json

from newsdesk.model import Correction, CorrectionAction, Withdrawal
from newsdesk.store.connection import transaction
from newsdesk.store.sql import Database


def add_correction(db: Database, correction: Correction) -> bool:
    """Store ``correction``; False when one with its id is already stored."""
    with transaction(db):
        cursor = db.execute(
            "INSERT INTO corrections (id, action, groups, targets, who, made_at, why)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (
                correction.id,
                correction.action.value,
                json.dumps([list(group) for group in correction.groups]),
                json.dumps(list(correction.targets)),
                correction.who,
                correction.when,
                correction.why,
            ),
        )
    return cursor.rowcount == 1


def read_corrections(db: Database) -> list[Correction]:
    return [
        Correction(
            id=r["id"],
            action=CorrectionAction(r["action"]),
            groups=tuple(tuple(group) for group in json.loads(r["groups"])),
            targets=tuple(json.loads(r["targets"])),
            who=r["who"],
            when=r["made_at"],
            why=r["why"],
            withdrawn=Withdrawal(r["withdrawn_by"], r["withdrawn_at"], r["withdrawn_why"])
            if r["withdrawn_at"] is not None
            else None,
        )
        for r in db.execute("SELECT * FROM corrections ORDER BY seq")
    ]


def withdraw_correction(db: Database, correction_id: str, withdrawal: Withdrawal) -> bool:
    """Mark the correction withdrawn; False when there is none with that id or it already is."""
    with transaction(db):
        cursor = db.execute(
            "UPDATE corrections SET withdrawn_by = ?, withdrawn_at = ?, withdrawn_why = ?"
            " WHERE id = ? AND withdrawn_at IS NULL",
            (withdrawal.who, withdrawal.when, withdrawal.why, correction_id),
        )
    return cursor.rowcount == 1
