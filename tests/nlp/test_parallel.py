"""Two worker processes give exactly what one process gives."""

from __future__ import annotations

from pathlib import Path

from newsdesk.ingest import ingest_paths
from newsdesk.report.export import build_export
from newsdesk.settings import Settings
from newsdesk.store import open_store
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
