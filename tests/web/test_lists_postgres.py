"""The list pages over a PostgreSQL store: every list page, filtered, sorted and searched, and a
story's list pages, answer as over SQLite (the same articles, counts and links)."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from newsdesk.server import create_app
from newsdesk.store import open_store
from tests.web.conftest import LOCAL

PAGES = (
    "/articles",
    "/articles?sort=title&desc=1",
    "/articles?sort=published&from=2020&to=2030",
    "/voices",
    "/voices?speaker=a",
    "/claims",
    "/claims?sort=documents&q=the",
    "/timeline",
    "/timeline?sort=documents&q=the",
    "/entities",
    "/entities?sort=name&q=a",
    "/search?q=said",
    "/search?q=said&in=quotes",
    "/search?q=the&in=claims",
)
# A list's count ("41–60 of 1,204"), and each kind's on the search page ("Quotes (12)").
_COUNTS = re.compile(r'data-total="(\d+)"|<h2>\w+ \(([\d,]+)\)')
_LINKS = re.compile(r'href="([^"]+)"')


def test_the_list_pages_read_alike_from_both_stores(mixed_sqlite: Path, mixed_pg: str) -> None:
    lite = TestClient(create_app(mixed_sqlite), base_url=LOCAL)
    pg = TestClient(create_app(mixed_pg), base_url=LOCAL)
    with open_store(mixed_sqlite, read_only=True) as store:
        stories = store.stories()
    paths = list(PAGES) + [f"/stories/{s.id}{p}" for s in stories for p in ("/articles", "/claims", "/search?q=said")]
    for path in paths:
        one, other = lite.get(path), pg.get(path)
        assert one.status_code == other.status_code == 200, (path, other.text[:300])
        counts = _COUNTS.findall(one.text)
        assert any(number not in ("", "0") for found in counts for number in found), (path, counts)
        assert _COUNTS.findall(other.text) == counts, path
        if "search" not in path:  # a search's hits are ranked by each database's own measure
            assert _LINKS.findall(one.text) == _LINKS.findall(other.text), path
