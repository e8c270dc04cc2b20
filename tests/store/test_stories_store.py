"""The story stage through the store: the demo's three stories (the dam story and the two in
demo/feed) come out the same whether the articles arrive at once or a few at a time, merges
and memberships are stored, and the listing reads titles, dates and outlets."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.ingest import ingest_paths
from newsdesk.ingest.run import run_corpus_stages
from newsdesk.settings import Settings
from newsdesk.store import open_store
from newsdesk.store.postgres_url import is_postgres_url
from tests.conftest import DEMO, ROOT
from tests.pg_fixture import STORES, PostgresServer, copy_store, fresh_database, run_sql

FEED = ROOT / "demo" / "feed"


def _partition(path: str) -> set[frozenset[str]]:
    with open_store(path) as store:
        return {frozenset(s.documents) for s in store.stories()}


@pytest.fixture(scope="module", params=STORES)
def mixed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        path = str(tmp_path_factory.mktemp("mixed") / "mixed.db")
    else:
        path = fresh_database(request.getfixturevalue("pg_server"))
    with open_store(path) as store:
        assert ingest_paths([str(DEMO), str(FEED)], store).ok
    return path


def test_the_mixed_demo_pile_is_three_stories(mixed: str) -> None:
    with open_store(mixed) as store:
        stories = store.stories()
        sources = {d.id: d.source for d in store.documents()}
        titles = {s.title or "" for s in stories}
    assert len(stories) == 3
    by_size = sorted(stories, key=lambda s: -len(s.documents))
    assert [len(s.documents) for s in by_size] == [8, 3, 2]
    # The dam story is demo/corpus's eight articles (two are JSON Lines records, named by their
    # address); the ferry story is demo/feed's three text files.
    assert all("demo/corpus/" in sources[d] or "www." in sources[d] for d in by_size[0].documents)
    assert all("demo/feed/0" in sources[d] for d in by_size[1].documents)
    assert any("dam" in t.lower() for t in titles)
    assert any("Aurelia Star" in t or "Ferry" in t for t in titles)
    assert any("strike" in t.lower() for t in titles)
    strike = by_size[2]
    assert (strike.first, strike.last) == ("2026-03-11", "2026-03-13")
    assert strike.outlets == ("Lennvik Daily", "Radio Valdoria International")
    # Newest first, by the latest article.
    assert [s.last for s in stories] == sorted((s.last or "" for s in stories), reverse=True)


def test_arriving_in_pieces_gives_the_same_stories(mixed: str, tmp_path: Path, pg_server: PostgresServer) -> None:
    path = str(tmp_path / "pieces.db") if not is_postgres_url(mixed) else fresh_database(pg_server)
    pieces = [
        FEED / "04_transit-strike.jsonl",
        FEED / "03_ferry-refloated.txt",
        DEMO / "06_northern-review.txt",
        FEED / "01_ferry-aground.txt",
        DEMO,
        FEED,
    ]
    with open_store(path) as store:
        for piece in pieces:
            ingest_paths([str(piece)], store)
    assert _partition(path) == _partition(mixed)


def test_rebuild_places_articles_stored_before_stories_existed(mixed: str, tmp_path: Path) -> None:
    copy = copy_store(mixed, tmp_path / "copy.db")
    tables = ("story_members", "story_keys", "story_terms", "story_merges", "stories", "story_profiles")
    # As a database made before migration 0016 would be after it.
    run_sql(copy, *(f"DELETE FROM {table}" for table in tables), "UPDATE story_book SET profiled = 0, created = 0")
    with open_store(copy) as store:
        assert store.stories() == []
        assert len(store.story_book().unplaced()) == 13
        run_corpus_stages(store, Settings())
        assert store.story_book().unplaced() == []
    assert _partition(copy) == _partition(mixed)


def test_merged_ids_lead_to_the_story_they_joined(mixed: str) -> None:
    with open_store(mixed) as store:
        for story in store.stories():
            assert store.story_of(story.id) == story.id
            for merged in story.merged_from:
                assert store.story_of(merged) == story.id
        assert store.story_of("s-none") is None
