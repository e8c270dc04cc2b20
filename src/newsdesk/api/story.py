"""The story as the API and the web UI read it: the export object of a database, built once and
rebuilt when the database changes, with the look-ups the endpoints need.

Requests never build it twice: a :class:`StorySource` keeps the current :class:`Story` and checks
a cheap fingerprint of the database (document and claim counts, last ingest time) on each call.
Every read opens its own connection, so the server's worker threads share nothing but the snapshot.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdesk.report.brief import Briefing, build_briefing
from newsdesk.report.export import export_store
from newsdesk.store import open_store

Record = dict[str, Any]


@dataclass(slots=True)
class Story:
    """One snapshot of the database as export records, indexed for the endpoints."""

    export: dict[str, Any]
    fingerprint: tuple[object, ...]
    documents: dict[str, Record] = field(default_factory=dict)
    entities: dict[str, Record] = field(default_factory=dict)
    claims: dict[str, Record] = field(default_factory=dict)
    quotes_by_doc: dict[str, list[Record]] = field(default_factory=dict)
    mentions_by_doc: dict[str, list[tuple[Record, Record]]] = field(default_factory=dict)
    _briefing: Briefing | None = None

    @classmethod
    def of(cls, export: dict[str, Any], fingerprint: tuple[object, ...]) -> Story:
        story = cls(export, fingerprint)
        story.documents = {d["id"]: d for d in export["documents"]}
        story.entities = {e["id"]: e for e in export["entities"]}
        story.claims = {c["id"]: c for c in export["claims"]}
        quotes: dict[str, list[Record]] = defaultdict(list)
        for quote in export["quotes"]:
            quotes[quote["doc"]].append(quote)
        story.quotes_by_doc = dict(quotes)
        mentions: dict[str, list[tuple[Record, Record]]] = defaultdict(list)
        for entity in export["entities"]:
            for mention in entity["mentions"]:
                mentions[mention["doc"]].append((entity, mention))
        story.mentions_by_doc = dict(mentions)
        return story

    @property
    def briefing(self) -> Briefing:
        if self._briefing is None:
            self._briefing = build_briefing(self.export)
        return self._briefing


class StorySource:
    """The current :class:`Story` of one database file, rebuilt when the file's content changes."""

    def __init__(self, db: str | Path) -> None:
        self.db = Path(db)
        # Open it once as the CLI does: a file that is not a newsdesk database fails here, with the
        # reason (StoreError), and an older one is brought to the current schema before any read.
        open_store(self.db).close()
        self._lock = threading.Lock()
        self._story: Story | None = None

    def connect(self) -> sqlite3.Connection:
        """A read-only connection of the calling thread's own."""
        connection = sqlite3.connect(f"{self.db.resolve().as_uri()}?mode=ro", uri=True)
        connection.row_factory = sqlite3.Row
        return connection

    def fingerprint(self) -> tuple[object, ...]:
        with self.connect() as connection:
            documents = connection.execute("SELECT count(*), max(ingested_at) FROM documents").fetchone()
            claims = connection.execute("SELECT count(*) FROM claims").fetchone()
        connection.close()
        return (documents[0], documents[1], claims[0])

    def current(self) -> Story:
        fingerprint = self.fingerprint()
        with self._lock:
            if self._story is None or self._story.fingerprint != fingerprint:
                with open_store(self.db) as store:
                    self._story = Story.of(export_store(store), fingerprint)
            return self._story
