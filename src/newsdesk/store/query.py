"""Search queries as people type them. In plain mode (the default everywhere) every word is
looked for as written, punctuation and all ("U.S.-Mexico", "don't", "covid-19"), and all words must
match; a trailing ``*`` still asks for a prefix. Advanced mode passes the store's own syntax through
(FTS5 for SQLite: "phrases", AND, OR, NOT, NEAR, prefix*)."""

from __future__ import annotations

import re

_WORD = re.compile(r"\S+")
_EDGE = re.compile(r"^[^\w*]+|[^\w*]+$")


def plain_terms(query: str) -> list[tuple[str, bool]]:
    """The words of a plain query, each with whether it asks for a prefix (``word*``); quotes and
    punctuation at a word's edges are dropped, punctuation inside it is kept."""
    terms = []
    for word in _WORD.findall(query):
        word = _EDGE.sub("", word)
        prefix = word.endswith("*")
        word = word.rstrip("*")
        if any(c.isalnum() for c in word):
            terms.append((word, prefix))
    return terms


def fts5_plain(query: str) -> str:
    """The FTS5 query that finds every word of ``query`` as written; ValueError when there is
    no word to look for."""
    terms = plain_terms(query)
    if not terms:
        raise ValueError(f"nothing to search for in {query!r}: type a word")
    return " ".join('"' + word.replace('"', '""') + '"' + ("*" if prefix else "") for word, prefix in terms)
