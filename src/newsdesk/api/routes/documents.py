"""Documents: the list (export records without the text) and one document with everything found in it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from newsdesk.api.common import (
    DEFAULT_LIMIT,
    ERRORS,
    CurrentStory,
    Limit,
    Offset,
    Page,
    Record,
    contains,
    found,
    in_range,
    iso_date,
    page,
)

router = APIRouter(tags=["documents"])

# Left out of list items: the article itself and the spans that need it to mean anything.
HEAVY = frozenset({"text", "body", "removed"})


def summary(document: Record) -> Record:
    """A document's export record without its text, body and removed spans."""
    return {key: value for key, value in document.items() if key not in HEAVY}


@router.get("/documents", response_model=Page)
def list_documents(
    story: CurrentStory,
    offset: Offset = 0,
    limit: Limit = DEFAULT_LIMIT,
    outlet: Annotated[str | None, Query(description="Outlet, or an outlet relayed, containing this.")] = None,
    title: Annotated[str | None, Query(description="Headline containing this (case-insensitive).")] = None,
    language: Annotated[str | None, Query(description="ISO 639-1 code.")] = None,
    published_from: Annotated[str | None, iso_date("Published on or after this date.")] = None,
    published_to: Annotated[str | None, iso_date("Published on or before this date.")] = None,
) -> JSONResponse:
    """Documents in the export's order (by source), without their text (the detail has it)."""
    items = story.sections.documents
    if outlet or title or language or published_from or published_to:
        items = [
            d
            for d in items
            if contains(outlet, d["outlet"], *d["reported_from"])
            and contains(title, d["title"])
            and (language is None or d["language"] == language)
            and in_range(d["published"], published_from, published_to)
        ]
    return page(items, offset, limit, summary)


@router.get("/documents/{doc_id}", responses=ERRORS)
def get_document(story: CurrentStory, doc_id: str) -> JSONResponse:
    """The document's export record (text, body, removed spans with their reasons) and what was
    found in it: entity mentions (each with its entity), quotes, times and events."""
    document = found(story.documents, "document", doc_id)
    mentions = sorted(
        (
            {**mention, "entity": entity["id"], "name": entity["name"], "type": entity["type"]}
            for entity, mention in story.mentions_by_doc.get(doc_id, [])
        ),
        key=lambda m: (m["start"], m["end"]),
    )
    return JSONResponse(
        {
            **document,
            "mentions": mentions,
            "quotes": story.quotes_by_doc.get(doc_id, []),
            "times": story.times_by_doc.get(doc_id, []),
            "events": story.events_by_doc.get(doc_id, []),
        }
    )
