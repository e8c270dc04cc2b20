"""Dates and the timeline on the real seed articles (read from ../shared).

Expected values were read off the articles by hand: for each seed, a date expression as written
and the TimeML value it must get. Only the few words of each date are named here.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.ingest import ingest_paths
from newsdesk.store import open_store
from newsdesk.story.export import build_export

# Explicitly dated: full dates, months and years.
EXPLICIT = {
    "000": {"December 2024": "2024-12", "2011": "2011", "2014": "2014"},
    "001": {"May 2025": "2025-05", "2024": "2024"},
    "002": {"February 2022": "2022-02", "2013": "2013"},
    "003": {
        "January 3": "2026-01-03",
        "January 4": "2026-01-04",
        "January 5": "2026-01-05",
        "February 2022": "2022-02",
        "October 2019": "2019-10",
        "April 2017": "2017-04",
        "July 2019": "2019-07",
    },
    "004": {"January 3": "2026-01-03", "January 5": "2026-01-05", "March 17": "2026-03-17"},
}
# Weekday-only and month-only dates, resolved through the inferred reference dates.
RELATIVE = {
    "000": {
        "Saturday": "2026-01-03",
        "Monday": "2026-01-05",
        "Tuesday": "2026-01-06",
        "October": "2025-10",
        "late December": "2025-12",
        "August": "2025-08",
    },
    # The text names the month beside the relative form, and an explicit date beats it (issue 16).
    "001": {"seven months ago": "2025-05"},
    "002": {"late December": "2025-12"},
    "003": {"May": "2025-05", "late last month": "2025-12"},
    "004": {"Last year": "2025"},
}


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from tests.conftest import SEEDS, need

    need(SEEDS)
    with open_store(tmp_path_factory.mktemp("times") / "t.db") as store:
        ingest_paths([str(SEEDS)], store)
        return build_export(store.documents(), store.entities(), store.reference_dates(), store.timeline())


def _values(export: dict[str, Any]) -> dict[str, dict[str, set[str | None]]]:
    seeds = {d["id"]: d["source"].rsplit("/", 1)[-1][:3] for d in export["documents"]}
    found: dict[str, dict[str, set[str | None]]] = {}
    for time in export["times"]:
        found.setdefault(seeds[time["doc"]], {}).setdefault(time["text"], set()).add(time["value"])
    return found


def _lookup(found: dict[str, set[str | None]], written: str) -> set[str | None]:
    """Values of the expressions whose text ends with what the expectation names ("on Saturday")."""
    values: set[str | None] = set()
    for text, value in found.items():
        if text == written or text.lower().endswith(" " + written.lower()) or text.lower() == written.lower():
            values |= value
    return values


@pytest.mark.parametrize("seed", sorted(EXPLICIT))
def test_explicit_dates_have_their_value(export: dict[str, Any], seed: str) -> None:
    found = _values(export).get(seed, {})
    wrong = {w: _lookup(found, w) for w, v in EXPLICIT[seed].items() if v not in _lookup(found, w)}
    assert not wrong, f"seed {seed}: {wrong}"


def test_most_relative_dates_resolve_through_inferred_reference_dates(export: dict[str, Any]) -> None:
    values = _values(export)
    expected = [(seed, w, v) for seed, items in RELATIVE.items() for w, v in items.items()]
    right = [(s, w) for s, w, v in expected if v in _lookup(values.get(s, {}), w)]
    wrong = [(s, w, _lookup(values.get(s, {}), w)) for s, w, v in expected if v not in _lookup(values.get(s, {}), w)]
    assert len(right) >= len(expected) - 1, wrong  # all 11 right on 2026-12-03; one miss allowed


def test_every_undated_seed_gets_an_inferred_reference_date(export: dict[str, Any]) -> None:
    for document in export["documents"]:
        reference = document["reference_date"]
        assert reference is not None, document["source"]
        assert reference["how"] in ("published", "inferred")
        assert reference["date"].startswith("2026-01"), (document["source"], reference)
        assert reference["basis"]


def test_the_us_raid_is_one_entry_with_all_the_articles(export: dict[str, Any]) -> None:
    raids = [t for t in export["timeline"] if t["value"] == "2026-01-03" and t["kind"] == "seizure"]
    assert len(raids) == 1, [(t["label"][:60], t["documents"]) for t in raids]
    dated = {r["doc"] for r in raids[0]["reports"] if r["how"] != "undated"}
    assert len(dated) >= 3
    assert len(raids[0]["documents"]) == len(export["documents"])


def test_seed_times_and_events_point_at_their_evidence(export: dict[str, Any]) -> None:
    texts = {d["id"]: d["text"] for d in export["documents"]}
    for time in export["times"]:
        assert texts[time["doc"]][time["start"] : time["end"]] == time["text"]
    for event in export["events"]:
        assert texts[event["doc"]][event["start"] : event["end"]] == event["text"]
