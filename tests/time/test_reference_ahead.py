"""An undated article is not dated on the day of a future event it announces (issue 16).

A fictional story of two articles (our own sentences): the first is dated by its metadata, the
second announces a visit on a full date a week ahead and names the weekday of a past march.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from newsdesk.ingest import ingest_paths
from newsdesk.store import open_store
from newsdesk.story.export import build_export

ARTICLES = [
    {
        "url": "https://valley.example/a",
        "title": "Marchers reach Orlen",
        "published": "2030-04-27",
        "text": (
            "Marchers reach Orlen\n"
            "Hundreds of marchers led by Tomas Vell reached Orlen on Friday after a week on the road.\n"
            "Mayor Irena Kosk welcomed Tomas Vell at the town hall.\n"
        ),
    },
    {
        "url": "https://plain.example/b",
        "title": "Minister to meet the marchers",
        "text": (
            "Minister to meet the marchers\n"
            "Interior minister Pavel Ostr will visit Orlen on May 4, 2030, to meet Tomas Vell and Mayor Irena Kosk.\n"
            "The marchers rested on Friday, Tomas Vell said.\n"
        ),
    },
]


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("orlen")
    path = folder / "orlen.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    with open_store(folder / "o.db") as store:
        ingest_paths([str(path)], store)
        return build_export(store.documents(), store.entities(), store.reference_dates(), store.timeline())


def test_an_announced_visit_does_not_date_the_article(export: dict[str, Any]) -> None:
    second = next(d for d in export["documents"] if d["source"].endswith("/b") or "plain" in d["source"])
    reference = second["reference_date"]
    assert reference is not None
    assert reference["date"] != "2030-05-04", reference
    assert reference["date"] <= "2030-04-28", reference


def test_the_weekday_is_read_from_that_reference_not_from_the_visit(export: dict[str, Any]) -> None:
    second = next(d for d in export["documents"] if d["source"].endswith("/b") or "plain" in d["source"])
    fridays = [t["value"] for t in export["times"] if t["doc"] == second["id"] and t["text"] == "Friday"]
    assert fridays and all(value is not None and value <= "2030-04-28" for value in fridays), fridays
