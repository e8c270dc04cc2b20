"""Articles added in several batches give, through the incremental story stages, what a rebuild
from scratch gives (``newsdesk.corpus.stages``, ``newsdesk.corpus.claim_memo``, ``newsdesk.corpus.copies``): the whole export
(ids and content) is compared, on the demo corpus in 3 batches and on 120 BBC articles in 4. At least one batch must be taken
the incremental way (the word frequencies not counted again), else the test tests nothing."""

from __future__ import annotations

import dataclasses
import io
import json
import math
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from newsdesk.corpus import claim_memo, copies
from newsdesk.corpus import claims as claims_module
from newsdesk.corpus.claims import incremental_claims, statements_of
from newsdesk.corpus.entities import resolve_entities
from newsdesk.ingest import ingest_paths
from newsdesk.ingest.run import run_corpus_stages
from newsdesk.model import Document
from newsdesk.settings import Settings
from newsdesk.store import open_store
from newsdesk.store.memo import ClaimMemo
from newsdesk.store.sqlite import SQLiteStore
from newsdesk.story.export import write_export
from tests.conftest import BBC, DEMO, need

SETTINGS = Settings(processes=1)


def _export(store: SQLiteStore) -> dict[str, Any]:
    stream = io.StringIO()
    write_export(store, stream, "json")
    found: dict[str, Any] = json.loads(stream.getvalue())
    found.pop("generated_at", None)
    return found


def _batched_and_rebuilt(batches: list[list[str]], path: Path) -> tuple[dict[str, Any], dict[str, Any], int]:
    with open_store(path) as store:
        counted: list[tuple[int, int]] = []
        for batch in batches:
            report = ingest_paths(batch, store, SETTINGS)
            assert report.ok and report.stored, report.failed
            assert not store.story_stale()
            frequencies = store.claim_memo(claim_memo.VERSION).frequencies
            bodies = store.source_memo(copies.VERSION).frequencies
            assert frequencies is not None and bodies is not None
            counted.append((frequencies.statements, bodies.statements))
        # A batch after which the frequencies stayed as they were judged only its own pairs (and
        # compared only its own bodies): the incremental path was taken (else every run
        # recounted, and judged every pair).
        for kind in (0, 1):
            assert any(after[kind] == before[kind] for before, after in pairwise(counted)), counted
        batched = _export(store)
        judged = len(store.claim_memo(claim_memo.VERSION).pairs)
        run_corpus_stages(store, SETTINGS, fresh=True)
        assert len(store.claim_memo(claim_memo.VERSION).pairs) == judged
        return batched, _export(store), judged


def _check(batches: list[list[str]], tmp_path: Path) -> None:
    batched, rebuilt, judged = _batched_and_rebuilt(batches, tmp_path / "batched.db")
    assert batched["claims"] and judged, "a story with no claims tests nothing"
    assert any(len(c["sources"]) > 1 for c in batched["claims"]), "no claim joins two articles"
    assert batched.keys() == rebuilt.keys()
    for section in batched:
        assert batched[section] == rebuilt[section], section


def test_the_demo_story_added_in_three_batches_is_the_story_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each demo article brings many words the few before it never had, which counts the
    # frequencies again at every batch (cheap on a small story); kept as first counted here, so
    # that the batches after the first take the incremental path.
    monkeypatch.setattr(claim_memo, "UNSEEN", 1.0)
    monkeypatch.setattr(claim_memo, "GROWTH", math.inf)
    monkeypatch.setattr(copies, "UNSEEN", 1.0)
    monkeypatch.setattr(copies, "GROWTH", math.inf)
    files = sorted(str(p) for p in DEMO.iterdir() if p.suffix in {".txt", ".html", ".jsonl"})
    _check([files[:5], files[5:6], files[6:]], tmp_path)


def test_120_bbc_articles_in_four_batches_are_the_story_rebuilt(tmp_path: Path) -> None:
    corpus = need(BBC)
    topics = ("business", "politics", "tech", "sport")
    files = [str(p) for topic in topics for p in sorted((corpus / topic).glob("*.txt"))[:30]]
    # Every topic in the first batch, as a story's first articles tell its subject.
    _check([files[0::2], files[1::6], files[3::6], files[5::6]], tmp_path)


def test_a_run_with_nothing_new_judges_no_pair_again(tmp_path: Path) -> None:
    files = sorted(str(p) for p in DEMO.iterdir() if p.suffix in {".txt", ".html", ".jsonl"})
    with open_store(tmp_path / "demo.db") as store:
        assert ingest_paths(files, store, SETTINGS).ok
        documents = list(store.documents())
        memo = store.claim_memo(claim_memo.VERSION)
        entities = store.entities()
        timeline = store.timeline()
        sources = store.sources()
        claims = store.claims()
    assert memo.frequencies is not None and memo.pairs
    again, change = incremental_claims(documents, entities, timeline, sources, memo=memo)
    assert change is not None and not change.fresh and not change.pairs and not change.fingerprints
    assert [c.id for c in again] == [c.id for c in claims]
    # Forgetting the memo judges every pair again, and finds the same.
    whole, fresh = incremental_claims(
        documents, entities, timeline, sources, memo=ClaimMemo(memo.frequencies, forget=True)
    )
    assert fresh is not None and fresh.fresh and len(fresh.pairs) == len(memo.pairs)
    assert whole == again


def test_a_document_whose_entities_changed_is_judged_again(tmp_path: Path) -> None:
    files = sorted(str(p) for p in DEMO.iterdir() if p.suffix in {".txt", ".html", ".jsonl"})
    with open_store(tmp_path / "demo.db") as store:
        assert ingest_paths(files, store, SETTINGS).ok
        documents = list(store.documents())
        memo = store.claim_memo(claim_memo.VERSION)
        timeline, sources = store.timeline(), store.sources()
    # Resolved over the first article alone, the others' names are no entity: their statements
    # read otherwise, so every other document is touched.
    alone = resolve_entities(documents[:1])
    _, change = incremental_claims(documents, alone, timeline, sources, memo=memo)
    assert change is not None
    assert set(change.fingerprints) >= {d.id for d in documents[1:]} - {d.id for d in documents if not d.propositions}


def test_only_the_documents_whose_inputs_changed_are_derived_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = sorted(str(p) for p in DEMO.iterdir() if p.suffix in {".txt", ".html", ".jsonl"})
    with open_store(tmp_path / "demo.db") as store:
        assert ingest_paths(files, store, SETTINGS).ok
        documents = list(store.documents())
        memo = store.claim_memo(claim_memo.VERSION)
        entities, timeline, sources = store.entities(), store.timeline(), store.sources()
        claims = store.claims()
    assert set(memo.derived) == {d.id for d in documents}
    again, change = incremental_claims(documents, entities, timeline, sources, memo=memo)
    assert change is not None and not change.derived and not change.gone
    assert [c.id for c in again] == [c.id for c in claims]
    # What is kept is what is used: nothing is derived again, until the memo is forgotten.
    derived: list[str] = []

    def counted(document: Document, *args: Any, **kwargs: Any) -> Any:
        derived.append(document.id)
        return statements_of(document, *args, **kwargs)

    monkeypatch.setattr(claims_module, "statements_of", counted)
    kept, _ = incremental_claims(documents, entities, timeline, sources, memo=memo)
    assert derived == [] and kept == again
    whole, fresh = incremental_claims(
        documents, entities, timeline, sources, memo=dataclasses.replace(memo, forget=True)
    )
    assert fresh is not None and set(fresh.derived) == {d.id for d in documents} and whole == again
    assert derived == [d.id for d in documents]
    # One article's times re-read otherwise: that article alone is derived again.
    first = documents[0]
    redated = [dataclasses.replace(first, times=first.times[1:]), *documents[1:]]
    _, change = incremental_claims(redated, entities, timeline, sources, memo=memo)
    assert change is not None and set(change.derived) == {first.id}
