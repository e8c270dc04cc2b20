"""The story's time on a fictional story of three articles (our own sentences): one dated by its
metadata, two not. One dates the port's seizure "on Saturday", the others "March 6"."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsdesk.ingest import ingest_paths
from newsdesk.store import open_store
from newsdesk.story.export import build_export

ARTICLES = [
    {
        "url": "https://coast.example/a",
        "title": "Rebels take Kessa port",
        "published": "2032-03-10",
        "text": (
            "Rebels take Kessa port\n"
            "The Free Coast Army seized the port of Kessa on March 6, 2032, after a night of shelling.\n"
            "Governor Ana Ruiz said on Monday that the city would not negotiate with the Free Coast Army.\n"
            "The Free Coast Army was founded in 2019 by former naval officers.\n"
        ),
    },
    {
        "url": "https://harbour.example/b",
        "title": "Kessa counts the cost",
        "text": (
            "Kessa counts the cost\n"
            "The Free Coast Army seized the port of Kessa on Saturday, cutting the region's grain exports.\n"
            "On Tuesday, Governor Ana Ruiz met envoys of the Free Coast Army in Lorra.\n"
            "Grain prices in Lorra had already doubled in late February.\n"
        ),
    },
    {
        "url": "https://wire.example/c",
        "title": "Kessa: what we know",
        "text": (
            "Kessa: what we know\n"
            "On March 6 the Free Coast Army captured the port of Kessa.\n"
            "Its commander, Dario Fenn, will appear before a tribunal in Lorra. "
            "The hearing is scheduled for April 2.\n"
            "Kessa was last occupied in 1998.\n"
        ),
    },
]


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("kessa")
    path = folder / "kessa.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    with open_store(folder / "k.db") as store:
        ingest_paths([str(path)], store)
        return build_export(store.documents(), store.entities(), store.reference_dates(), store.timeline())


def _doc(export: dict[str, Any], letter: str) -> dict[str, Any]:
    return next(d for d in export["documents"] if d["source"].endswith("/" + letter))


def _time(export: dict[str, Any], letter: str, text: str) -> dict[str, Any]:
    doc = _doc(export, letter)
    return next(t for t in export["times"] if t["doc"] == doc["id"] and t["text"] == text)


def test_published_article_is_its_own_reference(export: dict[str, Any]) -> None:
    reference = _doc(export, "a")["reference_date"]
    assert reference["date"] == "2032-03-10" and reference["how"] == "published"
    assert _time(export, "a", "March 6, 2032")["value"] == "2032-03-06"
    assert _time(export, "a", "March 6, 2032")["how"] == "explicit"
    assert _time(export, "a", "Monday")["value"] == "2032-03-08"


def test_weekday_is_pinned_by_the_other_articles_date_for_the_same_happening(export: dict[str, Any]) -> None:
    reference = _doc(export, "b")["reference_date"]
    # Saturday is March 6 (the others' date for the seizure); Tuesday is then March 9.
    assert reference["how"] == "inferred" and reference["date"] == "2032-03-09", reference
    assert any(e["doc"] == _doc(export, "a")["id"] for e in reference["evidence"])
    saturday = _time(export, "b", "Saturday")
    assert saturday["value"] == "2032-03-06" and saturday["how"] == "inferred"
    assert _time(export, "b", "late February")["value"] == "2032-02"
    assert _time(export, "b", "late February")["mod"] == "END"


def test_year_less_dates_read_in_the_story_year(export: dict[str, Any]) -> None:
    reference = _doc(export, "c")["reference_date"]
    assert reference["how"] == "inferred" and reference["date"] == "2032-03-06", reference
    assert _time(export, "c", "March 6")["value"] == "2032-03-06"
    assert _time(export, "c", "April 2")["value"] == "2032-04-02"
    assert _time(export, "c", "1998")["how"] == "explicit"


def test_the_seizure_is_one_timeline_entry_with_all_three_articles(export: dict[str, Any]) -> None:
    seizures = [t for t in export["timeline"] if t["kind"] == "seizure"]
    assert len(seizures) == 1, [t["label"] for t in seizures]
    entry = seizures[0]
    assert entry["value"] == "2032-03-06"
    assert len(entry["documents"]) == 3
    assert entry["disagreement"] is None
    names = {e["id"]: e["name"] for e in export["entities"]}
    assert "Free Coast Army" in {names[p] for p in entry["participants"]}


def test_events_carry_modality_and_participants(export: dict[str, Any]) -> None:
    hearing = next(e for e in export["events"] if e["date"]["text"] == "April 2")
    assert hearing["modality"] == "scheduled"
    assert hearing["date"]["value"] == "2032-04-02"
    seized = next(e for e in export["events"] if e["date"]["text"] == "March 6, 2032")
    assert seized["trigger"]["text"] == "seized"
    names = {e["id"]: e["name"] for e in export["entities"]}
    assert {"Free Coast Army", "Kessa"} <= {names[p] for p in seized["participants"]}


def test_every_time_and_event_points_at_its_evidence(export: dict[str, Any]) -> None:
    texts = {d["id"]: d["text"] for d in export["documents"]}
    assert export["times"] and export["events"]
    for time in export["times"]:
        assert texts[time["doc"]][time["start"] : time["end"]] == time["text"]
    for event in export["events"]:
        assert texts[event["doc"]][event["start"] : event["end"]] == event["text"]
        span = event["date_span"]
        assert texts[event["doc"]][span["start"] : span["end"]] == event["date"]["text"]
    for entry in export["timeline"]:
        for report in entry["reports"]:
            assert texts[report["doc"]][report["start"] : report["end"]] == report["text"]


def test_timeline_disagreement_is_shown(tmp_path: Path) -> None:
    articles = [
        {
            "url": "u1",
            "published": "2033-05-20",
            "text": "Storm hits Orlan\nThe storm Velia struck the town of Orlan on May 12, 2033, flooding its harbour.\n",
        },
        {
            "url": "u2",
            "published": "2033-05-21",
            "text": "Orlan rebuilds\nThe storm Velia struck the town of Orlan on May 13, 2033, flooding its harbour.\n",
        },
    ]
    path = tmp_path / "storm.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    with open_store(tmp_path / "s.db") as store:
        ingest_paths([str(path)], store)
        entries = [t for t in store.timeline() if t.kind == "attack" or "strike" in t.kind]
    assert len(entries) == 1, entries
    assert entries[0].disagreement is not None and "2033-05-12" in entries[0].disagreement
    assert set(entries[0].dates) == {"2033-05-12", "2033-05-13"}
