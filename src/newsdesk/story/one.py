"""One story of a mixed pile, on its own: its articles, and the entities, timeline, claims and
sources the story stages find among those articles alone, so that nothing of another story
leaks into its briefing, timeline or claims (a claim is never corroborated by an article of
another story).

It is worked out when asked for, in time and memory that grow with the story, not with the
store. The results of a story of ``STORED_FROM`` articles or more are stored after every run of
the story stages (``store_story_results``: only the stories whose articles or corrections
changed are built again) and read back while they hold; a smaller story is worked out when
first asked for. A server keeps the last few stories asked for (:class:`StoryCache`) while the
database is unchanged. Why both: a story's cost grows faster than its size (0.3 s at 5
articles, 2.7 s at 50, about 10 s at 200 in a 10k store; docs/PERFORMANCE.md), so a big story
must be ready before it is opened, while building every small story at every ingest would cost
more than the store's own stages (a fixed 0.2-0.3 s each, thousands of them).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import threading
from collections import OrderedDict
from typing import Any

from newsdesk import EXPORT_SCHEMA, __version__
from newsdesk.corpus import stories as storying
from newsdesk.corpus.stages import Story, selected
from newsdesk.model import Correction
from newsdesk.model import Story as StoryRecord
from newsdesk.report.brief import Briefing
from newsdesk.report.stories import add_stories
from newsdesk.settings import Settings
from newsdesk.store.base import Store
from newsdesk.story.brief import build_briefing
from newsdesk.story.export import build_export
from newsdesk.story.snapshot import Story as Snapshot
from newsdesk.story.snapshot import StorySource


class UnknownStory(LookupError):
    """No story with that id; the message says how to list them."""


def chosen_story(store: Store, story_id: str) -> StoryRecord:
    """The story an id stands for now (an id merged into another stands for that one)."""
    chosen = store.story(story_id)
    if chosen is None:
        raise UnknownStory(f"no story {story_id!r} (list them with 'newsdesk stories')")
    return chosen


def story_tables(store: Store, story_id: str) -> tuple[StoryRecord, Story]:
    """One story and the story stages' tables worked out among its articles alone."""
    chosen = chosen_story(store, story_id)
    tables = Story(tuple(store.documents(list(chosen.documents))), tuple(store.corrections()))
    for step in selected(Settings()):
        if step.stage.name != storying.EXTRACTOR:
            tables = step.stage.run(tables, Settings())
    return chosen, tables


def story_export(store: Store, story_id: str) -> dict[str, Any]:
    """The export object of one story."""
    chosen, tables = story_tables(store, story_id)
    export = build_export(
        tables.dated() if tables.times is not None else tables.documents,
        tables.entities or [],
        tables.references,
        tables.timeline or [],
        tables.claims or [],
        tables.sources,
        tables.corrections,
    )
    return add_stories(export, [dataclasses.replace(chosen, others=())])


# Stories of at least this many articles have their results stored after the story stages run
# (their first open would otherwise cost a second or more: docs/PERFORMANCE.md, "One story's
# page"); smaller ones are worked out when first opened.
STORED_FROM = 8


def fingerprint(story: StoryRecord, corrections: list[Correction]) -> str:
    """What a story's results are built from: its record (articles, title, dates), the analysts'
    corrections of claims and entities (withdrawn or not) and this version of newsdesk."""
    made = [__version__, EXPORT_SCHEMA, dataclasses.asdict(dataclasses.replace(story, others=()))]
    made.append([(c.id, c.withdrawn is not None) for c in corrections])
    return hashlib.sha256(json.dumps(made, sort_keys=True).encode("utf-8")).hexdigest()[:24]


def store_story_results(store: Store, smallest: int = STORED_FROM, batch: int = 20) -> int:
    """Build and store the results of every story of ``smallest`` articles or more whose
    results are missing or no longer hold (a story that gained an article, a correction made);
    forget those of stories gone or grown small. A store of one story keeps none (its results
    are the store's). Returns how many were built."""
    stories = store.stories()
    corrections = store.corrections()
    known = store.story_result_fingerprints()
    wanted = {s.id: s for s in stories if len(s.documents) >= smallest} if len(stories) > 1 else {}
    changes: dict[str, tuple[str, str] | None] = {story: None for story in known if story not in wanted}
    built = 0
    for story in wanted.values():
        made = fingerprint(story, corrections)
        if known.get(story.id) == made:
            continue
        export = story_export(store, story.id)
        changes[story.id] = (made, json.dumps(export, ensure_ascii=False, separators=(",", ":")))
        built += 1
        if len(changes) >= batch:
            store.replace_story_results(changes)
            changes = {}
    if changes:
        store.replace_story_results(changes)
    return built


def stored_export(store: Store, story: StoryRecord) -> dict[str, Any] | None:
    """The story's stored results, when they still hold."""
    found = store.story_result(story.id)
    if found is None or found[0] != fingerprint(story, store.corrections()):
        return None
    export: dict[str, Any] = json.loads(found[1])
    return export


def own_export(store: Store, story: StoryRecord) -> dict[str, Any]:
    """The story's export object: its stored results while they hold (a JSON value read, not the
    story stages run again), else worked out now."""
    return stored_export(store, story) or story_export(store, story.id)


def titled(briefing: Briefing, title: str | None, articles: int) -> Briefing:
    """The briefing under its story's title (the story's most central headline), not the
    names of its most mentioned actors; unchanged when the story has no title."""
    if not title:
        return briefing
    return dataclasses.replace(
        briefing, title=f"Story briefing: {title} ({articles} article{'' if articles == 1 else 's'})"
    )


def story_briefing(export: dict[str, Any], limit: int = 12) -> Briefing:
    """The briefing of one story's export (``story_export``), under the story's title."""
    stories = export.get("stories") or [{}]
    return titled(build_briefing(export, limit), stories[0].get("title"), len(export["documents"]))


@dataclasses.dataclass(frozen=True, slots=True)
class OneStory:
    """One story as a server shows it: its record and the snapshot of its own sections."""

    record: StoryRecord
    snapshot: Snapshot
    # What a reader above keeps with the story while it is kept (the web UI's view of it).
    kept: dict[str, Any] = dataclasses.field(default_factory=dict, compare=False)

    @property
    def briefing(self) -> Briefing:
        return titled(self.snapshot.briefing, self.record.title, len(self.record.documents))

    def briefing_of(self, limit: int) -> Briefing:
        return titled(self.snapshot.briefing_of(limit), self.record.title, len(self.record.documents))


class StoryCache:
    """The stories of one database a server was last asked for (at most ``size`` of them, and
    while they hold ``articles`` articles or fewer: a 200-article story takes about 42 MiB in
    memory), each kept while the database is unchanged (``StorySource.fingerprint``): reopening a
    story page, or going from one of its tabs to the next, costs a look-up, not the story stages
    again. The story asked for last is kept whatever its size."""

    def __init__(self, source: StorySource, size: int = 16, articles: int = 1000) -> None:
        self.source = source
        self.size = size
        self.articles = articles
        self._lock = threading.Lock()
        self._kept: OrderedDict[str, tuple[tuple[object, ...], OneStory]] = OrderedDict()
        self._listed: tuple[tuple[object, ...], list[StoryRecord]] | None = None

    def story(self, story_id: str) -> OneStory:
        """The story ``story_id`` stands for now; UnknownStory when there is none."""
        revision = self.source.fingerprint()
        store = self.source.reader()
        with store.reading():
            record = chosen_story(store, story_id)
            with self._lock:
                kept = self._kept.get(record.id)
                if kept is not None and kept[0] == revision and kept[1].record == record:
                    self._kept.move_to_end(record.id)
                    return kept[1]
            export = own_export(store, record)
        found = OneStory(record, Snapshot.of(export, revision))
        with self._lock:
            self._kept[record.id] = (revision, found)
            self._kept.move_to_end(record.id)
            held = sum(len(story.record.documents) for _, story in self._kept.values())
            while len(self._kept) > 1 and (len(self._kept) > self.size or held > self.articles):
                _, (_, dropped) = self._kept.popitem(last=False)
                held -= len(dropped.record.documents)
        return found

    def stories(self) -> list[StoryRecord]:
        """Every story, newest first (read again only when the database changed)."""
        revision = self.source.fingerprint()
        with self._lock:
            if self._listed is not None and self._listed[0] == revision:
                return self._listed[1]
        store = self.source.reader()
        with store.reading():
            found = store.stories()
        with self._lock:
            self._listed = (revision, found)
        return found
