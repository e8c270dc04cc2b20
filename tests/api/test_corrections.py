"""Corrections over HTTP: refused without --write (403) or the token (401); unknown ids are 404,
bad input 422; a correction made is stored, the story recomputed before the answer, and listed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsdesk.server import create_app
from tests.api.conftest import LOCAL, TOKEN, all_items, copy_db

AUTH = {"Authorization": f"Bearer {TOKEN}"}
SIGNED = {"who": "Ana Reyes", "why": "read both"}


@pytest.fixture
def writable(demo_db: Path, tmp_path: Path) -> TestClient:
    return TestClient(create_app(copy_db(demo_db, tmp_path / "story.db"), write=True, token=TOKEN), base_url=LOCAL)


def keys(claim: dict[str, Any]) -> set[str]:
    return {f"{s['doc']}:{s['start']}" for s in claim["statements"]}


def test_read_only_server_refuses_corrections(demo: TestClient) -> None:
    claims = demo.get("/api/claims").json()["items"]
    response = demo.post(
        "/api/claims/merge", json={"claims": [claims[0]["id"], claims[1]["id"]], **SIGNED}, headers=AUTH
    )
    assert response.status_code == 403 and "read-only" in response.json()["detail"]
    assert demo.get("/api/corrections").json() == {"items": [], "total": 0, "offset": 0, "limit": 50}


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong-token-wrong-token"}, {"Authorization": TOKEN}])
@pytest.mark.parametrize(
    "path",
    [
        "/api/claims/merge",
        "/api/claims/distinct",
        "/api/claims/x/split",
        "/api/entities/merge",
        "/api/entities/x/split",
    ],
)
def test_corrections_need_the_token(writable: TestClient, headers: dict[str, str], path: str) -> None:
    response = writable.post(path, json={"claims": ["a", "b"], **SIGNED}, headers=headers)
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert writable.get("/api/corrections").json()["total"] == 0


def test_unknown_ids_are_404_and_bad_input_422(writable: TestClient) -> None:
    claims = writable.get("/api/claims").json()["items"]
    entity = writable.get("/api/entities").json()["items"][0]
    first, second = claims[0], claims[1]
    for path, body in (
        ("/api/claims/merge", {"claims": [first["id"], "cnosuch"]}),
        ("/api/claims/distinct", {"claims": ["cnosuch", second["id"]]}),
        ("/api/claims/cnosuch/split", {"statements": ["d1:0"]}),
        ("/api/entities/merge", {"entities": [entity["id"], "enosuch"]}),
        ("/api/entities/enosuch/split", {"mentions": ["d1:0"]}),
    ):
        response = writable.post(path, json={**body, **SIGNED}, headers=AUTH)
        assert response.status_code == 404, (path, response.text)
        assert "nosuch" in response.json()["detail"]
    stranger = next(iter(keys(second)))
    for path, body in (
        ("/api/claims/merge", {"claims": [first["id"]], **SIGNED}),
        ("/api/claims/merge", {"claims": [first["id"], second["id"]], "who": "Ana"}),
        ("/api/claims/merge", {"claims": [first["id"], second["id"]], "who": "Ana", "why": "   "}),
        ("/api/claims/distinct", {"claims": [first["id"], second["id"], claims[2]["id"]], **SIGNED}),
        (f"/api/claims/{first['id']}/split", {"statements": [stranger], **SIGNED}),
        (f"/api/claims/{first['id']}/split", {"statements": sorted(keys(first)), **SIGNED}),
        (f"/api/claims/{first['id']}/split", {"statements": ["not-a-key"], **SIGNED}),
        (f"/api/entities/{entity['id']}/split", {"mentions": [], **SIGNED}),
    ):
        response = writable.post(path, json=body, headers=AUTH)
        assert response.status_code == 422, (path, body, response.text)
        assert isinstance(response.json()["detail"], str)
    broken = writable.post("/api/claims/merge", content=b"{not json", headers=AUTH)
    assert broken.status_code == 422
    assert writable.get("/api/corrections").json()["total"] == 0


def test_a_split_shows_at_once_and_is_listed(writable: TestClient) -> None:
    claims = all_items(writable, "/api/claims")
    target = max(claims, key=lambda c: (len(c["statements"]), c["id"]))
    moved = sorted(keys(target))[0]
    response = writable.post(f"/api/claims/{target['id']}/split", json={"statements": [moved], **SIGNED}, headers=AUTH)
    assert response.status_code == 201, response.text
    record = response.json()
    assert record["action"] == "claims-split" and record["status"] == "in effect" and record["who"] == "Ana Reyes"
    assert record["targets"] == [target["id"]] and len(record["now"]) == 2
    after = all_items(writable, "/api/claims")
    assert writable.get(f"/api/claims/{target['id']}").status_code == 404, "the claim changed, so did its id"
    holder = next(c for c in after if moved in keys(c))
    assert not keys(holder) & (keys(target) - {moved})
    assert {c["id"] for c in after if keys(c) & keys(target)} == set(record["now"])
    listed = writable.get("/api/corrections").json()
    assert listed["total"] == 1 and listed["items"][0] == record
    assert writable.get("/api/corrections", params={"limit": 0}).status_code == 422


def test_entity_merge_and_split_over_http(writable: TestClient) -> None:
    entities = all_items(writable, "/api/entities")
    places = [e for e in entities if e["type"] == "GPE"]
    response = writable.post(
        "/api/entities/merge", json={"entities": [places[0]["id"], places[1]["id"]], **SIGNED}, headers=AUTH
    )
    assert response.status_code == 201, response.text
    merged = response.json()
    assert merged["status"] == "in effect" and len(merged["now"]) == 1
    joined = writable.get(f"/api/entities/{merged['now'][0]}").json()
    assert {places[0]["name"], places[1]["name"]} <= set(joined["aliases"])
    mention = joined["mentions"][-1]
    key = f"{mention['doc']}:{mention['start']}"
    response = writable.post(f"/api/entities/{joined['id']}/split", json={"mentions": [key], **SIGNED}, headers=AUTH)
    assert response.status_code == 201, response.text
    split = response.json()
    assert split["status"] == "in effect"
    alone = writable.get(f"/api/entities/{split['now'][0]}").json()
    assert [(m["doc"], m["start"]) for m in alone["mentions"]] == [(mention["doc"], mention["start"])]


def test_withdraw_over_http(writable: TestClient) -> None:
    claims = all_items(writable, "/api/claims")
    target = max(claims, key=lambda c: (len(c["statements"]), c["id"]))
    moved = sorted(keys(target))[0]
    made = writable.post(f"/api/claims/{target['id']}/split", json={"statements": [moved], **SIGNED}, headers=AUTH)
    path = f"/api/corrections/{made.json()['id']}/withdraw"
    assert writable.post(path, json=SIGNED).status_code == 401
    assert writable.post("/api/corrections/knosuch/withdraw", json=SIGNED, headers=AUTH).status_code == 404
    response = writable.post(path, json={"who": "Ben", "why": "misread"}, headers=AUTH)
    assert response.status_code == 200, response.text
    record = response.json()
    assert record["status"] == "withdrawn" and record["withdrawn"]["who"] == "Ben" and record["who"] == "Ana Reyes"
    assert writable.get(f"/api/claims/{target['id']}").status_code == 200, "the claim is back as it was"
    assert writable.post(path, json=SIGNED, headers=AUTH).status_code == 422
    assert writable.get("/api/corrections").json()["items"] == [record]
