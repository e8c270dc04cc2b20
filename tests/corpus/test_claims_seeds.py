"""Claims, independent sources and conflicts on the real seed articles (read from ../shared).

The expectations are in tests/golden/seeds/claims.json: words that locate one sentence per seed
(never the seed text), read by hand; claims_second_reader.json is a second, independent reading.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsdesk.ingest import ingest_paths
from newsdesk.report.export import export_store
from newsdesk.store import open_store

FLOOR = 11  # gold claims recovered whole by the default method; only ever raised
SECOND_FLOOR = 9  # the same on the second reader's claims (claims_second_reader.json)
_GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "seeds"
GOLD = json.loads((_GOLDEN / "claims.json").read_text("utf-8"))
SECOND = json.loads((_GOLDEN / "claims_second_reader.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from tests.conftest import SEEDS, need

    need(SEEDS)
    with open_store(tmp_path_factory.mktemp("claims") / "c.db") as store:
        ingest_paths([str(SEEDS)], store)
        return export_store(store)


def _seed(export: dict[str, Any]) -> dict[str, str]:
    return {d["id"]: Path(d["source"]).name[:3] for d in export["documents"]}


def test_every_conflict_between_outlets_is_flagged_with_evidence_on_both_sides(export: dict[str, Any]) -> None:
    seed = _seed(export)
    texts = {d["id"]: d["text"] for d in export["documents"]}
    flagged = []
    for claim in export["claims"]:
        for conflict in claim["conflicts"]:
            for side in ("ours", "theirs"):
                evidence = conflict[side]
                assert texts[evidence["doc"]][evidence["start"] : evidence["end"]] == evidence["text"]
            flagged.append(
                (conflict["why"].split(":")[0], {seed[conflict["ours"]["doc"]], seed[conflict["theirs"]["doc"]]})
            )
    for expected in GOLD["conflicts"]:
        assert any(kind == expected["kind"] and set(expected["seeds"]) <= seeds for kind, seeds in flagged), expected


def test_relaying_articles_count_as_their_source_outlets(export: dict[str, Any]) -> None:
    seed = _seed(export)
    for claim in export["claims"]:
        for statement in claim["statements"]:
            relayed = GOLD["relays"].get(seed[statement["doc"]])
            if relayed:
                assert relayed in claim["sources"], (claim["sources"], seed[statement["doc"]])
        assert claim["independent_sources"] == len(claim["sources"]) <= len(claim["documents"])


def test_claims_point_at_their_evidence_and_contradictions_name_real_claims(export: dict[str, Any]) -> None:
    texts = {d["id"]: d["text"] for d in export["documents"]}
    ids = {c["id"] for c in export["claims"]}
    assert len(ids) == len(export["claims"]) > 50
    for claim in export["claims"]:
        assert claim["documents"] == list(dict.fromkeys(e["doc"] for e in claim["evidence"]))
        for statement in claim["statements"]:
            assert texts[statement["doc"]][statement["start"] : statement["end"]] == statement["text"]
        for contradiction in claim["contradicts"]:
            assert contradiction["claim"] in ids and contradiction["why"]


def _recovered(export: dict[str, Any], clusters: dict[str, dict[str, list[list[str]]]]) -> int:
    """Claims one system claim holds whole: for each of its seeds, one of the sentences listed,
    each the first statement holding all its words."""
    seed = _seed(export)
    statements = sorted(
        (seed[s["doc"]], s["start"], s["text"].lower(), claim["id"])
        for claim in export["claims"]
        for s in claim["statements"]
    )
    recovered = 0
    for alternatives_by_seed in clusters.values():
        homes = []
        for wanted, alternatives in alternatives_by_seed.items():
            first = {
                min(
                    (start, text)
                    for sd, start, text, _ in statements
                    if sd == wanted and all(w.lower() in text for w in words)
                )
                for words in alternatives
            }
            homes.append({c for sd, start, text, c in statements if sd == wanted and (start, text) in first})
        recovered += bool(set.intersection(*homes))
    return recovered


def test_shared_statements_are_grouped(export: dict[str, Any]) -> None:
    """A floor, raised as clustering improves: the hand-read claims found whole, each seed's
    statement being the first sentence holding its words (2026-11-23: see docs/EVALUATION.md)."""
    clusters = {
        name: {seed: [listed] if isinstance(listed[0], str) else listed for seed, listed in seeds.items()}
        for name, seeds in GOLD["clusters"].items()
    }
    assert _recovered(export, clusters) >= FLOOR


def test_a_second_readers_claims_are_grouped(export: dict[str, Any]) -> None:
    """The same on a second reading made without seeing the first gold or the system: the claims
    two or more articles make outright ("yes"), any one listed sentence per article."""
    clusters = {
        name: {seed: verdict["sentences"] for seed, verdict in seeds.items() if verdict["verdict"] == "yes"}
        for name, seeds in SECOND["claims"].items()
    }
    made = {name: seeds for name, seeds in clusters.items() if len(seeds) > 1}
    assert len(made) == 14
    assert _recovered(export, made) >= SECOND_FLOOR


def test_coverage_says_what_each_article_carries_and_leaves_out(export: dict[str, Any]) -> None:
    shared = {c["id"] for c in export["claims"] if len(c["documents"]) > 1}
    assert len(export["coverage"]) == len(export["documents"])
    for row in export["coverage"]:
        carried = {c["id"] for c in export["claims"] if row["doc"] in c["documents"]}
        assert set(row["claims"]) == carried
        assert set(row["left_out"]) == shared - carried
    voices = {row["doc"]: {v["name"] for v in row["voices"]} for row in export["coverage"]}
    seed = _seed(export)
    assert any("Fiona Hill" in names for doc, names in voices.items() if seed[doc] == "003")


def test_coverage_by_source_rolls_articles_up_to_their_independent_source(export: dict[str, Any]) -> None:
    seed = _seed(export)
    rows = {row["source"]: row for row in export["coverage_by_source"]}
    for relaying, outlet in GOLD["relays"].items():
        assert relaying in {seed[doc] for doc in rows[outlet]["documents"]}
    by_doc = {row["doc"]: row for row in export["coverage"]}
    assert sorted(doc for row in rows.values() for doc in row["documents"]) == sorted(by_doc)
    for row in rows.values():
        articles = [by_doc[doc] for doc in row["documents"]]
        assert set(row["claims"]) == {c for a in articles for c in a["claims"]}
        assert set(row["left_out"]) == set.intersection(*(set(a["left_out"]) for a in articles))
