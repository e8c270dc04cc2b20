"""The data the timeline and network pages hand their scripts (as JSON in the page) and show in
their tables: timeline entries placed on the calendar, relations grouped into edges."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from newsdesk.time.calendar import interval
from newsdesk.web.view import Record, StoryView, count, evidence_url, short


@dataclass(slots=True)
class Edge:
    source: str
    target: str
    kind: str
    relations: list[Record] = field(default_factory=list)

    @property
    def dates(self) -> list[str]:
        return sorted({r["date"] for r in self.relations if r["date"]})


def timeline_items(view: StoryView) -> list[dict[str, Any]]:
    """One item per timeline entry that covers a stretch of the calendar: a point for a day (or an
    hour), a range for anything longer, linked to its first report's evidence."""
    items = []
    for entry in view.section("timeline"):
        days = interval(entry["value"])
        if days is None or not entry["reports"]:
            continue
        first, last = days
        report = entry["reports"][0]
        who = [view.names[p] for p in entry["participants"] if p in view.names][:2]
        item: dict[str, Any] = {
            "id": entry["id"],
            "label": short(f"{entry['kind']}: {', '.join(who)}" if who else entry["label"], 48),
            "title": f"{entry['value']}: {short(entry['label'], 300)} ({len(entry['documents'])} articles)",
            "start": first.isoformat(),
            "url": view.base + evidence_url(report["doc"], report["start"], report["end"]),
            "disputed": bool(entry["disagreement"]),
        }
        if last > first:
            item["end"] = (last + dt.timedelta(days=1)).isoformat()
        items.append(item)
    return items


def recent_window(items: list[dict[str, Any]]) -> dict[str, str] | None:
    """The story's last twelve months, where the timeline reaches further back (the chart opens on
    them; a button shows it all)."""
    if not items:
        return None
    starts = sorted(dt.date.fromisoformat(item["start"]) for item in items)
    ends = [dt.date.fromisoformat(item.get("end", item["start"])) for item in items]
    last = max(ends) + dt.timedelta(days=7)
    first = last - dt.timedelta(days=372)
    if starts[0] >= first:
        return None
    return {"start": first.isoformat(), "end": last.isoformat()}


def edges(view: StoryView) -> list[Edge]:
    """Relations grouped by (source, target, kind), most statements first."""
    grouped: dict[tuple[str, str, str], Edge] = {}
    for relation in view.section("relations"):
        key = (relation["source"], relation["target"], relation["kind"])
        grouped.setdefault(key, Edge(*key)).relations.append(relation)
    return sorted(
        grouped.values(), key=lambda e: (-len(e.relations), view.names.get(e.source, ""), view.names.get(e.target, ""))
    )


def network_data(view: StoryView, grouped: list[Edge]) -> dict[str, Any]:
    """Nodes (the entities in some relation, sized by mentions) and one link per pair of them, as
    wide as the statements tying them, coloured by the kind most of them say (its index in
    :func:`kinds`), linked to that kind's first statement."""
    entities = view.story.entities
    order = [kind for kind, _ in kinds(grouped)]
    pairs: dict[tuple[str, str], list[Edge]] = {}
    for edge in grouped:  # most statements first, so each pair's first edge is its main kind
        first, second = sorted((edge.source, edge.target))
        pairs.setdefault((first, second), []).append(edge)
    degree: Counter[str] = Counter(node for pair in pairs for node in pair)
    nodes = [
        {
            "id": node,
            "label": view.names.get(node, node),
            "group": entities[node]["type"] if node in entities else "OTHER",
            "value": len(entities[node]["mentions"]) if node in entities else 1,
            "title": _node_title(entities.get(node), degree[node]),
        }
        for node in sorted(degree)
    ]
    links = []
    for number, ((first, second), group) in enumerate(pairs.items()):
        main = group[0]
        evidence = main.relations[0]["evidence"]
        directed = any(r.get("directed") for r in main.relations)
        if directed:  # drawn from the actor to whom it acts on
            first, second = main.source, main.target
        said = "; ".join(f"{_told(edge, view.names)} ({count(len(edge.relations), 'statement')})" for edge in group)
        links.append(
            {
                "id": f"r{number}",
                "from": first,
                "to": second,
                "kind": order.index(main.kind),
                "value": sum(len(edge.relations) for edge in group),
                "title": said,
                "url": view.base + evidence_url(evidence["doc"], evidence["start"], evidence["end"]),
                "arrow": directed,
                # Dashed: every statement of the tie denies it or only supposes it.
                "dashes": all(r.get("modality") in _UNSURE for r in main.relations),
            }
        )
    return {"nodes": nodes, "edges": links}


_UNSURE = frozenset({"negated", "hypothetical"})


def _told(edge: Edge, names: dict[str, str]) -> str:
    """ "Norland → Ana Ruiz: toppled or captured", with "not" or "maybe" when the
    statements deny or only suppose it."""
    directed = any(r.get("directed") for r in edge.relations)
    modalities = {r.get("modality") for r in edge.relations}
    hedge = "not " if modalities == {"negated"} else "maybe " if modalities <= _UNSURE else ""
    arrow = "→" if directed else "—"
    return f"{names.get(edge.source, edge.source)} {arrow} {names.get(edge.target, edge.target)}: {hedge}{edge.kind}"


def _node_title(entity: Record | None, links: int) -> str:
    if entity is None:
        return f"linked to {links}"
    about = f", {entity['description']}" if entity["description"] else ""
    return f"{entity['name']} ({entity['type']}{about}): {count(len(entity['mentions']), 'mention')}, linked to {links}"


def kinds(grouped: list[Edge]) -> list[tuple[str, int]]:
    counts: defaultdict[str, int] = defaultdict(int)
    for edge in grouped:
        counts[edge.kind] += len(edge.relations)
    return sorted(counts.items(), key=lambda item: -item[1])
