"""Who is who on the real seed articles: one entity per actor, right type, every surface form."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.ingest import ingest_paths
from newsdesk.model import Entity
from newsdesk.store import open_store

# Surface forms the seeds use for one actor; the entity holding the first must hold them all.
SAME_ACTOR = [
    ("PERSON", ["Nicolás Maduro", "Nicolas Maduro", "Maduro"]),
    ("PERSON", ["Vladimir Putin", "Putin"]),
    ("PERSON", ["Donald Trump", "Trump"]),
    ("PERSON", ["Bashar al-Assad", "al-Assad"]),
    ("PERSON", ["Fyodor Lukyanov", "Lukyanov"]),
    ("PERSON", ["Mark Galeotti", "Galeotti"]),
    ("PERSON", ["Sam Greene", "Greene"]),
    ("PERSON", ["Nikolay Mitrokhin", "Mitrokhin"]),
    ("PERSON", ["Marco Rubio", "Rubio"]),
    ("PERSON", ["Alisher Ilkhamov"]),
    ("PERSON", ["Ayatollah Ali Khamenei"]),
    ("GPE", ["United States", "US", "U.S."]),  # "the" is not part of a name
    ("GPE", ["Russia"]),
    ("GPE", ["Venezuela"]),
    ("ORG", ["Russian Foreign Ministry", "Ministry of Foreign Affairs"]),
    ("ORG", ["Al Jazeera"]),
    ("ORG", ["Bloomberg"]),
]


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Entity], dict[str, str]]:
    from tests.conftest import SEEDS, need

    need(SEEDS)
    with open_store(tmp_path_factory.mktemp("seeds") / "s.db") as store:
        report = ingest_paths([str(SEEDS)], store)
        assert len(report.stored) == 5
        return store.entities(), {d.id: d.text for d in store.documents()}


def _holding(entities: list[Entity], alias: str) -> list[Entity]:
    return [e for e in entities if alias in e.aliases]


@pytest.mark.parametrize(("kind", "forms"), SAME_ACTOR, ids=[forms[0] for _, forms in SAME_ACTOR])
def test_one_entity_per_actor(story: tuple[list[Entity], dict[str, str]], kind: str, forms: list[str]) -> None:
    entities, _ = story
    holders = _holding(entities, forms[0])
    assert len(holders) == 1, [e.name for e in holders]
    entity = holders[0]
    assert entity.type == kind
    assert set(forms) <= set(entity.aliases)
    for form in forms[1:]:
        assert [e.id for e in _holding(entities, form)] == [entity.id]


def test_canonical_names(story: tuple[list[Entity], dict[str, str]]) -> None:
    entities, _ = story
    names = {e.name for e in entities}
    assert {"Nicolás Maduro", "Ali Khamenei", "United States", "Bashar al-Assad"} <= names


def test_descriptions_come_with_evidence(story: tuple[list[Entity], dict[str, str]]) -> None:
    entities, texts = story
    lukyanov = _holding(entities, "Fyodor Lukyanov")[0]
    assert lukyanov.description is not None and "expert" in lukyanov.description
    evidence = lukyanov.description_evidence
    assert evidence is not None and evidence.span.of(texts[evidence.doc]) == lukyanov.description
    ilkhamov = _holding(entities, "Alisher Ilkhamov")[0]
    assert ilkhamov.description is not None and ilkhamov.description.startswith("head of")


def test_metonymy_and_demonyms(story: tuple[list[Entity], dict[str, str]]) -> None:
    entities, _ = story
    russia = _holding(entities, "Russia")[0]
    kremlin = _holding(entities, "Kremlin")[0]
    moscow = _holding(entities, "Moscow")[0]
    for seat in (kremlin, moscow):
        assert seat.id != russia.id
        assert any(link.relation == "stands-for" and link.target == russia.id for link in seat.links)
        senses = {m.sense for m in seat.mentions}
        assert "government" in senses
    assert "place" in {m.sense for m in moscow.mentions}  # "fled to Moscow" stays a place
    russian = _holding(entities, "Russian")[0]
    assert russian.type == "NORP" and russian.id != russia.id
    assert any(link.relation == "demonym-of" and link.target == russia.id for link in russian.links)


def test_equipment_variants(story: tuple[list[Entity], dict[str, str]]) -> None:
    entities, texts = story
    buk = [e for e in entities if e.type == "PRODUCT" and e.name.startswith("Buk-")]
    assert len(buk) >= 2
    for entity in buk:
        assert any(link.relation == "possibly-same" for link in entity.links)
        for link in entity.links:
            assert all(e.span.of(texts[e.doc]).startswith("Buk-") for e in link.evidence)


def test_every_mention_is_exact_evidence(story: tuple[list[Entity], dict[str, str]]) -> None:
    entities, texts = story
    count = 0
    for entity in entities:
        for mention in entity.mentions:
            assert mention.span.of(texts[mention.doc]) == mention.text
            count += 1
    assert count > 300


def test_mentions_never_come_from_removed_junk(story: tuple[list[Entity], dict[str, str]], tmp_path: Path) -> None:
    from tests.conftest import SEEDS

    entities, _ = story
    with open_store(tmp_path / "again.db") as store:
        ingest_paths([str(SEEDS)], store)
        documents = {d.id: d for d in store.documents()}
    for entity in entities:
        for mention in entity.mentions:
            removed = documents[mention.doc].removed
            assert not any(r.span.start <= mention.span.start < r.span.end for r in removed), mention
