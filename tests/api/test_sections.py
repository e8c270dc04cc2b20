"""The API's sections are the export's: built one document at a time, they must be exactly what
``export_store`` writes for the same database."""

from __future__ import annotations

from pathlib import Path

from newsdesk.store import open_store
from newsdesk.story.brief import build_briefing
from newsdesk.story.export import export_store
from newsdesk.story.sections import build_sections
from newsdesk.story.snapshot import Story, StorySource

SECTIONS = ("documents", "entities", "quotes", "times", "events", "claims", "relations", "timeline")


def test_sections_equal_the_export_demo(demo_db: Path) -> None:
    _sections_equal_the_export(demo_db)


def test_sections_equal_the_export_seeds(seed_db: Path) -> None:
    _sections_equal_the_export(seed_db)


def _sections_equal_the_export(db: Path) -> None:
    with open_store(db) as store:
        export = export_store(store)
    store = open_store(db, read_only=True)
    try:
        sections = build_sections(store)
    finally:
        store.close()
    assert export["documents"], "the fixture database holds documents"
    assert sections.meta == export["newsdesk"]
    for section in SECTIONS:
        assert getattr(sections, section) == export[section], section


def test_the_story_builds_the_coverage_and_the_briefing_without_the_whole_export_demo(demo_db: Path) -> None:
    _story_builds_the_coverage_and_the_briefing(demo_db)


def test_the_story_builds_the_coverage_and_the_briefing_without_the_whole_export_seeds(seed_db: Path) -> None:
    _story_builds_the_coverage_and_the_briefing(seed_db)


def _story_builds_the_coverage_and_the_briefing(db: Path) -> None:
    with open_store(db) as store:
        export = export_store(store)
    story = StorySource(db).current()
    assert story.coverage_by_source == export["coverage_by_source"]
    assert story.briefing == build_briefing(export)
    assert story._export is None, "the whole export was built"


def test_the_story_export_is_the_whole_export(demo_db: Path) -> None:
    with open_store(demo_db) as store:
        export = export_store(store)
    story = StorySource(demo_db).current()
    assert story.export == export
    assert story.documents.keys() == {d["id"] for d in export["documents"]}
    assert story.briefing.title.startswith("Story briefing")


def test_a_story_from_an_export_object(demo_db: Path) -> None:
    with open_store(demo_db) as store:
        export = export_store(store)
    story = Story.of(export)
    assert story.export is export
    assert [q["id"] for d in export["documents"] for q in story.quotes_by_doc.get(d["id"], [])] == [
        q["id"] for q in export["quotes"]
    ]
    mentioned = {(m["doc"], m["start"]) for e in export["entities"] for m in e["mentions"]}
    assert {(m["doc"], m["start"]) for pairs in story.mentions_by_doc.values() for _, m in pairs} == mentioned
