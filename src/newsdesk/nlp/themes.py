"""Noun classes of what a transfer verb hands over (``themes.txt``): an object of speech or evidence
makes "provided testimony" a statement, not a supply of goods."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

# Verbs that name a transfer of goods only with a material object.
TRANSFER_VERBS = frozenset("supply deliver sell transfer provide ship give send hand offer furnish".split())


@lru_cache(maxsize=1)
def theme_classes() -> dict[str, str]:
    """Object heads, each with the kind of happening a transfer verb names when given it."""
    classes: dict[str, str] = {}
    text = resources.files("newsdesk.nlp").joinpath("themes.txt").read_text(encoding="utf-8")
    for row in text.splitlines():
        if not row.strip() or row.startswith("#"):
            continue
        kind, _, words = row.partition(":")
        for word in words.split():
            classes.setdefault(word.lower(), kind.strip())
    return classes
