"""Cross-article resolution on hand-made mentions (no tagger): each rule decides by evidence."""

from __future__ import annotations

from newsdesk.corpus.entities import resolve_entities
from newsdesk.model import Document, Entity, Mention, Span


def _doc(doc_id: str, text: str, tagged: list[tuple[str, str, str | None, str | None]]) -> Document:
    """``tagged``: (surface, label, role, governor); each surface is found left to right in ``text``."""
    mentions, cursor = [], 0
    for surface, label, role, governor in tagged:
        start = text.index(surface, cursor)
        cursor = start + len(surface)
        mentions.append(Mention(Span(start, cursor), surface, label, "test", role, governor))
    return Document(id=doc_id, source=doc_id, text=text, mentions=tuple(mentions))


def _find(entities: list[Entity], alias: str) -> Entity:
    (entity,) = [e for e in entities if alias in e.aliases]
    return entity


def test_accents_titles_and_surnames_join_the_full_name() -> None:
    a = _doc(
        "a",
        "President Tomás Renner spoke. Renner said more.",
        [("President Tomás Renner", "PERSON", "nsubj", "speak"), ("Renner", "ORG", "nsubj", "say")],
    )
    b = _doc(
        "b",
        "Tomas Renner left. Renner's office closed.",
        [("Tomas Renner", "PERSON", "nsubj", "leave"), ("Renner", "GPE", "poss", "office")],
    )
    entities = resolve_entities([a, b])
    renner = _find(entities, "Renner")
    assert renner.name == "Tomás Renner"
    assert renner.type == "PERSON" and renner.type_why == "has a first name in the story"
    assert set(renner.aliases) == {"President Tomás Renner", "Renner", "Tomas Renner"}
    assert dict(renner.type_votes) == {"PERSON": 2, "ORG": 1, "GPE": 1}
    assert len(renner.documents) == 2


def test_two_people_sharing_a_surname_stay_apart() -> None:
    a = _doc(
        "a",
        "Anna Berg arrived. Berg spoke. Later Piet Berg came. Berg left.",
        [
            ("Anna Berg", "PERSON", None, None),
            ("Berg", "PERSON", None, None),
            ("Piet Berg", "PERSON", None, None),
            ("Berg", "PERSON", None, None),
        ],
    )
    entities = resolve_entities([a])
    anna, piet = _find(entities, "Anna Berg"), _find(entities, "Piet Berg")
    assert anna.id != piet.id
    # a surname goes to the one person of that name the article has introduced so far; once two
    # are introduced, neither dominating, it is left unresolved rather than guessed
    assert [m.span.start for m in anna.mentions] == [0, 19]
    assert [m.span.start for m in piet.mentions] == [37]
    lone = [e for e in entities if any(m.span.start == 53 for m in e.mentions)]
    assert len(lone) == 1 and len(lone[0].mentions) == 1 and "not resolved" in (lone[0].type_why or "")


def test_a_shared_surname_with_no_evidence_is_not_guessed() -> None:
    a = _doc(
        "a", "Anna Berg and Piet Berg met.", [("Anna Berg", "PERSON", None, None), ("Piet Berg", "PERSON", None, None)]
    )
    b = _doc("b", "Berg refused to comment.", [("Berg", "PERSON", "nsubj", "refuse")])
    entities = resolve_entities([a, b])
    lone = _find(entities, "Berg")
    assert lone.mentions[0].doc == "b" and len(lone.mentions) == 1


def test_state_names_demonyms_and_metonymy() -> None:
    a = _doc(
        "a",
        "The U.S. and the United States. Americans watched. Washington warned. He flew to Washington.",
        [
            ("U.S.", "GPE", None, None),
            ("the United States", "GPE", None, None),
            ("Americans", "NORP", None, None),
            ("Washington", "GPE", "nsubj", "warn"),
            ("Washington", "GPE", "pobj", "to"),
        ],
    )
    entities = resolve_entities([a])
    usa = _find(entities, "U.S.")
    assert usa.name == "United States" and set(usa.aliases) == {"U.S.", "the United States"}
    americans = _find(entities, "Americans")
    assert americans.type == "NORP" and americans.id != usa.id
    assert [(link.relation, link.target) for link in americans.links] == [("demonym-of", usa.id)]
    washington = _find(entities, "Washington")
    assert [m.sense for m in washington.mentions] == ["government", "place"]
    (link,) = washington.links
    assert (link.relation, link.target) == ("stands-for", usa.id)
    assert [e.span.start for e in link.evidence] == [washington.mentions[0].span.start]


def test_organisations_under_several_names_and_acronyms() -> None:
    a = _doc(
        "a",
        "Ostmark's Ministry of Foreign Affairs said no. The National Dam Safety Office agreed.",
        [
            ("Ministry of Foreign Affairs", "ORG", None, None),
            ("The National Dam Safety Office", "ORG", None, None),
        ],
    )
    b = _doc(
        "b",
        "The Ostmark Foreign Ministry replied. The NDSO was silent.",
        [
            ("The Ostmark Foreign Ministry", "ORG", None, None),
            ("NDSO", "ORG", None, None),
        ],
    )
    entities = resolve_entities([a, b])
    ministry = _find(entities, "Ministry of Foreign Affairs")
    # Ostmark is no state the gazetteer knows, so the qualifier comes from neither side: names stay apart
    assert "The Ostmark Foreign Ministry" not in ministry.aliases
    office = _find(entities, "NDSO")
    assert "The National Dam Safety Office" in office.aliases


def test_a_known_state_qualifies_its_ministry() -> None:
    a = _doc("a", "Russia's Ministry of Foreign Affairs said no.", [("Ministry of Foreign Affairs", "ORG", None, None)])
    b = _doc("b", "The Russian Foreign Ministry replied.", [("The Russian Foreign Ministry", "ORG", None, None)])
    entities = resolve_entities([a, b])
    ministry = _find(entities, "Ministry of Foreign Affairs")
    assert set(ministry.aliases) == {"Ministry of Foreign Affairs", "The Russian Foreign Ministry"}


def test_equipment_variants_are_linked_not_merged() -> None:
    a = _doc(
        "a",
        "It had Buk-M2 and Buk-2MA batteries and one S-300.",
        [
            ("Buk-M2", "PRODUCT", None, None),
            ("Buk-2MA", "PRODUCT", None, None),
            ("S-300", "PRODUCT", None, None),
        ],
    )
    entities = resolve_entities([a])
    m2, ma, s300 = _find(entities, "Buk-M2"), _find(entities, "Buk-2MA"), _find(entities, "S-300")
    assert len({m2.id, ma.id, s300.id}) == 3
    assert [(link.relation, link.target) for link in m2.links] == [("possibly-same", ma.id)]
    assert [e.span.of(a.text) for e in m2.links[0].evidence] == ["Buk-M2", "Buk-2MA"]
    assert s300.links == ()


def test_outlets_are_organisations_whatever_the_tagger_said() -> None:
    a = _doc(
        "a",
        "Bloomberg reports it. Bloomberg notes more.",
        [("Bloomberg", "PERSON", None, None), ("Bloomberg", "GPE", None, None)],
    )
    (bloomberg,) = resolve_entities([a])
    assert bloomberg.type == "ORG" and bloomberg.type_why == "a news outlet (gazetteer)"


def test_ids_are_deterministic() -> None:
    a = _doc("a", "Anna Berg spoke.", [("Anna Berg", "PERSON", None, None)])
    assert resolve_entities([a])[0].id == resolve_entities([a])[0].id


def test_organisation_evidence_beats_a_persons_name_shape() -> None:
    text = "Selby Hydro, the state-owned operator, said no. Later Selby said yes. Anna Selby Hydro fan."
    a = _doc("a", text, [("Selby Hydro", "PERSON", "nsubj", "say"), ("Selby", "ORG", "nsubj", "say")])
    start = text.index("the state-owned operator")
    role = Span(start, start + len("the state-owned operator"))
    described = Mention(a.mentions[0].span, "Selby Hydro", "PERSON", "test", "nsubj", "say", role)
    a = Document(id="a", source="a", text=text, mentions=(described, a.mentions[1]))
    entities = resolve_entities([a])
    operator = _find(entities, "Selby Hydro")
    assert operator.type == "ORG" and operator.type_why == "described as 'the state-owned operator'"
    assert "Selby" in operator.aliases  # its short form, after the article introduced the full name


def test_place_uses_and_one_key_for_every_tag() -> None:
    a = _doc(
        "a",
        "Kelmi voted. People in Kelmi and from Kelmi left.",
        [
            ("Kelmi", "ORG", "nsubj", "vote"),
            ("Kelmi", "ORG", "pobj", "in"),
            ("Kelmi", "GPE", "pobj", "from"),
        ],
    )
    (kelmi,) = resolve_entities([a])
    assert kelmi.type == "GPE"
    assert dict(kelmi.type_votes) == {"ORG": 2, "GPE": 1, "GPE (place uses)": 2}


def test_a_place_is_not_the_short_form_of_an_organisation() -> None:
    a = _doc(
        "a",
        "The Tarnova Courier reported. Floods hit Tarnova.",
        [
            ("The Tarnova Courier", "ORG", "nsubj", "report"),
            ("Tarnova", "ORG", "pobj", "in"),
        ],
    )
    entities = resolve_entities([a])
    assert len(entities) == 2


def test_a_name_mostly_tagged_as_a_place_is_no_person() -> None:
    a = _doc(
        "a",
        "Sri Lanka voted. Sri Lanka won. In Sri Lanka, Lanka rose.",
        [
            ("Sri Lanka", "PERSON", "nsubj", "vote"),
            ("Sri Lanka", "GPE", "nsubj", "win"),
            ("Sri Lanka", "GPE", "pobj", "in"),
            ("Lanka", "PERSON", "nsubj", "rise"),
        ],
    )
    entities = resolve_entities([a])
    lanka = _find(entities, "Sri Lanka")
    assert lanka.type == "GPE" and len(lanka.mentions) == 3


def test_ambiguous_initials_need_the_spelled_out_form() -> None:
    a = _doc(
        "a",
        "General Motors (GM) and the Grand Marquis. GM said.",
        [
            ("General Motors", "ORG", None, None),
            ("Grand Marquis", "ORG", None, None),
            ("GM", "ORG", "nsubj", "say"),
        ],
    )
    entities = resolve_entities([a])
    assert "GM" in _find(entities, "General Motors").aliases
    assert "GM" not in _find(entities, "Grand Marquis").aliases


def test_legal_forms_and_possessed_descriptions() -> None:
    a = _doc("a", "Apple Inc. sued. Apple won.", [("Apple Inc.", "ORG", None, None), ("Apple", "ORG", None, None)])
    assert len(resolve_entities([a])) == 1
    text = "Ron Hale, the League's leading rusher, retired."
    start = text.index("the League's")
    b = Document(
        id="b",
        source="b",
        text=text,
        mentions=(
            Mention(Span(0, 8), "Ron Hale", "PERSON", "test", "nsubj", "retire", Span(start, text.index(", retired"))),
        ),
    )
    (hale,) = resolve_entities([b])
    assert hale.type == "PERSON"  # "league" is the possessor, "rusher" the role
