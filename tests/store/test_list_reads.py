"""The reads behind the web's list pages (issue 20) answer alike on both stores: the facets, the
entity summaries, the article heads, the timeline's dates, and the pages filtered by story,
words, full-text matches and dates, sorted every way. SQLite's answers are the ones the web's
list-page tests check against the whole story (tests/web/test_lists.py); PostgreSQL must give
the same."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from newsdesk.store import open_store
from newsdesk.store.base import (
    AnnotationQuery,
    ClaimQuery,
    DocumentQuery,
    EntityQuery,
    RelationQuery,
    Store,
    TimelineQuery,
    contains,
)
from newsdesk.store.query import fts5_plain


@pytest.fixture(scope="module")
def both(mixed_sqlite: Path, mixed_pg: str) -> Iterator[tuple[Store, Store]]:
    with open_store(mixed_sqlite, read_only=True) as lite, open_store(mixed_pg, read_only=True) as pg:
        yield lite, pg


def _alike(both: tuple[Store, Store], read: Callable[[Store], Any]) -> Any:
    lite, pg = both
    expected = read(lite)
    assert read(pg) == expected
    return expected


def test_the_facets_and_heads_are_alike(both: tuple[Store, Store]) -> None:
    assert _alike(both, lambda s: s.outlet_counts(40))
    assert _alike(both, lambda s: s.entity_types())
    assert _alike(both, lambda s: s.timeline_kinds())
    ids = [d.id for d in both[0].documents(annotations=False)]
    heads = _alike(both, lambda s: s.document_heads(ids))
    assert sorted(head.position for head in heads.values()) == list(range(1, len(ids) + 1))


def test_entity_summaries_are_alike(both: tuple[Store, Store]) -> None:
    story = both[0].stories()[0].id
    for query in (
        EntityQuery(),
        EntityQuery(order="name"),
        EntityQuery(type="PERSON"),
        EntityQuery(story=story),
        EntityQuery(name="a", order="name"),
    ):
        found = _alike(both, lambda s, q=query: s.entity_summaries(q, 0, 30))
        assert found.total and found.items, query


def test_the_sqlite_functions_the_pages_use_are_alike(location: str) -> None:
    # The demo has no entity links: json_group_array (an entity's relations) is checked here.
    with open_store(location) as store:
        db = store._db  # type: ignore[attr-defined]  # the SQL the pages run, on either database
        grouped = db.execute("SELECT json_group_array(x) FROM (SELECT 'a b' AS x UNION ALL SELECT 'c\"') AS t")
        assert json.loads(grouped.fetchone()[0]) == ["a b", 'c"']
        empty = db.execute("SELECT json_group_array(x) FROM (SELECT 'a' AS x) AS t WHERE x = 'b'")
        assert json.loads(empty.fetchone()[0]) == []
        assert db.execute("SELECT instr('abcb', 'cb'), instr('abc', 'x')").fetchone()[:2] == (3, 0)


def test_pages_by_story_words_matches_and_dates_are_alike(both: tuple[Store, Store]) -> None:
    stories = both[0].stories()
    for story in stories:
        documents = _alike(both, lambda s, i=story.id: s.document_page(DocumentQuery(story=i), 0, 50))
        assert set(documents.items) == set(story.documents)
        values = _alike(both, lambda s, i=story.id: s.timeline_values(TimelineQuery(story=i)))
        assert values
        timeline = _alike(
            both, lambda s, i=story.id: s.timeline_page(TimelineQuery(story=i, order="documents"), 0, 20)
        )
        assert timeline.total
        claims = _alike(both, lambda s, i=story.id: s.claim_page(ClaimQuery(story=i, order="sources"), 0, 20))
        assert claims.total
    for order in ("store", "published", "outlet", "title"):
        for descending in (False, True):
            query = DocumentQuery(order=order, descending=descending)  # type: ignore[arg-type]
            assert _alike(both, lambda s, q=query: s.document_page(q, 0, 50)).total == 13
    dated = _alike(both, lambda s: s.document_page(DocumentQuery(published_from="2020", published_to="2030"), 0, 50))
    assert dated.total
    quotes = _alike(
        both,
        lambda s: s.annotation_page(
            "quotes", AnnotationQuery(kinds=("direct", "partial", "indirect"), words=("said",)), 0, 50
        ),
    )
    matched = _alike(
        both,
        lambda s: s.annotation_page(
            "quotes", AnnotationQuery(kinds=("direct", "partial", "indirect"), matching=fts5_plain("said")), 0, 50
        ),
    )
    assert matched.total
    words = ("the",)
    claims = _alike(both, lambda s: s.claim_page(ClaimQuery(words=words, matching=fts5_plain("the")), 0, 50))
    assert claims.total
    timeline = _alike(both, lambda s: s.timeline_page(TimelineQuery(words=words, order="documents"), 0, 50))
    assert timeline.total
    del quotes


def test_a_search_within_a_story_is_alike(both: tuple[Store, Store]) -> None:
    for story in both[0].stories():
        within = DocumentQuery(story=story.id)
        found = [s.search_documents(fts5_plain("said"), 0, 50, within=within) for s in both]
        assert found[0].total == found[1].total > 0
        assert {hit.doc for hit in found[0].hits} == {hit.doc for hit in found[1].hits} <= set(story.documents)


def test_entity_heads_and_paged_mentions_agree_with_the_whole_entities(both: tuple[Store, Store]) -> None:
    """The stored counts (mentions, articles) and the mentions read a page at a time by key are
    what the entity read whole holds, on both stores: a short page size makes every entity with
    more than three mentions take several pages."""
    for store in both:
        whole = {entity.id: entity for entity in store.each_entity()}
        heads = list(store.each_entity_head())
        assert [head.entity.id for head in heads] == list(whole)
        for head in heads:
            entity = whole[head.entity.id]
            assert head.mentions == len(entity.mentions)
            assert head.articles == len({mention.doc for mention in entity.mentions})
            paged: list[Any] = []
            after = None
            while page := store.entity_mentions(entity.id, after, 3):
                paged.extend(page)
                last = page[-1]
                after = (last.doc, last.span.start, last.span.end)
            assert paged == sorted(entity.mentions, key=lambda m: (m.doc, m.span.start, m.span.end))


def test_a_page_of_entities_with_their_first_mentions_is_the_whole_entities_cut(both: tuple[Store, Store]) -> None:
    """A page of entities read with their first N mentions (what the API lists) holds each
    entity's first N mentions by key of the entity read whole, and the counts over all of them,
    alike on both stores."""
    for store in both:
        whole = {entity.id: entity for entity in store.each_entity()}
        for first in (1, 3):
            page = store.entity_heads(EntityQuery(), 0, 40, first)
            assert page.total == len(whole)
            for head in page.items:
                entity = whole[head.entity.id]
                ordered = sorted(entity.mentions, key=lambda m: (m.doc, m.span.start, m.span.end))
                assert head.entity.mentions == tuple(ordered[:first])
                assert head.mentions == len(ordered)
                assert head.entity.links == entity.links
    _alike(both, lambda s: s.entity_heads(EntityQuery(type="PERSON"), 2, 10, 4))


def test_an_entity_read_by_id_and_its_ties_are_alike(both: tuple[Store, Store]) -> None:
    """What an entity's page reads (issue 20): its head by id, and its ties (the network's edges
    from or to it, a slice of the whole network's, in its order)."""
    lite = both[0]
    every = _alike(both, lambda s: s.relation_page(RelationQuery(), 0, 10_000))
    assert every.items
    checked = 0
    tied = [entity for edge in every.items for entity in (edge.source, edge.target)]
    for entity in dict.fromkeys([head.entity.id for head in lite.entity_heads(EntityQuery(), 0, 10).items] + tied):
        found = _alike(both, lambda s, e=entity: s.entity_heads(EntityQuery(id=e), 0, 5))
        assert found.total == 1 and found.items[0].entity.id == entity
        ties = _alike(both, lambda s, e=entity: s.relation_page(RelationQuery(entity=e), 0, 10_000))
        assert list(ties.items) == [edge for edge in every.items if entity in (edge.source, edge.target)]
        checked += bool(ties.items)
    assert checked
    assert _alike(both, lambda s: s.entity_heads(EntityQuery(id="no-such-entity"), 0, 5).total) == 0


def test_the_speakers_names_stream_alike(both: tuple[Store, Store]) -> None:
    """What ``newsdesk summary`` counts voices from (tests/cli check it against the whole story)."""
    names = _alike(both, lambda s: list(s.quoted_names(["named", "outlet", "group", "unnamed"])))
    assert names and all(names)
    assert _alike(both, lambda s: list(s.quoted_names(["no-such-kind"]))) == []


def test_the_outlet_filter_is_the_documents_of_the_outlets_and_of_those_relaying_them(
    both: tuple[Store, Store],
) -> None:
    """The outlet filter (counted by a UNION of two look-ups by index, read in order page by page)
    keeps the documents whose outlet, or (unless ``outlet_only``) an outlet they relay, contains
    the words: as the documents' own heads say, on both stores."""
    lite = both[0]
    ordered = list(lite.document_page(DocumentQuery(), 0, 10_000).items)
    heads = lite.document_heads(ordered)
    relayed = {relay for head in heads.values() for relay in head.relays}
    assert relayed, "the mixed corpus relays some outlet"
    outlets = {head.outlet for head in heads.values() if head.outlet}
    needles = sorted({*outlets, *relayed, *(name[:3].lower() for name in outlets | relayed), "no such outlet"})
    for needle in needles:
        for only in (False, True):

            def kept(doc: str, needle: str = needle, only: bool = only) -> bool:
                head = heads[doc]
                return contains(needle, head.outlet) or (not only and any(contains(needle, r) for r in head.relays))

            expected = [doc for doc in ordered if kept(doc)]
            query = DocumentQuery(outlet=needle, outlet_only=only)
            found = _alike(both, lambda s, q=query: s.document_page(q, 0, 10_000))
            assert (found.total, list(found.items)) == (len(expected), expected), (needle, only)
            # A page deep in the list, by offset and by key, is the same slice.
            if len(expected) > 2:
                assert _alike(both, lambda s, q=query: s.document_page(q, 1, 2)).items == tuple(expected[1:3])
                first = expected[0]
                assert _alike(both, lambda s, q=query, f=first: s.documents_after(q, f, 2)) == expected[1:3]
