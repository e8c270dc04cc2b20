"""``newsdesk export --format csv``: one table per section, in a folder or a zip, or one table with
``--section``; every row that points into an article holds its evidence."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.report.tables import EVIDENCE, TABLE_NAMES, TABLES, TableWriter, cell

# The tables whose rows carry the provenance columns, and how many rows the demo gives them at least.
WITH_SPANS = ("entity_mentions", "quotes", "times", "events", "claim_statements", "relations", "timeline_reports")


def _run(*args: str) -> Any:
    result = CliRunner().invoke(main, list(args))
    return result


@pytest.fixture(scope="module")
def demo_export(demo_db: Path) -> dict[str, Any]:
    result = _run("export", "--db", str(demo_db), "--format", "json")
    assert result.exit_code == 0, result.output
    export: dict[str, Any] = json.loads(result.stdout)
    return export


@pytest.fixture(scope="module")
def demo_folder(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("csv") / "tables"
    result = _run("export", "--db", str(demo_db), "--format", "csv", "--out", str(folder))
    assert result.exit_code == 0, result.output
    assert "wrote 15 files" in result.stderr
    return folder


def _rows(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def test_every_table_parses_with_its_header(demo_folder: Path, demo_export: dict[str, Any]) -> None:
    assert sorted(p.name for p in demo_folder.iterdir()) == sorted(f"{name}.csv" for name in TABLE_NAMES)
    for chosen in TABLES:
        header, rows = _rows((demo_folder / f"{chosen.name}.csv").read_text(encoding="utf-8"))
        assert header == list(chosen.columns), chosen.name
        if chosen.name == chosen.section:  # one row per record of the section
            assert len(rows) == len(demo_export[chosen.section]), chosen.name
    _, mentions = _rows((demo_folder / "entity_mentions.csv").read_text(encoding="utf-8"))
    assert len(mentions) == sum(len(e["mentions"]) for e in demo_export["entities"])
    _, statements = _rows((demo_folder / "claim_statements.csv").read_text(encoding="utf-8"))
    assert len(statements) == sum(len(c["statements"]) for c in demo_export["claims"])


def test_provenance_columns_hold_the_evidence(demo_folder: Path, demo_export: dict[str, Any]) -> None:
    texts = {d["id"]: d["text"] for d in demo_export["documents"]}
    for name in WITH_SPANS:
        header, rows = _rows((demo_folder / f"{name}.csv").read_text(encoding="utf-8"))
        assert set(EVIDENCE) <= set(header), name
        assert rows, f"the demo has no {name}"
        for row in rows:
            start, end = int(row["start"]), int(row["end"])
            assert 0 <= start < end <= len(texts[row["doc"]]), (name, row)
            # As the cell holds it: a span beginning with = + - @ carries a leading apostrophe.
            assert row["text"] == cell(texts[row["doc"]][start:end]), (name, row["text"])


def test_the_zip_holds_the_same_tables(demo_db: Path, demo_folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "story.zip"
    result = _run("export", "--db", str(demo_db), "--format", "csv", "--out", str(target))
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == [f"{name}.csv" for name in TABLE_NAMES]
        for name in TABLE_NAMES:
            assert archive.read(f"{name}.csv").decode("utf-8") == (demo_folder / f"{name}.csv").read_text("utf-8")
    assert not list(tmp_path.glob("*.partial"))


def test_one_section_to_standard_output_or_a_file(demo_db: Path, demo_folder: Path, tmp_path: Path) -> None:
    result = _run("export", "--db", str(demo_db), "--format", "csv", "--section", "quotes")
    assert result.exit_code == 0, result.output
    assert result.stdout == (demo_folder / "quotes.csv").read_text(encoding="utf-8")
    out = tmp_path / "claims.csv"
    result = _run("export", "--db", str(demo_db), "--format", "csv", "--section", "claims", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == (demo_folder / "claims.csv").read_text(encoding="utf-8")


def test_one_story_as_tables(demo_db: Path, demo_export: dict[str, Any], tmp_path: Path) -> None:
    story = demo_export["stories"][0]
    folder = tmp_path / "one"
    result = _run("export", "--db", str(demo_db), "--format", "csv", "--story", story["id"], "--out", str(folder))
    assert result.exit_code == 0, result.output
    _, rows = _rows((folder / "documents.csv").read_text(encoding="utf-8"))
    assert sorted(r["id"] for r in rows) == sorted(story["documents"])


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ((), "give --out FOLDER"),
        (("--out", "tables.csv"), "give --out FOLDER"),
        (("--section", "nothing"), "'nothing' is not one of"),
    ],
)
def test_csv_usage_errors(demo_db: Path, tmp_path: Path, args: tuple[str, ...], says: str) -> None:
    result = _run("export", "--db", str(demo_db), "--format", "csv", *args)
    assert result.exit_code == 2
    assert says in result.output
    assert not (tmp_path / "tables.csv").exists()


def test_section_needs_csv(demo_db: Path) -> None:
    result = _run("export", "--db", str(demo_db), "--format", "json", "--section", "quotes")
    assert result.exit_code == 2
    assert "--section goes with --format csv" in result.output


def test_quote_cells_defuse_formulas() -> None:
    """Words an article chose reach quote, claim and timeline cells: none runs as a formula."""
    formula = '=HYPERLINK("http://evil.example","x")'
    span = {"doc": "d1", "start": 0, "end": len(formula), "text": formula}
    quote = {"id": "q1", **span, "kind": "direct", "speaker": {"entity": None, "name": "@boss", "description": "-x"}}
    out = io.StringIO()
    TableWriter(lambda _: out, ("quotes",)).add("quotes", quote)
    (row,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["text"] == "'" + formula
    assert row["speaker_name"] == "'@boss" and row["speaker_description"] == "'-x"
    for value in row.values():
        assert not value or value[0] not in "=+-@\t\r", value


HOSTILE = (
    "=cmd|' /C calc'!A0 Harbour council approves bridge repairs\n\n"
    'BRENNA, 3 March 2026 - "=HYPERLINK(""http://evil.example"",""see"") is what the bridge needs," said Mayor Ana '
    "Petrov on Monday.\n\n"
    '"+1 million euros will be spent on the bridge," Petrov told reporters on Tuesday.\n\n'
    "@Brenna Harbour Authority said the works would end in May 2026.\n\n"
    "-40 degrees was the coldest night in Brenna, the council said.\n"
)


def test_hostile_words_run_as_no_formula_in_any_table(tmp_path: Path) -> None:
    """An article written to start cells with = + - @: every cell of every table is inert, and
    the evidence columns still hold the article's characters (after the apostrophe)."""
    (tmp_path / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = tmp_path / "h.db"
    assert _run("ingest", "-q", "--db", str(db), str(tmp_path / "hostile.txt")).exit_code == 0
    folder = tmp_path / "tables"
    assert _run("export", "--db", str(db), "--format", "csv", "--out", str(folder)).exit_code == 0
    text = HOSTILE
    defused = 0
    for name in TABLE_NAMES:
        _, rows = _rows((folder / f"{name}.csv").read_text(encoding="utf-8"))
        for row in rows:
            for column, value in row.items():
                assert not value or value[0] not in "=+-@\t\r", (name, column, value)
                defused += value.startswith("'") and value[1:2] in ("=", "+", "-", "@")
            if row.get("start") and row.get("text") is not None:
                assert row["text"] == cell(text[int(row["start"]) : int(row["end"])]), (name, row)
    assert defused >= 3  # the title, the quotes and the body at least


def test_records_written_in_pieces_are_read_whole() -> None:
    """The streamed export writes a record in many pieces (an entity's mentions one at a time)
    and several lines at once: each record reaches the tables whole, once."""
    from newsdesk.story.tables import _Records

    seen: list[tuple[str, Any]] = []
    sink = _Records(lambda section, record: seen.append((section, dict(record))))
    sink.write('{"newsdesk": {"schema": 1}}\n{"section": "entities", "record": {"id": "e1", "mentions": [')
    for number in range(1000):
        sink.write(("" if number == 0 else ", ") + json.dumps({"doc": "d", "start": number, "end": number + 1}))
    sink.write(']}}\n{"section": "quotes", "record": {"id": "q1"}}\n{"section": "quotes", ')
    sink.write('"record": {"id": "q2"}}\n')
    assert [(s, r["id"]) for s, r in seen] == [("entities", "e1"), ("quotes", "q1"), ("quotes", "q2")]
    assert len(seen[0][1]["mentions"]) == 1000
