"""Shared fixtures: the seed articles and corpora live in ../shared, beside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def _ingested(folder: Path, path: Path) -> Path:
    from newsdesk.ingest import ingest_paths
    from newsdesk.store import open_store

    with open_store(path) as store:
        report = ingest_paths([str(folder)], store)
    assert report.ok, report.failed
    return path


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed articles ingested with NLP into one database, shared by the session: read it, never write."""
    return _ingested(need(SEEDS), tmp_path_factory.mktemp("seed-db") / "seeds.db")


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled demo corpus (our own fictional story) ingested with NLP: read it, never write."""
    return _ingested(DEMO, tmp_path_factory.mktemp("demo-db") / "demo.db")


FEED = ROOT / "demo" / "feed"


@pytest.fixture(scope="session")
def mixed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus and the demo feed ingested with NLP into one database: three stories (a
    dam collapse, a ferry aground, a transit strike). Read it, never write."""
    from newsdesk.ingest import ingest_paths
    from newsdesk.store import open_store

    path = tmp_path_factory.mktemp("mixed-db") / "mixed.db"
    with open_store(path) as store:
        report = ingest_paths([str(DEMO), str(FEED)], store)
    assert report.ok, report.failed
    return path
