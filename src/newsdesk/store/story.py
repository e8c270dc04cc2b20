"""The corpus stages' tables: entities, reference dates and the timeline, claims and sources.

Each stage's result replaces the previous one in one transaction.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import Any

from newsdesk.corpus.story_memo import DocMemo, StepChange
from newsdesk.model import (
    Argument,
    Claim,
    ClaimKind,
    Conflict,
    Entity,
    EntityLink,
    EntityMention,
    Evidence,
    Modality,
    Polarity,
    Proposition,
    ReferenceDate,
    Span,
    Statement,
    TimeExpression,
    TimelineEntry,
    TimelineEvent,
)
from newsdesk.store.base import EntityHead, MentionKey
from newsdesk.store.connection import now, transaction
from newsdesk.store.document_write import insert_times
from newsdesk.store.sql import Cursor, Database, Row, streamed


def replace_entities(db: Database, entities: list[Entity], parts: Mapping[str, str] | None = None) -> None:
    """The corpus stage's result replaces the previous one, all at once (with each entity's part,
    when ``parts`` gives it)."""
    parts = parts or {}
    with transaction(db):
        db.execute("DELETE FROM entity_links")
        db.execute("DELETE FROM entity_mentions")
        db.execute("DELETE FROM entities")
        # The story's order (as ``read_entities`` gives it), kept for reads by page.
        ranked = sorted(entities, key=lambda e: (-len(e.mentions), e.name, e.id))
        position = {e.id: number for number, e in enumerate(ranked, start=1)}
        db.executemany(
            "INSERT INTO entities (id, name, type, description, description_doc, description_start,"
            " description_end, type_votes, extractor, descriptions, position, mention_count, aliases, article_count,"
            " part) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    e.id,
                    e.name,
                    e.type,
                    e.description,
                    e.description_evidence.doc if e.description_evidence else None,
                    e.description_evidence.span.start if e.description_evidence else None,
                    e.description_evidence.span.end if e.description_evidence else None,
                    json.dumps({"votes": dict(e.type_votes), "why": e.type_why}),
                    e.extractor,
                    json.dumps(
                        [
                            {"text": t, "doc": ev.doc, "start": ev.span.start, "end": ev.span.end}
                            for t, ev in e.descriptions
                        ]
                    ),
                    position[e.id],
                    len(e.mentions),
                    json.dumps(_aliases(e)),
                    len(e.documents),
                    parts.get(e.id),
                )
                for e in entities
            ],
        )
        db.executemany(
            'INSERT INTO entity_mentions (entity_id, doc_id, start, "end", text, sense) VALUES (?, ?, ?, ?, ?, ?)',
            [(e.id, m.doc, m.span.start, m.span.end, m.text, m.sense) for e in entities for m in e.mentions],
        )
        db.executemany(
            "INSERT INTO entity_links (source, target, relation, why, evidence) VALUES (?, ?, ?, ?, ?)",
            [
                (e.id, link.target, link.relation, link.why, _evidence_json(link.evidence))
                for e in entities
                for link in e.links
            ],
        )


def _aliases(entity: Entity) -> list[str]:
    """Each way the entity's mentions write its name, in the order first written (mentions in the
    order they are read back: by document, then position)."""
    ordered = sorted(entity.mentions, key=lambda m: (m.doc, m.span.start, m.span.end))
    return list(dict.fromkeys(m.text for m in ordered))


def replace_story_time(
    db: Database,
    references: dict[str, ReferenceDate],
    times: dict[str, tuple[TimeExpression, ...]],
    timeline: list[TimelineEntry],
    change: StepChange | None = None,
) -> None:
    """The timeline stage's result: reference dates, re-read times and the timeline, in one
    transaction; with a ``change`` that is not fresh, only its documents' reference dates and times
    are replaced (``references`` holds theirs), and the step's memo with them."""
    with transaction(db):
        delete_rows(db, "reference_dates", change)
        db.execute("DELETE FROM timeline")
        db.execute("DELETE FROM timeline_reports")
        db.execute("DELETE FROM timeline_participants")
        db.executemany(
            "INSERT INTO reference_dates (doc_id, date, how, basis, evidence) VALUES (?, ?, ?, ?, ?)",
            [(r.doc, r.date, r.how, r.basis, _evidence_json(r.evidence)) for r in references.values()],
        )
        for document_id, found in times.items():
            if change is not None and not change.fresh and document_id not in change.recomputed:
                continue
            db.execute("DELETE FROM times WHERE doc_id = ?", (document_id,))
            insert_times(db, document_id, found)
        db.executemany(
            "INSERT INTO timeline (id, value, granularity, label, kind, participants, disagreement, reports)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
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
            ],
        )
        db.executemany(
            "INSERT INTO timeline_reports (doc_id, event_start, trigger_start, entry_id) VALUES (?, ?, ?, ?)",
            sorted({(r.doc, r.event.start, r.trigger.start, t.id) for t in timeline for r in t.reports}),
        )
        db.executemany(
            "INSERT INTO timeline_participants (entity_id, entry_id) VALUES (?, ?)",
            sorted({(entity, t.id) for t in timeline for entity in t.participants}),
        )
        save_step_memo(db, change)


# The outlets of the articles carrying each claim (migrations 0023 / PostgreSQL 0011 fill it so).
CLAIM_OUTLETS = (
    "INSERT INTO claim_outlets (outlet, claim_id, source_count, document_count, position)"
    " SELECT DISTINCT d.outlet, c.id, c.source_count, c.document_count, c.rowid FROM claim_documents cd"
    " JOIN documents d ON d.id = cd.doc_id JOIN claims c ON c.id = cd.claim_id WHERE d.outlet IS NOT NULL"
)


def replace_claims(db: Database, claims: list[Claim], sources: dict[str, str] | None) -> None:
    """The claims stage's result (and each article's independent source, when given) replaces
    the previous one, all at once."""
    with transaction(db):
        if sources is not None:
            db.execute("DELETE FROM sources")
            db.executemany("INSERT INTO sources (doc_id, source) VALUES (?, ?)", sorted(sources.items()))
        db.execute("DELETE FROM claim_documents")
        db.execute("DELETE FROM claim_actors")
        db.execute("DELETE FROM claim_outlets")
        db.execute("DELETE FROM claims")
        db.executemany(
            "INSERT INTO claims (id, text, sources, statements, conflicts, extractor, kind, holders, related,"
            " document_count, source_count, contested) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    c.id,
                    c.text,
                    json.dumps(list(c.sources)),
                    json.dumps([_statement_json(s) for s in c.statements]),
                    json.dumps([_conflict_json(x) for x in c.conflicts]),
                    c.extractor,
                    c.kind.value,
                    json.dumps(list(c.holders)),
                    json.dumps([[other, round(score, 4)] for other, score in c.related]),
                    len(c.documents),
                    len(c.sources),
                    int(bool(c.conflicts)),
                )
                for c in claims
            ],
        )
        db.executemany(
            "INSERT INTO claim_documents (claim_id, doc_id) VALUES (?, ?)",
            [(c.id, doc) for c in claims for doc in c.documents],
        )
        db.executemany(
            "INSERT INTO claim_actors (claim_id, entity_id) VALUES (?, ?)",
            [(c.id, actor) for c in claims for actor in dict.fromkeys(a for s in c.statements for a in s.actors)],
        )
        db.execute(CLAIM_OUTLETS)
        if isinstance(db, sqlite3.Connection):  # PostgreSQL indexes the claims' own text (pg_trgm)
            db.execute("DELETE FROM claim_words")
            db.execute("INSERT INTO claim_words (text, claim_id) SELECT text, id FROM claims")


def read_sources(db: Database) -> dict[str, str]:
    """Each article's independent source as the claims stage found it (empty before it ran)."""
    return {row[0]: row[1] for row in db.execute("SELECT doc_id, source FROM sources")}


def read_claims(db: Database) -> list[Claim]:
    return [claim_of(r) for r in db.execute("SELECT * FROM claims ORDER BY rowid")]


def iter_claims(db: Database) -> Iterator[Claim]:
    """The claims in the story's order, read as they are needed."""
    with streamed(db, "SELECT * FROM claims ORDER BY rowid") as rows:
        for r in rows:
            yield claim_of(r)


def iter_timeline(db: Database) -> Iterator[TimelineEntry]:
    with streamed(db, "SELECT * FROM timeline ORDER BY value, id") as rows:
        for r in rows:
            yield entry_of(r)


_LINKS_IN_ORDER = (
    "SELECT e.position AS entity_position, l.* FROM entity_links l JOIN entities e ON e.id = l.source"
    " ORDER BY e.position, l.target, l.relation"
)


def iter_entities(db: Database) -> Iterator[Entity]:
    """The entities in the story's order (their stored position), each with its mentions and
    links, read as they are needed: one cursor per table, merged."""
    with contextlib.ExitStack() as cursors:
        mentions = cursors.enter_context(
            streamed(
                db,
                "SELECT e.position AS entity_position, m.* FROM entity_mentions m JOIN entities e ON e.id = m.entity_id"
                ' ORDER BY e.position, m.doc_id, m.start, m."end"',
            )
        )
        links = cursors.enter_context(streamed(db, _LINKS_IN_ORDER))
        listed = cursors.enter_context(streamed(db, "SELECT * FROM entities ORDER BY position"))
        for _, entity in _merged_entities(listed, mentions, links):
            yield entity


def iter_entity_heads(db: Database) -> Iterator[EntityHead]:
    """The entities in the story's order, each with its links and stored counts but none of its
    mentions (a stream's reader pages through those, ``read_mentions``)."""
    with contextlib.ExitStack() as cursors:
        links = cursors.enter_context(streamed(db, _LINKS_IN_ORDER))
        listed = cursors.enter_context(streamed(db, "SELECT * FROM entities ORDER BY position"))
        for r, entity in _merged_entities(listed, None, links):
            yield head_of(r, entity)


def head_of(r: Row, entity: Entity) -> EntityHead:
    return EntityHead(entity, int(r["mention_count"]), int(r["article_count"]), tuple(json.loads(r["aliases"])))


def read_mentions(db: Database, entity_id: str, after: MentionKey | None, limit: int) -> list[EntityMention]:
    """One page of an entity's mentions by (document, start, end), read by key from the
    mentions' primary key: each page costs the same wherever it starts."""
    sql = 'SELECT doc_id, start, "end", text, sense FROM entity_mentions WHERE entity_id = ?'
    params: list[object] = [entity_id]
    if after is not None:
        sql += ' AND (doc_id, start, "end") > (?, ?, ?)'
        params += after
    rows = db.execute(f'{sql} ORDER BY doc_id, start, "end" LIMIT ?', [*params, limit])
    return [EntityMention(r["doc_id"], Span(r["start"], r["end"]), r["text"], r["sense"]) for r in rows]


def _merged_entities(listed: Cursor, mentions: Cursor | None, links: Cursor) -> Iterator[tuple[Row, Entity]]:
    pending_mention = mentions.fetchone() if mentions is not None else None
    pending_link = links.fetchone()
    for r in listed:
        position = r["position"]
        found: list[EntityMention] = []
        while mentions is not None and pending_mention is not None and pending_mention["entity_position"] <= position:
            if pending_mention["entity_position"] == position:
                m = pending_mention
                found.append(EntityMention(m["doc_id"], Span(m["start"], m["end"]), m["text"], m["sense"]))
            pending_mention = mentions.fetchone()
        tied: list[EntityLink] = []
        while pending_link is not None and pending_link["entity_position"] <= position:
            if pending_link["entity_position"] == position:
                tied.append(link_of(pending_link))
            pending_link = links.fetchone()
        yield r, entity_of(r, tuple(found), tuple(tied))


def claim_of(r: Row) -> Claim:
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


def read_reference_dates(db: Database, wanted: Sequence[str] | None = None) -> dict[str, ReferenceDate]:
    found = {}
    if wanted is None:
        rows = list(db.execute("SELECT * FROM reference_dates ORDER BY doc_id"))
    else:
        rows = [
            r
            for batch in _batches(wanted)
            for r in db.execute(
                f"SELECT * FROM reference_dates WHERE doc_id IN ({_marks(batch)}) ORDER BY doc_id", batch
            )
        ]
    for r in rows:
        evidence = tuple(Evidence(item["doc"], Span(item["start"], item["end"])) for item in json.loads(r["evidence"]))
        found[r["doc_id"]] = ReferenceDate(r["doc_id"], r["date"], r["how"], r["basis"], evidence)
    return found


def read_timeline(db: Database) -> list[TimelineEntry]:
    return [entry_of(r) for r in db.execute("SELECT * FROM timeline ORDER BY value, id")]


def entry_of(r: Row) -> TimelineEntry:
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


def _batches(wanted: Sequence[str], size: int = 500) -> Iterator[list[str]]:
    unique = list(dict.fromkeys(wanted))
    for first in range(0, len(unique), size):
        yield unique[first : first + size]


def _marks(batch: Sequence[object]) -> str:
    return ", ".join("?" * len(batch))


def read_entity_parts(db: Database) -> dict[str, str]:
    return {r["id"]: r["part"] for r in db.execute("SELECT id, part FROM entities WHERE part IS NOT NULL")}


def read_entity_keys(
    db: Database, parts: Sequence[str] | None = None, documents: Sequence[str] | None = None
) -> list[tuple[str, str]]:
    """Each stored mention's record of the entity partition with its part: (part, record), of
    every part, or of those ``parts``, or of the mentions of those ``documents``."""
    if parts is None and documents is None:
        return [(r["part"], r["record"]) for r in db.execute("SELECT part, record FROM entity_mention_keys")]
    column, wanted = ("part", parts) if parts is not None else ("doc_id", documents or ())
    found: list[tuple[str, str]] = []
    for batch in _batches(wanted):
        query = f"SELECT part, record FROM entity_mention_keys WHERE {column} IN ({_marks(batch)})"
        found += [(r["part"], r["record"]) for r in db.execute(query, batch)]
    return found


def read_entity_key_counts(db: Database) -> dict[str, int]:
    """How many mentions' records of the entity partition each document has stored."""
    return {r["doc_id"]: r["mentions"] for r in db.execute("SELECT doc_id, mentions FROM entity_key_documents")}


def read_key_parts(db: Database, keys: Sequence[str]) -> list[tuple[str, str]]:
    """The stored parts holding each of ``keys``: (key, part)."""
    found: list[tuple[str, str]] = []
    for batch in _batches(keys):
        query = f"SELECT key, part FROM entity_part_keys WHERE key IN ({_marks(batch)})"
        found += [(r["key"], r["part"]) for r in db.execute(query, batch)]
    return found


def replace_entity_keys(
    db: Database,
    gone: Collection[str] | None,
    records: Sequence[tuple[str, int, int, str, str]],
    keys: Sequence[tuple[str, str]],
    documents: Sequence[tuple[str, int]] = (),
) -> None:
    """The partition's change: the records and keys of the parts ``gone`` (of every part and
    document, when None) deleted, then ``records`` ((document, start, end, part, record)), ``keys``
    ((key, part)) and the new ``documents`` (with the count of their mentions) stored, in one
    transaction."""
    with transaction(db):
        if gone is None:
            db.execute("DELETE FROM entity_mention_keys")
            db.execute("DELETE FROM entity_part_keys")
            db.execute("DELETE FROM entity_key_documents")
        for batch in _batches(list(gone or ())):
            db.execute(f"DELETE FROM entity_mention_keys WHERE part IN ({_marks(batch)})", batch)
            db.execute(f"DELETE FROM entity_part_keys WHERE part IN ({_marks(batch)})", batch)
        db.executemany(
            'INSERT INTO entity_mention_keys (doc_id, start, "end", part, record) VALUES (?, ?, ?, ?, ?)', records
        )
        db.executemany("INSERT INTO entity_part_keys (key, part) VALUES (?, ?)", keys)
        db.executemany(
            "INSERT INTO entity_key_documents (doc_id, mentions) VALUES (?, ?)"
            " ON CONFLICT (doc_id) DO UPDATE SET mentions = excluded.mentions",
            documents,
        )


def read_entities(db: Database, wanted: Sequence[str] | None = None) -> list[Entity]:
    """The story's entities (those ``wanted``, when given), in the story's order: most mentioned
    first, then by name."""
    if wanted is None:
        return _entities(
            db.execute('SELECT * FROM entity_mentions ORDER BY doc_id, start, "end"'),
            db.execute("SELECT * FROM entity_links ORDER BY source, target, relation"),
            db.execute("SELECT * FROM entities ORDER BY id"),
        )
    found: list[Entity] = []
    for batch in _batches(wanted):
        marks = _marks(batch)
        found += _entities(
            db.execute(
                f'SELECT * FROM entity_mentions WHERE entity_id IN ({marks}) ORDER BY doc_id, start, "end"', batch
            ),
            db.execute(
                f"SELECT * FROM entity_links WHERE source IN ({marks}) ORDER BY source, target, relation", batch
            ),
            db.execute(f"SELECT * FROM entities WHERE id IN ({marks}) ORDER BY id", batch),
        )
    return sorted(found, key=lambda e: (-len(e.mentions), e.name, e.id))


def _entities(mention_rows: Iterable[Row], link_rows: Iterable[Row], entity_rows: Iterable[Row]) -> list[Entity]:
    mentions: dict[str, list[EntityMention]] = {}
    for r in mention_rows:
        mentions.setdefault(r["entity_id"], []).append(
            EntityMention(r["doc_id"], Span(r["start"], r["end"]), r["text"], r["sense"])
        )
    links: dict[str, list[EntityLink]] = {}
    for r in link_rows:
        links.setdefault(r["source"], []).append(link_of(r))
    found = [entity_of(r, tuple(mentions.get(r["id"], ())), tuple(links.get(r["id"], ()))) for r in entity_rows]
    return sorted(found, key=lambda e: (-len(e.mentions), e.name, e.id))


def link_of(r: Row) -> EntityLink:
    evidence = tuple(Evidence(item["doc"], Span(item["start"], item["end"])) for item in json.loads(r["evidence"]))
    return EntityLink(r["target"], r["relation"], r["why"], evidence)


def entity_of(r: Row, mentions: tuple[EntityMention, ...], links: tuple[EntityLink, ...]) -> Entity:
    votes = json.loads(r["type_votes"])
    return Entity(
        id=r["id"],
        name=r["name"],
        type=r["type"],
        mentions=mentions,
        description=r["description"],
        description_evidence=Evidence(r["description_doc"], Span(r["description_start"], r["description_end"]))
        if r["description_doc"] is not None
        else None,
        descriptions=tuple(
            (d["text"], Evidence(d["doc"], Span(d["start"], d["end"]))) for d in json.loads(r["descriptions"])
        ),
        type_votes=tuple(votes.get("votes", {}).items()),
        type_why=votes.get("why"),
        links=links,
        extractor=r["extractor"],
    )


def _statement_json(statement: Statement) -> dict[str, object]:
    return {
        "doc": statement.doc,
        "span": [statement.span.start, statement.span.end],
        "text": statement.text,
        "speaker": statement.speaker,
        "actors": list(statement.actors),
        "dates": [[value, span.start, span.end] for value, span in statement.dates],
        "numbers": [[number, unit, span.start, span.end] for number, unit, span in statement.numbers],
        "proposition": _proposition_json(statement.proposition) if statement.proposition else None,
    }


def _proposition_json(p: Proposition) -> dict[str, object]:
    return {
        "span": [p.span.start, p.span.end],
        "predicate": [p.predicate.start, p.predicate.end],
        "lemma": p.lemma,
        "arguments": [[a.role, a.span.start, a.span.end, a.text, a.head] for a in p.arguments],
        "polarity": p.polarity.value,
        "modality": p.modality.value,
        "holder": [p.holder.start, p.holder.end] if p.holder else None,
        "holder_text": p.holder_text,
        "cue": [p.cue.start, p.cue.end] if p.cue else None,
        "extractor": p.extractor,
    }


def _proposition(item: dict[str, Any]) -> Proposition:
    return Proposition(
        span=Span(*item["span"]),
        predicate=Span(*item["predicate"]),
        lemma=item["lemma"],
        arguments=tuple(
            Argument(role, Span(start, end), text, head) for role, start, end, text, head in item["arguments"]
        ),
        polarity=Polarity(item["polarity"]),
        modality=Modality(item["modality"]),
        holder=Span(*item["holder"]) if item["holder"] else None,
        holder_text=item["holder_text"],
        cue=Span(*item["cue"]) if item["cue"] else None,
        extractor=item["extractor"],
    )


def _statement(item: dict[str, Any]) -> Statement:
    return Statement(
        doc=item["doc"],
        span=Span(*item["span"]),
        text=item["text"],
        speaker=item["speaker"],
        actors=tuple(item["actors"]),
        dates=tuple((value, Span(start, end)) for value, start, end in item["dates"]),
        numbers=tuple((number, unit, Span(start, end)) for number, unit, start, end in item["numbers"]),
        proposition=_proposition(item["proposition"]) if item.get("proposition") else None,
    )


def _conflict_json(conflict: Conflict) -> dict[str, object]:
    return {
        "claim": conflict.claim,
        "why": conflict.why,
        "ours": [conflict.ours.doc, conflict.ours.span.start, conflict.ours.span.end],
        "theirs": [conflict.theirs.doc, conflict.theirs.span.start, conflict.theirs.span.end],
    }


def _conflict(item: dict[str, Any]) -> Conflict:
    ours, theirs = item["ours"], item["theirs"]
    return Conflict(
        item["claim"],
        item["why"],
        Evidence(ours[0], Span(ours[1], ours[2])),
        Evidence(theirs[0], Span(theirs[1], theirs[2])),
    )


def _report_json(report: TimelineEvent) -> dict[str, object]:
    return {
        "doc": report.doc,
        "event": [report.event.start, report.event.end],
        "trigger": [report.trigger.start, report.trigger.end],
        "time": [report.time.start, report.time.end] if report.time else None,
        "value": report.value,
        "how": report.how,
    }


def _report(item: dict[str, Any]) -> TimelineEvent:
    return TimelineEvent(
        doc=item["doc"],
        event=Span(*item["event"]),
        trigger=Span(*item["trigger"]),
        time=Span(*item["time"]) if item["time"] else None,
        value=item["value"],
        how=item["how"],
    )


def _evidence_json(evidence: tuple[Evidence, ...]) -> str:
    return json.dumps([{"doc": e.doc, "start": e.span.start, "end": e.span.end} for e in evidence])


def stale(db: Database) -> bool:
    row = db.execute("SELECT changes > built FROM story_state WHERE id = 1").fetchone()
    return bool(row[0]) if row else False


def changes(db: Database) -> int:
    row = db.execute("SELECT changes FROM story_state WHERE id = 1").fetchone()
    return int(row[0]) if row else 0


def mark_built(db: Database, built: int) -> None:
    """The story stages completed over the articles as of ``built`` changes: the last run to
    finish says what the tables hold, so its count is recorded even when it is not the highest."""
    with transaction(db):
        db.execute("UPDATE story_state SET built = ?, built_at = ? WHERE id = 1", (built, now()))


def delete_rows(db: Database, table: str, change: StepChange | None) -> None:
    """Delete ``table``'s rows of the documents ``change`` replaces (every row without a change,
    or with a fresh one); inside the caller's transaction."""
    if change is None or change.fresh:
        db.execute(f"DELETE FROM {table}")
        return
    for batch in _batches(change.replaced):
        db.execute(f"DELETE FROM {table} WHERE doc_id IN ({_marks(batch)})", batch)


def save_step_memo(db: Database, change: StepChange | None) -> None:
    """Apply ``change`` to its step's memo, inside the caller's transaction (so that the memo and
    the rows it stands for are stored together)."""
    if change is None:
        return
    if change.fresh:
        db.execute("DELETE FROM story_step_memo WHERE step = ?", (change.step,))
    else:
        for batch in _batches(change.replaced):
            db.execute(
                f"DELETE FROM story_step_memo WHERE step = ? AND doc_id IN ({_marks(batch)})", [change.step, *batch]
            )
    db.executemany(
        "INSERT INTO story_step_memo (step, doc_id, digest, state) VALUES (?, ?, ?, ?)",
        [(change.step, doc, memo.digest, memo.state) for doc, memo in sorted(change.recomputed.items())],
    )


def read_step_memo(db: Database, step: str) -> dict[str, DocMemo]:
    return {
        doc: DocMemo(digest, state)
        for doc, digest, state in db.execute(
            "SELECT doc_id, digest, state FROM story_step_memo WHERE step = ?", (step,)
        )
    }
