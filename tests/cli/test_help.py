"""Full help text: ``newsdesk --help`` shows each command's one-line description whole, and the
README says the same words as the help (the table of commands, --processes, the ingest summary)."""

from __future__ import annotations

import re
from pathlib import Path

import click
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.cli.help import SHORT_HELP
from newsdesk.settings import Settings

README = Path(__file__).resolve().parents[2] / "README.md"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _commands_section(output: str) -> str:
    return output.split("\nCommands:\n", 1)[1]


def test_the_top_level_help_shows_every_description_whole() -> None:
    result = CliRunner().invoke(main, ["--help"], terminal_width=80)
    assert result.exit_code == 0
    listing = _commands_section(result.output)
    assert "..." not in listing
    for name, command in main.commands.items():
        assert name in SHORT_HELP, f"newsdesk {name} has no one-line description in newsdesk.cli.help"
        assert f"{name} " in listing
        assert SHORT_HELP[name] in _flat(listing), name
        assert command.get_short_help_str() == SHORT_HELP[name]
    assert set(SHORT_HELP) == set(main.commands)


def test_every_group_lists_its_commands_whole() -> None:
    groups = [(name, c) for name, c in main.commands.items() if isinstance(c, click.Group)]
    assert {name for name, _ in groups} >= {"claims", "entities", "corrections"}
    for name, group in groups:
        result = CliRunner().invoke(main, [name, "--help"], terminal_width=80)
        assert result.exit_code == 0, result.output
        listing = _commands_section(result.output)
        assert "..." not in listing, name
        for sub, command in group.commands.items():
            assert command.get_short_help_str(limit=10_000) in _flat(listing), (name, sub)


def test_the_readme_lists_the_commands_in_the_helps_words() -> None:
    rows = dict(re.findall(r"^\| `(\w+)` \| (.+?) \|$", README.read_text(encoding="utf-8"), re.M))
    assert {name: rows.get(name) for name in SHORT_HELP} == SHORT_HELP


def test_processes_are_described_alike_in_the_help_and_the_readme() -> None:
    result = CliRunner().invoke(main, ["ingest", "--help"], terminal_width=200)
    helped = _flat(result.output)
    readme = _flat(README.read_text(encoding="utf-8"))
    files = Settings().parallel_from_files
    assert f"from {files} files on, one per core, at most 4" in helped
    assert f"from {files} files on, ingest runs spaCy in one process per core, at most 4" in readme
    assert "all cores" not in readme


def test_the_readme_explains_skipped_files(tmp_path: Path) -> None:
    folder = tmp_path / "pile"
    folder.mkdir()
    (folder / "one.txt").write_text("Officials in Brenna said on Monday that the bridge would reopen.\n", "utf-8")
    (folder / "README.md").write_text("How these files were collected.\n", "utf-8")
    (folder / "sheet.csv").write_text("a,b\n", "utf-8")
    result = CliRunner().invoke(main, ["ingest", "-q", "--no-nlp", "--db", str(tmp_path / "p.db"), str(folder)])
    assert result.exit_code == 0, result.output
    assert "stored 1, already present 0, failed 0, skipped 2 (not articles)" in result.output
    readme = _flat(README.read_text(encoding="utf-8"))
    assert "`skipped N (not articles)` when a folder held files that are not articles" in readme
