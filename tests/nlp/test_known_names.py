"""Names the tagger misses that the name table knows, and names it tags with a stray article or
bracket (the real tagger on sentences written for these tests)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsdesk.corpus.name_types import name_types, tagger_label
from newsdesk.model import Mention
from newsdesk.nlp.annotate import mentions_of
from newsdesk.nlp.known_names import EXTRACTOR

Run = Callable[[str], list[Mention]]


@pytest.fixture(scope="module")
def mentions() -> Run:
    from newsdesk.nlp.models import load_language

    nlp = load_language()

    def run(text: str) -> list[Mention]:
        return list(mentions_of(nlp(text), text, "test"))

    return run


def test_a_club_in_a_results_line_is_found(mentions: Run) -> None:
    found = mentions("Results on Saturday:\nAjax 2 Feyenoord 1\n")
    added = [(m.text, m.label) for m in found if m.extractor == EXTRACTOR]
    assert ("Feyenoord", "ORG") in added
    assert all(m.span.start < m.span.end for m in found)


def test_a_word_the_article_also_writes_in_lower_case_is_no_name(mentions: Run) -> None:
    text = "Reading the report took hours. Nice work, said the editor, reading it again."
    found = mentions(text)
    assert not [m for m in found if m.extractor == EXTRACTOR]


def test_the_article_is_not_part_of_the_name(mentions: Run) -> None:
    text = "Delegates at the United Nations voted on Friday."
    names = [m.text for m in mentions(text)]
    assert "United Nations" in names and "the United Nations" not in names


def test_the_table_knows_a_name_only_when_it_was_nearly_always_one_type() -> None:
    table = name_types()
    known = table.usual_type(["Galatasaray"])
    assert known is not None and known.type == "ORG"
    assert table.usual_type(["Chicago"]) is None  # a city in datelines, a team in results
    assert table.usual_type(["Qwzxv Plorb"]) is None
    assert tagger_label(table.usual_type(["Zurich"]) or pytest.fail("Zurich unknown"), {"FAC": 1}) == "FAC"


def test_a_known_word_inside_a_longer_unknown_name_is_not_taken_alone(mentions: Run) -> None:
    found = mentions("The member for Ealing North asked twice. Fans of Hearts of Oak sang.")
    assert not [m for m in found if m.extractor == EXTRACTOR and m.text in {"North", "Hearts"}]
