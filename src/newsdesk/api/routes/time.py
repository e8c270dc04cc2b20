"""When: temporal expressions, dated events and the story timeline."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from newsdesk.api.common import (
    DEFAULT_LIMIT,
    ERRORS,
    After,
    Limit,
    Offset,
    Page,
    Record,
    annotation_list,
    found,
    iso_date,
    paged,
    reading,
)
from newsdesk.store.base import AnnotationQuery, TimelineQuery

router = APIRouter(tags=["time"])

TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
Modality = Literal["happened", "scheduled", "reported", "hypothetical", "negated"]


@router.get("/times", response_model=Page)
def list_times(
    request: Request,
    offset: Offset = 0,
    limit: Limit = DEFAULT_LIMIT,
    doc: Annotated[str | None, Query(description="Only times in this document.")] = None,
    type: Annotated[TimeType | None, Query(description="Only this TimeML type.")] = None,
    after: After = None,
) -> JSONResponse:
    """Every temporal expression with its TimeML value, by document and position; ``next`` pages
    on by key."""
    with reading(request) as reader:
        return annotation_list(reader, "times", AnnotationQuery(doc=doc, type=type), offset, limit, after)


@router.get("/events", response_model=Page)
def list_events(
    request: Request,
    offset: Offset = 0,
    limit: Limit = DEFAULT_LIMIT,
    doc: Annotated[str | None, Query(description="Only events in this document.")] = None,
    entity: Annotated[str | None, Query(description="Only events with this participant (entity id).")] = None,
    modality: Annotated[Modality | None, Query(description="Only events of this modality.")] = None,
    date_from: Annotated[str | None, iso_date("Dated on or after this.")] = None,
    date_to: Annotated[str | None, iso_date("Dated on or before this.")] = None,
    after: After = None,
) -> JSONResponse:
    """Dated events (happenings in one article, with the date they are given) by document;
    ``next`` pages on by key."""
    query = AnnotationQuery(doc=doc, modality=modality, date_from=date_from, date_to=date_to, entity=entity)

    def keep(event: Record) -> bool:
        return entity in event["participants"]

    with reading(request) as reader:
        return annotation_list(reader, "events", query, offset, limit, after, keep if entity is not None else None)


@router.get("/timeline", response_model=Page)
def list_timeline(
    request: Request,
    offset: Offset = 0,
    limit: Limit = DEFAULT_LIMIT,
    entity: Annotated[str | None, Query(description="Only happenings with this participant (entity id).")] = None,
    doc: Annotated[str | None, Query(description="Only happenings this document reports.")] = None,
    disputed: Annotated[bool | None, Query(description="true: only those the articles date differently.")] = None,
    date_from: Annotated[str | None, iso_date("On or after this date.")] = None,
    date_to: Annotated[str | None, iso_date("On or before this date.")] = None,
) -> JSONResponse:
    """The story timeline in date order: each happening once, with every article reporting it."""
    query = TimelineQuery(entity=entity, doc=doc, disputed=disputed, date_from=date_from, date_to=date_to)
    with reading(request) as reader:
        return paged(reader.timeline(query, offset, limit), offset, limit)


@router.get("/timeline/{entry_id}", responses=ERRORS)
def get_timeline_entry(request: Request, entry_id: str) -> JSONResponse:
    with reading(request) as reader:
        return JSONResponse(found(reader.timeline_entry(entry_id), "timeline entry", entry_id))
