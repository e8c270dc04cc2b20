"""The data the timeline and network pages hand their scripts (as JSON in the page) and show in
their tables: timeline entries placed on the calendar, relations grouped into edges."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from newsdesk.model import TimelineEntry
from newsdesk.report.when import readable
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


def chart_items(
    entries: list[TimelineEntry], names: dict[str, str], base: str = "", members: Container[str] | None = None
) -> list[dict[str, Any]]:
    """One item per timeline entry that covers a stretch of the calendar: a point for a day (or an
    hour), a range for anything longer, linked to its first report's evidence (in the pages under
    ``base`` where the report is in one of the story's articles, ``members``: a story's pages link
    inside the story)."""
    items = []
    for entry in entries:
        days = interval(entry.value)
        if days is None or not entry.reports:
            continue
        first, last = days
        report = entry.reports[0]
        who = [names[p] for p in entry.participants if p in names][:2]
        item: dict[str, Any] = {
            "id": entry.id,
            "label": short(f"{entry.kind}: {', '.join(who)}" if who else entry.label, 40),
            "title": f"{readable(entry.value)} ({entry.value}): {short(entry.label, 300)}"
            f" ({count(len(entry.documents), 'article')})",
            "start": first.isoformat(),
            "url": (base if members is None or report.doc in members else "")
            + evidence_url(report.doc, report.event.start, report.event.end),
            "disputed": bool(entry.disagreement),
        }
        if last > first:
            item["end"] = (last + dt.timedelta(days=1)).isoformat()
        items.append(item)
    return items


# The share of the dated happenings the chart opens on, and the longest a date may span and still
# say where in the story it falls (a decade or a century says nothing of that).
OPENING_SHARE = 0.8
LONGEST_SPAN = dt.timedelta(days=92)


def opening_window(values: list[tuple[str, int]], share: float = OPENING_SHARE) -> dict[str, Any] | None:
    """Where the chart opens: the shortest stretch of the calendar holding ``share`` of the
    happenings dated to a day, a week or a month (``values``: each date with its count), with a
    margin either side; None when nothing is dated so. Outliers (a date decades away) and vague
    dates (a year, a decade) do not widen it; "All of it" shows them."""
    points: list[tuple[dt.date, int]] = []
    for value, number in values:
        days = interval(value)
        if days is None or days[1] - days[0] > LONGEST_SPAN:
            continue
        points.append((days[0] + (days[1] - days[0]) / 2, number))
    if not points:
        return None
    points.sort()
    total = sum(number for _, number in points)
    need = max(1, math.ceil(total * share))
    best: tuple[dt.timedelta, int, int] | None = None
    held, left = 0, 0
    for right, (day, number) in enumerate(points):
        held += number
        while held - points[left][1] >= need:
            held -= points[left][1]
            left += 1
        if held >= need:
            width = day - points[left][0]
            if best is None or width < best[0]:
                best = (width, left, right)
    assert best is not None
    width, left, right = best
    first, last = points[left][0], points[right][0]
    margin = max(dt.timedelta(days=3), width / 10)
    held = sum(number for _, number in points[left : right + 1])
    return {
        "start": (first - margin).isoformat(),
        "end": (last + margin + dt.timedelta(days=1)).isoformat(),
        "first": first.isoformat(),
        "last": last.isoformat(),
        "held": held,
        "dated": total,
    }


def edges(relations: Iterable[Record], names: Mapping[str, str]) -> list[Edge]:
    """Relations grouped by (source, target, kind), most statements first."""
    grouped: dict[tuple[str, str, str], Edge] = {}
    for relation in relations:
        key = (relation["source"], relation["target"], relation["kind"])
        grouped.setdefault(key, Edge(*key)).relations.append(relation)
    return sorted(grouped.values(), key=lambda e: (-len(e.relations), names.get(e.source, ""), names.get(e.target, "")))


def actors(view: StoryView) -> dict[str, Record]:
    """Each entity of a story's view as the network draws it: name, type, description and how
    many mentions (what :func:`network_data` reads of an actor)."""
    return {
        e["id"]: {"name": e["name"], "type": e["type"], "description": e["description"], "mentions": len(e["mentions"])}
        for e in view.section("entities")
    }


def network_data(
    grouped: list[Edge], entities: Mapping[str, Record], names: Mapping[str, str], base: str
) -> dict[str, Any]:
    """Nodes (the entities in some relation, sized by mentions: ``entities``, as :func:`actors`
    gives them) and one link per pair of them, as wide as the statements tying them, coloured
    by the kind most of them say (its index in :func:`kinds`), linked to that kind's first
    statement (in the pages under ``base``)."""
    order = [kind for kind, _ in kinds(grouped)]
    pairs: dict[tuple[str, str], list[Edge]] = {}
    for edge in grouped:  # most statements first, so each pair's first edge is its main kind
        first, second = sorted((edge.source, edge.target))
        pairs.setdefault((first, second), []).append(edge)
    degree: Counter[str] = Counter(node for pair in pairs for node in pair)
    nodes = [
        {
            "id": node,
            "label": names.get(node, node),
            "group": entities[node]["type"] if node in entities else "OTHER",
            "value": entities[node]["mentions"] if node in entities else 1,
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
        said = "; ".join(f"{_told(edge, names)} ({count(len(edge.relations), 'statement')})" for edge in group)
        links.append(
            {
                "id": f"r{number}",
                "from": first,
                "to": second,
                "kind": order.index(main.kind),
                "value": sum(len(edge.relations) for edge in group),
                "title": said,
                "url": base + evidence_url(evidence["doc"], evidence["start"], evidence["end"]),
                "arrow": directed,
                # Dashed: every statement of the tie denies it or only supposes it.
                "dashes": all(r.get("modality") in _UNSURE for r in main.relations),
            }
        )
    return {"nodes": nodes, "edges": links}


_UNSURE = frozenset({"negated", "hypothetical"})


def _told(edge: Edge, names: Mapping[str, str]) -> str:
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
    return f"{entity['name']} ({entity['type']}{about}): {count(entity['mentions'], 'mention')}, linked to {links}"


def kinds(grouped: list[Edge]) -> list[tuple[str, int]]:
    counts: defaultdict[str, int] = defaultdict(int)
    for edge in grouped:
        counts[edge.kind] += len(edge.relations)
    return sorted(counts.items(), key=lambda item: -item[1])
