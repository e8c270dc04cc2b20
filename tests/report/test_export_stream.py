"""The streamed export (``write_export``) is the export object, written as it is built: the JSON
form byte for byte what ``to_json(export_store(...))`` writes, and the JSON Lines form the same
records, section by section, in the same order."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from newsdesk.report.render import to_json
from newsdesk.store import open_store
from newsdesk.story.export import ORDER, export_store, write_export


@pytest.mark.parametrize("name", ["demo_db", "seed_db"])
def test_the_streamed_json_is_the_export_object(name: str, request: pytest.FixtureRequest) -> None:
    db: Path = request.getfixturevalue(name)
    with open_store(db) as store:
        whole = to_json(export_store(store))
        stream = io.StringIO()
        write_export(store, stream, "json")
    assert stream.getvalue() == whole


@pytest.mark.parametrize("name", ["demo_db", "seed_db"])
def test_json_lines_hold_every_record_in_order(name: str, request: pytest.FixtureRequest) -> None:
    db: Path = request.getfixturevalue(name)
    with open_store(db) as store:
        export = export_store(store)
        stream = io.StringIO()
        write_export(store, stream, "jsonl")
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert lines[0] == {"newsdesk": export["newsdesk"]}
    rebuilt: dict[str, Any] = {"newsdesk": lines[0]["newsdesk"], **{name: [] for name in ORDER}}
    sections = []
    for line in lines[1:]:
        assert set(line) == {"section", "record"}
        rebuilt[line["section"]].append(line["record"])
        if not sections or sections[-1] != line["section"]:
            sections.append(line["section"])
    assert rebuilt == export
    assert sections == [name for name in ORDER if export[name]]


def test_an_unknown_form_is_refused(seed_db: Path) -> None:
    with open_store(seed_db) as store, pytest.raises(ValueError, match="unknown export form"):
        write_export(store, io.StringIO(), "xml")


def test_chosen_sections_are_the_whole_exports_lines_of_them(demo_db: Path) -> None:
    """With ``sections``, only those sections' lines, each exactly as in the whole export (the CSV
    tables of one section read only what that section is made of)."""
    with open_store(demo_db) as store:
        whole = io.StringIO()
        write_export(store, whole, "jsonl")
        lines = whole.getvalue().splitlines()
        for chosen in [{name} for name in ORDER] + [{"relations", "entities"}, {"coverage_by_source"}]:
            part = io.StringIO()
            write_export(store, part, "jsonl", chosen)
            expected = [lines[0], *(line for line in lines[1:] if json.loads(line)["section"] in chosen)]
            assert part.getvalue().splitlines() == expected, chosen
        with pytest.raises(ValueError, match="JSON Lines only"):
            write_export(store, io.StringIO(), "json", {"claims"})
