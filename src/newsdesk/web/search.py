"""Full-text search for the search page: the store's full-text index, read through the story's
read-only store, each hit with its snippet split into plain and matched pieces (the template escapes
both) and, where the snippet can be found in the article's text, the offsets of its first match."""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.store.base import SnippetStyle
from newsdesk.store.query import fts5_plain
from newsdesk.story.snapshot import StorySource

MAX_QUERY = 500
# Snippet markers no article text is expected to hold; were one there, the snippet would be
# split oddly, still escaped.
_OPEN, _CLOSE, _CUT = "\x02", "\x03", "\x04"
_STYLE = SnippetStyle(_OPEN, _CLOSE, _CUT, words=24, body_only=False)


def snippet_style() -> SnippetStyle:
    """How the page asks the store to mark a hit's snippet."""
    return _STYLE


class SearchError(ValueError):
    """The query cannot be run; the message says why, for the page to show."""


@dataclass(frozen=True, slots=True)
class Hit:
    doc: str
    pieces: tuple[tuple[str, bool], ...]  # (text, matched)
    cut_before: bool
    cut_after: bool
    match: tuple[int, int] | None  # offsets of the first match in the document's text


def search(
    source: StorySource, query: str, texts: dict[str, str], limit: int = 50, advanced: bool = False
) -> list[Hit]:
    """Documents holding every word of ``query`` as typed (``advanced``: an FTS5 query), best first;
    :class:`SearchError` when there is nothing to search for or the FTS5 query is malformed."""
    if len(query) > MAX_QUERY:
        raise SearchError(f"the query is {len(query)} characters long; at most {MAX_QUERY} are searched")
    try:
        found = source.reader().search_documents(query if advanced else fts5_plain(query), 0, limit, _STYLE)
    except ValueError as error:
        raise SearchError(str(error)) from None
    return [hit_of(hit.doc, hit.snippet, texts[hit.doc]) for hit in found.hits if hit.doc in texts]


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
