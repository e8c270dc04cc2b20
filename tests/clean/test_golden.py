"""Hand-written expectations on our own fictional pages (tests/golden/clean/<case>/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdesk.clean import clean
from newsdesk.model import RawArticle, TitleHow
from newsdesk.pipeline import process
from newsdesk.settings import Settings
from tests.conftest import GOLDEN

CASES = sorted(p for p in (GOLDEN / "clean").iterdir() if p.is_dir())


def _load(case: Path) -> tuple[str, dict]:
    text = (case / "input.txt").read_text(encoding="utf-8")
    return text, json.loads((case / "expect.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_removed_lines_and_reasons(case: Path) -> None:
    text, expect = _load(case)
    result = clean(text)
    removed = {line.text: mark.value for line, mark in zip(result.lines, result.marks, strict=True) if mark is not None}
    wanted = {item["line"]: item["reason"] for item in expect["removed"]}
    assert removed == wanted


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_body_keeps_the_article(case: Path) -> None:
    text, expect = _load(case)
    document = process(RawArticle(source=str(case), text=text), Settings())
    for snippet in expect["kept"]:
        assert snippet in document.body
    headings = {span.of(text).strip() for span in document.headings}
    assert set(expect["headings"]) <= headings
    if expect["title"] is None:
        # No headline in the text: a title made from the lead sentence, marked as made.
        assert document.title is None or document.title_how is TitleHow.LEAD
    else:
        assert document.title == expect["title"]
        assert document.title_how is TitleHow.HEADLINE


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_published_from_dateline(case: Path) -> None:
    text, expect = _load(case)
    document = process(RawArticle(source=str(case), text=text), Settings())
    if expect["published"] is None:
        assert document.published is None or document.published.how.value != "text"
    else:
        assert document.published is not None
        assert document.published.how.value == "text"
        assert document.published.date.value == expect["published"]
