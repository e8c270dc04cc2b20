"""The downloads under /api/downloads: each file is what the command line writes, named safely."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from newsdesk.api.routes.downloads import attachment, file_name
from newsdesk.cli import main
from newsdesk.report.tables import TABLE_NAMES
from newsdesk.server import create_app
from newsdesk.web.downloads import DOWNLOADS
from tests.api.conftest import LOCAL, copy_db

SAFE_DISPOSITION = re.compile(r"attachment; filename=\"[A-Za-z0-9][A-Za-z0-9._-]*\"; filename\*=UTF-8''[A-Za-z0-9._-]+")


def _cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _download(client: TestClient, path: str, name: str) -> bytes:
    response = client.get(path)
    assert response.status_code == 200, (path, response.text[:300])
    disposition = response.headers["content-disposition"]
    assert SAFE_DISPOSITION.fullmatch(disposition), disposition
    assert f'filename="demo-{name}"' in disposition
    return response.content


def test_the_export_is_the_cli_export(demo: TestClient, demo_db: Path) -> None:
    body = _download(demo, "/api/downloads/export.json", "export.json")
    assert json.loads(body) == json.loads(_cli("export", "--db", str(demo_db), "--format", "json"))
    lines = _download(demo, "/api/downloads/export.jsonl", "export.jsonl").decode("utf-8")
    assert lines == _cli("export", "--db", str(demo_db), "--format", "jsonl")


def test_the_briefings_are_the_cli_briefings(demo: TestClient, demo_db: Path) -> None:
    markdown = _download(demo, "/api/downloads/briefing.md", "briefing.md").decode("utf-8")
    assert markdown == _cli("brief", "--db", str(demo_db), "--format", "md")
    response = demo.get("/api/downloads/briefing.html")
    assert response.text == _cli("brief", "--db", str(demo_db), "--format", "html")
    assert "script-src" not in response.headers["content-security-policy"]  # the briefing runs no script


def test_every_csv_table_and_the_zip(demo: TestClient, demo_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    CliRunner().invoke(main, ["export", "--db", str(demo_db), "--format", "csv", "--out", str(folder)])
    archive = zipfile.ZipFile(io.BytesIO(_download(demo, "/api/downloads/tables.zip", "tables.zip")))
    assert archive.namelist() == [f"{name}.csv" for name in TABLE_NAMES]
    for name in TABLE_NAMES:
        body = _download(demo, f"/api/downloads/tables/{name}.csv", f"{name}.csv").decode("utf-8")
        assert body == (folder / f"{name}.csv").read_text(encoding="utf-8") == archive.read(f"{name}.csv").decode()
        assert next(csv.reader(io.StringIO(body)))  # a header
    assert demo.get("/api/downloads/tables/nothing.csv").status_code == 404
    assert demo.get("/api/downloads/tables/..%2Fsecret.csv").status_code == 404


def test_the_network_is_graphml(demo: TestClient, demo_db: Path) -> None:
    body = _download(demo, "/api/downloads/network.graphml", "network.graphml")
    assert body.decode("utf-8") == _cli("export", "--db", str(demo_db), "--format", "graphml")
    ElementTree.fromstring(body)


def test_every_menu_link_downloads(demo: TestClient) -> None:
    links = [file.href for _, files in DOWNLOADS for file in files]
    assert len(links) == 5 + 1 + len(TABLE_NAMES)
    page = demo.get("/").text
    for href in links:
        assert f'href="{href}" download' in page
        assert demo.head(href).status_code in (200, 405) and demo.get(href).status_code == 200, href


@pytest.mark.parametrize(
    ("db", "expected"),
    [
        ("demo.db", "demo-x.csv"),
        ('a"b\r\nSet-Cookie: x=1.db', "a-b-Set-Cookie-x-1-x.csv"),
        ("Ünïcødé story.db", "Unicde-story-x.csv"),
        ("../../etc/passwd", "passwd-x.csv"),
        ("....db", "newsdesk-x.csv"),
        ("x" * 300 + ".db", "x" * 60 + "-x.csv"),
    ],
)
def test_file_names_are_safe(db: str, expected: str) -> None:
    name = file_name(Path(db), "x.csv")
    assert name == expected
    assert SAFE_DISPOSITION.fullmatch(attachment(name))


def test_an_unsafe_name_is_refused() -> None:
    with pytest.raises(ValueError):
        attachment('x"; filename=evil.exe')


def test_a_hostile_database_name_reaches_no_header(demo_sqlite: Path, tmp_path: Path) -> None:
    odd = copy_db(demo_sqlite, tmp_path / 'story "quoted" ; name=evil.db')
    client = TestClient(create_app(odd), base_url=LOCAL)
    response = client.get("/api/downloads/briefing.md")
    assert response.headers["content-disposition"] == (
        'attachment; filename="story-quoted-name-evil-briefing.md"; '
        "filename*=UTF-8''story-quoted-name-evil-briefing.md"
    )


def test_one_storys_files_are_the_cli_story_exports(demo: TestClient, demo_db: Path, tmp_path: Path) -> None:
    stories = demo.get("/api/stories").json()["items"]
    story = stories[0]["id"]
    # Names carry the story's id; the files are `newsdesk ... --story ID`'s.
    response = demo.get("/api/downloads/export.json", params={"story": story})
    assert response.status_code == 200
    assert f'filename="demo-story-{story}-export.json"' in response.headers["content-disposition"]
    assert response.text == _cli("export", "--db", str(demo_db), "--format", "json", "--story", story)
    brief = demo.get("/api/downloads/briefing.md", params={"story": story}).text
    assert brief == _cli("brief", "--db", str(demo_db), "--format", "md", "--story", story)
    graph = demo.get("/api/downloads/network.graphml", params={"story": story}).text
    assert graph == _cli("export", "--db", str(demo_db), "--format", "graphml", "--story", story)
    folder = tmp_path / "story"
    CliRunner().invoke(
        main, ["export", "--db", str(demo_db), "--format", "csv", "--story", story, "--out", str(folder)]
    )
    archive = zipfile.ZipFile(io.BytesIO(demo.get("/api/downloads/tables.zip", params={"story": story}).content))
    for name in TABLE_NAMES:
        assert archive.read(f"{name}.csv").decode("utf-8") == (folder / f"{name}.csv").read_text(encoding="utf-8")
    quotes = demo.get("/api/downloads/tables/quotes.csv", params={"story": story}).text
    assert quotes == (folder / "quotes.csv").read_text(encoding="utf-8")
    lines = [
        json.loads(line)
        for line in demo.get("/api/downloads/export.jsonl", params={"story": story}).text.split("\n")
        if line
    ]
    export = json.loads(response.text)
    assert lines[0] == {"newsdesk": export["newsdesk"]}
    assert sum(1 for line in lines if line.get("section") == "documents") == len(export["documents"])


def test_an_unknown_story_is_a_404(demo: TestClient) -> None:
    for path in ("briefing.md", "export.json", "tables.zip", "tables/quotes.csv", "network.graphml"):
        response = demo.get(f"/api/downloads/{path}", params={"story": 'nothing"\r\nX: y'})
        assert response.status_code == 404, path
        assert "content-disposition" not in response.headers


def test_a_story_pages_menu_downloads_that_story(demo: TestClient) -> None:
    story = demo.get("/api/stories").json()["items"][0]["id"]
    page = demo.get(f"/stories/{story}/claims").text
    links = re.findall(r'<a href="(/api/downloads/[^"]+)" download', page)
    assert len(links) == 5 + 1 + len(TABLE_NAMES)
    assert all(link.endswith(f"?story={story}") for link in links)
    assert demo.get(links[0]).status_code == 200


def test_the_whole_stores_files_are_written_once_per_revision(demo_sqlite: Path, tmp_path: Path) -> None:
    """A second download of an unchanged store sends the file written for the first; once another
    connection commits, the file is written again, with what changed."""
    import sqlite3

    db = copy_db(demo_sqlite, tmp_path / "demo.db")
    client = TestClient(create_app(db, read_only=True), base_url=LOCAL)
    first = _download(client, "/api/downloads/export.jsonl", "export.jsonl")
    assert _download(client, "/api/downloads/export.jsonl", "export.jsonl") == first
    built = client.app.state.built_files  # type: ignore[attr-defined]
    assert built._written == 1
    with sqlite3.connect(db) as writer:
        writer.execute(
            "UPDATE documents SET title = 'A headline changed since' WHERE id = (SELECT min(id) FROM documents)"
        )
    again = _download(client, "/api/downloads/export.jsonl", "export.jsonl")
    assert built._written == 2
    assert b"A headline changed since" in again and b"A headline changed since" not in first
    assert len(list(built.folder.iterdir())) == 2  # this revision's file, and the last one's
