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
    # On one story's pages ``texts`` holds its articles only: the store's hits are read page by
    # page until ``limit`` of them are the story's (or ``READ_AT_MOST`` were read).
    store = source.reader()
    try:
        wanted = query if advanced else fts5_plain(query)
    except ValueError as error:
        raise SearchError(str(error)) from None
    hits: list[Hit] = []
    offset = 0
    while len(hits) < limit and offset < READ_AT_MOST:
        try:
            found = store.search_documents(wanted, offset, limit if offset == 0 else PAGE, _STYLE)
        except ValueError as error:
            raise SearchError(str(error)) from None
        hits += [_hit(hit.doc, hit.snippet, texts[hit.doc]) for hit in found.hits if hit.doc in texts]
        offset += len(found.hits)
        if not found.hits or offset >= found.total:
            break
    return hits[:limit]


# Hits read per query after the first page (a story's search), and at most.
PAGE = 200
READ_AT_MOST = 5000


def _hit(doc: str, snippet: str, text: str) -> Hit:
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
