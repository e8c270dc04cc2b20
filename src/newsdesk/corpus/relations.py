"""The story's network: the relations each article states (``newsdesk.relations.rules.v1``, read
from the parse with their direction), tied to the story's entities (``newsdesk.corpus.relations.v2``).

A relation's two mentions become the entities they are mentions of. A place name standing for its
government ("Brennport supplied ...") and a demonym ("American forces") become the state they stand
for, so that the network has one node per actor; a destination ("fled to Brennport") stays a place.
A relation whose mention belongs to no entity, or whose two sides are one entity, is no edge.

A document's edges are made again only when what they are made of changed (``corpus.story_memo``):
its relations and their times as the story time re-read them, the entity each mention character
stands for, and the types and links of those entities.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from newsdesk.corpus.story_memo import DocMemo, StepChange, StoryView, digest, in_order, text_digest, to_recompute
from newsdesk.model import Document, Entity, EntityMention, Evidence, Span
from newsdesk.model.network import NetworkEdge, Quoted
from newsdesk.nlp.relations import CAPTURE, FLED

EXTRACTOR = "newsdesk.corpus.relations.v2"

# How a mention's sense (from entity resolution) maps it to the actor it stands for.
_STANDS_FOR = {"government": "stands-for", "demonym": "demonym-of"}
_ACTORS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# The entity types each kind takes, as (source, target): the tagger's label of one mention may
# be wrong (a surname as an organisation), the story's type is voted over all of them.
_TYPES = {
    CAPTURE: (_ACTORS, frozenset({"PERSON"})),
    FLED: (frozenset({"PERSON"}), frozenset({"GPE", "LOC", "FAC"})),
}


@dataclass(frozen=True, slots=True)
class Edge:
    """One article's statement of a tie between two entities: ``source`` acts on ``target``
    (supplies it, captures it, condemns it, flees to it); for a tie that runs both ways
    (``directed`` false: an alliance, a meeting) the two are in the order of their ids.
    ``evidence`` is the sentence, ``trigger`` the word naming the tie, ``date`` the TimeML value
    of the expression that dates it (``date_evidence``), if any."""

    source: str
    target: str
    kind: str
    evidence: Evidence
    date: str | None
    directed: bool = True
    modality: str = "happened"
    trigger: Evidence | None = None
    source_mention: Evidence | None = None
    target_mention: Evidence | None = None
    date_evidence: Evidence | None = None
    extractor: str = EXTRACTOR


def find_relations(documents: Iterable[Document], entities: Sequence[Entity]) -> list[Edge]:
    """Every stated relation between two entities, in article and text order, once per pair,
    kind and sentence."""
    actors = _Actors(entities)
    return [edge for document in documents for edge in _stated(document, actors)]


def _stated(document: Document, actors: _Actors) -> list[Edge]:
    """The relations ``document`` states between two entities, in text order."""
    values = {time.span: time.value for time in document.times}
    found: dict[tuple[str, str, str, Span], Edge] = {}
    for relation in document.relations:
        source = actors.at(document.id, relation.source)
        target = actors.at(document.id, relation.target)
        if source is None or target is None or source == target:
            continue
        sources, targets = _TYPES.get(relation.kind, (_ACTORS, _ACTORS))
        if actors.type(source) not in sources or actors.type(target) not in targets:
            continue
        source_span, target_span = relation.source, relation.target
        if not relation.directed and target < source:
            source, target = target, source
            source_span, target_span = target_span, source_span
        key = (source, target, relation.kind, relation.span)
        if key in found:
            continue
        time = relation.time
        found[key] = Edge(
            source=source,
            target=target,
            kind=relation.kind,
            evidence=Evidence(document.id, relation.span),
            date=values.get(time) if time is not None else None,
            directed=relation.directed,
            modality=relation.modality,
            trigger=Evidence(document.id, relation.trigger),
            source_mention=Evidence(document.id, source_span),
            target_mention=Evidence(document.id, target_span),
            date_evidence=Evidence(document.id, time) if time is not None else None,
        )
    return list(found.values())


def network_edges(documents: Iterable[Document], entities: Sequence[Entity]) -> list[NetworkEdge]:
    """The relation edges story stage: ``find_relations`` of each document, numbered in its
    document from 1 and with the text of each span, as stored and as the readers show them."""
    actors = _Actors(entities)
    edges: list[NetworkEdge] = []
    for document in documents:
        text = document.text
        for place, edge in enumerate(_stated(document, actors), start=1):
            edges.append(
                NetworkEdge(
                    doc=document.id,
                    place=place,
                    source=edge.source,
                    target=edge.target,
                    kind=edge.kind,
                    sentence=Quoted(edge.evidence, edge.evidence.span.of(text)),
                    date=edge.date,
                    directed=edge.directed,
                    modality=edge.modality,
                    extractor=edge.extractor,
                    trigger_text=_quoted(edge.trigger, text),
                    source_text=_quoted(edge.source_mention, text),
                    target_text=_quoted(edge.target_mention, text),
                    date_text=_quoted(edge.date_evidence, text),
                )
            )
    return edges


def edge_digest(document: Document, view: StoryView) -> str:
    """What the edges of ``document`` are made of (its times as re-read, when they are passed so)."""
    named = view.named(document.id)
    types = view.types
    entities = sorted(
        (e.id, e.type, sorted((k.relation, k.target, types.get(k.target)) for k in e.links)) for e in named
    )
    times = [(t.span, t.value) for t in document.times] if document.relations else []
    return digest((text_digest(document.text), document.relations, times, view.runs(document.id), entities))


def incremental_edges(
    documents: Sequence[Document], view: StoryView, memo: Mapping[str, DocMemo] | None
) -> tuple[list[NetworkEdge], StepChange]:
    """The edges of the documents whose digest changed since the ``memo`` kept (every document's
    without one), and the change to store with them."""
    chosen, change = to_recompute(EXTRACTOR, documents, lambda d: edge_digest(d, view), memo)
    # The entities named in them, and the states they stand for, are all their edges read.
    wanted = {e.id for d in chosen for e in view.named(d.id)}
    wanted |= {link.target for e in in_order(view, wanted) for link in e.links}
    return network_edges(chosen, in_order(view, wanted)), change


def _quoted(evidence: Evidence | None, text: str) -> Quoted | None:
    return Quoted(evidence, evidence.span.of(text)) if evidence is not None else None


class _Actors:
    """The entity, or the actor it stands for, of a mention span in a document."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self._at: dict[tuple[str, int], tuple[Entity, EntityMention]] = {}
        self._types = {entity.id: entity.type for entity in entities}
        for entity in entities:
            for mention in entity.mentions:
                for position in range(mention.span.start, mention.span.end):
                    self._at.setdefault((mention.doc, position), (entity, mention))
        # A link's target is followed even when it is not among ``entities`` (a caller may pass
        # only the entities named in one document): the id is the story's all the same.
        self._links = {(entity.id, link.relation): link.target for entity in entities for link in entity.links}
        self._linked = {link.target for entity in entities for link in entity.links}

    def type(self, entity: str) -> str | None:
        """The entity's type; a state reached through a link only ("Brennport" standing for Norland,
        Norland itself not passed) counts as a state."""
        return self._types.get(entity) or ("GPE" if entity in self._linked else None)

    def at(self, doc: str, span: Span) -> str | None:
        found = self._at.get((doc, span.start)) or self._at.get((doc, span.end - 1))
        if found is None:
            return None
        entity, mention = found
        link = _STANDS_FOR.get(mention.sense)
        return self._links.get((entity.id, link), entity.id) if link else entity.id
