"""Each story's own results, stored after the story stages for the stories big enough to need
it, are those worked out on demand, and are used only while they still hold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import cast

import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.report.brief import to_html, to_markdown
from newsdesk.store import open_store
from newsdesk.story import one
from newsdesk.story.one import STORED_FROM, store_story_results, stored_export, story_briefing, story_export
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


@pytest.fixture(params=["mixed_sqlite", "mixed_pg"])
def mixed_pile(request: pytest.FixtureRequest) -> Path | str:
    return cast(Path | str, request.getfixturevalue(request.param))


def test_brief_and_export_of_a_stored_story_read_its_results(
    mixed_pile: Path | str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``newsdesk brief --story`` and ``export --story`` of a story whose results are stored read
    them (the story stages do not run again) and write what they wrote from the worked-out ones,
    byte for byte; a story too small to be stored is still worked out."""
    db = str(mixed_pile)
    with open_store(db, read_only=True) as store:
        stories = store.stories()
        expected = {
            story.id: (
                to_markdown(story_briefing(story_export(store, story.id))),
                to_html(story_briefing(story_export(store, story.id))),
            )
            for story in stories
        }
    stored = [s for s in stories if len(s.documents) >= STORED_FROM]
    assert stored and len(stored) < len(stories)
    runner = CliRunner()
    exports = {s.id: runner.invoke(main, ["export", "--db", db, "--read-only", "--story", s.id]).stdout for s in stored}

    def worked_out(*_: object) -> None:
        raise AssertionError("the story stages ran for a story whose results are stored")

    monkeypatch.setattr(one, "story_tables", worked_out)
    for story in stored:
        for fmt, want in zip(("md", "html"), expected[story.id], strict=True):
            found = runner.invoke(main, ["brief", "--db", db, "--read-only", "--format", fmt, "--story", story.id])
            assert found.exit_code == 0, found.output
            assert found.stdout == want
        again = runner.invoke(main, ["export", "--db", db, "--read-only", "--story", story.id])
        assert again.exit_code == 0 and again.stdout == exports[story.id]
    small = next(s for s in stories if len(s.documents) < STORED_FROM)
    assert runner.invoke(main, ["brief", "--db", db, "--read-only", "--story", small.id]).exit_code != 0
