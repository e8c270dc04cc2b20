"""Renderings of the export object: JSON for programs, CSV for spreadsheets, Markdown for people."""

from __future__ import annotations

import html
import io
import json
import re
from typing import Any

from newsdesk.report.network import to_graphml
from newsdesk.report.tables import TableWriter


def to_json(export: dict[str, Any]) -> str:
    return json.dumps(export, ensure_ascii=False, indent=2) + "\n"


def to_csv(export: dict[str, Any]) -> str:
    """The documents table of :mod:`newsdesk.report.tables` (``newsdesk export --format csv``
    writes every section's table): one row per document, list fields joined by '; ', formulas
    defused in every cell."""
    out = io.StringIO()
    TableWriter(lambda _: out, ("documents",)).add_export({"documents": export["documents"]})
    return out.getvalue()


# Characters that make Markdown anywhere in a line (emphasis, code, links and images, table cells,
# strikethrough), and those that do only where a line begins (a heading, a list item, a setext
# underline). "<" and "&" are escaped as HTML first, so no tag, autolink or entity survives.
_MD_INLINE = re.compile(r"([\\`*_\[\]|~])")
_MD_LINE_START = re.compile(r"^([ \t]*)(?:([#+=-])|(\d+)([.)]))", re.M)


def md_escape(text: str) -> str:
    """Article text is untrusted: neutralise HTML and Markdown syntax so it shows as written, and
    leave the rest alone, so the Markdown stays readable as text ("2026-01-03", not "2026\\-01\\-03")."""
    escaped = _MD_INLINE.sub(r"\\\1", html.escape(text, quote=False))
    return _MD_LINE_START.sub(lambda m: m[1] + (f"\\{m[2]}" if m[2] else f"{m[3]}\\{m[4]}"), escaped)


def to_markdown(export: dict[str, Any]) -> str:
    documents = export["documents"]
    lines = [f"# newsdesk export: {len(documents)} documents, {len(export['entities'])} entities", ""]
    if export["entities"]:
        lines += ["## Entities", "", "| entity | type | mentions | articles | description |", "|---|---|---|---|---|"]
        for entity in export["entities"][:40]:
            lines.append(
                f"| {md_escape(entity['name'])} | {entity['type']} | {len(entity['mentions'])} | {entity['documents']} "
                f"| {md_escape(entity['description'] or '')} |"
            )
        lines.append("")
    lines += ["## Documents", ""]
    for doc in documents:
        title = md_escape(doc["title"]) if doc["title"] else "*(no headline)*"
        if doc["title"] and doc.get("title_how") == "lead-sentence":
            title += "… *(no headline; from the lead sentence)*"
        lines += [f"### {title}", ""]
        facts = [
            ("id", doc["id"]),
            ("source", doc["source"]),
            ("outlet", f"{doc['outlet']} ({doc['outlet_how']})" if doc["outlet"] else "unknown"),
            ("published", f"{doc['published']} ({doc['published_how']})" if doc["published"] else "unknown"),
            ("language", doc["language"] or "unknown"),
            ("relays", ", ".join(doc["reported_from"]) or "none"),
        ]
        lines += [f"- **{name}**: {md_escape(str(value))}" for name, value in facts]
        if doc["published_detail"] and doc["published_detail"]["basis"]:
            lines.append(f"- **date basis**: {md_escape(doc['published_detail']['basis'])}")
        lines.append("")
        if doc["removed"]:
            lines += ["| removed | reason |", "|---|---|"]
            for item in doc["removed"]:
                snippet = " ".join(doc["text"][item["start"] : item["end"]].split())
                snippet = snippet if len(snippet) <= 90 else snippet[:87] + "..."
                lines.append(f"| {md_escape(snippet)} | {item['reason']} |")
            lines.append("")
        for paragraph in doc["body"].split("\n"):
            if paragraph.strip():
                lines += [f"> {md_escape(paragraph.strip())}", ">"]
        lines += ["", ""]
    return "\n".join(lines)


RENDERERS = {"json": to_json, "csv": to_csv, "md": to_markdown, "graphml": to_graphml}
