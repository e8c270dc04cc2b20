"""Each article's independent source, stored by the claims stage and read back by the export and
the API instead of being worked out again from every article's body."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.corpus.claims import independent_sources
from newsdesk.store import open_store
from newsdesk.story.export import export_store
from newsdesk.story.snapshot import StorySource
from tests.pg_fixture import STORES, run_sql, writable_store


@pytest.fixture(params=STORES)
def demo_copy(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return writable_store(request, "demo", tmp_path)


def test_the_claims_stage_stores_each_articles_independent_source(demo_copy: str) -> None:
    db = demo_copy
    with open_store(db) as store:
        stored = store.sources()
        documents = list(store.documents())
        assert stored == independent_sources(documents)
        assert set(stored) == {d.id for d in documents}
        with_stored = export_store(store)
    # A database whose sources were never stored (made before they were) gives the same export.
    run_sql(db, "DELETE FROM sources")
    with open_store(db) as store:
        assert store.sources() == {}
        assert export_store(store)["coverage_by_source"] == with_stored["coverage_by_source"]
    story = StorySource(db).current()
    assert story.sections.sources == stored
    assert story.coverage_by_source == with_stored["coverage_by_source"]
