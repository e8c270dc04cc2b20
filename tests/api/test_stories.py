"""``/api/stories`` and ``/api/stories/ID/...`` on the demo's mixed pile (three stories): each
story's sections and briefing come from its own articles only; corrections of the stories are
taken only with the token, and are replayed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsdesk.server import create_app
from tests.api.conftest import LOCAL, TOKEN, all_items, copy_db

SECTIONS = ("documents", "timeline", "claims", "voices", "entities", "quotes", "relations", "coverage")


@pytest.fixture(scope="module")
def mixed(mixed_db: Path) -> TestClient:
    return TestClient(create_app(mixed_db), base_url=LOCAL)


def _stories(client: TestClient) -> list[dict[str, Any]]:
    return all_items(client, "/api/stories")


def test_the_story_list_is_paged_newest_first_with_titles_dates_and_outlets(mixed: TestClient) -> None:
    stories = _stories(mixed)
    assert len(stories) == 3
    assert sum(s["articles"] for s in stories) == 13
    assert [s["last"] for s in stories] == sorted((s["last"] for s in stories), reverse=True)
    for story in stories:
        assert set(story) >= {"id", "title", "first", "last", "documents", "articles", "outlets", "merged_from"}
        assert story["articles"] == len(story["documents"])
        assert story["first"] <= story["last"]
        # A headline, never a list of names: it has words that are not capitalised.
        assert any(word.islower() for word in story["title"].split()), story["title"]
    page = mixed.get("/api/stories", params={"offset": 1, "limit": 1}).json()
    assert page["total"] == 3 and [s["id"] for s in page["items"]] == [stories[1]["id"]]


def test_each_storys_sections_and_briefing_hold_only_its_own_articles(mixed: TestClient) -> None:
    stories = _stories(mixed)
    for story in stories:
        ids = set(story["documents"])
        base = f"/api/stories/{story['id']}"
        one = mixed.get(base).json()
        assert one["id"] == story["id"] and one["counts"]["documents"] == len(ids)
        documents = all_items(mixed, f"{base}/documents")
        assert {d["id"] for d in documents} == ids
        assert {d["story"] for d in documents} == {story["id"]}
        assert {q["doc"] for q in all_items(mixed, f"{base}/quotes")} <= ids
        claims = all_items(mixed, f"{base}/claims")
        assert claims and {s["doc"] for c in claims for s in c["statements"]} <= ids
        assert {r["doc"] for t in all_items(mixed, f"{base}/timeline") for r in t["reports"]} <= ids
        assert {m["doc"] for e in all_items(mixed, f"{base}/entities") for m in e["mentions"]} <= ids
        assert {q["doc"] for v in all_items(mixed, f"{base}/voices") for q in v["quotes"]} <= ids
        assert {d for row in all_items(mixed, f"{base}/coverage") for d in row["documents"]} <= ids
        briefing = mixed.get(f"{base}/briefing").json()
        assert {s["doc"] for s in briefing["sources"]} == ids
        cited = {c["doc"] for section in briefing["sections"] for line in section["lines"] for c in line["cites"]}
        assert cited and cited <= ids
        assert story["title"] in briefing["title"]
        assert story["title"] in mixed.get(f"{base}/briefing", params={"format": "md"}).text


def test_an_unknown_story_is_a_404_with_a_json_error(mixed: TestClient) -> None:
    for path in ("/api/stories/s-none", "/api/stories/s-none/briefing", "/api/stories/s-none/claims"):
        response = mixed.get(path)
        assert response.status_code == 404, path
        assert response.json() == {"detail": "no story with id 's-none'"}
    assert mixed.get(f"/api/stories/{_stories(mixed)[0]['id']}/nonsense").status_code == 422


def test_story_corrections_need_the_token_and_are_replayed(mixed_db: Path, tmp_path: Path) -> None:
    db = copy_db(mixed_db, tmp_path / "mixed.db")
    reader = TestClient(create_app(db), base_url=LOCAL)
    writer = TestClient(create_app(db, write=True, token=TOKEN), base_url=LOCAL)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    stories = _stories(reader)
    big = max(stories, key=lambda s: s["articles"])
    small = [s for s in stories if s is not big]
    merge = {"stories": [s["id"] for s in small], "who": "analyst", "why": "one event"}
    assert reader.post("/api/stories/merge", json=merge).status_code == 403
    assert writer.post("/api/stories/merge", json=merge).status_code == 401
    assert writer.post("/api/stories/merge", json={**merge, "why": ""}, headers=auth).status_code == 422
    bad = {**merge, "stories": [small[0]["id"], "s-none"]}
    assert writer.post("/api/stories/merge", json=bad, headers=auth).status_code == 404
    merged = writer.post("/api/stories/merge", json=merge, headers=auth)
    assert merged.status_code == 201, merged.text
    (kept,) = merged.json()["now"]
    after = _stories(reader)
    assert len(after) == 2
    both = next(s for s in after if s["id"] == kept)
    assert set(both["documents"]) == {d for s in small for d in s["documents"]}
    assert set(both["merged_from"]) == {s["id"] for s in small} - {kept}
    # The merged id leads to the story it is part of.
    gone = next(s["id"] for s in small if s["id"] != kept)
    assert reader.get(f"/api/stories/{gone}").json()["id"] == kept
    # Split two articles off the largest story; they are a story of their own.
    chosen = big["documents"][:2]
    split = {"documents": chosen, "who": "analyst", "why": "a different day"}
    assert writer.post(f"/api/stories/{big['id']}/split", json=split).status_code == 401
    answer = writer.post(f"/api/stories/{big['id']}/split", json=split, headers=auth)
    assert answer.status_code == 201, answer.text
    (new,) = answer.json()["now"]
    assert {d["id"] for d in all_items(reader, f"/api/stories/{new}/documents")} == set(chosen)
    # Move one of them back.
    move = {"documents": chosen[:1], "who": "analyst", "why": "same dam"}
    assert writer.post(f"/api/stories/{big['id']}/move", json=move, headers=auth).status_code == 201
    assert chosen[0] in reader.get(f"/api/stories/{big['id']}").json()["documents"]
    assert writer.post(f"/api/stories/{big['id']}/move", json=move, headers=auth).status_code == 422  # there already
    listed = all_items(reader, "/api/stories/corrections")
    assert [c["action"] for c in listed] == ["stories-merge", "story-split", "story-move"]
    assert all(c["who"] == "analyst" and c["why"] for c in listed)


def test_the_server_keeps_the_stories_last_opened_within_its_bounds(mixed_db: Path) -> None:
    from newsdesk.story.one import StoryCache
    from newsdesk.story.snapshot import StorySource

    stories = sorted(_stories(TestClient(create_app(mixed_db), base_url=LOCAL)), key=lambda s: -s["articles"])
    big, small = stories[0]["id"], stories[-1]["id"]
    cache = StoryCache(StorySource(mixed_db, read_only=True), size=16, articles=9)
    first = cache.story(big)
    assert cache.story(big) is first  # kept: the same story, not worked out again
    cache.story(small)  # together over 9 articles: the one opened before goes
    assert cache.story(big) is not first
    one_kept = StoryCache(StorySource(mixed_db, read_only=True), size=1)
    one = one_kept.story(big)
    one_kept.story(small)
    assert one_kept.story(big) is not one
