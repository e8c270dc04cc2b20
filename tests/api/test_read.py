"""The read endpoints over the seed and demo databases: real values, consistent pages, evidence
that points at the characters it quotes, and clear errors."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import all_items, whole_entity

LISTS = ("documents", "entities", "quotes", "times", "events", "claims", "relations", "timeline", "coverage")


def _spans(value: Any, doc: str | None = None) -> list[tuple[str, int, int, str]]:
    """Every (doc, start, end, text) in a record: a dict with start, end and text, its document
    the nearest enclosing "doc"."""
    found = []
    if isinstance(value, dict):
        if isinstance(value.get("doc"), str):
            doc = value["doc"]
        if isinstance(value.get("start"), int) and isinstance(value.get("text"), str) and doc is not None:
            found.append((doc, value["start"], value["end"], value["text"]))
        for item in value.values():
            found += _spans(item, doc)
    elif isinstance(value, list):
        for item in value:
            found += _spans(item, doc)
    return found


def test_every_evidence_span_is_the_text_it_quotes_demo(demo: TestClient) -> None:
    _every_evidence_span_is_the_text_it_quotes(demo)


def test_every_evidence_span_is_the_text_it_quotes_seeds(seed: TestClient) -> None:
    _every_evidence_span_is_the_text_it_quotes(seed)


def _every_evidence_span_is_the_text_it_quotes(client: TestClient) -> None:
    texts = {}
    for summary in all_items(client, "/api/documents"):
        assert "text" not in summary and "body" not in summary
        detail = client.get(f"/api/documents/{summary['id']}").json()
        texts[summary["id"]] = detail["text"]
        assert {k: v for k, v in detail.items() if k in summary} == summary
        for removed in detail["removed"]:
            assert 0 <= removed["start"] < removed["end"] <= len(detail["text"]) and removed["reason"]
    checked = 0
    for name in ("entities", "quotes", "times", "events", "claims", "relations", "timeline"):
        for doc, start, end, text in _spans(all_items(client, f"/api/{name}")):
            assert texts[doc][start:end] == text, (name, doc, start, end)
            checked += 1
    for doc in texts:
        detail = client.get(f"/api/documents/{doc}").json()
        for section in ("mentions", "quotes", "times", "events"):
            for item in detail[section]:
                assert item["doc"] == doc
                assert detail["text"][item["start"] : item["end"]] == item["text"], section
                checked += 1
    assert checked > 500


def test_pages_add_up(demo: TestClient) -> None:
    for name in LISTS:
        whole = all_items(demo, f"/api/{name}")
        first = demo.get(f"/api/{name}", params={"limit": 3}).json()
        second = demo.get(f"/api/{name}", params={"limit": 3, "offset": 3}).json()
        assert first["total"] == second["total"] == len(whole), name
        assert (first["offset"], first["limit"], second["offset"]) == (0, 3, 3)
        assert first["items"] + second["items"] == whole[:6], name
        beyond = demo.get(f"/api/{name}", params={"offset": len(whole) + 10}).json()
        assert beyond["items"] == [] and beyond["total"] == len(whole)
    assert len(all_items(demo, "/api/documents")) == 8


@pytest.mark.parametrize(
    "params", [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"limit": "many"}, {"published_from": "March"}]
)
def test_bad_paging_and_filters_are_refused(demo: TestClient, params: dict[str, Any]) -> None:
    response = demo.get("/api/documents", params=params)
    assert response.status_code == 422
    assert response.json()["detail"]


@pytest.mark.parametrize("kind", ["documents", "entities", "quotes", "claims", "timeline"])
def test_unknown_ids_are_404_with_a_message(demo: TestClient, kind: str) -> None:
    response = demo.get(f"/api/{kind}/x-no-such-id")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert "x-no-such-id" in response.json()["detail"]


def test_search_finds_the_seed_that_has_the_word(seed: TestClient) -> None:
    documents = {d["id"]: seed.get(f"/api/documents/{d['id']}").json() for d in all_items(seed, "/api/documents")}
    doc, detail = next(iter(documents.items()))
    # A longish word of the first seed's body that few other seeds use.
    words = sorted({w.strip('.,;:"“”’()') for w in detail["body"].split()}, key=len, reverse=True)
    word = next(
        w for w in words if w.isalpha() and sum(w.lower() in d["body"].lower() for d in documents.values()) == 1
    )
    result = seed.get("/api/search", params={"q": word}).json()
    assert result["total"] == 1 and [hit["document"]["id"] for hit in result["items"]] == [doc]
    assert word.lower() in result["items"][0]["snippet"].lower()
    assert "text" not in result["items"][0]["document"]


def test_search_pages_and_counts(demo: TestClient) -> None:
    everything = demo.get("/api/search", params={"q": "dam", "limit": 100}).json()
    assert everything["total"] == len(everything["items"]) >= 5
    second = demo.get("/api/search", params={"q": "dam", "limit": 2, "offset": 2}).json()
    assert [h["document"]["id"] for h in second["items"]] == [h["document"]["id"] for h in everything["items"][2:4]]
    assert demo.get("/api/search", params={"q": "zzyzxqq"}).json() == {
        "items": [],
        "total": 0,
        "offset": 0,
        "limit": 20,
        "query": "zzyzxqq",
    }


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR", "dam AND", "nosuchcolumn:dam", "NEAR(dam"])
def test_malformed_search_is_400_with_the_reason(demo: TestClient, query: str) -> None:
    response = demo.get("/api/search", params={"q": query, "advanced": True})
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert detail.startswith("cannot search for") and query in detail
    # Typed as plain words, the same text is simply looked for.
    assert demo.get("/api/search", params={"q": query}).status_code == 200


def test_plain_words_and_punctuation_just_work(demo: TestClient) -> None:
    for query in ("U.S.-Mexico", "Norvale's dam", "seep*", "dam,"):
        assert demo.get("/api/search", params={"q": query}).status_code == 200, query
    assert demo.get("/api/search", params={"q": "seep*"}).json()["total"] >= 1
    assert demo.get("/api/search", params={"q": "... !!"}).status_code == 400


def test_search_needs_a_query(demo: TestClient) -> None:
    assert demo.get("/api/search").status_code == 422
    assert demo.get("/api/search", params={"q": ""}).status_code == 422
    assert demo.get("/api/search", params={"q": "x" * 501}).status_code == 422


def test_entity_filters(demo: TestClient) -> None:
    people = all_items(demo, "/api/entities", type="person")
    assert people and all(e["type"] == "PERSON" for e in people)
    every = all_items(demo, "/api/entities")
    assert len(people) == sum(e["type"] == "PERSON" for e in every)
    top = every[0]
    alias = top["aliases"][-1]
    named = all_items(demo, "/api/entities", name=alias[1:].upper())
    assert top["id"] in {e["id"] for e in named}
    assert all(alias[1:].lower() in " ".join([e["name"], *e["aliases"]]).lower() for e in named)
    bare = demo.get("/api/entities", params={"limit": 1, "mentions": "false"}).json()["items"][0]
    assert bare["id"] == top["id"] and bare["mentions"] == [] and top["mentions"]
    # Read without their mentions, every other field is the whole record's.
    bare_all = all_items(demo, "/api/entities", mentions="false")
    assert bare_all == [{**whole_entity(demo, entity), "mentions": []} for entity in every]
    assert demo.get(f"/api/entities/{top['id']}").json() == top
    doc = top["mentions"][0]["doc"]
    in_doc = {e["id"] for e in all_items(demo, "/api/entities", doc=doc)}
    assert in_doc == {e["id"] for e in every if any(m["doc"] == doc for m in e["mentions"])}


def test_quote_filters(demo: TestClient) -> None:
    quotes = all_items(demo, "/api/quotes")
    speaker = next(q["speaker"] for q in quotes if q["speaker"]["entity"] and q["kind"] == "direct")
    by_id = all_items(demo, "/api/quotes", speaker=speaker["entity"])
    assert by_id and all(q["speaker"]["entity"] == speaker["entity"] for q in by_id)
    assert len(by_id) == sum(q["speaker"]["entity"] == speaker["entity"] for q in quotes)
    surname = speaker["name"].split()[-1].lower()
    by_name = all_items(demo, "/api/quotes", speaker=surname)
    assert {q["id"] for q in by_id} <= {q["id"] for q in by_name}
    direct = all_items(demo, "/api/quotes", kind="direct", speaker=speaker["entity"])
    assert direct and all(q["kind"] == "direct" for q in direct)
    two = all_items(demo, "/api/quotes", kind=["direct", "partial"])
    assert len(two) == sum(q["kind"] in ("direct", "partial") for q in quotes)
    doc = quotes[0]["doc"]
    assert all_items(demo, "/api/quotes", doc=doc) == [q for q in quotes if q["doc"] == doc]
    assert demo.get("/api/quotes", params={"kind": "shouted"}).status_code == 422
    assert demo.get(f"/api/quotes/{quotes[0]['id']}").json() == quotes[0]


def test_claim_filters(demo: TestClient) -> None:
    claims = all_items(demo, "/api/claims")
    corroborated = all_items(demo, "/api/claims", min_sources=2)
    assert corroborated and len(corroborated) == sum(c["independent_sources"] >= 2 for c in claims)
    assert all(len(c["documents"]) >= c["independent_sources"] >= 2 for c in corroborated)
    contested = all_items(demo, "/api/claims", contested="true")
    assert contested, "the demo story has contradictions"
    assert all(c["contradicts"] and c["conflicts"] for c in contested)
    assert len(contested) + len(all_items(demo, "/api/claims", contested="false")) == len(claims)
    ranked = all_items(demo, "/api/claims", order="sources")
    assert [c["independent_sources"] for c in ranked] == sorted(
        (c["independent_sources"] for c in claims), reverse=True
    )
    other = contested[0]["contradicts"][0]["claim"]
    assert demo.get(f"/api/claims/{other}").status_code == 200
    facts, views = all_items(demo, "/api/claims", kind="fact"), all_items(demo, "/api/claims", kind="view")
    assert facts and views and len(facts) + len(views) == len(claims)
    assert all(c["kind"] == "view" and c["holders"] for c in views if len(c["documents"]) > 1)
    assert demo.get("/api/claims", params={"kind": "rumour"}).status_code == 422


def test_timeline_and_events(demo: TestClient) -> None:
    entries = all_items(demo, "/api/timeline")
    assert [e["value"] for e in entries] == sorted(e["value"] for e in entries)
    march = all_items(demo, "/api/timeline", date_from="2026-03", date_to="2026-03")
    assert march and all(e["value"].startswith("2026-03") for e in march)
    disputed = all_items(demo, "/api/timeline", disputed="true")
    assert all(e["disagreement"] for e in disputed)
    events = all_items(demo, "/api/events")
    entity = next(p for e in events for p in e["participants"])
    with_entity = all_items(demo, "/api/events", entity=entity)
    assert with_entity and all(entity in e["participants"] for e in with_entity)
    assert demo.get(f"/api/timeline/{entries[0]['id']}").json() == entries[0]


def test_coverage_pages_are_the_export_coverage(demo: TestClient) -> None:
    from newsdesk.story.snapshot import Story

    story: Story = demo.app.state.source.current()  # type: ignore[attr-defined]
    assert all_items(demo, "/api/coverage") == story.export["coverage"]
    assert all_items(demo, "/api/coverage/sources") == story.export["coverage_by_source"]


def test_the_briefing_in_three_formats(demo: TestClient) -> None:
    brief = demo.get("/api/briefing").json()
    assert brief["title"].startswith("Story briefing")
    headings = [s["heading"] for s in brief["sections"]]
    assert "Key claims" in headings
    texts = {d["doc"]: demo.get(f"/api/documents/{d['doc']}").json()["text"] for d in brief["sources"]}
    cites = [c for s in brief["sections"] for line in s["lines"] for c in line["cites"]]
    assert cites and all(texts[c["doc"]][c["start"] : c["end"]] == c["text"] for c in cites)
    markdown = demo.get("/api/briefing", params={"format": "md"})
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert markdown.text.startswith("# Story briefing")
    page = demo.get("/api/briefing", params={"format": "html", "limit": 3})
    assert page.headers["content-type"].startswith("text/html") and page.text.startswith("<!DOCTYPE html>")
    # Its own policy: no script at all, and the file's inline style allowed (the pages' would block it).
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "style-src 'unsafe-inline'" in policy and "script-src" not in policy
    short = demo.get("/api/briefing", params={"limit": 3}).json()
    limited = {"What happened", "Key claims", "Views held in several articles", "Who said what", "Actor network"}
    assert all(len(s["lines"]) <= 3 for s in short["sections"] if s["heading"] in limited), "three items a section"
    assert page.text.count("<li>") == sum(len(s["lines"]) for s in short["sections"]) + len(short["sources"])
    assert demo.get("/api/briefing", params={"format": "pdf"}).status_code == 422


def test_overview_and_schema(demo: TestClient) -> None:
    overview = demo.get("/api").json()
    assert overview["counts"]["documents"] == 8 and overview["write"] is False
    schema = demo.get("/openapi.json").json()
    paths = schema["paths"]
    for path in ("/api/documents", "/api/documents/{doc_id}", "/api/search", "/api/briefing", "/api/claims"):
        assert path in paths, path
    assert "post" in paths["/api/documents"] and "post" in paths["/api/documents/upload"]
    assert not any(path.startswith("/doc") for path in paths), "the web pages stay out of the API schema"


def test_an_entity_s_mentions_read_a_page_at_a_time_are_its_whole_record_s(demo: TestClient) -> None:
    """Paging with ``next`` gives the mentions of the entity's record, in order, each once; a
    short page makes the most named entities take several pages."""
    for entity in all_items(demo, "/api/entities")[:5]:
        paged: list[dict[str, object]] = []
        params: dict[str, object] = {"limit": 2}
        while True:
            answer = demo.get(f"/api/entities/{entity['id']}/mentions", params=params)
            assert answer.status_code == 200
            body = answer.json()
            assert len(body["items"]) <= 2
            paged.extend(body["items"])
            if body["next"] is None:
                break
            params = {"limit": 2, "after": body["next"]}
        assert paged == whole_entity(demo, entity)["mentions"]
    assert demo.get("/api/entities/no-such-entity/mentions").status_code == 404
    top = all_items(demo, "/api/entities")[0]["id"]
    assert demo.get(f"/api/entities/{top}/mentions", params={"after": "not-a-key"}).status_code == 422
