"""Disagreements across outlets that no single claim holds (issue 16): head counts of one
happening, and the same words credited to two different people. Every article is written for
the test."""

from __future__ import annotations

import re

import pytest

from newsdesk.corpus.claims import independent_sources, story_claims
from newsdesk.corpus.conflicts import count_conflicts, value_of
from newsdesk.corpus.entities import resolve_entities
from newsdesk.model import Claim, Document, Proposition, RawArticle, Span, Statement
from newsdesk.nlp import annotate, load_language
from newsdesk.pipeline import process
from newsdesk.settings import Settings

ARTICLES = {
    "north.txt": (
        "Marchers reach Port Alden\n"
        "About 150 people joined the march to Port Alden on Sunday, organisers of Open Roads said.\n"
        "“We will walk until the ministry listens to every family here,” said Ana Ruiz, who leads Open Roads.\n"
        "Police closed the coastal road for two hours.\n"
    ),
    "south.txt": (
        "Hundreds walk to Port Alden\n"
        "Some 400 people joined the march to Port Alden on Sunday, according to Open Roads.\n"
        "“We will walk until the ministry listens to every family here,” said Marco Bell, the regional governor.\n"
        "Twelve police officers watched from the bridge.\n"
    ),
    "east.txt": (
        "Port Alden harbour reopens\n"
        "The harbour of Port Alden reopened on Sunday after a storm, the port authority said.\n"
        "About 150 boats returned to the docks, and 30 people joined a vigil for the fishermen lost at sea.\n"
    ),
}


@pytest.fixture(scope="module")
def claims() -> tuple[list[Document], list[Claim]]:
    settings = Settings(detect_language=False)
    raws = [
        process(RawArticle(source=name, text=text, published="2026-05-04"), settings) for name, text in ARTICLES.items()
    ]
    documents = list(annotate(raws, load_language()))
    entities = resolve_entities(documents)
    return documents, story_claims(documents, entities, [], independent_sources(documents))


def _conflicts(found: tuple[list[Document], list[Claim]], prefix: str) -> set[tuple[str, str, str]]:
    documents, claims = found
    by_id = {d.id: d for d in documents}
    return {
        (by_id[x.ours.doc].source, by_id[x.theirs.doc].source, x.why)
        for c in claims
        for x in c.conflicts
        if x.why.startswith(prefix)
    }


def test_head_counts_of_one_march_disagree(claims: tuple[list[Document], list[Claim]]) -> None:
    numbers = _conflicts(claims, "number")
    assert ("north.txt", "south.txt", "number: 150 people here, 400 people there") in numbers
    assert (
        "south.txt",
        "north.txt",
        "number: 400 people here, 150 people there",
    ) in numbers  # each says "here" of itself
    # A count of boats, of a vigil, or of police officers is no count of the marchers.
    assert not [n for n in numbers if "east.txt" in n[:2]], numbers
    assert not [n for n in numbers if "officers" in n[2] or "boats" in n[2]], numbers


def test_the_same_words_credited_to_two_people(claims: tuple[list[Document], list[Claim]]) -> None:
    found = _conflicts(claims, "attribution")
    assert any(
        a == "north.txt" and b == "south.txt" and "Ana Ruiz" in why and "Marco Bell" in why for a, b, why in found
    ), found


def test_an_action_talked_about_is_not_asserted() -> None:
    """A subjectless gerund as a clause's subject names an action in general: "sending aid so far
    would be costly" says nothing about whether aid was sent, so it cannot deny "did not send"."""
    from newsdesk.model import Modality

    doers = [p for p in _propositions(DONE) if p.lemma == "speak"]
    assert doers and all(p.modality is Modality.ASSERTED for p in doers)

    sending = [p for p in _propositions(TALKED_ABOUT) if p.lemma == "send"]
    assert sending and all(p.modality is Modality.HYPOTHETICAL for p in sending)


TALKED_ABOUT = (
    "Yet sending real aid to a region so distant, and keeping it supplied, is not within reach of Freedonia.\n"
)
DONE = "Speaking to reporters on Monday, the minister denied the report.\n"


def _propositions(text: str) -> list[Proposition]:
    (document,) = list(
        annotate([process(RawArticle(source="g.txt", text=text), Settings(detect_language=False))], load_language())
    )
    return list(document.propositions)


def _statement(doc: str, text: str, number: str, unit: str) -> Statement:
    at = text.index(number)
    return Statement(
        doc=doc,
        span=Span(0, len(text)),
        text=text,
        actors=("e-town",),
        numbers=((number.lower(), unit, Span(at, at + len(number) + 1 + len(unit))),),
    )


@pytest.mark.parametrize(
    ("ours", "theirs", "disagree"),
    [
        ("About 130 people joined the march.", "Some 200 people joined the march.", True),
        ("Eleven people joined the march.", "11 people joined the march.", False),  # one value, two spellings
        ("More than 100 people joined the march.", "About 130 people joined the march.", False),  # a bound it meets
        ("Up to 100 people joined the march.", "About 130 people joined the march.", True),
        ("About 130 people joined the march.", "About 200 people attended the funeral.", False),  # other happening
    ],
)
def test_counts_compared_as_values_and_bounds(ours: str, theirs: str, disagree: bool) -> None:
    number = re.compile(r"\b(\d+|[A-Z]?[a-z]+) (people)")
    a_number, b_number = number.search(ours), number.search(theirs)
    assert a_number and b_number
    a = _statement("d1", ours, a_number.group(1), "people")
    b = _statement("d2", theirs, b_number.group(1), "people")
    published = {"d1": "2026-05-04", "d2": "2026-05-05"}
    assert bool(count_conflicts([a, b], published)) is disagree


@pytest.mark.parametrize(
    ("written", "value"), [("11", 11), ("eleven", 11), ("1,200", 1200), ("a", None), ("2.5 million", 2.5e6)]
)
def test_value_of(written: str, value: float | None) -> None:
    assert value_of(written) == value
