"""Corrections through the command line on the demo corpus: each is stored with who, when and
why, shows at once, and survives `rebuild`, re-ingesting the same files and ingesting new ones;
one whose statements are gone is "not applicable", never an error."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from newsdesk.cli import main
from newsdesk.model import Claim, Correction, CorrectionAction, Entity, document_id, statement_key
from newsdesk.store import open_store
from tests.api.conftest import copy_db
from tests.conftest import DEMO

# A new article on the demo story, written for this test.
LATE = (
    "Kelmi residents return as water recedes\n\n"
    "Residents of Kelmi began returning to their homes on Friday as the water released by the Mirenka dam "
    "receded, the Tarnova civil protection corps said. Volunteers cleared mud from the main square while "
    "engineers inspected the bridges on the Sella river for damage.\n"
)


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Path:
    return copy_db(demo_db, tmp_path / "story.db")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def claims_of(db: Path) -> list[Claim]:
    with open_store(db) as store:
        return store.claims()


def entities_of(db: Path) -> list[Entity]:
    with open_store(db) as store:
        return store.entities()


def holder(claims: list[Claim], key: str) -> Claim:
    return next(c for c in claims if key in keys_of(c))


def keys_of(claim: Claim) -> set[str]:
    return {statement_key(s.doc, s.span.start) for s in claim.statements}


def corrections(db: Path) -> list[dict[str, Any]]:
    result = run("corrections", "list", "--db", str(db), "--json")
    assert result.exit_code == 0, result.output
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return found


def survive_everything(db: Path, tmp_path: Path, check: Any) -> None:
    """``check`` holds after the correction, after `rebuild`, after ingesting the same files again
    and after ingesting a new article (which runs the story stages again)."""
    check()
    assert run("rebuild", "--db", str(db)).exit_code == 0
    check()
    again = run("ingest", "-q", "--db", str(db), str(DEMO))
    assert again.exit_code == 0 and "stored 0," in again.stderr
    check()
    new = tmp_path / "late.txt"
    new.write_text(LATE, encoding="utf-8")
    added = run("ingest", "-q", "--db", str(db), str(new))
    assert added.exit_code == 0 and "stored 1," in added.stderr
    assert any(document_id(LATE) in c.documents for c in claims_of(db)), "the story stages ran again"
    check()
    assert all(r["status"] == "in effect" for r in corrections(db))


def test_a_split_claim_stays_split(db: Path, tmp_path: Path) -> None:
    claims = claims_of(db)
    target = max(claims, key=lambda c: (len(c.statements), c.id))
    assert len(target.statements) >= 3
    moved = sorted(keys_of(target))[-1]
    rest = keys_of(target) - {moved}
    result = run(
        "claims",
        "split",
        target.id,
        "--statement",
        moved,
        "--why",
        "says something else",
        "--who",
        "Ana",
        "--db",
        str(db),
    )
    assert result.exit_code == 0, result.output
    assert "in effect" in result.stderr

    def check() -> None:
        assert not keys_of(holder(claims_of(db), moved)) & rest

    survive_everything(db, tmp_path, check)
    shown = run("claims", "show", holder(claims_of(db), moved).id, "--db", str(db))
    assert "says something else" in shown.stdout and "claims-split, in effect" in shown.stdout
    (record,) = corrections(db)
    assert record["action"] == "claims-split" and record["who"] == "Ana" and record["why"] == "says something else"
    assert record["groups"] == [[moved], sorted(rest)] and record["targets"] == [target.id]
    assert record["when"].endswith("+00:00")
    pairs = [json.loads(line) for line in run("corrections", "pairs", "--db", str(db)).stdout.splitlines()]
    assert len(pairs) == len(rest) and not any(p["same"] for p in pairs)
    assert all(p["a_text"] and p["b_text"] for p in pairs)


def test_a_withdrawn_correction_is_kept_and_no_longer_replayed(db: Path) -> None:
    claims = claims_of(db)
    target = max(claims, key=lambda c: (len(c.statements), c.id))
    moved = sorted(keys_of(target))[-1]
    result = run("claims", "split", target.id, "--statement", moved, "--why", "apart", "--who", "Ana", "--db", str(db))
    assert result.exit_code == 0, result.output
    (made,) = corrections(db)
    assert holder(claims_of(db), moved) != target
    result = run("corrections", "withdraw", made["id"], "--why", "I misread A3", "--who", "Ben", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert keys_of(holder(claims_of(db), moved)) == keys_of(target), "the split is undone at once"
    assert run("rebuild", "--db", str(db)).exit_code == 0
    assert keys_of(holder(claims_of(db), moved)) == keys_of(target)
    (record,) = corrections(db)
    assert record["status"] == "withdrawn" and record["who"] == "Ana"
    assert record["withdrawn"]["who"] == "Ben" and record["withdrawn"]["why"] == "I misread A3"
    assert run("corrections", "pairs", "--db", str(db)).stdout == "", "a withdrawn judgement is no label"
    again = run("corrections", "withdraw", made["id"], "--why", "x", "--db", str(db))
    assert again.exit_code == 2 and "withdrawn already" in again.stderr
    unknown = run("corrections", "withdraw", "knosuch", "--why", "x", "--db", str(db))
    assert unknown.exit_code == 1 and "no correction with id" in unknown.stderr
    assert "withdrawn" in run("corrections", "list", "--db", str(db)).stdout


def test_merged_and_distinct_claims_stay_so(db: Path, tmp_path: Path) -> None:
    claims = claims_of(db)
    single = [c for c in claims if len(c.documents) == 1]
    first = single[0]
    second = next(c for c in single if c.documents != first.documents)
    result = run("claims", "merge", first.id, second.id, "--why", "one event", "--who", "Ana", "--db", str(db))
    assert result.exit_code == 0, result.output
    together = keys_of(first) | keys_of(second)
    shared = [c for c in claims if len(c.documents) >= 2]
    one, other = shared[0], shared[1]
    result = run("claims", "distinct", one.id, other.id, "--why", "different", "--who", "Ana", "--db", str(db))
    assert result.exit_code == 0, result.output

    def check() -> None:
        now = claims_of(db)
        assert keys_of(holder(now, next(iter(together)))) >= together
        assert not any(keys_of(c) & keys_of(one) and keys_of(c) & keys_of(other) for c in now)

    survive_everything(db, tmp_path, check)


def test_entity_merge_and_split_stay_so_and_the_listing_still_works(db: Path, tmp_path: Path) -> None:
    entities = entities_of(db)
    places = [e for e in entities if e.type == "GPE"]
    a, b = places[0], places[1]
    # The database may be named before the subcommand too.
    result = run("entities", "--db", str(db), "merge", a.id, b.id, "--why", "test merge", "--who", "Ana")
    assert result.exit_code == 0, result.output
    split_from = next(e for e in entities if len(e.aliases) >= 2 and e.id not in (a.id, b.id))
    alias = split_from.aliases[-1]
    moved = {statement_key(m.doc, m.span.start) for m in split_from.mentions if m.text == alias}
    result = run(
        "entities", "split", split_from.id, "--alias", alias, "--why", "other", "--who", "Ana", "--db", str(db)
    )
    assert result.exit_code == 0, result.output

    def check() -> None:
        now = entities_of(db)
        merged = [e for e in now if set(e.aliases) >= {a.name, b.name}]
        assert len(merged) == 1
        alone = [e for e in now if {statement_key(m.doc, m.span.start) for m in e.mentions} == moved]
        assert len(alone) == 1

    survive_everything(db, tmp_path, check)
    listing = run("entities", "--db", str(db), "--limit", "100")
    assert listing.exit_code == 0 and a.name in listing.stdout
    listed = json.loads(run("entities", "--db", str(db), "--json", "--type", "GPE").stdout)
    assert any({a.name, b.name} <= set(e["aliases"]) for e in listed)
    shown = run("entities", "show", split_from.id, "--db", str(db))
    assert shown.exit_code == 0 and split_from.name in shown.stdout


def test_a_correction_whose_statements_are_gone_is_not_applicable(db: Path) -> None:
    gone = Correction(
        "kgone0000000", CorrectionAction.CLAIMS_MERGE, (("dnothere:0",), ("dnothere:40",)), ("cold",), "Ana", "x", "y"
    )
    with open_store(db) as store:
        assert store.add_correction(gone) and not store.add_correction(gone)
    assert run("rebuild", "--db", str(db)).exit_code == 0
    (record,) = corrections(db)
    assert record["status"] == "not applicable" and record["keys_found"] == 0
    listing = run("corrections", "list", "--db", str(db))
    assert "not applicable" in listing.stdout and "kgone0000000" in listing.stdout


def test_bad_corrections_say_why_and_change_nothing(db: Path) -> None:
    claims = claims_of(db)
    unknown = run("claims", "merge", claims[0].id, "cnosuchclaim", "--why", "x", "--db", str(db))
    assert unknown.exit_code == 1 and "no claim with id 'cnosuchclaim'" in unknown.stderr
    no_reason = run("claims", "merge", claims[0].id, claims[1].id, "--db", str(db))
    assert no_reason.exit_code == 2 and "--why" in no_reason.stderr
    stranger = statement_key(claims[1].statements[0].doc, claims[1].statements[0].span.start)
    wrong = run("claims", "split", claims[0].id, "--statement", stranger, "--why", "x", "--db", str(db))
    assert wrong.exit_code == 2 and "not statements of claim" in wrong.stderr
    nothing = run("entities", "split", entities_of(db)[0].id, "--why", "x", "--db", str(db))
    assert nothing.exit_code == 2 and "--mention" in nothing.stderr
    assert corrections(db) == [] and claims_of(db) == claims


@pytest.mark.parametrize(
    "command",
    [
        ["claims"],
        ["claims", "show"],
        ["claims", "merge"],
        ["claims", "split"],
        ["claims", "distinct"],
        ["claims", "corrections"],
        ["entities", "show"],
        ["entities", "merge"],
        ["entities", "split"],
        ["corrections"],
        ["corrections", "list"],
        ["corrections", "pairs"],
        ["corrections", "withdraw"],
    ],
)
def test_help(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0 and "Usage:" in result.output


def test_the_claims_listing(db: Path) -> None:
    result = run("claims", "--db", str(db), "--min-sources", "2", "--json")
    assert result.exit_code == 0
    listed = json.loads(result.stdout)
    assert listed and all(c["independent_sources"] >= 2 for c in listed)
    first = listed[0]["statements"][0]
    for args in (
        ["claims", "show", listed[0]["id"], "--db", str(db)],
        ["claims", "--db", str(db), "show", listed[0]["id"]],
    ):
        shown = run(*args)
        assert shown.exit_code == 0 and f"{first['doc']}:{first['start']}" in shown.stdout, args
