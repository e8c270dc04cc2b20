"""SQLite store: numbered migrations, WAL, one transaction per document, FTS5 over the body."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

from newsdesk.model import (
    Attributed,
    Claim,
    Conflict,
    DateHow,
    Document,
    Entity,
    EntityLink,
    EntityMention,
    Event,
    Evidence,
    Granularity,
    Mention,
    PartialDate,
    Published,
    Quote,
    ReferenceDate,
    Relation,
    RemovalReason,
    RemovedSpan,
    Span,
    Statement,
    TimeExpression,
    TimeHow,
    TimelineEntry,
    TimelineEvent,
    TimeType,
)
from newsdesk.store.base import StoreStats


class StoreError(Exception):
    """The database cannot be opened or used; the message says which file and why."""


def _migrations() -> list[tuple[int, str, str]]:
    folder = resources.files("newsdesk.store.migrations")
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql"):
            found.append((int(name.split("_", 1)[0]), name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def _spans(value: str) -> tuple[Span, ...]:
    return tuple(Span(start, end) for start, end in json.loads(value))


def _spans_json(spans: tuple[Span, ...]) -> str:
    return json.dumps([[span.start, span.end] for span in spans])


class SQLiteStore:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: not a usable newsdesk database ({error})") from None

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def schema_version(self) -> int:
        row = self._db.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    def _migrate(self) -> None:
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        current = self.schema_version()
        for version, name, script in _migrations():
            if version <= current:
                continue
            # executescript commits first; the BEGIN inside makes each migration all-or-nothing.
            self._db.executescript(
                f"BEGIN IMMEDIATE;\n{script}\n"
                f"INSERT INTO schema_migrations VALUES ({version}, '{name}', '{_now()}');\nCOMMIT;"
            )

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction: all of it is stored, or none of it."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def has(self, document_id: str) -> bool:
        return self._db.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone() is not None

    def add(self, document: Document) -> bool:
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            if self.has(document.id):
                db.execute("ROLLBACK")
                return False
            published = document.published
            outlet = document.outlet
            db.execute(
                "INSERT INTO documents (id, source, url, text, body, encoding, language, title, title_start, title_end,"
                " outlet, outlet_how, outlet_evidence, published, published_granularity, published_how, published_latest,"
                " published_basis, published_evidence, extractors, ingested_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
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
                    _now(),
                ),
            )
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
                'INSERT OR IGNORE INTO mentions (doc_id, start, "end", text, label, role, governor,'
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
                'INSERT OR IGNORE INTO quotes (doc_id, start, "end", text, kind, cue_start, cue_end, cue_text,'
                " speaker_start, speaker_end, speaker_text, speaker_kind, channel, note, attitude, extractor,"
                " speaker_phrase_start, speaker_phrase_end, part_of_start, part_of_end)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                    )
                    for q in document.quotes
                ],
            )
            self._insert_times(document.id, document.times)
            db.executemany(
                'INSERT OR IGNORE INTO events (doc_id, start, "end", trigger_start, trigger_end, trigger_text, lemma,'
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
                'INSERT OR IGNORE INTO relations (doc_id, start, "end", kind, source_start, source_end, target_start,'
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
            db.execute("COMMIT")
            return True
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _insert_times(self, document_id: str, times: tuple[TimeExpression, ...]) -> None:
        self._db.executemany(
            'INSERT OR IGNORE INTO times (doc_id, start, "end", text, type, value, how, anchor, mod, tense,'
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

    def get(self, document_id: str) -> Document | None:
        row = self._db.execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()
        return self._document(row) if row else None

    def documents(self) -> Iterator[Document]:
        ids = [row[0] for row in self._db.execute("SELECT id FROM documents ORDER BY source, id")]
        for document_id in ids:
            document = self.get(document_id)
            if document is not None:
                yield document

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM documents").fetchone()[0])

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        """Ids and snippets for an FTS5 query; a malformed query raises ValueError with the reason."""
        try:
            return self._search(query, limit)
        except sqlite3.OperationalError as error:
            raise ValueError(f"cannot search for {query!r}: {error}") from None

    def _search(self, query: str, limit: int) -> list[tuple[str, str]]:
        rows = self._db.execute(
            "SELECT d.id, snippet(documents_fts, 1, '[', ']', '…', 12) FROM documents_fts"
            " JOIN documents d ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
            (query, limit),
        )
        return [(row[0], row[1]) for row in rows]

    # Read-only additions for the REST API (``newsdesk.api``).

    @classmethod
    def reader(cls, path: str | Path) -> SQLiteStore:
        """A read-only store over an existing database, usable from any one thread at a time;
        no migrations run (open the database writable once first to bring it up to date)."""
        store = cls.__new__(cls)
        store.path = Path(path)
        try:
            store._db = sqlite3.connect(
                f"{store.path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
            )
            store._db.row_factory = sqlite3.Row
            store.schema_version()
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{store.path}: not a usable newsdesk database ({error})") from None
        return store

    @contextmanager
    def read_snapshot(self) -> Iterator[None]:
        """Reads inside the block see one state of the database, whatever other writers commit."""
        self._db.execute("BEGIN")
        try:
            yield
        finally:
            self._db.execute("COMMIT")

    def data_version(self) -> int:
        """A number that changes when another connection commits to the database."""
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def texts(self) -> dict[str, str]:
        """Every document's text by id."""
        return {row[0]: row[1] for row in self._db.execute("SELECT id, text FROM documents")}

    def search_page(self, query: str, offset: int, limit: int) -> tuple[int, list[tuple[str, str]]]:
        """The number of documents matching an FTS5 query and one page of them (ids and snippets,
        best first); a malformed query raises ValueError with the reason."""
        try:
            total = self._db.execute(
                "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?", (query,)
            ).fetchone()[0]
            rows = self._db.execute(
                "SELECT d.id, snippet(documents_fts, 1, '[', ']', '…', 12) FROM documents_fts"
                " JOIN documents d ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ?"
                " ORDER BY rank LIMIT ? OFFSET ?",
                (query, limit, offset),
            ).fetchall()
        except sqlite3.OperationalError as error:
            raise ValueError(f"cannot search for {query!r}: {error}") from None
        return int(total), [(row[0], row[1]) for row in rows]

    def stats(self) -> StoreStats:
        db = self._db

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
            languages=grouped(
                "SELECT coalesce(language, 'unknown'), count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC"
            ),
            outlets=grouped("SELECT coalesce(outlet, 'unknown'), count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC"),
            published_how=grouped(
                "SELECT coalesce(published_how, 'unknown'), count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC"
            ),
        )

    def _document(self, row: sqlite3.Row) -> Document:
        document_id = row["id"]
        removed = tuple(
            RemovedSpan(Span(r["start"], r["end"]), RemovalReason(r["reason"]), r["extractor"])
            for r in self._db.execute(
                'SELECT start, "end", reason, extractor FROM removed_spans WHERE doc_id = ? ORDER BY start',
                (document_id,),
            )
        )
        headings = tuple(
            Span(r["start"], r["end"])
            for r in self._db.execute(
                'SELECT start, "end" FROM headings WHERE doc_id = ? ORDER BY start', (document_id,)
            )
        )
        relayed = tuple(
            Attributed(r["outlet"], r["how"], _spans(r["evidence"]))
            for r in self._db.execute(
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
            for r in self._db.execute('SELECT * FROM mentions WHERE doc_id = ? ORDER BY start, "end"', (document_id,))
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
            for r in self._db.execute('SELECT * FROM quotes WHERE doc_id = ? ORDER BY start, "end"', (document_id,))
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
            for r in self._db.execute('SELECT * FROM times WHERE doc_id = ? ORDER BY start, "end"', (document_id,))
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
            for r in self._db.execute(
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
            for r in self._db.execute(
                "SELECT * FROM relations WHERE doc_id = ? ORDER BY trigger_start, source_start, target_start",
                (document_id,),
            )
        )
        published = None
        if row["published"] is not None:
            granularity = Granularity(row["published_granularity"])
            latest = row["published_latest"]
            published = Published(
                PartialDate(row["published"], granularity),
                DateHow(row["published_how"]),
                _spans(row["published_evidence"]),
                latest=PartialDate(latest, Granularity.DAY if len(latest) == 10 else Granularity.MONTH)
                if latest
                else None,
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
            outlet=Attributed(row["outlet"], row["outlet_how"], _spans(row["outlet_evidence"]))
            if row["outlet"]
            else None,
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
        )

    def replace_entities(self, entities: list[Entity]) -> None:
        """The corpus stage's result replaces the previous one, all at once."""
        db = self._db
        with self._transaction():
            db.execute("DELETE FROM entity_links")
            db.execute("DELETE FROM entity_mentions")
            db.execute("DELETE FROM entities")
            db.executemany(
                "INSERT INTO entities (id, name, type, description, description_doc, description_start,"
                " description_end, type_votes, extractor, descriptions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                    )
                    for e in entities
                ],
            )
            db.executemany(
                'INSERT OR IGNORE INTO entity_mentions (entity_id, doc_id, start, "end", text, sense) VALUES (?, ?, ?, ?, ?, ?)',
                [(e.id, m.doc, m.span.start, m.span.end, m.text, m.sense) for e in entities for m in e.mentions],
            )
            db.executemany(
                "INSERT OR IGNORE INTO entity_links (source, target, relation, why, evidence) VALUES (?, ?, ?, ?, ?)",
                [
                    (e.id, link.target, link.relation, link.why, _evidence_json(link.evidence))
                    for e in entities
                    for link in e.links
                ],
            )

    def replace_story_time(
        self,
        references: dict[str, ReferenceDate],
        times: dict[str, tuple[TimeExpression, ...]],
        timeline: list[TimelineEntry],
    ) -> None:
        """The timeline stage's result: reference dates, re-read times and the timeline, all at once."""
        db = self._db
        with self._transaction():
            db.execute("DELETE FROM reference_dates")
            db.execute("DELETE FROM timeline")
            db.executemany(
                "INSERT INTO reference_dates (doc_id, date, how, basis, evidence) VALUES (?, ?, ?, ?, ?)",
                [(r.doc, r.date, r.how, r.basis, _evidence_json(r.evidence)) for r in references.values()],
            )
            for document_id, found in times.items():
                db.execute("DELETE FROM times WHERE doc_id = ?", (document_id,))
                self._insert_times(document_id, found)
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

    def replace_claims(self, claims: list[Claim], sources: dict[str, str] | None = None) -> None:
        """The claims stage's result (and each article's independent source, when given) replaces
        the previous one, all at once."""
        db = self._db
        with self._transaction():
            if sources is not None:
                db.execute("DELETE FROM sources")
                db.executemany("INSERT INTO sources (doc_id, source) VALUES (?, ?)", sorted(sources.items()))
            db.execute("DELETE FROM claims")
            db.executemany(
                "INSERT INTO claims (id, text, sources, statements, conflicts, extractor) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        c.id,
                        c.text,
                        json.dumps(list(c.sources)),
                        json.dumps([_statement_json(s) for s in c.statements]),
                        json.dumps([_conflict_json(x) for x in c.conflicts]),
                        c.extractor,
                    )
                    for c in claims
                ],
            )

    def sources(self) -> dict[str, str]:
        """Each article's independent source as the claims stage found it (empty before it ran)."""
        return {row[0]: row[1] for row in self._db.execute("SELECT doc_id, source FROM sources")}

    def claims(self) -> list[Claim]:
        return [
            Claim(
                id=r["id"],
                text=r["text"],
                statements=tuple(_statement(item) for item in json.loads(r["statements"])),
                sources=tuple(json.loads(r["sources"])),
                conflicts=tuple(_conflict(item) for item in json.loads(r["conflicts"])),
                extractor=r["extractor"],
            )
            for r in self._db.execute("SELECT * FROM claims ORDER BY rowid")
        ]

    def reference_dates(self) -> dict[str, ReferenceDate]:
        found = {}
        for r in self._db.execute("SELECT * FROM reference_dates ORDER BY doc_id"):
            evidence = tuple(
                Evidence(item["doc"], Span(item["start"], item["end"])) for item in json.loads(r["evidence"])
            )
            found[r["doc_id"]] = ReferenceDate(r["doc_id"], r["date"], r["how"], r["basis"], evidence)
        return found

    def timeline(self) -> list[TimelineEntry]:
        return [
            TimelineEntry(
                id=r["id"],
                value=r["value"],
                granularity=r["granularity"],
                label=r["label"],
                kind=r["kind"],
                reports=tuple(_report(item) for item in json.loads(r["reports"])),
                participants=tuple(json.loads(r["participants"])),
                disagreement=r["disagreement"],
            )
            for r in self._db.execute("SELECT * FROM timeline ORDER BY value, id")
        ]

    def entities(self) -> list[Entity]:
        db = self._db
        mentions: dict[str, list[EntityMention]] = {}
        for r in db.execute('SELECT * FROM entity_mentions ORDER BY doc_id, start, "end"'):
            mentions.setdefault(r["entity_id"], []).append(
                EntityMention(r["doc_id"], Span(r["start"], r["end"]), r["text"], r["sense"])
            )
        links: dict[str, list[EntityLink]] = {}
        for r in db.execute("SELECT * FROM entity_links ORDER BY source, target, relation"):
            evidence = tuple(
                Evidence(item["doc"], Span(item["start"], item["end"])) for item in json.loads(r["evidence"])
            )
            links.setdefault(r["source"], []).append(EntityLink(r["target"], r["relation"], r["why"], evidence))
        found = []
        for r in db.execute("SELECT * FROM entities ORDER BY id"):
            votes = json.loads(r["type_votes"])
            found.append(
                Entity(
                    id=r["id"],
                    name=r["name"],
                    type=r["type"],
                    mentions=tuple(mentions.get(r["id"], ())),
                    description=r["description"],
                    description_evidence=Evidence(
                        r["description_doc"], Span(r["description_start"], r["description_end"])
                    )
                    if r["description_doc"] is not None
                    else None,
                    descriptions=tuple(
                        (d["text"], Evidence(d["doc"], Span(d["start"], d["end"])))
                        for d in json.loads(r["descriptions"])
                    ),
                    type_votes=tuple(votes.get("votes", {}).items()),
                    type_why=votes.get("why"),
                    links=tuple(links.get(r["id"], ())),
                    extractor=r["extractor"],
                )
            )
        return sorted(found, key=lambda e: (-len(e.mentions), e.name))


def _statement_json(statement: Statement) -> dict[str, object]:
    return {
        "doc": statement.doc,
        "span": [statement.span.start, statement.span.end],
        "text": statement.text,
        "speaker": statement.speaker,
        "actors": list(statement.actors),
        "dates": [[value, span.start, span.end] for value, span in statement.dates],
        "numbers": [[number, unit, span.start, span.end] for number, unit, span in statement.numbers],
    }


def _statement(item: dict[str, Any]) -> Statement:
    return Statement(
        doc=item["doc"],
        span=Span(*item["span"]),
        text=item["text"],
        speaker=item["speaker"],
        actors=tuple(item["actors"]),
        dates=tuple((value, Span(start, end)) for value, start, end in item["dates"]),
        numbers=tuple((number, unit, Span(start, end)) for number, unit, start, end in item["numbers"]),
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


def _extractor(document: Document, family: str) -> str:
    return next((name for name in document.extractors if f".{family}." in name), "unknown")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
