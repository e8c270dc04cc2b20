"""What makes the speaker links, story time and relation edges steps incremental: each
document's digest of what a step reads of it (kept in the store's ``story_step_memo``, migration
0029, PostgreSQL 0017).

Each of these steps makes its rows document by document, from the document's own annotations and
the story's entities as they touch it (which entity each character of a mention stands for, and
those entities' names, types and links). A run digests, for every document, exactly that; a
document whose digest is the one kept from the last run (``newsdesk.store.step_memo``) is not
recomputed and its stored rows stay, the others are recomputed and only their rows replaced. The
story time reads more than its document (an undated article is dated from the dated ones that
share its actors, and from other articles' reports of the same day): ``corpus.timeline.date_story``
widens its touched set through those indexes. Without a memo (``newsdesk rebuild``, or a story
page worked out on its own) every document is recomputed, by the same code, so a sequence of
ingests stores what one rebuild stores.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from newsdesk.model import Document, Entity, entity_at

# A run of characters of one document that one entity's mention stands for: (start, end, entity
# id, the mention's sense).
Run = tuple[int, int, str, str]


@dataclass(frozen=True, slots=True)
class DocMemo:
    """One document as one step last read it: the digest of its inputs and the step's state of it
    (JSON text; empty for a step that keeps none)."""

    digest: str
    state: str = ""


@dataclass(frozen=True, slots=True)
class StepChange:
    """What one run of a step changes: with ``fresh`` every row of the step is replaced, else the
    rows of the documents ``recomputed`` (with their new memo) and of those ``dropped`` (no longer
    stored)."""

    step: str
    fresh: bool
    recomputed: Mapping[str, DocMemo]
    dropped: frozenset[str] = field(default_factory=frozenset)

    @property
    def replaced(self) -> list[str]:
        """The documents whose rows the step replaces (all of them when ``fresh``)."""
        return sorted({*self.recomputed, *self.dropped})


def digest(value: Any) -> str:
    """A digest of ``value``: the model's records and what the steps pass hold no sets, so their
    repr does not depend on the process."""
    return hashlib.sha256(repr(value).encode()).hexdigest()


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class StoryView:
    """The story's entities as each document sees them: the entity each character of a mention
    stands for, the first in the story's order where two mentions cover one character (``at``,
    as ``model.entity_at``, the speaker finder and the network read them), and the entities named
    in each document, in the story's order."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.entities = entities
        self.types = {entity.id: entity.type for entity in entities}
        self.at = entity_at(list(entities))
        self._named: dict[str, dict[str, Entity]] = {}
        self._mentions: dict[str, list[Run]] = {}  # each document's mentions, in the story's order
        for entity in entities:
            for mention in entity.mentions:
                self._named.setdefault(mention.doc, {}).setdefault(entity.id, entity)
                if mention.span.end > mention.span.start:
                    run = (mention.span.start, mention.span.end, entity.id, mention.sense)
                    self._mentions.setdefault(mention.doc, []).append(run)

    def named(self, doc: str) -> list[Entity]:
        """The entities with a mention in ``doc``, in the story's order."""
        return list(self._named.get(doc, {}).values())

    def runs(self, doc: str) -> list[Run]:
        """Which entity (and sense) each character of ``doc``'s mentions stands for, as runs of
        characters: what does not depend on the story's order of entities (which the mention
        counts of other articles change) unless two mentions overlap."""
        mentions = self._mentions.get(doc, [])
        ordered = sorted(mentions)
        if any(b[0] < a[1] for a, b in pairwise(ordered)):
            # Overlapping mentions: each character goes to the first in the story's order.
            first: dict[int, Run] = {}
            for mention in mentions:
                for position in range(mention[0], mention[1]):
                    first.setdefault(position, mention)
            ordered = [(p, p + 1, *first[p][2:]) for p in sorted(first)]
        found: list[Run] = []
        for start, end, entity, sense in ordered:
            if found and found[-1][1] == start and found[-1][2:] == (entity, sense):
                found[-1] = (found[-1][0], end, entity, sense)
            else:
                found.append((start, end, entity, sense))
        return found


def touched(memo: Mapping[str, DocMemo] | None, digests: Mapping[str, str]) -> set[str]:
    """The documents whose digest is not the one kept (all of them without a memo)."""
    if memo is None:
        return set(digests)
    return {doc for doc, made in digests.items() if (kept := memo.get(doc)) is None or kept.digest != made}


def dropped(memo: Mapping[str, DocMemo] | None, documents: Iterable[str]) -> frozenset[str]:
    """The documents kept in the memo that are no longer stored."""
    return frozenset(set(memo or ()) - set(documents))


def to_recompute(
    step: str,
    documents: Sequence[Document],
    digest_of: Callable[[Document], str],
    memo: Mapping[str, DocMemo] | None,
) -> tuple[list[Document], StepChange]:
    """The documents of a step that keeps no state beyond digests whose digest changed since the
    ``memo`` kept (all of them without one), in their order, and the change to store with their
    rows."""
    digests = {d.id: digest_of(d) for d in documents}
    again = touched(memo, digests)
    change = StepChange(step, memo is None, {doc: DocMemo(digests[doc]) for doc in again}, dropped(memo, digests))
    return [d for d in documents if d.id in again], change


def in_order(view: StoryView, wanted: set[str]) -> list[Entity]:
    """The entities ``wanted`` in the story's order."""
    return [entity for entity in view.entities if entity.id in wanted]
