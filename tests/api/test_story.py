"""The story snapshot: built once, rebuilt when another connection commits, held steady while
this process writes."""

from __future__ import annotations

from pathlib import Path

from newsdesk.ingest import ingest_paths
from newsdesk.settings import Settings
from newsdesk.store import open_store
from newsdesk.story.snapshot import StorySource
from tests.api.conftest import copy_db

ARTICLE = (
    "Lighthouse keeper retires\n\n"
    "The last keeper of the Skerrow Point lighthouse, Oona Vell, retired on Friday after "
    "thirty-one years, the coastguard said.\n"
)


def test_the_story_is_rebuilt_only_when_the_database_changes(demo_db: Path, tmp_path: Path) -> None:
    db = copy_db(demo_db, tmp_path / "story.db")
    source = StorySource(db)
    first = source.current()
    assert source.current() is first
    article = tmp_path / "lighthouse.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    with source.writing():
        with open_store(db) as store:
            report = ingest_paths([str(article)], store, Settings(nlp=False))
        assert len(report.stored) == 1
        assert source.current() is first, "while this process writes, requests keep the story they had"
    second = source.current()
    assert second is not first
    assert report.stored[0] in second.documents and report.stored[0] not in first.documents
    assert len(second.documents) == len(first.documents) + 1
    assert source.current() is second


def test_a_write_by_another_process_is_seen(demo_db: Path, tmp_path: Path) -> None:
    db = copy_db(demo_db, tmp_path / "story.db")
    source = StorySource(db)
    before = source.current()
    with open_store(db) as store:  # another connection, as `newsdesk ingest` would be
        store.replace_claims([])
    after = source.current()
    assert before.sections.claims and after.sections.claims == []
