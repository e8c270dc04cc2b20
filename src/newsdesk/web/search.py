"""Search hits for the search page: each article the store's full-text index finds, with its
snippet split into plain and matched pieces (the template escapes both) and, where the snippet can
be found in the article's text, the offsets of its first match."""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.store.base import SnippetStyle

MAX_QUERY = 500
# Snippet markers no article text is expected to hold; were one there, the snippet would be
# split oddly, still escaped.
_OPEN, _CLOSE, _CUT = "\x02", "\x03", "\x04"
_STYLE = SnippetStyle(_OPEN, _CLOSE, _CUT, words=24, body_only=False)


def snippet_style() -> SnippetStyle:
    """How the page asks the store to mark a hit's snippet."""
    return _STYLE


@dataclass(frozen=True, slots=True)
class Hit:
    doc: str
    pieces: tuple[tuple[str, bool], ...]  # (text, matched)
    cut_before: bool
    cut_after: bool
    match: tuple[int, int] | None  # offsets of the first match in the document's text


def hit_of(doc: str, snippet: str, text: str) -> Hit:
    """A store's search hit split into plain and matched pieces, with its first match's offsets."""
    cut_before, cut_after = snippet.startswith(_CUT), snippet.endswith(_CUT)
    snippet = snippet.strip(_CUT)
    pieces: list[tuple[str, bool]] = []
    rest = snippet
    while rest:
        before, opened, after = rest.partition(_OPEN)
        if before:
            pieces.append((before, False))
        if not opened:
            break
        words, _, rest = after.partition(_CLOSE)
        pieces.append((words, True))
    plain = "".join(piece for piece, _ in pieces)
    match: tuple[int, int] | None = None
    at = text.find(plain) if plain else -1
    if at >= 0:
        offset = at
        for piece, matched in pieces:
            if matched:
                match = (offset, offset + len(piece))
                break
            offset += len(piece)
    return Hit(doc, tuple(pieces), cut_before, cut_after, match)
