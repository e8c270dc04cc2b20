"""Lists read by key (``after=``, issue 17): paging with ``next`` from the first page gives every
item of the list once, in the order the pages by offset give them, with the same filters; on
both stores. A cursor that is not one is a 422."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import all_items


def _walked(client: TestClient, path: str, limit: int, **params: Any) -> list[dict[str, Any]]:
    """Every item, by ``next`` from the first page: pages after the first are read by key."""
    first = client.get(path, params={**params, "limit": limit})
    assert first.status_code == 200, first.text
    page = first.json()
    items = list(page["items"])
    while page["next"] is not None:
        answer = client.get(path, params={**params, "limit": limit, "after": page["next"]})
        assert answer.status_code == 200, answer.text
        page = answer.json()
        assert page["total"] is None and len(page["items"]) <= limit
        assert page["items"], "a next leads to a page with items"
        items += page["items"]
    return items


LISTS: list[tuple[str, dict[str, Any]]] = [
    ("/api/quotes", {}),
    ("/api/quotes", {"kind": "direct"}),
    ("/api/quotes", {"speaker": "a"}),  # checked quote by quote
    ("/api/times", {}),
    ("/api/times", {"type": "DATE"}),
    ("/api/events", {}),
    ("/api/events", {"modality": "happened"}),
    ("/api/claims", {}),
    ("/api/claims", {"order": "sources"}),
    ("/api/claims", {"order": "documents"}),
    ("/api/claims", {"min_documents": 2}),
    ("/api/claims", {"order": "sources", "contested": False}),
    ("/api/relations", {}),
    ("/api/documents", {}),
    ("/api/documents", {"outlet": "a"}),
]


@pytest.mark.parametrize(("path", "params"), LISTS)
def test_paging_with_next_gives_every_item_once_in_order(demo: TestClient, path: str, params: dict[str, Any]) -> None:
    every = all_items(demo, path, **params)
    assert every, (path, params)
    for limit in (1, 3, 50):
        assert _walked(demo, path, limit, **params) == every, (path, params, limit)


def test_paging_events_of_an_entity_with_next(demo: TestClient) -> None:
    """A filter checked event by event (its participants) pages by key as well."""
    events = all_items(demo, "/api/events")
    entity = next(p for e in events for p in e["participants"])
    every = all_items(demo, "/api/events", entity=entity)
    assert every
    assert _walked(demo, "/api/events", 2, entity=entity) == every


def test_next_is_null_on_the_last_page_and_a_bad_cursor_is_refused(demo: TestClient) -> None:
    whole = demo.get("/api/claims", params={"limit": 500}).json()
    assert whole["next"] is None and len(whole["items"]) == whole["total"]
    first = demo.get("/api/quotes", params={"limit": 2}).json()
    for bad in ("not-a-cursor", first["next"][:-2], "W10"):
        assert demo.get("/api/quotes", params={"after": bad}).status_code == 422, bad
    # A quote's cursor is not a claim's.
    assert demo.get("/api/claims", params={"after": first["next"]}).status_code == 422
    gone = demo.get("/api/claims", params={"after": "WyJuby1zdWNoLWNsYWltIl0"})  # ["no-such-claim"]
    assert gone.status_code == 422 and "no longer stored" in gone.json()["detail"]
