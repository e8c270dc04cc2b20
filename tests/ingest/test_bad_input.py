"""Bad input: one clear line naming the file and the reason; the rest of the batch is stored."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.store import open_store

GOOD = "Harbour workers end strike\n\nDock workers in Port Selby ended a nine-day strike on Friday after the port authority agreed to a 6 percent pay rise, union leaders said.\n"


def _ingest(tmp_path: Path, *paths: Path) -> tuple[int, list[str], Path]:
    db = tmp_path / "test.db"
    result = CliRunner().invoke(main, ["ingest", "--quiet", "--db", str(db), *map(str, paths)])
    return result.exit_code, result.stderr.strip().splitlines(), db


def _failure_line(lines: list[str], path: Path) -> str:
    matching = [line for line in lines if line.startswith("failed") and str(path) in line]
    assert len(matching) == 1, lines
    return matching[0]


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


def _count(db: Path) -> int:
    with open_store(db) as store:
        return store.count()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n\t\n", "only whitespace"),
        ("binary.txt", bytes(range(256)) * 4, "binary"),
        ("image.html", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "PNG"),
        (
            "broken.txt",
            "Caf\u00e9 owners said prices rose ".encode() + b"\xe2\x80 and then \xff\xfe stopped",
            "invalid UTF-8",
        ),
        (
            "truncated.html",
            b"<html><head><title>Port strike</title></head><body><article><p>Dock workers in Port Selby",
            "truncated HTML",
        ),
        ("nothing.html", b"<html><body><nav>Home</nav></body></html>", "no article text"),
        ("notes.pdf", b"%PDF-1.7 ...", "unsupported file type"),
    ],
)
def test_bad_file_fails_alone(tmp_path: Path, good: Path, name: str, content: bytes, reason: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    code, lines, db = _ingest(tmp_path, bad, good)
    assert code == 1
    assert reason in _failure_line(lines, bad)
    assert _count(db) == 1
    assert "stored 1, already present 0, failed 1" in lines[-1]


def test_huge_file_is_refused_without_reading_it(tmp_path: Path, good: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # sparse: 200 MB on paper, nothing on disk
        handle.truncate(200 * 1024 * 1024)
    code, lines, db = _ingest(tmp_path, huge, good)
    assert code == 1
    assert "too large" in _failure_line(lines, huge)
    assert _count(db) == 1


def test_unreadable_paths(tmp_path: Path, good: Path) -> None:
    missing = tmp_path / "missing.txt"
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "gone.txt")
    code, lines, db = _ingest(tmp_path, missing, dangling, good)
    assert code == 1
    assert "no such file" in _failure_line(lines, missing)
    assert "cannot read" in _failure_line(lines, dangling)
    assert _count(db) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_permission_denied(tmp_path: Path, good: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD + "more", encoding="utf-8")
    locked.chmod(0)
    code, lines, _ = _ingest(tmp_path, locked, good)
    assert code == 1
    assert "Permission denied" in _failure_line(lines, locked)


def test_jsonl_bad_lines_fail_alone(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    records = [
        json.dumps(
            {"text": GOOD, "url": "https://example.org/strike", "outlet": "Selby Post", "published": "2025-06-06"}
        ),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"title": "no text"}),
        "",
        '{"text": "Lone \\ud800 surrogate in an otherwise fine article about the harbour strike."}',
        json.dumps(
            {
                "html": "<html><body><article><p>" + GOOD.replace("\n", " ") + " More.</p></article></body></html>",
                "url": "https://example.org/b",
            }
        ),
    ]
    feed.write_text("\n".join(records) + "\n", encoding="utf-8")
    code, lines, db = _ingest(tmp_path, feed)
    assert code == 1
    failures = [line for line in lines if line.startswith("failed")]
    assert [f.split(": ", 1)[0].rsplit(":", 1)[-1] for f in failures] == ["2", "3", "4", "6"]
    assert "not valid JSON" in failures[0]
    assert "JSON object" in failures[1]
    assert "no non-empty 'text' or 'html'" in failures[2]
    assert "lone UTF-16 surrogate" in failures[3]
    with open_store(db) as store:
        documents = {d.source: d for d in store.documents()}
    assert set(documents) == {"https://example.org/strike", "https://example.org/b"}
    strike = documents["https://example.org/strike"]
    assert strike.outlet is not None and strike.outlet.value == "Selby Post" and strike.outlet.how == "metadata"
    assert strike.published is not None and strike.published.date.value == "2025-06-06"


def test_exit_code_zero_when_all_stored(tmp_path: Path, good: Path) -> None:
    code, lines, _ = _ingest(tmp_path, good)
    assert code == 0
    assert lines[-1] == "stored 1, already present 0, failed 0"


def test_corrupt_database_is_one_line(tmp_path: Path, good: Path) -> None:
    db = tmp_path / "bad.db"
    db.write_bytes(b"this is not a database" * 100)
    result = CliRunner().invoke(main, ["ingest", "--quiet", "--db", str(db), str(good)])
    assert result.exit_code == 3
    assert str(db) in result.stderr and "damaged" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_html_with_a_few_broken_bytes_is_read_like_a_browser_would(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    body = "<p>" + "Dock workers in Port Selby ended their strike on Friday, the union said. " * 30 + "</p>"
    page.write_bytes(
        f"<html><body><article><h1>Caf\u00e9 strike ends</h1>{body}</article>".encode()
        + b"<!-- \xff -->"
        + b"</body></html>"
    )
    code, lines, db = _ingest(tmp_path, page)
    assert code == 0, lines
    with open_store(db) as store:
        (document,) = list(store.documents())
    assert document.encoding == "utf-8 (1 invalid bytes replaced)"
