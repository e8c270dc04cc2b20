"""Storing a document: its row and every annotation table, in one transaction."""

from __future__ import annotations

import json

from newsdesk.model import Document, Span, TimeExpression, quote_id
from newsdesk.store.connection import now, rollback
from newsdesk.store.document_read import has
from newsdesk.store.sql import Database


def add(db: Database, document: Document) -> bool:
    db.execute("BEGIN IMMEDIATE")
    try:
        if has(db, document.id):
            rollback(db)
            return False
        db.execute(INSERT_DOCUMENT, document_row(document))
        insert_annotations(db, document)
        # In the same transaction: a stored article and the story's need of rebuilding go together.
        db.execute("UPDATE story_state SET changes = changes + 1")
        db.execute("COMMIT")
        return True
    except BaseException:
        rollback(db)
        raise


INSERT_DOCUMENT = (
    "INSERT INTO documents (id, source, url, text, body, encoding, language, title, title_start, title_end,"
    " title_how, outlet, outlet_how, outlet_evidence, published, published_granularity, published_how, published_latest,"
    " published_basis, published_evidence, extractors, ingested_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def document_row(document: Document) -> tuple[object, ...]:
    """The ``documents`` row of ``document`` (as ``INSERT_DOCUMENT`` takes it)."""
    published = document.published
    outlet = document.outlet
    return (
        document.id,
        document.source,
        document.url,
        document.text,
        document.body,
        document.encoding,
        document.language,
        document.title,
        document.title_span.start if document.title_span else None,
        document.title_span.end if document.title_span else None,
        document.title_how.value if document.title_how else None,
        outlet.value if outlet else None,
        outlet.how if outlet else None,
        _spans_json(outlet.evidence) if outlet else "[]",
        published.date.value if published else None,
        published.date.granularity.value if published else None,
        published.how.value if published else None,
        published.latest.value if published and published.latest else None,
        published.basis if published else None,
        _spans_json(published.evidence) if published else "[]",
        json.dumps(list(document.extractors)),
        now(),
    )


def insert_annotations(db: Database, document: Document) -> None:
    """Every per-document table's rows of ``document`` (a key stored twice raises)."""
    db.executemany(
        'INSERT INTO removed_spans (doc_id, start, "end", reason, extractor) VALUES (?, ?, ?, ?, ?)',
        [(document.id, r.span.start, r.span.end, r.reason.value, r.extractor) for r in document.removed],
    )
    db.executemany(
        'INSERT INTO headings (doc_id, start, "end", extractor) VALUES (?, ?, ?, ?)',
        [(document.id, h.start, h.end, _extractor(document, "clean")) for h in document.headings],
    )
    db.executemany(
        "INSERT INTO reported_from (doc_id, outlet, how, evidence, extractor) VALUES (?, ?, ?, ?, ?)",
        [
            (document.id, item.value, item.how, _spans_json(item.evidence), _extractor(document, "meta"))
            for item in document.reported_from
        ],
    )
    db.executemany(
        'INSERT INTO mentions (doc_id, start, "end", text, label, role, governor,'
        " description_start, description_end, extractor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                document.id,
                m.span.start,
                m.span.end,
                m.text,
                m.label,
                m.role,
                m.governor,
                m.description.start if m.description else None,
                m.description.end if m.description else None,
                m.extractor,
            )
            for m in document.mentions
        ],
    )
    db.executemany(
        'INSERT INTO quotes (doc_id, start, "end", text, kind, cue_start, cue_end, cue_text,'
        " speaker_start, speaker_end, speaker_text, speaker_kind, channel, note, attitude, extractor,"
        " speaker_phrase_start, speaker_phrase_end, part_of_start, part_of_end, id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                document.id,
                q.span.start,
                q.span.end,
                q.text,
                q.kind,
                q.cue.start if q.cue else None,
                q.cue.end if q.cue else None,
                q.cue_text,
                q.speaker.start if q.speaker else None,
                q.speaker.end if q.speaker else None,
                q.speaker_text,
                q.speaker_kind,
                q.channel,
                q.note,
                int(q.attitude),
                q.extractor,
                q.speaker_phrase.start if q.speaker_phrase else None,
                q.speaker_phrase.end if q.speaker_phrase else None,
                q.part_of.start if q.part_of else None,
                q.part_of.end if q.part_of else None,
                quote_id(document.id, q.span.start, q.span.end, q.kind),
            )
            for q in document.quotes
        ],
    )
    insert_times(db, document.id, document.times)
    db.executemany(
        'INSERT INTO events (doc_id, start, "end", trigger_start, trigger_end, trigger_text, lemma,'
        " time_start, time_end, participants, modality, extractor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                document.id,
                e.span.start,
                e.span.end,
                e.trigger.start,
                e.trigger.end,
                e.trigger_text,
                e.lemma,
                e.time.start,
                e.time.end,
                _spans_json(e.participants),
                e.modality,
                e.extractor,
            )
            for e in document.events
        ],
    )
    db.executemany(
        'INSERT INTO relations (doc_id, start, "end", kind, source_start, source_end, target_start,'
        " target_end, trigger_start, trigger_end, trigger_text, directed, modality, time_start, time_end,"
        " extractor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                document.id,
                r.span.start,
                r.span.end,
                r.kind,
                r.source.start,
                r.source.end,
                r.target.start,
                r.target.end,
                r.trigger.start,
                r.trigger.end,
                r.trigger_text,
                int(r.directed),
                r.modality,
                r.time.start if r.time else None,
                r.time.end if r.time else None,
                r.extractor,
            )
            for r in document.relations
        ],
    )
    db.executemany(
        'INSERT INTO propositions (doc_id, start, "end", predicate_start, predicate_end, lemma, arguments,'
        " polarity, modality, holder_start, holder_end, holder_text, cue_start, cue_end, extractor)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                document.id,
                p.span.start,
                p.span.end,
                p.predicate.start,
                p.predicate.end,
                p.lemma,
                json.dumps([[a.role, a.span.start, a.span.end, a.head] for a in p.arguments]),
                p.polarity.value,
                p.modality.value,
                p.holder.start if p.holder else None,
                p.holder.end if p.holder else None,
                p.holder_text,
                p.cue.start if p.cue else None,
                p.cue.end if p.cue else None,
                p.extractor,
            )
            for p in document.propositions
        ],
    )


def insert_times(db: Database, document_id: str, times: tuple[TimeExpression, ...]) -> None:
    db.executemany(
        'INSERT INTO times (doc_id, start, "end", text, type, value, how, anchor, mod, tense,'
        " range_to_start, range_to_end, extractor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                document_id,
                t.span.start,
                t.span.end,
                t.text,
                t.type.value,
                t.value,
                t.how.value,
                t.anchor,
                t.mod,
                t.tense,
                t.range_to.start if t.range_to else None,
                t.range_to.end if t.range_to else None,
                t.extractor,
            )
            for t in times
        ],
    )


def _spans_json(spans: tuple[Span, ...]) -> str:
    return json.dumps([[span.start, span.end] for span in spans])


def _extractor(document: Document, family: str) -> str:
    return next((name for name in document.extractors if f".{family}." in name), "unknown")
