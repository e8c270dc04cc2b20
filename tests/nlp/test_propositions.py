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
