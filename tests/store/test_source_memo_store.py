"""Copy detection's memo on both stores (``newsdesk.store.source_memo``, SQLite migration 0030,
PostgreSQL 0018): an ingest keeps each body's postings, and a copy of a stored article added
later is found through them, as the rebuild finds it, without counting the frequencies again.
The claims' memo keeps each document's derived statements (SQLite 0031, PostgreSQL 0019), read
back as they were derived."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from newsdesk.corpus import claim_memo, copies
from newsdesk.corpus.claims import statements_of
from newsdesk.corpus.similarity import tokens
from newsdesk.corpus.stages import run_story_stages
from newsdesk.model import entity_at
from newsdesk.settings import Settings
from newsdesk.store import open_store
from tests.pg_fixture import STORES, writable_store


@pytest.fixture(params=STORES)
def demo_copy(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return writable_store(request, "demo", tmp_path)


def test_a_copy_added_later_is_found_through_the_stored_postings(demo_copy: str) -> None:
    with open_store(demo_copy) as store:
        documents = list(store.documents())
        before = store.source_memo(copies.VERSION)
        assert before.frequencies is not None and set(before.bodies) == {d.id for d in documents}
        original = max(documents, key=lambda d: len(d.body))
        assert store.source_postings([]) == []
        derived = store.claim_memo(claim_memo.VERSION).derived
        assert set(derived) == {d.id for d in documents}
        # What is read back is what the claims stage derives of the article now.
        at = entity_at(store.entities())
        kept = claim_memo.unpacked(derived[original.id][1])
        assert kept.statements == statements_of(original, at, propositions=True) and kept.readings
        copy = replace(original, id="wire-copy", source="wire/copy.txt", outlet=None, reported_from=())
        store.add(copy)
        run_story_stages(store, Settings())
        after = store.source_memo(copies.VERSION)
        sources = store.sources()
        # Taken the incremental way: the frequencies as counted at the first ingest.
        assert after.frequencies == before.frequencies
        assert ("wire-copy", original.id) in after.copies or (original.id, "wire-copy") in after.copies
        assert sources["wire-copy"] == sources[original.id] != "wire/copy.txt"
        # The copy is indexed under the original's terms, with the original's weights.
        postings = store.source_postings(tokens(copy.body))
        mine = {(t, w) for t, d, w in postings if d == "wire-copy"}
        assert mine and mine == {(t, w) for t, d, w in postings if d == original.id}
        run_story_stages(store, Settings(), fresh=True)
        assert store.sources() == sources
        rebuilt = store.source_memo(copies.VERSION)
        assert rebuilt.bodies == after.bodies and sorted(rebuilt.copies) == sorted(after.copies)
        assert rebuilt.frequencies == after.frequencies
        claims_memo = store.claim_memo(claim_memo.VERSION)
        assert set(claims_memo.derived) == {d.id for d in documents} | {"wire-copy"}
