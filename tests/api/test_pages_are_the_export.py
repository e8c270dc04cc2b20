"""Every list endpoint, read page by page from the database's queries, gives the export's
section record for record; filters give what filtering the export's records gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from newsdesk.api.routes.documents import summary
from newsdesk.store import open_store
from newsdesk.store.base import contains, in_range
from newsdesk.story.export import export_store
from tests.api.conftest import all_items, whole_entity

SECTIONS = ("entities", "quotes", "times", "events", "claims", "relations", "timeline", "corrections")


def _export(db: Path) -> dict[str, Any]:
    with open_store(db) as store:
        return export_store(store)


def test_every_section_page_by_page_demo(demo: TestClient, demo_db: Path) -> None:
    _every_section_page_by_page(demo, demo_db)


def test_every_section_page_by_page_seeds(seed: TestClient, seed_db: Path) -> None:
    _every_section_page_by_page(seed, seed_db)


def _every_section_page_by_page(client: TestClient, db: Path) -> None:
    export = _export(db)
    assert all_items(client, "/api/documents") == [summary(d) for d in export["documents"]]
    for name in SECTIONS:
        items = all_items(client, f"/api/{name}")
        if name == "entities":  # each with its first mentions, the rest read on by key
            items = [whole_entity(client, entity) for entity in items]
        assert items == export[name], name
    # However few of its mentions an entity's record shows, the rest read on are the export's.
    few = all_items(client, "/api/entities", mention_limit=3)
    assert any(entity["mentions_next"] for entity in few)
    assert all(len(entity["mentions"]) == min(3, entity["mention_count"]) for entity in few)
    assert [whole_entity(client, entity) for entity in few] == export["entities"]
    for document in export["documents"][:3]:
        detail = client.get(f"/api/documents/{document['id']}").json()
        assert {k: v for k, v in detail.items() if k in document} == document
        assert detail["quotes"] == [q for q in export["quotes"] if q["doc"] == document["id"]]
        assert detail["events"] == [v for v in export["events"] if v["doc"] == document["id"]]
    for name, key in (("entities", "id"), ("claims", "id"), ("quotes", "id"), ("timeline", "id")):
        for record in export[name][:5]:
            answer = client.get(f"/api/{name}/{record[key]}", params={"mention_limit": 2} if name == "entities" else {})
            assert (whole_entity(client, answer.json()) if name == "entities" else answer.json()) == record
    counts = client.get("/api").json()["counts"]
    assert counts == {name: len(export[name]) for name in counts}


def test_filters_match_the_records(demo: TestClient, demo_db: Path) -> None:
    export = _export(demo_db)
    quotes = export["quotes"]
    named = sorted({q["speaker"]["name"] for q in quotes if q["speaker"]["name"]})
    assert named
    for name in named[:4]:
        part = name.split()[-1][:4].lower()
        wanted = [q for q in quotes if contains(part, q["speaker"]["name"])]
        assert all_items(demo, "/api/quotes", speaker=part) == wanted
    speakers = sorted({q["speaker"]["entity"] for q in quotes if q["speaker"]["entity"]})
    for entity in speakers[:4]:
        assert all_items(demo, "/api/quotes", speaker=entity) == [q for q in quotes if q["speaker"]["entity"] == entity]
    participants = sorted({p for v in export["events"] for p in v["participants"]})
    for entity in participants[:4]:
        wanted = [v for v in export["events"] if entity in v["participants"]]
        assert all_items(demo, "/api/events", entity=entity) == wanted
    wanted = [v for v in export["events"] if in_range(v["date"]["value"], "2026-03", None)]
    assert all_items(demo, "/api/events", date_from="2026-03") == wanted
    assert all_items(demo, "/api/claims", min_sources=2) == [
        c for c in export["claims"] if c["independent_sources"] >= 2
    ]
    doc = export["documents"][1]["id"]
    assert all_items(demo, "/api/claims", doc=doc) == [c for c in export["claims"] if doc in c["documents"]]
    assert all_items(demo, "/api/timeline", doc=doc) == [t for t in export["timeline"] if doc in t["documents"]]
    assert [whole_entity(demo, e) for e in all_items(demo, "/api/entities", doc=doc)] == [
        e for e in export["entities"] if any(m["doc"] == doc for m in e["mentions"])
    ]
    for entity in export["entities"][:3]:
        wanted = [r for r in export["relations"] if entity["id"] in (r["source"], r["target"])]
        assert all_items(demo, "/api/relations", entity=entity["id"]) == wanted
        wanted_claims = [c for c in export["claims"] if any(entity["id"] in s["actors"] for s in c["statements"])]
        assert all_items(demo, "/api/claims", entity=entity["id"]) == wanted_claims
