"""Article text is untrusted: hostile articles (tests/web/xss/) come out as text, never markup;
every response carries the security headers; request parameters never reach the filesystem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsdesk.server import create_app
from newsdesk.store import open_store
from newsdesk.web.security import CONTENT_SECURITY_POLICY
from tests.web.parse import Parsed, parse
from tests.web.test_pages import PAGES, every_url, story

LOCAL = "http://localhost"  # the app answers loopback hosts only

HOSTILE_TAGS = {"img", "svg", "iframe", "object", "embed", "frame", "base", "form"}
# The pages' own forms: search, and the list pages' filters (each sent to its own page).
OUR_FORMS = {"/search", "/articles", "/voices", "/claims", "/timeline", "/entities"}


def assert_inert(url: str, parsed: Parsed) -> None:
    assert parsed.errors == [], (url, parsed.errors[:3])
    for element in parsed.elements:
        assert element.tag not in HOSTILE_TAGS or (
            element.tag == "form" and element.attrs.get("action") in OUR_FORMS
        ), (
            url,
            element,
        )
        if element.tag == "script":
            assert (element.attrs.get("src") or "").startswith("/static/") or element.attrs.get(
                "type"
            ) == "application/json", (url, element)
        for name, value in element.attrs.items():
            assert not name.startswith("on"), (url, element)
            if name in {"href", "src", "action"}:
                assert not (value or "").strip().lower().startswith(("javascript:", "data:text")), (url, element)


def test_hostile_articles_render_as_text_on_every_page(xss_client: TestClient) -> None:
    urls = [*every_url(xss_client), "/search?q=script", "/search?q=pwned", "/search?q=Karsmere"]
    for url in urls:
        response = xss_client.get(url)
        assert response.status_code == 200, url
        parsed = parse(response.text)
        assert_inert(url, parsed)
        for element in parsed.find(lambda e: e.tag == "script" and e.attrs.get("type") == "application/json"):
            block = parsed.text_of(element)
            assert "<" not in block and ">" not in block, url
            json.loads(block)


def test_the_hostile_text_shows_literally_in_the_reader(xss_client: TestClient) -> None:
    current = story(xss_client)
    for doc, document in current.documents.items():
        parsed = parse(xss_client.get(f"/doc/{doc}").text)
        assert document["text"] in parsed.text  # every character, tags and entities included
    shown = "".join(parse(xss_client.get(f"/doc/{doc}").text).text for doc in current.documents)
    for literal in ("<script>window.__pwned", "<img src=x onerror=", "javascript:alert(", "&lt;script&gt;", "&#60;svg"):
        assert literal in shown


def test_hostile_titles_and_outlets_stay_text_in_attributes(xss_client: TestClient) -> None:
    parsed = parse(xss_client.get("/claims").text)
    titles = [e.attrs.get("title") or "" for e in parsed.elements]
    assert any("<img src=x onerror=" in title for title in titles)  # the outlet name, as an attribute's text


@pytest.mark.parametrize(
    "url", [*PAGES, "/doc/unknown", "/search?q=%22", "/static/newsdesk.css", "/static/timeline.js"]
)
def test_every_response_carries_the_security_headers(seed_client: TestClient, url: str) -> None:
    response = seed_client.get(url)
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY and "unsafe" not in CONTENT_SECURITY_POLICY


def test_pages_have_no_inline_script_or_style(seed_client: TestClient) -> None:
    for url in every_url(seed_client):
        parsed = parse(seed_client.get(url).text)
        for element in parsed.elements:
            assert "style" not in element.attrs, (url, element)
            assert element.tag != "style", url
            if element.tag == "script" and "src" not in element.attrs:
                assert element.attrs.get("type") == "application/json", (url, element)


def test_the_app_factory_installs_the_headers(tmp_path: Path) -> None:
    open_store(tmp_path / "empty.db").close()
    response = TestClient(create_app(tmp_path / "empty.db"), base_url=LOCAL).get("/")
    assert response.headers.get("content-security-policy") == CONTENT_SECURITY_POLICY, (
        "create_app must call newsdesk.web.security.install(app)"
    )


def test_every_page_answers_on_an_empty_database(tmp_path: Path) -> None:
    open_store(tmp_path / "empty.db").close()
    client = TestClient(create_app(tmp_path / "empty.db"), base_url=LOCAL)
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        assert parse(response.text).errors == [], url


def test_static_files_stay_inside_the_static_folder(seed_client: TestClient) -> None:
    for url in (
        "/static/../pages.py",
        "/static/%2e%2e/pages.py",
        "/static/..%2f..%2fpyproject.toml",
        "/static//etc/passwd",
    ):
        response = seed_client.get(url)
        assert response.status_code == 404, url
