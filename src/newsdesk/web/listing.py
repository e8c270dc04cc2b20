"""What a list page reads from its address and shows of its place: the filters, sort and page size
of the query string, read leniently (what cannot be used is dropped and said so), the addresses
of other pages and sorts, and the count ("41–60 of 1,204")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode

from fastapi import Request

PAGE_SIZES = (20, 50, 100, 200)
DEFAULT_SIZE = 50
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@dataclass(slots=True)
class Listing:
    """The parameters of one list page, read leniently from the query string: what a filter
    cannot use is dropped and noted in ``problems``."""

    path: str
    params: dict[str, str]
    sorts: tuple[str, ...]
    offset: int = 0
    size: int = DEFAULT_SIZE
    sort: str = ""
    descending: bool = False
    reversible: bool = False  # whether a sort can turn the other way (desc=1)
    problems: list[str] = field(default_factory=list)
    # The story of a story's own pages (``/stories/ID/...``): its address says it, not a parameter.
    scope: str | None = None

    @classmethod
    def of(cls, request: Request, sorts: Sequence[str], names: Sequence[str], reversible: bool = False) -> Listing:
        query = request.query_params
        params = {name: query[name].strip() for name in names if query.get(name, "").strip()}
        listing = cls(request.url.path, params, tuple(sorts), sort=sorts[0], reversible=reversible)
        scope: str | None = getattr(request.state, "story_id", None)
        if scope is not None:
            listing.scope = scope
            params.pop("story", None)
        for name in ("from", "to"):
            if name in params and not _DATE.fullmatch(params[name]):
                listing.problems.append(f"“{params.pop(name)}” is not a date (write 2026, 2026-03 or 2026-03-10)")
        listing.offset = _number(query.get("offset"), 0)
        size = _number(query.get("size"), DEFAULT_SIZE)
        listing.size = size if size in PAGE_SIZES else DEFAULT_SIZE
        sort = query.get("sort", "")
        if sort in sorts:
            listing.sort = sort
        elif sort:
            listing.problems.append(f"cannot sort by “{sort}”")
        listing.descending = reversible and query.get("desc", "") in ("1", "true")
        return listing

    @property
    def sizes(self) -> tuple[int, ...]:
        return PAGE_SIZES

    @property
    def default_size(self) -> int:
        return DEFAULT_SIZE

    @property
    def story(self) -> str | None:
        """The story the page is scoped to: its own pages' story, else the ``story`` filter."""
        return self.scope if self.scope is not None else self.params.get("story")

    def get(self, name: str) -> str | None:
        return self.params.get(name)

    def whole(self, name: str, default: int) -> int:
        value = self.params.get(name)
        return _number(value, default) if value is not None else default

    def url(self, **changes: object) -> str:
        """This page's address with ``changes`` (None drops a parameter); a change of filter
        goes back to the first page."""
        values: dict[str, object] = {**self.params}
        if self.offset:
            values["offset"] = self.offset
        if self.size != DEFAULT_SIZE:
            values["size"] = self.size
        if self.sort != self.sorts[0]:
            values["sort"] = self.sort
        if self.descending:
            values["desc"] = 1
        if any(name not in ("offset", "size", "sort", "desc") for name in changes):
            values.pop("offset", None)
        values.update(changes)
        kept = {name: value for name, value in values.items() if value is not None and value != ""}
        return f"{self.path}?{urlencode(kept)}" if kept else self.path

    def sorted_by(self, sort: str) -> str:
        """The address sorted by ``sort``; the column sorted now turns the other way."""
        descending = self.reversible and (not self.descending if sort == self.sort else False)
        return self.url(
            sort=None if sort == self.sorts[0] and not descending else sort, desc=1 if descending else None, offset=None
        )

    def hidden(self, *skip: str) -> list[tuple[str, str]]:
        """The parameters a filter form carries along unchanged (the sort and page size)."""
        kept = [(name, value) for name, value in self.params.items() if name not in skip]
        if self.size != DEFAULT_SIZE:
            kept.append(("size", str(self.size)))
        if self.sort != self.sorts[0]:
            kept.append(("sort", self.sort))
        if self.descending:
            kept.append(("desc", "1"))
        return kept


@dataclass(frozen=True, slots=True)
class Paging:
    offset: int
    size: int
    total: int
    # More than ``total`` match (a search counted to a bound): the pages go on past it, with no last.
    more: bool = False

    @property
    def first(self) -> int:
        return self.offset + 1 if self.more else min(self.offset + 1, self.total)

    @property
    def last(self) -> int:
        return self.offset + self.size if self.more else min(self.offset + self.size, self.total)

    @property
    def shown(self) -> str:
        """ "41–60 of 1,204" ("of more than 2,000")."""
        if self.total == 0:
            return "none"
        return f"{self.first:,}–{self.last:,} of {'more than ' if self.more else ''}{self.total:,}"

    @property
    def previous(self) -> int | None:
        return max(self.offset - self.size, 0) if self.offset > 0 else None

    @property
    def next(self) -> int | None:
        return self.offset + self.size if self.more or self.offset + self.size < self.total else None

    @property
    def final(self) -> int | None:
        last = (self.total - 1) // self.size * self.size if self.total else 0
        return last if self.next is not None and not self.more else None


def _number(value: str | None, default: int) -> int:
    try:
        number = int(value) if value is not None else default
    except ValueError:
        return default
    return max(number, 0)
