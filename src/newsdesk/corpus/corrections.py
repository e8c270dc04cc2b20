"""An analyst's corrections of the story's grouping, and how the corpus stages honour them (pure).

Claim and entity ids change whenever the story is recomputed, so a correction names what it
applies to by keys that do not: ``DOCID:START`` of the statements (claims) or mentions
(entities). Every run of the story stages replays every stored correction, in the order they
were made: for claims as must-link and cannot-link pairs of statements
(:class:`ClaimConstraints`, honoured by ``corpus.claims.find_claims``), for entities by merging
and splitting the resolved clusters (``corpus.entities.resolve_entities``).

A key finds the statement (or mention) that starts there, else the one that holds that
position, so a correction outlives a change of sentence splitting that moves a start; a key
whose document is gone finds nothing, and a correction left without what it needs is reported
"not applicable", never an error. When two corrections disagree about one pair, the later wins;
when must-links and cannot-links contradict each other through third statements, "not the
same" wins (a wrong merge costs more than a missed one).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import combinations, product

from newsdesk.model import (
    Claim,
    Correction,
    CorrectionAction,
    CorrectionState,
    Entity,
    Withdrawal,
    correction_id,
    statement_key,
)

CLAIM_ACTIONS = frozenset(
    {CorrectionAction.CLAIMS_MERGE, CorrectionAction.CLAIMS_SPLIT, CorrectionAction.CLAIMS_DISTINCT}
)
ENTITY_ACTIONS = frozenset({CorrectionAction.ENTITIES_MERGE, CorrectionAction.ENTITIES_SPLIT})
MAX_WHY = 2000
MAX_WHO = 200


class CorrectionError(ValueError):
    """A correction that cannot be made as asked; the message says why, in one line."""


class UnknownTarget(CorrectionError):
    """A claim or entity id that the story does not hold (now)."""


class BadCorrection(CorrectionError):
    """A correction asked with input that makes no sense (one claim to merge, a statement not in
    the claim, an empty reason, ...)."""


def now_utc() -> str:
    """The time of a correction: UTC, ISO 8601, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def parse_key(key: str) -> tuple[str, int]:
    """``DOCID:START`` as (document id, offset); BadCorrection when it is not one."""
    doc, _, start = key.strip().rpartition(":")
    if not doc or not start.isdigit():
        raise BadCorrection(f"{key!r} is not a key: expected DOCID:START, e.g. d0123456789abcdef:120")
    return doc, int(start)


class KeyIndex:
    """Finds items (statements or mentions, given as (document id, start, end)) by key: the
    items starting at the key's offset, else those holding it."""

    def __init__(self, spans: Iterable[tuple[str, int, int]]) -> None:
        by_doc: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        for index, (doc, start, end) in enumerate(spans):
            by_doc[doc].append((start, end, index))
        self._by_doc = {doc: sorted(items) for doc, items in by_doc.items()}

    def find(self, key: str) -> list[int]:
        try:
            doc, position = parse_key(key)
        except BadCorrection:
            return []
        items = self._by_doc.get(doc, [])
        here = bisect.bisect_left(items, (position, -1, -1))
        exact = [index for start, _, index in items[here:] if start == position]
        if exact:
            return exact
        return [index for start, end, index in items[:here] if start <= position < end]


@dataclass(frozen=True, slots=True)
class ClaimConstraints:
    """Pairs of statement keys, each pair sorted: known to be one claim (``must_link``) or known
    not to be (``cannot_link``)."""

    must_link: frozenset[tuple[str, str]] = frozenset()
    cannot_link: frozenset[tuple[str, str]] = frozenset()

    @classmethod
    def of(cls, corrections: Iterable[Correction]) -> ClaimConstraints:
        """The constraints of the claim corrections, replayed in order (a later judgement of a
        pair replaces an earlier one)."""
        same = _judged_pairs(corrections)
        return cls(
            must_link=frozenset(pair for pair, (judged, _) in same.items() if judged),
            cannot_link=frozenset(pair for pair, (judged, _) in same.items() if not judged),
        )

    def indexed(
        self, statements: Sequence[tuple[str, int, int]]
    ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """The must-link and cannot-link pairs as indices of ``statements`` ((doc, start, end)
        each); pairs a key of which finds no statement are left out."""
        if not self.must_link and not self.cannot_link:
            return [], []
        index = KeyIndex(statements)
        return _index_pairs(self.must_link, index), _index_pairs(self.cannot_link, index)


NO_CONSTRAINTS = ClaimConstraints()


def _index_pairs(pairs: Iterable[tuple[str, str]], index: KeyIndex) -> list[tuple[int, int]]:
    found: set[tuple[int, int]] = set()
    for a, b in pairs:
        for i, j in product(index.find(a), index.find(b)):
            if i != j:
                found.add((min(i, j), max(i, j)))
    return sorted(found)


def _judged_pairs(corrections: Iterable[Correction]) -> dict[tuple[str, str], tuple[bool, str]]:
    """Every pair of statement keys some claim correction judged: (same or not, by which
    correction), the later judgement of a pair replacing the earlier."""
    judged: dict[tuple[str, str], tuple[bool, str]] = {}

    def judge(a: str, b: str, same: bool, by: str) -> None:
        if a != b:
            judged[(a, b) if a < b else (b, a)] = (same, by)

    for correction in corrections:
        if correction.withdrawn is not None:
            continue
        if correction.action is CorrectionAction.CLAIMS_MERGE:
            for a, b in combinations(sorted(set(correction.keys)), 2):
                judge(a, b, True, correction.id)
        elif correction.action in (CorrectionAction.CLAIMS_SPLIT, CorrectionAction.CLAIMS_DISTINCT):
            if len(correction.groups) == 2:
                for a, b in product(*correction.groups):
                    judge(a, b, False, correction.id)
    return judged


@dataclass(frozen=True, slots=True)
class LabelledPair:
    """Two statements an analyst judged to be one claim (``same``) or not, by ``correction``."""

    a: str
    b: str
    same: bool
    correction: str


def labelled_pairs(corrections: Iterable[Correction]) -> list[LabelledPair]:
    """The analysts' judgements as labelled statement pairs, for evaluating the claim verifier:
    every pair a claim correction judged, as the latest correction judged it."""
    judged = _judged_pairs(corrections)
    return [LabelledPair(a, b, same, by) for (a, b), (same, by) in sorted(judged.items())]


# Making a correction from what the analyst picked in the story as now computed.


def merge_claims(claims: Sequence[Claim], ids: Sequence[str], who: str, why: str, when: str) -> Correction:
    """These claims are one claim."""
    chosen = _claims(claims, _distinct(ids, "claim", at_least=2))
    groups = tuple(tuple(_statement_keys(claim)) for claim in chosen)
    return _correction(CorrectionAction.CLAIMS_MERGE, groups, tuple(c.id for c in chosen), who, why, when)


def split_claim(
    claims: Sequence[Claim], claim_id: str, moved: Sequence[str], who: str, why: str, when: str
) -> Correction:
    """The statements ``moved`` (keys) are not the same claim as the claim's other statements."""
    (claim,) = _claims(claims, [claim_id])
    keys = _statement_keys(claim)
    wanted = _moved(keys, moved, "statement", f"claim {claim.id}")
    rest = tuple(k for k in keys if k not in wanted)
    return _correction(CorrectionAction.CLAIMS_SPLIT, (tuple(wanted), rest), (claim.id,), who, why, when)


def distinct_claims(claims: Sequence[Claim], ids: Sequence[str], who: str, why: str, when: str) -> Correction:
    """These two claims are not the same: none of their statements may ever be grouped together."""
    wanted = _distinct(ids, "claim", at_least=2)
    if len(wanted) != 2:
        raise BadCorrection(f"'not the same' takes two claims, not {len(wanted)}")
    chosen = _claims(claims, wanted)
    groups = tuple(tuple(_statement_keys(claim)) for claim in chosen)
    return _correction(CorrectionAction.CLAIMS_DISTINCT, groups, tuple(c.id for c in chosen), who, why, when)


def merge_entities(entities: Sequence[Entity], ids: Sequence[str], who: str, why: str, when: str) -> Correction:
    """These entities are one."""
    chosen = _entities(entities, _distinct(ids, "entity", at_least=2))
    groups = tuple(tuple(_mention_keys(entity)) for entity in chosen)
    return _correction(CorrectionAction.ENTITIES_MERGE, groups, tuple(e.id for e in chosen), who, why, when)


def split_entity(
    entities: Sequence[Entity], entity_id: str, moved: Sequence[str], who: str, why: str, when: str
) -> Correction:
    """The mentions ``moved`` (keys) are an entity of their own."""
    (entity,) = _entities(entities, [entity_id])
    wanted = _moved(_mention_keys(entity), moved, "mention", f"entity {entity.id}")
    return _correction(CorrectionAction.ENTITIES_SPLIT, (tuple(wanted),), (entity.id,), who, why, when)


def _moved(keys: Sequence[str], moved: Sequence[str], noun: str, owner: str) -> list[str]:
    """The keys an analyst moves out of ``owner`` (whose keys are ``keys``): each one of its own,
    and not all of them, or the split splits nothing."""
    wanted = _distinct([_canonical(k) for k in moved], noun, at_least=1)
    strangers = [k for k in wanted if k not in keys]
    if strangers:
        raise BadCorrection(f"not {noun}s of {owner}: {', '.join(strangers[:10])} (its keys: {', '.join(keys[:10])})")
    if len(set(wanted)) >= len(set(keys)):
        raise BadCorrection(f"moving every {noun} of {owner} out splits nothing: leave at least one")
    return wanted


def withdraw(corrections: Sequence[Correction], correction_id: str, who: str, why: str, when: str) -> Withdrawal:
    """The withdrawal of a stored correction: it stays on record and is no longer replayed."""
    found = next((c for c in corrections if c.id == correction_id.strip()), None)
    if found is None:
        raise UnknownTarget(f"no correction with id {correction_id!r}")
    if found.withdrawn is not None:
        raise BadCorrection(
            f"correction {found.id} was withdrawn already, by {found.withdrawn.who} on {found.withdrawn.when}"
        )
    who, why = _signed(who, why)
    return Withdrawal(who, when, why)


def mentions_written(entity: Entity, alias: str) -> list[str]:
    """The keys of the entity's mentions written ``alias`` (case and spacing aside)."""
    wanted = " ".join(alias.split()).casefold()
    return [
        statement_key(m.doc, m.span.start) for m in entity.mentions if " ".join(m.text.split()).casefold() == wanted
    ]


def _statement_keys(claim: Claim) -> list[str]:
    return list(dict.fromkeys(statement_key(s.doc, s.span.start) for s in claim.statements))


def _mention_keys(entity: Entity) -> list[str]:
    return list(dict.fromkeys(statement_key(m.doc, m.span.start) for m in entity.mentions))


def _canonical(key: str) -> str:
    doc, start = parse_key(key)
    return statement_key(doc, start)


def _distinct(ids: Sequence[str], kind: str, at_least: int) -> list[str]:
    wanted = list(dict.fromkeys(i.strip() for i in ids if i.strip()))
    if len(wanted) < at_least:
        raise BadCorrection(f"name at least {at_least} different {kind}{'s' if at_least > 1 else ''}")
    return wanted


def _claims(claims: Sequence[Claim], ids: Sequence[str]) -> list[Claim]:
    by_id = {c.id: c for c in claims}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise UnknownTarget(
            f"no claim with id {', '.join(map(repr, unknown))} (claim ids change when the story is recomputed)"
        )
    return [by_id[i] for i in ids]


def _entities(entities: Sequence[Entity], ids: Sequence[str]) -> list[Entity]:
    by_id = {e.id: e for e in entities}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise UnknownTarget(f"no entity with id {', '.join(map(repr, unknown))}")
    return [by_id[i] for i in ids]


def _correction(
    action: CorrectionAction,
    groups: tuple[tuple[str, ...], ...],
    targets: tuple[str, ...],
    who: str,
    why: str,
    when: str,
) -> Correction:
    who, why = _signed(who, why)
    return Correction(correction_id(action, groups, who, when, why), action, groups, targets, who, when, why)


def _signed(who: str, why: str) -> tuple[str, str]:
    who, why = " ".join(who.split()), why.strip()
    if not why:
        raise BadCorrection("say why: a correction without a reason cannot be reviewed")
    if not who:
        raise BadCorrection("say who makes the correction")
    if len(why) > MAX_WHY or len(who) > MAX_WHO:
        raise BadCorrection(f"keep 'why' under {MAX_WHY} and 'who' under {MAX_WHO} characters")
    return who, why


# Where a stored correction stands against the story as now computed.


@dataclass(frozen=True, slots=True)
class CorrectionStatus:
    """``state``; how many of the correction's keys still find a statement or mention
    (``found`` of ``keys``); the claims or entities that now hold them (``now``)."""

    state: CorrectionState
    found: int
    keys: int
    now: tuple[str, ...]


def correction_status(correction: Correction, claims: Sequence[Claim], entities: Sequence[Entity]) -> CorrectionStatus:
    """Whether the story as computed now shows the correction."""
    owners: list[str] = []
    spans: list[tuple[str, int, int]] = []
    if correction.action in CLAIM_ACTIONS:
        for claim in claims:
            for s in claim.statements:
                owners.append(claim.id)
                spans.append((s.doc, s.span.start, s.span.end))
    else:
        for entity in entities:
            for m in entity.mentions:
                owners.append(entity.id)
                spans.append((m.doc, m.span.start, m.span.end))
    index = KeyIndex(spans)
    held = [[sorted({owners[i] for i in index.find(key)}) for key in group] for group in correction.groups]
    found = sum(1 for group in held for owner in group if owner)
    keys = sum(len(group) for group in correction.groups)
    groups = [{owner for found_in in group for owner in found_in} for group in held]
    now = tuple(sorted(set().union(*groups))) if groups else ()
    live = [g for g in groups if g]
    if correction.withdrawn is not None:
        state = CorrectionState.WITHDRAWN
    elif correction.action in (CorrectionAction.CLAIMS_MERGE, CorrectionAction.ENTITIES_MERGE):
        if len(live) < 2:
            state = CorrectionState.NOT_APPLICABLE
        else:
            state = CorrectionState.IN_EFFECT if len(now) == 1 else CorrectionState.NOT_IN_EFFECT
    elif correction.action is CorrectionAction.ENTITIES_SPLIT:
        moved = {k for k in correction.keys}
        if not live:
            state = CorrectionState.NOT_APPLICABLE
        else:
            inside = [e for e in entities if e.id in now]
            alone = len(now) == 1 and all(
                statement_key(m.doc, m.span.start) in moved for e in inside for m in e.mentions
            )
            state = CorrectionState.IN_EFFECT if alone else CorrectionState.NOT_IN_EFFECT
    elif len(groups) != 2 or len(live) < 2:
        state = CorrectionState.NOT_APPLICABLE
    else:
        state = CorrectionState.IN_EFFECT if not groups[0] & groups[1] else CorrectionState.NOT_IN_EFFECT
    return CorrectionStatus(state, found, keys, now)
