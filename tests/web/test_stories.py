"""The story list and one story's pages, on the demo's mixed pile (three stories): the home page
lists the stories; each story page is today's overview and tabs over that story's own articles,
and its links stay inside the story. With one story the home page is the overview, as before."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsdesk.server import create_app
from newsdesk.store import open_store
from tests.web.conftest import LOCAL
from tests.web.parse import parse
from tests.web.server import Server, serve
from tests.web.test_browser import Tab

TABS = (
    "",
    "/timeline",
    "/network",
    "/voices",
    "/claims",
    "/claims?shared=true",
    "/coverage",
    "/articles",
    "/entities",
    "/search?q=said",
)
# The list pages (issue 20): paged, with filters, the story their filter.
LISTS = ("/timeline", "/voices", "/claims", "/articles", "/entities", "/search?q=said")


@pytest.fixture(scope="module")
def mixed_client(mixed_db: Path) -> TestClient:
    return TestClient(create_app(mixed_db), base_url=LOCAL)


@pytest.fixture(scope="module")
def stories(mixed_db: Path) -> list[Any]:
    with open_store(mixed_db, read_only=True) as store:
        return store.stories()


def _links(html: str) -> list[str]:
    parsed = parse(html)
    assert parsed.errors == []
    return [str(e.attrs["href"]) for e in parsed.find(lambda e: e.tag == "a" and bool(e.attrs.get("href")))]


def test_the_home_page_lists_the_stories_newest_first(mixed_client: TestClient, stories: list[Any]) -> None:
    page = mixed_client.get("/")
    assert page.status_code == 200
    parsed = parse(page.text)
    rows = parsed.find(lambda e: e.tag == "tr")[1:]
    assert len(rows) == len(stories) == 3
    linked = [link for link in _links(page.text) if link.startswith("/stories/")]
    assert linked == [f"/stories/{s.id}" for s in stories]
    text = parsed.text
    for story in stories:
        assert story.title in text
        assert all(outlet in text for outlet in story.outlets)
    assert "3 stories in 13 articles" in text


def test_with_one_story_the_home_page_stays_the_overview(demo_client: TestClient) -> None:
    page = demo_client.get("/").text
    assert "Story briefing" in page and "/stories/" not in page


def test_each_story_page_shows_only_its_own_articles_and_links_inside_it(
    mixed_client: TestClient, stories: list[Any]
) -> None:
    every = {doc for story in stories for doc in story.documents}
    for story in stories:
        base = f"/stories/{story.id}"
        for tab in TABS:
            page = mixed_client.get(base + tab)
            assert page.status_code == 200, (base + tab, page.text[:300])
            for link in _links(page.text):
                if link.startswith(("/static/", "/api/", "#", "data:")) or link == "/":
                    continue
                assert link.startswith(base), (base + tab, link)
            # No article of another story is linked from any of its pages.
            shown = {doc for doc in every if f"/doc/{doc}" in page.text}
            assert shown <= set(story.documents), (base + tab, shown - set(story.documents))
        overview = parse(mixed_client.get(base).text)
        assert story.title in overview.text_in(lambda e: e.tag == "h1")
        sources = {link.split("/doc/")[1] for link in _links(mixed_client.get(base).text) if "/doc/" in link}
        assert {s.split("?")[0] for s in sources} == set(story.documents)
        reader = mixed_client.get(f"{base}/doc/{story.documents[0]}")
        assert reader.status_code == 200
        other = next(doc for doc in every if doc not in story.documents)
        assert mixed_client.get(f"{base}/doc/{other}").status_code == 404


def test_a_storys_list_pages_are_the_paged_pages_scoped_to_it(mixed_client: TestClient, stories: list[Any]) -> None:
    for story in stories:
        base = f"/stories/{story.id}"
        for path in LISTS:
            page = mixed_client.get(base + path)
            assert page.status_code == 200, (base + path, page.text[:300])
            parsed = parse(page.text)
            forms = parsed.find(lambda e: e.tag == "form" and "filters" in str(e.attrs.get("class", "")))
            assert forms, base + path
            assert all(str(form.attrs["action"]).startswith(base + "/") for form in forms), base + path
            # The address holds the story, not a filter (the Download menu's /api/ files take ?story=).
            assert not [link for link in _links(page.text) if "story=" in link and not link.startswith("/api/")]
            assert f"{len(story.documents)} article" in parsed.text_in(lambda e: e.tag == "footer")
            assert story.title in parsed.text_in(lambda e: e.tag == "header")
    # Its articles' page counts the story's articles only, the whole store's the store's.
    chosen = stories[0]
    counted = parse(mixed_client.get(f"/stories/{chosen.id}/articles").text)
    shown = counted.find(lambda e: e.tag == "span" and "shown" in str(e.attrs.get("class", "")))
    assert shown and str(shown[0].attrs["data-total"]) == str(len(set(chosen.documents) | set(chosen.others)))
    whole = parse(mixed_client.get("/articles").text)
    (every,) = whole.find(lambda e: e.tag == "span" and "shown" in str(e.attrs.get("class", "")))[:1]
    assert str(every.attrs["data-total"]) == "13"
    # Its articles are numbered as the story's overview and reader number them (A1, A2, ...).
    numbers = re.findall(r"<td><b>(A\d+)</b></td>", mixed_client.get(f"/stories/{chosen.id}/articles").text)
    assert sorted(numbers) == sorted(f"A{n}" for n in range(1, len(chosen.documents) + 1))
    # A filter and the page size keep the story's address.
    filtered = mixed_client.get(f"/stories/{chosen.id}/articles", params={"size": 20, "sort": "title"})
    links = [link for link in _links(filtered.text) if "sort=" in link or "size=" in link]
    assert links and all(link.startswith(f"/stories/{chosen.id}/") for link in links)


def test_an_unknown_story_page_is_a_404_page(mixed_client: TestClient) -> None:
    for path in ("/stories/s-none", "/stories/s-none/claims", "/stories/s-none/network"):
        page = mixed_client.get(path)
        assert page.status_code == 404
        assert "No story with the id 's-none'" in parse(page.text).text


@pytest.fixture(scope="module")
def mixed_server(browser: Any, mixed_db: Path) -> Iterator[Server]:
    with serve(mixed_db) as server:
        yield server


@pytest.fixture
def story_tab(browser: Any) -> Iterator[Tab]:
    from tests.web.test_browser import WATCH_POLICY

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    tab = Tab(page)
    page.add_init_script(WATCH_POLICY)
    page.on("console", lambda message: tab.problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: tab.problems.append(f"uncaught: {error}"))
    yield tab
    context.close()


def test_in_chromium_the_story_list_opens_a_storys_pages(
    mixed_server: Server, story_tab: Tab, stories: list[Any]
) -> None:
    tab = story_tab
    tab.open(mixed_server.url + "/")
    tab.assert_clean("/")
    rows = tab.page.locator("table.stories tbody tr")
    assert rows.count() == 3
    chosen = stories[1]
    tab.page.get_by_role("link", name=chosen.title).click()
    tab.page.wait_for_url(f"**/stories/{chosen.id}")
    assert chosen.title in tab.page.locator("h1").inner_text()
    from newsdesk.web.pages import NAV

    nav = tab.page.locator("header.top nav a")
    assert nav.count() == len(NAV) == 8  # the Entities tab came with the list pages (issue 20)
    hrefs = [nav.nth(i).get_attribute("href") for i in range(len(NAV))]
    assert all(str(href).startswith(f"/stories/{chosen.id}") for href in hrefs)
    sources = tab.page.locator("ul.sources li")
    assert sources.count() == len(chosen.documents)
    tab.assert_clean(f"/stories/{chosen.id}")
    for tab_path in TABS[1:]:
        tab.open(f"{mixed_server.url}/stories/{chosen.id}{tab_path}")
        tab.assert_clean(tab_path)
    # A claim's evidence opens the story's reader on exactly its characters.
    tab.open(f"{mixed_server.url}/stories/{chosen.id}/claims")
    link = tab.page.locator("ol.claims li.claim a.evidence-link").first
    doc, start, end = (link.get_attribute(name) for name in ("data-doc", "data-start", "data-end"))
    assert doc in chosen.documents and start is not None and end is not None
    link.click()
    tab.page.wait_for_url(f"**/stories/{chosen.id}/doc/**")
    marked = tab.page.eval_on_selector_all("mark.hl", "marks => marks.map((m) => m.textContent).join('')")
    with open_store(mixed_server.app.state.source.db, read_only=True) as store:
        assert marked == store.texts([doc])[doc][int(start) : int(end)]
    tab.assert_clean("reader")
    # The way back to every story.
    tab.page.get_by_role("link", name="All stories").click()
    tab.page.wait_for_url(mixed_server.url + "/")
    assert tab.page.locator("table.stories tbody tr").count() == 3


def test_the_story_list_pages_on(mixed_client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsdesk.web import pages

    monkeypatch.setattr(pages, "STORIES_PER_PAGE", 2)
    first = parse(mixed_client.get("/").text)
    assert len(first.find(lambda e: e.tag == "tr")) == 1 + 2
    assert "3 stories in 13 articles" in first.text and "Older 2" in first.text
    second = parse(mixed_client.get("/?start=2").text)
    assert len(second.find(lambda e: e.tag == "tr")) == 1 + 1
    assert "Newer 2" in second.text


def test_a_storys_search_finds_its_articles_beyond_the_stores_first_hits(
    mixed_db: Path, mixed_client: TestClient, stories: list[Any]
) -> None:
    # The store's search is asked for the story's articles alone (its ``story`` filter), so hits of
    # other stories ranked first do not crowd them out.
    from newsdesk.store.base import DocumentQuery
    from newsdesk.store.query import fts5_plain

    strike = next(s for s in stories if "strike" in (s.title or "").casefold())
    with open_store(mixed_db, read_only=True) as store:
        texts = store.texts([d.id for d in store.documents(annotations=False)])
        first = store.search_documents(fts5_plain("said"), 0, 1).hits[0]
        assert first.doc not in strike.documents  # the store's best hit is another story's
        (found,) = store.search_documents(fts5_plain("said"), 0, 1, within=DocumentQuery(story=strike.id)).hits
        assert found.doc in strike.documents
    members = set(strike.documents) | set(strike.others)
    wanted = {doc for doc in members if "said" in texts[doc].casefold()}
    assert wanted
    page = mixed_client.get(f"/stories/{strike.id}/search", params={"q": "said", "in": "articles", "size": 200})
    assert page.status_code == 200
    shown = {link.split("/doc/")[1].split("?")[0] for link in _links(page.text) if "/doc/" in link}
    assert shown == wanted


def test_a_storys_pages_link_another_storys_article_to_its_own_pages() -> None:
    # A claim or happening on a story's list page (the store's) may cite an article of another story:
    # its link goes to the whole store's reader, not to this story's (where it is no page).
    from newsdesk.web.pages import templates

    links = templates.env.from_string("{{ evidence_url('d1', 0, 3) }} {{ doc_url('d2') }} {{ doc_url('d1') }}")
    inside = links.render(base="/stories/s1", members={"d1": 1})
    assert inside.split() == ["/stories/s1/doc/d1?hl=0-3#hl", "/doc/d2", "/stories/s1/doc/d1"]
    assert links.render(base="", members=None).split() == ["/doc/d1?hl=0-3#hl", "/doc/d2", "/doc/d1"]
