"""The store interface: SQLite now, PostgreSQL later behind the same methods."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

from newsdesk.model import (
    Claim,
    Correction,
    Document,
    Entity,
    ReferenceDate,
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


@dataclass(frozen=True, slots=True)
class SnippetStyle:
    """How a search hit's snippet marks the matched words (``opening``, ``closing``) and the
    places it was cut (``cut``), how many words it holds, and whether it is taken from the body
    only or from whichever of headline and body matches best."""

    opening: str = "["
    closing: str = "]"
    cut: str = "…"
    words: int = 12
    body_only: bool = True


SNIPPET = SnippetStyle()


@dataclass(frozen=True, slots=True)
class SearchHit:
    doc: str
    snippet: str


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of the documents matching a query, best first, and how many match in all."""

    total: int
    hits: tuple[SearchHit, ...]


class Store(Protocol):
    def add(self, document: Document) -> bool:
        """Store a document in one transaction; False when its id is already stored."""

    def has(self, document_id: str) -> bool: ...

    def get(self, document_id: str) -> Document | None: ...

    def documents(self, ids: Sequence[str] | None = None) -> Iterator[Document]:
        """Every document in the store's order (by source, then id), or those of ``ids`` that
        are stored, in the order given; the cost in queries does not grow with their number."""

    def texts(self, ids: Sequence[str]) -> dict[str, str]:
        """The texts of the documents ``ids`` that are stored, by id."""

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        """Document ids and highlighted snippets matching a full-text query; ValueError if malformed."""

    def search_documents(
        self, query: str, offset: int = 0, limit: int = 20, style: SnippetStyle = SNIPPET
    ) -> SearchPage:
        """One page of the documents matching a full-text query, best first, each with a snippet
        marked as ``style`` says; ValueError if the query is malformed."""

    def reading(self) -> AbstractContextManager[None]:
        """Reads inside the block see one state of the store, whatever writers commit meanwhile."""

    def revision(self) -> int:
        """A number that changes when another writer commits to the store (compare two readings;
        the number itself means nothing)."""

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

    def close(self) -> None: ...
