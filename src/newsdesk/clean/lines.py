"""Lines with their offsets, and the shape features the cleaning rules look at."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
_CLOSERS = "\"'”’»)]›"
_OPENERS = "\"'“‘«‹"
_SENTENCE_END = ".!?…:;,"
_ANY_PUNCT = re.compile(r"[.,;:!?\"“”«»()…]")
_LIST_MARKER = re.compile(r"^(?:[-–—•*·▪►]\s*|\d{1,2}[.)]\s+|[a-z][.)]\s+)")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the text as read; ``start``/``end`` exclude the newline, ``stop`` includes it."""

    index: int
    start: int
    end: int
    stop: int
    raw: str
    # The words, found on first use and kept: the rules ask a line for them several times.
    _words: list[str] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def text(self) -> str:
        return self.raw.strip()

    @property
    def blank(self) -> bool:
        return not self.raw.strip()

    @property
    def words(self) -> list[str]:
        """The line's words (not to be changed: the list is shared by every caller)."""
        words = self._words
        if words is None:
            words = _WORD.findall(self.raw)
            object.__setattr__(self, "_words", words)
        return words


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    start = 0
    for index, raw in enumerate(text.split("\n")):
        end = start + len(raw)
        stop = min(end + 1, len(text))
        lines.append(Line(index, start, end, stop, raw))
        start = end + 1
    if lines and lines[-1].start >= len(text):
        lines.pop()  # the empty "line" after a final newline
    return lines


def strip_closers(text: str) -> str:
    return text.rstrip().rstrip(_CLOSERS).rstrip()


def ends_sentence(text: str) -> bool:
    """Whether the line ends like prose does (a period, a colon, a comma...), quotes aside."""
    core = strip_closers(text)
    return bool(core) and core[-1] in _SENTENCE_END


def has_punctuation(text: str) -> bool:
    return bool(_ANY_PUNCT.search(text))


def is_list_item(text: str) -> bool:
    return bool(_LIST_MARKER.match(text))


def is_heading_shaped(line: Line, max_words: int = 14) -> bool:
    """Short, capitalised and unpunctuated at the end, like a headline or a sub-heading."""
    text = line.text
    words = line.words
    if not words or len(words) > max_words or is_list_item(text):
        return False
    first = text.lstrip(_OPENERS)[:1]
    if not first or not (first.isupper() or first.isdigit()):
        return False
    core = strip_closers(text)
    if core.endswith("?"):
        # A question can be a headline when it is short, unquoted and title-cased.
        capitalised = sum(1 for word in words if word[:1].isupper())
        return len(words) <= 12 and not any(q in text for q in '"“”') and capitalised * 2 >= len(words)
    return not ends_sentence(text)


def is_table_row(text: str) -> bool:
    """A row of a table as text extraction renders it (``| a | b |``): content, not a menu."""
    text = text.strip()
    return len(text) > 1 and text.startswith("|") and text.endswith("|")
