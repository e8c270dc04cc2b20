"""A document's title and how it was found: given with the article, its headline line, or made
from the lead sentence when the text has none (a URL given as a title is no title)."""

from __future__ import annotations

import re

from newsdesk.clean.blocks import is_dateline_text
from newsdesk.model import Document, Span, TitleHow

_URL = re.compile(r"^(?:https?://|www\.)\S+$|^[\w-]+(?:\.[\w-]+)+/\S*$", re.I)
_BYLINE = re.compile(r"^(?:[Bb]y|BY)\s+[A-Z][\w.'’-]*(?:,?\s+(?:[A-Z][\w.'’-]*|and|in|for)){0,6}$")


def find_title(document: Document) -> tuple[str | None, Span | None, TitleHow | None]:
    """The title, its span in the text when it is there, and how it was found."""
    text = document.text
    title, title_span, title_how = document.title, document.title_span, document.title_how
    if title is not None and (not title.strip() or _URL.match(title.strip())):
        title, title_span, title_how = None, None, None  # an address or nothing is no title
    if title is not None:
        if title_span is None:
            found = text.find(title)
            title_span = Span(found, found + len(title)) if found >= 0 else None
        return title, title_span, title_how or TitleHow.METADATA
    title_span, title_how = _headline(document), TitleHow.HEADLINE
    if title_span is None:
        title_span, title_how = lead_title(text, document.body_spans), TitleHow.LEAD
    if title_span is None:
        return None, None, None
    return title_span.of(text).strip(), title_span, title_how


def _headline(document: Document) -> Span | None:
    """The first kept line, when it is marked as a heading: the article's headline."""
    for start, line in _lines(document.text, document.body_spans):
        if is_dateline_text(line) or _BYLINE.match(line):
            continue  # a dateline or a byline above the headline or the lead heads nothing
        for heading in document.headings:
            if heading.start <= start < heading.end or start <= heading.start < start + 1:
                leading = len(heading.of(document.text)) - len(heading.of(document.text).lstrip())
                trailing = len(heading.of(document.text).rstrip())
                if heading.of(document.text)[:trailing].endswith(".") and not line.endswith(".."):
                    trailing -= 1  # a headline printed with a full stop; the stop is not the title's
                return Span(heading.start + leading, heading.start + trailing)
        return None
    return None


# A dateline at the head of the lead: "WASHINGTON —", "PARIS, April 3 (Reuters) -", "April 29 (UPI) --".
_LEAD_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3}(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?)?,?\s*"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^()]{1,30}\))?\s*[—–-]{1,2}\s+"
)
_SENTENCE_END = re.compile(r"[.!?][\"”’']?(?=\s+[\"“‘']?[A-Z0-9]|\s*$)")
_ABBREVIATION = re.compile(r"(?:\b(?:[A-Z][a-z]{0,3}|[A-Z](?:\.[A-Z])*|[a-z](?:\.[a-z])+)\.)$")
_TITLE_WORDS = 20


def lead_title(text: str, body: tuple[Span, ...]) -> Span | None:
    """A title made from the lead sentence when the text has no headline: the first sentence of
    the body, its dateline left out, cut at a word boundary after ``_TITLE_WORDS`` words."""
    for start, line in _lines(text, body):
        if _BYLINE.match(line):
            continue
        dateline = _LEAD_DATELINE.match(line)
        if dateline and dateline.end() < len(line):
            start, line = start + dateline.end(), line[dateline.end() :]
        stop = len(line)
        for match in _SENTENCE_END.finditer(line):
            if not _ABBREVIATION.search(line[: match.start() + 1]):
                single_stop = line[match.start()] == "." and line[max(0, match.start() - 1)] != "."
                # a full stop stays out of the title; a question mark or an ellipsis is part of it
                stop = match.start() if single_stop else match.end()
                break
        words = list(re.finditer(r"\S+", line[:stop]))
        if len(words) < 3:
            continue
        if len(words) > _TITLE_WORDS:
            stop = _cut(line, words[_TITLE_WORDS - 1].end(), words[_TITLE_WORDS // 3].end())
        return Span(start, start + len(line[:stop].rstrip(" ,;:—–-")))
    return None


def _cut(line: str, limit: int, shortest: int) -> int:
    """Where a long lead sentence is cut for a title: at its last clause break (a comma, a dash, a
    colon) before ``limit`` and after ``shortest``, else at ``limit``; never inside a quotation."""
    breaks = [m.start() for m in re.finditer(r"\s*(?:[,;:]|\s[—–-])\s", line[:limit]) if m.start() >= shortest]
    stop = breaks[-1] if breaks else limit
    opened = [m.start() for m in re.finditer(r"[“\"]", line[:stop])]
    if len(opened) % 2 == 1 and line[:stop].count("”") < len(opened):
        stop = opened[-1]  # a quotation left open: the title stops before it
    if not breaks:  # a cut mid-clause ends on a content word, not on "a", "of" or "that"
        while True:
            last = re.search(r"\s+(\S+)$", line[:stop])
            if last is None or last.group(1).lower().strip(",;:") not in _TRAILING_FUNCTION_WORDS:
                break
            stop = last.start()
    return stop


_TRAILING_FUNCTION_WORDS = frozenset(
    "a an the of to in on at for from by with and or but that which who it it's its is are was were be may "
    "might will would can could has have had as than this these those his her their our".split()
)


def _lines(text: str, body: tuple[Span, ...]) -> list[tuple[int, str]]:
    """The kept lines that hold words, each with its offset, surrounding spaces left out."""
    found: list[tuple[int, str]] = []
    for span in body:
        offset = span.start
        for raw in span.of(text).split("\n"):
            stripped = raw.strip()
            if stripped:
                found.append((offset + raw.index(stripped[0]), stripped))
            offset += len(raw) + 1
    return found
