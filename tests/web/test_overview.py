"""The home page (one story), ``/api/briefing`` and the briefing downloads read the briefing from
the store page by page: the same briefing as ``newsdesk brief``, without the whole-story snapshot."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsdesk.report.brief import to_html, to_markdown
from newsdesk.server import create_app
from newsdesk.store import open_store
from newsdesk.story import snapshot
from newsdesk.story.brief import build_briefing
from newsdesk.story.export import export_store
from tests.web.conftest import LOCAL


@pytest.mark.parametrize("name", ["demo_sqlite", "demo_pg"])
def test_the_home_page_and_the_briefing_never_build_the_whole_story(
    name: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    location = request.getfixturevalue(name)
    with open_store(location, read_only=True) as store:
        briefing = build_briefing(export_store(store))
        stored = store.counts()

    def refused(*_: object) -> None:
        raise AssertionError("built the whole-story snapshot")

    monkeypatch.setattr(snapshot, "build_sections", refused)
    monkeypatch.setattr(snapshot.StorySource, "_export", refused)
    client = TestClient(create_app(location if isinstance(location, str) else Path(location)), base_url=LOCAL)
    assert client.get("/api/briefing", params={"format": "md"}).text == to_markdown(briefing)
    assert client.get("/api/downloads/briefing.md").text == to_markdown(briefing)
    assert client.get("/api/downloads/briefing.html").text == to_html(briefing)
    record = client.get("/api/briefing").json()
    assert [s["label"] for s in record["sources"]] == [label for _, label in briefing.sources]
    assert all(s["doc"] for s in record["sources"])
    page = client.get("/")
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert briefing.title in text
    for _, lines in briefing.sections:
        for line in lines:
            assert line.text in text
    counts = dict((name, int(n)) for n, name in re.findall(r"<li><b>(\d+)</b> ([a-z ]+)</li>", page.text))
    assert counts["articles"] == stored["documents"] and counts["happenings"] == stored["timeline"]
    assert counts["claims"] == stored["claims"] and counts["entities"] == stored["entities"]
