"""The header's Download menu in Chromium: it opens without script, fits the window, and its links
download files named after the database, with the content the command line writes."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from newsdesk.report.tables import TABLE_NAMES
from tests.web.server import Server


@pytest.fixture
def page(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 1366, "height": 800}, accept_downloads=True)
    context.set_default_timeout(30_000)
    tab = context.new_page()
    yield tab
    context.close()


def _download(page: Any, label: str, tmp_path: Path) -> tuple[str, bytes]:
    menu = page.locator("details.downloads")
    if menu.get_attribute("open") is None:
        menu.locator("summary").click()
    with page.expect_download() as info:
        menu.get_by_role("link", name=label, exact=True).click()
    download = info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    return download.suggested_filename, target.read_bytes()


def test_the_menu_opens_inside_the_window(page: Any, seed_server: Server) -> None:
    page.goto(seed_server.url + "/claims")
    menu = page.locator(".download-menu")
    assert not menu.is_visible()
    page.locator("details.downloads summary").click()
    assert menu.is_visible()
    box = menu.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 1366
    assert menu.get_by_role("link").count() == 6 + len(TABLE_NAMES)


def test_the_links_download_the_files(page: Any, seed_server: Server, tmp_path: Path) -> None:
    page.goto(seed_server.url + "/")
    name, body = _download(page, "JSON", tmp_path)
    assert name == "seeds-export.json"
    export = json.loads(body)
    assert len(export["documents"]) == len(seed_server.app.state.source.current().documents)
    name, body = _download(page, "all (zip)", tmp_path)
    assert name == "seeds-tables.zip"
    assert zipfile.ZipFile(io.BytesIO(body)).namelist() == [f"{table}.csv" for table in TABLE_NAMES]
    name, body = _download(page, "claim statements", tmp_path)
    assert name == "seeds-claim_statements.csv" and body.startswith(b"claim,kind,doc,start,end,text,")
    name, body = _download(page, "Markdown", tmp_path)
    assert name == "seeds-briefing.md" and body.startswith(b"# ")
    name, body = _download(page, "GraphML", tmp_path)
    assert name == "seeds-network.graphml" and b"<graphml" in body
