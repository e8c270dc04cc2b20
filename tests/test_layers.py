"""The packages import one another downward only: ``api`` and ``web`` sit side by side above the
story reader (``newsdesk.story``) and neither imports the other; ``api`` and ``report`` read stored
results and never import the story stages (``newsdesk.corpus``); nothing but the store imports
SQLite's module to read the story."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "newsdesk"


def _imports(package: str) -> set[tuple[str, str]]:
    """(module file, imported module) for every import in the package's files."""
    found = set()
    for path in (SRC / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add((str(path.relative_to(SRC)), node.module))
            elif isinstance(node, ast.Import):
                found |= {(str(path.relative_to(SRC)), alias.name) for alias in node.names}
    return found


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("api", "newsdesk.web"),
        ("web", "newsdesk.api"),
        ("api", "newsdesk.corpus"),
        ("report", "newsdesk.corpus"),
        ("report", "newsdesk.story"),
        ("store", "newsdesk.story"),
        ("store", "newsdesk.report"),
        ("api", "sqlite3"),
        ("web", "sqlite3"),
        ("story", "newsdesk.api"),
        ("story", "newsdesk.web"),
    ],
)
def test_no_import_against_the_layers(package: str, forbidden: str) -> None:
    wrong = sorted(f"{where} imports {module}" for where, module in _imports(package) if module.startswith(forbidden))
    assert not wrong, wrong
