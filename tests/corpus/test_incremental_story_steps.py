"""The speaker links, story time and relation edges steps recompute only the documents touched
since their last run (``newsdesk.corpus.story_memo``), and a sequence of ingests stores what a
rebuild stores, on both stores: the speaker links (and the names they are listed under), the
reference dates, every document's times as re-read, the timeline and the network's edges. An old
undated article is dated again when a new dated article names its actors or reports its days
(articles written here), and leaving that rule out is caught."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsdesk.corpus import relations, speakers, timeline
from newsdesk.corpus.story_memo import StepChange, StoryView
from newsdesk.ingest import ingest_paths
from newsdesk.ingest.run import run_corpus_stages
from newsdesk.settings import Settings
from newsdesk.store import open_store
from newsdesk.store.base import Store
from newsdesk.store.shared import SharedStore
from tests.conftest import BBC, DEMO, need

SETTINGS = Settings(processes=1)
STEPS = (speakers.EXTRACTOR, timeline.EXTRACTOR, relations.EXTRACTOR)


def _tables(store: Store) -> dict[str, Any]:
    ids = [d.id for d in store.documents(annotations=False)]
    names = store._db.execute("SELECT name_key FROM speaker_names ORDER BY name_key")  # type: ignore[attr-defined]
    return {
        "speakers": store.quote_speakers(ids),
        "speaker names": [row[0] for row in names],
        "references": store.reference_dates(),
        "times": {d.id: d.times for d in store.documents(annotations={"times"})},
        "timeline": store.timeline(),
        "edges": store.relation_edges(ids),
    }


def _batched_and_rebuilt(batches: list[list[str]], location: str) -> tuple[dict[str, Any], dict[str, Any]]:
    with open_store(location) as store:
        for batch in batches:
            report = ingest_paths(batch, store, SETTINGS)
            assert report.ok and report.stored, report.failed
        batched = _tables(store)
        run_corpus_stages(store, SETTINGS, fresh=True)
        return batched, _tables(store)


def _check(batches: list[list[str]], location: str) -> dict[str, Any]:
    batched, rebuilt = _batched_and_rebuilt(batches, location)
    assert batched["references"] and batched["timeline"] and batched["speakers"], "a story with nothing to compare"
    for table in batched:
        assert batched[table] == rebuilt[table], table
    return batched


def _demo() -> list[str]:
    return sorted(str(p) for p in DEMO.iterdir() if p.suffix in {".txt", ".html", ".jsonl"})


def test_the_demo_added_in_three_batches_stores_what_a_rebuild_stores(location: str) -> None:
    files = _demo()
    found = _check([files[:3], files[3:6], files[6:]], location)
    assert found["edges"], "the demo states relations"


def test_bbc_articles_added_in_four_batches_store_what_a_rebuild_stores(location: str) -> None:
    corpus = need(BBC)
    files = [
        str(p)
        for topic in ("business", "politics", "tech", "sport")
        for p in sorted((corpus / topic).glob("*.txt"))[:15]
    ]
    _check([files[0::4], files[1::4], files[2::4], files[3::4]], location)


# Two cases of an old undated article dated anew by a new dated one, each found by one rule of the
# story time's touched set (the rule's function in ``corpus.timeline``): the new article names
# the old one's actors (its provisional day), or dates a happening the old one gives only a
# weekday for (a day bucket its weekday is looked up in; no actor named).
CASES = {
    "_sharing_actors": (
        """Harbour talks stall in Corvane

Officials said that the talks between Mirela Danvik and Tomas Orlen had stalled again yesterday. Danvik and Orlen will meet again next week.
""",
        """Corvane harbour talks resume
Published: 14 March 2026

Mirela Danvik and Tomas Orlen resumed the harbour talks in Corvane, after weeks of delay. Orlen said the deal would open the port.
""",
    ),
    "_looking_up": (
        """Old bridge falls

The old bridge collapsed on Saturday, officials said. Nobody was hurt when the bridge collapsed into the river.
""",
        """Bridge collapse
Published: 16 March 2026

The old bridge collapsed on March 14, 2026. Engineers had warned for years that the bridge would fail.
""",
    ),
}


def _written(folder: Path, case: str) -> tuple[str, str]:
    folder.mkdir()
    undated, dated = folder / "a_undated.txt", folder / "b_dated.txt"
    undated.write_text(CASES[case][0])
    dated.write_text(CASES[case][1])
    return str(undated), str(dated)


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_new_dated_article_dates_an_old_undated_one_again(tmp_path: Path, location: str, case: str) -> None:
    undated, dated = _written(tmp_path / "articles", case)
    with open_store(location) as store:
        assert ingest_paths([undated], store, SETTINGS).ok
        [old] = [d.id for d in store.documents(annotations=False)]
        before = store.reference_dates().get(old)
        assert ingest_paths([dated], store, SETTINGS).ok
        after = store.reference_dates()[old]
        batched = _tables(store)
        run_corpus_stages(store, SETTINGS, fresh=True)
        assert _tables(store) == batched
    assert after.how == "inferred" and after != before, (before, after)


@pytest.mark.parametrize("case", sorted(CASES))
def test_leaving_out_a_rule_of_the_touched_set_is_caught(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    # The old article's own digest does not change: only the rule dates it again.
    monkeypatch.setattr(timeline, case, lambda *args: set())
    undated, dated = _written(tmp_path / "articles", case)
    batched, rebuilt = _batched_and_rebuilt([[undated], [dated]], str(tmp_path / "store.db"))
    assert batched["references"] != rebuilt["references"]


def test_an_add_recomputes_only_the_touched_documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    changes: list[StepChange] = []
    for method in ("replace_speaker_links", "replace_relation_edges", "replace_story_time"):
        original = getattr(SharedStore, method)

        def spy(self: SharedStore, *args: Any, _original: Any = original) -> None:
            changes.append(args[-1])
            _original(self, *args)

        monkeypatch.setattr(SharedStore, method, spy)
    files = _demo()
    with open_store(tmp_path / "store.db") as store:
        assert ingest_paths(files[:6], store, SETTINGS).ok
        old = {d.id for d in store.documents(annotations=False)}
        assert ingest_paths(files[6:], store, SETTINGS).ok
        new = {d.id for d in store.documents(annotations=False)} - old
        run_corpus_stages(store, SETTINGS)
    first, second, third = changes[:3], changes[3:6], changes[6:]
    assert {c.step for c in first} == set(STEPS) and all(set(c.recomputed) == old for c in first)
    for change in second:
        assert not change.fresh and new <= set(change.recomputed), change.step
    # The speaker links and the edges of articles the batch does not touch stay as stored.
    assert any(set(c.recomputed) < old | new for c in second)
    # With nothing new, nothing is recomputed.
    assert [c.recomputed for c in third] == [{}, {}, {}]


def test_a_run_with_the_memo_and_nothing_new_gives_the_stored_story(tmp_path: Path) -> None:
    with open_store(tmp_path / "store.db") as store:
        assert ingest_paths(_demo(), store, SETTINGS).ok
        documents = list(store.documents())
        entities = store.entities()
        memos = {step: store.step_memo(step) for step in STEPS}
        stored = store.timeline()
    found = timeline.date_story(documents, entities, memos[timeline.EXTRACTOR])
    assert not found.change.recomputed and not found.references
    assert found.times == {d.id: d.times for d in documents} and found.timeline == stored
    whole = timeline.date_story(documents, entities)
    assert set(whole.change.recomputed) == {d.id for d in documents} and whole.timeline == stored
    view = StoryView(entities)
    assert speakers.incremental_links(documents, view, memos[speakers.EXTRACTOR]) == (
        [],
        StepChange(speakers.EXTRACTOR, False, {}),
    )
    assert relations.incremental_edges(documents, view, memos[relations.EXTRACTOR])[0] == []
