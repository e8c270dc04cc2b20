"""Every page answers on the seed and the demo story, links only to evidence that exists, and the
reader marks exactly the characters a link names."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from newsdesk.store import open_store
from newsdesk.store.base import ClaimQuery, DocumentQuery, EntityQuery
from newsdesk.web import entity as entity_pages
from newsdesk.web import pages
from newsdesk.web.view import StoryView
from tests.web.parse import parse, with_class

PAGES = (
    "/",
    "/timeline",
    "/network",
    "/voices",
    "/claims",
    "/claims?shared=true",
    "/coverage",
    "/articles",
    "/entities",
    "/search",
    "/search?q=said",
)
EVIDENCE = re.compile(r"^/doc/([^/?#]+)\?hl=(\d+)-(\d+)#hl$")


def story(client: TestClient) -> Any:
    return client.app.state.source.current()  # type: ignore[attr-defined]


def every_url(client: TestClient) -> list[str]:
    known = story(client)
    # Every article, and the entities most mentioned (an entity page per entity would be slow).
    entities = sorted(known.entities.values(), key=lambda e: -len(e["mentions"]))[:15]
    claims = list(known.claims)[:15]
    return [
        *PAGES,
        *(f"/doc/{doc}" for doc in known.documents),
        *(f"/entity/{e['id']}" for e in entities),
        *(f"/claim/{claim}" for claim in claims),
    ]


@pytest.fixture(params=["seed", "demo"])
def client(request: pytest.FixtureRequest) -> TestClient:
    fixture: TestClient = request.getfixturevalue(f"{request.param}_client")
    return fixture


def test_every_page_answers_with_well_formed_html(client: TestClient) -> None:
    for url in every_url(client):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["content-type"].startswith("text/html"), url
        parsed = parse(response.text)
        assert parsed.errors == [], (url, parsed.errors[:3])
        assert parsed.find(lambda e: e.tag == "nav"), url
        assert StoryView.of(story(client)).title in parsed.text, url


def test_every_evidence_link_names_characters_of_a_stored_article(client: TestClient) -> None:
    documents = story(client).documents
    links = 0
    for url in every_url(client):
        for element in parse(client.get(url).text).find(lambda e: e.tag == "a"):
            found = EVIDENCE.match(element.attrs.get("href") or "")
            if found is None:
                continue
            doc, start, end = found[1], int(found[2]), int(found[3])
            assert doc in documents, (url, doc)
            assert 0 <= start < end <= len(documents[doc]["text"]), (url, doc, start, end)
            links += 1
    assert links > 50


def test_the_reader_marks_exactly_each_claims_evidence(client: TestClient) -> None:
    current = story(client)
    for claim in current.export["claims"][:25]:
        for evidence in claim["evidence"][:2]:
            doc, start, end = evidence["doc"], evidence["start"], evidence["end"]
            response = client.get(f"/doc/{doc}?hl={start}-{end}")
            parsed = parse(response.text)
            marked = parsed.text_in(lambda e: e.tag == "mark" and "hl" in e.classes)
            assert marked == current.documents[doc]["text"][start:end]
            assert len(parsed.find(lambda e: e.attrs.get("id") == "hl")) == 1


def test_the_reader_shows_the_whole_text_and_the_removed_junk_with_its_reason(client: TestClient) -> None:
    current = story(client)
    for doc, document in current.documents.items():
        parsed = parse(client.get(f"/doc/{doc}").text)
        text_box = parsed.find(lambda e: "doc-text" in e.classes)[0]
        assert parsed.text_of(text_box) == document["text"]
        removed = parsed.find(lambda e: "removed" in e.classes and bool(e.attrs.get("data-label")))
        assert [e.attrs["data-label"] for e in removed] == [r["reason"] for r in document["removed"]]


def test_a_range_outside_the_article_marks_nothing_and_says_so(seed_client: TestClient) -> None:
    doc = next(iter(story(seed_client).documents))
    for asked in ("5-2", "0-99999999", "abc", "1-2-3", "-1-4"):
        response = seed_client.get(f"/doc/{doc}", params={"hl": asked})
        assert response.status_code == 200
        assert 'id="hl"' not in response.text
        assert "nothing is marked" in response.text


def test_an_unknown_article_is_a_404_page(seed_client: TestClient) -> None:
    for doc in ("d000000000000000", "%2e%2e", "%2e%2e%2fetc%2fpasswd", "<script>alert(1)</script>"):
        response = seed_client.get(f"/doc/{doc}")
        assert response.status_code == 404
        if response.headers["content-type"].startswith("text/html"):
            assert "<script>alert" not in response.text
            assert "Not found" in response.text


def test_search_finds_and_marks_the_matching_words(demo_client: TestClient) -> None:
    response = demo_client.get("/search", params={"q": "dam"})
    assert response.status_code == 200
    parsed = parse(response.text)
    hits = parsed.find(lambda e: e.tag == "ol" and "hits" in e.classes)
    assert hits, "no results list"
    assert parsed.text_in(lambda e: e.tag == "mark").lower().count("dam") >= 1


@pytest.mark.parametrize("query", ['"unbalanced', "NEAR(", "AND", "x" * 600, "title:"])
def test_a_malformed_query_is_a_readable_400(seed_client: TestClient, query: str) -> None:
    if len(query) < 600:
        assert seed_client.get("/search", params={"q": query}).status_code == 200  # plain words: no error
    response = seed_client.get("/search", params={"q": query, "advanced": "true"})
    assert response.status_code == 400
    parsed = parse(response.text)
    assert parsed.find(lambda e: "error" in e.classes)
    assert "Traceback" not in response.text


def test_without_the_npm_build_the_charts_give_way_to_their_tables(
    seed_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "vendor_files", lambda view: [])
    for url, table in (("/timeline", "timeline"), ("/network", "network")):
        parsed = parse(seed_client.get(url).text)
        assert not parsed.find(lambda e: e.tag == "script"), url
        assert parsed.find(with_class("table", table)), url
        assert "make vendor" in parsed.text


def test_pages_answer_head_requests(seed_client: TestClient) -> None:
    for url in ("/", "/claims", "/search?q=said"):
        assert seed_client.head(url).status_code == 200, url


def test_the_network_chart_points_from_the_actor_to_whom_it_acts_on(seed_client: TestClient) -> None:
    """The seed story's capture is drawn from the United States to Maduro, an arrow; an alliance
    has no arrow (read off the seed articles by hand)."""
    page = seed_client.get("/network").text
    start = page.index('id="network-data"')
    data = json.loads(page[page.index(">", start) + 1 : page.index("</script>", start)])
    names = {node["id"]: node["label"] for node in data["nodes"]}
    told = {(names[e["from"]], names[e["to"]], e["arrow"]) for e in data["edges"]}
    assert ("United States", "Nicolás Maduro", True) in told
    assert not any(first == "Nicolás Maduro" and second == "United States" for first, second, _ in told)
    assert any(not e["arrow"] and "alliance" in e["title"] for e in data["edges"])


def test_big_stories_come_in_pages_and_a_bounded_matrix(seed_client: TestClient) -> None:
    """The claims page shows a page of claims with a link to the next; the coverage matrix keeps the
    best corroborated claims and the articles that carry most of them."""
    from newsdesk.web.sections import coverage_matrix, ranked_claims

    page = seed_client.get("/claims", params={"size": 20}).text
    items = parse(page).find(with_class("li", "claim"))
    assert len(items) == 20 and 'href="/claims?size=20&amp;offset=20"' in page
    second = seed_client.get("/claims", params={"offset": 20, "size": 20}).text
    assert f'id="{items[0].attrs["id"]}"' not in second and 'href="/claims?size=20"' in second
    assert seed_client.get("/claims", params={"offset": -1}).status_code == 200  # read as the first page
    view = StoryView.of(story(seed_client))
    rows, columns = coverage_matrix(view, most_claims=3, most_articles=2)
    assert [row.claim["id"] for row in rows] == [c["id"] for c in ranked_claims(view, shared_only=True)[:3]]
    assert len(columns) == 2 and all(len(row.cells) == 2 for row in rows)
    carried = {doc: sum(1 for row in rows if doc in row.claim["documents"]) for doc in view.article}
    assert min(carried[doc] for doc in columns) >= max(carried[doc] for doc in view.article if doc not in columns)


def test_an_entity_page_gathers_what_the_story_says_of_it(seed_client: TestClient) -> None:
    """Maduro (read off the seeds): captured by the United States, described, named in claims."""
    known = story(seed_client)
    maduro = next(e for e in known.entities.values() if e["name"] == "Nicolás Maduro")
    page = seed_client.get(f"/entity/{maduro['id']}")
    assert page.status_code == 200
    parsed = parse(page.text)
    assert parsed.errors == []
    assert "toppled or captured →" in page.text and "United States" in page.text
    claims = parsed.find(with_class("li", "claim"))
    naming = sum(1 for c in known.claims.values() if any(maduro["id"] in s["actors"] for s in c["statements"]))
    assert len(claims) == min(naming, entity_pages.CLAIMS_SHOWN)
    assert f"Claims naming Nicolás Maduro ({naming})" in page.text
    if naming > entity_pages.CLAIMS_SHOWN:  # the rest on the claims list, filtered to the entity
        assert f"/claims?entity={maduro['id']}&amp;sort=sources" in page.text
    assert seed_client.get("/entity/no-such-entity").status_code == 404
    assert seed_client.get("/voices").text.count("/entity/") > 5


def test_an_entity_pages_its_mentions_by_key_each_once(seed_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The most mentioned entity's mentions, 7 a page: "Next mentions" pages through all of them,
    each once, with the stored counts on every page; the page never builds the whole story."""
    from newsdesk.server import create_app
    from tests.web.conftest import LOCAL

    monkeypatch.setattr(entity_pages, "MENTIONS_PER_PAGE", 7)
    monkeypatch.setattr(entity_pages, "MENTIONS_PER_ARTICLE", 1000)
    client = TestClient(create_app(seed_db), base_url=LOCAL)
    with open_store(seed_db, read_only=True) as store:
        most = max(store.entities(), key=lambda e: len(e.mentions))
    assert len(most.mentions) > 14, "the seed's most mentioned entity should span three pages"
    articles = len({m.doc for m in most.mentions})
    seen: list[tuple[str, int, int]] = []
    url: str | None = f"/entity/{most.id}"
    pages_read = 0
    while url is not None:
        response = client.get(url)
        assert response.status_code == 200
        assert f"{len(most.mentions)} mentions in {articles} articles" in response.text
        listed = response.text.split('<ul class="mentions">', 1)[1].split("</ul>", 1)[0]
        found = [(m[0], int(m[1]), int(m[2])) for m in EVIDENCE_IN.findall(listed)]
        assert 0 < len(found) <= 7
        seen += found
        following = NEXT.search(response.text)
        url = following[1].replace("&amp;", "&") if following else None
        pages_read += 1
    assert pages_read == -(-len(most.mentions) // 7)
    assert sorted(seen) == sorted((m.doc, m.span.start, m.span.end) for m in most.mentions)
    assert len(set(seen)) == len(seen)
    assert client.app.state.source._story is None  # type: ignore[attr-defined]
    # A malformed key starts again at the first page, not an error.
    assert client.get(f"/entity/{most.id}", params={"after": "nonsense"}).status_code == 200


def test_the_whole_store_pages_never_build_the_whole_story(seed_db: Path) -> None:
    """Coverage, network, reader, claim and entity pages read the store (issue 17's flat memory):
    the whole-story snapshot is never built behind them, and each answers as a page."""
    from newsdesk.server import create_app
    from tests.web.conftest import LOCAL

    client = TestClient(create_app(seed_db), base_url=LOCAL)
    with open_store(seed_db, read_only=True) as store:
        doc = store.document_page(DocumentQuery(), 0, 1).items[0]
        claim = store.claim_page(ClaimQuery(), 0, 1).items[0].id
        entity = store.entity_summaries(EntityQuery(), 0, 1).items[0].id
    for url in ("/coverage", "/network", f"/doc/{doc}", f"/claim/{claim}", f"/entity/{entity}", "/coverage"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert parse(response.text).errors == [], url
    assert client.get("/claim/no-such-claim").status_code == 404
    assert client.app.state.source._story is None  # type: ignore[attr-defined]


EVIDENCE_IN = re.compile(r'href="/doc/([^/?#"]+)\?hl=(\d+)-(\d+)#hl"')
NEXT = re.compile(r'<a rel="next" href="([^"]+)">Next mentions</a>')


def test_a_story_without_typed_ties_says_so_instead_of_an_empty_chart(tmp_path: Path) -> None:
    from newsdesk.cli import main as cli
    from newsdesk.server import create_app
    from tests.web.conftest import LOCAL

    (tmp_path / "calm.txt").write_text(
        "Harbour reopens\n\nThe harbour of Brennport reopened on Monday after the dredging, the port authority said.\n",
        encoding="utf-8",
    )
    db = tmp_path / "calm.db"
    assert CliRunner().invoke(cli, ["ingest", "-q", "--db", str(db), str(tmp_path / "calm.txt")]).exit_code == 0
    page = TestClient(create_app(str(db)), base_url=LOCAL).get("/network").text
    assert "No typed ties between actors were found" in page
    assert 'id="network-view"' not in page and "0 actors tied by 0" not in page


# A TimeML value a reader should never see as text: a part of a day, a season or a week number
# (issue 20: "10 March 2026, evening", not "2026-03-10TEV"); the value stays in a tooltip.
_TIMEML = re.compile(r"\b\d{4}(?:-\d{2}(?:-\d{2})?)?T(?:MO|AF|EV|NI|DT)\b|\b\d{4}-(?:SP|SU|FA|WI)\b|\b\d{4}-W\d{2}\b")


def test_no_page_shows_a_raw_timeml_value(client: TestClient) -> None:
    for url in [*every_url(client), "/network"]:
        page = re.sub(r"<script\b.*?</script>", "", client.get(url).text, flags=re.S)  # a chart's data and tooltips
        shown = parse(page).text
        assert not _TIMEML.search(shown), (url, _TIMEML.search(shown))
