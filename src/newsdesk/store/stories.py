"""The story stage's tables: stories, their members, the index that proposes candidates, the
term counts and the merges (migration 0016).

``SQLiteStoryBook`` is the ``corpus.stories.StoredBook`` over one connection: every read is an
indexed look-up of the terms or stories one article needs, so placing an article costs the same
in a store of a hundred articles or of a million.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from typing import Any

from newsdesk.corpus.stories import EXTRACTOR, Profile, StoryChanges, StoryState
from newsdesk.model import Story, without_outlet
from newsdesk.store.connection import now, transaction
from newsdesk.store.sql import Database, Row
from newsdesk.store.story_corrections import replay as replay_story_corrections

_CHUNK = 500  # SQLite's default limit on host parameters is 999 (older builds)


class SQLiteStoryBook:
    def __init__(self, db: Database) -> None:
        self._db = db

    def profiled(self) -> int:
        return int(self._db.execute("SELECT profiled FROM story_book WHERE id = 1").fetchone()[0])

    def created(self) -> int:
        return int(self._db.execute("SELECT created FROM story_book WHERE id = 1").fetchone()[0])

    def frequencies(self, terms: Collection[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        listed = list(terms)
        for start in range(0, len(listed), _CHUNK):
            chunk = listed[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            found.update(self._db.execute(f"SELECT term, df FROM story_terms WHERE term IN ({marks})", chunk))
        return found

    def stories_with(self, terms: Sequence[str], limit: int) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for term in terms:
            rows = self._db.execute(
                "SELECT story_id FROM story_keys WHERE term = ? ORDER BY created DESC LIMIT ?", (term, limit)
            ).fetchall()
            if rows:
                found[term] = [row[0] for row in rows]
        return found

    def load(self, story_ids: Collection[str]) -> dict[str, StoryState]:
        found = {}
        for story_id in story_ids:
            row = self._db.execute(
                "SELECT id, created, size, first_day, last_day, channels, counts, pair_sum, merged_from, keys,"
                " title, title_doc, title_score, refreshed FROM stories WHERE id = ? AND merged_into IS NULL",
                (story_id,),
            ).fetchone()
            if row is not None:
                found[story_id] = _state(row)
        return found

    def members(self, story_id: str, limit: int) -> list[Profile]:
        rows = self._db.execute(
            "SELECT p.doc_id, p.day, p.channels, p.title, p.outlet FROM story_members m"
            " JOIN story_profiles p ON p.doc_id = m.doc_id WHERE m.story_id = ? AND m.role = 'main'"
            " ORDER BY m.rowid DESC LIMIT ?",
            (story_id, limit),
        ).fetchall()
        found = []
        for doc, day, channels, title, outlet in reversed(rows):
            found.append(Profile(doc, day, tuple(json.loads(channels)), title, outlet))
        return found

    def unplaced(self) -> list[str]:
        return [
            row[0]
            for row in self._db.execute(
                "SELECT id FROM documents WHERE id NOT IN (SELECT doc_id FROM story_members WHERE role = 'main')"
                " ORDER BY rowid"
            )
        ]

    def apply(self, changes: StoryChanges) -> None:
        """Store one run's changes in one transaction."""
        with transaction(self._db):
            db = self._db
            created = max((s.created + 1 for s in changes.stories.values()), default=0)
            db.execute(
                "UPDATE story_book SET profiled = profiled + ?, created = CASE WHEN created > ? THEN created ELSE ? END"
                " WHERE id = 1",
                (changes.profiled, created, created),
            )
            db.executemany(
                "INSERT INTO story_terms (term, df) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET df = story_terms.df + excluded.df",
                sorted(changes.frequencies.items()),
            )
            db.executemany(
                "INSERT INTO story_profiles (doc_id, day, title, outlet, channels) VALUES (?, ?, ?, ?, ?) ON CONFLICT (doc_id)"
                " DO UPDATE SET day = excluded.day, title = excluded.title, outlet = excluded.outlet,"
                " channels = excluded.channels",
                [
                    (p.doc, p.day, p.title, p.outlet, json.dumps(list(p.channels), separators=(",", ":")))
                    for p in changes.profiles
                ],
            )
            for merge in changes.merges:
                db.execute("UPDATE stories SET merged_into = ? WHERE id = ?", (merge.kept, merge.merged))
                db.execute("UPDATE stories SET merged_into = ? WHERE merged_into = ?", (merge.kept, merge.merged))
                db.execute("UPDATE story_members SET story_id = ? WHERE story_id = ?", (merge.kept, merge.merged))
                db.execute("DELETE FROM story_keys WHERE story_id = ?", (merge.merged,))
                db.execute(
                    "INSERT INTO story_merges (kept, merged, via, score, at) VALUES (?, ?, ?, ?, ?)",
                    (merge.kept, merge.merged, merge.via, merge.score, now()),
                )
            # A story begun and merged away within this run is recorded too, so that its id leads on.
            for removed in sorted(changes.removed):
                db.execute(
                    "INSERT INTO stories (id, created, size, merged_into, extractor) VALUES (?, -1, 0, ?, ?)"
                    " ON CONFLICT DO NOTHING",
                    (removed, _kept(changes, removed), EXTRACTOR),
                )
            for state in changes.stories.values():
                db.execute(
                    "INSERT INTO stories (id, created, size, first_day, last_day, title, title_doc, title_score,"
                    " pair_sum, counts, channels, keys, merged_from, refreshed, extractor) VALUES"
                    " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                    " size = excluded.size, first_day = excluded.first_day, last_day = excluded.last_day,"
                    " title = excluded.title, title_doc = excluded.title_doc, title_score = excluded.title_score,"
                    " pair_sum = excluded.pair_sum, counts = excluded.counts, channels = excluded.channels,"
                    " keys = excluded.keys, merged_from = excluded.merged_from, refreshed = excluded.refreshed,"
                    " merged_into = NULL",
                    (
                        state.id,
                        state.created,
                        state.size,
                        state.first,
                        state.last,
                        state.title,
                        state.title_doc,
                        state.title_score,
                        state.pair_sum,
                        json.dumps(list(state.counts)),
                        json.dumps(list(state.channels), separators=(",", ":")),
                        json.dumps(list(state.keys)),
                        json.dumps(list(state.merged_from)),
                        state.refreshed,
                        EXTRACTOR,
                    ),
                )
                db.execute("DELETE FROM story_keys WHERE story_id = ?", (state.id,))
                db.executemany(
                    "INSERT INTO story_keys (term, story_id, created) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    [(term, state.id, state.created) for term in state.keys],
                )
            # Written again, a member is a new row (the members are read newest first).
            db.executemany(
                "DELETE FROM story_members WHERE doc_id = ? AND role = ?", [(m.doc, m.role) for m in changes.members]
            )
            db.executemany(
                "INSERT INTO story_members (doc_id, story_id, role, score) VALUES (?, ?, ?, ?)",
                [(m.doc, m.story, m.role, m.score) for m in changes.members],
            )
            # The analysts' story corrections outlast every run of the stage (store/story_corrections.py).
            replay_story_corrections(db)


def _kept(changes: StoryChanges, merged: str) -> str | None:
    """Where a story merged away in this run now leads (following merges of merges)."""
    kept = {m.merged: m.kept for m in changes.merges}
    seen = set()
    target = kept.get(merged)
    while target in kept and target not in seen:
        seen.add(target)
        target = kept[target]
    return target


def _state(row: Row | tuple[Any, ...]) -> StoryState:
    channels = json.loads(row[5])
    return StoryState(
        id=row[0],
        created=row[1],
        size=row[2],
        first=row[3],
        last=row[4],
        channels=tuple(channels),
        counts=tuple(json.loads(row[6])),
        pair_sum=row[7],
        merged_from=tuple(json.loads(row[8])),
        keys=tuple(json.loads(row[9])),
        title=row[10],
        title_doc=row[11],
        title_score=row[12],
        refreshed=row[13],
    )


def read_stories(db: Database, only: str | None = None) -> list[Story]:
    """Every story not merged away (or the story ``only``, when it is one), newest first (by
    its latest article), with its articles' dates and outlets read from the documents."""
    members: dict[str, dict[str, list[str]]] = {}
    dates: dict[str, dict[bool, list[str]]] = {}
    outlets: dict[str, set[str]] = {}
    # One story reads its own members only (an indexed look-up), whatever the store's size.
    where, given = (" WHERE m.story_id = ?", (only,)) if only is not None else ("", ())
    for story_id, role, doc_id, published, how, outlet in db.execute(
        "SELECT m.story_id, m.role, m.doc_id, d.published, d.published_how, d.outlet FROM story_members m"
        f" JOIN documents d ON d.id = m.doc_id{where} ORDER BY m.story_id, coalesce(d.published, ''), d.rowid",
        given,
    ):
        members.setdefault(story_id, {"main": [], "other": []})[role].append(doc_id)
        if role == "main" and outlet:
            outlets.setdefault(story_id, set()).add(outlet)
        if role == "main" and published:
            # The day only; an inferred date is a bound, used only when no article is dated.
            dates.setdefault(story_id, {True: [], False: []})[how == "inferred"].append(published[:10])
    stories = []
    for story_id, title, merged_from, created in db.execute(
        "SELECT id, title, merged_from, created FROM stories WHERE merged_into IS NULL"
        + (" AND id = ?" if only is not None else ""),
        given,
    ):
        main = members.get(story_id, {}).get("main", [])
        if not main:
            continue
        known = dates.get(story_id, {True: [], False: []})
        days = sorted(known[False] or known[True])
        stories.append(
            (
                days[-1] if days else "",
                -created,
                Story(
                    id=story_id,
                    # A digest's headline of another outlet's article ends with that outlet's name.
                    title=without_outlet(title, sorted(outlets.get(story_id, ()))) if title else title,
                    first=days[0] if days else None,
                    last=days[-1] if days else None,
                    documents=tuple(main),
                    others=tuple(doc for doc in members[story_id]["other"] if doc not in main),
                    outlets=tuple(sorted(outlets.get(story_id, ()))),
                    merged_from=tuple(json.loads(merged_from)),
                ),
            )
        )
    stories.sort(key=lambda item: (item[0], -item[1]), reverse=True)
    return [story for _, _, story in stories]


def read_story(db: Database, story_id: str) -> Story | None:
    """The story an id stands for now (itself, or the story it was merged into), as
    ``read_stories`` lists it; None when there is none (or it holds no article)."""
    current = story_of(db, story_id)
    found = read_stories(db, current) if current is not None else []
    return found[0] if found else None


def document_stories(db: Database, ids: Sequence[str]) -> dict[str, tuple[str | None, str | None]]:
    """Per document of ``ids``, its main story and the other story it touches (None when none),
    as ``read_stories`` lists them: stories not merged away, with at least one main article."""
    found: dict[str, list[str | None]] = {doc: [None, None] for doc in ids}
    for start in range(0, len(ids), 500):
        part = list(ids[start : start + 500])
        marks = ",".join("?" * len(part))
        # The page's members first (CROSS JOIN: SQLite would otherwise start from every live
        # story and read each one's members).
        for doc_id, role, story_id in db.execute(
            "SELECT m.doc_id, m.role, m.story_id FROM story_members m CROSS JOIN stories s ON s.id = m.story_id"
            f" WHERE m.doc_id IN ({marks}) AND s.merged_into IS NULL"
            " AND EXISTS (SELECT 1 FROM story_members k WHERE k.story_id = m.story_id AND k.role = 'main')",
            part,
        ):
            found[doc_id][0 if role == "main" else 1] = story_id
    return {doc: (main, other if other != main else None) for doc, (main, other) in found.items()}


def story_of(db: Database, story_id: str) -> str | None:
    """The story an id now stands for: itself, or the story it was merged into; None if unknown."""
    row = db.execute("SELECT coalesce(merged_into, id) FROM stories WHERE id = ?", (story_id,)).fetchone()
    return row[0] if row else None
