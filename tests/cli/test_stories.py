"""``newsdesk stories``: the stories of a mixed pile, for people and as JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from newsdesk.cli import main
from tests.conftest import DEMO


def test_stories_lists_the_mixed_demo_pile(tmp_path: Path) -> None:
    db = str(tmp_path / "mixed.db")
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", "-q", "--db", db, str(DEMO), str(DEMO.parent / "feed")])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(main, ["stories", "--db", db])
    assert listed.exit_code == 0, listed.output
    assert "Lennvik transit strike" in listed.stdout or "Tram and metro strike" in listed.stdout
    assert "2026-03-11" in listed.stdout and "Lennvik Daily" in listed.stdout
    as_json = json.loads(runner.invoke(main, ["stories", "--db", db, "--json"]).stdout)
    assert len(as_json) == 3
    assert sum(len(s["documents"]) for s in as_json) == 13
    # Never an entity list alone: each title is a headline, a sentence with a verb in it.
    assert all(len(s["title"].split()) >= 4 for s in as_json)
    limited = runner.invoke(main, ["stories", "--db", db, "--limit", "1"])
    assert "2 more stories" in limited.stderr
    # A digest's relayed headline is no title ending with another outlet's name.
    outlets = {o for s in as_json for o in s["outlets"]}
    assert not any(s["title"].endswith(f" - {outlet}") for s in as_json for outlet in outlets)
    # The briefing of the whole pile says it mixes stories; one story's does not.
    whole = runner.invoke(main, ["brief", "--db", db, "--format", "md"])
    assert whole.exit_code == 0 and "holds 3 stories" in whole.stderr
    one = runner.invoke(main, ["brief", "--db", db, "--format", "md", "--story", as_json[0]["id"]])
    assert one.exit_code == 0 and "stories" not in one.stderr


def test_stories_help_and_a_missing_database(tmp_path: Path) -> None:
    runner = CliRunner()
    assert "newest first" in runner.invoke(main, ["stories", "--help"]).stdout
    result = runner.invoke(main, ["stories", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0


def test_each_storys_briefing_timeline_and_export_hold_only_its_articles(tmp_path: Path) -> None:
    db = str(tmp_path / "mixed.db")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", "-q", "--db", db, str(DEMO), str(DEMO.parent / "feed")]).exit_code == 0
    stories = json.loads(runner.invoke(main, ["stories", "--db", db, "--json"]).stdout)
    for story in stories:
        exported = runner.invoke(main, ["export", "--db", db, "--story", story["id"]])
        assert exported.exit_code == 0, exported.output
        export = json.loads(exported.stdout)
        ids = {d["id"] for d in export["documents"]}
        assert ids == set(story["documents"])
        assert {d["story"] for d in export["documents"]} == {story["id"]}
        # Nothing of another story: every quote, claim statement and timeline report is of its articles.
        assert {q["doc"] for q in export["quotes"]} <= ids
        assert {s["doc"] for c in export["claims"] for s in c["statements"]} <= ids
        assert {r["doc"] for t in export["timeline"] for r in t["reports"]} <= ids
        briefing = runner.invoke(main, ["brief", "--db", db, "--story", story["id"]]).stdout
        sources = [line for line in briefing.split("## Sources", 1)[1].splitlines() if line.startswith("- **A")]
        assert len(sources) == len(story["documents"])
        assert runner.invoke(main, ["timeline", "--db", db, "--story", story["id"]]).exit_code == 0
        listed = runner.invoke(main, ["claims", "--db", db, "--story", story["id"], "--json"])
        assert listed.exit_code == 0, listed.output
        assert {s["doc"] for c in json.loads(listed.stdout) for s in c["statements"]} <= ids
    unknown = runner.invoke(main, ["brief", "--db", db, "--story", "s-none"])
    assert unknown.exit_code == 1 and "newsdesk stories" in unknown.stderr


def test_the_analyst_moves_merges_and_splits_stories_from_the_command_line(tmp_path: Path) -> None:
    db = str(tmp_path / "mixed.db")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", "-q", "--db", db, str(DEMO), str(DEMO.parent / "feed")]).exit_code == 0

    def listed() -> list[dict[str, Any]]:
        result = runner.invoke(main, ["stories", "--db", db, "--json"])
        assert result.exit_code == 0, result.output
        return list(json.loads(result.stdout))

    stories = listed()
    big = max(stories, key=lambda s: len(s["documents"]))
    small = [s for s in stories if s is not big]
    for command in ("move", "merge", "split", "corrections"):
        assert runner.invoke(main, ["stories", command, "--help"]).exit_code == 0
    split = runner.invoke(main, ["stories", "--db", db, "split", big["id"], big["documents"][0], "--why", "other day"])
    assert split.exit_code == 0, split.output
    assert "story-split" in split.stderr
    merged = runner.invoke(
        main, ["stories", "--db", db, "merge", small[0]["id"], small[1]["id"], "--who", "ana", "--why", "one event"]
    )
    assert merged.exit_code == 0, merged.output
    moved = runner.invoke(main, ["stories", "move", big["id"], big["documents"][0], "--db", db, "--why", "same dam"])
    assert moved.exit_code == 0, moved.output
    now = listed()
    assert len(now) == 2  # the split-off story is empty again, and two stories are one
    assert set(big["documents"]) in [set(s["documents"]) for s in now]
    corrections = json.loads(runner.invoke(main, ["stories", "--db", db, "corrections", "--json"]).stdout)
    assert [c["action"] for c in corrections] == ["story-split", "stories-merge", "story-move"]
    assert corrections[1]["who"] == "ana"
    assert runner.invoke(main, ["rebuild", "--db", db]).exit_code == 0
    assert listed() == now
    refused = runner.invoke(main, ["stories", "--db", db, "split", "s-none", big["documents"][0], "--why", "x"])
    assert refused.exit_code == 1 and "no story" in refused.stderr
