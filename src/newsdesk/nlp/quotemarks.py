"""Quotations as marked in the text: every style of quotation mark (“ ” " ' ‘ ’ « » „), nested
quotations, apostrophes inside words, and a quotation left open at the end of its paragraph."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from newsdesk.model import Span

OPENERS = {"“": "”", "«": "»", "„": "“", "‘": "’", '"': '"', "'": "'"}


@dataclass(frozen=True, slots=True)
class Marked:
    """A quotation as marked in the text: content span, and whether it lacked its closing mark."""

    span: Span
    opened: int
    open_paragraph: bool
    closed: bool = True


def quotation_marks(text: str) -> Iterator[Marked]:
    """Top-level quotations, paragraph by paragraph; an unclosed one ends with its paragraph."""
    offset = 0
    for paragraph in text.split("\n"):
        index = 0
        while index < len(paragraph):
            char = paragraph[index]
            closer = OPENERS.get(char)
            if closer is None or not _opens(paragraph, index):
                index += 1
                continue
            end = _closing(paragraph, index + 1, char, closer)
            content_end = end if end is not None else len(paragraph.rstrip())
            start = index + 1
            while start < content_end and paragraph[start].isspace():
                start += 1
            stop = content_end
            while stop > start and paragraph[stop - 1].isspace():
                stop -= 1
            if stop - start >= 2:
                yield Marked(
                    Span(offset + start, offset + stop),
                    offset + index,
                    paragraph[:index].strip() == "",
                    end is not None,
                )
            index = (end + 1) if end is not None else len(paragraph)
        offset += len(paragraph) + 1


def _opens(paragraph: str, index: int) -> bool:
    """A mark opens a quote at the start, or after a space, a dash, a colon or a bracket;
    an apostrophe inside a word ("don’t", "Roe’s") never does."""
    before = paragraph[index - 1] if index > 0 else " "
    after = paragraph[index + 1] if index + 1 < len(paragraph) else " "
    if after.isspace():
        return False
    return before.isspace() or before in "([—–-:;,/"


def _closing(paragraph: str, start: int, opener: str, closer: str) -> int | None:
    depth = 0
    index = start
    while index < len(paragraph):
        char = paragraph[index]
        if opener != closer and char == opener and _opens(paragraph, index):
            depth += 1
        elif char == closer:
            after = paragraph[index + 1] if index + 1 < len(paragraph) else " "
            word_inside = closer in "’'" and after.isalpha()  # an apostrophe: "Russia’s"
            if not word_inside:
                if depth == 0:
                    return index
                depth -= 1
        index += 1
    return None
