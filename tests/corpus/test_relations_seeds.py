"""The seed story's network, with expectations read off the seed articles: who captured Maduro
(the United States, never Russia, which only objected), the Russia-Venezuela partnership, Assad's
flight to Moscow, the Maduro-Putin meetings and the arms Russia supplied to Venezuela."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from newsdesk.nlp.relations import ALLIANCE, CAPTURE, CONDEMNED, FLED, MET, SUPPLY, SYMMETRIC
from newsdesk.report.network import to_graphml
from newsdesk.store import open_store
from newsdesk.story.brief import build_briefing
from newsdesk.story.export import export_store


@pytest.fixture(scope="module")
def export(seed_db: Path) -> dict[str, Any]:
    with open_store(seed_db) as store:
        return export_store(store)


def _id(export: dict[str, Any], name: str) -> str:
    found = [e["id"] for e in export["entities"] if name == e["name"] or name in e["aliases"]]
    assert found, name
    return str(found[0])


def _edges(export: dict[str, Any]) -> set[tuple[str, str, str]]:
    edges = set()
    for r in export["relations"]:
        edges.add((r["source"], r["kind"], r["target"]))
        if not r["directed"]:
            edges.add((r["target"], r["kind"], r["source"]))
    return edges


def test_every_span_of_every_relation_is_its_evidence(export: dict[str, Any]) -> None:
    texts = {d["id"]: d["text"] for d in export["documents"]}
    assert export["relations"]
    for record in export["relations"]:
        for part in ("evidence", "trigger", "source_mention", "target_mention", "date_evidence"):
            span = record[part]
            if span is None:
                continue
            assert texts[span["doc"]][span["start"] : span["end"]] == span["text"]
        assert record["directed"] is (record["kind"] not in SYMMETRIC)
        assert record["source"] != record["target"]


def test_the_united_states_captured_maduro_and_russia_did_not(export: dict[str, Any]) -> None:
    edges = _edges(export)
    maduro = _id(export, "Nicolás Maduro")
    assert (_id(export, "United States"), CAPTURE, maduro) in edges
    assert (_id(export, "Donald Trump"), CAPTURE, maduro) in edges
    for russian in ("Russia", "Russian Foreign Ministry", "Vladimir Putin", "Moscow", "Kremlin"):
        assert (_id(export, russian), CAPTURE, maduro) not in edges
    # Russia objected to the capture; nothing in the seeds says that it condemned Maduro.
    assert not [e for e in edges if e[1] == CONDEMNED and e[2] == maduro]


def test_partners_meetings_flight_and_arms(export: dict[str, Any]) -> None:
    edges = _edges(export)
    russia, venezuela = _id(export, "Russia"), _id(export, "Venezuela")
    maduro, putin = _id(export, "Nicolás Maduro"), _id(export, "Vladimir Putin")
    assert (russia, ALLIANCE, venezuela) in edges  # "Moscow's defence cooperation treaty with Caracas"
    assert (maduro, ALLIANCE, putin) in edges  # "they signed an agreement on strategic partnership"
    assert (maduro, MET, putin) in edges
    assert (_id(export, "Donald Trump"), MET, putin) in edges  # "their August summit"
    assert (_id(export, "Bashar al-Assad"), FLED, _id(export, "Moscow")) in edges
    assert (russia, SUPPLY, venezuela) in edges  # "radars Russia supplied to Venezuela"
    assert (venezuela, SUPPLY, russia) not in edges


def test_dated_where_the_text_dates_it(export: dict[str, Any]) -> None:
    flights = [r for r in export["relations"] if r["kind"] == FLED and r["trigger"]["text"] == "flight"]
    assert [r["date"] for r in flights] == ["2024-12"]  # "flight ... to Moscow in December 2024"
    summit = [r for r in export["relations"] if r["trigger"]["text"] == "summit"]
    assert summit and summit[0]["date"] and summit[0]["date"].endswith("-08")


def test_the_briefing_and_graphml_read_the_network(export: dict[str, Any]) -> None:
    briefing = build_briefing(export)
    network = dict(briefing.sections)["Actor network"]
    assert network and all(line.cites for line in network)
    assert any("Nicolás Maduro" in line.text and CAPTURE in line.text for line in network)
    graph = ET.fromstring(to_graphml(export))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    directed = {
        (edge.get("source"), edge.get("target")): edge.get("directed") for edge in graph.iterfind(".//g:edge", ns)
    }
    assert directed[(_id(export, "United States"), _id(export, "Nicolás Maduro"))] == "true"
