"""Fixtures of the web UI's tests: clients over the session databases, the hostile corpus, and,
for the browser tests, live servers and one Chromium for the session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsdesk.ingest import ingest_paths
from newsdesk.server import create_app
from newsdesk.store import open_store
from tests.web.server import CHROMIUM_ARGS, Server, chromium, serve

LOCAL = "http://localhost"  # the app answers loopback hosts only

XSS = Path(__file__).resolve().parent / "xss"


@pytest.fixture(scope="session")
def xss_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/web/xss/ ingested with NLP: read it, never write."""
    path = tmp_path_factory.mktemp("xss-db") / "xss.db"
    with open_store(path) as store:
        report = ingest_paths([str(XSS)], store)
    assert report.ok, report.failed
    return path


@pytest.fixture(scope="session")
def seed_client(seed_db: Path) -> TestClient:
    return TestClient(create_app(seed_db), base_url=LOCAL)


@pytest.fixture(scope="session")
def demo_client(demo_db: Path) -> TestClient:
    return TestClient(create_app(demo_db), base_url=LOCAL)


@pytest.fixture(scope="session")
def xss_client(xss_db: Path) -> TestClient:
    return TestClient(create_app(xss_db), base_url=LOCAL)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the session; the browser tests skip where there is none."""
    executable = chromium()
    if executable is None:
        pytest.skip("no Chromium at /usr/bin/chromium (make test installs Debian's where it can): browser tests skip")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def seed_server(browser: Any, seed_db: Path) -> Iterator[Server]:
    with serve(seed_db) as server:
        yield server


@pytest.fixture(scope="session")
def xss_server(browser: Any, xss_db: Path) -> Iterator[Server]:
    with serve(xss_db) as server:
        yield server


@pytest.fixture(scope="session")
def pile_dbs(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """Stories of 50 and of 2,000 BBC articles (``tests/web/big.py``): the 50 ingested with NLP,
    the 2,000 copied from them in SQL. Built once per session; read them, never write."""
    import shutil

    from tests.conftest import BBC, need
    from tests.web.big import build

    need(BBC)
    folder = tmp_path_factory.mktemp("piles")
    small = build(folder / "pile-50.db", articles=50, base=50)
    shutil.copy(small, folder / "pile-2000.db")
    return {50: small, 2000: build(folder / "pile-2000.db", articles=2000, base=50, ingest=False)}
