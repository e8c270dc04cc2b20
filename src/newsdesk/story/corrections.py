"""The export's ``corrections`` section: each analyst's correction as made (what, on which
statements or mentions, who, when, why) and where it stands against the story as now computed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from newsdesk.corpus.corrections import (
    CLAIM_ACTIONS,
    MAX_WHO,
    MAX_WHY,
    CorrectionError,
    UnknownTarget,
    correction_status,
    distinct_claims,
    merge_claims,
    merge_entities,
    now_utc,
    parse_key,
    split_claim,
    split_entity,
    withdraw,
)
from newsdesk.model import Claim, Correction, Entity
from newsdesk.store.base import Store

# The analysts' corrections are made by the story stages' own functions; the API and the command
# line reach them through here.
__all__ = [
    "MAX_WHO",
    "MAX_WHY",
    "CorrectionError",
    "UnknownTarget",
    "correction_records",
    "correction_records_of",
    "distinct_claims",
    "merge_claims",
    "merge_entities",
    "now_utc",
    "split_claim",
    "split_entity",
    "withdraw",
]


def correction_records(
    corrections: Iterable[Correction], claims: Sequence[Claim], entities: Sequence[Entity]
) -> list[dict[str, Any]]:
    """In the order the corrections were made: ``groups`` are the keys (``DOCID:START``) it
    applies to, ``targets`` the claim or entity ids it was made on (ids change when the story is
    recomputed: ``now`` are those that hold its keys today)."""
    records = []
    for correction in corrections:
        status = correction_status(correction, claims, entities)
        records.append(
            {
                "id": correction.id,
                "action": correction.action.value,
                "groups": [list(group) for group in correction.groups],
                "targets": list(correction.targets),
                "who": correction.who,
                "when": correction.when,
                "why": correction.why,
                "status": status.state.value,
                "keys_found": status.found,
                "keys": status.keys,
                "now": list(status.now),
                "withdrawn": {
                    "who": correction.withdrawn.who,
                    "when": correction.withdrawn.when,
                    "why": correction.withdrawn.why,
                }
                if correction.withdrawn
                else None,
            }
        )
    return records


def correction_records_of(store: Store, target: str, claims: bool) -> list[dict[str, Any]]:
    """The records of the corrections of claims (``claims``) or of entities that bear on the
    claim or entity ``target`` now, read from the claims or entities holding their keys only
    (not every one of the story): each correction's status depends on those alone."""
    chosen = [c for c in store.corrections() if (c.action in CLAIM_ACTIONS) == claims]
    if not chosen:
        return []
    # A key finds the statement or mention starting at it, else the one holding it (``KeyIndex``).
    keys = {parse_key(key) for c in chosen for group in c.groups for key in group}
    docs = sorted({doc for doc, _ in keys})

    def holds(doc: str, start: int, end: int) -> bool:
        return any((doc, at) in keys for at in range(start, max(end, start + 1)))

    if claims:
        carried = sorted({claim for found in store.claims_carried(docs).values() for claim in found})
        held = [
            c for c in store.claims_by_id(carried) if any(holds(s.doc, s.span.start, s.span.end) for s in c.statements)
        ]
        records = correction_records(chosen, held, [])
    else:
        owners = {
            entity.id
            for named in store.entities_named_in(docs).values()
            for entity in named
            for m in entity.mentions
            if holds(m.doc, m.span.start, m.span.end)
        }
        records = correction_records(chosen, [], store.entities(sorted(owners)))
    return [r for r in records if target in r["now"]]
