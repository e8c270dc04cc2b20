"""The story stages and their one runner.

A story stage reads the stored documents (and what earlier story stages assigned) and assigns
story tables: the entities across articles, who said each quote (speaker links), the story time
(reference dates, re-read times, timeline), the actor network's edges, each article's independent
source, the claims. Each is registered with its name, ``requires`` and ``assigns`` (checked like
the per-document graph, ``newsdesk.stages``), with how its result is stored, and whether it reads
the parse (without NLP, only the timeline and the network's edges run, on the entities already
stored). ``run_story_stages`` runs them in order, storing each result as soon as
it is made; a later stage sees what the store holds.

Adding a story stage is a module, one ``StoryStep`` and, when it stores a table of its own, one
migration (the stories of ``newsdesk.corpus.stories`` were added so).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from newsdesk.corpus import claim_memo
from newsdesk.corpus import claims as claiming
from newsdesk.corpus import copies as copying
from newsdesk.corpus import entities as resolving
from newsdesk.corpus import entity_parts as parting
from newsdesk.corpus import relations as relating
from newsdesk.corpus import speakers as speaking
from newsdesk.corpus import stories as storying
from newsdesk.corpus import timeline as dating
from newsdesk.corpus.corrections import ClaimConstraints
from newsdesk.corpus.similarity import BlockScorer, score_blocks
from newsdesk.corpus.story_memo import DocMemo, StepChange, StoryView
from newsdesk.model import Claim, Correction, Document, Entity, ReferenceDate, TimeExpression, TimelineEntry
from newsdesk.model.network import NetworkEdge
from newsdesk.model.speakers import SpeakerLink
from newsdesk.settings import Settings
from newsdesk.stages import Stage, check_stages, stage
from newsdesk.store.base import Store
from newsdesk.store.memo import ClaimMemo, MemoChange
from newsdesk.store.source_memo import SourceChange, SourceMemo

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Story:
    """The story tables as the stages build them; a table is None until its stage ran (or, for
    the entities without NLP, until read from the store)."""

    documents: tuple[Document, ...]
    corrections: tuple[Correction, ...] = ()
    entities: list[Entity] | None = None
    speakers: list[SpeakerLink] | None = None  # who said each quote
    # The entities stored by the runs before, by the part of the story's mentions they were
    # resolved in (``newsdesk.corpus.entity_parts``): kept for the parts this run does not touch.
    kept_entities: dict[str, list[Entity]] = dataclasses.field(default_factory=dict)
    # Each entity's part, by entity id, as the entities stage found them.
    entity_parts: dict[str, str] | None = None
    # Where the runs before kept the partition of the mentions (the store; None: partitioned anew),
    # and what the entities stage made of it (stored with the entities).
    part_source: parting.PartSource | None = None
    partition: parting.Resolved | None = None
    references: dict[str, ReferenceDate] | None = None
    times: dict[str, tuple[TimeExpression, ...]] | None = None
    timeline: list[TimelineEntry] | None = None
    edges: list[NetworkEdge] | None = None  # the actor network
    sources: dict[str, str] | None = None
    # Copy detection's memo of the runs before (``newsdesk.corpus.copies``), where it looks up the
    # stored bodies' postings, and the change this run makes to it.
    source_memo: SourceMemo | None = None
    source_bodies: copying.StoredBodies = copying.NO_BODIES
    source_change: SourceChange | None = None
    claims: list[Claim] | None = None
    # The claims stage's memo of the runs before (``newsdesk.corpus.claim_memo``), and the change
    # this run makes to it.
    claim_memo: ClaimMemo | None = None
    memo_change: MemoChange | None = None
    # What compares the claims' candidate blocks: this process, or a cluster's workers.
    block_scorer: BlockScorer = score_blocks
    # The speaker links, story time and edges steps' memos of the runs before, by step
    # (``newsdesk.corpus.story_memo``): each recomputes only the documents touched since. None:
    # every document is recomputed (a rebuild, or a story worked out on its own).
    step_memos: Mapping[str, Mapping[str, DocMemo]] | None = None
    # What each of those steps recomputed in this run (the rows its table replaces), by step.
    step_changes: Mapping[str, StepChange] = dataclasses.field(default_factory=dict)
    view: StoryView | None = None  # the entities as each document sees them, made once per run

    def dated(self) -> list[Document]:
        """The documents with their times as the story time stage re-read them."""
        times = self.times or {}
        return [dataclasses.replace(d, times=times.get(d.id, d.times)) for d in self.documents]


def _required(value: T | None, name: str) -> T:
    if value is None:
        raise ValueError(f"the story's {name} are needed before they were assigned")
    return value


def _entities(story: Story, settings: Settings) -> Story:
    found = parting.resolve_by_parts(
        story.documents, corrections=story.corrections, kept=story.kept_entities, source=story.part_source
    )
    return dataclasses.replace(story, entities=found.entities, entity_parts=found.parts, partition=found)


def _viewed(story: Story) -> Story:
    """``story`` with the view of its entities as they are now."""
    entities = _required(story.entities, "entities")
    if story.view is not None and story.view.entities is entities:
        return story
    return dataclasses.replace(story, view=StoryView(entities))


def _step_memo(story: Story, step: str) -> Mapping[str, DocMemo] | None:
    return story.step_memos.get(step, {}) if story.step_memos is not None else None


def _changed(story: Story, change: StepChange) -> Mapping[str, StepChange]:
    return {**story.step_changes, change.step: change}


def _speakers(story: Story, settings: Settings) -> Story:
    story = _viewed(story)
    links, change = speaking.incremental_links(
        story.documents, _required(story.view, "views"), _step_memo(story, speaking.EXTRACTOR)
    )
    return dataclasses.replace(story, speakers=links, step_changes=_changed(story, change))


def _story_time(story: Story, settings: Settings) -> Story:
    story = _viewed(story)
    found = dating.date_story(
        story.documents, _required(story.entities, "entities"), _step_memo(story, dating.EXTRACTOR), story.view
    )
    return dataclasses.replace(
        story,
        references=found.references,
        times=found.times,
        timeline=found.timeline,
        step_changes=_changed(story, found.change),
    )


def _edges(story: Story, settings: Settings) -> Story:
    story = _viewed(story)
    # A relation is dated by its time expression as the story time stage re-read it.
    edges, change = relating.incremental_edges(
        story.dated(), _required(story.view, "views"), _step_memo(story, relating.EXTRACTOR)
    )
    return dataclasses.replace(story, edges=edges, step_changes=_changed(story, change))


def _sources(story: Story, settings: Settings) -> Story:
    if story.source_memo is None:
        return dataclasses.replace(story, sources=copying.independent_sources(story.documents))
    found, change = copying.incremental_sources(story.documents, story.source_memo, story.source_bodies)
    return dataclasses.replace(story, sources=found, source_change=change)


def _claims(story: Story, settings: Settings) -> Story:
    # The claims see the times as the timeline stage re-read them: derived, not read back.
    found, change = claiming.incremental_claims(
        story.dated(),
        _required(story.entities, "entities"),
        _required(story.timeline, "timeline"),
        _required(story.sources, "sources"),
        constraints=ClaimConstraints.of(story.corrections),
        memo=story.claim_memo,
        scorer=story.block_scorer,
    )
    return dataclasses.replace(story, claims=found, memo_change=change)


def _save_entities(store: Store, story: Story) -> Story:
    store.replace_entities(_required(story.entities, "entities"), story.entity_parts)
    if story.partition is not None:
        gone, records, keys = story.partition.changed_records()
        rows = [(r.key[0], r.key[1], r.key[2], part, r.dumps()) for part, r in records]
        store.replace_entity_keys(gone, rows, keys, sorted(story.partition.documents.items()))
    # Later stages see the entities as stored (what a reader of the store sees too).
    return dataclasses.replace(story, entities=store.entities())


def _save_speakers(store: Store, story: Story) -> Story:
    store.replace_speaker_links(_required(story.speakers, "speaker links"), story.step_changes.get(speaking.EXTRACTOR))
    return story


def _save_edges(store: Store, story: Story) -> Story:
    store.replace_relation_edges(_required(story.edges, "edges"), story.step_changes.get(relating.EXTRACTOR))
    return story


def _save_story_time(store: Store, story: Story) -> Story:
    store.replace_story_time(
        _required(story.references, "reference dates"),
        _required(story.times, "times"),
        _required(story.timeline, "timeline"),
        story.step_changes.get(dating.EXTRACTOR),
    )
    return story


def _save_claims(store: Store, story: Story) -> Story:
    store.replace_claims(_required(story.claims, "claims"), _required(story.sources, "sources"))
    if story.memo_change is not None:
        store.save_claim_memo(story.memo_change)
    return story


def _unchanged(story: Story, settings: Settings) -> Story:
    """The stories stage works on the store's story book, not on the documents held here."""
    return story


def _save_stories(store: Store, story: Story) -> Story:
    # Only the articles not yet in a story, and the stories they may join, are read: the cost of
    # a new article does not grow with the store.
    storying.update_stories(store.story_book(), store.get)
    return story


def _save_sources(store: Store, story: Story) -> Story:
    """The sources themselves are stored with the claims; copy detection's memo here."""
    if story.source_change is not None:
        store.save_source_memo(story.source_change)
    return story


@dataclass(frozen=True, slots=True)
class StoryStep:
    stage: Stage[Story, Settings]
    save: Callable[[Store, Story], Story]
    # Whether it reads what the parse gave (mentions, quotes, propositions): skipped without NLP.
    parses: bool = True


STORY_STAGES: tuple[StoryStep, ...] = (
    StoryStep(stage(resolving.EXTRACTOR, {"documents", "corrections"}, {"entities"}, _entities), _save_entities, True),
    StoryStep(stage(speaking.EXTRACTOR, {"documents", "entities"}, {"speakers"}, _speakers), _save_speakers, True),
    StoryStep(
        stage(dating.EXTRACTOR, {"documents", "entities"}, {"references", "times", "timeline"}, _story_time),
        _save_story_time,
        False,
    ),
    # Without NLP too: the re-read times may date a stored relation anew.
    StoryStep(stage(relating.EXTRACTOR, {"documents", "entities", "times"}, {"edges"}, _edges), _save_edges, False),
    StoryStep(stage("newsdesk.corpus.sources.v1", {"documents"}, {"sources"}, _sources), _save_sources, True),
    StoryStep(
        stage(
            claiming.EXTRACTOR,
            {"documents", "times", "entities", "timeline", "sources", "corrections"},
            {"claims"},
            _claims,
        ),
        _save_claims,
        True,
    ),
    StoryStep(stage(storying.EXTRACTOR, {"documents"}, {"stories"}, _unchanged), _save_stories, False),
)


# The steps that recompute only the documents touched since their last run (``corpus.story_memo``).
INCREMENTAL_STEPS = (speaking.EXTRACTOR, dating.EXTRACTOR, relating.EXTRACTOR)


def selected(settings: Settings, steps: Sequence[StoryStep] = STORY_STAGES) -> list[StoryStep]:
    """The steps that run under ``settings``, checked: without NLP the entities are the stored ones."""
    chosen = [step for step in steps if settings.nlp or not step.parses]
    given = {"documents", "corrections"} | (set() if settings.nlp else {"entities"})
    check_stages([step.stage for step in chosen], given)
    return chosen


def stored_parts(store: Store) -> dict[str, list[Entity]]:
    """The stored entities by the part they were resolved in (those stored without one left out)."""
    parts = store.entity_parts()
    found: dict[str, list[Entity]] = {}
    for entity in store.entities(list(parts)) if parts else ():
        found.setdefault(parts[entity.id], []).append(entity)
    return found


def read_story(
    store: Store, *, fresh: bool = False, recount: bool = False, block_scorer: BlockScorer = score_blocks
) -> Story:
    """The stored documents and corrections with what the incremental steps kept of the runs
    before (forgotten with ``fresh`` or ``recount``; ``recount`` also drops the frozen frequencies)."""
    memo = store.claim_memo(claim_memo.VERSION)
    copied = store.source_memo(copying.VERSION)
    if fresh or recount:
        memo = ClaimMemo(None if recount else memo.frequencies, forget=True)
        copied = SourceMemo(None if recount else copied.frequencies, forget=True)
    return Story(
        tuple(store.documents()),
        tuple(store.corrections()),
        claim_memo=memo,
        source_memo=copied,
        source_bodies=store,
        block_scorer=block_scorer,
        step_memos=None if fresh else {step: store.step_memo(step) for step in INCREMENTAL_STEPS},
    )


def run_story_stages(
    store: Store,
    settings: Settings,
    steps: Sequence[StoryStep] = STORY_STAGES,
    *,
    fresh: bool = False,
    recount: bool = False,
    block_scorer: BlockScorer = score_blocks,
) -> None:
    """Bring the story tables up to date with every stored document (after new articles arrived,
    whichever way they came, or a correction), replaying the analysts' corrections, which every
    run replays so that they outlast any recomputation.

    The entities stage resolves again only the parts of the story's mentions that changed since
    the entities were stored (``newsdesk.corpus.entity_parts``) and keeps the others' entities as
    stored; it keys only the new articles' mentions and reads, of the partition stored with the
    entities, only the parts their keys reach. With ``fresh`` it keys and resolves every part. The claims stage judges only the pairs of statements of documents new or changed since its
    last run (``newsdesk.corpus.claim_memo``); with ``fresh`` (``newsdesk rebuild``) it forgets
    what it kept and judges every pair again, with the same frozen word frequencies, which gives
    what the runs one after another gave; ``recount`` counts the frequencies again first (from the
    story as it is now; the claims then may differ from those before). ``block_scorer`` compares the
    claims' candidate blocks (the Dask runner's maps them over its workers)."""
    chosen = selected(settings, steps)
    changes = store.story_changes()  # before the articles are read: a later one makes the story stale again
    story = read_story(store, fresh=fresh, recount=recount, block_scorer=block_scorer)
    if not settings.nlp:
        story = dataclasses.replace(story, entities=store.entities())
    elif not fresh:
        story = dataclasses.replace(story, kept_entities=stored_parts(store), part_source=store)
    for step in chosen:
        story = step.save(store, step.stage.run(story, settings))
    store.mark_story_built(changes)


check_stages([step.stage for step in STORY_STAGES], {"documents", "corrections"})
