"""Keep generated figures in hand-written Markdown: one marked section per script, replaced in place."""

from __future__ import annotations

from pathlib import Path


def write_section(path: Path, name: str, lines: list[str]) -> None:
    """Replace the section marked ``name`` in ``path`` with ``lines`` (appended when absent)."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    section = "\n".join([start, *lines, end])
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if start in text and end in text:
        before, rest = text.split(start, 1)
        text = before + section + rest.split(end, 1)[1]
    else:
        text += ("\n" if text else "") + section + "\n"
    path.write_text(text, encoding="utf-8")
