"""The story's network: typed edges between actors, each with the statement that says so and its
date (``newsdesk.corpus.relations.v1``).

A statement that names two or more actors (people, organisations, states, groups) and a word of
one of the relation kinds below gives an edge between them. The direction is not read from the
syntax: an edge says these actors are tied by this kind of happening, and its evidence says how.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from newsdesk.model import Claim, Entity, Evidence

EXTRACTOR = "newsdesk.corpus.relations.v1"

_KINDS = {
    "alliance or partnership": r"alliance|allies|ally|partnership|partner|pact|treaty|agreement",
    "arms or equipment supplied": r"suppl(?:y|ied|ies)|deliver(?:ed|ies|y)?|transferr?ed|sold|provided|arms|weapons",
    "toppled or captured": r"toppl\w*|oust\w*|overthr\w*|captur\w*|seiz\w*|abduct\w*|detain\w*|detention|arrest\w*|"
    r"kidnap\w*|snatch\w*|dragged",
    "fled to": r"fled|flight|flee\w*",
    "met with": r"\bmet\b|meeting|summit|talks",
    "condemned": r"condemn\w*|denounc\w*|aggression|breach of international law|lambast\w*",
}
_PATTERNS = {kind: re.compile(rf"\b(?:{words})\b", re.I) for kind, words in _KINDS.items()}
_ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})


@dataclass(frozen=True, slots=True)
class Relation:
    source: str
    target: str
    kind: str
    evidence: Evidence
    date: str | None


def find_relations(claims: Sequence[Claim], entities: Sequence[Entity]) -> list[Relation]:
    """Edges between the actors of each statement that names a relation, one per pair, kind and statement."""
    types = {e.id: e.type for e in entities}
    found: list[Relation] = []
    for claim in claims:
        for statement in claim.statements:
            actors = [a for a in statement.actors if types.get(a) in _ACTOR_TYPES][:4]
            if len(actors) < 2:
                continue
            for kind, pattern in _PATTERNS.items():
                if not pattern.search(statement.text):
                    continue
                date = statement.dates[0][0] if statement.dates else None
                for first, second in combinations(sorted(actors), 2):
                    found.append(Relation(first, second, kind, Evidence(statement.doc, statement.span), date))
    return found
