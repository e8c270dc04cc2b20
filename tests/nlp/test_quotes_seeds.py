"""Who said what on the real seed articles (read from ../shared).

Expected: for each seed, the speakers of its direct quotes of ten words or more and how many each
has, read off the articles by hand (names only; no seed text is copied here).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from newsdesk.ingest import ingest_paths
from newsdesk.store import open_store
from newsdesk.story.export import build_export

EXPECTED_DIRECT = {
    "000": {
        "Alisher Ilkhamov": 3,
        "Nikolay Mitrokhin": 3,
        "Aleksey Kushch": 1,
        "Galiya Ibragimova": 2,
        "Kirill Strelnikov": 2,
    },
    "001": {"Foreign Affairs": 1},
    "002": {"Dva Mayora": 1, "Olga Uskova": 1, "Fyodor Lukyanov": 2, "Oleg Deripaska": 2, "Dmitry Medvedev": 2},
    "003": {
        "Russian Foreign Ministry": 1,
        "Alexandra Sitenko": 1,
        "Mark Galeotti": 3,
        "Sam Greene": 2,
        "Fiona Hill": 2,
        "Hanna Notte": 3,
    },
    "004": {"Bloomberg": 2},
}


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from tests.conftest import SEEDS, need

    need(SEEDS)
    with open_store(tmp_path_factory.mktemp("quotes") / "q.db") as store:
        ingest_paths([str(SEEDS)], store)
        return build_export(store.documents(), store.entities())


def _by_seed(export: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    seeds = {d["id"]: d["source"].rsplit("/", 1)[-1][:3] for d in export["documents"]}
    grouped: dict[str, list[dict[str, Any]]] = {}
    for quote in export["quotes"]:
        grouped.setdefault(seeds[quote["doc"]], []).append(quote)
    return grouped


def test_long_direct_quotes_found_with_their_speaker(export: dict[str, Any]) -> None:
    grouped = _by_seed(export)
    expected = sum(sum(c.values()) for c in EXPECTED_DIRECT.values())
    right = 0
    for seed, speakers in EXPECTED_DIRECT.items():
        found = Counter(
            q["speaker"]["name"]
            for q in grouped.get(seed, [])
            if q["kind"] in {"direct", "partial"} and len(q["text"].split()) >= 10 and q["speaker"]["entity"]
        )
        right += sum(min(count, found[name]) for name, count in speakers.items())
    assert right >= 0.95 * expected, f"{right} of {expected}"


def test_named_speakers_carry_their_role(export: dict[str, Any]) -> None:
    people = {e["id"] for e in export["entities"] if e["type"] == "PERSON"}
    spoken = [q for q in export["quotes"] if q["kind"] in {"direct", "partial"} and q["speaker"]["entity"] in people]
    assert spoken
    described = [q for q in spoken if q["speaker"]["description"]]
    assert len(described) >= 0.9 * len(spoken), [
        q["speaker"]["name"] for q in spoken if not q["speaker"]["description"]
    ]


def test_relayed_outlets_officials_and_named_people_in_reported_speech(export: dict[str, Any]) -> None:
    grouped = _by_seed(export)

    def indirect(seed: str) -> list[tuple[str | None, str | None]]:
        return [(q["speaker"]["name"], q["speaker"]["entity"]) for q in grouped[seed] if q["kind"] == "indirect"]

    assert sum(1 for name, entity in indirect("001") if name == "Foreign Affairs" and entity) >= 3
    seed_004 = indirect("004")
    assert ("Bloomberg", next(e["id"] for e in export["entities"] if e["name"] == "Bloomberg")) in seed_004
    assert any(name == "Marco Rubio" and entity for name, entity in seed_004)
    groups = {name for name, entity in seed_004 if entity is None}
    assert {"officials", "One source"} <= groups


def test_interviewing_outlet_is_never_the_speaker(export: dict[str, Any]) -> None:
    grouped = _by_seed(export)
    assert not any(q["speaker"]["name"] == "Al Jazeera" for q in grouped["000"])
