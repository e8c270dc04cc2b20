"""The actor network's edges, stored by the relation edges stage (issue 17): the stored records
are the relations worked out document by document from the entities named in each (as the readers
and the export did before the stage), and the export and the sections read them, on both stores; pages by offset, by key and filtered by entity or kind are slices of them; a store made
before the stage gets the same edges when first opened; the network's page and the claims by most
articles are read from an index, not sorted."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsdesk.corpus.relations import find_relations
from newsdesk.report.network import relation_records
from newsdesk.store import open_store
from newsdesk.store.base import ClaimQuery, RelationQuery, Store
from newsdesk.story.export import export_store
from newsdesk.story.reader import StoryReader
from newsdesk.story.sections import build_sections
from tests.pg_fixture import STORES, run_sql, shared_store, writable_store

Record = dict[str, Any]
ALL = 1_000_000


@pytest.fixture(scope="module", params=STORES)
def seeds_store(request: pytest.FixtureRequest) -> str:
    """The seed articles (22 edges, some dated, some not, both ways), in each store: read it, never write."""
    return shared_store(request, "seed")


@pytest.fixture(scope="module")
def reading(seeds_store: str) -> Iterator[tuple[Store, list[Record]]]:
    with open_store(seeds_store, read_only=True) as store:
        yield store, _worked_out(store)


def _worked_out(store: Store) -> list[Record]:
    """The network as it was worked out when read, before the stage stored it."""
    records: list[Record] = []
    for document in store.documents():
        own = store.entities_named_in([document.id]).get(document.id, [])
        records += relation_records(find_relations([document], own), {document.id: document})
    return records


def _stored(store: Store, query: RelationQuery | None = None) -> list[Record]:
    return list(StoryReader(store).relations(query or RelationQuery(), 0, ALL).page.items)


def test_the_stored_edges_are_the_exports_relations(reading: tuple[Store, list[Record]]) -> None:
    store, relations = reading
    assert len(relations) > 10
    assert _stored(store) == relations
    assert export_store(store)["relations"] == relations
    assert build_sections(store).relations == relations
    # Directed and undirected ties, dated and undated ones, are all there.
    assert {r["directed"] for r in relations} == {True, False}
    assert any(r["date"] for r in relations) and any(r["date"] is None for r in relations)


def test_pages_filters_and_keys_are_slices_of_the_network(reading: tuple[Store, list[Record]]) -> None:
    store, relations = reading
    reader = StoryReader(store)
    page = reader.relations(RelationQuery(), 3, 5)
    assert (page.page.total, list(page.page.items)) == (len(relations), relations[3:8])
    # After each edge, the ones after it; after the last, none.
    everything = reader.relations(RelationQuery(), 0, ALL)
    for number, key in enumerate(everything.keys):
        after = reader.relations_after(RelationQuery(), key, 4)
        assert list(after.page.items) == relations[number + 1 : number + 5], key
    assert reader.relations_after(RelationQuery(), ("no-such-document", 1), 4).gone
    entities = sorted({r["source"] for r in relations} | {r["target"] for r in relations})
    for entity in entities:
        wanted = [r for r in relations if entity in (r["source"], r["target"])]
        found = reader.relations(RelationQuery(entity=entity), 0, ALL).page
        assert (found.total, list(found.items)) == (len(wanted), wanted), entity
        keys = reader.relations(RelationQuery(entity=entity), 0, ALL).keys
        after = reader.relations_after(RelationQuery(entity=entity), keys[0], ALL)
        assert list(after.page.items) == wanted[1:], entity
    for kind in sorted({r["kind"] for r in relations}):
        wanted = [r for r in relations if r["kind"] == kind]
        assert _stored(store, RelationQuery(kind=kind)) == wanted, kind
    assert reader.relations(RelationQuery(entity="no-such-entity"), 0, 10).page.total == 0


@pytest.fixture(params=STORES)
def seeds_copy(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return writable_store(request, "seed", tmp_path)


def test_a_store_made_before_the_stage_gets_the_same_edges_when_opened(seeds_copy: str) -> None:
    db = seeds_copy
    with open_store(db) as store:
        edges = _stored(store)
        export = export_store(store)
    assert edges
    # As the last migration before the stage left it: no table of the stage, the migration not recorded.
    version = 15 if db.startswith("postgresql://") else 27
    run_sql(
        db,
        "DROP TABLE relation_edges",
        "DROP INDEX claims_articles_ranked",
        f"DELETE FROM schema_migrations WHERE version = {version}",
    )
    with open_store(db) as store:
        assert store.schema_version() >= version
        assert _stored(store) == edges
        assert export_store(store) == export
    # Relations with no edge stored at all (the stage never ran on them) are tied when opened.
    run_sql(db, "DELETE FROM relation_edges")
    with open_store(db) as store:
        assert _stored(store) == edges


def _plans(path: Path, read: Any) -> list[list[tuple[int, str]]]:
    """The query plan of each statement ``read`` runs on the SQLite store at ``path``: each step
    with the step it is part of."""
    statements: list[str] = []
    with open_store(path, read_only=True) as store:
        connection: sqlite3.Connection = store._db  # type: ignore[attr-defined]  # SQLite's own plans
        connection.set_trace_callback(statements.append)
        read(store)
        connection.set_trace_callback(None)
        selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
        return [[(row[1], row[3]) for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}")] for sql in selects]


def _sorted_reading(plans: list[list[tuple[int, str]]], table: str) -> list[str]:
    """The steps that read ``table`` (by its alias) and sort what they read: every row sorted."""
    found = []
    for plan in plans:
        for parent in {parent for parent, _ in plan}:
            steps = [detail for up, detail in plan if up == parent]
            if any(detail.startswith((f"SCAN {table} ", f"SEARCH {table} ")) for detail in steps):
                found += [detail for detail in steps if detail.startswith("USE TEMP B-TREE FOR ORDER BY")]
    return found


def test_the_network_and_the_claims_by_most_articles_are_read_from_an_index(seed_sqlite: Path) -> None:
    with open_store(seed_sqlite, read_only=True) as store:
        edges = StoryReader(store).relations(RelationQuery(), 0, ALL).keys
        claim = store.claim_page(ClaimQuery(order="documents"), 3, 1).items[0].id
    for read in (
        lambda store: store.relation_page(RelationQuery(), 2, 5),
        lambda store: store.relations_after(RelationQuery(), edges[2], 5),
    ):
        plans = _plans(seed_sqlite, read)
        # Read in the documents' order (each document's few edges put in their order there), not
        # every edge sorted.
        assert any("d USING COVERING INDEX documents_order" in step for plan in plans for _, step in plan), plans
        assert not _sorted_reading(plans, "d") and not _sorted_reading(plans, "e"), plans
    for read in (
        lambda store: store.claim_page(ClaimQuery(order="documents"), 2, 5),
        lambda store: store.claims_after(ClaimQuery(order="documents"), claim, 5),
    ):
        plans = _plans(seed_sqlite, read)
        assert any("claims_articles_ranked" in step for plan in plans for _, step in plan), plans
        # (claims_after merges three ranges of the index: what it sorts is their pages.)
        assert not _sorted_reading(plans, "c"), plans
