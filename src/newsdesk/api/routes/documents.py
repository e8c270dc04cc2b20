"""Documents: the list (export records without the text) and one document with everything found in it."""

from __future__ import annotations

from typing import Annotated

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
    by_id,
    found,
    iso_date,
    key_of,
    keyed,
    paged,
    reading,
)
from newsdesk.store.base import DocumentQuery

router = APIRouter(tags=["documents"])

# Left out of list items: the article itself and the spans that need it to mean anything.
HEAVY = frozenset({"text", "body", "removed"})


def summary(document: Record) -> Record:
    """A document's export record without its text, body and removed spans."""
    return {key: value for key, value in document.items() if key not in HEAVY}


@router.get("/documents", response_model=Page)
def list_documents(
    request: Request,
    offset: Offset = 0,
    limit: Limit = DEFAULT_LIMIT,
    outlet: Annotated[str | None, Query(description="Outlet, or an outlet relayed, containing this.")] = None,
    title: Annotated[str | None, Query(description="Headline containing this (case-insensitive).")] = None,
    language: Annotated[str | None, Query(description="ISO 639-1 code.")] = None,
    published_from: Annotated[str | None, iso_date("Published on or after this date.")] = None,
    published_to: Annotated[str | None, iso_date("Published on or before this date.")] = None,
    after: After = None,
) -> JSONResponse:
    """Documents in the export's order (by source), without their text (the detail has it);
    ``next`` pages on by key."""
    query = DocumentQuery(
        outlet=outlet, title=title, language=language, published_from=published_from, published_to=published_to
    )
    with reading(request) as reader:
        if after is None:
            return paged(reader.documents(query, offset, limit), offset, limit, summary, key=by_id)
        (doc,) = key_of(after, (str,))
        found = reader.documents_after(query, doc, limit + 1)
    return keyed([summary(d) for d in found] if found is not None else None, after, limit, by_id)


@router.get("/documents/{doc_id}", responses=ERRORS)
def get_document(request: Request, doc_id: str) -> JSONResponse:
    """The document's export record (text, body, removed spans with their reasons) and what was
    found in it: entity mentions (each with its entity), quotes, times and events."""
    with reading(request) as reader:
        return JSONResponse(found(reader.document_detail(doc_id), "document", doc_id))
