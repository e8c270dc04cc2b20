"""What every endpoint shares: the story reader of the request, paging and the list envelope, 404s.

Records go out through ``JSONResponse`` as they are: they are plain JSON values already, and
FastAPI's own encoder would walk every nested mention and span again in Python for nothing.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from newsdesk.store.base import AnnotationKey, AnnotationQuery, AnnotationTable
from newsdesk.store.base import Page as StorePage
from newsdesk.story.reader import StoryReader, record_key
from newsdesk.story.snapshot import Story, StorySource

Record = dict[str, Any]
MAX_LIMIT = 500
DEFAULT_LIMIT = 50

Offset = Annotated[int, Query(ge=0, le=100_000_000, description="Items to skip.")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page, 1 to {MAX_LIMIT}.")]


def source_of(request: Request) -> StorySource:
    source: StorySource = request.app.state.source
    return source


def story_of(request: Request) -> Story:
    return source_of(request).current()


# The whole story, built on first use: only the briefing reads it now.
CurrentStory = Annotated[Story, Depends(story_of)]


def relations_total(request: Request, reader: StoryReader) -> int:
    """The number of the network's edges, worked out once while the database is unchanged."""
    return source_of(request).remembered("relations", lambda: reader.relations(lambda _: True, 0, 0).total)


@contextmanager
def reading(request: Request) -> Iterator[StoryReader]:
    """The story reader of this request: the thread's read-only store, one consistent state."""
    store = source_of(request).reader()
    with store.reading():
        yield StoryReader(store)


class Page(BaseModel):
    """A page of a list: ``items[offset:offset + limit]`` of ``total`` matching items; ``next``,
    where the list reads by key, is the ``after`` of the following page (null on the last). A
    page asked ``after`` a key is not counted: its ``total`` and ``offset`` are null."""

    model_config = ConfigDict(extra="allow")
    items: list[dict[str, Any]]
    total: int | None
    offset: int | None
    limit: int
    next: str | None = None


# The key of an item as a cursor: its values (strings and numbers), opaque to the client.
Key = Sequence[str | int]

After = Annotated[
    str | None,
    Query(
        description="The ``next`` of the previous page: the items after it, read by key (the same cost on any"
        " page; ``offset`` is then not used and the total not counted)."
    ),
]


def by_id(record: Record) -> Key:
    """The key of an item read by key after its id (a document, a claim)."""
    return (record["id"],)


def cursor(key: Key) -> str:
    """An item's key as the opaque ``next`` of a page."""
    return base64.urlsafe_b64encode(json.dumps(list(key), separators=(",", ":")).encode()).decode().rstrip("=")


def key_of(after: str, shape: tuple[type[str] | type[int], ...]) -> list[Any]:
    """The key a cursor holds, of ``shape`` (the type of each value), or a 422."""
    try:
        key = json.loads(base64.urlsafe_b64decode(after + "=" * (-len(after) % 4)))
    except ValueError:
        key = None
    fits = isinstance(key, list) and len(key) == len(shape)
    if not fits or not all(type(value) is kind for value, kind in zip(key, shape, strict=True)):
        raise HTTPException(status_code=422, detail=f"after must be the next of a page of this list, not {after!r}")
    return list(key)


def gone(after: str) -> HTTPException:
    """The 422 of a cursor naming an item no longer stored."""
    return HTTPException(
        status_code=422, detail=f"the item after {after!r} names is no longer stored: start again from the first page"
    )


class Message(BaseModel):
    """An error: what went wrong, in one line."""

    detail: str


ERRORS: dict[int | str, dict[str, Any]] = {404: {"model": Message, "description": "No item with this id."}}


def paged(
    found: StorePage[Record],
    offset: int,
    limit: int,
    shape: Callable[[Record], Record] | None = None,
    key: Callable[[Record], Key] | None = None,
) -> JSONResponse:
    """A page the store chose (``found.items`` are already ``items[offset:offset + limit]``); with
    the cursor of its last item (``key``) as ``next`` when more follow."""
    chosen = [shape(item) for item in found.items] if shape is not None else list(found.items)
    answer: Record = {"items": chosen, "total": found.total, "offset": offset, "limit": limit}
    if key is not None:
        more = found.items and offset + len(found.items) < found.total
        answer["next"] = cursor(key(found.items[-1])) if more else None
    return JSONResponse(answer)


def keyed(found: Sequence[Record] | None, after: str, limit: int, key: Callable[[Record], Key]) -> JSONResponse:
    """A page read by key: ``found`` holds up to ``limit + 1`` items (one more: more follow);
    None, the item ``after`` names is gone (a 422)."""
    if found is None:
        raise gone(after)
    chosen = list(found[:limit])
    following = cursor(key(chosen[-1])) if len(found) > limit else None
    return JSONResponse({"items": chosen, "total": None, "offset": None, "limit": limit, "next": following})


# The values of each annotation table's key: document, start, then what tells one from another there.
_ANNOTATION_KEYS: dict[str, tuple[type[str] | type[int], ...]] = {
    "quotes": (str, int, int, str),
    "times": (str, int, int),
    "events": (str, int, int, int),
}


def annotation_list(
    reader: StoryReader,
    table: AnnotationTable,
    query: AnnotationQuery,
    offset: int,
    limit: int,
    after: str | None,
    keep: Callable[[Record], bool] | None = None,
) -> JSONResponse:
    """A page of quotes, times or events: at ``offset``, or read by key after ``after``."""

    def key(record: Record) -> Key:
        return record_key(table, record)

    if after is None:
        return paged(reader.annotations(table, query, offset, limit, keep), offset, limit, key=key)
    values = key_of(after, _ANNOTATION_KEYS[table])
    start = AnnotationKey(values[0], values[1], tuple(values[2:]))
    return keyed(reader.annotations_after(table, query, start, limit + 1, keep), after, limit, key)


def page(
    items: Sequence[Record], offset: int, limit: int, shape: Callable[[Record], Record] | None = None
) -> JSONResponse:
    chosen = list(items[offset : offset + limit])
    if shape is not None:
        chosen = [shape(item) for item in chosen]
    return JSONResponse({"items": chosen, "total": len(items), "offset": offset, "limit": limit})


def found(record: Record | None, kind: str, item_id: str) -> Record:
    """The record ``item_id`` (None when there is none: a 404 naming what was asked for)."""
    if record is None:
        raise HTTPException(status_code=404, detail=f"no {kind} with id {item_id!r}")
    return record


def iso_date(description: str) -> Any:
    """A query parameter holding an ISO date of any precision: 2025, 2025-05 or 2025-05-03."""
    return Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description=description)
