"""The speaker links stage's tables (``speaker_links``, ``speaker_names``: migration 0022, or
PostgreSQL's 0010), replaced at once by each run of the stage, and filled for a store made
before them when it is first opened, as the stage would have filled them.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsdesk.corpus.story_memo import StepChange
from newsdesk.model import quote_id
from newsdesk.model.speakers import SpeakerFinder, SpeakerLink, name_key, speaker_links
from newsdesk.store import document_read, pages
from newsdesk.store.connection import transaction
from newsdesk.store.sql import Database
from newsdesk.store.story import _batches, _marks, delete_rows, save_step_memo


def replace_speaker_links(db: Database, links: Sequence[SpeakerLink], change: StepChange | None = None) -> None:
    """The stage's links replace the previous ones, all at once, or (with a ``change`` that is not
    fresh) those of the documents it recomputed, with the step's memo."""
    with transaction(db):
        _write(db, links, change)


def _write(db: Database, links: Sequence[SpeakerLink], change: StepChange | None = None) -> None:
    partial = change is not None and not change.fresh
    old: set[str] = set()
    if change is not None and partial:
        for batch in _batches(change.replaced):
            found = db.execute(
                f"SELECT DISTINCT name_key FROM speaker_links WHERE doc_id IN ({_marks(batch)}) AND name_key IS NOT NULL",
                batch,
            )
            old |= {row[0] for row in found}
    delete_rows(db, "speaker_links", change)
    db.executemany(
        'INSERT INTO speaker_links (id, doc_id, start, "end", kind, entity_id, name, name_key)'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (quote_id(k.doc, k.start, k.end, k.kind), k.doc, k.start, k.end, k.kind, k.entity, k.name, name_key(k.name))
            for k in links
        ],
    )
    keys = sorted({key for k in links if (key := name_key(k.name)) is not None} | old)
    if partial:
        # Only the names of the documents replaced may have come or gone.
        for batch in _batches(keys):
            marks = _marks(batch)
            used = [
                row[0]
                for row in db.execute(f"SELECT DISTINCT name_key FROM speaker_links WHERE name_key IN ({marks})", batch)
            ]
            db.execute(f"DELETE FROM speaker_names WHERE name_key IN ({marks})", batch)
            db.executemany("INSERT INTO speaker_names (name_key) VALUES (?)", [(key,) for key in sorted(used)])
    else:
        db.execute("DELETE FROM speaker_names")
        db.executemany("INSERT INTO speaker_names (name_key) VALUES (?)", [(key,) for key in keys])
    save_step_memo(db, change)


def fill_speaker_links(db: Database) -> bool:
    """Links for a store whose quotes have none yet (made before the stage, or before its first
    run): each document's quotes linked among the entities named in it, as the export links them.
    Returns whether it filled anything."""
    if db.execute("SELECT 1 FROM speaker_links LIMIT 1").fetchone() is not None:
        return False
    if db.execute("SELECT 1 FROM quotes LIMIT 1").fetchone() is None:
        return False
    with transaction(db):
        quoted = [row[0] for row in db.execute("SELECT DISTINCT doc_id FROM quotes ORDER BY doc_id")]
        links: list[SpeakerLink] = []
        for batch in _batches(quoted):
            named = pages.entities_named_in(db, batch)
            for document in document_read.documents(db, batch, annotations={"quotes"}):
                finder = SpeakerFinder(named.get(document.id, []))
                links += speaker_links([(document.id, document.quotes)], finder)
        _write(db, links)
    return True
