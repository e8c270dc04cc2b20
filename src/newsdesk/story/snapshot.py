"""The whole story as the web UI and the briefing read it: the export's sections of a database,
built on first use and rebuilt when the database changes, with the look-ups the pages need. The
REST API's lists do not use it (``newsdesk.story.reader`` answers them page by page), so a server
whose clients use the API only never holds it.

Requests never build it twice: a :class:`StorySource` keeps the current :class:`Story` and asks
the store on each call whether another connection has committed since (``Store.revision``, a
counter read without touching a table). While a rebuild runs, other requests keep getting the
previous story; only the very first build is waited for. The sections come from
:mod:`newsdesk.story.sections`; the whole export (with the per-article coverage) and the briefing
are built from the database on first use, since their cost grows faster than the corpus.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar, cast

from newsdesk.report.brief import Briefing
from newsdesk.report.claims import coverage_records, outlet_coverage_records
from newsdesk.store import Store, open_store
from newsdesk.store.postgres_url import is_postgres_url
from newsdesk.story.brief import build_briefing, store_briefing
from newsdesk.story.export import export_store
from newsdesk.story.sections import Sections, build_sections

Record = dict[str, Any]
Value = TypeVar("Value")


class Story:
    """One snapshot of the database as export records, indexed for the endpoints."""

    def __init__(
        self, sections: Sections, fingerprint: tuple[object, ...], full_export: Callable[[], dict[str, Any]]
    ) -> None:
        self.sections = sections
        self.fingerprint = fingerprint
        self._full_export = full_export
        self._lock = threading.Lock()
        self._export: dict[str, Any] | None = None
        self._briefing: Briefing | None = None
        self._coverage_by_source: list[Record] | None = None
        self.documents: dict[str, Record] = {d["id"]: d for d in sections.documents}
        self.entities: dict[str, Record] = {e["id"]: e for e in sections.entities}
        self.claims: dict[str, Record] = {c["id"]: c for c in sections.claims}
        self.quotes: dict[str, Record] = {q["id"]: q for q in sections.quotes}
        self.timeline: dict[str, Record] = {t["id"]: t for t in sections.timeline}
        # Speaker name (case-folded) -> the positions of their quotes in the quotes section.
        speakers: dict[str, list[int]] = defaultdict(list)
        for number, quote in enumerate(sections.quotes):
            if quote["speaker"]["name"]:
                speakers[quote["speaker"]["name"].casefold()].append(number)
        self.quotes_by_speaker: dict[str, list[int]] = dict(speakers)
        self.quotes_by_doc = _grouped(sections.quotes, "doc")
        self.times_by_doc = _grouped(sections.times, "doc")
        self.events_by_doc = _grouped(sections.events, "doc")
        mentions: dict[str, list[tuple[Record, Record]]] = defaultdict(list)
        for entity in sections.entities:
            for mention in entity["mentions"]:
                mentions[mention["doc"]].append((entity, mention))
        self.mentions_by_doc: dict[str, list[tuple[Record, Record]]] = dict(mentions)

    @classmethod
    def of(cls, export: dict[str, Any], fingerprint: tuple[object, ...] = ()) -> Story:
        """The story of an export object already built (``build_export``, ``export_store``)."""
        names = ("documents", "entities", "quotes", "times", "events", "claims", "relations", "timeline")
        lists: dict[str, Any] = {name: export.get(name, []) for name in (*names, "corrections")}
        sections = Sections(export["newsdesk"], **lists)
        story = cls(sections, fingerprint, lambda: export)
        story._export = export
        story._coverage_by_source = export.get("coverage_by_source")
        return story

    @property
    def export(self) -> dict[str, Any]:
        """The whole export object, as ``newsdesk export`` writes it (built on first use)."""
        with self._lock:
            if self._export is None:
                self._export = self._full_export()
            return self._export

    @property
    def coverage_by_source(self) -> list[Record]:
        """The export's ``coverage_by_source``, built from the sections on first use."""
        with self._lock:
            if self._coverage_by_source is None:
                sections = self.sections
                coverage = coverage_records(sections.claims, sections.quotes, sections.documents)
                self._coverage_by_source = outlet_coverage_records(coverage, sections.sources)
            return self._coverage_by_source

    @property
    def briefing(self) -> Briefing:
        """The story briefing, from the sections (the whole export is not needed for it)."""
        coverage = self.coverage_by_source
        with self._lock:
            if self._briefing is None:
                self._briefing = build_briefing(self._briefing_input(coverage))
            return self._briefing

    def briefing_of(self, limit: int) -> Briefing:
        """The briefing with ``limit`` items per section (built anew, not kept)."""
        return build_briefing(self._briefing_input(self.coverage_by_source), limit)

    def _briefing_input(self, coverage: list[Record]) -> dict[str, Any]:
        sections = self.sections
        return {
            "documents": sections.documents,
            "entities": sections.entities,
            "quotes": sections.quotes,
            "timeline": sections.timeline,
            "claims": sections.claims,
            "relations": sections.relations,
            "coverage_by_source": coverage,
        }


def _grouped(records: list[Record], key: str) -> dict[str, list[Record]]:
    found: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        found[record[key]].append(record)
    return dict(found)


class StorySource:
    """The current :class:`Story` of one database file, rebuilt when the database changes."""

    def __init__(self, db: str | Path, read_only: bool = False) -> None:
        self.db: str | Path = db if is_postgres_url(db) else Path(db)
        # Open it once as the CLI does: a file that is not a newsdesk database fails here, with the
        # reason (StoreError), and an older one is brought to the current schema before any read
        # (read-only, nothing is written: the reader below refuses an older one instead).
        if not read_only:
            open_store(self.db).close()
        self._watch = open_store(self.db, read_only=True)  # only for its revision, under _lock
        self._lock = threading.Lock()
        self._building = threading.Lock()
        self._story: Story | None = None
        self._writing = 0
        self._local = threading.local()
        self._numbers: dict[str, tuple[int, object]] = {}

    def reader(self) -> Store:
        """A read-only store of the calling thread's own, kept for the thread's next requests."""
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = open_store(self.db, read_only=True)
        return store

    def remembered(self, name: str, compute: Callable[[], Value]) -> Value:
        """What costs a pass over part of the story (the network's edge count, the counts of
        every section), worked out once while the database is unchanged."""
        with self._lock:
            revision = self._watch.revision()
            known = self._numbers.get(name)
        if known is not None and known[0] == revision:
            return cast(Value, known[1])
        value = compute()
        with self._lock:
            self._numbers[name] = (revision, value)
        return value

    def briefing(self, limit: int = 12) -> Briefing:
        """The briefing of every stored article, ``limit`` items per section, read from the store
        page by page (``story.brief.store_briefing``, never the whole story), kept while the
        database is unchanged."""
        return self.remembered(f"briefing {limit}", lambda: store_briefing(self.reader(), limit))

    def fingerprint(self) -> tuple[object, ...]:
        with self._lock:
            return (self._watch.revision(),)

    def current(self) -> Story:
        with self._lock:
            fingerprint = (self._watch.revision(),)
            story = self._story
            if story is not None and (story.fingerprint == fingerprint or self._writing):
                return story
        return self._rebuild(story, force=False)

    def refresh(self) -> Story | None:
        """Build the story again now (after this process wrote to the database), if it was
        built: a server whose readers use the API only never builds it."""
        with self._lock:
            if self._story is None:
                return None
        return self._rebuild(None, force=True)

    @contextmanager
    def writing(self) -> Iterator[None]:
        """While the block writes, requests get the story as it was; the caller refreshes after."""
        with self._lock:
            self._writing += 1
        try:
            yield
        finally:
            with self._lock:
                self._writing -= 1

    def _rebuild(self, stale: Story | None, force: bool) -> Story:
        if stale is None:
            self._building.acquire()
        elif not self._building.acquire(blocking=False):
            return stale  # another request is building the new one meanwhile
        try:
            fingerprint = self.fingerprint()
            with self._lock:
                if not force and self._story is not None and self._story.fingerprint == fingerprint:
                    return self._story  # built by the request this one waited for
            store = open_store(self.db, read_only=True)
            try:
                sections = build_sections(store)
            finally:
                store.close()
            story = Story(sections, fingerprint, self._export)
            with self._lock:
                self._story = story
            return story
        finally:
            self._building.release()

    def _export(self) -> dict[str, Any]:
        store = open_store(self.db, read_only=True)
        try:
            with store.reading():
                return export_store(store)
        finally:
            store.close()
