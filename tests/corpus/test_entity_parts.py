"""Entity resolution by independent parts (``newsdesk.corpus.entity_parts``): resolving again only
the parts of the story's mentions that a batch touches, and keeping the other parts' entities as
they were, gives what resolving every mention gives (the same entities, the same mentions in each,
the same ids), on the demo corpus and on BBC articles added in several batches. A part key left
out (a surname no longer linked to the full names it joins) is caught."""

from __future__ import annotations

import dataclasses
import random
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.corpus import entity_parts
from newsdesk.corpus.entities import resolve_entities
from newsdesk.corpus.entity_parts import StoredPartition, partition, resolve_by_parts
from newsdesk.ingest.readers import read_file
from newsdesk.model import Document, Entity, RawArticle
from newsdesk.pipeline import analyse_many
from newsdesk.settings import Settings
from tests.conftest import BBC, DEMO, need

SETTINGS = Settings(processes=1)


def _analysed(paths: Sequence[Path]) -> list[Document]:
    raws = [r for path in paths for r in read_file(path, SETTINGS) if isinstance(r, RawArticle)]
    found = [d for d in analyse_many(raws, SETTINGS) if isinstance(d, Document)]
    return list({d.id: d for d in found}.values())


@pytest.fixture(scope="module")
def demo() -> list[Document]:
    return _analysed(sorted(p for p in DEMO.iterdir() if p.suffix in {".txt", ".html", ".jsonl"}))


@pytest.fixture(scope="module")
def bbc() -> list[Document]:
    corpus = need(BBC)
    # Politics and business name the same people and organisations across articles.
    return _analysed([p for topic in ("politics", "business") for p in sorted((corpus / topic).glob("*.txt"))[:40]])


@pytest.fixture(params=["demo", "bbc"])
def story(request: pytest.FixtureRequest) -> list[Document]:
    documents: list[Document] = request.getfixturevalue(request.param)
    return documents


def _normal(entities: Sequence[Entity]) -> dict[str, Entity]:
    """Entities by id, with their mentions and links in one order (as the store reads them)."""
    return {
        e.id: dataclasses.replace(
            e,
            mentions=tuple(sorted(e.mentions, key=lambda m: (m.doc, m.span.start, m.span.end))),
            links=tuple(sorted(e.links, key=lambda link: (link.target, link.relation))),
        )
        for e in entities
    }


def _by_part(entities: Sequence[Entity], parts: dict[str, str]) -> dict[str, list[Entity]]:
    grouped: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities:
        grouped[parts[entity.id]].append(entity)
    return grouped


def test_every_entity_lies_in_one_part_and_the_parts_are_many(story: list[Document]) -> None:
    found = partition(story)
    entities = resolve_entities(story)
    for entity in entities:
        assert len({found.part_of[(m.doc, m.span.start, m.span.end)] for m in entity.mentions}) == 1, entity.name
    mentions = sum(len(d.mentions) for d in story)
    # Not one part holding the story: most of it would then be resolved again at every batch.
    assert len(found.mentions) > len(entities) / 4
    assert max(len(keys) for keys in found.mentions.values()) < mentions / 3


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 2**32))
def test_parts_kept_as_resolved_give_the_story_resolved_whole(demo: list[Document], seed: int) -> None:
    _kept_at_random(demo, seed)


@settings(max_examples=6, deadline=None)
@given(seed=st.integers(0, 2**32))
def test_parts_of_bbc_articles_kept_as_resolved_give_the_story_resolved_whole(bbc: list[Document], seed: int) -> None:
    _kept_at_random(bbc, seed)


def _kept_at_random(story: list[Document], seed: int) -> None:
    whole = resolve_by_parts(story)
    assert _normal(whole.entities) == _normal(resolve_entities(story))
    grouped = _by_part(whole.entities, whole.parts)
    chosen = random.Random(seed).sample(sorted(grouped), len(grouped) // 2)
    again = resolve_by_parts(story, kept={part: grouped[part] for part in chosen})
    assert again.kept_parts == len(chosen)
    assert _normal(again.entities) == _normal(whole.entities)
    assert again.parts == whole.parts


def _batches(story: list[Document], count: int) -> Iterator[list[Document]]:
    """The story as it grows, batch by batch (every topic in the first), each batch after those
    before it (as the store reads them back)."""
    for size in (len(story) * (n + 1) // count for n in range(count)):
        yield [story[i] for i in sorted(range(len(story)), key=lambda i: (i % count, i))[:size]]


def _batched_against_whole(story: list[Document], count: int) -> tuple[set[str], int]:
    """The ids of entities that differ (or lie in another part) between the batches resolved by
    parts (each run keeping the parts the run before stored, and partitioning again only the parts
    its new mentions reach in the partition stored) and the story resolved whole, and how many
    parts were kept."""
    kept: dict[str, list[Entity]] = {}
    stored = StoredPartition()
    kept_parts = 0
    for documents in _batches(story, count):
        found = resolve_by_parts(documents, kept=kept, source=stored)
        stored.store(found)
        kept_parts += found.kept_parts
        kept = _by_part(found.entities, found.parts)
    batched, whole = _normal(found.entities), _normal(resolve_entities(documents))
    parts = resolve_by_parts(documents).parts
    differing = {i for i in batched.keys() | whole.keys() if batched.get(i) != whole.get(i)}
    return differing | {i for i in parts.keys() | found.parts.keys() if parts.get(i) != found.parts.get(i)}, kept_parts


def test_batches_resolved_by_parts_are_the_story_resolved_whole(story: list[Document]) -> None:
    differing, kept_parts = _batched_against_whole(story, 4)
    assert not differing
    assert kept_parts, "no part kept: the test tests nothing"


def test_a_batch_keys_only_its_mentions_and_reads_only_the_parts_they_reach(bbc: list[Document]) -> None:
    stored = StoredPartition()
    before: list[Document] = []
    for documents in _batches(bbc, 4):
        stored.parts_read = set()
        found = resolve_by_parts(documents, source=stored)
        new = {(d.id, m.span.start, m.span.end) for d in documents[len(before) :] for m in d.mentions}
        assert {d.id for d in before} == {d.id for d in documents[: len(before)]}
        if before:
            old = sum(len(d.mentions) for d in before)
            # The new mentions, and the few stored ones the batch's votes place anew.
            assert new <= found.keyed and len(found.keyed - new) < old / 50, (len(found.keyed - new), old)
            assert found.read is not None and stored.parts_read <= found.read
            assert len(found.read) < len(stored.records), "every stored part read"
            assert {part for part, _ in found.records} >= set(found.parts.values()) - (set(stored.records) - found.read)
        else:
            assert found.keyed == new and found.read is None
        stored.store(found)
        before = documents


def test_a_surname_left_out_of_its_full_names_part_is_caught(
    bbc: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    hub_keys = entity_parts.hub_keys
    monkeypatch.setattr(entity_parts, "hub_keys", lambda *a: (k for k in hub_keys(*a) if not k[0].startswith("lone:")))
    differing, _ = _batched_against_whole(bbc, 4)
    assert differing
