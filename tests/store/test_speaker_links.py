"""Who said each quote, stored by the speaker links stage (issue 20): the stored links are the
export's speakers; one speaker's quotes read through them, by entity or by part of a name, are the
export's quotes of that speaker with exact counts, on both stores; a store made before the stage
gets the same links (and answers) when first opened."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsdesk.store import open_store
from newsdesk.store.base import AnnotationKey, AnnotationQuery, Store, contains
from newsdesk.story.export import export_store
from newsdesk.story.reader import StoryReader
from tests.pg_fixture import STORES, run_sql, shared_store, writable_store

Record = dict[str, Any]


@pytest.fixture(scope="module", params=STORES)
def mixed(request: pytest.FixtureRequest) -> str:
    """The demo corpus and feed (three stories), in each store: read it, never write."""
    return shared_store(request, "mixed")


@pytest.fixture(scope="module")
def reading(mixed: str) -> Iterator[tuple[Store, list[Record]]]:
    with open_store(mixed, read_only=True) as store:
        yield store, export_store(store)["quotes"]


def _links(store: Store) -> dict[str, tuple[str | None, str | None]]:
    db = store._db  # type: ignore[attr-defined]  # the stage's table itself, on either database
    return {r[0]: (r[1], r[2]) for r in db.execute("SELECT id, entity_id, name FROM speaker_links").fetchall()}


def _keys(quotes: list[Record]) -> list[AnnotationKey]:
    return [AnnotationKey(q["doc"], q["start"], (q["end"], q["kind"])) for q in quotes]


def test_the_stored_links_are_the_exports_speakers(reading: tuple[Store, list[Record]]) -> None:
    store, quotes = reading
    links = _links(store)
    assert links == {q["id"]: (q["speaker"]["entity"], q["speaker"]["name"]) for q in quotes}
    # Linked, named but not linked, and unattributed (a pronoun, a thing) are all there.
    assert any(entity for entity, _ in links.values())
    assert any(name and not entity for entity, name in links.values())
    assert any(name is None for _, name in links.values())


def test_one_speakers_quotes_are_the_exports_with_exact_counts(reading: tuple[Store, list[Record]]) -> None:
    store, quotes = reading
    entities = sorted({q["speaker"]["entity"] for q in quotes if q["speaker"]["entity"]})
    assert len(entities) > 3
    for entity in entities:
        wanted = _keys([q for q in quotes if q["speaker"]["entity"] == entity])
        found = store.annotation_page("quotes", AnnotationQuery(speaker_entity=entity), 0, 10_000)
        assert (found.total, list(found.items)) == (len(wanted), wanted), entity
        # A page deep in the list, and a kind, narrow it as they narrow the whole list.
        assert store.annotation_page("quotes", AnnotationQuery(speaker_entity=entity), 1, 1).items == tuple(wanted[1:2])
        direct = _keys([q for q in quotes if q["speaker"]["entity"] == entity and q["kind"] == "direct"])
        kinds = AnnotationQuery(speaker_entity=entity, kinds=("direct",))
        assert list(store.annotation_page("quotes", kinds, 0, 10_000).items) == direct
    names = sorted({q["speaker"]["name"] for q in quotes if q["speaker"]["name"]})
    parts = {part for name in names for part in (name, name.split()[-1][:4].upper(), name[1:3])}
    for part in sorted(parts):
        wanted = _keys([q for q in quotes if contains(part, q["speaker"]["name"])])
        found = store.annotation_page("quotes", AnnotationQuery(speaker=part), 0, 10_000)
        assert (found.total, list(found.items)) == (len(wanted), wanted), part
    # With a filter on the quote's own words the links are looked up from the quotes read.
    assert any(q["speaker"]["entity"] and "the" in q["text"].lower() for q in quotes)
    for entity in entities:
        wanted = _keys([q for q in quotes if q["speaker"]["entity"] == entity and "the" in q["text"].lower()])
        found = store.annotation_page("quotes", AnnotationQuery(speaker_entity=entity, words=("the",)), 0, 10_000)
        assert (found.total, list(found.items)) == (len(wanted), wanted), entity
    for part in sorted(parts)[:10]:
        wanted = _keys([q for q in quotes if contains(part, q["speaker"]["name"]) and "the" in q["text"].lower()])
        found = store.annotation_page("quotes", AnnotationQuery(speaker=part, words=("the",)), 0, 10_000)
        assert (found.total, list(found.items)) == (len(wanted), wanted), part
    nobody = store.annotation_page("quotes", AnnotationQuery(speaker="no such speaker at all"), 0, 10)
    assert (nobody.total, nobody.items) == (0, ())
    assert store.annotation_page("quotes", AnnotationQuery(speaker_entity="no-such-entity"), 0, 10).total == 0


def test_pages_of_quotes_are_the_exports_records(reading: tuple[Store, list[Record]]) -> None:
    """A page's quote records, their speakers read from the stored links, are the export's."""
    store, quotes = reading
    reader = StoryReader(store)
    entity = next(q["speaker"]["entity"] for q in quotes if q["speaker"]["entity"])
    name = next(q["speaker"]["name"] for q in quotes if q["speaker"]["name"] and not q["speaker"]["entity"])
    for query, wanted in (
        (AnnotationQuery(), quotes),
        (AnnotationQuery(kinds=("direct",)), [q for q in quotes if q["kind"] == "direct"]),
        (AnnotationQuery(speaker_entity=entity), [q for q in quotes if q["speaker"]["entity"] == entity]),
        (AnnotationQuery(speaker=name[:4]), [q for q in quotes if contains(name[:4], q["speaker"]["name"])]),
        (AnnotationQuery(words=("the",)), [q for q in quotes if "the" in q["text"].lower()]),
    ):
        assert len(wanted) > 1, query
        for offset, limit in ((0, 3), (1, 5), (len(wanted) - 2, 50), (0, 10_000)):
            page = reader.annotations("quotes", query, offset, limit)
            assert (page.total, list(page.items)) == (len(wanted), wanted[offset : offset + limit]), (query, offset)
        after = AnnotationKey(wanted[0]["doc"], wanted[0]["start"], (wanted[0]["end"], wanted[0]["kind"]))
        assert reader.annotations_after("quotes", query, after, 4) == wanted[1:5], query
    for record in quotes[:: max(1, len(quotes) // 10)]:
        assert reader.quote(record["id"]) == record


@pytest.fixture(params=STORES)
def mixed_copy(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return writable_store(request, "mixed", tmp_path)


def test_a_store_made_before_the_stage_gets_the_same_links_when_opened(mixed_copy: str) -> None:
    db = mixed_copy
    with open_store(db) as store:
        links = _links(store)
        entity = next(e for e, _ in links.values() if e)
        entity_query = AnnotationQuery(speaker_entity=entity)
        by_entity = store.annotation_page("quotes", entity_query, 0, 10_000)
        by_name = store.annotation_page("quotes", AnnotationQuery(speaker="a"), 0, 10_000)
        export = export_store(store)
    # As the last migration before the stage left it: no tables of the stage, the migration not recorded.
    version = 10 if db.startswith("postgresql://") else 22
    run_sql(
        db,
        "DROP TABLE speaker_links",
        "DROP TABLE speaker_names",
        f"DELETE FROM schema_migrations WHERE version = {version}",
    )
    with open_store(db) as store:
        assert store.schema_version() >= version
        assert _links(store) == links
        assert store.annotation_page("quotes", entity_query, 0, 10_000) == by_entity
        assert store.annotation_page("quotes", AnnotationQuery(speaker="a"), 0, 10_000) == by_name
        assert export_store(store) == export
    # A quote whose link is gone has its speaker found among its document's entities, as the export finds it.
    gone = next(q for q in export["quotes"] if q["speaker"]["entity"])
    run_sql(db, f"DELETE FROM speaker_links WHERE id = '{gone['id']}'")
    with open_store(db) as store:
        assert StoryReader(store).quote(gone["id"]) == gone
        assert list(StoryReader(store).annotations("quotes", AnnotationQuery(), 0, 10_000).items) == export["quotes"]
    # Quotes with no link at all (the stage never ran on them) are linked when the store is opened.
    run_sql(db, "DELETE FROM speaker_links", "DELETE FROM speaker_names")
    with open_store(db) as store:
        assert _links(store) == links
