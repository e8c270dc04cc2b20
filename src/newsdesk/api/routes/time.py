"""When: temporal expressions, dated events and the story timeline."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from newsdesk.api.common import (
    DEFAULT_LIMIT,
    ERRORS,
    CurrentStory,
    Limit,
    Offset,
    Page,
    found,
    in_range,
    iso_date,
    page,
)

router = APIRouter(tags=["time"])

TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
Modality = Literal["happened", "scheduled", "reported", "hypothetical", "negated"]


@router.get("/times", response_model=Page)
def list_times(
    story: CurrentStory,
    offset: Offset = 0,
    limit: Limit = DEFAULT_LIMIT,
    doc: Annotated[str | None, Query(description="Only times in this document.")] = None,
    type: Annotated[TimeType | None, Query(description="Only this TimeML type.")] = None,
) -> JSONResponse:
    """Every temporal expression with its TimeML value, by document and position."""
    items = story.times_by_doc.get(doc, []) if doc is not None else story.sections.times
    if type is not None:
        items = [t for t in items if t["type"] == type]
    return page(items, offset, limit)


@router.get("/events", response_model=Page)
def list_events(
    story: CurrentStory,
    offset: Offset = 0,
    limit: Limit = DEFAULT_LIMIT,
    doc: Annotated[str | None, Query(description="Only events in this document.")] = None,
    entity: Annotated[str | None, Query(description="Only events with this participant (entity id).")] = None,
    modality: Annotated[Modality | None, Query(description="Only events of this modality.")] = None,
    date_from: Annotated[str | None, iso_date("Dated on or after this.")] = None,
    date_to: Annotated[str | None, iso_date("Dated on or before this.")] = None,
) -> JSONResponse:
    """Dated events (happenings in one article, with the date they are given) by document."""
    items = story.events_by_doc.get(doc, []) if doc is not None else story.sections.events
    if entity or modality or date_from or date_to:
        items = [
            v
            for v in items
            if (entity is None or entity in v["participants"])
            and (modality is None or v["modality"] == modality)
            and in_range(v["date"]["value"], date_from, date_to)
        ]
    return page(items, offset, limit)


@router.get("/timeline", response_model=Page)
def list_timeline(
    story: CurrentStory,
    offset: Offset = 0,
    limit: Limit = DEFAULT_LIMIT,
    entity: Annotated[str | None, Query(description="Only happenings with this participant (entity id).")] = None,
    doc: Annotated[str | None, Query(description="Only happenings this document reports.")] = None,
    disputed: Annotated[bool | None, Query(description="true: only those the articles date differently.")] = None,
    date_from: Annotated[str | None, iso_date("On or after this date.")] = None,
    date_to: Annotated[str | None, iso_date("On or before this date.")] = None,
) -> JSONResponse:
    """The story timeline in date order: each happening once, with every article reporting it."""
    items = story.sections.timeline
    if entity or doc or disputed is not None or date_from or date_to:
        items = [
            t
            for t in items
            if (entity is None or entity in t["participants"])
            and (doc is None or doc in t["documents"])
            and (disputed is None or bool(t["disagreement"]) == disputed)
            and in_range(t["value"], date_from, date_to)
        ]
    return page(items, offset, limit)


@router.get("/timeline/{entry_id}", responses=ERRORS)
def get_timeline_entry(story: CurrentStory, entry_id: str) -> JSONResponse:
    return JSONResponse(found(story.timeline, "timeline entry", entry_id))
