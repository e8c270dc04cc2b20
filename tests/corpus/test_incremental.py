"""Articles added in several batches give the same story as one run over all of them, and a
rebuild from scratch changes nothing: the contract every incremental story stage must keep
(``newsdesk.corpus.stages``). On the demo corpus and on 30 BBC articles in 3 batches."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsdesk.ingest import ingest_paths
from newsdesk.ingest.run import run_corpus_stages
from newsdesk.settings import Settings
from newsdesk.store import open_store
from newsdesk.store.sqlite import SQLiteStore
from tests.conftest import BBC, DEMO, need

SETTINGS = Settings(processes=1)


def _story(store: SQLiteStore) -> dict[str, Any]:
    return {
        "documents": sorted(d.id for d in store.documents()),
        "entities": store.entities(),
        "references": store.reference_dates(),
        "timeline": store.timeline(),
        "claims": store.claims(),
        "sources": store.sources(),
    }


def _in_batches(batches: list[list[str]], path: Path) -> dict[str, Any]:
    with open_store(path) as store:
        for batch in batches:
            report = ingest_paths(batch, store, SETTINGS)
            assert report.ok and report.stored, report.failed
            assert not store.story_stale()
        return _story(store)


def _at_once_and_rebuilt(files: list[str], path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    with open_store(path) as store:
        assert ingest_paths(files, store, SETTINGS).ok
        once = _story(store)
        run_corpus_stages(store, SETTINGS)
        return once, _story(store)


def _check(batches: list[list[str]], tmp_path: Path) -> None:
    batched = _in_batches(batches, tmp_path / "batched.db")
    once, rebuilt = _at_once_and_rebuilt([f for batch in batches for f in batch], tmp_path / "once.db")
    assert once == rebuilt
    assert batched["claims"], "a story with no claims tests nothing"
    for table in once:
        assert batched[table] == once[table], table


def test_the_demo_story_added_in_three_batches_is_the_story_built_at_once(tmp_path: Path) -> None:
    files = sorted(str(p) for p in DEMO.iterdir() if p.suffix in {".txt", ".html", ".jsonl"})
    _check([files[0::3], files[1::3], files[2::3]], tmp_path)


def test_thirty_bbc_articles_in_three_batches_are_the_story_built_at_once(tmp_path: Path) -> None:
    corpus = need(BBC)
    files = [str(p) for topic in ("business", "politics", "tech") for p in sorted((corpus / topic).glob("*.txt"))[:10]]
    _check([files[0::3], files[1::3], files[2::3]], tmp_path)
