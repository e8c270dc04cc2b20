"""The correction buttons: shown only on a server that takes writes, never carrying the token,
and working in Chromium (Playwright against a live uvicorn): split a claim on its page, merge
and "not the same" from the claims list, merge and split an entity, a wrong token refused; each
time the story is recomputed and the page says where the correction stands."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsdesk.server import create_app
from tests.api.conftest import TOKEN, copy_db
from tests.web.parse import parse
from tests.web.server import Server, serve
from tests.web.test_browser import WATCH_POLICY, Tab


def keys(claim: dict[str, Any]) -> set[str]:
    return {f"{s['doc']}:{s['start']}" for s in claim["statements"]}


@pytest.fixture
def write_db(demo_db: Path, tmp_path: Path) -> Path:
    return copy_db(demo_db, tmp_path / "story.db")


def test_forms_only_on_a_server_that_takes_writes(demo_client: TestClient, write_db: Path) -> None:
    story = demo_client.app.state.source.current()  # type: ignore[attr-defined]
    claim = next(iter(story.claims))
    entity = next(iter(story.entities))
    urls = ["/claims", f"/claim/{claim}", f"/entity/{entity}"]
    for url in urls:
        page = demo_client.get(url).text
        assert 'class="correction' not in page, url
        assert "corrections.js" not in page and 'type="password"' not in page, url
    writable = TestClient(create_app(write_db, write=True, token=TOKEN), base_url="http://localhost")
    for url in urls:
        response = writable.get(url)
        parsed = parse(response.text)
        assert parsed.errors == [], (url, parsed.errors[:3])
        assert 'class="correction"' in response.text and "/static/corrections.js" in response.text, url
        assert TOKEN not in response.text, "the token is never put in the page"
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    assert writable.get("/claim/cnosuchclaim").status_code == 404


@pytest.fixture
def write_server(browser: Any, write_db: Path) -> Iterator[Server]:
    with serve(write_db, write=True, token=TOKEN) as server:
        yield server


@pytest.fixture
def tab(browser: Any) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    page = context.new_page()
    tab = Tab(page)
    page.add_init_script(WATCH_POLICY)
    page.on("console", lambda message: tab.problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: tab.problems.append(f"uncaught: {error}"))
    yield tab
    context.close()


def sign(form: Any, token: str = TOKEN) -> None:
    form.locator("input[name=who]").fill("Ana Reyes")
    form.locator("input[name=why]").fill("read side by side")
    form.locator("input[name=token]").fill(token)


def answer(form: Any) -> str:
    result = form.locator("p.correction-result.done, p.correction-result.error")
    result.wait_for()
    return str(result.text_content())


def test_split_a_claim_on_its_page(write_server: Server, tab: Tab) -> None:
    source = write_server.app.state.source
    claims = source.current().sections.claims
    target = max(claims, key=lambda c: (len(c["statements"]), c["id"]))
    tab.open(f"{write_server.url}/claim/{target['id']}")
    form = tab.page.locator("form#claim-split")
    boxes = form.locator("input[name=statement]")
    assert boxes.count() == len(target["statements"])
    moved = boxes.first.get_attribute("value")
    boxes.first.check()
    sign(form, "wrong-token-wrong-token")
    form.locator("button[type=submit]").click()
    assert "Not saved (401)" in answer(form)
    assert source.current().sections.corrections == []
    # The browser logs the refused request itself; that one is expected.
    assert tab.problems == ["Failed to load resource: the server responded with a status of 401 (Unauthorized)"]
    tab.problems.clear()
    sign(form)
    form.locator("button[type=submit]").click()
    said = answer(form)
    assert "in effect" in said, said
    now = source.current().sections
    holder = next(c for c in now.claims if moved in keys(c))
    assert not keys(holder) & (keys(target) - {moved})
    (record,) = now.corrections
    assert record["who"] == "Ana Reyes" and record["why"] == "read side by side" and record["action"] == "claims-split"
    # The answer links to the claims that now hold the statements; they open.
    links = form.locator("p.correction-result a")
    assert links.count() == 2
    links.first.click()
    tab.page.wait_for_url("**/claim/**")
    assert tab.page.locator("h1").count() == 1 and "Corrections" in tab.page.content()
    # Withdraw it from there: the claim is whole again.
    form = tab.page.locator("form#withdraw")
    assert form.locator("select[name=correction] option").count() == 1
    sign(form)
    form.locator("button[type=submit]").click()
    assert "withdrawn" in answer(form)
    now = source.current().sections
    assert keys(next(c for c in now.claims if moved in keys(c))) == keys(target)
    assert now.corrections[0]["withdrawn"]["who"] == "Ana Reyes"
    tab.assert_clean("/claim")


def test_merge_and_not_the_same_from_the_claims_list(write_server: Server, tab: Tab) -> None:
    source = write_server.app.state.source
    claims = source.current().sections.claims
    single = [c for c in claims if len(c["documents"]) == 1]
    first = single[0]
    second = next(c for c in single if c["documents"] != first["documents"])
    tab.open(f"{write_server.url}/claims")
    form = tab.page.locator("form#claims-correct")
    for claim in (first, second):
        tab.page.locator(f"input[name=claim][value='{claim['id']}']").check()
    sign(form)
    form.locator("button[value=claims-merge]").click()
    assert "in effect" in answer(form)
    now = source.current().sections.claims
    assert any(keys(c) >= keys(first) | keys(second) for c in now)
    # "Not the same" on two other claims, from a fresh page.
    shared = [c for c in now if len(c["documents"]) >= 2][:2]
    tab.open(f"{write_server.url}/claims")
    form = tab.page.locator("form#claims-correct")
    for claim in shared:
        tab.page.locator(f"input[name=claim][value='{claim['id']}']").check()
    sign(form)
    form.locator("button[value=claims-distinct]").click()
    assert "in effect" in answer(form)
    actions = [r["action"] for r in source.current().sections.corrections]
    assert actions == ["claims-merge", "claims-distinct"]
    # The claims an analyst grouped say so.
    tab.open(f"{write_server.url}/claims")
    merged = next(c for c in source.current().sections.claims if keys(c) >= keys(first) | keys(second))
    assert tab.page.locator(f"li#{merged['id']} a.badge.corrected").count() == 1
    tab.assert_clean("/claims")


def test_merge_and_split_an_entity_on_its_page(write_server: Server, tab: Tab) -> None:
    source = write_server.app.state.source
    entities = source.current().sections.entities
    places = [e for e in entities if e["type"] == "GPE"]
    tab.open(f"{write_server.url}/entity/{places[0]['id']}")
    form = tab.page.locator("form#entity-merge")
    form.locator("input[name=others]").fill(places[1]["id"])
    sign(form)
    form.locator("button[type=submit]").click()
    assert "in effect" in answer(form)
    merged = [
        e for e in source.current().sections.entities if {places[0]["name"], places[1]["name"]} <= set(e["aliases"])
    ]
    assert len(merged) == 1
    tab.open(f"{write_server.url}/entity/{merged[0]['id']}")
    form = tab.page.locator("form#entity-split")
    box = form.locator("input[name=mention]").first
    moved = set(str(box.get_attribute("value")).split())
    box.check()
    sign(form)
    form.locator("button[type=submit]").click()
    assert "in effect" in answer(form)
    alone = [
        e for e in source.current().sections.entities if {f"{m['doc']}:{m['start']}" for m in e["mentions"]} == moved
    ]
    assert len(alone) == 1
    tab.assert_clean("/entity")
