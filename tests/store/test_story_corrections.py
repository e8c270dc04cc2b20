"""The analysts' corrections of the stories outlast every later run of the story stage: a new
ingest, ``rebuild``, and the stage merging back what an analyst split."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.corpus.corrections import BadCorrection, UnknownTarget
from newsdesk.corpus.stories import Merge, StoryChanges
from newsdesk.ingest import ingest_paths
from newsdesk.store import open_store
from newsdesk.store.base import Store
from newsdesk.story.regroup import merge_stories, move_articles, split_off
from tests.conftest import DEMO, FEED, need

WHEN = "2026-03-20T10:00:00+00:00"


def _members(db: Path) -> dict[str, set[str]]:
    with open_store(db) as store:
        return {s.id: set(s.documents) for s in store.stories()}


def test_a_split_and_a_move_survive_a_new_ingest_and_a_rebuild(tmp_path: Path) -> None:
    db = tmp_path / "pile.db"
    with open_store(db) as store:
        assert ingest_paths([str(need(DEMO))], store).ok
        (dam,) = [s for s in store.stories() if len(s.documents) >= 4]
        chosen = list(dam.documents[:2])
        split = split_off(store, dam.id, chosen, "analyst", "reported a week later", WHEN)
        assert store.add_story_correction(split)
        assert not store.add_story_correction(split)  # stored once
    before = _members(db)
    (new,) = [story for story, docs in before.items() if docs == set(chosen)]
    assert before[dam.id] == set(dam.documents) - set(chosen)
    with open_store(db) as store:
        assert ingest_paths([str(FEED)], store).ok  # new articles: the story stage runs again
        feed = [d for d in store.document_stories(list(_all(store))).items() if d[1][0] not in before]
        assert feed, "the feed's articles make stories of their own"
        moved = feed[0][0]
        store.add_story_correction(move_articles(store, [moved], dam.id, "analyst", "same dam", WHEN))
    after_ingest = _members(db)
    assert after_ingest[new] == set(chosen)
    assert moved in after_ingest[dam.id] and not set(chosen) & after_ingest[dam.id]
    result = CliRunner().invoke(main, ["rebuild", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert _members(db) == after_ingest


def _all(store: Store) -> list[str]:
    return [d.id for d in store.documents(annotations=False)]


def test_a_split_stands_when_the_story_stage_merges_it_back(tmp_path: Path) -> None:
    db = tmp_path / "pile.db"
    with open_store(db) as store:
        assert ingest_paths([str(need(DEMO))], store).ok
        (dam,) = [s for s in store.stories() if len(s.documents) >= 4]
        store.add_story_correction(split_off(store, dam.id, list(dam.documents[:2]), "a", "b", WHEN))
        (new,) = [s.id for s in store.stories() if s.id != dam.id and set(s.documents) == set(dam.documents[:2])]
        # A bridging article makes the stage merge the two (as it records its own merges).
        store.story_book().apply(StoryChanges(merges=[Merge(dam.id, new, None, 0.5)], removed={new}))
        stories = {s.id: set(s.documents) for s in store.stories()}
    assert stories[new] == set(dam.documents[:2])
    assert stories[dam.id] == set(dam.documents[2:])


def test_a_merge_keeps_the_older_id_and_the_merged_id_leads_to_it(tmp_path: Path) -> None:
    db = tmp_path / "pile.db"
    with open_store(db) as store:
        assert ingest_paths([str(need(DEMO)), str(FEED)], store).ok
        stories = store.stories()
        small = sorted((s for s in stories if len(s.documents) < 4), key=lambda s: s.id)
        assert len(small) == 2
        store.add_story_correction(merge_stories(store, [s.id for s in small], "a", "one event", WHEN))
        after = store.stories()
        assert len(after) == 2
        kept = store.story_of(small[0].id)
        assert kept == store.story_of(small[1].id)
        both = store.story(small[1].id)
        assert both is not None and both.id == kept
        assert set(both.documents) == {d for s in small for d in s.documents}
        assert set(both.merged_from) >= {s.id for s in small} - {kept}


def test_corrections_that_make_no_sense_are_refused(tmp_path: Path) -> None:
    db = tmp_path / "pile.db"
    with open_store(db) as store:
        assert ingest_paths([str(need(DEMO)), str(FEED)], store).ok
        stories = store.stories()
        one = stories[0]
        with pytest.raises(UnknownTarget):
            split_off(store, "s-none", [one.documents[0]], "a", "b", WHEN)
        with pytest.raises(UnknownTarget):
            move_articles(store, ["d-none"], one.id, "a", "b", WHEN)
        with pytest.raises(BadCorrection):
            split_off(store, one.id, list(one.documents), "a", "b", WHEN)  # nothing would stay
        with pytest.raises(BadCorrection):
            split_off(store, one.id, [stories[1].documents[0]], "a", "b", WHEN)  # not its article
        with pytest.raises(BadCorrection):
            merge_stories(store, [one.id, one.id], "a", "b", WHEN)
        with pytest.raises(BadCorrection):
            move_articles(store, [one.documents[0]], one.id, "a", "b", WHEN)  # there already
        with pytest.raises(BadCorrection):
            merge_stories(store, [one.id, stories[1].id], "a", " ", WHEN)
        assert store.story_corrections() == []
