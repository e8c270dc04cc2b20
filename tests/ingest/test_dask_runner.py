"""The Dask runner: the demo corpus analysed on a 2-worker LocalCluster and stored in PostgreSQL
gives the export of the serial ingest into SQLite, ids and content; failures read the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.ingest import ingest_paths
from newsdesk.ingest.dask_runner import dask_analyser, parse_local
from newsdesk.settings import Settings
from newsdesk.store import open_store
from newsdesk.story.export import export_store
from tests.conftest import DEMO

# Written for this test.
GOOD = "Ferry service resumes\n\nThe ferry between Holm and Varsa resumed on Monday after a storm damaged the pier.\n"


def test_the_demo_corpus_on_two_dask_workers_exports_as_the_serial_ingest(
    demo_db: Path, pg_url: str, tmp_path: Path
) -> None:
    settings = Settings()
    with dask_analyser("local:2", settings) as (analyser, where):
        assert "2 workers" in where
        with open_store(pg_url) as postgres:
            report = ingest_paths([str(DEMO)], postgres, settings, analyser=analyser)
            assert report.stored and not report.failed
            on_dask = export_store(postgres)
        # A failure on a worker is reported as the local ingest reports it.
        folder = tmp_path / "more"
        folder.mkdir()
        (folder / "good.txt").write_text(GOOD, encoding="utf-8")
        (folder / "huge.txt").write_text("Headline\n\n" + "word " * 25_000, encoding="utf-8")
        with open_store(pg_url) as postgres:
            remote = ingest_paths([str(folder)], postgres, settings, analyser=analyser)
    with open_store(demo_db) as sqlite:
        serial = export_store(sqlite)
    assert [d["id"] for d in on_dask["documents"]] == [d["id"] for d in serial["documents"]]
    assert on_dask == serial
    with open_store(tmp_path / "local.db") as local_store:
        local = ingest_paths([str(folder)], local_store, settings)
    assert len(remote.stored) == len(local.stored) == 1
    assert [(f.source, f.reason) for f in remote.failed] == [(f.source, f.reason) for f in local.failed]
    assert len(remote.failed) == 1


@pytest.mark.parametrize("spec", ["local:0", "local:x", "tcp", "local:2 workers"])
def test_a_malformed_local_cluster_is_refused(spec: str) -> None:
    with pytest.raises(ValueError, match="local:N"):
        parse_local(spec)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--dask", "local:2", "--scheduler", "tcp://127.0.0.1:8786"], "not both"),
        (["--dask", "local:2", "--processes", "2"], "--processes is for the local ingest"),
        (["--dask", "two"], "local:N"),
    ],
)
def test_the_cli_refuses_conflicting_engines(arguments: list[str], message: str, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsdesk.cli import main

    result = CliRunner().invoke(main, ["ingest", str(DEMO), "--db", str(tmp_path / "x.db"), *arguments])
    assert result.exit_code == 2 and message in result.output
    assert not (tmp_path / "x.db").exists()
