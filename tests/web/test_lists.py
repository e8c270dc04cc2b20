"""The list pages at 50 and at 2,000 articles: every page is one bounded page of what its filters
keep, with the right count; filters, sorting and paging hold in a real browser; search takes
punctuation; the timeline chart opens where the happenings are; the layout fits 1366 px and prints."""

from __future__ import annotations

import csv
import re
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsdesk.server import create_app
from newsdesk.store import pages
from newsdesk.store.base import TimelineQuery
from newsdesk.web.charts import opening_window
from newsdesk.web.lists import DEFAULT_SIZE
from tests.web.conftest import LOCAL
from tests.web.parse import parse
from tests.web.server import Server, serve

SIZES = (50, 2000)
LISTS = ("/articles", "/voices", "/claims", "/timeline", "/entities", "/search?q=Blair")
SHOWN = re.compile(r"(\d[\d,]*)–(\d[\d,]*) of (\d[\d,]*)")


@pytest.fixture(scope="module", params=SIZES, ids=lambda n: f"{n}-articles")
def pile(request: pytest.FixtureRequest, pile_dbs: dict[int, Path]) -> tuple[int, Path, TestClient]:
    size: int = request.param
    db = pile_dbs[size]
    return size, db, TestClient(create_app(db), base_url=LOCAL)


def shown(html: str) -> tuple[int, int, int]:
    """The first "41–60 of 1,204" of a page, as numbers."""
    found = SHOWN.search(html)
    assert found, "the page says which items it shows of how many"
    first, last, total = (int(group.replace(",", "")) for group in found.groups())
    return first, last, total


def sql(db: Path, query: str, *params: object) -> Any:
    with sqlite3.connect(db) as connection:
        return connection.execute(query, params).fetchone()[0]


def test_every_list_page_is_one_page_with_its_count(pile: tuple[int, Path, TestClient]) -> None:
    size, db, client = pile
    for url in LISTS:
        response = client.get(url)
        assert response.status_code == 200, url
        parsed = parse(response.text)
        assert parsed.errors == [], (url, parsed.errors[:3])
        assert len(response.text) < 400_000, (url, len(response.text))  # bounded, whatever the story's size
    first, last, total = shown(client.get("/articles").text)
    assert (first, total) == (1, size) and last == min(size, DEFAULT_SIZE)
    assert len(parse(client.get("/articles").text).find(lambda e: e.tag == "tr")) == min(size, DEFAULT_SIZE) + 1
    quotes = sql(db, "SELECT count(*) FROM quotes WHERE kind != 'scare'")
    assert shown(client.get("/voices").text)[2] == quotes
    assert shown(client.get("/claims").text)[2] == sql(db, "SELECT count(*) FROM claims")
    assert shown(client.get("/timeline").text)[2] == sql(db, "SELECT count(*) FROM timeline")
    assert shown(client.get("/entities").text)[2] == sql(db, "SELECT count(*) FROM entities")


def test_paging_walks_the_whole_list_once(pile: tuple[int, Path, TestClient]) -> None:
    size, _, client = pile
    seen: list[str] = []
    url = "/articles?size=200"
    while url:
        html = client.get(url).text
        page = parse(html)
        seen += [
            e.attrs["href"] for e in page.find(lambda e: e.tag == "a" and e.attrs.get("href", "").startswith("/doc/"))
        ]
        following = page.find(lambda e: e.tag == "a" and e.attrs.get("rel") == "next")
        url = following[0].attrs["href"].replace("&amp;", "&") if following else ""
    assert len(seen) == len(set(seen)) == size
    last = client.get("/articles", params={"offset": size - 1, "size": 20}).text
    assert shown(last) == (size, size, size)
    assert client.get("/articles", params={"offset": -5, "size": 7}).status_code == 200  # read leniently: page 1, 50


def test_filters_keep_only_what_they_name(pile: tuple[int, Path, TestClient]) -> None:
    size, db, client = pile
    outlet, count = next(iter(client.app.state.source.reader().outlet_counts(1)))  # type: ignore[attr-defined]
    html = client.get("/articles", params={"outlet": outlet, "size": 200}).text
    assert shown(html)[2] == count
    rows = parse(html).find(lambda e: e.tag == "tr")[1:]
    assert len(rows) == min(count, 200)
    direct = client.get("/voices", params={"kind": "direct"}).text
    assert shown(direct)[2] == sql(db, "SELECT count(*) FROM quotes WHERE kind = 'direct'")
    assert 'class="quote q-indirect"' not in direct and 'class="quote q-direct"' in direct
    two = client.get("/claims", params={"sources": 2, "size": 200}).text
    assert shown(two)[2] == sql(db, "SELECT count(*) FROM claims WHERE source_count >= 2")
    for badge in re.findall(r"(\d+) independent sources?<", two):
        assert int(badge) >= 2
    dated = client.get("/timeline", params={"from": "2004", "to": "2004"}).text
    assert shown(dated)[2] == sql(db, "SELECT count(*) FROM timeline WHERE substr(value, 1, 4) = '2004'")
    assert all(value.startswith("2004") for value in re.findall(r'<b title="([^"]+)">', dated))
    entity = sql(db, "SELECT id FROM entities ORDER BY position LIMIT 1")
    mentioning = client.get("/articles", params={"entity": entity}).text
    assert shown(mentioning)[2] == sql(
        db, "SELECT count(DISTINCT doc_id) FROM entity_mentions WHERE entity_id = ?", entity
    )
    bad = client.get("/articles", params={"from": "last spring"})
    assert bad.status_code == 200 and "is not a date" in bad.text and shown(bad.text)[2] == size


def test_sorting_orders_the_rows(pile: tuple[int, Path, TestClient]) -> None:
    _, _, client = pile
    named = client.get("/entities", params={"sort": "name", "size": 200}).text
    names = [
        e.attrs.get("href")
        for e in parse(named).find(lambda e: e.tag == "a" and e.attrs.get("href", "").startswith("/entity/"))
    ]
    assert names
    text = re.findall(r'<td><a href="/entity/[^"]+">([^<]+)</a>', named)
    assert [t.lower() for t in text] == sorted(t.lower() for t in text)
    most = client.get("/claims", params={"sort": "documents"}).text
    articles = [int(n) for n in re.findall(r'class="badge articles">(\d+) articles?<', most)]
    assert articles == sorted(articles, reverse=True)
    assert "cannot sort by" in client.get("/claims", params={"sort": "colour"}).text


@pytest.mark.parametrize("query", ["U.S.-Mexico", "Blair's", '"Blair', "Blair AND (", "C++"])
def test_search_takes_punctuation_as_typed(pile: tuple[int, Path, TestClient], query: str) -> None:
    _, _, client = pile
    response = client.get("/search", params={"q": query})
    assert response.status_code == 200, query
    assert 'role="alert"' not in response.text and "syntax error" not in response.text


def test_search_covers_quotes_claims_and_entities(pile: tuple[int, Path, TestClient]) -> None:
    _, db, client = pile
    html = client.get("/search", params={"q": "Blair"}).text
    for kind in ("articles", "quotes", "claims", "entities"):
        assert f'class="results results-{kind}"' in html, kind
    quotes = client.get("/search", params={"q": "Blair", "in": "quotes"}).text
    assert shown(quotes)[2] == sql(
        db, "SELECT count(*) FROM quotes WHERE kind != 'scare' AND lower(text) LIKE '%blair%'"
    )
    entities = client.get("/search", params={"q": "blair", "in": "entities"}).text
    assert "Blair" in entities
    assert client.get("/search", params={"q": "NEAR(", "advanced": "true"}).status_code == 400
    nothing = client.get("/search", params={"q": "-"})
    assert nothing.status_code == 200 and "type a word" in nothing.text


def test_a_search_finding_more_claims_than_it_counts_says_more_than(
    pile: tuple[int, Path, TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counted to a bound (2,000; 3 here), a search of the claims says "more than" and pages on
    past it, with no last page."""
    _, db, client = pile
    holding = sql(db, "SELECT count(*) FROM claims WHERE lower(text) LIKE '%blair%'")
    assert holding > 3
    monkeypatch.setattr(pages, "SEARCH_COUNTED", 3)
    found = client.get("/search", params={"q": "Blair", "in": "claims"}).text
    assert "more than 3" in found
    listed = client.get("/claims", params={"q": "Blair"}).text
    assert f"1–{DEFAULT_SIZE} of more than 3" in listed


def test_the_chart_opens_on_where_most_happenings_are() -> None:
    values = [("1945", 1), ("197", 3), ("2005-03-01", 40), ("2005-03-10", 30), ("2005-04", 10), ("2025-01-02", 2)]
    values += [(f"2005-03-{day:02}", 1) for day in range(11, 20)]
    window = opening_window(values)
    assert window is not None
    # 73 of the 91 closely dated happenings fall within 1-13 March 2005: neither 1945, the 1970s,
    # April nor the outlier of 2025 widen it.
    assert "2005-02-20" <= window["start"] <= "2005-03-01" and "2005-03-13" <= window["end"] <= "2005-03-31"
    assert window["held"] >= 0.8 * window["dated"]
    assert opening_window([("197", 4), ("2005", 3)]) is None  # nothing dated closely enough to say


# In the browser.


@pytest.fixture(scope="module")
def servers(browser: Any, pile_dbs: dict[int, Path]) -> Iterator[dict[int, Server]]:
    with serve(pile_dbs[50]) as small, serve(pile_dbs[2000]) as big:
        yield {50: small, 2000: big}


@pytest.fixture
def window(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield page
    context.close()
    assert errors == []


def fits(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1366, f"{page.url} is {width} px wide"


@pytest.mark.parametrize("size", SIZES)
def test_filter_sort_and_page_in_the_browser(servers: dict[int, Server], window: Any, size: int) -> None:
    base = servers[size].url
    window.goto(base + "/articles")
    fits(window)
    options = window.locator("form.filters select[name=outlet] option")
    outlet = options.nth(1).get_attribute("value")
    window.select_option("form.filters select[name=outlet]", outlet)
    window.click("form.filters button[type=submit]")
    window.wait_for_url("**outlet=**")
    first, _, total = shown(window.content())
    assert first == 1 and total < size
    assert all(outlet in cell for cell in window.locator("table.articles tbody td:nth-child(3)").all_inner_texts())
    window.goto(base + "/claims")
    started = time.monotonic()
    window.click("nav.pager a[rel=next] >> nth=0")
    window.wait_for_url("**offset=50**")
    assert shown(window.content())[0] == 51
    assert time.monotonic() - started < 10
    window.click("text=most articles")
    window.wait_for_url("**sort=documents**")
    fits(window)
    for path in ("/voices", "/timeline", "/entities", "/search?q=U.S.-Mexico", "/search?q=Blair"):
        window.goto(base + path)
        fits(window)


@pytest.mark.parametrize("size", SIZES)
def test_typed_punctuation_searches_in_the_browser(servers: dict[int, Server], window: Any, size: int) -> None:
    """What a journalist types in the header's search box, punctuation and FTS5's own operators
    included, gives a page of results, never a syntax error."""
    window.goto(servers[size].url + "/articles")
    for typed in ("U.S.-Mexico", "Blair's", "Blair AND ("):
        box = window.locator("form.search input[name=q]")
        box.fill(typed)
        box.press("Enter")
        window.wait_for_url("**/search?q=**")
        found = window.locator("form.search-big input[name=q]").input_value()
        assert found == typed
        assert window.locator("[role=alert]").count() == 0, typed
        assert "syntax error" not in window.content()
        assert window.locator("section.results").count() >= 1, typed
        fits(window)


@pytest.mark.parametrize("size", SIZES)
def test_the_timeline_opens_on_the_storys_own_span(servers: dict[int, Server], window: Any, size: int) -> None:
    from newsdesk.web.pages import vendor_files

    if not vendor_files("timeline"):
        pytest.skip("the chart needs the npm build (make vendor)")
    window.goto(servers[size].url + "/timeline")
    window.wait_for_selector("#timeline-view[data-drawn][data-start]")
    holder = window.locator("#timeline-view")
    start, end = holder.get_attribute("data-start"), holder.get_attribute("data-end")
    assert start and end
    values = servers[size].app.state.source.reader().timeline_values(TimelineQuery())
    expected = opening_window(values)
    assert expected is not None
    assert abs(int(start[:4]) - int(expected["start"][:4])) <= 1 and start[:7] <= expected["first"][:7]
    assert end >= expected["last"]
    # Not the whole of history for the sake of one outlier: the window is far shorter than the span.
    years = int(end[:4]) - int(start[:4])
    assert years < 20, (start, end)
    labels = window.locator("#timeline-view .vis-item .vis-item-content")
    assert labels.count() > 0
    font = window.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('#timeline-view .vis-item-content')).fontSize)"
    )
    assert font >= 11
    window.click("#timeline-all")
    window.wait_for_function(
        "([s, e]) => { const h = document.querySelector('#timeline-view');"
        " return h.dataset.start !== s || h.dataset.end !== e; }",
        arg=[start, end],
    )
    fits(window)


def test_the_list_pages_print_without_their_controls(servers: dict[int, Server], window: Any) -> None:
    window.goto(servers[2000].url + "/claims")
    window.emulate_media(media="print")
    assert not window.locator("form.filters").is_visible()
    assert not window.locator("header.top nav").is_visible()
    assert window.locator("ol.claims li.claim").first.is_visible()
    fits(window)


def test_a_40_column_coverage_grid_fits_the_window(servers: dict[int, Server], window: Any) -> None:
    window.set_default_timeout(120_000)  # the first coverage page of a revision works the grid out
    window.goto(servers[2000].url + "/coverage")
    fits(window)
    assert window.locator("table.matrix thead th.article").count() == 40


@pytest.mark.parametrize("size", [50, 2000])
def test_entity_pages_light_their_own_tab(pile_dbs: dict[int, Path], size: int) -> None:
    # The most mentioned entity: its page reads a page of its mentions, never the whole story.
    db = pile_dbs[size]
    client = TestClient(create_app(db), base_url=LOCAL)
    entity = sql(db, "SELECT id FROM entities ORDER BY position LIMIT 1")
    html = client.get(f"/entity/{entity}").text
    current = parse(html).find(lambda e: e.tag == "a" and e.attrs.get("aria-current") == "page")
    assert [e.attrs["href"] for e in current] == ["/entities"]
    assert client.app.state.source._story is None  # type: ignore[attr-defined]


def test_the_store_reads_behind_the_pages_agree_with_their_definitions(pile: tuple[int, Path, TestClient]) -> None:
    """Each read the list pages add to the store, against the same thing worked out in Python from
    the whole story."""
    from newsdesk.store import open_store
    from newsdesk.store.base import ClaimQuery, DocumentQuery, EntityQuery, in_range

    size, db, _ = pile
    with open_store(db, read_only=True) as store:
        order = list(store.document_page(DocumentQuery(), 0, size).items)
        sample = order[:: max(1, size // 40)]
        heads = store.document_heads(sample[::-1])
        assert {doc: head.position for doc, head in heads.items()} == {doc: order.index(doc) + 1 for doc in sample}
        by_title = store.document_page(DocumentQuery(order="title", descending=True), 0, size).items
        titles = {doc: head.title or "" for doc, head in store.document_heads(list(by_title)).items()}
        assert [titles[doc].lower() for doc in by_title] == sorted((t.lower() for t in titles.values()), reverse=True)
        entities = store.entity_page(EntityQuery(type="PERSON"), 0, 30).items
        summaries = store.entity_summaries(EntityQuery(type="PERSON"), 0, 30).items
        assert [(s.id, s.mentions, s.articles) for s in summaries] == [
            (e.id, len(e.mentions), len({m.doc for m in e.mentions})) for e in entities
        ]
        timeline = store.timeline()
        for since, until in (("2004", "2004"), ("2003-06", "2005-01-15"), ("1990", None)):
            kept = store.timeline_page(TimelineQuery(date_from=since, date_to=until), 0, 100_000)
            assert {e.id for e in kept.items} == {e.id for e in timeline if in_range(e.value, since, until)}
        actor = next(p for e in timeline for p in e.participants)
        theirs = store.timeline_page(TimelineQuery(entity=actor), 0, 100_000)
        assert {e.id for e in theirs.items} == {e.id for e in timeline if actor in e.participants}
        claims = store.claims()
        found = store.claim_page(ClaimQuery(words=("blair", "said")), 0, 100_000)
        assert found.total == sum(1 for c in claims if "blair" in c.text.casefold() and "said" in c.text.casefold())


def test_the_download_menu_at_2000_articles(servers: dict[int, Server], browser: Any, tmp_path: Path) -> None:
    """The Download menu on a list page of the 2,000-article pile: it opens inside a 1366 px window and
    a table downloads whole, one row per article."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    context.set_default_timeout(180_000)  # the table is written from the store as it is asked for
    page = context.new_page()
    try:
        page.goto(servers[2000].url + "/articles")
        menu = page.locator("details.downloads")
        menu.locator("summary").click()
        box = page.locator(".download-menu").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 1366
        with page.expect_download() as info:
            menu.get_by_role("link", name="documents", exact=True).click()
        target = tmp_path / info.value.suggested_filename
        info.value.save_as(target)
    finally:
        context.close()
    assert target.name.endswith("-documents.csv")
    with target.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 2000
    assert len({row["id"] for row in rows}) == 2000
