"""Disjoint character ranges, with an overlap test that stays cheap however many are held.

Several stages keep the matches they accepted and skip any later match that overlaps one of them.
Testing a candidate against every kept range costs time in proportion to the square of the
matches in a document, which a long article of dates or names turns into minutes; here the kept
ranges are ordered, so a test looks at two neighbours only.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Protocol, TypeVar


class Disjoint:
    """Half-open ranges ``[start, end)`` that do not overlap one another."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares a character with a range held."""
        place = bisect_right(self._starts, start)
        if place and self._ends[place - 1] > start:
            return True
        return place < len(self._starts) and self._starts[place] < end

    def add(self, start: int, end: int) -> bool:
        """Hold ``[start, end)`` unless it overlaps a range held; say whether it was added."""
        if self.overlaps(start, end):
            return False
        place = bisect_right(self._starts, start)
        self._starts.insert(place, start)
        self._ends.insert(place, end)
        return True

    def cover(self, start: int, end: int) -> None:
        """Hold ``[start, end)``, merged with any range it overlaps or touches."""
        first = bisect_right(self._ends, start - 1)  # the first range that ends at or after start
        last = bisect_right(self._starts, end)  # past the last range that starts at or before end
        if first < last:
            start = min(start, self._starts[first])
            end = max(end, self._ends[last - 1])
        self._starts[first:last] = [start]
        self._ends[first:last] = [end]


class _Spanned(Protocol):
    @property
    def span(self) -> _Range: ...


class _Range(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


Spanned = TypeVar("Spanned", bound=_Spanned)
# Annotations of one kind barely overlap: this many steps back reach every one that can still
# hold a position.
_OVERLAP_REACH = 16


def holding(items: Sequence[Spanned], position: int) -> list[Spanned]:
    """The items (sorted by span start, as the stages give them) whose span holds ``position``,
    found by bisection rather than by scanning them all."""
    last = bisect_right(items, position, key=lambda item: item.span.start)
    found = [
        items[index]
        for index in range(last - 1, max(-1, last - 1 - _OVERLAP_REACH), -1)
        if items[index].span.end > position
    ]
    return found[::-1]
