"""Each entity's part of the story's mentions (``corpus.entity_parts``) is stored with it, and the
partition with its mentions' records and keys, on both stores; an ingest in batches keys only its
new mentions, reads only the parts they reach and keeps the parts it does not touch: the entities,
their parts and the partition stored are then what a rebuild stores, from a store whose partition
was never stored too."""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.corpus import entity_parts
from newsdesk.ingest import ingest_paths
from newsdesk.ingest.run import run_corpus_stages
from newsdesk.model import Entity, EntityMention, Span
from newsdesk.settings import Settings
from newsdesk.store import open_store
from tests.conftest import DEMO

SETTINGS = Settings(processes=1)


def _entity(ident: str, name: str) -> Entity:
    return Entity(ident, name, "ORG", (EntityMention("d1", Span(0, len(name)), name, "name"),))


def test_parts_are_stored_with_their_entities(location: str) -> None:
    with open_store(location) as store:
        store.replace_entities([_entity("e1", "Norvale"), _entity("e2", "Kelmi")], {"e1": "p1"})
        assert store.entity_parts() == {"e1": "p1"}
        assert {e.id for e in store.entities()} == {"e1", "e2"}
        store.replace_entities([_entity("e2", "Kelmi")])
        assert store.entity_parts() == {}


def test_the_partition_is_stored_by_part(location: str) -> None:
    with open_store(location) as store:
        assert store.entity_key_counts() == {} and store.entity_keys() == []
        rows = [("d1", 0, 4, "p1", "r1"), ("d1", 5, 9, "p2", "r2"), ("d2", 0, 4, "p2", "r3")]
        keys = [("form:a", "p1"), ("form:b", "p2"), ("+lone:b", "p2")]
        store.replace_entity_keys(None, rows, keys, [("d1", 2), ("d2", 1)])
        assert store.entity_key_counts() == {"d1": 2, "d2": 1}
        assert sorted(store.entity_keys(parts=["p2"])) == [("p2", "r2"), ("p2", "r3")]
        assert store.entity_keys(documents=["d2"]) == [("p2", "r3")]
        assert sorted(store.key_parts(["form:b", "+lone:b", "form:c"])) == [("+lone:b", "p2"), ("form:b", "p2")]
        store.replace_entity_keys({"p2"}, [("d3", 0, 4, "p3", "r4")], [("form:b", "p3")], [("d3", 1)])
        assert store.entity_key_counts() == {"d1": 2, "d2": 1, "d3": 1}
        assert sorted(store.entity_keys()) == [("p1", "r1"), ("p3", "r4")]
        assert store.key_parts(["form:b", "+lone:b"]) == [("form:b", "p3")]


@pytest.mark.parametrize("stored_before", [True, False])
def test_an_ingest_in_batches_stores_the_entities_and_parts_of_a_rebuild(
    location: str, monkeypatch: pytest.MonkeyPatch, stored_before: bool
) -> None:
    files = sorted(str(p) for p in DEMO.iterdir() if p.suffix in {".txt", ".html", ".jsonl"})
    kept: list[int] = []
    keyed: list[set[tuple[str, int, int]]] = []
    resolve = entity_parts.resolve_by_parts

    def counted(*args: Any, **kwargs: Any) -> entity_parts.Resolved:
        found = resolve(*args, **kwargs)
        kept.append(found.kept_parts)
        keyed.append(found.keyed)
        return found

    monkeypatch.setattr(entity_parts, "resolve_by_parts", counted)
    with open_store(location) as store:
        assert ingest_paths(files[:6], store, SETTINGS).ok
        first = _mention_keys(store)
        if not stored_before:  # a store made before the partition was stored
            store.replace_entity_keys(None, [], [])
        assert ingest_paths(files[6:], store, SETTINGS).ok
        batched = (store.entities(), store.entity_parts(), sorted(store.entity_keys()))
        run_corpus_stages(store, SETTINGS, fresh=True)
        assert (store.entities(), store.entity_parts(), sorted(store.entity_keys())) == batched
    assert kept[0] == 0 and kept[1] > 0 and kept[2] == 0, kept
    assert set(batched[1]) == {e.id for e in batched[0]}
    assert {part for part, _ in batched[2]} == set(batched[1].values())
    new = _mention_keys_of(batched[0]) - first
    assert new and new <= keyed[1]
    if stored_before:  # only the new mentions keyed, and the few the new votes place anew
        assert len(keyed[1] & first) < len(first) / 20, (len(keyed[1] & first), len(first))
    else:  # every mention keyed once, to fill the partition
        assert keyed[1] >= first


def _mention_keys(store: Any) -> set[tuple[str, int, int]]:
    return _mention_keys_of(store.entities())


def _mention_keys_of(entities: list[Entity]) -> set[tuple[str, int, int]]:
    return {(m.doc, m.span.start, m.span.end) for e in entities for m in e.mentions}
