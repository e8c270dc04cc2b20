"""The briefing read from the store page by page (``story.brief.store_briefing``) is the briefing
of the whole export object, on both stores, and never reads the whole story."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

import pytest

from newsdesk.report.brief import to_html, to_markdown
from newsdesk.store import Store, open_store
from newsdesk.story import brief
from newsdesk.story.brief import build_briefing, store_briefing
from newsdesk.story.export import export_store


@pytest.fixture(params=["mixed_sqlite", "mixed_pg", "seed_sqlite", "seed_pg"])
def location(request: pytest.FixtureRequest) -> Path | str:
    return cast(Path | str, request.getfixturevalue(request.param))


def test_the_store_briefing_is_the_briefing_of_the_export(location: Path | str) -> None:
    with open_store(location, read_only=True) as store:
        export = export_store(store)
        for limit in (1, 3, 12, 200):
            whole = build_briefing(export, limit)
            paged = store_briefing(store, limit)
            assert to_markdown(paged) == to_markdown(whole), limit
            assert to_html(paged) == to_html(whole), limit


class _NoWholeStory:
    """A store whose reads of the whole story (every document, entity, claim, timeline entry)
    fail: the briefing must read pages."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        if name in ("timeline", "claims", "corrections", "sources", "each_entity", "each_claim"):
            raise AssertionError(f"the briefing read the whole story: Store.{name}")
        return getattr(self._store, name)

    def documents(self, ids: Sequence[str] | None = None, **options: Any) -> Any:
        assert ids is not None, "the briefing read every document at once"
        return self._store.documents(ids, **options)

    def entities(self, ids: Sequence[str] | None = None) -> Any:
        assert ids is not None, "the briefing read every entity"
        return self._store.entities(ids)

    def reference_dates(self, ids: Sequence[str] | None = None) -> Any:
        assert ids is not None, "the briefing read every reference date at once"
        return self._store.reference_dates(ids)


def test_the_store_briefing_never_builds_the_whole_story(location: Path | str, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(location, read_only=True) as store:
        expected = to_markdown(build_briefing(export_store(store), 12))
        monkeypatch.setattr(brief, "PAGE", 7)  # every pass over the story reads several pages
        assert to_markdown(store_briefing(cast(Store, _NoWholeStory(store)), 12)) == expected


def test_a_long_story_lists_its_sources_and_disagreements_up_to_a_bound(
    mixed_sqlite: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Beyond the bounds each list says how many it leaves out; every cited article is listed."""
    for name in ("SOURCES_LISTED", "DISAGREEMENTS_LISTED", "COVERAGE_LISTED", "ARTICLES_NAMED"):
        monkeypatch.setattr(brief, name, 2)
    with open_store(mixed_sqlite, read_only=True) as store:
        articles = store.count()
        briefing = store_briefing(store, 12)
        whole = dict(build_briefing(export_store(store), 12).sections)
    listed = [key for key, _ in briefing.sources if key != "…"]
    assert {c.article for c in briefing.cites.values()} <= set(listed)
    assert briefing.sources[-1] == ("…", f"and {articles - len(listed)} more articles (newsdesk export lists them all)")
    sections = dict(briefing.sections)
    disagreements = sections["Where the articles disagree"]
    assert len(disagreements) == 3 and disagreements[-1].text.startswith("and ")
    assert sections["Coverage by outlet"][-1].text.endswith("more sources")
    assert len(sections["Coverage by outlet"]) == 3
    # The lists that are not bounded tell what the export's briefing tells, article numbers and all
    # (a key claim's source that is an article of no outlet named by its number, listed or not).
    for heading in ("What happened", "Key claims", "Views held in several articles", "Who said what", "Actor network"):
        assert [line.text for line in sections[heading]] == [line.text for line in whole[heading]], heading


def test_spoken_quotes_are_the_exports_quotes_with_their_speakers(location: Path | str) -> None:
    """``Store.spoken_quotes``: every quote of the documents asked, in the export's order, under the
    name and description the export gives its speaker."""
    with open_store(location, read_only=True) as store:
        export = export_store(store)
        ids = [d["id"] for d in export["documents"]]
        spoken = store.spoken_quotes(ids)
    read = [
        (q.doc, q.start, q.end, q.kind, q.text, q.channel, q.attitude, q.name, q.description)
        for doc in ids
        for q in spoken.get(doc, [])
    ]
    exported = [
        (
            q["doc"],
            q["start"],
            q["end"],
            q["kind"],
            q["text"],
            q["channel"],
            bool(q["attitude"]),
            q["speaker"]["name"],
            q["speaker"]["description"],
        )
        for q in export["quotes"]
    ]
    assert len(exported) > 20 and read == exported
