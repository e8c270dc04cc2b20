"""SQLite store: numbered migrations, WAL, one transaction per document, FTS5 over the body.

``SQLiteStore`` implements ``base.Store`` (whose methods say what each does) by delegating to the
modules beside it, each documenting its own functions, one concern each: ``connection``
(opening, migrations, transactions), ``document_write`` and ``document_read`` (a document and its
annotations), ``fulltext`` (FTS5 search), ``story`` (the corpus stages' tables) and ``corrections``
(the analysts' corrections, which the stages replay).
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from newsdesk.corpus.stories import StoredBook
from newsdesk.model import (
    Claim,
    Correction,
    Document,
    Entity,
    ReferenceDate,
    Story,
    StoryCorrection,
    TimeExpression,
    TimelineEntry,
    Withdrawal,
)
from newsdesk.store import connection, corrections, document_read, document_write, fulltext, pages, story
from newsdesk.store.base import (
    SNIPPET,
    AnnotationKey,
    AnnotationQuery,
    AnnotationTable,
    ClaimQuery,
    DocumentHead,
    DocumentQuery,
    EntityQuery,
    EntitySummary,
    Page,
    SearchPage,
    SnippetStyle,
    StoreError,
    StoreStats,
    TimelineQuery,
)
from newsdesk.store.connection import migrations as _migrations  # noqa: F401 - tests list the migrations from here
from newsdesk.store.stories import SQLiteStoryBook, document_stories, read_stories, read_story, story_of
from newsdesk.store.story_corrections import (
    add_story_correction,
    read_story_corrections,
    replace_story_results,
    story_result,
    story_result_fingerprints,
)

# What reading a damaged database can raise besides SQLite's own errors: text that is not UTF-8,
# JSON that does not parse, a span that is not one, a row without its columns.
_DAMAGE = (sqlite3.Error, UnicodeError, ValueError, KeyError, TypeError, IndexError)

Result = TypeVar("Result")


def _guarded(method: Callable[..., Result]) -> Callable[..., Result]:
    """A store method whose every database fault is a :class:`StoreError` with one line: a full
    disk, a read-only medium, a damaged file (SQLite's, or a row that no longer decodes)."""

    @functools.wraps(method)
    def guarded(self: SQLiteStore, *args: Any, **kwargs: Any) -> Result:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.IntegrityError:
            raise  # a document's own conflict, not the database's
        except _DAMAGE as error:
            raise StoreError(connection.problem(self.path, error)) from None

    return guarded


class SQLiteStore:
    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        """The store at ``path``, brought up to date; ``create`` False: only an existing newsdesk
        database is opened (the read commands), never a new one."""
        self.path = Path(path)
        self._db = connection.open_writable(self.path, create=create)

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    @_guarded
    def schema_version(self) -> int:
        return connection.schema_version(self._db)

    @_guarded
    def has(self, document_id: str) -> bool:
        return document_read.has(self._db, document_id)

    def add(self, document: Document) -> bool:
        try:
            return document_write.add(self._db, document)
        except sqlite3.IntegrityError:
            raise
        except sqlite3.Error as error:  # the database's fault (a full disk, say), not the document's
            raise StoreError(connection.problem(self.path, error)) from None

    @_guarded
    def story_stale(self) -> bool:
        return story.stale(self._db)

    @_guarded
    def story_changes(self) -> int:
        return story.changes(self._db)

    @_guarded
    def mark_story_built(self, changes: int) -> None:
        story.mark_built(self._db, changes)

    @_guarded
    def get(self, document_id: str) -> Document | None:
        return document_read.get(self._db, document_id)

    def documents(
        self, ids: Sequence[str] | None = None, annotations: bool | Iterable[str] = True
    ) -> Iterator[Document]:
        return self._streamed(document_read.documents(self._db, ids, annotations))

    @_guarded
    def count(self) -> int:
        return document_read.count(self._db)

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        return fulltext.search(self._db, query, limit)

    def search_documents(
        self,
        query: str,
        offset: int = 0,
        limit: int = 20,
        style: SnippetStyle = SNIPPET,
        within: DocumentQuery | None = None,
    ) -> SearchPage:
        return fulltext.search_page(self._db, query, offset, limit, style, within)

    @classmethod
    def read_only(cls, path: str | Path) -> SQLiteStore:
        """A read-only store over an existing database, usable from any one thread at a time;
        no migrations run (open the database writable once first to bring it up to date)."""
        store = cls.__new__(cls)
        store.path = Path(path)
        store._db = connection.open_read_only(store.path)
        return store

    @contextmanager
    def reading(self) -> Iterator[None]:
        # A read transaction: SQLite keeps the snapshot it started on until COMMIT.
        self._db.execute("BEGIN")
        try:
            yield
        finally:
            self._db.execute("COMMIT")

    @_guarded
    def revision(self) -> int:
        # PRAGMA data_version: a counter that changes when another connection commits.
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    @_guarded
    def texts(self, ids: Sequence[str]) -> dict[str, str]:
        return document_read.texts(self._db, ids)

    @_guarded
    def stats(self) -> StoreStats:
        return document_read.stats(self._db)

    @_guarded
    def replace_entities(self, entities: list[Entity]) -> None:
        story.replace_entities(self._db, entities)

    @_guarded
    def replace_story_time(
        self,
        references: dict[str, ReferenceDate],
        times: dict[str, tuple[TimeExpression, ...]],
        timeline: list[TimelineEntry],
    ) -> None:
        story.replace_story_time(self._db, references, times, timeline)

    @_guarded
    def replace_claims(self, claims: list[Claim], sources: dict[str, str] | None = None) -> None:
        story.replace_claims(self._db, claims, sources)

    @_guarded
    def sources(self) -> dict[str, str]:
        return story.read_sources(self._db)

    @_guarded
    def claims(self) -> list[Claim]:
        return story.read_claims(self._db)

    @_guarded
    def reference_dates(self, ids: Sequence[str] | None = None) -> dict[str, ReferenceDate]:
        return story.read_reference_dates(self._db, ids)

    @_guarded
    def timeline(self) -> list[TimelineEntry]:
        return story.read_timeline(self._db)

    @_guarded
    def entities(self, ids: Sequence[str] | None = None) -> list[Entity]:
        return story.read_entities(self._db, ids)

    def each_entity(self) -> Iterator[Entity]:
        return self._streamed(story.iter_entities(self._db))

    def each_claim(self) -> Iterator[Claim]:
        return self._streamed(story.iter_claims(self._db))

    def each_timeline_entry(self) -> Iterator[TimelineEntry]:
        return self._streamed(story.iter_timeline(self._db))

    # Reads by page (``store.pages``).

    @_guarded
    def document_page(self, query: DocumentQuery, offset: int, limit: int) -> Page[str]:
        return pages.document_page(self._db, query, offset, limit)

    @_guarded
    def entity_page(self, query: EntityQuery, offset: int, limit: int) -> Page[Entity]:
        return pages.entity_page(self._db, query, offset, limit)

    @_guarded
    def entities_named_in(self, ids: Sequence[str]) -> dict[str, list[Entity]]:
        return pages.entities_named_in(self._db, ids)

    @_guarded
    def entity_names(self, ids: Sequence[str]) -> dict[str, str]:
        return pages.entity_names(self._db, ids)

    @_guarded
    def annotation_page(
        self, table: AnnotationTable, query: AnnotationQuery, offset: int, limit: int
    ) -> Page[AnnotationKey]:
        return pages.annotation_page(self._db, table, query, offset, limit)

    def annotation_documents(self, table: AnnotationTable, query: AnnotationQuery) -> Iterator[str]:
        return self._streamed(pages.annotation_documents(self._db, table, query))

    @_guarded
    def claim_page(self, query: ClaimQuery, offset: int, limit: int) -> Page[Claim]:
        return pages.claim_page(self._db, query, offset, limit)

    @_guarded
    def claims_by_id(self, ids: Sequence[str]) -> list[Claim]:
        return pages.claims_by_id(self._db, ids)

    @_guarded
    def key_claims(self, limit: int) -> list[str]:
        return pages.key_claims(self._db, limit)

    @_guarded
    def claims_carried(self, ids: Sequence[str]) -> dict[str, list[str]]:
        return pages.claims_carried(self._db, ids)

    @_guarded
    def timeline_page(self, query: TimelineQuery, offset: int, limit: int) -> Page[TimelineEntry]:
        return pages.timeline_page(self._db, query, offset, limit)

    @_guarded
    def timeline_by_id(self, ids: Sequence[str]) -> list[TimelineEntry]:
        return pages.timeline_by_id(self._db, ids)

    @_guarded
    def timeline_links(self, ids: Sequence[str]) -> dict[tuple[str, int, int], str]:
        return pages.timeline_links(self._db, ids)

    def relation_documents(self) -> Iterator[str]:
        return self._streamed(pages.relation_documents(self._db))

    @_guarded
    def source_page(self, offset: int, limit: int) -> Page[tuple[str, tuple[str, ...]]]:
        return pages.source_page(self._db, offset, limit)

    @_guarded
    def counts(self) -> dict[str, int]:
        return pages.counts(self._db)

    @_guarded
    def outlet_counts(self, limit: int) -> list[tuple[str, int]]:
        return pages.outlet_counts(self._db, limit)

    @_guarded
    def entity_summaries(self, query: EntityQuery, offset: int, limit: int) -> Page[EntitySummary]:
        return pages.entity_summaries(self._db, query, offset, limit)

    @_guarded
    def document_heads(self, ids: Sequence[str]) -> dict[str, DocumentHead]:
        return pages.document_heads(self._db, ids)

    @_guarded
    def timeline_values(self, query: TimelineQuery) -> list[tuple[str, int]]:
        return pages.timeline_values(self._db, query)

    @_guarded
    def timeline_kinds(self) -> list[tuple[str, int]]:
        return pages.timeline_kinds(self._db)

    @_guarded
    def entity_types(self) -> list[tuple[str, int]]:
        return pages.entity_types(self._db)

    def _streamed(self, found: Iterator[Result]) -> Iterator[Result]:
        try:
            yield from found
        except _DAMAGE as error:
            raise StoreError(connection.problem(self.path, error)) from None

    def add_correction(self, correction: Correction) -> bool:
        return corrections.add_correction(self._db, correction)

    def corrections(self) -> list[Correction]:
        return corrections.read_corrections(self._db)

    def withdraw_correction(self, correction_id: str, withdrawal: Withdrawal) -> bool:
        return corrections.withdraw_correction(self._db, correction_id, withdrawal)

    # The story stage (store/stories.py).

    def story_book(self) -> StoredBook:
        return SQLiteStoryBook(self._db)

    @_guarded
    def stories(self) -> list[Story]:
        return read_stories(self._db)

    @_guarded
    def story(self, story_id: str) -> Story | None:
        return read_story(self._db, story_id)

    @_guarded
    def document_stories(self, ids: Sequence[str]) -> dict[str, tuple[str | None, str | None]]:
        return document_stories(self._db, ids)

    @_guarded
    def story_of(self, story_id: str) -> str | None:
        return story_of(self._db, story_id)

    def add_story_correction(self, correction: StoryCorrection) -> bool:
        return add_story_correction(self._db, correction)

    @_guarded
    def story_corrections(self) -> list[StoryCorrection]:
        return read_story_corrections(self._db)

    @_guarded
    def story_result(self, story_id: str) -> tuple[str, str] | None:
        return story_result(self._db, story_id)

    @_guarded
    def story_result_fingerprints(self) -> dict[str, str]:
        return story_result_fingerprints(self._db)

    @_guarded
    def replace_story_results(self, results: dict[str, tuple[str, str] | None]) -> None:
        replace_story_results(self._db, results)
