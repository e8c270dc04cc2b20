"""The five real seed articles (read from ../shared): every piece of junk out with its reason, nothing real lost.

Expectations are line numbers and reasons (tests/golden/seeds/expected.json), so no seed text is copied here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdesk.clean import clean
from newsdesk.ingest.readers import read_file
from newsdesk.model import Document, RawArticle, TitleHow
from newsdesk.pipeline import process
from newsdesk.settings import Settings
from tests.conftest import GOLDEN

EXPECTED = json.loads((GOLDEN / "seeds" / "expected.json").read_text(encoding="utf-8"))


def _read(seeds: Path, name: str) -> tuple[RawArticle, Document]:
    item = next(read_file(seeds / name, Settings()))
    assert isinstance(item, RawArticle)
    return item, process(item, Settings())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_junk_lines_removed_with_reason(seeds: Path, name: str) -> None:
    raw, _ = _read(seeds, name)
    result = clean(raw.text)
    removed = {str(line.index + 1): mark.value for line, mark in zip(result.lines, result.marks, strict=True) if mark}
    assert removed == EXPECTED[name]["removed_lines"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_line_of_the_article_is_lost(seeds: Path, name: str) -> None:
    raw, document = _read(seeds, name)
    junk = {int(n) for n in EXPECTED[name]["removed_lines"]}
    kept_lines = [
        line for number, line in enumerate(raw.text.split("\n"), start=1) if line.strip() and number not in junk
    ]
    assert kept_lines, "every seed has an article"
    for line in kept_lines:
        assert line in document.body
    # and the body is exactly the text minus the removed spans
    removed_chars = sum(r.span.end - r.span.start for r in document.removed)
    assert len(document.body) == len(document.text) - removed_chars


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_headings_title_and_date(seeds: Path, name: str) -> None:
    raw, document = _read(seeds, name)
    expect = EXPECTED[name]
    starts = [0]
    for line in raw.text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    heading_lines = sorted(starts.index(span.start) + 1 for span in document.headings)
    assert heading_lines == expect["heading_lines"]
    if expect["title_line"] is None:
        # No headline in the text: the title, if any, is made from the lead sentence and says so.
        assert document.title is None or document.title_how is TitleHow.LEAD
        if document.title is not None:
            assert document.title_span is not None and document.title_span.of(raw.text) == document.title
    else:
        line = raw.text.split("\n")[expect["title_line"] - 1]
        assert document.title == line.strip()
        assert document.title_span is not None and document.title_span.of(raw.text) == document.title
    published = document.published
    assert (published.date.value if published else None) == expect["published"]
    assert (published.how.value if published else None) == expect["published_how"]
    if published:
        assert all(span.of(raw.text) for span in published.evidence)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_outlet_and_relays(seeds: Path, name: str) -> None:
    _, document = _read(seeds, name)
    expect = EXPECTED[name]
    assert (document.outlet.value if document.outlet else None) == expect["outlet"]
    assert [item.value for item in document.reported_from] == expect["reported_from"]
    for item in (*document.reported_from, *([document.outlet] if document.outlet else [])):
        assert item.evidence, f"{item.value} carries the characters that name it"


def test_the_two_relaying_articles_name_their_source(seeds: Path) -> None:
    relays = {name: _read(seeds, name)[1].reported_from for name in EXPECTED}
    with_relay = [name for name, items in relays.items() if items]
    assert len(with_relay) >= 2
    for items in relays.values():
        for item in items:
            # each relayed outlet is named in the evidence it was found by (or referred back to)
            assert item.how == "relay"


def test_the_dated_article_gives_title_and_date(seeds: Path) -> None:
    dated = [name for name, expect in EXPECTED.items() if expect["published_how"] == "text"]
    assert len(dated) == 1
    _, document = _read(seeds, dated[0])
    assert document.title is not None
    assert document.published is not None and document.published.date.granularity.value == "minute"
