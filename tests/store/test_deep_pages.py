"""Pages deep in a list read from the keys kept along it (``store.deep``) are the pages read by
offset, item for item, on both stores; what is kept is dropped when the database changes, by
this connection or another."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from newsdesk.store import deep, open_store
from newsdesk.store.base import AnnotationQuery, AnnotationTable, ClaimQuery, DocumentQuery, Store
from tests.pg_fixture import STORES, shared_store, writable_store

ANNOTATIONS: tuple[tuple[AnnotationTable, AnnotationQuery], ...] = (
    ("quotes", AnnotationQuery()),
    ("quotes", AnnotationQuery(kinds=("direct",))),
    ("times", AnnotationQuery()),
    ("events", AnnotationQuery()),
)
CLAIMS = (
    ClaimQuery(),
    ClaimQuery(order="sources"),
    ClaimQuery(order="documents"),
    ClaimQuery(kind="view", order="documents"),
)


@pytest.fixture(scope="module", params=STORES)
def mixed_store(request: pytest.FixtureRequest) -> str:
    return shared_store(request, "mixed")


@pytest.fixture
def store(mixed_store: str) -> Iterator[Store]:
    with open_store(mixed_store, read_only=True) as opened:
        yield opened


def _every_page(total: int, read: Callable[[int], Any]) -> list[Any]:
    return [read(offset) for offset in range(0, total + 3, 4)]


def test_deep_pages_are_the_offset_pages(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a key kept every 7 items, every page (6 items, at every 4th offset, past the end too)
    is what the offset read gives (a step larger than any list here: no key kept)."""
    for table, query in ANNOTATIONS:
        monkeypatch.setattr(deep, "STEP", 10**9)
        total = store.annotation_page(table, query, 0, 1).total
        assert total > 30, table
        by_offset = _every_page(total, lambda offset, t=table, q=query: store.annotation_page(t, q, offset, 6))
        monkeypatch.setattr(deep, "STEP", 7)
        by_key = _every_page(total, lambda offset, t=table, q=query: store.annotation_page(t, q, offset, 6))
        assert by_key == by_offset, (table, query)
    for claims in CLAIMS:
        monkeypatch.setattr(deep, "STEP", 10**9)
        total = store.claim_page(claims, 0, 1).total
        assert total > 30, claims
        by_offset = _every_page(total, lambda offset, q=claims: store.claim_page(q, offset, 6))
        monkeypatch.setattr(deep, "STEP", 7)
        by_key = _every_page(total, lambda offset, q=claims: store.claim_page(q, offset, 6))
        assert by_key == by_offset, claims


@pytest.fixture(params=STORES)
def mixed_copy(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return writable_store(request, "mixed", tmp_path)


def test_what_is_kept_is_dropped_when_the_database_changes(mixed_copy: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deep, "STEP", 5)
    with open_store(mixed_copy) as writer, open_store(mixed_copy, read_only=True) as reader:
        claims = writer.claims()
        outlet = writer.outlet_counts(1)[0][0]
        for store in (writer, reader):
            assert store.claim_page(ClaimQuery(), 20, 5).total == len(claims)
            assert store.document_page(DocumentQuery(outlet=outlet), 0, 5).total > 1
        deep_page = writer.claim_page(ClaimQuery(), 20, 5).items
        assert [claim.id for claim in deep_page] == [claim.id for claim in claims[20:25]]
        # This connection writes: its own pages change at once; so do the other connection's.
        kept = claims[::2]
        writer.replace_claims(kept)
        for store in (writer, reader):
            page = store.claim_page(ClaimQuery(), 20, 5)
            assert page.total == len(kept)
            assert [claim.id for claim in page.items] == [claim.id for claim in kept[20:25]]
        writer.replace_claims(claims)
        assert reader.claim_page(ClaimQuery(), 0, 1).total == len(claims)
