"""The store interface: SQLite now, PostgreSQL later behind the same methods."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, Literal, Protocol, TypeVar

from newsdesk.corpus.stories import StoredBook
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

if TYPE_CHECKING:  # the memo's module writes through store.connection, which imports this one
    from newsdesk.corpus.story_memo import DocMemo, StepChange
    from newsdesk.store.memo import ClaimMemo, MemoChange
    from newsdesk.store.source_memo import Posting, SourceChange, SourceMemo


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


Item = TypeVar("Item")


def contains(needle: str | None, haystack: str | None) -> bool:
    """Case-insensitive substring match (Unicode case folding); no needle matches everything."""
    if not needle:
        return True
    return bool(haystack) and needle.casefold() in str(haystack).casefold()


def in_range(value: str | None, since: str | None, until: str | None) -> bool:
    """An ISO date (2025, 2025-05, 2025-05-03) within [since, until], compared on the precision
    both share, so that 2025-05 is within 2025-05-01..2025-05-31."""
    if since is None and until is None:
        return True
    if not value:
        return False
    if since is not None and value[: len(since)] < since[: len(value)]:
        return False
    return not (until is not None and value[: len(until)] > until[: len(value)])


@dataclass(frozen=True, slots=True)
class DocumentHead:
    """What a page cites an article by: its place in the store's order (from 1), where it comes
    from, its headline and outlet, and the outlets it relays."""

    position: int
    source: str
    title: str | None
    outlet: str | None
    relays: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """An entity as a list shows it: how many mentions and articles, how it is written."""

    id: str
    name: str
    type: str
    description: str | None
    mentions: int
    articles: int
    aliases: tuple[str, ...]
    relations: tuple[str, ...] = ()  # of its links to other entities (stands-for, demonym-of, ...)


@dataclass(frozen=True, slots=True)
class EntityHead:
    """An entity read without all its mentions: ``entity`` holds its first few (or none), and
    ``mentions``, ``articles`` and ``aliases`` are the stored counts and names over all of them."""

    entity: Entity
    mentions: int
    articles: int
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SpokenQuote:
    """A quote as the briefing counts it: where it is, its words, and whom the speaker links stage
    listed it under (``name``: None when unattributed) with that speaker's description."""

    doc: str
    start: int
    end: int
    kind: str
    text: str
    channel: str | None
    attitude: bool
    name: str | None
    description: str | None


# Where a page of one entity's mentions starts: after this (document, start, end).
MentionKey = tuple[str, int, int]
# Where a document stands in the store's order: its source, then its id.
DocumentPlace = tuple[str, str]


def mention_key(text: str) -> MentionKey:
    """``DOC:START:END`` (the document id may itself hold colons) as a key; ValueError if it is not one."""
    doc, _, end = text.rpartition(":")
    doc, _, start = doc.rpartition(":")
    if not doc or not start.isdigit() or not end.isdigit():
        raise ValueError(f"after must be DOC:START:END, not {text!r}")
    return doc, int(start), int(end)


def mention_after(mention: EntityMention) -> str:
    """The ``after`` that pages on from ``mention`` (as :func:`mention_key` reads it)."""
    return f"{mention.doc}:{mention.span.start}:{mention.span.end}"


@dataclass(frozen=True, slots=True)
class Page(Generic[Item]):
    """``items``: one page of what a query matches, in the story's order; ``total``: how many match
    (``more``: more than ``total`` match, where counting them all would cost too much)."""

    total: int
    items: tuple[Item, ...]
    more: bool = False


DocumentOrder = Literal["store", "published", "outlet", "title"]
EntityOrder = Literal["mentions", "name"]
AnnotationOrder = Literal["story", "speaker"]  # the export's order, or by the speaker as written
TimelineOrder = Literal["date", "documents"]  # documents: most reported first

# Filters of the reads by page. Text filters match case-insensitively anywhere in the text; dates
# are ISO dates of any precision (2025, 2025-05, 2025-05-03), compared on the precision both share.


@dataclass(frozen=True, slots=True)
class DocumentQuery:
    outlet: str | None = None  # the outlet, or (unless ``outlet_only``) an outlet it relays
    outlet_only: bool = False
    title: str | None = None
    language: str | None = None
    published_from: str | None = None  # the publication date, or the reference date standing in for it
    published_to: str | None = None
    doc: str | None = None
    entity: str | None = None  # mentions this entity
    story: str | None = None  # one of this story's articles (those whose main story it is)
    order: DocumentOrder = "store"
    descending: bool = False


@dataclass(frozen=True, slots=True)
class EntityQuery:
    id: str | None = None
    type: str | None = None
    name: str | None = None  # the name or an alias
    doc: str | None = None  # mentioned in this document
    story: str | None = None  # mentioned in one of this story's articles
    order: EntityOrder = "mentions"


AnnotationTable = Literal["quotes", "times", "events"]


@dataclass(frozen=True, slots=True)
class AnnotationQuery:
    """Quotes, times or events: of one document; of these quote kinds; of this time type; of this
    event modality; dated (times, events) within a range; in documents that mention an entity
    (``entity``); quotes whose speaker is listed under a name holding ``speaker`` (case-folded),
    or is the entity ``speaker_entity`` (both as the speaker links stage stored them)."""

    doc: str | None = None
    kinds: tuple[str, ...] = ()
    type: str | None = None
    modality: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    entity: str | None = None
    speaker: str | None = None
    id: str | None = None  # a quote's id
    outlet: str | None = None  # in documents of this outlet (the name exactly)
    published_from: str | None = None  # in documents published within the range (as DocumentQuery)
    published_to: str | None = None
    words: tuple[str, ...] = ()  # the text holds each (case-insensitive)
    story: str | None = None  # in one of this story's articles
    order: AnnotationOrder = "story"
    speaker_entity: str | None = None  # quotes whose speaker is this entity
    matching: str | None = None  # in documents this full-text query matches


@dataclass(frozen=True, slots=True)
class AnnotationKey:
    """Where an annotation is: its document and start, and what tells it from another there
    (a quote's end and kind; a time's end; an event's trigger and date)."""

    doc: str
    start: int
    detail: tuple[object, ...]


ClaimOrder = Literal["story", "sources", "documents"]


@dataclass(frozen=True, slots=True)
class ClaimQuery:
    min_sources: int = 1
    min_documents: int = 1
    contested: bool | None = None
    doc: str | None = None
    entity: str | None = None  # named in a statement
    text: str | None = None
    kind: str | None = None
    order: ClaimOrder = "story"  # sources / documents: most first
    outlet: str | None = None  # stated in a document of this outlet (the name exactly)
    published_from: str | None = None  # stated in a document published within the range
    published_to: str | None = None
    words: tuple[str, ...] = ()  # the text holds each (case-insensitive)
    story: str | None = None  # stated in one of this story's articles
    matching: str | None = None  # stated in a document this full-text query matches


@dataclass(frozen=True, slots=True)
class RelationQuery:
    entity: str | None = None  # from or to this entity
    kind: str | None = None


# Where an edge of the network is: its document, and its place among the document's edges (from 1).
RelationKey = tuple[str, int]


@dataclass(frozen=True, slots=True)
class TimelineQuery:
    entity: str | None = None
    doc: str | None = None
    disputed: bool | None = None
    date_from: str | None = None
    date_to: str | None = None
    kind: str | None = None
    min_documents: int = 1  # reported by at least this many articles
    outlet: str | None = None  # reported in a document of this outlet (the name exactly)
    words: tuple[str, ...] = ()  # the label holds each (case-insensitive)
    story: str | None = None  # reported in one of this story's articles
    order: TimelineOrder = "date"  # documents: most reported first


class Store(Protocol):
    def add(self, document: Document) -> bool:
        """Store a document in one transaction; False when its id is already stored."""

    def has(self, document_id: str) -> bool: ...

    def get(self, document_id: str) -> Document | None: ...

    def documents(
        self, ids: Sequence[str] | None = None, annotations: bool | Iterable[str] = True
    ) -> Iterator[Document]:
        """Every document in the store's order (by source, then id), or those of ``ids`` that
        are stored, in the order given; the cost in queries does not grow with their number.
        ``annotations``: all of them (True), none (False: the documents as cleaned and dated),
        or those named: mentions, quotes, times, events, relations, propositions."""

    def texts(self, ids: Sequence[str]) -> dict[str, str]:
        """The texts of the documents ``ids`` that are stored, by id."""

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        """Document ids and highlighted snippets matching a full-text query; ValueError if malformed."""

    def search_documents(
        self,
        query: str,
        offset: int = 0,
        limit: int = 20,
        style: SnippetStyle = SNIPPET,
        within: DocumentQuery | None = None,
    ) -> SearchPage:
        """One page of the documents matching a full-text query, best first, each with a snippet
        marked as ``style`` says; ValueError if the query is malformed. ``within``: only the
        documents of its outlet (the name exactly), publication dates, story and entity."""

    def reading(self) -> AbstractContextManager[None]:
        """Reads inside the block see one state of the store, whatever writers commit meanwhile."""

    def revision(self) -> int:
        """A number that changes when another writer commits to the store (compare two readings;
        the number itself means nothing)."""

    def stats(self) -> StoreStats: ...

    def count(self) -> int: ...

    def replace_entities(self, entities: list[Entity], parts: Mapping[str, str] | None = None) -> None:
        """Store the corpus stage's entities in place of the previous ones, in one transaction,
        each with its part of the story's mentions (``parts``, by entity id; ``corpus.entity_parts``)."""

    def entity_parts(self) -> dict[str, str]:
        """The part each stored entity was resolved in, by entity id (entities without one left out)."""

    def entity_keys(
        self, parts: Sequence[str] | None = None, documents: Sequence[str] | None = None
    ) -> list[tuple[str, str]]:
        """Each stored mention's record of the entity partition (``corpus.entity_parts.Keyed`` as
        JSON) with its part: (part, record), of every part, or of those ``parts``, or of the
        mentions of those ``documents``."""

    def entity_key_counts(self) -> dict[str, int]:
        """How many mentions each document the entity partition holds has (its records stored)."""

    def key_parts(self, keys: Sequence[str]) -> list[tuple[str, str]]:
        """The stored parts of the entity partition holding each of ``keys``: (key, part)."""

    def replace_entity_keys(
        self,
        gone: Collection[str] | None,
        records: Sequence[tuple[str, int, int, str, str]],
        keys: Sequence[tuple[str, str]],
        documents: Sequence[tuple[str, int]] = (),
    ) -> None:
        """Store the partition's change in one transaction: the records and keys of the parts
        ``gone`` (of every part and document, when None) deleted, then ``records`` ((document,
        start, end, part, record)), ``keys`` ((key, part)) and the new ``documents`` (with the count
        of their mentions keyed) added."""

    def entities(self, ids: Sequence[str] | None = None) -> list[Entity]:
        """The story's entities (those ``ids`` only, when given) in its order: most mentioned first."""

    def replace_speaker_links(self, links: Sequence[SpeakerLink], change: StepChange | None = None) -> None:
        """Store the speaker links stage's result (who said each quote) in place of the previous
        one, in one transaction; with a ``change`` that is not fresh, the links of its documents
        only (``links`` are theirs), and the step's memo with them."""

    def replace_story_time(
        self,
        references: dict[str, ReferenceDate],
        times: dict[str, tuple[TimeExpression, ...]],
        timeline: list[TimelineEntry],
        change: StepChange | None = None,
    ) -> None:
        """Store the timeline stage's result (reference dates, re-read times, timeline) in one
        transaction; with a ``change`` that is not fresh, the reference dates and times of its
        documents only (``references`` holds theirs), and the step's memo with them."""

    def step_memo(self, step: str) -> dict[str, DocMemo]:
        """What the story step ``step`` kept of each document at its last run
        (``newsdesk.store.step_memo``)."""

    def reference_dates(self, ids: Sequence[str] | None = None) -> dict[str, ReferenceDate]:
        """Each document's reference date (of those ``ids`` only, when given)."""

    def replace_claims(self, claims: list[Claim], sources: dict[str, str] | None = None) -> None:
        """Store the claims stage's result (and each article's independent source, when given) in
        place of the previous one, in one transaction."""

    def sources(self) -> dict[str, str]:
        """Each article's independent source, as the claims stage last found it."""

    def claim_memo(self, version: str) -> ClaimMemo:
        """What the claims stage kept of its runs before (``newsdesk.store.memo``): the word
        frequencies counted under ``version`` (None when none are), each document's fingerprint and
        the pairs of statements judged."""

    def save_claim_memo(self, change: MemoChange) -> None:
        """Apply one claims run's change to the memo, in one transaction."""

    def source_memo(self, version: str) -> SourceMemo:
        """What copy detection kept of its runs before (``newsdesk.store.source_memo``): the
        bodies' word frequencies counted under ``version`` (None when none are), each body
        compared and the copies found; the postings are read by :meth:`source_postings`."""

    def source_postings(self, terms: Collection[str]) -> list[Posting]:
        """The stored bodies indexed under any of ``terms``: (term, document, weight)."""

    def source_vectors(self, docs: Collection[str]) -> dict[str, dict[str, float]]:
        """The TF-IDF vectors copy detection kept of the bodies of ``docs``."""

    def save_source_memo(self, change: SourceChange) -> None:
        """Apply one copy detection run's change to the memo, in one transaction."""

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

    # Whole sections read as they are needed (the streamed export): what is kept in memory does
    # not grow with the story.

    def each_entity(self) -> Iterator[Entity]:
        """The entities in the story's order, each with its mentions and links."""

    def each_claim(self) -> Iterator[Claim]:
        """The claims in the story's order."""

    def each_timeline_entry(self) -> Iterator[TimelineEntry]:
        """The timeline in date order."""

    # Reads by page: each costs a bounded number of indexed queries, whatever the story's size.

    def document_page(self, query: DocumentQuery, offset: int, limit: int) -> Page[str]:
        """The ids of one page of the documents ``query`` matches, in the store's order."""

    def entity_page(self, query: EntityQuery, offset: int, limit: int) -> Page[Entity]: ...

    def entity_heads(self, query: EntityQuery, offset: int, limit: int, mentions: int = 0) -> Page[EntityHead]:
        """One page of the entities ``query`` matches, each with its links, stored counts and only
        its first ``mentions`` mentions by document then position (``entity_mentions`` pages on
        from the last): bounded however often it is named."""

    def each_entity_head(self) -> Iterator[EntityHead]:
        """The entities in the story's order, each with its links but none of its mentions."""

    def entity_mentions(self, entity_id: str, after: MentionKey | None, limit: int) -> list[EntityMention]:
        """One page of the entity's mentions, by document then position: the first ``limit`` after
        ``after`` (from the first when None), read by key, so every page costs the same."""

    def entity_summaries(self, query: EntityQuery, offset: int, limit: int) -> Page[EntitySummary]:
        """One page of the entities ``query`` matches, as a list shows them (without their mentions)."""

    def entities_named_in(self, ids: Sequence[str]) -> dict[str, list[Entity]]:
        """Per document, the entities it names, in the story's order, each with its mentions in
        that document and a stand-in for each alias (``EntityMention`` with document "" and an
        empty span): what linking a span or a name in that document to an entity reads."""

    def entity_names(self, ids: Sequence[str]) -> dict[str, str]: ...

    def annotation_page(
        self, table: AnnotationTable, query: AnnotationQuery, offset: int, limit: int
    ) -> Page[AnnotationKey]:
        """One page of the quotes, times or events ``query`` matches, in the export's order (by
        document, then position)."""

    def annotation_documents(
        self, table: AnnotationTable, query: AnnotationQuery, start: DocumentPlace | None = None
    ) -> Iterator[str]:
        """The documents, in the store's order, holding some annotation ``query`` matches (from
        the one at ``start`` on)."""

    def annotations_after(
        self, table: AnnotationTable, query: AnnotationQuery, after: AnnotationKey, limit: int
    ) -> list[AnnotationKey] | None:
        """The page of ``annotation_page`` that follows the annotation ``after``, read by key (the
        same cost on any page; nothing counted); None when its document is not stored."""

    def document_place(self, doc: str) -> DocumentPlace | None:
        """Where the document stands in the store's order; None when it is not stored."""

    def documents_after(self, query: DocumentQuery, after: str, limit: int) -> list[str] | None:
        """The page of ``document_page`` (in the store's order) that follows the document
        ``after``, read by key; None when ``after`` is not stored."""

    def claims_after(self, query: ClaimQuery, after: str, limit: int) -> list[Claim] | None:
        """The page of ``claim_page`` that follows the claim ``after``, read by key; None when
        ``after`` is not stored (the claims were built again since)."""

    def claim_page(self, query: ClaimQuery, offset: int, limit: int) -> Page[Claim]: ...

    def claims_by_id(self, ids: Sequence[str]) -> list[Claim]: ...

    def key_claims(self, limit: int) -> list[str]:
        """The claims several articles carry, most independent sources first, then most articles."""

    def claims_carried(self, ids: Sequence[str]) -> dict[str, list[str]]:
        """Per document, the claims it carries, in the story's order."""

    def timeline_page(self, query: TimelineQuery, offset: int, limit: int) -> Page[TimelineEntry]: ...

    def timeline_by_id(self, ids: Sequence[str]) -> list[TimelineEntry]: ...

    def timeline_links(self, ids: Sequence[str]) -> dict[tuple[str, int, int], str]:
        """The timeline entry of each event of the documents ``ids``, by (document, event start,
        trigger start)."""

    def quoted_names(self, kinds: Sequence[str]) -> Iterator[str]:
        """The name of the speaker of each quote whose speaker is of ``kinds`` (``named``,
        ``outlet``, ...), in the story's order: the entity one of whose mentions holds the
        speaker's first character, else the speaker's words; quotes without a name left out."""

    def replace_relation_edges(self, edges: Sequence[NetworkEdge], change: StepChange | None = None) -> None:
        """Store the relation edges stage's result (the actor network) in place of the previous
        one, in one transaction; with a ``change`` that is not fresh, the edges of its documents
        only (``edges`` are theirs), and the step's memo with them."""

    def relation_edges(self, ids: Sequence[str]) -> dict[str, list[NetworkEdge]]:
        """The network's edges stated in each of the documents ``ids`` (in their order there)."""

    def relation_page(self, query: RelationQuery, offset: int, limit: int) -> Page[NetworkEdge]:
        """A page of the network's edges, in the store's order of documents, then each edge's
        place in its document."""

    def relations_after(self, query: RelationQuery, after: RelationKey, limit: int) -> list[NetworkEdge] | None:
        """The ``limit`` edges after the edge at ``after``, read by key, uncounted; None when its
        document is not stored."""

    def source_page(self, offset: int, limit: int) -> Page[tuple[str, tuple[str, ...]]]:
        """One page of the independent sources, most articles first, each with its articles."""

    def counts(self) -> dict[str, int]:
        """How many documents, entities, quotes, times, events, claims and timeline entries are stored."""

    # Facets of the list pages: what a filter can be set to, each with how many items it keeps.

    def outlet_counts(self, limit: int) -> list[tuple[str, int]]:
        """The outlets (as stored, not the ones relayed), most articles first, with their article counts."""

    def document_heads(self, ids: Sequence[str]) -> dict[str, DocumentHead]:
        """What the pages cite each stored document of ``ids`` by (its number: its place in the
        store's order), without its text."""

    def spoken_quotes(self, ids: Sequence[str]) -> dict[str, list[SpokenQuote]]:
        """The quotes of the documents ``ids``, each document's in its order, with the names and
        descriptions the speaker links stage stored for them (no entity is read)."""

    def quote_speakers(self, ids: Sequence[str]) -> dict[QuoteKey, QuoteSpeaker]:
        """Who said each quote of the documents ``ids``, as the speaker links stage stored it (with
        the entity's description), by the quote's key; a quote the stage has not linked is absent."""

    def timeline_values(self, query: TimelineQuery) -> list[tuple[str, int]]:
        """The dates (TimeML values) of the timeline entries ``query`` matches, each with its count."""

    def timeline_kinds(self) -> list[tuple[str, int]]:
        """The kinds of happening on the timeline, most entries first, with their counts."""

    def entity_types(self) -> list[tuple[str, int]]:
        """The entity types, most entities first, with their counts."""

    def story_book(self) -> StoredBook:
        """The story stage's book: what it reads of the stories found so far, and where it
        stores what changed."""

    def stories(self) -> list[Story]:
        """Every story (not merged into another), newest first."""

    def story(self, story_id: str) -> Story | None:
        """The story an id stands for now (itself, or the one it was merged into), read alone
        (its cost grows with the story, not the store); None when there is none."""

    def document_stories(self, ids: Sequence[str]) -> dict[str, tuple[str | None, str | None]]:
        """Per document, its main story and the other story it touches (each None when none)."""

    def story_of(self, story_id: str) -> str | None:
        """The story an id stands for now (itself, or the one it was merged into); None if unknown."""

    def add_story_correction(self, correction: StoryCorrection) -> bool:
        """Store an analyst's correction of the stories and replay every one over the stories
        (as each run of the story stage does after it); False when one with its id was stored."""

    def story_corrections(self) -> list[StoryCorrection]:
        """The analysts' corrections of the stories, in the order they were made."""

    def story_result(self, story_id: str) -> tuple[str, str] | None:
        """A story's own results as stored (fingerprint, export as JSON), if any."""

    def story_result_fingerprints(self) -> dict[str, str]:
        """The fingerprint of each story's stored results, by story."""

    def replace_story_results(self, results: dict[str, tuple[str, str] | None]) -> None:
        """Store (None: forget) each story's own results, in one transaction."""

    def close(self) -> None: ...
