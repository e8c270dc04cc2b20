"""What every endpoint shares: the story reader of the request, paging and the list envelope, 404s.

Records go out through ``JSONResponse`` as they are: they are plain JSON values already, and
FastAPI's own encoder would walk every nested mention and span again in Python for nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from newsdesk.store.base import Page as StorePage
from newsdesk.story.reader import StoryReader
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
    """A page of a list: ``items[offset:offset + limit]`` of ``total`` matching items."""

    model_config = ConfigDict(extra="allow")
    items: list[dict[str, Any]]
    total: int
    offset: int
    limit: int


class Message(BaseModel):
    """An error: what went wrong, in one line."""

    detail: str


ERRORS: dict[int | str, dict[str, Any]] = {404: {"model": Message, "description": "No item with this id."}}


def paged(
    found: StorePage[Record], offset: int, limit: int, shape: Callable[[Record], Record] | None = None
) -> JSONResponse:
    """A page the store chose (``found.items`` are already ``items[offset:offset + limit]``)."""
    chosen = [shape(item) for item in found.items] if shape is not None else list(found.items)
    return JSONResponse({"items": chosen, "total": found.total, "offset": offset, "limit": limit})


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
