"""The checks every verified merge passes, on our own sentences and readings: different
predicates, subjects, dates, modality or kind never make one claim; opposite polarity is a
contradiction; complete linkage never chains two statements that were not both accepted."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsdesk.corpus.claims import find_claims, independent_sources, statements_of, story_claims
from newsdesk.corpus.entities import resolve_entities
from newsdesk.corpus.sameness import Reading, Verdict, complete_link, verify
from newsdesk.model import ClaimKind, Document, Modality, Polarity, RawArticle
from newsdesk.nlp import annotate, load_language
from newsdesk.pipeline import process
from newsdesk.settings import Settings

BASE = Reading(
    kind=ClaimKind.FACT,
    lemma="close",
    predicate_class=None,
    polarity=Polarity.AFFIRMED,
    modality=Modality.ASSERTED,
    subject_actors=frozenset({"e-ministry"}),
    subject_heads=frozenset(),
    complements=frozenset({"bridge"}),
)


def test_the_same_proposition_is_accepted() -> None:
    assert verify(BASE, replace(BASE), 0.2) is Verdict.SAME


@pytest.mark.parametrize(
    "other",
    [
        replace(BASE, lemma="inspect"),
        replace(BASE, subject_actors=frozenset({"e-army"})),
        replace(BASE, modality=Modality.POSSIBLE),
        replace(BASE, kind=ClaimKind.VIEW, lemma="shut"),
        replace(BASE, complements=frozenset({"school"})),
        replace(BASE, dates=frozenset({"2024-03"})),
    ],
)
def test_what_differs_is_never_merged(other: Reading) -> None:
    dated = replace(BASE, dates=frozenset({"2025-05-12"}))
    assert verify(dated, other, 0.4) is Verdict.DIFFERENT


def test_opposite_polarity_is_a_contradiction() -> None:
    assert verify(BASE, replace(BASE, polarity=Polarity.NEGATED), 0.4) is Verdict.OPPOSITE


def test_a_generic_predicate_needs_a_shared_complement_and_subject() -> None:
    be = replace(BASE, lemma="be", complements=frozenset({"blow"}))
    assert verify(be, replace(be, complements=frozenset({"partner"})), 0.3) is Verdict.DIFFERENT
    assert verify(be, replace(be, subject_actors=frozenset({"e-other"})), 0.3) is Verdict.DIFFERENT
    unnamed = replace(be, subject_actors=frozenset(), subject_heads=frozenset({"relation"}))
    assert verify(unnamed, replace(be, subject_actors=frozenset()), 0.3) is Verdict.DIFFERENT
    assert verify(be, replace(be), 0.3) is Verdict.SAME


def test_a_statement_and_the_same_statement_attributed_are_one_claim() -> None:
    assert verify(BASE, replace(BASE, kind=ClaimKind.VIEW), 0.3) is Verdict.SAME


def test_two_statements_about_nothing_in_common_are_not_one() -> None:
    bare = replace(BASE, subject_actors=frozenset(), complements=frozenset())
    assert verify(bare, replace(bare), 0.6) is Verdict.DIFFERENT


def test_different_views_are_never_one_claim_however_many_words_they_share() -> None:
    view = replace(BASE, kind=ClaimKind.VIEW, lemma="warn")
    assert verify(view, replace(view, lemma="predict"), 0.9) is Verdict.DIFFERENT


def test_complete_link_does_not_chain() -> None:
    # 0-1 and 1-2 accepted, 0-2 not: 2 may not join 0 and 1.
    groups = complete_link(3, [(0, 1, 0.9), (1, 2, 0.8)], ["a", "b", "c"])
    assert [0, 1] in groups and [2] in groups
    # All three pairs accepted: one claim.
    assert complete_link(3, [(0, 1, 0.9), (1, 2, 0.8), (0, 2, 0.5)], ["a", "b", "c"]) == [[0, 1, 2]]
    # Never two statements of one article.
    assert complete_link(2, [(0, 1, 0.9)], ["a", "a"]) == [[0], [1]]


ARTICLES = {
    "one.txt": "Engineers closed the Varn bridge on Monday after the flood. "
    "The city council did not approve the new budget for the school district.",
    "two.txt": "The Varn bridge was closed by engineers on Monday after the flood. "
    "The city council approved the new budget for the school district on Friday evening.",
    "three.txt": "Engineers inspected the Varn bridge on Monday after the flood. "
    "Local traders said the flood would hurt business for the rest of the year.",
}


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    settings = Settings(detect_language=False)
    raws = [process(RawArticle(source=name, text=text), settings) for name, text in ARTICLES.items()]
    return list(annotate(raws, load_language()))


def test_verified_claims_on_our_own_story(documents: list[Document]) -> None:
    entities = resolve_entities(documents)
    claims = find_claims(documents, entities, sources=independent_sources(documents), verified=True)
    name = {d.id: d.source for d in documents}
    shared = [sorted(name[doc] for doc in c.documents) for c in claims if len(c.documents) > 1]
    # The closing is told by one and two (active and passive); the inspection by three is another claim.
    assert ["one.txt", "two.txt"] in shared
    assert not any("three.txt" in group for group in shared)
    for claim in claims:
        for statement in claim.statements:
            text = next(d.text for d in documents if d.id == statement.doc)
            assert statement.span.of(text) == statement.text


def test_a_denial_is_flagged_not_merged(documents: list[Document]) -> None:
    entities = resolve_entities(documents)
    import newsdesk.corpus.claims as claims_module

    original = claims_module.VERIFIED
    claims_module.VERIFIED = True
    try:
        claims = story_claims(documents, entities, [])
    finally:
        claims_module.VERIFIED = original
    budget = [c for c in claims if "budget" in c.text]
    assert len(budget) == 2 and all(len(c.documents) == 1 for c in budget)
    assert any(x.why.startswith("polarity") for c in budget for x in c.conflicts)


def test_two_groups_that_each_name_somebody_else_are_not_one() -> None:
    arrested = replace(BASE, lemma="arrest", object_core=frozenset({"e-lopez", "e-carr"}))
    assert verify(arrested, replace(arrested, object_core=frozenset({"e-kris", "e-carr"})), 0.4) is Verdict.DIFFERENT
    assert verify(arrested, replace(arrested, object_core=frozenset({"e-carr"})), 0.4) is Verdict.SAME


QUOTED = {
    "plain.txt": "Inspectors closed the Varn bridge on Monday after the flood.",
    "quoted.txt": "The mayor said inspectors closed the Varn bridge on Monday after the flood.",
}


def test_a_quote_adds_a_holder_not_an_independent_source() -> None:
    settings = Settings(detect_language=False)
    raws = [process(RawArticle(source=name, text=text), settings) for name, text in QUOTED.items()]
    documents = list(annotate(raws, load_language()))
    entities = resolve_entities(documents)
    sources = {d.id: d.source for d in documents}
    claims = find_claims(documents, entities, sources=sources, verified=True)
    (shared,) = [c for c in claims if len(c.documents) > 1]
    assert shared.kind is ClaimKind.FACT
    assert shared.sources == ("plain.txt",)  # the article that only quotes the mayor is no source of it
    assert shared.holders and "mayor" in " ".join(shared.holders).lower()
    assert "said" not in shared.text  # told in the outlet's own voice


def test_one_verb_class_on_two_different_objects_is_two_claims() -> None:
    protect = replace(BASE, lemma="attempt", complements=frozenset({"protect", "pupil"}), objects=frozenset({"pupil"}))
    shield = replace(protect, complements=frozenset({"shield", "herself"}), objects=frozenset({"herself"}))
    assert verify(protect, shield, 0.4) is Verdict.DIFFERENT
    assert verify(protect, replace(protect), 0.4) is Verdict.SAME


def test_a_predicate_about_nothing_is_never_merged() -> None:
    bare = replace(BASE, subject_actors=frozenset(), complements=frozenset())
    assert verify(bare, replace(BASE), 0.9, same_happening=True) is Verdict.DIFFERENT


def test_a_habit_is_not_one_happening() -> None:
    assert verify(BASE, replace(BASE, modality=Modality.HABITUAL), 0.6) is Verdict.DIFFERENT


def test_other_amounts_of_one_thing_are_a_disagreement_not_one_claim() -> None:
    hit = replace(BASE, lemma="infect", amounts=frozenset({("sites", "6000")}))
    assert verify(hit, replace(hit, amounts=frozenset({("sites", "10000")})), 0.6) is Verdict.OTHER_AMOUNT
    assert verify(hit, replace(hit), 0.6) is Verdict.SAME
    # An amount of something else, or none, says nothing against.
    assert verify(hit, replace(hit, amounts=frozenset({("days", "3")})), 0.6) is Verdict.SAME
    assert verify(hit, replace(hit, amounts=frozenset()), 0.6) is Verdict.SAME


COUNTS = {
    "low.txt": "Police said 130 people marched through Aldham on Saturday to protest the closure.",
    "high.txt": "About 400 people marched through Aldham on Saturday to protest the closure.",
    "same.txt": "Organisers said 400 people marched through Aldham on Saturday to protest the closure.",
}


def test_head_counts_that_differ_are_shown_as_a_disagreement() -> None:
    settings = Settings(detect_language=False)
    raws = [process(RawArticle(source=name, text=text), settings) for name, text in COUNTS.items()]
    documents = list(annotate(raws, load_language()))
    entities = resolve_entities(documents)
    sources = {d.id: d.source for d in documents}
    import newsdesk.corpus.claims as claims_module

    original = claims_module.VERIFIED
    claims_module.VERIFIED = True
    try:
        claims = story_claims(documents, entities, [], sources)
    finally:
        claims_module.VERIFIED = original
    marched = [c for c in claims if "marched" in c.text]
    name = {d.id: d.source for d in documents}
    assert sorted(sorted(name[doc] for doc in c.documents) for c in marched) == [
        ["high.txt", "same.txt"],
        ["low.txt"],
    ]
    why = [x.why for c in marched for x in c.conflicts]
    assert why and all(w.startswith("number:") and "130" in w and "400" in w for w in why)


UNNAMED_QUOTE = {
    "named.txt": 'The harbour master closed the Varn bridge on Monday. "The bridge is unsafe for heavy lorries '
    'after the flood," said Tom Ekwall, the harbour master.\n\n'
    '"The repairs to the bridge will take at least three months," he added.',
    "quote.txt": "Engineers inspected the Varn bridge on Monday.\n\n"
    '"The bridge is unsafe for heavy lorries after the flood."',
}


def test_words_in_quotation_marks_are_never_the_outlets_own_voice() -> None:
    settings = Settings(detect_language=False)
    raws = [process(RawArticle(source=name, text=text), settings) for name, text in UNNAMED_QUOTE.items()]
    documents = list(annotate(raws, load_language()))
    entities = resolve_entities(documents)
    sources = {d.id: d.source for d in documents}
    claims = find_claims(documents, entities, sources=sources, verified=True)
    unsafe = [c for c in claims if "unsafe" in c.text]
    assert unsafe
    for claim in unsafe:
        # Somebody's words, said by one and left unattributed by the other: a view, never a fact
        # with its outlets as independent sources.
        assert claim.kind is ClaimKind.VIEW


def test_holders_written_two_ways_are_one() -> None:
    from newsdesk.corpus.claims import _distinct_holders

    assert _distinct_holders(["Researchers at the Aldham lab", "researchers at Aldham lab", None, "e-1"]) == (
        "Researchers at the Aldham lab",
        "e-1",
    )


def test_an_earlier_one_of_its_kind_is_another_claim() -> None:
    released = replace(BASE, lemma="release", complements=frozenset({"patch"}))
    assert verify(released, replace(released, earlier_one=True), 0.8) is Verdict.DIFFERENT
    assert verify(replace(released, earlier_one=True), replace(released, earlier_one=True), 0.8) is Verdict.SAME


FIRST_PERSON = {
    "plain.txt": "The ministry closed the Varn bridge on Monday after the flood.",
    "statement.txt": "Officials gave no details.\n\nWe closed the Varn bridge on Monday after the flood.",
}


def test_a_clause_in_the_first_person_is_not_the_outlets_voice() -> None:
    settings = Settings(detect_language=False)
    raws = [process(RawArticle(source=name, text=text), settings) for name, text in FIRST_PERSON.items()]
    documents = list(annotate(raws, load_language()))
    statements = [s for d in documents for s in statements_of(d, {}, propositions=True)]
    closed = {s.doc: s for s in statements if "closed" in s.text}
    name = {d.id: d.source for d in documents}
    assert {name[doc]: s.quoted for doc, s in closed.items()} == {"plain.txt": False, "statement.txt": True}
