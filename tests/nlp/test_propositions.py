"""Propositions with the real parser on our own sentences: one per clause that says something,
the holder kept apart from the content, voice, polarity and modality, and offsets as evidence."""

from __future__ import annotations

import pytest

from newsdesk.model import Document, Modality, Polarity, Proposition, RawArticle
from newsdesk.nlp import annotate, load_language
from newsdesk.pipeline import process
from newsdesk.settings import Settings

STORY = """\
The governor vetoed the budget bill on Tuesday, and lawmakers vowed to override him.
Engineers closed the bridge after the flood, the ministry said.
The bridge was closed by engineers on Monday.
The senator did not attend the hearing.
Few analysts expected the central bank to raise rates.
The company failed to deliver the turbines on time.
The deal could collapse if the union rejects it.
The mayor will visit the flooded district next week.
"We will rebuild every house," said Mayor Ana Ruiz.
"""


@pytest.fixture(scope="module")
def document() -> Document:
    raw = RawArticle(source="propositions.txt", text=STORY)
    (annotated,) = list(annotate([process(raw, Settings(detect_language=False))], load_language()))
    return annotated


def _find(document: Document, lemma: str) -> Proposition:
    found = [p for p in document.propositions if p.lemma == lemma]
    assert found, (lemma, [p.lemma for p in document.propositions])
    return found[0]


def test_offsets_are_evidence(document: Document) -> None:
    assert document.propositions
    for p in document.propositions:
        assert p.span.of(document.text).strip() == p.span.of(document.text)
        assert p.span.start <= p.predicate.start < p.span.end
        assert p.predicate.of(document.text).lower().startswith(p.lemma.split()[0][:3])
        for argument in p.arguments:
            assert argument.span.of(document.text) == argument.text


def test_one_proposition_per_clause(document: Document) -> None:
    veto, vow = _find(document, "veto"), _find(document, "vow")
    assert veto.span.of(document.text) == "The governor vetoed the budget bill on Tuesday"
    assert "lawmakers" in vow.span.of(document.text) and "governor" not in vow.span.of(document.text)


def test_the_attributing_clause_is_not_content(document: Document) -> None:
    assert not any(p.lemma == "say" for p in document.propositions)
    closed = [p for p in document.propositions if p.lemma == "close"]
    assert any(p.span.of(document.text) == "Engineers closed the bridge after the flood" for p in closed)


def test_passive_and_active_give_the_same_roles(document: Document) -> None:
    closed = [p for p in document.propositions if p.lemma == "close"]
    for p in closed:
        roles = {a.role: a.head for a in p.arguments}
        assert roles.get("object") == "bridge"
        assert roles.get("subject") == "engineer"


def test_polarity(document: Document) -> None:
    assert _find(document, "attend").polarity is Polarity.NEGATED
    assert _find(document, "raise").polarity is Polarity.NEGATED  # few expected it
    deliver = _find(document, "deliver")
    assert deliver.polarity is Polarity.NEGATED  # failed to
    assert deliver.span.of(document.text).startswith("The company failed")
    assert _find(document, "veto").polarity is Polarity.AFFIRMED


def test_modality(document: Document) -> None:
    assert _find(document, "collapse").modality is Modality.POSSIBLE
    assert _find(document, "visit").modality is Modality.FUTURE
    assert _find(document, "veto").modality is Modality.ASSERTED


def test_holder_of_a_quote(document: Document) -> None:
    rebuild = _find(document, "rebuild")
    assert rebuild.holder_text is not None and "Ruiz" in rebuild.holder_text
    assert _find(document, "veto").holder is None


def test_an_indirect_question_asserts_nothing() -> None:
    text = "The agency did not say when the repairs would be finished. She asked whether the road was open."
    raw = RawArticle(source="questions.txt", text=text)
    (document,) = list(annotate([process(raw, Settings(detect_language=False))], load_language()))
    clauses = [p.span.of(document.text) for p in document.propositions]
    assert not any(c.startswith(("when", "whether")) for c in clauses), clauses


def test_relative_and_adverbial_clauses_are_propositions_of_their_own() -> None:
    text = "The photo showed the general, who was arrested by border police in March. Officials closed the port, stranding hundreds of trucks."
    raw = RawArticle(source="clauses.txt", text=text)
    (document,) = list(annotate([process(raw, Settings(detect_language=False))], load_language()))
    arrested = next(p for p in document.propositions if p.lemma == "arrest")
    roles = {a.role: a.head for a in arrested.arguments}
    assert roles["object"] == "general" and roles["subject"] == "police"  # the relative pronoun is its antecedent
    shown = next(p for p in document.propositions if p.lemma == "show")
    assert "arrested" not in shown.span.of(document.text)
    stranded = next(p for p in document.propositions if p.lemma == "strand")
    assert {a.role: a.head for a in stranded.arguments}["subject"] == "official"
