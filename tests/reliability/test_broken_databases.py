"""Broken databases (issue 15, F7 and F8): every case ends with exit 3 and one clear line, never a
traceback; read commands leave a database that is not newsdesk's as it was."""

from __future__ import annotations

import random
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from newsdesk.cli import main
from newsdesk.store import connection

ARTICLE = (
    "Ferry strike ends in Harrowmouth {n}\n\n"
    "The Quillborough ferry service resumed on Monday {n} after a three-week strike, the operator Calder "
    "Lines said. The union had asked for a new rota and a pay rise of four percent, said Maren Tolby.\n"
)
READS = (["stats"], ["export", "--format", "json"], ["entities"], ["quotes"], ["timeline"], ["search", "ferry"])


def _run(*arguments: str) -> Result:
    result = CliRunner().invoke(main, list(arguments))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def _one_line_exit_3(result: Result) -> str:
    assert result.exit_code == 3, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), lines
    return lines[0]


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    for n in range(12):
        (folder / f"a{n}.txt").write_text(ARTICLE.format(n=n) * (1 + n % 3), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def database(articles: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("db") / "story.db"
    assert _run("ingest", "-q", "--no-nlp", "--db", str(db), str(articles)).exit_code == 0
    with sqlite3.connect(db) as handle:
        handle.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


@pytest.mark.parametrize("seed", range(12))
def test_flipped_bytes_give_exit_3_and_one_line_or_a_clean_answer(database: Path, tmp_path: Path, seed: int) -> None:
    damaged = tmp_path / "damaged.db"
    data = bytearray(database.read_bytes())
    chance = random.Random(seed)
    for _ in range(1 + seed * 4):
        data[chance.randrange(len(data))] ^= 1 << chance.randrange(8)
    damaged.write_bytes(bytes(data))
    for command in READS:
        result = _run(*command, "--db", str(damaged))
        if result.exit_code != 0:
            _one_line_exit_3(result)


def test_a_schema_from_the_future_is_refused(database: Path, tmp_path: Path) -> None:
    future = tmp_path / "future.db"
    shutil.copy(database, future)
    with sqlite3.connect(future) as handle:
        handle.execute("INSERT INTO schema_migrations VALUES (999, '0999_future.sql', 'later')")
    for command in (["stats"], ["ingest", "-q", "--no-nlp", str(database)], ["serve"]):
        line = _one_line_exit_3(_run(*command, "--db", str(future)))
        assert "made by a newer newsdesk (schema version 999" in line


def test_read_commands_leave_another_programs_database_alone(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs.db"
    with sqlite3.connect(theirs) as handle:
        handle.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    before = theirs.read_bytes()
    for command in (*READS, ["serve"], ["rebuild"], ["ingest", "-q", "--no-nlp", str(tmp_path)]):
        line = _one_line_exit_3(_run(*command, "--db", str(theirs)))
        assert "not a newsdesk database (it holds other tables: invoices)" in line
    assert theirs.read_bytes() == before and not Path(f"{theirs}-wal").exists()


def test_an_empty_file_is_no_database_for_read_commands(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    assert "not a newsdesk database (an empty file)" in _one_line_exit_3(_run("stats", "--db", str(empty)))
    assert empty.read_bytes() == b""


def test_a_full_disk_stops_ingest_with_the_database_as_it_was(
    articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's page limit stands in for a full disk: the write that needs one more page fails."""
    db = tmp_path / "full.db"
    assert _run("ingest", "-q", "--no-nlp", "--db", str(db), str(articles / "a0.txt")).exit_code == 0
    opened = connection.open_writable

    def small_disk(path: Path, create: bool = True) -> sqlite3.Connection:
        handle = opened(path, create)
        pages = handle.execute("PRAGMA page_count").fetchone()[0]
        handle.execute(f"PRAGMA max_page_count = {pages + 3}")
        return handle

    monkeypatch.setattr(connection, "open_writable", small_disk)
    line = _one_line_exit_3(_run("ingest", "-q", "--no-nlp", "--db", str(db), str(articles)))
    assert "the disk is full" in line and "nothing of that one" in line
    monkeypatch.undo()
    with sqlite3.connect(db) as handle:
        assert handle.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = handle.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert 1 <= stored < 12
    # Room again: the next ingest stores the rest and completes the story stages.
    assert _run("ingest", "-q", "--no-nlp", "--db", str(db), str(articles)).exit_code == 0
    assert "0 documents" not in _run("stats", "--db", str(db)).output


@pytest.fixture
def read_only_medium(database: Path, tmp_path: Path) -> Iterator[Path]:
    """The database on a file system mounted read-only (root, where mounting is allowed)."""
    mount = tmp_path / "medium"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("cannot mount a file system here (needs root in a container that allows it)")
    try:
        shutil.copy(database, mount / "story.db")
        if subprocess.run(["mount", "-o", "remount,ro", str(mount)], capture_output=True).returncode:
            pytest.skip("cannot remount read-only here")
        yield mount / "story.db"
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


def test_a_read_only_medium_says_to_open_it_read_only(read_only_medium: Path) -> None:
    line = _one_line_exit_3(_run("stats", "--db", str(read_only_medium)))
    assert "read-only: open with --read-only" in line
    result = _run("stats", "--read-only", "--json", "--db", str(read_only_medium))
    assert result.exit_code == 0 and '"documents": 12' in result.stdout
    exported = _run("export", "--read-only", "--db", str(read_only_medium))
    assert exported.exit_code == 0 and exported.stdout.startswith("{")


def test_ingest_on_a_read_only_medium_is_one_line(read_only_medium: Path, articles: Path) -> None:
    line = _one_line_exit_3(_run("ingest", "-q", "--no-nlp", "--db", str(read_only_medium), str(articles)))
    assert "read-only" in line


@pytest.mark.parametrize(
    "damage",
    [
        'UPDATE times SET start = "end" + 5',  # a span that ends before it starts
        "UPDATE times SET start = -7",
        "UPDATE times SET type = 'NO-SUCH-TYPE'",
        "UPDATE documents SET text = CAST(x'ff00fe' AS TEXT) WHERE rowid = 1",  # not UTF-8
        "UPDATE documents SET extractors = '{not json' WHERE rowid = 1",
    ],
)
def test_damaged_rows_give_exit_3_and_one_line(database: Path, tmp_path: Path, damage: str) -> None:
    damaged = tmp_path / "rows.db"
    shutil.copy(database, damaged)
    with sqlite3.connect(damaged) as handle:
        handle.execute(damage)
        if handle.total_changes == 0:
            pytest.skip("no such row in this database")
    handle.close()
    for command in (["stats"], ["export"], ["search", "ferry"]):
        result = _run(*command, "--db", str(damaged))
        if result.exit_code != 0:
            assert "damaged" in _one_line_exit_3(result)
    assert _run("export", "--db", str(damaged)).exit_code == 3
