"""PostgreSQL store: the ``Store`` protocol on a database server that many ingests and readers use
at once (``--db postgresql://user@host/dbname``).

Every statement the store runs is in this module; ``postgres_rows`` turns records into rows and
back, ``postgres_search`` reads the search language. What makes several writers safe:
- one transaction per document, whose first statement claims the content id
  (``INSERT ... ON CONFLICT (id) DO NOTHING``): a second writer of the same article waits for the
  first to commit and then stores nothing, so overlapping ingests never store an article twice;
- migrations and each story stage's replacement run under an advisory lock, so two ingests that
  finish together apply a migration once and replace a stage's tables one after the other.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator, Sequence
from importlib import resources
from itertools import islice
from types import TracebackType
from typing import Any, TypeVar

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg.rows import dict_row

from newsdesk.model import (
    Claim,
    Correction,
    CorrectionAction,
    Document,
    Entity,
    ReferenceDate,
    TimeExpression,
    TimelineEntry,
    Withdrawal,
)
from newsdesk.store import postgres_rows as rows
from newsdesk.store.base import StoreError, StoreStats
from newsdesk.store.connection import now
from newsdesk.store.postgres_search import QueryError, to_tsquery

# Advisory lock keys (any two numbers of ours): the migrations, and the story stages' tables.
_MIGRATION_LOCK = 0x6E657773
_STORY_LOCK = 0x6E657774
# Documents read per round of queries: one query per table for each chunk, not per document.
_CHUNK = 200
_SNIPPET = "StartSel=[, StopSel=], MaxWords=12, MinWords=6, ShortWord=0, MaxFragments=1, FragmentDelimiter=…"

Result = TypeVar("Result")


def migrations() -> list[tuple[int, str, str]]:
    folder = resources.files("newsdesk.store.migrations_postgres")
    found = [
        (int(entry.name.split("_", 1)[0]), entry.name, entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".sql")
    ]
    return sorted(found)


def shown(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        parts = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "postgresql://(unreadable URL)"
    user = f"{parts['user']}@" if parts.get("user") else ""
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"postgresql://{user}{parts.get('host', '')}{port}/{parts.get('dbname', '')}"


def _guarded(method: Callable[..., Result]) -> Callable[..., Result]:
    """A store method whose every database fault is a :class:`StoreError` in one line (the server
    gone, a full disk, a lost connection); a document's own conflict is left to its caller."""

    @functools.wraps(method)
    def guarded(self: PostgresStore, *args: Any, **kwargs: Any) -> Result:
        try:
            return method(self, *args, **kwargs)
        except psycopg.IntegrityError:
            raise
        except (psycopg.Error, UnicodeError, ValueError, KeyError, TypeError, IndexError) as error:
            raise StoreError(f"{self.name}: {' '.join(str(error).split())}") from None

    return guarded


class PostgresStore:
    def __init__(self, url: str, *, create: bool = True) -> None:
        """The store in the database at ``url``, brought up to date; ``create`` False: the
        database must already hold newsdesk's tables (the read commands)."""
        self.url = url
        self.name = shown(url)
        try:
            self._db = psycopg.connect(url, autocommit=True, row_factory=dict_row)
        except psycopg.Error as error:
            raise StoreError(f"{self.name}: cannot connect ({' '.join(str(error).split())})") from None
        try:
            self._check_ours(create)
            self._migrate()
        except BaseException:
            self._db.close()
            raise

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    # Schema.

    def _check_ours(self, create: bool) -> None:
        tables = {
            r["table_name"]
            for r in self._db.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            )
        }
        if "schema_migrations" in tables:
            return
        if tables:
            listed = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
            raise StoreError(f"{self.name}: not a newsdesk database (it holds other tables: {listed}); left as it is")
        if not create:
            raise StoreError(f"{self.name}: not a newsdesk database yet; run 'newsdesk ingest PATH --db {self.name}'")

    def _migrate(self) -> None:
        known = migrations()
        with self._db.transaction():
            # Held to the end of the transaction: two stores opened at once migrate one after the other.
            self._db.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations"
                " (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            applied = {r["version"] for r in self._db.execute("SELECT version FROM schema_migrations")}
            if applied and max(applied) > known[-1][0]:
                raise StoreError(
                    f"{self.name}: made by a newer newsdesk (schema version {max(applied)}; this one knows up to "
                    f"{known[-1][0]}): upgrade newsdesk to open it"
                )
            for version, name, script in known:
                if version in applied:
                    continue
                self._db.execute(script.encode())  # several statements: no parameters, simple protocol
                self._db.execute("INSERT INTO schema_migrations VALUES (%s, %s, %s)", (version, name, now()))

    @_guarded
    def schema_version(self) -> int:
        row = self._db.execute("SELECT max(version) AS v FROM schema_migrations").fetchone()
        return int(row["v"] or 0) if row else 0

    # Documents.

    def add(self, document: Document) -> bool:
        try:
            with self._db.transaction():
                claimed = self._db.execute(
                    f"INSERT INTO documents ({rows.DOCUMENT_COLUMNS}) VALUES ({_marks(rows.DOCUMENT_COLUMNS)})"
                    " ON CONFLICT (id) DO NOTHING RETURNING id",
                    rows.document_row(document, now()),
                ).fetchone()
                if claimed is None:  # stored already, by this or another writer
                    return False
                # The annotations in one round trip to the server (pipeline mode), not one per table.
                with self._db.pipeline():
                    for table, values in rows.annotation_rows(document).items():
                        self._insert(table, rows.ANNOTATION_TABLES[table][0], values, table in rows.IGNORE_DUPLICATES)
                    # In the same transaction: a stored article and the story's need of rebuilding go together.
                    self._db.execute("UPDATE story_state SET changes = changes + 1")
            return True
        except psycopg.IntegrityError:
            raise  # this document's own conflict; its transaction rolled back
        except psycopg.Error as error:
            raise StoreError(f"{self.name}: {' '.join(str(error).split())}") from None

    def _insert(self, table: str, columns: str, values: Sequence[tuple[Any, ...]], ignore_duplicates: bool) -> None:
        if not values:
            return
        conflict = " ON CONFLICT DO NOTHING" if ignore_duplicates else ""
        with self._db.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({_marks(columns)}){conflict}", values)

    @_guarded
    def has(self, document_id: str) -> bool:
        return self._db.execute("SELECT 1 FROM documents WHERE id = %s", (document_id,)).fetchone() is not None

    @_guarded
    def get(self, document_id: str) -> Document | None:
        found = self._read_documents([document_id])
        return found[0] if found else None

    def documents(self) -> Iterator[Document]:
        ids = self._ids()
        chunks = iter(ids)
        while chunk := list(islice(chunks, _CHUNK)):
            yield from self._read_chunk(chunk)

    @_guarded
    def _read_chunk(self, ids: list[str]) -> list[Document]:
        return self._read_documents(ids)

    @_guarded
    def _ids(self) -> list[str]:
        return [
            r["id"] for r in self._db.execute('SELECT id FROM documents ORDER BY source COLLATE "C", id COLLATE "C"')
        ]

    def _read_documents(self, ids: list[str]) -> list[Document]:
        """The documents with ``ids``, in that order: one query per table, whatever their number."""
        with self._db.transaction():  # one state of the database for the document and its annotations
            found = {r["id"]: r for r in self._db.execute("SELECT * FROM documents WHERE id = ANY(%s)", (ids,))}
            tables: dict[str, dict[str, list[dict[str, Any]]]] = {}
            for table, (_, order) in rows.ANNOTATION_TABLES.items():
                grouped: dict[str, list[dict[str, Any]]] = {}
                for r in self._db.execute(f"SELECT * FROM {table} WHERE doc_id = ANY(%s) ORDER BY {order}", (ids,)):
                    grouped.setdefault(r["doc_id"], []).append(r)
                tables[table] = grouped
        return [
            rows.document_from_rows(found[i], {table: grouped.get(i, []) for table, grouped in tables.items()})
            for i in ids
            if i in found
        ]

    @_guarded
    def count(self) -> int:
        row = self._db.execute("SELECT count(*) AS n FROM documents").fetchone()
        return int(row["n"]) if row else 0

    @_guarded
    def texts(self) -> dict[str, str]:
        return {r["id"]: r["text"] for r in self._db.execute("SELECT id, text FROM documents")}

    @_guarded
    def stats(self) -> StoreStats:
        def grouped(column: str, table: str = "documents") -> dict[str, int]:
            return {
                str(r["key"]): int(r["n"])
                for r in self._db.execute(
                    f"SELECT coalesce({column}, 'unknown') AS key, count(*) AS n FROM {table}"
                    f" GROUP BY 1 ORDER BY 2 DESC, coalesce({column}, 'unknown') COLLATE \"C\""
                )
            }

        totals = self._db.execute(
            "SELECT count(*) AS n, coalesce(sum(length(text)), 0) AS chars, coalesce(sum(length(body)), 0) AS body"
            " FROM documents"
        ).fetchone()
        assert totals is not None
        return StoreStats(
            documents=int(totals["n"]),
            characters=int(totals["chars"]),
            body_characters=int(totals["body"]),
            removed_by_reason=grouped("reason", "removed_spans"),
            languages=grouped("language"),
            outlets=grouped("outlet"),
            published_how=grouped("published_how"),
        )

    # Full-text search.

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        return self.search_page(query, 0, limit)[1]

    def search_page(self, query: str, offset: int, limit: int) -> tuple[int, list[tuple[str, str]]]:
        """The number of documents matching a query in the search language (``postgres_search``)
        and one page of them, best first: ids and snippets with the matches in [brackets]; a
        malformed query raises ValueError with the reason."""
        try:
            tsquery = to_tsquery(query)
        except QueryError as error:
            raise ValueError(f"cannot search for {query!r}: {error}") from None
        return self._page(tsquery, offset, limit)

    @_guarded
    def _page(self, tsquery: str, offset: int, limit: int) -> tuple[int, list[tuple[str, str]]]:
        matches = "search @@ to_tsquery('newsdesk', %(q)s)"
        with self._db.transaction():  # the count and the page from one state of the database
            total = self._db.execute(f"SELECT count(*) AS n FROM documents WHERE {matches}", {"q": tsquery}).fetchone()
            hits = self._db.execute(
                "SELECT id, ts_headline('newsdesk', body, to_tsquery('newsdesk', %(q)s), %(options)s) AS snippet FROM ("
                f"  SELECT id, body, ts_rank_cd(search, to_tsquery('newsdesk', %(q)s)) AS rank FROM documents WHERE {matches}"
                '  ORDER BY rank DESC, id COLLATE "C" LIMIT %(limit)s OFFSET %(offset)s) AS best'
                ' ORDER BY rank DESC, id COLLATE "C"',
                {"q": tsquery, "options": _SNIPPET, "limit": limit, "offset": offset},
            ).fetchall()
        return int(total["n"]) if total else 0, [(r["id"], r["snippet"]) for r in hits]

    # The story stages' tables.

    def _lock_story(self) -> None:
        self._db.execute("SELECT pg_advisory_xact_lock(%s)", (_STORY_LOCK,))

    @_guarded
    def replace_entities(self, entities: list[Entity]) -> None:
        own, mentions, links = rows.entity_rows(entities)
        with self._db.transaction():
            self._lock_story()
            self._db.execute("DELETE FROM entity_links")
            self._db.execute("DELETE FROM entity_mentions")
            self._db.execute("DELETE FROM entities")
            self._insert("entities", rows.ENTITY_COLUMNS, own, False)
            self._insert("entity_mentions", rows.ENTITY_MENTION_COLUMNS, mentions, True)
            self._insert("entity_links", rows.ENTITY_LINK_COLUMNS, links, True)

    @_guarded
    def entities(self) -> list[Entity]:
        with self._db.transaction():
            return rows.entities_from_rows(
                self._db.execute('SELECT * FROM entities ORDER BY id COLLATE "C"').fetchall(),
                self._db.execute(
                    'SELECT * FROM entity_mentions ORDER BY doc_id COLLATE "C", start, "end", entity_id COLLATE "C"'
                ).fetchall(),
                self._db.execute(
                    'SELECT * FROM entity_links ORDER BY source COLLATE "C", target COLLATE "C", relation COLLATE "C"'
                ).fetchall(),
            )

    @_guarded
    def replace_story_time(
        self,
        references: dict[str, ReferenceDate],
        times: dict[str, tuple[TimeExpression, ...]],
        timeline: list[TimelineEntry],
    ) -> None:
        with self._db.transaction():
            self._lock_story()
            self._db.execute("DELETE FROM reference_dates")
            self._db.execute("DELETE FROM timeline")
            self._insert(
                "reference_dates", "doc_id, date, how, basis, evidence", rows.reference_date_rows(references), False
            )
            if times:
                self._db.execute("DELETE FROM times WHERE doc_id = ANY(%s)", (list(times),))
                self._insert(
                    "times",
                    rows.ANNOTATION_TABLES["times"][0],
                    [row for document_id, found in times.items() for row in rows.time_rows(document_id, found)],
                    True,
                )
            self._insert("timeline", rows.TIMELINE_COLUMNS, rows.timeline_rows(timeline), False)

    @_guarded
    def reference_dates(self) -> dict[str, ReferenceDate]:
        return {
            r["doc_id"]: rows.reference_date_from_row(r)
            for r in self._db.execute('SELECT * FROM reference_dates ORDER BY doc_id COLLATE "C"')
        }

    @_guarded
    def timeline(self) -> list[TimelineEntry]:
        return [
            rows.timeline_from_row(r)
            for r in self._db.execute('SELECT * FROM timeline ORDER BY value COLLATE "C", id COLLATE "C"')
        ]

    @_guarded
    def replace_claims(self, claims: list[Claim], sources: dict[str, str] | None = None) -> None:
        with self._db.transaction():
            self._lock_story()
            if sources is not None:
                self._db.execute("DELETE FROM sources")
                self._insert("sources", "doc_id, source", sorted(sources.items()), False)
            self._db.execute("DELETE FROM claims")
            self._insert("claims", rows.CLAIM_COLUMNS, rows.claim_rows(claims), False)

    @_guarded
    def claims(self) -> list[Claim]:
        return [rows.claim_from_row(r) for r in self._db.execute("SELECT * FROM claims ORDER BY position")]

    @_guarded
    def sources(self) -> dict[str, str]:
        return {r["doc_id"]: r["source"] for r in self._db.execute("SELECT doc_id, source FROM sources")}

    @_guarded
    def story_stale(self) -> bool:
        row = self._db.execute("SELECT changes > built AS stale FROM story_state WHERE id = 1").fetchone()
        return bool(row["stale"]) if row else False

    @_guarded
    def story_changes(self) -> int:
        row = self._db.execute("SELECT changes FROM story_state WHERE id = 1").fetchone()
        return int(row["changes"]) if row else 0

    @_guarded
    def mark_story_built(self, changes: int) -> None:
        with self._db.transaction():
            self._lock_story()
            self._db.execute("UPDATE story_state SET built = %s, built_at = %s WHERE id = 1", (changes, now()))

    # The analysts' corrections.

    @_guarded
    def add_correction(self, correction: Correction) -> bool:
        cursor = self._db.execute(
            f"INSERT INTO corrections ({rows.CORRECTION_COLUMNS}) VALUES ({_marks(rows.CORRECTION_COLUMNS)})"
            " ON CONFLICT (id) DO NOTHING",
            (
                correction.id,
                correction.action.value,
                json.dumps([list(group) for group in correction.groups]),
                json.dumps(list(correction.targets)),
                correction.who,
                correction.when,
                correction.why,
            ),
        )
        return cursor.rowcount == 1

    @_guarded
    def corrections(self) -> list[Correction]:
        return [
            Correction(
                id=r["id"],
                action=CorrectionAction(r["action"]),
                groups=tuple(tuple(group) for group in json.loads(r["groups"])),
                targets=tuple(json.loads(r["targets"])),
                who=r["who"],
                when=r["made_at"],
                why=r["why"],
                withdrawn=Withdrawal(r["withdrawn_by"], r["withdrawn_at"], r["withdrawn_why"])
                if r["withdrawn_at"] is not None
                else None,
            )
            for r in self._db.execute("SELECT * FROM corrections ORDER BY seq")
        ]

    @_guarded
    def withdraw_correction(self, correction_id: str, withdrawal: Withdrawal) -> bool:
        cursor = self._db.execute(
            "UPDATE corrections SET withdrawn_by = %s, withdrawn_at = %s, withdrawn_why = %s"
            " WHERE id = %s AND withdrawn_at IS NULL",
            (withdrawal.who, withdrawal.when, withdrawal.why, correction_id),
        )
        return cursor.rowcount == 1


def _marks(columns: str) -> str:
    return ", ".join(["%s"] * len(columns.split(",")))
