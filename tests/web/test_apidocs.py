"""The interactive API documentation (/docs, /redoc) comes from the npm build's files served here:
the pages name no other site, the files they load are served, and in Chromium, with every request
to another host refused, Swagger UI lists the operations and ReDoc draws them."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsdesk.web import apidocs
from tests.web.server import Server

PAGES = {"/docs": apidocs.SWAGGER, "/redoc": apidocs.REDOC}
# Addresses of the CDNs documentation pages are usually loaded from (FastAPI's own use jsdelivr).
CDN = re.compile(r"//[a-z0-9.-]*(cdn[a-z0-9-]*\.|jsdelivr\.|unpkg\.|fonts\.googleapis\.|gstatic\.)", re.I)


class _References(HTMLParser):
    """Every address an element of the page loads or links to."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [value for name, value in attrs if name in ("src", "href", "data-openapi") and value]


def _references(html: str) -> list[str]:
    parser = _References()
    parser.feed(html)
    return parser.found


def _local(reference: str) -> bool:
    """A path on this server, or the empty data: icon."""
    return (reference.startswith("/") and not reference.startswith("//")) or reference == "data:,"


def needs_vendor(page: str) -> None:
    if not apidocs._have(PAGES[page]):
        pytest.skip(f"the npm build's files are not in static/vendor/ (make vendor): {page} says so instead")


@pytest.mark.parametrize("page", list(PAGES))
def test_the_page_loads_only_local_files_and_they_are_served(demo_client: TestClient, page: str) -> None:
    needs_vendor(page)
    response = demo_client.get(page)
    assert response.status_code == 200
    assert not CDN.search(response.text)
    references = _references(response.text)
    assert any(r.startswith("/static/vendor/") for r in references)
    for reference in references:
        assert _local(reference), reference
        if reference.startswith("/static/"):
            asset = demo_client.get(reference)
            assert asset.status_code == 200, reference
            assert asset.headers["content-type"].split(";")[0] in ("text/javascript", "text/css"), reference
            assert not CDN.search(asset.text), (reference, CDN.search(asset.text))
    assert demo_client.get("/openapi.json").json()["info"]["title"] == "newsdesk"


def test_swagger_runs_under_the_uis_policy_and_redoc_without_inline_script(demo_client: TestClient) -> None:
    assert demo_client.get("/docs").headers["content-security-policy"] == apidocs.CONTENT_SECURITY_POLICY
    redoc = demo_client.get("/redoc").headers["content-security-policy"]
    assert "script-src 'self';" in redoc and "style-src 'self' 'unsafe-inline'" in redoc
    for page in PAGES:
        assert "<script>" not in demo_client.get(page).text  # every script is a file of ours or the build's


@pytest.mark.parametrize("page", list(PAGES))
def test_without_the_npm_build_the_page_says_how_to_get_it(
    demo_client: TestClient, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    monkeypatch.setattr(apidocs, "_have", lambda names: False)
    response = demo_client.get(page)
    assert response.status_code == 200
    assert "make vendor" in response.text and 'href="/openapi.json"' in response.text
    assert all(_local(r) for r in _references(response.text))


def _offline_tab(browser: Any, server: Server) -> tuple[Any, Any, list[str], list[str]]:
    """A tab that refuses every request to another host, noting the addresses and the errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    page = context.new_page()
    elsewhere: list[str] = []
    problems: list[str] = []

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if url.startswith(server.url + "/") or url.startswith("data:"):
            request_route.continue_()
        else:
            elsewhere.append(url)
            request_route.abort()

    page.route("**/*", route)
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
    return context, page, elsewhere, problems


def test_swagger_lists_the_operations_offline(browser: Any, seed_server: Server) -> None:
    needs_vendor("/docs")
    context, page, elsewhere, problems = _offline_tab(browser, seed_server)
    try:
        page.goto(seed_server.url + "/docs", wait_until="load")
        page.wait_for_selector(".opblock-summary-path")
        paths = set(page.locator(".opblock-summary-path").all_inner_texts())
        assert {"/api/documents", "/api/claims", "/api/downloads/tables.zip"} <= {p.strip() for p in paths}
        page.locator(".opblock-summary-path", has_text="/api/claims/{claim_id}").first.click()
        page.wait_for_selector(".opblock-body")
        assert elsewhere == [] and problems == []
    finally:
        context.close()


def test_redoc_draws_the_operations_offline(browser: Any, seed_server: Server) -> None:
    needs_vendor("/redoc")
    context, page, elsewhere, problems = _offline_tab(browser, seed_server)
    try:
        page.goto(seed_server.url + "/redoc", wait_until="load")
        page.wait_for_selector("h2:has-text('List Documents')")
        assert page.locator("[data-section-id^='tag/']").count() >= 5
        assert elsewhere == [] and problems == []
    finally:
        context.close()
