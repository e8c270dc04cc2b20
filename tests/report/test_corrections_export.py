"""The export's ``corrections`` section (an extension of shared/contract/EXPORT.md): its fields
are pinned here, its keys point at statements of the exported documents, and the API serves
the same records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.store import SQLiteStore
from newsdesk.story.sections import build_sections
from tests.api.conftest import copy_db

FIELDS: dict[str, Any] = {
    "id": str,
    "action": str,
    "groups": list,
    "targets": list,
    "who": str,
    "when": str,
    "why": str,
    "status": str,
    "keys_found": int,
    "keys": int,
    "now": list,
    "withdrawn": (dict, type(None)),
}
ACTIONS = {"claims-merge", "claims-split", "claims-distinct", "entities-merge", "entities-split"}
STATES = {"in effect", "not in effect", "not applicable", "withdrawn"}


def _export(db: Path) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    export: dict[str, Any] = json.loads(result.stdout)
    return export


def test_the_corrections_section(demo_db: Path, tmp_path: Path) -> None:
    db = copy_db(demo_db, tmp_path / "story.db")
    assert _export(db)["corrections"] == []
    export = _export(db)
    claims = sorted(export["claims"], key=lambda c: (-len(c["statements"]), c["id"]))
    target = claims[0]
    moved = f"{target['statements'][0]['doc']}:{target['statements'][0]['start']}"
    runner = CliRunner()
    for args in (
        ["claims", "split", target["id"], "--statement", moved],
        ["claims", "merge", claims[-1]["id"], claims[-2]["id"]],
        ["entities", "merge", export["entities"][0]["id"], export["entities"][1]["id"]],
    ):
        result = runner.invoke(main, [*args, "--why", "read it", "--who", "Ana", "--db", str(db)])
        assert result.exit_code == 0, result.output
    export = _export(db)
    records = export["corrections"]
    assert [r["action"] for r in records] == ["claims-split", "claims-merge", "entities-merge"]
    texts = {d["id"]: d["text"] for d in export["documents"]}
    ids = {"claims": {c["id"] for c in export["claims"]}, "entities": {e["id"] for e in export["entities"]}}
    for record in records:
        assert set(record) == set(FIELDS)
        for name, kind in FIELDS.items():
            assert isinstance(record[name], kind), name
        assert record["action"] in ACTIONS and record["status"] in STATES
        assert record["status"] == "in effect" and record["keys_found"] == record["keys"]
        for group in record["groups"]:
            for key in group:
                doc, start = key.rsplit(":", 1)
                assert doc in texts and 0 <= int(start) < len(texts[doc])
        assert set(record["now"]) <= ids[record["action"].split("-")[0]]
    store = SQLiteStore.read_only(db)
    try:
        assert build_sections(store).corrections == records
    finally:
        store.close()
