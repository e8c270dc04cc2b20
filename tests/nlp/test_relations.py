"""Relations with the real parser on our own sentences: each kind, its direction, and no edge
where the text names no actor for one side."""

from __future__ import annotations

import pytest

from newsdesk.model import Document, RawArticle, Relation
from newsdesk.nlp import annotate, load_language
from newsdesk.nlp.relations import ALLIANCE, CAPTURE, CONDEMNED, EXTRACTOR, FLED, MET, SUPPLY
from newsdesk.pipeline import process
from newsdesk.settings import Settings

STORY = """\
Brazil's foreign ministry condemned the capture of Omar Castell by France.
Sweden's foreign ministry condemned the capture of Omar Castell.
Omar Castell was seized by French commandos on Monday.
In March 2024 Chile and Peru signed a defence pact.
Peru's closest ally, Chile, sent tanks to Bolivia last year.
Canada supplied Norway with missiles and radars.
Italy could supply drones to Greece.
Germany did not condemn the raid by Austria.
Former president Lena Varga fled to Argentina in 2021.
Prime Minister Hugo Brandt met with President Ana Soto in Lisbon on Tuesday.
Japan provided Kenya with generous loans.
Omar Castell, who was arrested by Dutch police, will not be released.
Canada's supply of helicopters to Ghana began in 2019.
Mexico's ally Cuba denounced the arrest of Rafael Ortiz by Panama.
Rafael Ortiz is Cuba's closest ally.
Castell's arrest angered Brazil.
The talks between Spain and Morocco collapsed.
Hungary welcomed the arrest of Rafael Ortiz.
Ecuador and Colombia met in Quito, where they signed a trade agreement.
"""


@pytest.fixture(scope="module")
def document() -> Document:
    raw = RawArticle(source="relations.txt", text=STORY)
    (annotated,) = list(annotate([process(raw, Settings(detect_language=False))], load_language()))
    return annotated


def _line(document: Document, words: str) -> tuple[int, int]:
    start = document.text.index(words)
    return start, document.text.index("\n", start)


def _in_line(document: Document, words: str) -> list[tuple[str, str, str, str]]:
    """(source, kind, target, modality) of the relations whose trigger is on the line holding ``words``."""
    start, end = _line(document, words)
    text = document.text
    return [
        (r.source.of(text), r.kind, r.target.of(text), r.modality)
        for r in document.relations
        if start <= r.trigger.start < end
    ]


def _one(document: Document, words: str, kind: str) -> Relation:
    start, end = _line(document, words)
    found = [r for r in document.relations if r.kind == kind and start <= r.trigger.start < end]
    assert len(found) == 1, _in_line(document, words)
    return found[0]


def test_every_span_is_its_evidence(document: Document) -> None:
    text = document.text
    mentions = {m.span for m in document.mentions}
    times = {t.span for t in document.times}
    assert document.relations
    assert EXTRACTOR in document.extractors
    for relation in document.relations:
        sentence = relation.span.of(text)
        assert relation.extractor == EXTRACTOR
        assert relation.trigger.of(text) == relation.trigger_text
        assert relation.source in mentions and relation.target in mentions
        for part in (relation.trigger, relation.source, relation.target):
            assert relation.span.start <= part.start < part.end <= relation.span.end, sentence
        assert relation.time is None or relation.time in times
        assert "\n" not in sentence and sentence == sentence.strip()


def test_a_nominal_capture_by_somebody_is_condemned_as_theirs(document: Document) -> None:
    found = _in_line(document, "Brazil's foreign ministry")
    assert ("Brazil", CONDEMNED, "France", "happened") in found
    assert ("France", CAPTURE, "Omar Castell", "happened") in found
    # Brazil condemned the capture: it did not capture anybody.
    assert not [item for item in found if item[0] == "Brazil" and item[1] == CAPTURE]


def test_no_edge_when_the_condemned_deed_has_no_named_doer(document: Document) -> None:
    assert _in_line(document, "Sweden's foreign ministry") == []
    assert _in_line(document, "Hungary welcomed") == []
    assert _in_line(document, "Castell's arrest angered") == []


def test_passive_by_agent_and_its_date(document: Document) -> None:
    relation = _one(document, "was seized by French", CAPTURE)
    text = document.text
    assert (relation.source.of(text), relation.target.of(text), relation.trigger_text) == (
        "French",
        "Omar Castell",
        "seized",
    )
    assert relation.directed and relation.time is not None and relation.time.of(text) == "Monday"


def test_relative_clause_passive(document: Document) -> None:
    assert _in_line(document, "who was arrested") == [("Dutch", CAPTURE, "Omar Castell", "happened")]


def test_alliance_of_coordinated_subjects_is_undirected_and_dated(document: Document) -> None:
    relation = _one(document, "Chile and Peru signed", ALLIANCE)
    text = document.text
    assert {relation.source.of(text), relation.target.of(text)} == {"Chile", "Peru"}
    assert not relation.directed
    assert relation.source.start < relation.target.start  # symmetric: text order
    assert relation.time is not None and relation.time.of(text) == "March 2024"


def test_allies_by_apposition_possessor_and_copula(document: Document) -> None:
    assert ("Peru", ALLIANCE, "Chile", "happened") in _in_line(document, "Peru's closest ally, Chile")
    assert ("Mexico", ALLIANCE, "Cuba", "happened") in _in_line(document, "Mexico's ally Cuba")
    assert _in_line(document, "Rafael Ortiz is Cuba's") == [("Rafael Ortiz", ALLIANCE, "Cuba", "happened")]


def test_supply_needs_equipment_and_a_recipient(document: Document) -> None:
    assert ("Chile", SUPPLY, "Bolivia", "happened") in _in_line(document, "sent tanks to Bolivia")
    assert _in_line(document, "Canada supplied Norway") == [("Canada", SUPPLY, "Norway", "happened")]
    assert _in_line(document, "Canada's supply of") == [("Canada", SUPPLY, "Ghana", "happened")]
    assert _in_line(document, "Japan provided Kenya") == []  # loans are no equipment


def test_modality(document: Document) -> None:
    assert _in_line(document, "Italy could supply") == [("Italy", SUPPLY, "Greece", "hypothetical")]
    assert _in_line(document, "Germany did not condemn") == [("Germany", CONDEMNED, "Austria", "negated")]


def test_the_condemner_is_the_subject_not_the_possessor_of_the_subject(document: Document) -> None:
    found = _in_line(document, "Mexico's ally Cuba")
    assert ("Cuba", CONDEMNED, "Panama", "happened") in found
    assert ("Panama", CAPTURE, "Rafael Ortiz", "happened") in found
    assert not [item for item in found if item[0] == "Mexico" and item[1] == CONDEMNED]


def test_fled_to_a_destination(document: Document) -> None:
    relation = _one(document, "Lena Varga fled", FLED)
    text = document.text
    assert (relation.source.of(text), relation.target.of(text)) == ("Lena Varga", "Argentina")
    assert relation.time is not None and relation.time.of(text) == "2021"


def test_meetings(document: Document) -> None:
    relation = _one(document, "Hugo Brandt met", MET)
    text = document.text
    assert (relation.source.of(text), relation.target.of(text), relation.directed) == (
        "Hugo Brandt",
        "Ana Soto",
        False,
    )
    assert relation.time is not None and relation.time.of(text) == "Tuesday"
    assert _in_line(document, "The talks between") == [("Spain", MET, "Morocco", "happened")]


def test_they_is_the_coordinated_subject_before_it(document: Document) -> None:
    found = _in_line(document, "Ecuador and Colombia met")
    assert ("Ecuador", MET, "Colombia", "happened") in found
    assert ("Ecuador", ALLIANCE, "Colombia", "happened") in found
