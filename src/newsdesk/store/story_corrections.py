"""The analysts' corrections of the stories (migration 0018): stored one at a time, and replayed
over the story stage's tables after every run of it (``SQLiteStoryBook.apply``) and when made.

Replaying is idempotent: each correction, in the order made, sets what it says and nothing else.
A move sets the articles' main story; a merge marks the later stories merged into the oldest (as
the story stage's own merges do: the older id stays and lists the others); a split gives the
chosen articles a story of their own, whose id the correction fixes (``model.split_story``), and
takes it back out of any story the stage merged it into since. A correction whose stories or
articles are gone does nothing. A story a correction changed keeps the detector's sums and size
as they were: the stage then never looks at it again as a whole (its size no longer matches its
members), so it never splits what an analyst merged; new articles still join it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from newsdesk.corpus.stories import EXTRACTOR
from newsdesk.model import StoryAction, StoryCorrection, split_story
from newsdesk.store.connection import now, transaction
from newsdesk.store.sql import Database


def add_story_correction(db: Database, correction: StoryCorrection) -> bool:
    """Store ``correction`` and replay every correction; False when one with its id was stored."""
    with transaction(db):
        cursor = db.execute(
            "INSERT INTO story_corrections (id, action, stories, documents, who, made_at, why)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (
                correction.id,
                correction.action.value,
                json.dumps(list(correction.stories)),
                json.dumps(list(correction.documents)),
                correction.who,
                correction.when,
                correction.why,
            ),
        )
        replay(db)
    return cursor.rowcount == 1


def read_story_corrections(db: Database) -> list[StoryCorrection]:
    return [
        StoryCorrection(
            id=row[0],
            action=StoryAction(row[1]),
            stories=tuple(json.loads(row[2])),
            documents=tuple(json.loads(row[3])),
            who=row[4],
            when=row[5],
            why=row[6],
        )
        for row in db.execute(
            "SELECT id, action, stories, documents, who, made_at, why FROM story_corrections ORDER BY seq"
        )
    ]


def replay(db: Database) -> None:
    """Every story correction, in the order made, over the story tables (inside the caller's
    transaction)."""
    touched: set[str] = set()
    for correction in read_story_corrections(db):
        if correction.action is StoryAction.MOVE:
            target = _current(db, correction.stories[0])
            if target is not None:
                touched |= _move(db, correction.documents, target) | {target}
        elif correction.action is StoryAction.MERGE:
            touched |= _merge(db, correction.stories)
        elif correction.action is StoryAction.SPLIT:
            touched |= _split(db, correction)
    _retitle(db, touched)


def _current(db: Database, story: str) -> str | None:
    row = db.execute("SELECT coalesce(merged_into, id) FROM stories WHERE id = ?", (story,)).fetchone()
    return row[0] if row else None


def _move(db: Database, documents: Iterable[str], target: str) -> set[str]:
    """The articles' main story becomes ``target``; returns the stories they left."""
    left: set[str] = set()
    for doc in documents:
        if db.execute("SELECT 1 FROM documents WHERE id = ?", (doc,)).fetchone() is None:
            continue
        row = db.execute("SELECT story_id FROM story_members WHERE doc_id = ? AND role = 'main'", (doc,)).fetchone()
        if row is not None and row[0] == target:
            continue
        if row is not None:
            left.add(row[0])
        db.execute(
            "INSERT INTO story_members (doc_id, story_id, role, score) VALUES (?, ?, 'main', 0)"
            " ON CONFLICT (doc_id, role) DO UPDATE SET story_id = excluded.story_id",
            (doc, target),
        )
        db.execute("DELETE FROM story_members WHERE doc_id = ? AND role = 'other' AND story_id = ?", (doc, target))
    return left


def _merge(db: Database, stories: Iterable[str]) -> set[str]:
    current = {found for story in stories if (found := _current(db, story)) is not None}
    if len(current) < 2:
        return set()  # one story already (or what it named is gone)
    ordered = sorted(
        current, key=lambda s: (db.execute("SELECT created FROM stories WHERE id = ?", (s,)).fetchone()[0], s)
    )
    kept, merged = ordered[0], ordered[1:]
    (listed,) = db.execute("SELECT merged_from FROM stories WHERE id = ?", (kept,)).fetchone()
    merged_from = list(json.loads(listed))
    for story in merged:
        (theirs,) = db.execute("SELECT merged_from FROM stories WHERE id = ?", (story,)).fetchone()
        merged_from += [story, *json.loads(theirs)]
        db.execute("UPDATE stories SET merged_into = ? WHERE id = ? OR merged_into = ?", (kept, story, story))
        db.execute("UPDATE story_members SET story_id = ? WHERE story_id = ?", (kept, story))
        db.execute("DELETE FROM story_keys WHERE story_id = ?", (story,))
        db.execute(
            "INSERT INTO story_merges (kept, merged, via, score, at) VALUES (?, ?, NULL, 0, ?)", (kept, story, now())
        )
    db.execute("UPDATE stories SET merged_from = ? WHERE id = ?", (json.dumps(list(dict.fromkeys(merged_from))), kept))
    # An article whose other story is now its main one touches no other story.
    db.execute(
        "DELETE FROM story_members WHERE role = 'other' AND story_id = ? AND doc_id IN"
        " (SELECT doc_id FROM story_members WHERE role = 'main' AND story_id = ?)",
        (kept, kept),
    )
    return {kept}


def _split(db: Database, correction: StoryCorrection) -> set[str]:
    new = split_story(correction.id)
    row = db.execute("SELECT merged_into FROM stories WHERE id = ?", (new,)).fetchone()
    if row is None:
        (created,) = db.execute("SELECT created FROM story_book WHERE id = 1").fetchone()
        db.execute("UPDATE story_book SET created = created + 1 WHERE id = 1")
        db.execute(
            "INSERT INTO stories (id, created, size, extractor) VALUES (?, ?, ?, ?)",
            (new, created, len(correction.documents), EXTRACTOR),
        )
    elif row[0] is not None:
        # The story stage merged it back into another since: the analyst's split stands.
        kept = row[0]
        db.execute("UPDATE stories SET merged_into = NULL WHERE id = ?", (new,))
        (listed,) = db.execute("SELECT merged_from FROM stories WHERE id = ?", (kept,)).fetchone()
        db.execute(
            "UPDATE stories SET merged_from = ? WHERE id = ?",
            (json.dumps([s for s in json.loads(listed) if s != new]), kept),
        )
    return _move(db, correction.documents, new) | {new}


def _retitle(db: Database, stories: set[str]) -> None:
    """A story whose title came from an article that left it (or that has none) takes the
    headline of its most central remaining article (the best joining score)."""
    for story in sorted(stories):
        row = db.execute("SELECT title_doc FROM stories WHERE id = ?", (story,)).fetchone()
        if row is None:
            continue
        member = db.execute(
            "SELECT 1 FROM story_members WHERE story_id = ? AND doc_id = ? AND role = 'main'", (story, row[0])
        ).fetchone()
        if row[0] is not None and member is not None:
            continue
        best = db.execute(
            "SELECT p.doc_id, p.title FROM story_members m JOIN story_profiles p ON p.doc_id = m.doc_id"
            " WHERE m.story_id = ? AND m.role = 'main' AND p.title IS NOT NULL ORDER BY m.score DESC, m.rowid LIMIT 1",
            (story,),
        ).fetchone()
        if best is not None:
            db.execute("UPDATE stories SET title = ?, title_doc = ? WHERE id = ?", (best[1], best[0], story))


# Each story's own results (the same migration): written after the story stages, read by servers.


def story_result(db: Database, story_id: str) -> tuple[str, str] | None:
    row = db.execute("SELECT fingerprint, export FROM story_results WHERE story_id = ?", (story_id,)).fetchone()
    return (row[0], str(row[1])) if row else None


def story_result_fingerprints(db: Database) -> dict[str, str]:
    return dict(db.execute("SELECT story_id, fingerprint FROM story_results"))


def replace_story_results(db: Database, results: dict[str, tuple[str, str] | None]) -> None:
    """Store (or, for None, forget) each story's results, in one transaction."""
    with transaction(db):
        for story_id, result in results.items():
            if result is None:
                db.execute("DELETE FROM story_results WHERE story_id = ?", (story_id,))
            else:
                db.execute(
                    "INSERT INTO story_results (story_id, fingerprint, export, built_at) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (story_id) DO UPDATE SET fingerprint = excluded.fingerprint,"
                    " export = excluded.export, built_at = excluded.built_at",
                    (story_id, result[0], result[1], now()),
                )
