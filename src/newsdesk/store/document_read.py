"""Reading documents back: a stored row and its annotation tables become a ``Document`` again."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator, Sequence

from newsdesk.model import (
    Argument,
    Attributed,
    DateHow,
    Document,
    Event,
    Granularity,
    Mention,
    Modality,
    PartialDate,
    Polarity,
    Proposition,
    Published,
    Quote,
    Relation,
    RemovalReason,
    RemovedSpan,
    Span,
    TimeExpression,
    TimeHow,
    TimeType,
    TitleHow,
)
from newsdesk.store.base import StoreStats
from newsdesk.store.sql import Cursor, Database, Row, streamed


def has(db: Database, document_id: str) -> bool:
    return db.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone() is not None


def get(db: Database, document_id: str) -> Document | None:
    return next(documents(db, [document_id]), None)


def ids(db: Database) -> list[str]:
    return [row[0] for row in db.execute("SELECT id FROM documents ORDER BY source, id")]


def count(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM documents").fetchone()[0])


def texts(db: Database, wanted: Sequence[str]) -> dict[str, str]:
    """The texts of the documents ``wanted`` that are stored, by id."""
    found: dict[str, str] = {}
    unique = list(dict.fromkeys(wanted))
    for first in range(0, len(unique), BATCH):
        batch = unique[first : first + BATCH]
        marks = ", ".join("?" * len(batch))
        found.update(db.execute(f"SELECT id, text FROM documents WHERE id IN ({marks})", batch).fetchall())
    return found


def stats(db: Database) -> StoreStats:
    def grouped(sql: str) -> dict[str, int]:
        return {str(key): int(value) for key, value in db.execute(sql)}

    totals = db.execute(
        "SELECT count(*), coalesce(sum(length(text)), 0), coalesce(sum(length(body)), 0) FROM documents"
    ).fetchone()
    return StoreStats(
        documents=int(totals[0]),
        characters=int(totals[1]),
        body_characters=int(totals[2]),
        removed_by_reason=grouped("SELECT reason, count(*) FROM removed_spans GROUP BY reason ORDER BY 2 DESC, 1"),
        languages=grouped("SELECT coalesce(language, 'unknown'), count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC, 1"),
        outlets=grouped("SELECT coalesce(outlet, 'unknown'), count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC, 1"),
        published_how=grouped(
            "SELECT coalesce(published_how, 'unknown'), count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC, 1"
        ),
    )


# Each annotation table: how its rows are ordered within a document, and how a row becomes an
# annotation (propositions need the document's text for their arguments).
_ORDER = {
    "removed_spans": "t.start",
    "headings": "t.start",
    "reported_from": "t.rowid",
    "mentions": 't.start, t."end"',
    "quotes": 't.start, t."end"',
    "times": 't.start, t."end"',
    "events": "t.start, t.trigger_start, t.time_start",
    "relations": "t.trigger_start, t.source_start, t.target_start",
    "propositions": "t.start, t.predicate_start",
}
# What cleaning and metadata found: a document's own tables, read also without its annotations.
_OWN = ("removed_spans", "headings", "reported_from")
# Documents read per query when they are asked for by id (SQLite binds at most 32,766 values).
BATCH = 500


ANNOTATIONS = frozenset({"mentions", "quotes", "times", "events", "relations", "propositions"})


def documents(
    db: Database, wanted: Sequence[str] | None = None, annotations: bool | Iterable[str] = True
) -> Iterator[Document]:
    """Documents with their annotations: every one in the store's order (by source, then id)
    when ``wanted`` is None, read by one query per table whatever their number; else those
    ``wanted`` that are stored, in the order asked, one query per table and batch of ids.
    ``annotations``: all (True), none (False), or those named (of :data:`ANNOTATIONS`)."""
    chosen = ANNOTATIONS if annotations is True else frozenset() if annotations is False else frozenset(annotations)
    if not chosen <= ANNOTATIONS:
        raise ValueError(f"no such annotations: {sorted(chosen - ANNOTATIONS)}")
    tables = {table: order for table, order in _ORDER.items() if table in _OWN or table in chosen}
    if wanted is None:
        yield from _all(db, tables)
        return
    for first in range(0, len(wanted), BATCH):
        batch = list(dict.fromkeys(wanted[first : first + BATCH]))
        marks = ", ".join("?" * len(batch))
        rows = {row["id"]: row for row in db.execute(f"SELECT * FROM documents WHERE id IN ({marks})", batch)}
        found: dict[str, dict[str, list[Row]]] = {table: {} for table in _ORDER}
        for table, order in tables.items():
            for row in db.execute(
                f"SELECT t.* FROM {table} t WHERE t.doc_id IN ({marks}) ORDER BY t.doc_id, {order}", batch
            ):
                found[table].setdefault(row["doc_id"], []).append(row)
        for document_id in batch:
            row = rows.get(document_id)
            if row is not None:
                yield _document(row, {table: rows_of.get(document_id, []) for table, rows_of in found.items()})


def _all(db: Database, tables: dict[str, str]) -> Iterator[Document]:
    """Every document, streamed: one cursor per table, each in the documents' order, merged. The
    documents' cursor starts first, so every document it yields has its annotations in the
    others; rows of a document stored after it started are passed over."""
    with contextlib.ExitStack() as opened:
        listed = opened.enter_context(streamed(db, "SELECT * FROM documents ORDER BY source, id"))
        cursors = {
            table: opened.enter_context(
                streamed(
                    db,
                    f"SELECT d.source AS document_source, t.* FROM documents d JOIN {table} t ON t.doc_id = d.id"
                    f" ORDER BY d.source, d.id, {order}",
                )
            )
            for table, order in tables.items()
        }
        yield from _merged(listed, cursors)


def _merged(listed: Cursor, cursors: dict[str, Cursor]) -> Iterator[Document]:
    pending: dict[str, Row | None] = {table: cursor.fetchone() for table, cursor in cursors.items()}
    for row in listed:
        key = (row["source"], row["id"])
        found: dict[str, list[Row]] = {table: [] for table in _ORDER}
        for table, cursor in cursors.items():
            rows = found[table] = []
            while (next_row := pending[table]) is not None and (next_row["document_source"], next_row["doc_id"]) <= key:
                if next_row["doc_id"] == row["id"]:
                    rows.append(next_row)
                pending[table] = cursor.fetchone()
        yield _document(row, found)


def _document(row: Row, found: dict[str, list[Row]]) -> Document:
    document_id = row["id"]
    removed = tuple(
        RemovedSpan(Span(r["start"], r["end"]), RemovalReason(r["reason"]), r["extractor"])
        for r in found["removed_spans"]
    )
    headings = tuple(Span(r["start"], r["end"]) for r in found["headings"])
    relayed = tuple(Attributed(r["outlet"], r["how"], _spans(r["evidence"])) for r in found["reported_from"])
    mentions = tuple(
        Mention(
            Span(r["start"], r["end"]),
            r["text"],
            r["label"],
            r["extractor"],
            r["role"],
            r["governor"],
            Span(r["description_start"], r["description_end"]) if r["description_start"] is not None else None,
        )
        for r in found["mentions"]
    )
    quotes = tuple(
        Quote(
            span=Span(r["start"], r["end"]),
            text=r["text"],
            kind=r["kind"],
            cue=Span(r["cue_start"], r["cue_end"]) if r["cue_start"] is not None else None,
            cue_text=r["cue_text"],
            speaker=Span(r["speaker_start"], r["speaker_end"]) if r["speaker_start"] is not None else None,
            speaker_text=r["speaker_text"],
            speaker_kind=r["speaker_kind"],
            channel=r["channel"],
            extractor=r["extractor"],
            note=r["note"],
            attitude=bool(r["attitude"]),
            speaker_phrase=Span(r["speaker_phrase_start"], r["speaker_phrase_end"])
            if r["speaker_phrase_start"] is not None
            else None,
            part_of=Span(r["part_of_start"], r["part_of_end"]) if r["part_of_start"] is not None else None,
        )
        for r in found["quotes"]
    )
    times = tuple(
        TimeExpression(
            span=Span(r["start"], r["end"]),
            text=r["text"],
            type=TimeType(r["type"]),
            value=r["value"],
            how=TimeHow(r["how"]),
            anchor=r["anchor"],
            mod=r["mod"],
            tense=r["tense"],
            range_to=Span(r["range_to_start"], r["range_to_end"]) if r["range_to_start"] is not None else None,
            extractor=r["extractor"],
        )
        for r in found["times"]
    )
    events = tuple(
        Event(
            span=Span(r["start"], r["end"]),
            trigger=Span(r["trigger_start"], r["trigger_end"]),
            trigger_text=r["trigger_text"],
            lemma=r["lemma"],
            time=Span(r["time_start"], r["time_end"]),
            participants=_spans(r["participants"]),
            modality=r["modality"],
            extractor=r["extractor"],
        )
        for r in found["events"]
    )
    relations = tuple(
        Relation(
            span=Span(r["start"], r["end"]),
            kind=r["kind"],
            source=Span(r["source_start"], r["source_end"]),
            target=Span(r["target_start"], r["target_end"]),
            trigger=Span(r["trigger_start"], r["trigger_end"]),
            trigger_text=r["trigger_text"],
            directed=bool(r["directed"]),
            modality=r["modality"],
            time=Span(r["time_start"], r["time_end"]) if r["time_start"] is not None else None,
            extractor=r["extractor"],
        )
        for r in found["relations"]
    )
    text = row["text"]
    propositions = tuple(
        Proposition(
            span=Span(r["start"], r["end"]),
            predicate=Span(r["predicate_start"], r["predicate_end"]),
            lemma=r["lemma"],
            arguments=tuple(
                Argument(role, Span(start, end), text[start:end], head)
                for role, start, end, head in json.loads(r["arguments"])
            ),
            polarity=Polarity(r["polarity"]),
            modality=Modality(r["modality"]),
            holder=Span(r["holder_start"], r["holder_end"]) if r["holder_start"] is not None else None,
            holder_text=r["holder_text"],
            cue=Span(r["cue_start"], r["cue_end"]) if r["cue_start"] is not None else None,
            extractor=r["extractor"],
        )
        for r in found["propositions"]
    )
    published = None
    if row["published"] is not None:
        granularity = Granularity(row["published_granularity"])
        latest = row["published_latest"]
        published = Published(
            PartialDate(row["published"], granularity),
            DateHow(row["published_how"]),
            _spans(row["published_evidence"]),
            latest=PartialDate(latest, Granularity.DAY if len(latest) == 10 else Granularity.MONTH) if latest else None,
            basis=row["published_basis"],
        )
    title_span = Span(row["title_start"], row["title_end"]) if row["title_start"] is not None else None
    return Document(
        id=document_id,
        source=row["source"],
        text=row["text"],
        removed=removed,
        headings=headings,
        title=row["title"],
        title_span=title_span,
        title_how=TitleHow(row["title_how"]) if row["title_how"] else None,
        outlet=Attributed(row["outlet"], row["outlet_how"], _spans(row["outlet_evidence"])) if row["outlet"] else None,
        published=published,
        language=row["language"],
        reported_from=relayed,
        encoding=row["encoding"],
        url=row["url"],
        mentions=mentions,
        quotes=quotes,
        times=times,
        events=events,
        extractors=tuple(json.loads(row["extractors"])),
        relations=relations,
        propositions=propositions,
    )


def _spans(value: str) -> tuple[Span, ...]:
    return tuple(Span(start, end) for start, end in json.loads(value))
