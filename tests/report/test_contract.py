"""The export contract (shared/contract/EXPORT.md): the shape is pinned, offsets are evidence."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from tests.conftest import DEMO, SHARED

CONTRACT = SHARED / "contract" / "EXPORT.md"
# The documents fields of schema 1, pinned here so a clone without ../shared still checks them.
DOCUMENT_FIELDS = {
    "id": str,
    "source": str,
    "title": (str, type(None)),
    "outlet": (str, type(None)),
    "published": (str, type(None)),
    "published_how": (str, type(None)),
    "language": str,
    "reported_from": list,
    "text": str,
    "body": str,
    "removed": list,
}
SECTIONS = ["documents", "entities", "quotes", "times", "events", "claims"]


def _export(tmp_path: Path, *corpora: Path) -> dict[str, Any]:
    db = tmp_path / "c.db"
    runner = CliRunner()
    for corpus in corpora:
        runner.invoke(main, ["ingest", "-q", "--db", str(db), str(corpus)])
    result = runner.invoke(main, ["export", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _contract_example() -> dict[str, Any]:
    text = CONTRACT.read_text(encoding="utf-8")
    block = re.search(r"```json\n(.*?)```", text, re.S)
    assert block
    return json.loads(block.group(1))


def test_shape_matches_the_contract_document(tmp_path: Path) -> None:
    if not CONTRACT.exists():
        pytest.skip(f"{CONTRACT} is not here (it comes with ../shared)")
    example = _contract_example()
    export = _export(tmp_path, DEMO)
    assert list(example) == ["newsdesk", *SECTIONS]
    assert set(example) <= set(export)
    assert export["newsdesk"]["schema"] == example["newsdesk"]["schema"]
    assert set(example["documents"][0]) <= set(export["documents"][0])
    assert set(example["entities"][0]) <= set(export["entities"][0])
    assert set(example["entities"][0]["mentions"][0]) <= set(export["entities"][0]["mentions"][0])
    assert set(example["quotes"][0]) <= set(export["quotes"][0])
    assert set(example["quotes"][0]["speaker"]) <= set(export["quotes"][0]["speaker"])
    assert set(example["times"][0]) <= set(export["times"][0])
    assert set(example["events"][0]) <= set(export["events"][0])
    assert set(example["events"][0]["date"]) <= set(export["events"][0]["date"])
    assert set(example["claims"][0]) <= set(export["claims"][0])
    assert set(example["claims"][0]["evidence"][0]) <= set(export["claims"][0]["evidence"][0])
    assert set(example["documents"][0]["removed"][0]) <= set(
        export["documents"][0]["removed"][0]
        if export["documents"][0]["removed"]
        else example["documents"][0]["removed"][0]
    )


def test_documents_section_types_and_empty_sections(tmp_path: Path) -> None:
    export = _export(tmp_path, DEMO)
    assert export["newsdesk"] == {"version": "0.1.0", "schema": 1}
    for section in ("entities", "quotes", "times", "events", "timeline", "claims"):
        assert export[section], f"the demo story has {section}"
    for time in export["times"]:
        assert time["type"] in {"DATE", "TIME", "DURATION", "SET"}
        assert time["how"] in {"explicit", "relative", "inferred"}
        # A relative form has an anchor, or no value at all: never a value from nowhere.
        if time["how"] != "explicit" and time["anchor"] is None:
            assert time["value"] is None or time["value"].endswith("_REF"), time
    for event in export["events"]:
        assert event["modality"] in {"happened", "scheduled", "reported", "hypothetical", "negated"}
        assert event["date"]["how"] in {"explicit", "relative", "inferred"}
    assert len(export["documents"]) >= 5
    for doc in export["documents"]:
        for name, kind in DOCUMENT_FIELDS.items():
            assert isinstance(doc[name], kind), name
        assert doc["published_how"] in {"metadata", "text", "inferred", None}
        assert (doc["published"] is None) == (doc["published_how"] is None)


def _check_provenance(export: dict[str, Any]) -> int:
    checked = 0
    for doc in export["documents"]:
        text = doc["text"]
        cursor = 0
        kept = []
        for item in doc["removed"]:
            assert cursor <= item["start"] < item["end"] <= len(text)
            kept.append(text[cursor : item["start"]])
            cursor = item["end"]
            checked += 1
        kept.append(text[cursor:])
        assert "".join(kept) == doc["body"]
        spans = [*doc["headings"], *doc["outlet_evidence"]]
        spans += [doc["title_span"]] if doc["title_span"] else []
        spans += doc["published_detail"]["evidence"] if doc["published_detail"] else []
        for relay in doc["reported_from_detail"]:
            assert relay["name"] in doc["reported_from"]
            spans += relay["evidence"]
        for span in spans:
            assert 0 <= span["start"] < span["end"] <= len(text)
            assert text[span["start"] : span["end"]] == span["text"]
            checked += 1
        if doc["title_span"]:
            assert doc["title_span"]["text"] == doc["title"]
    texts = {doc["id"]: doc["text"] for doc in export["documents"]}
    ids = {entity["id"] for entity in export["entities"]}
    for entity in export["entities"]:
        assert set(entity) >= {"id", "name", "type", "aliases", "description", "mentions"}
        for mention in entity["mentions"]:
            assert texts[mention["doc"]][mention["start"] : mention["end"]] == mention["text"]
            assert mention["text"] in entity["aliases"]
            checked += 1
        evidence = [entity["description_evidence"]] if entity["description_evidence"] else []
        evidence += entity["descriptions"]
        if entity["description"]:
            assert entity["description"] in [d["text"] for d in entity["descriptions"]]
        for link in entity["links"]:
            assert link["entity"] in ids
            evidence += link["evidence"]
        for item in evidence:
            assert texts[item["doc"]][item["start"] : item["end"]] == item["text"]
    for time in export["times"]:
        assert texts[time["doc"]][time["start"] : time["end"]] == time["text"]
        checked += 1
    for event in export["events"]:
        assert texts[event["doc"]][event["start"] : event["end"]] == event["text"]
        for span in (event["trigger"], event["date_span"], *event["participant_mentions"]):
            assert texts[event["doc"]][span["start"] : span["end"]] == span["text"]
        assert set(event["participants"]) <= ids
        checked += 1
    for entry in export["timeline"]:
        for report in entry["reports"]:
            assert texts[report["doc"]][report["start"] : report["end"]] == report["text"]
            assert (
                texts[report["doc"]][report["trigger"]["start"] : report["trigger"]["end"]] == report["trigger"]["text"]
            )
    claim_ids = {claim["id"] for claim in export["claims"]}
    for claim in export["claims"]:
        assert isinstance(claim["independent_sources"], int) and 1 <= claim["independent_sources"]
        for evidence in claim["evidence"]:
            assert 0 <= evidence["start"] < evidence["end"] <= len(texts[evidence["doc"]])
        for statement in claim["statements"]:
            assert texts[statement["doc"]][statement["start"] : statement["end"]] == statement["text"]
        for conflict in claim["conflicts"]:
            assert conflict["claim"] in claim_ids
            for side in ("ours", "theirs"):
                item = conflict[side]
                assert texts[item["doc"]][item["start"] : item["end"]] == item["text"]
        checked += 1
    for quote in export["quotes"]:
        assert set(quote) >= {"id", "doc", "text", "start", "end", "kind", "speaker", "cue", "channel"}
        assert quote["kind"] in {"direct", "partial", "indirect", "scare"}
        assert texts[quote["doc"]][quote["start"] : quote["end"]] == quote["text"]
        for key in ("cue_span", "speaker_span"):
            if quote[key]:
                span = quote[key]
                assert texts[quote["doc"]][span["start"] : span["end"]] == span["text"]
        if quote["speaker"]["entity"] is not None:
            assert quote["speaker"]["entity"] in ids
        checked += 1
    return checked


def test_every_offset_is_exact_evidence_on_the_demo(tmp_path: Path) -> None:
    assert _check_provenance(_export(tmp_path, DEMO)) > 20


def test_every_offset_is_exact_evidence_on_the_seeds(tmp_path: Path, seeds: Path) -> None:
    assert _check_provenance(_export(tmp_path, seeds)) > 20


@pytest.mark.parametrize("fmt", ["csv", "md"])
def test_other_formats(tmp_path: Path, fmt: str) -> None:
    db = tmp_path / "o.db"
    out = tmp_path / f"out.{fmt}"
    runner = CliRunner()
    runner.invoke(main, ["ingest", "-q", "--db", str(db), str(DEMO)])
    section = ["--section", "documents"] if fmt == "csv" else []
    result = runner.invoke(main, ["export", "--db", str(db), "--format", fmt, *section, "--out", str(out)])
    assert result.exit_code == 0
    rendered = out.read_text(encoding="utf-8")
    export = _export(tmp_path / "j", DEMO) if (tmp_path / "j").mkdir() is None else {}
    titles = [d["title"] for d in export["documents"] if d["title"]]
    assert titles
    if fmt == "csv":
        import csv
        import io

        rows = list(csv.DictReader(io.StringIO(rendered)))
        assert len(rows) == len(export["documents"])
        assert {r["id"] for r in rows} == {d["id"] for d in export["documents"]}
    else:
        assert rendered.count("\n### ") == len(export["documents"])
        assert "## Entities" in rendered


REPO_CONTRACT = Path(__file__).resolve().parents[2] / "docs" / "EXPORT.md"


def test_the_repository_copy_extends_the_contract_without_changing_it() -> None:
    if not CONTRACT.exists():
        pytest.skip(f"{CONTRACT} is not here (it comes with ../shared)")
    assert REPO_CONTRACT.read_text(encoding="utf-8").startswith(CONTRACT.read_text(encoding="utf-8"))


def test_claims_carry_their_kind_holders_and_propositions(tmp_path: Path) -> None:
    export = _export(tmp_path, DEMO)
    texts = {d["id"]: d["text"] for d in export["documents"]}
    kinds = {c["kind"] for c in export["claims"]}
    assert kinds == {"fact", "view"}
    ids = {c["id"] for c in export["claims"]}
    assert any(c["related"] for c in export["claims"])
    for claim in export["claims"]:
        assert all(r["claim"] in ids and r["claim"] != claim["id"] and r["similarity"] > 0 for r in claim["related"])
        assert len(claim["propositions"]) == len(claim["statements"])
        assert claim["kind"] == "fact" or claim["holders"] or len(claim["documents"]) == 1
        for statement, proposition in zip(claim["statements"], claim["propositions"], strict=True):
            if proposition is None:
                continue
            assert proposition["doc"] == statement["doc"]
            predicate = proposition["predicate"]
            assert statement["start"] <= predicate["start"] < statement["end"]
            for argument in proposition["arguments"]:
                assert texts[statement["doc"]][argument["start"] : argument["end"]] == argument["text"]
            assert proposition["polarity"] in ("affirmed", "negated")
            assert proposition["modality"] in ("asserted", "possible", "hypothetical", "future")


def test_stories_section_and_each_documents_story(tmp_path: Path) -> None:
    export = _export(tmp_path, DEMO, DEMO.parent / "feed")
    stories = export["stories"]
    assert len(stories) == 3
    fields = {"id", "title", "first", "last", "documents", "outlets", "merged_from"}
    for story in stories:
        assert fields <= set(story)
        assert story["title"]
        assert isinstance(story["merged_from"], list)
    placed = {doc: s["id"] for s in stories for doc in s["documents"]}
    assert sorted(placed) == sorted(d["id"] for d in export["documents"])  # each article in one story
    for document in export["documents"]:
        assert document["story"] == placed[document["id"]]
