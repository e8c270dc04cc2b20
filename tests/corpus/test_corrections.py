"""Corrections as the corpus stages honour them, on articles written for these tests: a
cannot-link keeps apart what the clustering joins without it, a must-link joins what it keeps
apart, entity merges and splits hold, and keys that find nothing are "not applicable"."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.corpus.claims import find_claims
from newsdesk.corpus.corrections import (
    BadCorrection,
    ClaimConstraints,
    KeyIndex,
    UnknownTarget,
    correction_status,
    distinct_claims,
    labelled_pairs,
    mentions_written,
    merge_claims,
    merge_entities,
    split_claim,
    split_entity,
)
from newsdesk.corpus.entities import resolve_entities
from newsdesk.corpus.similarity import cluster
from newsdesk.model import (
    Attributed,
    Claim,
    Correction,
    CorrectionAction,
    CorrectionState,
    Document,
    Mention,
    Span,
    correction_id,
    document_id,
    statement_key,
)

WHEN = "2026-03-12T09:00:00+00:00"

# Three outlets on one fictional story: the first sentences of each say the same; the last two
# sentences of A and B do not (a shared topic, different claims); C's second sentence says what
# A's second does in other words.
A = (
    "The Harlow bridge over the Ember river closed on Monday after engineers found cracks in its main span. "
    "The county council said repairs to the Harlow bridge would cost four million pounds over two years. "
    "Local traders warned that the Harlow bridge closure would cut their takings during the busy season."
)
B = (
    "Engineers closed the Harlow bridge over the Ember river on Monday after finding cracks in the main span. "
    "Commuters queued for an hour at the ferry pier on Tuesday morning while buses took a long detour. "
    "Local traders said the Harlow bridge closure came at the worst time for their takings this season."
)
C = (
    "Cracks in the main span led engineers to close the Harlow bridge over the Ember river on Monday. "
    "Fixing the crossing will take two years and four million pounds, according to county officials in Ember."
)


def _document(text: str, outlet: str, mentions: tuple[Mention, ...] = ()) -> Document:
    return Document(
        id=document_id(text), source=f"{outlet}.txt", text=text, outlet=Attributed(outlet, "test"), mentions=mentions
    )


def _mention(text: str, phrase: str, label: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Mention(Span(start, start + len(phrase)), phrase, label, "test")


def _claim_of(claims: list[Claim], doc: str, start: int) -> Claim:
    return next(c for c in claims if any(s.doc == doc and s.span.start == start for s in c.statements))


@pytest.fixture
def documents() -> list[Document]:
    return [_document(A, "Ember Gazette"), _document(B, "Harlow Times"), _document(C, "County Radio")]


def _start(text: str, sentence: int) -> int:
    return 0 if sentence == 0 else [i + 2 for i, c in enumerate(text) if text[i : i + 2] == ". "][sentence - 1]


def test_cannot_link_in_cluster_keeps_apart_what_average_and_single_link_join() -> None:
    pairs = [(0, 1, 0.9), (1, 2, 0.8), (0, 2, 0.7), (2, 3, 0.9), (1, 3, 0.8), (0, 3, 0.6)]
    for linkage in ("average", "single"):
        assert cluster(4, pairs, 0.5, linkage=linkage) == [[0, 1, 2, 3]]
        split = cluster(4, pairs, 0.5, linkage=linkage, cannot_link=[(0, 3)])
        assert split == [[0, 1], [2, 3]], linkage
    with pytest.raises(ValueError, match="outside"):
        cluster(2, [], 0.5, cannot_link=[(0, 5)])


_ITEMS = 8
_pairs = st.lists(st.tuples(st.integers(0, _ITEMS - 1), st.integers(0, _ITEMS - 1), st.floats(0.0, 1.0)), max_size=30)
_links = st.lists(st.tuples(st.integers(0, _ITEMS - 1), st.integers(0, _ITEMS - 1)), max_size=6)


@settings(max_examples=300, deadline=None)
@given(pairs=_pairs, cannot=_links, linkage=st.sampled_from(["average", "single"]))
def test_no_cluster_ever_holds_a_cannot_link_pair(
    pairs: list[tuple[int, int, float]], cannot: list[tuple[int, int]], linkage: str
) -> None:
    groups = cluster(_ITEMS, pairs, 0.3, linkage=linkage, cannot_link=cannot)
    assert sorted(i for members in groups for i in members) == list(range(_ITEMS))
    where = {i: number for number, members in enumerate(groups) for i in members}
    assert all(where[i] != where[j] for i, j in cannot if i != j)
    if not cannot:
        assert groups == cluster(_ITEMS, pairs, 0.3, linkage=linkage)


def test_a_cannot_link_prevents_a_merge_that_happens_without_it(documents: list[Document]) -> None:
    a, b = documents[0], documents[1]
    plain = find_claims(documents, [])
    together = _claim_of(plain, a.id, 0)
    assert b.id in together.documents, "the test needs a merge to prevent"
    constraints = ClaimConstraints(cannot_link=frozenset({(statement_key(a.id, 0), statement_key(b.id, 0))}))
    kept = find_claims(documents, [], constraints=constraints)
    assert b.id not in _claim_of(kept, a.id, 0).documents
    # Only that pair is kept apart: C's statement still joins one of them.
    assert len(_claim_of(kept, documents[2].id, 0).documents) == 2


def test_a_must_link_joins_what_the_clustering_keeps_apart(documents: list[Document]) -> None:
    a, b = documents[0], documents[1]
    commuters = _start(B, 1)
    council = _start(A, 1)
    plain = find_claims(documents, [])
    assert _claim_of(plain, a.id, council) != _claim_of(plain, b.id, commuters), "the test needs a pair kept apart"
    constraints = ClaimConstraints(
        must_link=frozenset({(statement_key(a.id, council), statement_key(b.id, commuters))})
    )
    joined = find_claims(documents, [], constraints=constraints)
    assert _claim_of(joined, a.id, council) == _claim_of(joined, b.id, commuters)


def test_corrections_made_on_claims_replay_as_constraints(documents: list[Document]) -> None:
    claims = find_claims(documents, [])
    a, b, c = (d.id for d in documents)
    opening = _claim_of(claims, a, 0)
    split = split_claim(claims, opening.id, [statement_key(b, 0)], "Ana Reyes", "B says who closed it", WHEN)
    assert split.action is CorrectionAction.CLAIMS_SPLIT and split.groups[0] == (statement_key(b, 0),)
    after = find_claims(documents, [], constraints=ClaimConstraints.of([split]))
    assert b not in _claim_of(after, a, 0).documents and c in _claim_of(after, a, 0).documents
    assert correction_status(split, after, []).state is CorrectionState.IN_EFFECT
    assert correction_status(split, claims, []).state is CorrectionState.NOT_IN_EFFECT
    # Merging them again later wins over the split: the later judgement of a pair stands.
    bs = _claim_of(after, b, 0)
    merge = merge_claims(after, [_claim_of(after, a, 0).id, bs.id], "Ana Reyes", "on reflection, the same", WHEN)
    again = find_claims(documents, [], constraints=ClaimConstraints.of([split, merge]))
    assert b in _claim_of(again, a, 0).documents
    assert correction_status(merge, again, []).state is CorrectionState.IN_EFFECT
    assert correction_status(split, again, []).state is CorrectionState.NOT_IN_EFFECT
    # "Not the same" on two claims keeps every statement of one away from every one of the other.
    with pytest.raises(BadCorrection, match="two claims"):
        distinct_claims(after, [opening.id, bs.id, claims[-1].id], "Ana Reyes", "no", WHEN)
    distinct = distinct_claims(after, [_claim_of(after, a, 0).id, bs.id], "Ana Reyes", "B is another closure", WHEN)
    assert set(distinct.groups[0]) == {statement_key(a, 0), statement_key(c, 0)}
    apart = find_claims(documents, [], constraints=ClaimConstraints.of([distinct]))
    assert b not in _claim_of(apart, a, 0).documents and b not in _claim_of(apart, c, 0).documents
    # A split of another claim: the traders' statements of A and B.
    traders = _claim_of(claims, a, _start(A, 2))
    assert b in traders.documents, "the test needs the traders' statements merged"
    moved = [statement_key(b, _start(B, 2))]
    kept = find_claims(
        documents, [], constraints=ClaimConstraints.of([split_claim(claims, traders.id, moved, "A", "no", WHEN)])
    )
    assert _claim_of(kept, a, _start(A, 2)) != _claim_of(kept, b, _start(B, 2))


def test_labelled_pairs_follow_the_latest_judgement(documents: list[Document]) -> None:
    claims = find_claims(documents, [])
    a, b, _ = (d.id for d in documents)
    opening = _claim_of(claims, a, 0)
    split = split_claim(claims, opening.id, [statement_key(b, 0)], "Ana", "not the same", WHEN)
    pairs = labelled_pairs([split])
    assert {(p.a, p.b) for p in pairs} == {tuple(sorted((statement_key(b, 0), key))) for key in split.groups[1]}
    assert all(not p.same and p.correction == split.id for p in pairs)
    back = Correction(
        correction_id(CorrectionAction.CLAIMS_MERGE, ((statement_key(a, 0), statement_key(b, 0)),), "Ana", WHEN, "x"),
        CorrectionAction.CLAIMS_MERGE,
        ((statement_key(a, 0), statement_key(b, 0)),),
        (),
        "Ana",
        WHEN,
        "x",
    )
    latest = {(p.a, p.b): p.same for p in labelled_pairs([split, back])}
    assert latest[tuple(sorted((statement_key(a, 0), statement_key(b, 0))))] is True
    assert list(latest.values()).count(True) == 1


def test_keys_that_find_nothing_are_not_applicable_and_harmless(documents: list[Document]) -> None:
    claims = find_claims(documents, [])
    gone = Correction("kgone", CorrectionAction.CLAIMS_MERGE, (("dnothere:0",), ("dnothere:99",)), (), "Ana", WHEN, "x")
    assert correction_status(gone, claims, []).state is CorrectionState.NOT_APPLICABLE
    assert correction_status(gone, claims, []).found == 0
    half = Correction(
        "khalf",
        CorrectionAction.CLAIMS_DISTINCT,
        ((statement_key(documents[0].id, 0),), ("dnothere:5",)),
        (),
        "A",
        WHEN,
        "x",
    )
    assert correction_status(half, claims, []).state is CorrectionState.NOT_APPLICABLE
    assert find_claims(documents, [], constraints=ClaimConstraints.of([gone, half])) == claims


def test_a_key_finds_the_statement_starting_there_else_the_one_holding_it() -> None:
    index = KeyIndex([("d1", 0, 50), ("d1", 50, 90), ("d2", 10, 20)])
    assert index.find("d1:50") == [1]
    assert index.find("d1:60") == [1]
    assert index.find("d1:95") == [] and index.find("d3:0") == [] and index.find("nonsense") == []


def test_making_a_correction_checks_what_it_is_given(documents: list[Document]) -> None:
    claims = find_claims(documents, [])
    first, second = claims[0], claims[1]
    with pytest.raises(UnknownTarget):
        merge_claims(claims, [first.id, "cmissing"], "Ana", "why", WHEN)
    with pytest.raises(BadCorrection, match="at least 2"):
        merge_claims(claims, [first.id, first.id], "Ana", "why", WHEN)
    with pytest.raises(BadCorrection, match="why"):
        merge_claims(claims, [first.id, second.id], "Ana", "  ", WHEN)
    with pytest.raises(BadCorrection, match="not statements"):
        split_claim(
            claims, first.id, [statement_key(second.statements[0].doc, second.statements[0].span.start)], "A", "w", WHEN
        )
    everything = [statement_key(s.doc, s.span.start) for s in first.statements]
    with pytest.raises(BadCorrection, match="splits nothing"):
        split_claim(claims, first.id, everything, "Ana", "why", WHEN)
    with pytest.raises(BadCorrection, match="DOCID:START"):
        split_claim(claims, first.id, ["no-offset"], "Ana", "why", WHEN)
    made = merge_claims(claims, [first.id, second.id], "Ana", "why", WHEN)
    assert made == merge_claims(claims, [first.id, second.id], "Ana", "why", WHEN), "ids are deterministic"
    assert made.targets == (first.id, second.id) and made.who == "Ana" and made.when == WHEN


# Entities: two companies the resolver keeps apart, and one name used for two people.
ENTITY_A = (
    "Norvale Power said on Monday that Karsten Ode would lead the review. "
    "Meanwhile Ode, a former minister, met Brannford Grid engineers in Kelmi."
)
ENTITY_B = "Brannford Grid and Norvale Power share the Kelmi substation, Ode told reporters in Kelmi."


@pytest.fixture
def people() -> list[Document]:
    a = _document(
        ENTITY_A,
        "Ember Gazette",
        (
            _mention(ENTITY_A, "Norvale Power", "ORG"),
            _mention(ENTITY_A, "Karsten Ode", "PERSON"),
            _mention(ENTITY_A, "Ode", "PERSON", nth=1),
            _mention(ENTITY_A, "Brannford Grid", "ORG"),
            _mention(ENTITY_A, "Kelmi", "GPE"),
        ),
    )
    b = _document(
        ENTITY_B,
        "Harlow Times",
        (
            _mention(ENTITY_B, "Brannford Grid", "ORG"),
            _mention(ENTITY_B, "Norvale Power", "ORG"),
            _mention(ENTITY_B, "Kelmi", "GPE"),
            _mention(ENTITY_B, "Ode", "PERSON"),
            _mention(ENTITY_B, "Kelmi", "GPE", nth=1),
        ),
    )
    return [a, b]


def _entity_named(entities: list, name: str):  # type: ignore[no-untyped-def]
    return next(e for e in entities if e.name == name)


def test_entity_merge_and_split_are_replayed_by_the_resolution(people: list[Document]) -> None:
    entities = resolve_entities(people)
    norvale, brannford = _entity_named(entities, "Norvale Power"), _entity_named(entities, "Brannford Grid")
    ode = _entity_named(entities, "Karsten Ode")
    assert len(ode.mentions) == 3, "the surname joins the full name"
    merge = merge_entities(entities, [norvale.id, brannford.id], "Ana", "one company, renamed", WHEN)
    merged = resolve_entities(people, corrections=[merge])
    assert len([e for e in merged if e.type == "ORG"]) == len([e for e in entities if e.type == "ORG"]) - 1
    joined = next(e for e in merged if {"Norvale Power", "Brannford Grid"} <= set(e.aliases))
    assert len(joined.mentions) == 4 and joined.id in (norvale.id, brannford.id)
    assert correction_status(merge, [], merged).state is CorrectionState.IN_EFFECT
    assert correction_status(merge, [], entities).state is CorrectionState.NOT_IN_EFFECT
    # B's "Ode" is somebody else: split it out.
    b_ode = [statement_key(m.doc, m.span.start) for m in ode.mentions if m.doc == people[1].id]
    split = split_entity(merged, ode.id, b_ode, "Ana", "B's Ode is the ferry captain", WHEN)
    both = resolve_entities(people, corrections=[merge, split])
    assert len(_entity_named(both, "Karsten Ode").mentions) == 2
    alone = next(
        e for e in both if e.mentions and statement_key(e.mentions[0].doc, e.mentions[0].span.start) == b_ode[0]
    )
    assert len(alone.mentions) == 1 and alone.type == "PERSON"
    assert correction_status(split, [], both).state is CorrectionState.IN_EFFECT
    assert resolve_entities(people, corrections=[merge, split]) == both, "the replay is deterministic"
    assert mentions_written(_entity_named(entities, "Kelmi"), "kelmi") and not mentions_written(ode, "Kelmi")
    with pytest.raises(BadCorrection, match="splits nothing"):
        split_entity(
            entities, norvale.id, [statement_key(m.doc, m.span.start) for m in norvale.mentions], "A", "w", WHEN
        )
    gone = Correction("kx", CorrectionAction.ENTITIES_SPLIT, (("dnothere:3",),), (), "Ana", WHEN, "x")
    assert resolve_entities(people, corrections=[gone]) == entities
    assert correction_status(gone, [], entities).state is CorrectionState.NOT_APPLICABLE
