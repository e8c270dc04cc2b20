"""The UI in Chromium (Playwright driving Debian's /usr/bin/chromium against a live uvicorn): pages
load without errors or policy violations, a claim's evidence link opens the reader on exactly its
characters, the timeline and network scripts draw, and hostile articles run nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from newsdesk.web.pages import vendor_files
from tests.web.server import Server
from tests.web.test_pages import PAGES

# Records what the page's Content-Security-Policy refused, before any of the page's own code runs.
WATCH_POLICY = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


@dataclass
class Tab:
    page: Any  # playwright.sync_api.Page
    problems: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def open(self, url: str) -> None:
        response = self.page.goto(url, wait_until="load")
        assert response is not None and response.status == 200, url

    def violations(self) -> list[str]:
        return list(self.page.evaluate("window.__violations || []"))

    def assert_clean(self, url: str) -> None:
        assert self.problems == [], (url, self.problems)
        assert self.violations() == [], url
        assert self.dialogs == [], url


@pytest.fixture
def tab(browser: Any) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    tab = Tab(page)
    page.add_init_script(WATCH_POLICY)
    page.on("console", lambda message: tab.problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: tab.problems.append(f"uncaught: {error}"))

    def on_dialog(dialog: Any) -> None:
        tab.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield tab
    context.close()


def needs_vendor(view: str) -> None:
    if not vendor_files(view):
        pytest.skip(f"the npm build's files are not in static/vendor/ (make vendor): the {view} chart is not drawn")


def test_every_page_loads_without_errors(seed_server: Server, tab: Tab) -> None:
    story = seed_server.app.state.source.current()
    for url in [*PAGES, *(f"/doc/{doc}" for doc in list(story.documents)[:2])]:
        tab.open(seed_server.url + url)
        tab.assert_clean(url)
        assert tab.page.locator("header.top nav a").count() == 8


def test_a_claims_evidence_link_opens_the_reader_on_exactly_its_text(seed_server: Server, tab: Tab) -> None:
    story = seed_server.app.state.source.current()
    for number in range(3):
        tab.open(seed_server.url + "/claims")
        link = tab.page.locator("ol.claims li.claim").nth(number).locator("a.evidence-link").first
        doc, start, end = (link.get_attribute(name) for name in ("data-doc", "data-start", "data-end"))
        assert doc is not None and start is not None and end is not None
        link.click()
        tab.page.wait_for_url("**/doc/**")
        marked = tab.page.eval_on_selector_all("mark.hl", "marks => marks.map((m) => m.textContent).join('')")
        assert marked == story.documents[doc]["text"][int(start) : int(end)]
        assert tab.page.evaluate("location.hash") == "#hl"
        box = tab.page.locator("#hl").bounding_box()
        assert box is not None and 0 <= box["y"] < 900, "the marked evidence is scrolled into view"
        tab.assert_clean(f"/doc/{doc}")


def test_the_timeline_chart_draws_and_opens_evidence(seed_server: Server, tab: Tab) -> None:
    needs_vendor("timeline")
    tab.open(seed_server.url + "/timeline")
    tab.page.wait_for_selector("#timeline-view[data-drawn]")
    assert tab.page.locator("#timeline-view .vis-item").count() > 0
    assert tab.page.locator("#timeline-view .vis-item").first.is_visible()
    tab.page.click("#timeline-all")
    tab.page.locator("#timeline-view .vis-item.vis-point").first.click()
    tab.page.wait_for_url("**/doc/**")
    assert tab.page.locator("mark.hl").count() > 0
    tab.assert_clean("/timeline")


def test_the_network_chart_draws(seed_server: Server, tab: Tab) -> None:
    needs_vendor("network")
    tab.open(seed_server.url + "/network")
    tab.page.wait_for_selector("#network-view[data-drawn]")
    painted = tab.page.eval_on_selector(
        "#network-view canvas",
        """canvas => {
          const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
          let painted = 0;
          for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
          return painted;
        }""",
    )
    assert painted > 1000
    tab.assert_clean("/network")


def sweep_the_mouse_over(page: Any, selector: str) -> None:
    box = page.locator(selector).bounding_box()
    assert box is not None
    for row in range(1, 8):
        for column in range(1, 12):
            page.mouse.move(box["x"] + box["width"] * column / 12, box["y"] + box["height"] * row / 8)


def test_hostile_articles_run_nothing_and_show_literally(xss_server: Server, tab: Tab) -> None:
    story = xss_server.app.state.source.current()
    urls = [*PAGES, "/search?q=script", *(f"/doc/{doc}" for doc in story.documents)]
    for url in urls:
        tab.open(xss_server.url + url)
        if url == "/network" and vendor_files("network") and tab.page.locator("#network-view").count():
            # A story without typed ties says so in words, with no chart to draw.
            tab.page.wait_for_selector("#network-view[data-drawn]")
            sweep_the_mouse_over(tab.page, "#network-view")  # the chart's tooltips hold article text
        tab.page.wait_for_timeout(50)  # let any timer or image error fire
        tab.assert_clean(url)
        assert tab.page.evaluate("typeof window.__pwned") == "undefined", url
        assert tab.page.locator("main img, main svg, main iframe").count() == 0, url
    shown = ""
    for doc in story.documents:
        tab.open(f"{xss_server.url}/doc/{doc}")
        shown += tab.page.eval_on_selector(".doc-text", "box => box.textContent")
    for literal in (
        '<script>window.__pwned = "quote"',
        "<img src=x onerror=",
        '<a href="javascript:',
        "&lt;script&gt;",
    ):
        assert literal in shown
