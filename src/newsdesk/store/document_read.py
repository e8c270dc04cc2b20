"""Reading documents back: a stored row and its annotation tables become a ``Document`` again."""

from __future__ import annotations

import json
import sqlite3

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


def has(db: sqlite3.Connection, document_id: str) -> bool:
    return db.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone() is not None


def get(db: sqlite3.Connection, document_id: str) -> Document | None:
    row = db.execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()
    return _document(db, row) if row else None


def ids(db: sqlite3.Connection) -> list[str]:
    return [row[0] for row in db.execute("SELECT id FROM documents ORDER BY source, id")]


def count(db: sqlite3.Connection) -> int:
    return int(db.execute("SELECT count(*) FROM documents").fetchone()[0])


def texts(db: sqlite3.Connection) -> dict[str, str]:
    """Every document's text by id."""
    return {row[0]: row[1] for row in db.execute("SELECT id, text FROM documents")}


def stats(db: sqlite3.Connection) -> StoreStats:
    def grouped(sql: str) -> dict[str, int]:
        return {str(key): int(value) for key, value in db.execute(sql)}

    totals = db.execute(
        "SELECT count(*), coalesce(sum(length(text)), 0), coalesce(sum(length(body)), 0) FROM documents"
    ).fetchone()
    return StoreStats(
        documents=int(totals[0]),
        characters=int(totals[1]),
        body_characters=int(totals[2]),
        removed_by_reason=grouped("SELECT reason, count(*) FROM removed_spans GROUP BY reason ORDER BY 2 DESC"),
        languages=grouped("SELECT coalesce(language, 'unknown'), count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC"),
        outlets=grouped("SELECT coalesce(outlet, 'unknown'), count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC"),
        published_how=grouped(
            "SELECT coalesce(published_how, 'unknown'), count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC"
        ),
    )


def _document(db: sqlite3.Connection, row: sqlite3.Row) -> Document:
    document_id = row["id"]
    removed = tuple(
        RemovedSpan(Span(r["start"], r["end"]), RemovalReason(r["reason"]), r["extractor"])
        for r in db.execute(
            'SELECT start, "end", reason, extractor FROM removed_spans WHERE doc_id = ? ORDER BY start',
            (document_id,),
        )
    )
    headings = tuple(
        Span(r["start"], r["end"])
        for r in db.execute('SELECT start, "end" FROM headings WHERE doc_id = ? ORDER BY start', (document_id,))
    )
    relayed = tuple(
        Attributed(r["outlet"], r["how"], _spans(r["evidence"]))
        for r in db.execute(
            "SELECT outlet, how, evidence FROM reported_from WHERE doc_id = ? ORDER BY rowid", (document_id,)
        )
    )
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
        for r in db.execute('SELECT * FROM mentions WHERE doc_id = ? ORDER BY start, "end"', (document_id,))
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
        for r in db.execute('SELECT * FROM quotes WHERE doc_id = ? ORDER BY start, "end"', (document_id,))
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
        for r in db.execute('SELECT * FROM times WHERE doc_id = ? ORDER BY start, "end"', (document_id,))
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
        for r in db.execute(
            "SELECT * FROM events WHERE doc_id = ? ORDER BY start, trigger_start, time_start", (document_id,)
        )
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
        for r in db.execute(
            "SELECT * FROM relations WHERE doc_id = ? ORDER BY trigger_start, source_start, target_start",
            (document_id,),
        )
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
        for r in db.execute("SELECT * FROM propositions WHERE doc_id = ? ORDER BY start, predicate_start", (document_id,))
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
