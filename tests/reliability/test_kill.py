"""An ingest killed with SIGKILL at any point (issue 15, F5): the next ingest finishes what the
killed one left, and the story equals the one a clean run builds.

The kills land at random moments of a run (seeded) and, for certain, once while articles are being
stored and once during the story stages: the database's own state says when (articles stored;
articles stored but the story not yet built).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsdesk.store import open_store
from newsdesk.story.export import export_store
from tests.conftest import BBC

ARTICLES = 40
State = tuple[int, int, int] | None  # documents, changes, built


def _command(db: Path, folder: Path) -> list[str]:
    return [sys.executable, "-m", "newsdesk", "ingest", "-q", "--processes", "1", "--db", str(db), str(folder)]


def _state(db: Path) -> State:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05) as handle:
            documents = handle.execute("SELECT count(*) FROM documents").fetchone()[0]
            changes, built = handle.execute("SELECT changes, built FROM story_state").fetchone()
        handle.close()
        return int(documents), int(changes), int(built)
    except sqlite3.Error:
        return None


def _story(db: Path) -> dict[str, Any]:
    with open_store(db) as store:
        assert not store.story_stale()
        export = export_store(store)
    export.pop("newsdesk")
    return json.loads(json.dumps(export, sort_keys=True))


def _kill_when(db: Path, folder: Path, ready: Callable[[State, float], bool]) -> State:
    """Run an ingest and kill it with SIGKILL as soon as ``ready(state, seconds)``; the state then."""
    process = subprocess.Popen(_command(db, folder), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = time.monotonic()
    try:
        while process.poll() is None:
            state = _state(db)
            if ready(state, time.monotonic() - started):
                process.send_signal(signal.SIGKILL)
                process.wait()
                return state
            time.sleep(0.005)
        return _state(db)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not BBC.is_dir():
        pytest.skip(f"needs the BBC corpus at {BBC}")
    chosen = tmp_path_factory.mktemp("articles")
    for number, path in enumerate(sorted(BBC.rglob("*.txt"))[:ARTICLES]):
        (chosen / f"{number:03d}.txt").write_bytes(path.read_bytes())
    return chosen


@pytest.fixture(scope="module")
def clean(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    subprocess.run(_command(db, folder), check=True, capture_output=True)
    return _story(db)


def _rerun_equals_clean(db: Path, folder: Path, clean: dict[str, Any]) -> None:
    rerun = subprocess.run(_command(db, folder), capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    with sqlite3.connect(db) as handle:
        assert handle.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    handle.close()
    assert _story(db) == clean


def test_killed_while_articles_are_stored(folder: Path, clean: dict[str, Any], tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    state = _kill_when(db, folder, lambda s, _: s is not None and 0 < s[0] < ARTICLES)
    assert state is not None and 0 < state[0] < ARTICLES, state
    _rerun_equals_clean(db, folder, clean)


def test_killed_during_the_story_stages(folder: Path, clean: dict[str, Any], tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    state = _kill_when(db, folder, lambda s, _: s is not None and s[0] == ARTICLES and s[1] > s[2])
    assert state is not None and state[0] == ARTICLES and state[1] > state[2], state
    _rerun_equals_clean(db, folder, clean)


@pytest.mark.parametrize("seed", range(3))
def test_killed_at_a_random_moment(folder: Path, clean: dict[str, Any], tmp_path: Path, seed: int) -> None:
    db = tmp_path / "k.db"
    moment = random.Random(seed).uniform(2.0, 20.0)
    _kill_when(db, folder, lambda _, seconds: seconds >= moment)
    _rerun_equals_clean(db, folder, clean)


def test_a_read_command_after_a_kill_says_to_rebuild_and_export_finishes(
    folder: Path, clean: dict[str, Any], tmp_path: Path
) -> None:
    db = tmp_path / "k.db"
    _kill_when(db, folder, lambda s, _: s is not None and s[0] == ARTICLES and s[1] > s[2])
    environment = {**os.environ}
    stats = subprocess.run([sys.executable, "-m", "newsdesk", "stats", "--db", str(db)], capture_output=True, text=True,
                           env=environment)  # fmt: skip
    assert stats.returncode == 0 and "run 'newsdesk rebuild" in stats.stderr
    exported = subprocess.run([sys.executable, "-m", "newsdesk", "export", "--db", str(db)], capture_output=True,
                              text=True, env=environment)  # fmt: skip
    assert exported.returncode == 0 and "finishing the story stages" in exported.stderr
    assert _story(db) == clean
