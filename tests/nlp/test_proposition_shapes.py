"""Propositions whose shape once made a wrong claim, on our own sentences: a habit is not one
happening, a relative clause is shown with what its pronoun stands for, and a gerund the parser
coordinates with a verb is that verb's subject, not a clause of its own."""

from __future__ import annotations

import pytest

from newsdesk.model import Document, Modality, Proposition, RawArticle
from newsdesk.nlp import annotate, load_language
from newsdesk.pipeline import process
from newsdesk.settings import Settings

STORY = """\
The ferry company usually repairs its boats in winter.
The ferry company repaired its boats on Monday.
Inspectors typically visit the mine twice a year.
Inspectors found cracks in the tunnel, which carries the main railway line.
Surveyors said one in ten homes had been hit by floods that damage the coastal roads.
Shops usually open at nine and delaying the opening to noon is a sign of the strike, traders said.
Banks usually publish their results in March and delaying this report to investors is proof of trouble.
Protesters, who were angry about the cuts, marched to the town hall.
Thousands of homes that have been flooded were found by the survey.
When the new bridge is opened, drivers will save an hour.
When the old bridge collapsed, the river carried away two lorries.
"""


@pytest.fixture(scope="module")
def document() -> Document:
    raw = RawArticle(source="shapes.txt", text=STORY)
    (annotated,) = list(annotate([process(raw, Settings(detect_language=False))], load_language()))
    return annotated


def _spans(document: Document, lemma: str) -> list[Proposition]:
    return [p for p in document.propositions if p.lemma == lemma]


def test_adverbs_of_frequency_make_a_habit(document: Document) -> None:
    repairs = {p.span.of(document.text): p.modality for p in _spans(document, "repair")}
    assert repairs["The ferry company usually repairs its boats in winter"] is Modality.HABITUAL
    assert repairs["The ferry company repaired its boats on Monday"] is Modality.ASSERTED
    (visit,) = _spans(document, "visit")
    assert visit.modality is Modality.HABITUAL


def test_a_relative_clause_starts_at_what_it_is_about(document: Document) -> None:
    texts = {p.span.of(document.text) for p in document.propositions}
    assert "tunnel, which carries the main railway line" in texts
    assert not any(t.startswith(("which ", "that ")) for t in texts)


def test_a_restrictive_relative_clause_is_part_of_its_noun(document: Document) -> None:
    # "homes that have been flooded" tells which homes; it says nothing on its own.
    assert not [p for p in _spans(document, "flood") if p.span.of(document.text).startswith(("homes", "that"))]
    (found,) = _spans(document, "find")[-1:]
    assert "homes that have been flooded" in found.span.of(document.text)


def test_a_time_clause_in_the_present_supposes(document: Document) -> None:
    # "when the new bridge is opened": not said to have happened
    assert not [p for p in _spans(document, "open") if "bridge" in p.span.of(document.text)]
    assert [p.span.of(document.text) for p in _spans(document, "collapse")] == ["When the old bridge collapsed"]


def test_a_relative_clause_on_the_first_noun_keeps_the_main_clause(document: Document) -> None:
    marched = _spans(document, "march")
    assert [p.span.of(document.text) for p in marched] == [
        "Protesters, who were angry about the cuts, marched to the town hall"
    ]
    starts = [p.span.start for p in document.propositions]
    assert len(starts) == len(set(starts))  # a statement is known by where it starts


@pytest.mark.parametrize(
    ("word", "clause", "gerund"),
    [
        ("sign", "delaying the opening to noon is a sign of the strike", "delaying the opening to noon"),
        # The parser coordinates "publish", "delaying" and "is" here.
        ("proof", "delaying this report to investors is proof of trouble", "delaying this report to investors"),
    ],
)
def test_a_gerund_subject_is_part_of_its_clause(document: Document, word: str, clause: str, gerund: str) -> None:
    assert not _spans(document, "delay")
    (be,) = [p for p in _spans(document, "be") if word in p.span.of(document.text)]
    assert be.span.of(document.text) == clause
    assert [a.text for a in be.arguments if a.role == "subject"] == [gerund]


def test_arguments_come_from_the_clauses_own_line(document: Document) -> None:
    from newsdesk.model import line_of

    for p in document.propositions:
        line = line_of(document.text, p.predicate.start)
        assert all(line.start <= a.span.start and a.span.end <= line.end for a in p.arguments), p


def test_an_imperative_asserts_nothing() -> None:
    text = (
        "If you live near the river, leave your home now.\n"
        "If you use the old bridge, apply the brakes early.\n"
        "Residents left their homes on Sunday.\n"
    )
    raw = RawArticle(source="imperative.txt", text=text)
    (annotated,) = list(annotate([process(raw, Settings(detect_language=False))], load_language()))
    assert [p.span.of(text) for p in annotated.propositions] == ["Residents left their homes on Sunday"]


def test_a_habit_is_no_dated_happening() -> None:
    from newsdesk.corpus.entities import resolve_entities
    from newsdesk.corpus.timeline import date_story

    text = (
        "Ferry trouble\n"
        "The Brennport ferry has often broken down since 2019, the operator said.\n"
        "The ferry broke down on 3 March 2024 near the harbour mouth.\n"
    )
    raw = RawArticle(source="habit.txt", text=text, published="2024-03-05")
    (annotated,) = list(annotate([process(raw, Settings(detect_language=False))], load_language()))
    habits = [e for e in annotated.events if e.modality == "habitual"]
    assert [e.time.of(text) for e in habits] == ["2019"]
    entities = resolve_entities([annotated])
    values = [entry.value for entry in date_story([annotated], entities).timeline]
    assert "2024-03-03" in values and not any(v.startswith("2019") for v in values)


def test_a_label_never_shows_a_broken_bracket() -> None:
    text = (
        "[10 May 2011] Crews restored the cable link on Monday.\n"
        "The outage was caused by a break in the cable (near the coast of the island.\n"
    )
    raw = RawArticle(source="brackets.txt", text=text)
    (annotated,) = list(annotate([process(raw, Settings(detect_language=False))], load_language()))
    texts = [p.span.of(text) for p in annotated.propositions]
    assert "Crews restored the cable link on Monday" in texts
    assert "The outage was caused by a break in the cable" in texts
    for label in texts:
        assert label.count("(") == label.count(")") and label.count("[") == label.count("]")
