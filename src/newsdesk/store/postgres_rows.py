"""Records as table rows and back, for the PostgreSQL store: one column list per table, and one
function each way, so that the store writes every table through one generic insert.

The values are those SQLite stores (``document_write``, ``story``): the same columns, the same
JSON text, so that both stores read back the same records.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from newsdesk.model import (
    Argument,
    Attributed,
    Claim,
    ClaimKind,
    DateHow,
    Document,
    Entity,
    EntityLink,
    EntityMention,
    Event,
    Evidence,
    Granularity,
    Mention,
    Modality,
    PartialDate,
    Polarity,
    Proposition,
    Published,
    Quote,
    ReferenceDate,
    Relation,
    RemovalReason,
    RemovedSpan,
    Span,
    TimeExpression,
    TimeHow,
    TimelineEntry,
    TimeType,
    TitleHow,
)

# The story tables' JSON is the SQLite store's, written by the same helpers.
from newsdesk.store.story import (
    _conflict,
    _conflict_json,
    _evidence_json,
    _report,
    _report_json,
    _statement,
    _statement_json,
)

Row = Mapping[str, Any]

DOCUMENT_COLUMNS = (
    "id, source, url, text, body, encoding, language, title, title_start, title_end, title_how, outlet, outlet_how,"
    " outlet_evidence, published, published_granularity, published_how, published_latest, published_basis,"
    " published_evidence, extractors, ingested_at"
)

# Each per-document table: its columns (doc_id first) and the order its rows are read back in.
ANNOTATION_TABLES: dict[str, tuple[str, str]] = {
    "removed_spans": ('doc_id, start, "end", reason, extractor', "start"),
    "headings": ('doc_id, start, "end", extractor', "start"),
    "reported_from": ("doc_id, position, outlet, how, evidence, extractor", "position"),
    "mentions": (
        'doc_id, start, "end", text, label, role, governor, description_start, description_end, extractor',
        'start, "end"',
    ),
    "quotes": (
        'doc_id, start, "end", text, kind, cue_start, cue_end, cue_text, speaker_start, speaker_end, speaker_text,'
        " speaker_kind, channel, note, attitude, extractor, speaker_phrase_start, speaker_phrase_end,"
        " part_of_start, part_of_end",
        'start, "end", kind COLLATE "C"',
    ),
    "times": (
        'doc_id, start, "end", text, type, value, how, anchor, mod, tense, range_to_start, range_to_end, extractor',
        'start, "end"',
    ),
    "events": (
        'doc_id, start, "end", trigger_start, trigger_end, trigger_text, lemma, time_start, time_end, participants,'
        " modality, extractor",
        "start, trigger_start, time_start",
    ),
    "relations": (
        'doc_id, start, "end", kind, source_start, source_end, target_start, target_end, trigger_start, trigger_end,'
        " trigger_text, directed, modality, time_start, time_end, extractor",
        'trigger_start, source_start, target_start, kind COLLATE "C", start',
    ),
    "propositions": (
        'doc_id, start, "end", predicate_start, predicate_end, lemma, arguments, polarity, modality, holder_start,'
        " holder_end, holder_text, cue_start, cue_end, extractor",
        "start, predicate_start",
    ),
}

# Tables where a second annotation with the same key is dropped, as SQLite's INSERT OR IGNORE does.
IGNORE_DUPLICATES = frozenset({"mentions", "quotes", "times", "events", "relations"})


def document_row(document: Document, ingested_at: str) -> tuple[Any, ...]:
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
        ingested_at,
    )


def annotation_rows(document: Document) -> dict[str, list[tuple[Any, ...]]]:
    """Every per-document table's rows for ``document``, in ``ANNOTATION_TABLES``' column order."""
    d = document.id
    return {
        "removed_spans": [(d, r.span.start, r.span.end, r.reason.value, r.extractor) for r in document.removed],
        "headings": [(d, h.start, h.end, _extractor(document, "clean")) for h in document.headings],
        "reported_from": [
            (d, position, item.value, item.how, _spans_json(item.evidence), _extractor(document, "meta"))
            for position, item in enumerate(document.reported_from)
        ],
        "mentions": [
            (
                d,
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
        "quotes": [
            (
                d,
                q.span.start,
                q.span.end,
                q.text,
                q.kind,
                *_pair(q.cue),
                q.cue_text,
                *_pair(q.speaker),
                q.speaker_text,
                q.speaker_kind,
                q.channel,
                q.note,
                int(q.attitude),
                q.extractor,
                *_pair(q.speaker_phrase),
                *_pair(q.part_of),
            )
            for q in document.quotes
        ],
        "times": time_rows(d, document.times),
        "events": [
            (
                d,
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
        "relations": [
            (
                d,
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
                *_pair(r.time),
                r.extractor,
            )
            for r in document.relations
        ],
        "propositions": [
            (
                d,
                p.span.start,
                p.span.end,
                p.predicate.start,
                p.predicate.end,
                p.lemma,
                json.dumps([[a.role, a.span.start, a.span.end, a.head] for a in p.arguments]),
                p.polarity.value,
                p.modality.value,
                *_pair(p.holder),
                p.holder_text,
                *_pair(p.cue),
                p.extractor,
            )
            for p in document.propositions
        ],
    }


def time_rows(document_id: str, times: tuple[TimeExpression, ...]) -> list[tuple[Any, ...]]:
    return [
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
            *_pair(t.range_to),
            t.extractor,
        )
        for t in times
    ]


def document_from_rows(row: Row, tables: Mapping[str, Sequence[Row]]) -> Document:
    """The document of a ``documents`` row and its annotation rows (by table, in reading order)."""
    text = row["text"]
    published = None
    if row["published"] is not None:
        latest = row["published_latest"]
        published = Published(
            PartialDate(row["published"], Granularity(row["published_granularity"])),
            DateHow(row["published_how"]),
            _spans(row["published_evidence"]),
            latest=PartialDate(latest, Granularity.DAY if len(latest) == 10 else Granularity.MONTH) if latest else None,
            basis=row["published_basis"],
        )
    return Document(
        id=row["id"],
        source=row["source"],
        text=text,
        removed=tuple(
            RemovedSpan(Span(r["start"], r["end"]), RemovalReason(r["reason"]), r["extractor"])
            for r in tables["removed_spans"]
        ),
        headings=tuple(Span(r["start"], r["end"]) for r in tables["headings"]),
        title=row["title"],
        title_span=_span(row, "title"),
        title_how=TitleHow(row["title_how"]) if row["title_how"] else None,
        outlet=Attributed(row["outlet"], row["outlet_how"], _spans(row["outlet_evidence"])) if row["outlet"] else None,
        published=published,
        language=row["language"],
        reported_from=tuple(Attributed(r["outlet"], r["how"], _spans(r["evidence"])) for r in tables["reported_from"]),
        encoding=row["encoding"],
        url=row["url"],
        mentions=tuple(
            Mention(
                Span(r["start"], r["end"]),
                r["text"],
                r["label"],
                r["extractor"],
                r["role"],
                r["governor"],
                _span(r, "description"),
            )
            for r in tables["mentions"]
        ),
        quotes=tuple(
            Quote(
                span=Span(r["start"], r["end"]),
                text=r["text"],
                kind=r["kind"],
                cue=_span(r, "cue"),
                cue_text=r["cue_text"],
                speaker=_span(r, "speaker"),
                speaker_text=r["speaker_text"],
                speaker_kind=r["speaker_kind"],
                channel=r["channel"],
                extractor=r["extractor"],
                note=r["note"],
                attitude=bool(r["attitude"]),
                speaker_phrase=_span(r, "speaker_phrase"),
                part_of=_span(r, "part_of"),
            )
            for r in tables["quotes"]
        ),
        times=tuple(
            TimeExpression(
                span=Span(r["start"], r["end"]),
                text=r["text"],
                type=TimeType(r["type"]),
                value=r["value"],
                how=TimeHow(r["how"]),
                anchor=r["anchor"],
                mod=r["mod"],
                tense=r["tense"],
                range_to=_span(r, "range_to"),
                extractor=r["extractor"],
            )
            for r in tables["times"]
        ),
        events=tuple(
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
            for r in tables["events"]
        ),
        extractors=tuple(json.loads(row["extractors"])),
        relations=tuple(
            Relation(
                span=Span(r["start"], r["end"]),
                kind=r["kind"],
                source=Span(r["source_start"], r["source_end"]),
                target=Span(r["target_start"], r["target_end"]),
                trigger=Span(r["trigger_start"], r["trigger_end"]),
                trigger_text=r["trigger_text"],
                directed=bool(r["directed"]),
                modality=r["modality"],
                time=_span(r, "time"),
                extractor=r["extractor"],
            )
            for r in tables["relations"]
        ),
        propositions=tuple(
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
                holder=_span(r, "holder"),
                holder_text=r["holder_text"],
                cue=_span(r, "cue"),
                extractor=r["extractor"],
            )
            for r in tables["propositions"]
        ),
    )


# The story tables.

ENTITY_COLUMNS = (
    "id, name, type, description, description_doc, description_start, description_end, type_votes, extractor,"
    " descriptions"
)
ENTITY_MENTION_COLUMNS = 'entity_id, doc_id, start, "end", text, sense'
ENTITY_LINK_COLUMNS = "source, target, relation, why, evidence"
TIMELINE_COLUMNS = "id, value, granularity, label, kind, participants, disagreement, reports"
CLAIM_COLUMNS = "id, position, text, sources, statements, conflicts, extractor, kind, holders, related"
CORRECTION_COLUMNS = "id, action, groups, targets, who, made_at, why"


def entity_rows(entities: list[Entity]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The rows of ``entities``, ``entity_mentions`` and ``entity_links``."""
    own = [
        (
            e.id,
            e.name,
            e.type,
            e.description,
            e.description_evidence.doc if e.description_evidence else None,
            *_pair(e.description_evidence.span if e.description_evidence else None),
            json.dumps({"votes": dict(e.type_votes), "why": e.type_why}),
            e.extractor,
            json.dumps(
                [{"text": t, "doc": ev.doc, "start": ev.span.start, "end": ev.span.end} for t, ev in e.descriptions]
            ),
        )
        for e in entities
    ]
    mentions = [(e.id, m.doc, m.span.start, m.span.end, m.text, m.sense) for e in entities for m in e.mentions]
    links = [
        (e.id, link.target, link.relation, link.why, _evidence_json(link.evidence))
        for e in entities
        for link in e.links
    ]
    return own, mentions, links


def entities_from_rows(rows: Sequence[Row], mention_rows: Sequence[Row], link_rows: Sequence[Row]) -> list[Entity]:
    mentions: dict[str, list[EntityMention]] = {}
    for r in mention_rows:
        mentions.setdefault(r["entity_id"], []).append(
            EntityMention(r["doc_id"], Span(r["start"], r["end"]), r["text"], r["sense"])
        )
    links: dict[str, list[EntityLink]] = {}
    for r in link_rows:
        links.setdefault(r["source"], []).append(
            EntityLink(r["target"], r["relation"], r["why"], _evidence(r["evidence"]))
        )
    found = []
    for r in rows:
        votes = json.loads(r["type_votes"])
        found.append(
            Entity(
                id=r["id"],
                name=r["name"],
                type=r["type"],
                mentions=tuple(mentions.get(r["id"], ())),
                description=r["description"],
                description_evidence=Evidence(r["description_doc"], Span(r["description_start"], r["description_end"]))
                if r["description_doc"] is not None
                else None,
                descriptions=tuple(
                    (d["text"], Evidence(d["doc"], Span(d["start"], d["end"]))) for d in json.loads(r["descriptions"])
                ),
                type_votes=tuple(votes.get("votes", {}).items()),
                type_why=votes.get("why"),
                links=tuple(links.get(r["id"], ())),
                extractor=r["extractor"],
            )
        )
    return sorted(found, key=lambda e: (-len(e.mentions), e.name))


def reference_date_rows(references: dict[str, ReferenceDate]) -> list[tuple[Any, ...]]:
    return [(r.doc, r.date, r.how, r.basis, _evidence_json(r.evidence)) for r in references.values()]


def reference_date_from_row(r: Row) -> ReferenceDate:
    return ReferenceDate(r["doc_id"], r["date"], r["how"], r["basis"], _evidence(r["evidence"]))


def timeline_rows(timeline: list[TimelineEntry]) -> list[tuple[Any, ...]]:
    return [
        (
            t.id,
            t.value,
            t.granularity,
            t.label,
            t.kind,
            json.dumps(list(t.participants)),
            t.disagreement,
            json.dumps([_report_json(r) for r in t.reports]),
        )
        for t in timeline
    ]


def timeline_from_row(r: Row) -> TimelineEntry:
    return TimelineEntry(
        id=r["id"],
        value=r["value"],
        granularity=r["granularity"],
        label=r["label"],
        kind=r["kind"],
        reports=tuple(_report(item) for item in json.loads(r["reports"])),
        participants=tuple(json.loads(r["participants"])),
        disagreement=r["disagreement"],
    )


def claim_rows(claims: list[Claim]) -> list[tuple[Any, ...]]:
    return [
        (
            c.id,
            position,
            c.text,
            json.dumps(list(c.sources)),
            json.dumps([_statement_json(s) for s in c.statements]),
            json.dumps([_conflict_json(x) for x in c.conflicts]),
            c.extractor,
            c.kind.value,
            json.dumps(list(c.holders)),
            json.dumps([[other, round(score, 4)] for other, score in c.related]),
        )
        for position, c in enumerate(claims)
    ]


def claim_from_row(r: Row) -> Claim:
    return Claim(
        id=r["id"],
        text=r["text"],
        statements=tuple(_statement(item) for item in json.loads(r["statements"])),
        sources=tuple(json.loads(r["sources"])),
        conflicts=tuple(_conflict(item) for item in json.loads(r["conflicts"])),
        extractor=r["extractor"],
        kind=ClaimKind(r["kind"]),
        holders=tuple(json.loads(r["holders"])),
        related=tuple((other, float(score)) for other, score in json.loads(r["related"])),
    )


def _pair(span: Span | None) -> tuple[int | None, int | None]:
    return (span.start, span.end) if span is not None else (None, None)


def _span(row: Row, prefix: str) -> Span | None:
    start = row[f"{prefix}_start"]
    return Span(start, row[f"{prefix}_end"]) if start is not None else None


def _spans_json(spans: tuple[Span, ...]) -> str:
    return json.dumps([[span.start, span.end] for span in spans])


def _spans(value: str) -> tuple[Span, ...]:
    return tuple(Span(start, end) for start, end in json.loads(value))


def _evidence(value: str) -> tuple[Evidence, ...]:
    return tuple(Evidence(item["doc"], Span(item["start"], item["end"])) for item in json.loads(value))


def _extractor(document: Document, family: str) -> str:
    return next((name for name in document.extractors if f".{family}." in name), "unknown")
