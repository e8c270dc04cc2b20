"""The story's network from per-document relations: mentions become entities (a capital standing
for its government becomes the state), the kind's entity types hold, symmetric ties have one
order, and the export records and GraphML keep the direction."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from newsdesk.corpus.relations import find_relations
from newsdesk.model import (
    Document,
    Entity,
    EntityLink,
    EntityMention,
    Relation,
    Span,
    TimeExpression,
    TimeHow,
    TimeType,
)
from newsdesk.nlp.relations import ALLIANCE, CAPTURE, FLED, MET, SUPPLY
from newsdesk.report.network import relation_records, to_graphml

TEXT = (
    "Moscow supplied tanks to Caracas in 2019. Nadia Orlova fled to Moscow. "
    "Cuba and Russia met. Russia seized Cuba. Zorbia seized Nadia Orlova."
)
DOC = "d-network"


def _span(words: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(words, start + 1)
    return Span(start, start + len(words))


def _relation(kind: str, source: Span, target: Span, trigger: Span, directed: bool = True) -> Relation:
    sentence_start = TEXT.rfind(". ", 0, trigger.start)
    return Relation(
        span=Span(sentence_start + 2 if sentence_start >= 0 else 0, TEXT.index(".", trigger.start) + 1),
        kind=kind,
        source=source,
        target=target,
        trigger=trigger,
        trigger_text=trigger.of(TEXT),
        directed=directed,
        modality="happened",
        time=_span("2019") if kind == SUPPLY else None,
        extractor="newsdesk.relations.rules.v1",
    )


def _mention(words: str, nth: int = 0, sense: str = "name") -> EntityMention:
    return EntityMention(DOC, _span(words, nth), words, sense)


ENTITIES = [
    Entity("e-russia", "Russia", "GPE", (_mention("Russia"), _mention("Russia", 1))),
    Entity(
        "e-moscow",
        "Moscow",
        "GPE",
        (_mention("Moscow", 0, "government"), _mention("Moscow", 1, "place")),
        links=(EntityLink("e-russia", "stands-for", "capital"),),
    ),
    # Venezuela itself is not among the entities passed: the link is followed all the same.
    Entity(
        "e-caracas",
        "Caracas",
        "GPE",
        (_mention("Caracas", 0, "government"),),
        links=(EntityLink("e-venezuela", "stands-for", "capital"),),
    ),
    Entity("e-orlova", "Nadia Orlova", "PERSON", (_mention("Nadia Orlova"), _mention("Nadia Orlova", 1))),
    Entity("e-cuba", "Cuba", "GPE", (_mention("Cuba"), _mention("Cuba", 1))),
]
RELATIONS = (
    _relation(SUPPLY, _span("Moscow"), _span("Caracas"), _span("supplied")),
    _relation(FLED, _span("Nadia Orlova"), _span("Moscow", 1), _span("fled")),
    _relation(MET, _span("Cuba"), _span("Russia"), _span("met"), directed=False),
    _relation(CAPTURE, _span("Russia", 1), _span("Cuba", 1), _span("seized")),  # a state is no captured leader
    _relation(CAPTURE, _span("Zorbia"), _span("Nadia Orlova", 1), _span("seized", 1)),  # Zorbia is no entity
)
DOCUMENT = Document(
    id=DOC,
    source="network.txt",
    text=TEXT,
    times=(TimeExpression(_span("2019"), "2019", TimeType.DATE, "2019", TimeHow.EXPLICIT),),
    relations=RELATIONS,
)


def test_mentions_become_the_actors_they_stand_for() -> None:
    edges = {(e.source, e.kind, e.target): e for e in find_relations([DOCUMENT], ENTITIES)}
    supply = edges[("e-russia", SUPPLY, "e-venezuela")]
    assert supply.directed and supply.date == "2019"
    assert supply.date_evidence is not None and supply.date_evidence.span.of(TEXT) == "2019"
    assert supply.source_mention is not None and supply.source_mention.span.of(TEXT) == "Moscow"
    # A destination stays the place it is.
    assert ("e-orlova", FLED, "e-moscow") in edges


def test_symmetric_ties_have_one_order_and_kinds_keep_their_types() -> None:
    edges = find_relations([DOCUMENT], ENTITIES)
    met = [e for e in edges if e.kind == MET]
    assert [(e.source, e.target, e.directed) for e in met] == [("e-cuba", "e-russia", False)]
    assert not [e for e in edges if e.kind == CAPTURE]
    assert len(edges) == 3


def test_records_and_graphml_show_the_direction() -> None:
    edges = find_relations([DOCUMENT], ENTITIES)
    records = relation_records(edges, {DOC: DOCUMENT})
    for record in records:
        for part in ("evidence", "trigger", "source_mention", "target_mention"):
            span = record[part]
            assert TEXT[span["start"] : span["end"]] == span["text"]
        assert {"source", "target", "kind", "date", "directed", "modality"} <= record.keys()
    export = {
        "entities": [
            {"id": e.id, "name": e.name, "type": e.type, "mentions": list(e.mentions)}
            for e in [*ENTITIES, Entity("e-venezuela", "Venezuela", "GPE", ())]
        ],
        "relations": records,
    }
    graph = ET.fromstring(to_graphml(export))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    found = {}
    for edge in graph.iterfind(".//g:edge", ns):
        kind = edge.find("g:data[@key='kind']", ns)
        assert kind is not None
        found[(edge.get("source"), kind.text, edge.get("target"))] = edge.get("directed")
    assert found[("e-russia", SUPPLY, "e-venezuela")] == "true"
    assert found[("e-cuba", MET, "e-russia")] == "false"
    assert ALLIANCE not in {kind for _, kind, _ in found}
