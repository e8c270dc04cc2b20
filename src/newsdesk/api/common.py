"""What every endpoint shares: the story of the request, paging and the list envelope, 404s.

Records go out through ``JSONResponse`` as they are: they are plain JSON values already, and
FastAPI's own encoder would walk every nested mention and span again in Python for nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

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


CurrentStory = Annotated[Story, Depends(story_of)]


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


def page(
    items: Sequence[Record], offset: int, limit: int, shape: Callable[[Record], Record] | None = None
) -> JSONResponse:
    chosen = list(items[offset : offset + limit])
    if shape is not None:
        chosen = [shape(item) for item in chosen]
    return JSONResponse({"items": chosen, "total": len(items), "offset": offset, "limit": limit})


def found(records: dict[str, Record], kind: str, item_id: str) -> Record:
    """The record ``item_id``, or a 404 naming what was asked for."""
    record = records.get(item_id)
    if record is None:
        raise HTTPException(status_code=404, detail=f"no {kind} with id {item_id!r}")
    return record


def contains(needle: str | None, *haystacks: str | None) -> bool:
    """Case-insensitive substring match; no needle matches everything."""
    if not needle:
        return True
    wanted = needle.casefold()
    return any(wanted in text.casefold() for text in haystacks if text)


def in_range(value: str | None, since: str | None, until: str | None) -> bool:
    """An ISO date (any precision: 2025, 2025-05, 2025-05-03) within [since, until], compared on
    the precision both share, so that 2025-05 is within 2025-05-01..2025-05-31."""
    if since is None and until is None:
        return True
    if not value:
        return False
    if since is not None and value[: len(since)] < since[: len(value)]:
        return False
    return not (until is not None and value[: len(until)] > until[: len(value)])


def iso_date(description: str) -> Any:
    """A query parameter holding an ISO date of any precision: 2025, 2025-05 or 2025-05-03."""
    return Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description=description)
