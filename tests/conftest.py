"""Shared fixtures: the seed articles and corpora live in ../shared, beside the repository."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.pg_fixture import PostgresServer

# The PostgreSQL server fixtures (pg_server, pg_url, location), for every test.
pytest_plugins = ["tests.pg_fixture"]

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
BBC = SHARED / "corpus" / "bbc"
DEMO = ROOT / "demo" / "corpus"
GOLDEN = Path(__file__).resolve().parent / "golden"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not here: it comes with ../shared beside the repository (CI has it; a clone may not)")
    return path


@pytest.fixture
def seeds() -> Path:
    return need(SEEDS)


@pytest.fixture
def bbc() -> Path:
    return need(BBC)


def _ingest(folder: Path, where: Path | str) -> None:
    _ingest_all([folder], where)


def _ingest_all(folders: list[Path], where: Path | str) -> None:
    from newsdesk.ingest import ingest_paths
    from newsdesk.store import open_store

    with open_store(where) as store:
        report = ingest_paths([str(folder) for folder in folders], store)
    assert report.ok, report.failed


def _ingested(folder: Path, path: Path) -> Path:
    _ingest(folder, path)
    return path


@pytest.fixture(scope="session")
def seed_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed articles ingested with NLP into one database, shared by the session: read it, never write."""
    return _ingested(need(SEEDS), tmp_path_factory.mktemp("seed-db") / "seeds.db")


@pytest.fixture(scope="session")
def seed_db(seed_sqlite: Path) -> Path:
    """The seed database (SQLite; the API tests read it from both stores)."""
    return seed_sqlite


@pytest.fixture(scope="session")
def demo_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled demo corpus (our own fictional story) ingested with NLP: read it, never write."""
    return _ingested(DEMO, tmp_path_factory.mktemp("demo-db") / "demo.db")


@pytest.fixture(scope="session")
def demo_db(demo_sqlite: Path) -> Path:
    """The demo database (SQLite; the API tests read it from both stores)."""
    return demo_sqlite


@pytest.fixture(scope="session")
def seed_pg(pg_server: PostgresServer) -> str:
    """The seed articles ingested with NLP into a PostgreSQL database shared by the session: read it, never write."""
    from tests.pg_fixture import shared_database

    seeds = need(SEEDS)
    return shared_database(pg_server, "seeds", lambda url: _ingest(seeds, url))


@pytest.fixture(scope="session")
def demo_pg(pg_server: PostgresServer) -> str:
    """The demo corpus ingested with NLP into a PostgreSQL database shared by the session: read it, never write."""
    from tests.pg_fixture import shared_database

    return shared_database(pg_server, "demo", lambda url: _ingest(DEMO, url))


FEED = ROOT / "demo" / "feed"


@pytest.fixture(scope="session")
def mixed_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus and the demo feed ingested with NLP into one database: three stories (a
    dam collapse, a ferry aground, a transit strike). Read it, never write."""
    path = tmp_path_factory.mktemp("mixed-db") / "mixed.db"
    _ingest_all([DEMO, FEED], path)
    return path


@pytest.fixture(scope="session")
def mixed_db(mixed_sqlite: Path) -> Path:
    """The mixed pile (SQLite; the API tests read it from both stores)."""
    return mixed_sqlite


@pytest.fixture(scope="session")
def mixed_pg(pg_server: PostgresServer) -> str:
    """The mixed pile in a PostgreSQL database shared by the session: read it, never write."""
    from tests.pg_fixture import shared_database

    return shared_database(pg_server, "mixed", lambda url: _ingest_all([DEMO, FEED], url))
