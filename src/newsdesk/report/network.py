"""The actor network: the export's ``relations`` section and its GraphML rendering for Gephi."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any, Protocol
from xml.sax.saxutils import escape, quoteattr

from newsdesk.model import Document, Evidence
from newsdesk.model.network import NetworkEdge


class Edge(Protocol):
    """A tie between two entities as the story's network states it (``corpus.relations.Edge``)."""

    @property
    def source(self) -> str: ...
    @property
    def target(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def evidence(self) -> Evidence: ...
    @property
    def date(self) -> str | None: ...
    @property
    def directed(self) -> bool: ...
    @property
    def modality(self) -> str: ...
    @property
    def trigger(self) -> Evidence | None: ...
    @property
    def source_mention(self) -> Evidence | None: ...
    @property
    def target_mention(self) -> Evidence | None: ...
    @property
    def date_evidence(self) -> Evidence | None: ...
    @property
    def extractor(self) -> str: ...


def relation_records(relations: Iterable[Edge], documents: dict[str, Document]) -> list[dict[str, Any]]:
    """One record per stated relation (``relation_record``), its spans read from ``documents``."""

    def text(evidence: Evidence) -> str:
        document = documents.get(evidence.doc)
        return evidence.span.of(document.text) if document is not None else ""

    return [relation_record(relation, text) for relation in relations]


def relation_record(relation: Edge, text: Callable[[Evidence], str]) -> dict[str, Any]:
    """The record of a stated relation: ``source`` acts on ``target`` when ``directed``; every
    span (the sentence, the trigger word, the two mentions, the date) as doc, start, end and its
    ``text``."""
    return {
        "source": relation.source,
        "target": relation.target,
        "kind": relation.kind,
        "date": relation.date,
        "evidence": _span(relation.evidence, text),
        # Extensions: direction, how sure the text is, and where each part was read.
        "directed": relation.directed,
        "modality": relation.modality,
        "trigger": _span(relation.trigger, text) if relation.trigger else None,
        "source_mention": _span(relation.source_mention, text) if relation.source_mention else None,
        "target_mention": _span(relation.target_mention, text) if relation.target_mention else None,
        "date_evidence": _span(relation.date_evidence, text) if relation.date_evidence else None,
        "extractor": relation.extractor,
    }


def stored_relations(edges: Iterable[NetworkEdge]) -> list[dict[str, Any]]:
    """The records of the network's edges as the relation edges stage stored them (each span's
    text stored with it)."""
    return [relation_record(edge, edge.text) for edge in edges]


def _span(evidence: Evidence, text: Callable[[Evidence], str]) -> dict[str, Any]:
    return {"doc": evidence.doc, "start": evidence.span.start, "end": evidence.span.end, "text": text(evidence)}


def to_graphml(export: dict[str, Any]) -> str:
    """Entities tied by relations as GraphML: one edge per pair, kind and polarity (a denied tie,
    "did not condemn", is an edge of its own), weighted by the number of statements saying so; an
    alliance or a meeting is an undirected edge, the rest point from the actor to whom it acts on."""
    edges: dict[tuple[str, str, str, bool], list[dict[str, Any]]] = defaultdict(list)
    for relation in export.get("relations", []):
        negated = relation.get("modality") == "negated"
        edges[(relation["source"], relation["target"], relation["kind"], negated)].append(relation)
    used = {node for source, target, _, _ in edges for node in (source, target)}
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
        '  <key id="name" for="node" attr.name="name" attr.type="string"/>',
        '  <key id="type" for="node" attr.name="type" attr.type="string"/>',
        '  <key id="mentions" for="node" attr.name="mentions" attr.type="int"/>',
        '  <key id="kind" for="edge" attr.name="kind" attr.type="string"/>',
        '  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>',
        '  <key id="dates" for="edge" attr.name="dates" attr.type="string"/>',
        '  <key id="negated" for="edge" attr.name="negated" attr.type="boolean"/>',
        '  <key id="modality" for="edge" attr.name="modality" attr.type="string"/>',
        '  <key id="triggers" for="edge" attr.name="triggers" attr.type="string"/>',
        '  <key id="evidence" for="edge" attr.name="evidence" attr.type="string"/>',
        '  <graph id="story" edgedefault="directed">',
    ]
    for entity in export["entities"]:
        if entity["id"] not in used:
            continue
        lines += [
            f"    <node id={quoteattr(entity['id'])}>",
            f'      <data key="name">{escape(entity["name"])}</data>',
            f'      <data key="type">{escape(entity["type"])}</data>',
            f'      <data key="mentions">{len(entity["mentions"])}</data>',
            "    </node>",
        ]
    for number, ((source, target, kind, negated), items) in enumerate(sorted(edges.items())):
        dates = sorted({item["date"] for item in items if item["date"]})
        evidence = "; ".join(f"{i['evidence']['doc']}:{i['evidence']['start']}-{i['evidence']['end']}" for i in items)
        modalities = sorted({item.get("modality") or "happened" for item in items})
        triggers = sorted({item["trigger"]["text"].lower() for item in items if item.get("trigger")})
        directed = "true" if all(item.get("directed", True) for item in items) else "false"
        lines += [
            f"    <edge id={quoteattr(f'r{number}')} source={quoteattr(source)} target={quoteattr(target)}"
            f' directed="{directed}">',
            f'      <data key="kind">{escape(kind)}</data>',
            f'      <data key="weight">{len(items)}</data>',
            f'      <data key="dates">{escape(", ".join(dates))}</data>',
            f'      <data key="negated">{"true" if negated else "false"}</data>',
            f'      <data key="modality">{escape(", ".join(modalities))}</data>',
            f'      <data key="triggers">{escape(", ".join(triggers))}</data>',
            f'      <data key="evidence">{escape(evidence)}</data>',
            "    </edge>",
        ]
    lines += ["  </graph>", "</graphml>"]
    return "\n".join(lines) + "\n"
