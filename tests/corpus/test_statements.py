"""An article's statements: sentences, and clauses that make a claim of their own (invented text)."""

from __future__ import annotations

from newsdesk.corpus.claims import statements_of
from newsdesk.model import Document

TEXT = (
    "The Veldmark bridge reopened on Monday after three weeks of repairs by the harbour authority.\n"
    "The repairs cost far more than planned; the council will ask the province to cover the difference.\n"
    "Traders on the quay had waited for weeks—and the ferry company lost most of its summer bookings.\n"
    "Critics warned the mayor that she could try to hide the overrun – and would fail badly and publicly.\n"
    "Who will pay for the next inspection of the old bridge?\n"
)


def _texts(text: str) -> list[str]:
    document = Document(id="d1", source="fixture.txt", text=text)
    found = statements_of(document, {})
    for statement in found:
        assert text[statement.span.start : statement.span.end] == statement.text
    return [s.text for s in found]


def test_a_clause_with_its_own_subject_is_a_statement_of_its_own() -> None:
    texts = _texts(TEXT)
    assert "the council will ask the province to cover the difference." in texts
    assert "and the ferry company lost most of its summer bookings." in texts
    assert "Traders on the quay had waited for weeks" not in texts  # under six words: a fragment, not a claim


def test_a_clause_sharing_the_subject_before_the_dash_stays_in_its_sentence() -> None:
    texts = _texts(TEXT)
    whole = "Critics warned the mayor that she could try to hide the overrun – and would fail badly and publicly."
    assert whole in texts
    assert not any(t.startswith("and would") for t in texts)


def test_questions_are_not_statements() -> None:
    assert not any(t.endswith("?") for t in _texts(TEXT))
