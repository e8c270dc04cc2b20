"""The actor network: the export's ``relations`` section and its GraphML rendering for Gephi."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from newsdesk.corpus.relations import Relation
from newsdesk.model import Document


def relation_records(relations: Iterable[Relation], documents: dict[str, Document]) -> list[dict[str, Any]]:
    records = []
    for relation in relations:
        text = documents[relation.evidence.doc].text if relation.evidence.doc in documents else ""
        records.append(
            {
                "source": relation.source,
                "target": relation.target,
                "kind": relation.kind,
                "date": relation.date,
                "evidence": {
                    "doc": relation.evidence.doc,
                    "start": relation.evidence.span.start,
                    "end": relation.evidence.span.end,
                    "text": relation.evidence.span.of(text),
                },
            }
        )
    return records


def to_graphml(export: dict[str, Any]) -> str:
    """Entities tied by relations as GraphML: one edge per pair and kind, weighted by the number of
    statements saying so; node and edge attributes for Gephi's filters."""
    edges: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for relation in export.get("relations", []):
        edges[(relation["source"], relation["target"], relation["kind"])].append(relation)
    used = {node for source, target, _ in edges for node in (source, target)}
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
        '  <key id="name" for="node" attr.name="name" attr.type="string"/>',
        '  <key id="type" for="node" attr.name="type" attr.type="string"/>',
        '  <key id="mentions" for="node" attr.name="mentions" attr.type="int"/>',
        '  <key id="kind" for="edge" attr.name="kind" attr.type="string"/>',
        '  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>',
        '  <key id="dates" for="edge" attr.name="dates" attr.type="string"/>',
        '  <key id="evidence" for="edge" attr.name="evidence" attr.type="string"/>',
        '  <graph id="story" edgedefault="undirected">',
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
    for number, ((source, target, kind), items) in enumerate(sorted(edges.items())):
        dates = sorted({item["date"] for item in items if item["date"]})
        evidence = "; ".join(f"{i['evidence']['doc']}:{i['evidence']['start']}-{i['evidence']['end']}" for i in items)
        lines += [
            f"    <edge id={quoteattr(f'r{number}')} source={quoteattr(source)} target={quoteattr(target)}>",
            f'      <data key="kind">{escape(kind)}</data>',
            f'      <data key="weight">{len(items)}</data>',
            f'      <data key="dates">{escape(", ".join(dates))}</data>',
            f'      <data key="evidence">{escape(evidence)}</data>',
            "    </edge>",
        ]
    lines += ["  </graph>", "</graphml>"]
    return "\n".join(lines) + "\n"
