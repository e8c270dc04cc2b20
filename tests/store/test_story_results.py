"""Each story's own results, stored after the story stages for the stories big enough to need
it, are those worked out on demand, and are used only while they still hold."""

from __future__ import annotations

import json
from pathlib import Path

from newsdesk.store import open_store
from newsdesk.story.one import STORED_FROM, store_story_results, stored_export, story_export
from newsdesk.story.regroup import split_off
from tests.api.conftest import copy_db


def test_a_big_storys_results_are_stored_and_equal_to_the_worked_out_ones(mixed_db: Path, tmp_path: Path) -> None:
    db = copy_db(mixed_db, tmp_path / "mixed.db")
    with open_store(db) as store:
        stories = store.stories()
        big = [s for s in stories if len(s.documents) >= STORED_FROM]
        assert big, "the demo's dam story is big enough to be stored"
        assert set(store.story_result_fingerprints()) == {s.id for s in big}
        for story in big:
            stored = stored_export(store, story)
            assert stored is not None
            assert stored == json.loads(json.dumps(story_export(store, story.id), ensure_ascii=False))
        assert store_story_results(store) == 0  # nothing changed: nothing built again
        # A split changes the story: its stored results no longer hold, and are built again or forgotten.
        (dam,) = big
        store.add_story_correction(split_off(store, dam.id, [dam.documents[0]], "a", "b", "2026-03-20T10:00:00+00:00"))
        now = store.story(dam.id)
        assert now is not None and stored_export(store, now) is None
        store_story_results(store)
        found = store.story_result(dam.id)
        if len(now.documents) >= STORED_FROM:
            assert found is not None and json.loads(found[1])["stories"][0]["id"] == dam.id
        else:
            assert found is None
