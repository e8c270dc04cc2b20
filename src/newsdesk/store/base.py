"""The store interface: SQLite now, PostgreSQL later behind the same methods."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from newsdesk.corpus.stories import StoredBook
from newsdesk.model import (
    Claim,
    Correction,
    Document,
    Entity,
    ReferenceDate,
    Story,
    TimeExpression,
    TimelineEntry,
    Withdrawal,
)


class StoreError(Exception):
    """The database cannot be opened or used; the message says which file and why, in one line."""


@dataclass(frozen=True, slots=True)
class StoreStats:
    documents: int
    characters: int
    body_characters: int
    removed_by_reason: dict[str, int]
    languages: dict[str, int]
    outlets: dict[str, int]
    published_how: dict[str, int]


class Store(Protocol):
    def add(self, document: Document) -> bool:
        """Store a document in one transaction; False when its id is already stored."""

    def has(self, document_id: str) -> bool: ...

    def get(self, document_id: str) -> Document | None: ...

    def documents(self) -> Iterator[Document]: ...

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        """Document ids and highlighted snippets matching a full-text query; ValueError if malformed."""

    def stats(self) -> StoreStats: ...

    def count(self) -> int: ...

    def replace_entities(self, entities: list[Entity]) -> None:
        """Store the corpus stage's entities in place of the previous ones, in one transaction."""

    def entities(self) -> list[Entity]: ...

    def replace_story_time(
        self,
        references: dict[str, ReferenceDate],
        times: dict[str, tuple[TimeExpression, ...]],
        timeline: list[TimelineEntry],
    ) -> None:
        """Store the timeline stage's result (reference dates, re-read times, timeline) in one transaction."""

    def reference_dates(self) -> dict[str, ReferenceDate]: ...

    def replace_claims(self, claims: list[Claim], sources: dict[str, str] | None = None) -> None:
        """Store the claims stage's result (and each article's independent source, when given) in
        place of the previous one, in one transaction."""

    def sources(self) -> dict[str, str]:
        """Each article's independent source, as the claims stage last found it."""

    def claims(self) -> list[Claim]: ...

    def timeline(self) -> list[TimelineEntry]: ...

    def story_stale(self) -> bool:
        """Whether articles were stored since the story stages last completed (or a run of them
        was cut off)."""

    def story_changes(self) -> int:
        """The count of changes the story stages would build from, read before they read the articles."""

    def mark_story_built(self, changes: int) -> None:
        """Record that the story stages completed over the articles as of ``changes``."""

    def add_correction(self, correction: Correction) -> bool:
        """Store an analyst's correction (kept through every rebuild); False when one with its id
        is already stored."""

    def corrections(self) -> list[Correction]:
        """The analysts' corrections in the order they were made, withdrawn ones included."""

    def withdraw_correction(self, correction_id: str, withdrawal: Withdrawal) -> bool:
        """Mark a correction withdrawn (kept, no longer replayed); False when there is none with
        that id or it is withdrawn already."""

    def story_book(self) -> StoredBook:
        """The story stage's book: what it reads of the stories found so far, and where it
        stores what changed."""

    def stories(self) -> list[Story]:
        """Every story (not merged into another), newest first."""

    def story_of(self, story_id: str) -> str | None:
        """The story an id stands for now (itself, or the one it was merged into); None if unknown."""

    def close(self) -> None: ...
