"""Pages at any offset for the cost of a page near the start: the lists' counts and, every
``STEP`` items along a list, the key of the item there, kept while the database is unchanged
(``store.kept``).

An offset makes the database step over every item before the page (SQLite has no count per
index page), so a page deep in the 800,000 quotes of a large store stepped over hundreds of
thousands of rows, and every page counted the list again. Here the first page asked deeper than
``STEP`` walks the list once, a read by key (``store.keyset``) hop by hop, keeping the key every
``STEP`` items; each page after that starts from the key before its offset and steps over fewer
than ``STEP`` rows. The pages are those of the offset reads (``store.pages``), item for item.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from newsdesk.model import Claim
from newsdesk.store import keyset, pages
from newsdesk.store.base import AnnotationKey, AnnotationQuery, AnnotationTable, ClaimQuery, Page
from newsdesk.store.kept import Remember
from newsdesk.store.sql import Database

# Items between two kept keys: the most a page steps over (a key is kept per STEP items: 850 for
# the quotes of 100,000 articles, 2,100 for their claims).
STEP = 1000
Key = TypeVar("Key")


def _marks(after: Callable[[Key | None], Key | None]) -> tuple[Key, ...]:
    """The key of every ``STEP``-th item of a list (its items ``STEP - 1``, ``2 * STEP - 1``, ...),
    ``after(key)`` giving the key ``STEP`` items on from ``key`` (from the start when None)."""
    found: list[Key] = []
    while (mark := after(found[-1] if found else None)) is not None:
        found.append(mark)
    return tuple(found)


def _deep(
    remember: Remember,
    name: object,
    offset: int,
    after: Callable[[Key | None, int, int], list[Key]],
) -> tuple[Key, int] | None:
    """Where the page at ``offset`` starts: after which kept key, skipping how many; None when the
    page is read from the start by offset. ``after(key, skip, limit)``: the list's keys after
    ``key`` (from the start when None), ``skip`` first left out."""
    if offset < STEP:
        return None

    def hop(key: Key | None) -> Key | None:
        found = after(key, STEP - 1, 1)
        return found[0] if found else None

    marks: tuple[Key, ...] = remember(("marks", name), lambda: _marks(hop))
    number = offset // STEP - 1
    if number >= len(marks):  # past the end (the list changed under a caller): read by offset
        return None
    return marks[number], offset - (number + 1) * STEP


def annotation_page(
    db: Database, remember: Remember, table: AnnotationTable, query: AnnotationQuery, offset: int, limit: int
) -> Page[AnnotationKey]:
    total = remember(("annotations", table, query), lambda: pages.annotation_count(db, table, query))
    start = None
    if query.order == "story" and offset < total:

        def after(key: AnnotationKey | None, skip: int, limit: int) -> list[AnnotationKey]:
            if key is None:
                return pages.annotation_keys(db, table, query, skip, limit)
            return keyset.annotations_after(db, table, query, key, limit, skip) or []

        start = _deep(remember, (table, query), offset, after)
    if start is None:
        return Page(total, tuple(pages.annotation_keys(db, table, query, offset, limit)))
    key, skip = start
    return Page(total, tuple(keyset.annotations_after(db, table, query, key, limit, skip) or ()))


def claim_page(db: Database, remember: Remember, query: ClaimQuery, offset: int, limit: int) -> Page[Claim]:
    if not pages.plain_claims(query):
        return pages.claim_page(db, query, offset, limit)
    total = remember(("claims", query), lambda: pages.claim_count(db, query))

    def after(key: str | None, skip: int, limit: int) -> list[str]:
        if key is None:
            return pages.claim_ids(db, query, skip, limit)
        return keyset.claim_ids_after(db, query, key, limit, skip) or []

    start = _deep(remember, ("claims", query), offset, after) if offset < total else None
    if start is None:
        ids = pages.claim_ids(db, query, offset, limit)
    else:
        key, skip = start
        ids = keyset.claim_ids_after(db, query, key, limit, skip) or []
    return Page(total, pages.claims_in_order(db, ids))
