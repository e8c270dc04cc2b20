"""Full-text search for the search page: the store's FTS5 index, read through a read-only
connection, each hit with its snippet split into plain and matched pieces (the template escapes
both) and, where the snippet can be found in the article's text, the offsets of its first match."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from newsdesk.api.story import StorySource

MAX_QUERY = 500
# Snippet markers no article text is expected to hold; were one there, the snippet would be
# split oddly, still escaped.
_OPEN, _CLOSE, _CUT = "\x02", "\x03", "\x04"


class SearchError(ValueError):
    """The query cannot be run; the message says why, for the page to show."""


@dataclass(frozen=True, slots=True)
class Hit:
    doc: str
    pieces: tuple[tuple[str, bool], ...]  # (text, matched)
    cut_before: bool
    cut_after: bool
    match: tuple[int, int] | None  # offsets of the first match in the document's text


def search(source: StorySource, query: str, texts: dict[str, str], limit: int = 50) -> list[Hit]:
    """Documents matching the FTS5 ``query`` (best first); :class:`SearchError` when malformed."""
    if len(query) > MAX_QUERY:
        raise SearchError(f"the query is {len(query)} characters long; at most {MAX_QUERY} are searched")
    connection = source.connect()
    try:
        rows = connection.execute(
            f"SELECT d.id, snippet(documents_fts, -1, '{_OPEN}', '{_CLOSE}', '{_CUT}', 24) FROM documents_fts"
            " JOIN documents d ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
            (query, limit),
        ).fetchall()
    except sqlite3.Error as error:
        raise SearchError(f"cannot search for {query!r}: {error}") from None
    finally:
        connection.close()
    return [_hit(str(doc), str(snippet), texts[doc]) for doc, snippet in rows if doc in texts]


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
