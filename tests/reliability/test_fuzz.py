"""The standing fuzz test (issue 15): arbitrary bytes and texts never raise out of a reader or the
per-document stages (hypothesis), and a seeded batch of hostile inputs mixed with good articles
gives one line per bad input, stores each good one once and leaves an intact database. The long
run is ``make fuzz`` (bench/fuzz.py), which writes its figures to docs/RELIABILITY.md."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.cli import main
from newsdesk.ingest.memory import read_bytes
from newsdesk.model import Failure, RawArticle
from newsdesk.pipeline import process_or_fail
from newsdesk.settings import Settings
from tests.conftest import DEMO
from tests.reliability.hostile import Check, check_batch, generate, write

SETTINGS = Settings(nlp=False)
SUFFIXES = st.sampled_from([".txt", ".md", ".html", ".htm", ".jsonl", ".pdf", ""])
TEXTS = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=3000) | st.builds(
    lambda unit, n: unit * n, st.text(max_size=12), st.integers(0, 4000)
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=4000) | TEXTS.map(lambda t: t.encode("utf-8")), suffix=SUFFIXES)
def test_reading_any_bytes_gives_articles_or_one_line_failures(data: bytes, suffix: str) -> None:
    for item in read_bytes(f"upload{suffix}", data, SETTINGS):
        assert isinstance(item, RawArticle | Failure)
        if isinstance(item, Failure):
            assert item.reason and "\n" not in item.reason


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS)
def test_the_document_stages_never_raise(text: str) -> None:
    result = process_or_fail(RawArticle(source="fuzz", text=text, encoding="utf-8"), SETTINGS)
    if isinstance(result, Failure):
        assert "\n" not in result.reason
    else:
        for removed in result.removed:
            assert 0 <= removed.span.start <= removed.span.end <= len(text)
        for time in result.times:
            assert text[time.span.start : time.span.end] == time.text


def test_a_seeded_hostile_batch_with_good_articles(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    items = [(item, write(folder, item)) for item in generate(seed=15, count=160)]
    good = sorted(p for p in DEMO.iterdir() if p.suffix == ".txt")
    db = tmp_path / "fuzz.db"
    result = CliRunner().invoke(main, ["ingest", "-q", "--db", str(db), str(folder), *map(str, good)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1
    with sqlite3.connect(db) as handle:
        sources = [row[0] for row in handle.execute("SELECT source FROM documents")]
        assert handle.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert handle.execute("SELECT changes = built FROM story_state").fetchone()[0] == 1
    handle.close()
    check = Check()
    check_batch(check, items, good, result.stderr, sources)
    assert check.ok, check
    assert len(sources) == sum(i.expect in ("stored", "mixed") for i, _ in items) + len(good)
