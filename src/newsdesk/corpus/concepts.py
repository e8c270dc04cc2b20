"""Classes of words that reporters use for one another ("rescue", "support", "protect"), read from
``concepts.tsv``: the claims stage adds a statement's classes to its terms, so that paraphrases of
one claim share something beside their actors."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

_ENDINGS = ("ing", "ed", "es", "s", "d", "ion", "ions", "ure", "al")


@cache
def _classes() -> dict[str, str]:
    found: dict[str, str] = {}
    for line in files("newsdesk.corpus").joinpath("concepts.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, words = line.split("\t", 1)
        for word in words.split():
            found.setdefault(word, name)
    return found


def concept_of(word: str) -> str | None:
    """The class of a lowercased word, its inflections included ("rescued", "spiriting"), or None."""
    classes = _classes()
    if word in classes:
        return classes[word]
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            base = word[: -len(ending)]
            for candidate in (base, base + "e", base[:-1] if len(base) > 3 and base[-1] == base[-2] else base):
                if candidate in classes:
                    return classes[candidate]
    return None


def concepts(words: list[str]) -> list[str]:
    """The class terms of a statement's words, each once, as ``~name``."""
    return list(dict.fromkeys(f"~{c}" for w in words if (c := concept_of(w)) is not None))
