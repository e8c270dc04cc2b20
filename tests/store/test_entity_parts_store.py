"""Each entity's part of the story's mentions (``corpus.entity_parts``) is stored with it, on both
stores, and an ingest in batches keeps the parts it does not touch: the entities and their parts
are then what a rebuild stores."""

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


def test_an_ingest_in_batches_stores_the_entities_and_parts_of_a_rebuild(
    location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = sorted(str(p) for p in DEMO.iterdir() if p.suffix in {".txt", ".html", ".jsonl"})
    kept: list[int] = []
    resolve = entity_parts.resolve_by_parts

    def counted(*args: Any, **kwargs: Any) -> entity_parts.Resolved:
        found = resolve(*args, **kwargs)
        kept.append(found.kept_parts)
        return found

    monkeypatch.setattr(entity_parts, "resolve_by_parts", counted)
    with open_store(location) as store:
        for batch in (files[:6], files[6:]):
            assert ingest_paths(batch, store, SETTINGS).ok
        batched = (store.entities(), store.entity_parts())
        run_corpus_stages(store, SETTINGS, fresh=True)
        assert (store.entities(), store.entity_parts()) == batched
    assert kept[0] == 0 and kept[1] > 0 and kept[2] == 0, kept
    assert set(batched[1]) == {e.id for e in batched[0]}
