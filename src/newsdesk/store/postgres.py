"""PostgreSQL store: the ``Store`` protocol on a database server that many ingests and readers use
at once (``--db postgresql://user@host/dbname``).

It runs the SQLite store's own SQL modules (``document_write``, ``document_read``, ``story``,
``pages``, ``stories``, ``corrections``) through ``postgres_sql.Connection``, so both stores shape
their rows in one place and answer alike; what is PostgreSQL's own is here: the connection and its
migrations, search (``postgres_search``), and what makes several writers safe:
- one transaction per document, whose first statement claims the content id
  (``INSERT ... ON CONFLICT (id) DO NOTHING``): a second writer of the same article waits for the
  first to commit and then stores nothing, so overlapping ingests never store an article twice;
- migrations, and each write of the story's tables (``BEGIN IMMEDIATE`` in the shared SQL), run
  under an advisory lock, so two ingests that finish together apply a migration once and replace a
  stage's tables one after the other.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from types import TracebackType
from typing import ClassVar

import psycopg

from newsdesk.model import (
    Document,
)
from newsdesk.store import pages
from newsdesk.store.base import (
    SNIPPET,
    DocumentQuery,
    SearchHit,
    SearchPage,
    SnippetStyle,
    StoreError,
)
from newsdesk.store.connection import now
from newsdesk.store.document_write import INSERT_DOCUMENT, document_row, insert_annotations
from newsdesk.store.postgres_search import QueryError, to_tsquery
from newsdesk.store.postgres_sql import Connection
from newsdesk.store.postgres_url import shown_location
from newsdesk.store.shared import SharedStore, guarded

# Advisory lock key of the migrations (any number of ours; the writes' is postgres_sql.WRITE_LOCK).
_MIGRATION_LOCK = 0x6E657773


def migrations() -> list[tuple[int, str, str]]:
    folder = resources.files("newsdesk.store.migrations_postgres")
    found = [
        (int(entry.name.split("_", 1)[0]), entry.name, entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".sql")
    ]
    return sorted(found)


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())


class PostgresStore(SharedStore):
    CONFLICTS: ClassVar[tuple[type[BaseException], ...]] = (psycopg.IntegrityError,)
    # What reading a damaged or unreachable database can raise besides psycopg's own errors.
    FAULTS: ClassVar[tuple[type[BaseException], ...]] = (
        psycopg.Error,
        UnicodeError,
        ValueError,
        KeyError,
        TypeError,
        IndexError,
    )
    _db: Connection

    def __init__(self, url: str, *, create: bool = True, read_only: bool = False) -> None:
        """The store in the database at ``url``, brought up to date; ``create`` False: the
        database must already hold newsdesk's tables (the read commands); ``read_only``: nothing
        is written and no migration runs (every transaction is read-only)."""
        self.url = url
        self.name = shown_location(url)
        try:
            self._raw = psycopg.connect(url, autocommit=True)
        except psycopg.Error as error:
            raise StoreError(f"{self.name}: cannot connect ({_one_line(error)})") from None
        self._db = Connection(self._raw)
        try:
            self._check_ours(create and not read_only)
            if read_only:
                self._check_version()
                self._raw.execute("SET default_transaction_read_only = on")
            else:
                self._migrate()
                self.fill_speaker_links()  # a store made before the speaker links stage (migration 0010)
                self.fill_relation_edges()  # a store made before the relation edges stage (migration 0015)
        except psycopg.Error as error:
            self._raw.close()
            raise StoreError(f"{self.name}: {_one_line(error)}") from None
        except BaseException:
            self._raw.close()
            raise

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._raw.close()

    def problem(self, error: BaseException) -> str:
        return f"{self.name}: {_one_line(error)}"

    # Schema.

    def _check_ours(self, create: bool) -> None:
        tables = {
            str(name)
            for (name,) in self._raw.execute(
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

    def _applied(self) -> set[int]:
        return {int(version) for (version,) in self._raw.execute("SELECT version FROM schema_migrations")}

    def _check_version(self) -> None:
        applied, latest = self._applied(), migrations()[-1][0]
        if applied and max(applied) > latest:
            raise StoreError(
                f"{self.name}: made by a newer newsdesk (schema version {max(applied)}; this one knows up to "
                f"{latest}): upgrade newsdesk to open it"
            )

    def _migrate(self) -> None:
        with self._raw.transaction():
            # Held to the end of the transaction: two stores opened at once migrate one after the other.
            self._raw.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            self._raw.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations"
                " (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            self._check_version()
            applied = self._applied()
            for version, name, script in migrations():
                if version in applied:
                    continue
                self._raw.execute(script.encode())  # several statements: no parameters, simple protocol
                self._raw.execute("INSERT INTO schema_migrations VALUES (%s, %s, %s)", (version, name, now()))

    @guarded
    def schema_version(self) -> int:
        row = self._raw.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0) if row else 0

    # Documents.

    def add(self, document: Document) -> bool:
        try:
            with self._raw.transaction():
                claimed = self._db.execute(
                    f"{INSERT_DOCUMENT} ON CONFLICT (id) DO NOTHING RETURNING id", document_row(document)
                ).fetchone()
                if claimed is None:  # stored already, by this or another writer
                    return False
                # The annotations in one round trip to the server (pipeline mode), not one per table.
                with self._raw.pipeline():
                    insert_annotations(self._db, document)
                    # In the same transaction: a stored article and the story's need of rebuilding go together.
                    self._db.execute("UPDATE story_state SET changes = changes + 1")
            return True
        except psycopg.IntegrityError:
            raise  # this document's own conflict; its transaction rolled back
        except psycopg.Error as error:
            raise StoreError(f"{self.name}: {_one_line(error)}") from None

    @contextmanager
    def reading(self) -> Iterator[None]:
        # One snapshot for every statement inside (REPEATABLE READ keeps the first one's).
        self._raw.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            yield
        finally:
            self._raw.execute("COMMIT")

    def _version(self) -> object:
        return self.revision()  # moves on when any writer commits, this one too

    @guarded
    def revision(self) -> int:
        # The first transaction id not yet completed: it moves on when any writer commits.
        row = self._raw.execute("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint").fetchone()
        return int(row[0]) if row else 0

    # Full-text search (FTS5's query language read by ``postgres_search``).

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        return [(hit.doc, hit.snippet) for hit in self.search_documents(query, 0, limit).hits]

    def search_documents(
        self,
        query: str,
        offset: int = 0,
        limit: int = 20,
        style: SnippetStyle = SNIPPET,
        within: DocumentQuery | None = None,
    ) -> SearchPage:
        try:
            tsquery = to_tsquery(query)
        except QueryError as error:
            raise ValueError(f"cannot search for {query!r}: {error}") from None
        return self._search_page(tsquery, offset, limit, style, within)

    @guarded
    def _search_page(
        self, tsquery: str, offset: int, limit: int, style: SnippetStyle, within: DocumentQuery | None
    ) -> SearchPage:
        options = (
            f'StartSel="{style.opening}", StopSel="{style.closing}", MaxWords={style.words},'
            f' MinWords={max(1, style.words // 2)}, ShortWord=0, MaxFragments=1, FragmentDelimiter="{style.cut}"'
        )
        snippet = "ts_headline('newsdesk', body, q, %(options)s)"
        if not style.body_only:  # the headline when it matches, else the body
            snippet = (
                "CASE WHEN to_tsvector('newsdesk', coalesce(title, '')) @@ q"
                f" THEN ts_headline('newsdesk', title, q, %(options)s) ELSE {snippet} END"
            )
        matches = "search @@ to_tsquery('newsdesk', %(q)s)"
        values: dict[str, object] = {"q": tsquery, "options": options, "limit": limit, "offset": offset}
        with self._raw.transaction():  # the count and the page from one state of the database
            if within is not None:  # the documents of its outlet, dates, story and entity, found first
                matches += " AND id = ANY(%(within)s)"
                values["within"] = pages.documents_within(self._db, within)
            total = self._raw.execute(f"SELECT count(*) FROM documents WHERE {matches}", values).fetchone()
            hits = self._raw.execute(
                f"SELECT id, {snippet} FROM ("
                "  SELECT id, title, body, to_tsquery('newsdesk', %(q)s) AS q,"
                f"  ts_rank_cd(search, to_tsquery('newsdesk', %(q)s)) AS rank FROM documents WHERE {matches}"
                "  ORDER BY rank DESC, id LIMIT %(limit)s OFFSET %(offset)s) AS best"
                " ORDER BY rank DESC, id",
                values,
            ).fetchall()
        return SearchPage(int(total[0]) if total else 0, tuple(SearchHit(str(r[0]), str(r[1])) for r in hits))
