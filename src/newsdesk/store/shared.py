"""What both stores answer with the same SQL: the ``Store`` methods that read and replace the
story, run by the store modules (``document_read``, ``story``, ``pages``, ``corrections``,
``stories``) over a connection of either database (``store.sql.Database``).

``SQLiteStore`` and ``PostgresStore`` add their own connection, document writes, search and
snapshots, and say which of their database's errors are a document's own conflict (re-raised)
and which the database's fault (a :class:`StoreError` with one line).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import Any, ClassVar, TypeVar

from newsdesk.corpus.stories import StoredBook
from newsdesk.corpus.story_memo import DocMemo, StepChange
from newsdesk.model import (
    Claim,
    Correction,
    Document,
    Entity,
    EntityMention,
    ReferenceDate,
    Story,
    StoryCorrection,
    TimeExpression,
    TimelineEntry,
    Withdrawal,
)
from newsdesk.model.network import NetworkEdge
from newsdesk.model.speakers import QuoteKey, QuoteSpeaker, SpeakerLink
from newsdesk.store import (
    corrections,
    deep,
    document_read,
    keyset,
    memo,
    pages,
    quoted,
    relations,
    source_memo,
    speakers,
    story,
)
from newsdesk.store.base import (
    AnnotationKey,
    AnnotationQuery,
    AnnotationTable,
    ClaimQuery,
    DocumentHead,
    DocumentPlace,
    DocumentQuery,
    EntityHead,
    EntityQuery,
    EntitySummary,
    MentionKey,
    Page,
    RelationKey,
    RelationQuery,
    SpokenQuote,
    StoreError,
    StoreStats,
    TimelineQuery,
)
from newsdesk.store.kept import Kept, Remember
from newsdesk.store.memo import ClaimMemo, MemoChange
from newsdesk.store.source_memo import Posting, SourceChange, SourceMemo
from newsdesk.store.sql import Database
from newsdesk.store.stories import SQLiteStoryBook, document_stories, read_stories, read_story, story_of
from newsdesk.store.story_corrections import (
    add_story_correction,
    read_story_corrections,
    replace_story_results,
    story_result,
    story_result_fingerprints,
)

Result = TypeVar("Result")


def guarded(method: Callable[..., Result]) -> Callable[..., Result]:
    """A store method whose every database fault is a :class:`StoreError` with one line (a full
    disk, a damaged row, a lost server); a document's own conflict is left to its caller."""

    @functools.wraps(method)
    def run(self: SharedStore, *args: Any, **kwargs: Any) -> Result:
        try:
            return method(self, *args, **kwargs)
        except self.CONFLICTS:
            raise
        except self.FAULTS as error:
            raise StoreError(self.problem(error)) from None

    return run


class SharedStore:
    """The methods of ``base.Store`` both stores run alike over ``_db``."""

    _db: Database
    # A document's own conflict (a key stored twice), and what else reading or writing can raise.
    CONFLICTS: ClassVar[tuple[type[BaseException], ...]] = ()
    FAULTS: ClassVar[tuple[type[BaseException], ...]] = ()

    def problem(self, error: BaseException) -> str:
        """The database's fault in one line, naming the database."""
        raise NotImplementedError

    def _version(self) -> object:
        """What changes whenever the database does (a commit by this connection or another)."""
        raise NotImplementedError

    def _remember(self) -> Remember:
        """What this store keeps while the database is unchanged (``store.kept``): lists' counts,
        the keys along them."""
        kept: Kept | None = getattr(self, "_kept", None)
        if kept is None:
            kept = self._kept = Kept()
        return kept.remember(self._version())

    def _streamed(self, found: Iterator[Result]) -> Iterator[Result]:
        try:
            yield from found
        except self.CONFLICTS:
            raise
        except self.FAULTS as error:
            raise StoreError(self.problem(error)) from None

    # Documents (``store.document_read``).

    @guarded
    def has(self, document_id: str) -> bool:
        return document_read.has(self._db, document_id)

    @guarded
    def get(self, document_id: str) -> Document | None:
        return document_read.get(self._db, document_id)

    def documents(
        self, ids: Sequence[str] | None = None, annotations: bool | Iterable[str] = True
    ) -> Iterator[Document]:
        return self._streamed(document_read.documents(self._db, ids, annotations))

    @guarded
    def count(self) -> int:
        return document_read.count(self._db)

    @guarded
    def texts(self, ids: Sequence[str]) -> dict[str, str]:
        return document_read.texts(self._db, ids)

    @guarded
    def stats(self) -> StoreStats:
        return document_read.stats(self._db)

    # The story stages' tables (``store.story``).

    @guarded
    def story_stale(self) -> bool:
        return story.stale(self._db)

    @guarded
    def story_changes(self) -> int:
        return story.changes(self._db)

    @guarded
    def mark_story_built(self, changes: int) -> None:
        story.mark_built(self._db, changes)

    @guarded
    def replace_entities(self, entities: list[Entity], parts: Mapping[str, str] | None = None) -> None:
        story.replace_entities(self._db, entities, parts)

    @guarded
    def entity_parts(self) -> dict[str, str]:
        return story.read_entity_parts(self._db)

    @guarded
    def entity_keys(
        self, parts: Sequence[str] | None = None, documents: Sequence[str] | None = None
    ) -> list[tuple[str, str]]:
        return story.read_entity_keys(self._db, parts, documents)

    @guarded
    def entity_key_counts(self) -> dict[str, int]:
        return story.read_entity_key_counts(self._db)

    @guarded
    def key_parts(self, keys: Sequence[str]) -> list[tuple[str, str]]:
        return story.read_key_parts(self._db, keys)

    @guarded
    def replace_entity_keys(
        self,
        gone: Collection[str] | None,
        records: Sequence[tuple[str, int, int, str, str]],
        keys: Sequence[tuple[str, str]],
        documents: Sequence[tuple[str, int]] = (),
    ) -> None:
        story.replace_entity_keys(self._db, gone, records, keys, documents)

    @guarded
    def replace_speaker_links(self, links: Sequence[SpeakerLink], change: StepChange | None = None) -> None:
        speakers.replace_speaker_links(self._db, links, change)

    @guarded
    def fill_speaker_links(self) -> bool:
        """Links for a store made before the speaker links stage (``store.speakers``)."""
        return speakers.fill_speaker_links(self._db)

    @guarded
    def replace_relation_edges(self, edges: Sequence[NetworkEdge], change: StepChange | None = None) -> None:
        relations.replace_relation_edges(self._db, edges, change)

    @guarded
    def fill_relation_edges(self) -> bool:
        """Edges for a store made before the relation edges stage (``store.relations``)."""
        return relations.fill_relation_edges(self._db)

    @guarded
    def replace_story_time(
        self,
        references: dict[str, ReferenceDate],
        times: dict[str, tuple[TimeExpression, ...]],
        timeline: list[TimelineEntry],
        change: StepChange | None = None,
    ) -> None:
        story.replace_story_time(self._db, references, times, timeline, change)

    @guarded
    def step_memo(self, step: str) -> dict[str, DocMemo]:
        return story.read_step_memo(self._db, step)

    @guarded
    def replace_claims(self, claims: list[Claim], sources: dict[str, str] | None = None) -> None:
        story.replace_claims(self._db, claims, sources)

    @guarded
    def claim_memo(self, version: str) -> ClaimMemo:
        return memo.read_memo(self._db, version)

    @guarded
    def save_claim_memo(self, change: MemoChange) -> None:
        memo.save_memo(self._db, change)

    @guarded
    def source_memo(self, version: str) -> SourceMemo:
        return source_memo.read_source_memo(self._db, version)

    @guarded
    def source_postings(self, terms: Collection[str]) -> list[Posting]:
        return source_memo.read_postings(self._db, terms)

    @guarded
    def source_vectors(self, docs: Collection[str]) -> dict[str, dict[str, float]]:
        return source_memo.read_vectors(self._db, docs)

    @guarded
    def save_source_memo(self, change: SourceChange) -> None:
        source_memo.save_source_memo(self._db, change)

    @guarded
    def sources(self) -> dict[str, str]:
        return story.read_sources(self._db)

    @guarded
    def claims(self) -> list[Claim]:
        return story.read_claims(self._db)

    @guarded
    def reference_dates(self, ids: Sequence[str] | None = None) -> dict[str, ReferenceDate]:
        return story.read_reference_dates(self._db, ids)

    @guarded
    def timeline(self) -> list[TimelineEntry]:
        return story.read_timeline(self._db)

    @guarded
    def entities(self, ids: Sequence[str] | None = None) -> list[Entity]:
        return story.read_entities(self._db, ids)

    def each_entity(self) -> Iterator[Entity]:
        return self._streamed(story.iter_entities(self._db))

    def each_entity_head(self) -> Iterator[EntityHead]:
        return self._streamed(story.iter_entity_heads(self._db))

    @guarded
    def entity_mentions(self, entity_id: str, after: MentionKey | None, limit: int) -> list[EntityMention]:
        return story.read_mentions(self._db, entity_id, after, limit)

    def each_claim(self) -> Iterator[Claim]:
        return self._streamed(story.iter_claims(self._db))

    def each_timeline_entry(self) -> Iterator[TimelineEntry]:
        return self._streamed(story.iter_timeline(self._db))

    # Reads by page (``store.pages``).

    @guarded
    def document_page(self, query: DocumentQuery, offset: int, limit: int) -> Page[str]:
        return pages.document_page(self._db, query, offset, limit, self._remember())

    @guarded
    def entity_page(self, query: EntityQuery, offset: int, limit: int) -> Page[Entity]:
        return pages.entity_page(self._db, query, offset, limit)

    @guarded
    def entity_heads(self, query: EntityQuery, offset: int, limit: int, mentions: int = 0) -> Page[EntityHead]:
        return pages.entity_heads(self._db, query, offset, limit, mentions)

    @guarded
    def entities_named_in(self, ids: Sequence[str]) -> dict[str, list[Entity]]:
        return pages.entities_named_in(self._db, ids)

    @guarded
    def entity_names(self, ids: Sequence[str]) -> dict[str, str]:
        return pages.entity_names(self._db, ids)

    @guarded
    def annotation_page(
        self, table: AnnotationTable, query: AnnotationQuery, offset: int, limit: int
    ) -> Page[AnnotationKey]:
        return deep.annotation_page(self._db, self._remember(), table, query, offset, limit)

    def annotation_documents(
        self, table: AnnotationTable, query: AnnotationQuery, start: DocumentPlace | None = None
    ) -> Iterator[str]:
        return self._streamed(pages.annotation_documents(self._db, table, query, start))

    @guarded
    def annotations_after(
        self, table: AnnotationTable, query: AnnotationQuery, after: AnnotationKey, limit: int
    ) -> list[AnnotationKey] | None:
        return keyset.annotations_after(self._db, table, query, after, limit)

    @guarded
    def document_place(self, doc: str) -> DocumentPlace | None:
        return keyset.document_place(self._db, doc)

    @guarded
    def documents_after(self, query: DocumentQuery, after: str, limit: int) -> list[str] | None:
        return keyset.documents_after(self._db, query, after, limit)

    @guarded
    def claims_after(self, query: ClaimQuery, after: str, limit: int) -> list[Claim] | None:
        return keyset.claims_after(self._db, query, after, limit)

    @guarded
    def claim_page(self, query: ClaimQuery, offset: int, limit: int) -> Page[Claim]:
        return deep.claim_page(self._db, self._remember(), query, offset, limit)

    @guarded
    def claims_by_id(self, ids: Sequence[str]) -> list[Claim]:
        return pages.claims_by_id(self._db, ids)

    @guarded
    def key_claims(self, limit: int) -> list[str]:
        return pages.key_claims(self._db, limit)

    @guarded
    def claims_carried(self, ids: Sequence[str]) -> dict[str, list[str]]:
        return pages.claims_carried(self._db, ids)

    @guarded
    def timeline_page(self, query: TimelineQuery, offset: int, limit: int) -> Page[TimelineEntry]:
        return pages.timeline_page(self._db, query, offset, limit)

    @guarded
    def timeline_by_id(self, ids: Sequence[str]) -> list[TimelineEntry]:
        return pages.timeline_by_id(self._db, ids)

    @guarded
    def timeline_links(self, ids: Sequence[str]) -> dict[tuple[str, int, int], str]:
        return pages.timeline_links(self._db, ids)

    def quoted_names(self, kinds: Sequence[str]) -> Iterator[str]:
        return self._streamed(quoted.quoted_names(self._db, kinds))

    @guarded
    def relation_edges(self, ids: Sequence[str]) -> dict[str, list[NetworkEdge]]:
        return relations.edges_of(self._db, ids)

    @guarded
    def relation_page(self, query: RelationQuery, offset: int, limit: int) -> Page[NetworkEdge]:
        return relations.relation_page(self._db, query, offset, limit)

    @guarded
    def relations_after(self, query: RelationQuery, after: RelationKey, limit: int) -> list[NetworkEdge] | None:
        return relations.relations_after(self._db, query, after, limit)

    @guarded
    def source_page(self, offset: int, limit: int) -> Page[tuple[str, tuple[str, ...]]]:
        return pages.source_page(self._db, offset, limit)

    @guarded
    def counts(self) -> dict[str, int]:
        return pages.counts(self._db)

    # What the web's list pages read (``store.pages``).

    @guarded
    def outlet_counts(self, limit: int) -> list[tuple[str, int]]:
        return pages.outlet_counts(self._db, limit)

    @guarded
    def entity_summaries(self, query: EntityQuery, offset: int, limit: int) -> Page[EntitySummary]:
        return pages.entity_summaries(self._db, query, offset, limit)

    @guarded
    def document_heads(self, ids: Sequence[str]) -> dict[str, DocumentHead]:
        return pages.document_heads(self._db, ids)

    @guarded
    def spoken_quotes(self, ids: Sequence[str]) -> dict[str, list[SpokenQuote]]:
        return pages.spoken_quotes(self._db, ids)

    @guarded
    def quote_speakers(self, ids: Sequence[str]) -> dict[QuoteKey, QuoteSpeaker]:
        return pages.quote_speakers(self._db, ids)

    @guarded
    def timeline_values(self, query: TimelineQuery) -> list[tuple[str, int]]:
        return pages.timeline_values(self._db, query)

    @guarded
    def timeline_kinds(self) -> list[tuple[str, int]]:
        return pages.timeline_kinds(self._db)

    @guarded
    def entity_types(self) -> list[tuple[str, int]]:
        return pages.entity_types(self._db)

    # The analysts' corrections (``store.corrections``).

    @guarded
    def add_correction(self, correction: Correction) -> bool:
        return corrections.add_correction(self._db, correction)

    @guarded
    def corrections(self) -> list[Correction]:
        return corrections.read_corrections(self._db)

    @guarded
    def withdraw_correction(self, correction_id: str, withdrawal: Withdrawal) -> bool:
        return corrections.withdraw_correction(self._db, correction_id, withdrawal)

    # The story stage (``store.stories``).

    def story_book(self) -> StoredBook:
        return SQLiteStoryBook(self._db)

    @guarded
    def stories(self) -> list[Story]:
        return read_stories(self._db)

    @guarded
    def document_stories(self, ids: Sequence[str]) -> dict[str, tuple[str | None, str | None]]:
        return document_stories(self._db, ids)

    @guarded
    def story_of(self, story_id: str) -> str | None:
        return story_of(self._db, story_id)

    @guarded
    def story(self, story_id: str) -> Story | None:
        return read_story(self._db, story_id)

    @guarded
    def add_story_correction(self, correction: StoryCorrection) -> bool:
        return add_story_correction(self._db, correction)

    @guarded
    def story_corrections(self) -> list[StoryCorrection]:
        return read_story_corrections(self._db)

    @guarded
    def story_result(self, story_id: str) -> tuple[str, str] | None:
        return story_result(self._db, story_id)

    @guarded
    def story_result_fingerprints(self) -> dict[str, str]:
        return story_result_fingerprints(self._db)

    @guarded
    def replace_story_results(self, results: dict[str, tuple[str, str] | None]) -> None:
        replace_story_results(self._db, results)
