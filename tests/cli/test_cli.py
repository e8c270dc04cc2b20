"""The command line: --help everywhere, stats, and the end-to-end demo flow."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from tests.conftest import DEMO


@pytest.mark.parametrize(
    "command",
    [[], ["ingest"], ["export"], ["stats"], ["search"], ["entities"], ["quotes"], ["timeline"], ["brief"], ["serve"],
     ["rebuild"], ["summary"]],
)  # fmt: skip
def test_help_everywhere(command: list[str]) -> None:
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output and len(result.output.splitlines()) > 4


def test_stats_and_missing_database(tmp_path: Path) -> None:
    runner = CliRunner()
    db = tmp_path / "s.db"
    missing = runner.invoke(main, ["stats", "--db", str(db)])
    assert missing.exit_code == 3 and "no such database" in missing.stderr and not db.exists()
    runner.invoke(main, ["ingest", "-q", "--db", str(db), str(DEMO)])
    result = runner.invoke(main, ["stats", "--db", str(db), "--json"])
    figures = json.loads(result.stdout)
    assert figures["documents"] == len(list(DEMO.glob("*.txt"))) + len(list(DEMO.glob("*.html"))) + sum(
        1 for f in DEMO.glob("*.jsonl") for line in f.read_text(encoding="utf-8").splitlines() if line.strip()
    )
    assert figures["removed_by_reason"].get("generated-filler") == 1


def test_globs_and_the_module_entry_point(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    result = subprocess.run(
        [sys.executable, "-m", "newsdesk", "ingest", "-q", "--db", str(db), str(DEMO / "*.txt")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"stored {len(list(DEMO.glob('*.txt')))}," in result.stderr


def test_importing_newsdesk_has_no_side_effects(tmp_path: Path) -> None:
    code = "import newsdesk, newsdesk.cli, newsdesk.store, newsdesk.ingest; import os; print(sorted(os.listdir('.')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True)
    assert result.stdout.strip() == "[]"


def test_search_and_bad_queries(tmp_path: Path) -> None:
    runner = CliRunner()
    db = tmp_path / "q.db"
    runner.invoke(main, ["ingest", "-q", "--db", str(db), str(DEMO)])
    found = runner.invoke(main, ["search", "seepage", "--db", str(db)])
    assert found.exit_code == 0 and "[seepage]" in found.stdout.lower()
    # Plain words and punctuation just work: no FTS5 syntax error for what a journalist types.
    for typed in ('dam AND ("', "U.S.-Mexico", "Norvale's", "seep*", '"Mirenka dam"'):
        plain = runner.invoke(main, ["search", typed, "--db", str(db)])
        assert plain.exit_code == 0, (typed, plain.output)
    assert "[seepage]" in runner.invoke(main, ["search", "seep*", "--db", str(db)]).stdout.lower()
    broken = runner.invoke(main, ["search", 'dam AND ("', "--db", str(db), "--advanced"])
    assert broken.exit_code == 1
    assert "cannot search for" in broken.stderr and "Traceback" not in broken.output
    empty = runner.invoke(main, ["search", "... !!", "--db", str(db)])
    assert empty.exit_code == 1 and "nothing to search for" in empty.stderr


def test_export_to_an_unwritable_place_is_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    db = tmp_path / "w.db"
    runner.invoke(main, ["ingest", "-q", "--db", str(db), str(DEMO)])
    result = runner.invoke(main, ["export", "--db", str(db), "--out", str(tmp_path / "no" / "such" / "x.json")])
    assert result.exit_code == 1
    assert "cannot write" in result.stderr


def test_rebuild_reruns_the_story_stages_over_stored_articles(tmp_path: Path) -> None:
    """A database whose story-level tables were emptied (as one made by an older version) gets
    its claims and timeline back from `rebuild`, without ingesting anything."""
    import sqlite3

    db = tmp_path / "d.db"
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(DEMO), "--db", str(db), "-q"]).exit_code == 0
    with sqlite3.connect(db) as connection:
        before = connection.execute("SELECT count(*) FROM claims").fetchone()[0]
        connection.execute("DELETE FROM claims")
        connection.execute("DELETE FROM timeline")
    assert before > 0
    result = runner.invoke(main, ["rebuild", "--db", str(db)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM claims").fetchone()[0] == before
        assert connection.execute("SELECT count(*) FROM timeline").fetchone()[0] > 0
    assert runner.invoke(main, ["rebuild", "--db", str(tmp_path / "none.db")]).exit_code == 3


def test_read_only_and_allowed_hosts_options(tmp_path: Path) -> None:
    runner = CliRunner()
    for command in ("stats", "export", "entities", "quotes", "timeline", "brief", "search", "serve"):
        assert "--read-only" in runner.invoke(main, [command, "--help"]).output, command
    assert "--allow-host" in runner.invoke(main, ["serve", "--help"]).output
    both = runner.invoke(main, ["serve", "--db", str(tmp_path / "x.db"), "--write", "--read-only", "--token", "t" * 16])
    assert both.exit_code == 2 and "exclude each other" in both.output


def test_the_summary_fits_one_screen_and_names_the_commands_for_the_rest(demo_db: Path) -> None:
    result = CliRunner().invoke(main, ["summary", "--db", str(demo_db)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) <= 40
    assert lines[0].split()[0].isdigit() and "articles from" in lines[0]
    for command in ("newsdesk entities", "newsdesk quotes", "newsdesk claims --kind fact", "newsdesk timeline"):
        assert command in result.output
    assert "Most quoted" in result.output and "(none)" not in result.output.split("Most quoted")[1].split("\n\n")[0]


@pytest.mark.parametrize("name", ["demo_db", "seed_db"])
def test_the_summary_from_bounded_reads_says_what_the_whole_story_says(
    name: str, request: pytest.FixtureRequest
) -> None:
    """Each count and top ten of ``summary`` (read from counts, indexed pages and a stream of
    speakers) against the same worked out from every entity, claim, quote and happening."""
    from collections import Counter

    from newsdesk.cli.summary import _VOICES, _short
    from newsdesk.model import ClaimKind, entity_at
    from newsdesk.report.when import readable
    from newsdesk.store import open_store

    db: Path = request.getfixturevalue(name)
    with open_store(db, read_only=True) as store:
        entities, claims, timeline = store.entities(), store.claims(), store.timeline()
        at = entity_at(entities)
        voices: Counter[str] = Counter()
        for document in store.documents():
            for quote in document.quotes:
                if quote.speaker is not None and quote.speaker_kind in _VOICES:
                    entity = at.get((document.id, quote.speaker.start))
                    if named := entity.name if entity is not None else quote.speaker_text:
                        voices[named] += 1
        stats = store.stats()
    facts = [c for c in claims if c.kind is ClaimKind.FACT and len(c.sources) > 1]
    views = [c for c in claims if c.kind is ClaimKind.VIEW and len(c.documents) > 1]
    people = sorted(entities, key=lambda e: (-len(e.mentions), e.name))[:10]
    reported = sorted(timeline, key=lambda t: (-len({r.doc for r in t.reports}), t.value))[:10]
    expected = [
        f"{stats.documents} articles from {len(stats.outlets)} outlets; {len(entities)} entities;"
        f" {sum(voices.values())} quotes from {len(voices)} voices; {len(facts)} claims with two or more"
        f" independent sources, {len(views)} views held in several articles,"
        f" {sum(1 for c in claims if c.conflicts)} claims with a disagreement; {len(timeline)} dated happenings",
        *(f"- {e.name} ({e.type}, {len(e.mentions)})" for e in people),
        *(f"- {who} ({count})" for who, count in voices.most_common(10)),
        *(f"- {_short(c.text)} ({len(c.sources)} sources)" for c in facts[:10]),
        *(f"- {readable(t.value)}: {_short(t.label)}" for t in reported),
    ]
    result = CliRunner().invoke(main, ["summary", "--db", str(db), "--read-only", "--top", "10"])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    at_least = 0
    for line in expected:
        found = said.find(" ".join(line.split()), at_least)
        assert found >= 0, line
        at_least = found
    assert voices and people and reported and (facts or name == "seed_db")  # the seeds share no fact
