"""Two worker processes give exactly what one process gives."""

from __future__ import annotations

from pathlib import Path

from newsdesk.ingest import ingest_paths
from newsdesk.settings import Settings
from newsdesk.store import open_store
from newsdesk.story.export import build_export
from tests.conftest import DEMO


def _export(db: Path, processes: int) -> dict[str, object]:
    with open_store(db) as store:
        report = ingest_paths([str(DEMO)], store, Settings(processes=processes, batch_size=2))
        assert report.stored and not report.failed
        export = build_export(store.documents(), store.entities())
    for document in export["documents"]:
        document.pop("extractors")
    return export


def test_two_processes_match_one(tmp_path: Path) -> None:
    one = _export(tmp_path / "one.db", 1)
    two = _export(tmp_path / "two.db", 2)
    assert one["entities"] and one == two


def test_a_missing_model_is_one_clear_error(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsdesk.cli import main

    for extra in ([], ["--processes", "2"]):
        result = CliRunner().invoke(
            main, ["ingest", "-q", "--db", str(tmp_path / "m.db"), "--model", "en_no_such_model", *extra, str(DEMO)]
        )
        assert result.exit_code == 1
        assert "no spaCy pipeline found (tried en_no_such_model)" in result.stderr
