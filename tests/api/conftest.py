"""Clients of the application over the session's seed and demo databases (read-only), and a
writable copy for the write tests. Every test that reads ``demo_db`` or ``seed_db`` (or the
clients over them) runs once on SQLite and once on PostgreSQL."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsdesk.server import create_app
from newsdesk.store.postgres_url import is_postgres_url
from tests.pg_fixture import STORES, pristine_copy

LOCAL = "http://localhost"  # the app answers loopback hosts only

TOKEN = "test-token-0123456789abcdef"


@pytest.fixture(scope="session", params=STORES)
def demo_db(request: pytest.FixtureRequest, demo_sqlite: Path) -> Path | str:
    """The demo corpus ingested, in each store."""
    return demo_sqlite if request.param == "sqlite" else str(request.getfixturevalue("demo_pg"))


@pytest.fixture(scope="session", params=STORES)
def seed_db(request: pytest.FixtureRequest, seed_sqlite: Path) -> Path | str:
    """The seed articles ingested, in each store."""
    return seed_sqlite if request.param == "sqlite" else str(request.getfixturevalue("seed_pg"))


@pytest.fixture(scope="session", params=STORES)
def mixed_db(request: pytest.FixtureRequest, mixed_sqlite: Path) -> Path | str:
    """The demo corpus and feed (three stories) ingested, in each store."""
    return mixed_sqlite if request.param == "sqlite" else str(request.getfixturevalue("mixed_pg"))


@pytest.fixture(scope="module")
def demo(demo_db: Path) -> TestClient:
    return TestClient(create_app(demo_db), base_url=LOCAL)


@pytest.fixture(scope="module")
def seed(seed_db: Path) -> TestClient:
    return TestClient(create_app(seed_db), base_url=LOCAL)


def copy_db(source: Path | str, target: Path) -> Path | str:
    """A consistent copy of a database (SQLite's backup: whatever sits in the WAL comes along;
    PostgreSQL: a new database from the session database's template; ``target`` is not used)."""
    if is_postgres_url(source):
        return pristine_copy(source)
    with sqlite3.connect(source) as original, sqlite3.connect(target) as copy:
        original.backup(copy)
    original.close()
    copy.close()
    return target


def all_items(client: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a list endpoint, page by page."""
    items: list[dict[str, Any]] = []
    while True:
        response = client.get(path, params={**params, "offset": len(items), "limit": 500})
        assert response.status_code == 200, response.text
        page = response.json()
        items += page["items"]
        if not page["items"] or len(items) >= page["total"]:
            assert len(items) == page["total"]
            return items


# What an entity's record in the API has beside the export's fields.
MORE_MENTIONS = ("mention_count", "mentions_next")


def whole_entity(client: TestClient, record: dict[str, Any]) -> dict[str, Any]:
    """The export's record of an entity the API shows with its first mentions: the rest read on
    from ``mentions_next`` a page at a time, the API's own fields left out."""
    mentions = list(record["mentions"])
    following = record["mentions_next"]
    while following is not None:
        page = client.get(f"/api/entities/{record['id']}/mentions", params={"after": following, "limit": 7}).json()
        mentions += page["items"]
        following = page["next"]
    assert len(mentions) == record["mention_count"]
    return {**{k: v for k, v in record.items() if k not in MORE_MENTIONS}, "mentions": mentions}
