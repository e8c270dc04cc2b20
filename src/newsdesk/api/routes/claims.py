"""What the story says: claims with their sources and contradictions, the actor network, and
what each article (and outlet) carries."""

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
    by_id,
    found,
    key_of,
    keyed,
    paged,
    reading,
    relations_total,
)
from newsdesk.store.base import ClaimQuery, DocumentQuery

router = APIRouter()


@router.get("/claims", response_model=Page, tags=["claims"])
def list_claims(
    request: Request,
    offset: Offset = 0,
    limit: Limit = DEFAULT_LIMIT,
    min_sources: Annotated[int, Query(ge=1, le=100_000, description="At least this many independent sources.")] = 1,
    min_documents: Annotated[int, Query(ge=1, le=100_000, description="Carried by at least this many articles.")] = 1,
    contested: Annotated[bool | None, Query(description="true: only claims something contradicts.")] = None,
    doc: Annotated[str | None, Query(description="Only claims this document carries.")] = None,
    entity: Annotated[str | None, Query(description="Only claims whose statements name this entity (id).")] = None,
    text: Annotated[str | None, Query(description="Representative text containing this.")] = None,
    kind: Annotated[
        Literal["fact", "view"] | None,
        Query(description="fact: what outlets report (independent sources count); view: what somebody holds."),
    ] = None,
    order: Annotated[
        Literal["story", "sources", "documents"],
        Query(description="story: the export's order; sources / documents: most first."),
    ] = "story",
    after: After = None,
) -> JSONResponse:
    """Claims with their evidence, articles, independent sources and contradictions; ``next``
    pages on by key."""
    query = ClaimQuery(
        min_sources=min_sources,
        min_documents=min_documents,
        contested=contested,
        doc=doc,
        entity=entity,
        text=text,
        kind=kind,
        order=order,
    )
    with reading(request) as reader:
        if after is None:
            return paged(reader.claims(query, offset, limit), offset, limit, key=by_id)
        (claim,) = key_of(after, (str,))
        return keyed(reader.claims_after(query, claim, limit + 1), after, limit, by_id)


@router.get("/claims/{claim_id}", responses=ERRORS, tags=["claims"])
def get_claim(request: Request, claim_id: str) -> JSONResponse:
    with reading(request) as reader:
        return JSONResponse(found(reader.claim(claim_id), "claim", claim_id))


@router.get("/relations", response_model=Page, tags=["claims"])
def list_relations(
    request: Request,
    offset: Offset = 0,
    limit: Limit = DEFAULT_LIMIT,
    entity: Annotated[str | None, Query(description="Only edges from or to this entity (id).")] = None,
    kind: Annotated[str | None, Query(description="Only edges of this kind.")] = None,
    after: After = None,
) -> JSONResponse:
    """The actor network: typed edges between entities, each with its statement and date;
    ``next`` pages on by key."""

    def keep(r: Record) -> bool:
        return (entity is None or entity in (r["source"], r["target"])) and (kind is None or r["kind"] == kind)

    with reading(request) as reader:
        if after is None:
            total = relations_total(request, reader) if entity is None and kind is None else None
            found = reader.relation_page(keep, offset, limit, total)
            return paged(found.page, offset, limit, key=found.key)
        doc, place = key_of(after, (str, int))
        found = reader.relation_page(keep, 0, limit + 1, after=(doc, place))
    return keyed(None if found.gone else found.page.items, after, limit, found.key)


@router.get("/coverage", response_model=Page, tags=["coverage"])
def list_coverage(
    request: Request,
    offset: Offset = 0,
    limit: Limit = DEFAULT_LIMIT,
    outlet: Annotated[str | None, Query(description="Only articles of an outlet containing this.")] = None,
    doc: Annotated[str | None, Query(description="Only this document.")] = None,
) -> JSONResponse:
    """Per article: the claims it carries, the claims other articles share that it leaves out,
    and whom it quotes (the export's ``coverage``), built for the requested page only."""
    query = DocumentQuery(outlet=outlet, outlet_only=True, doc=doc)
    with reading(request) as reader:
        return paged(reader.coverage(query, offset, limit), offset, limit)


@router.get("/coverage/sources", response_model=Page, tags=["coverage"])
def list_source_coverage(request: Request, offset: Offset = 0, limit: Limit = DEFAULT_LIMIT) -> JSONResponse:
    """Per independent source (an outlet, an outlet relayed, or an outlet-less article): its
    articles, the claims they carry and leave out, and whom they quote (the export's
    ``coverage_by_source``), built for the requested page only."""
    with reading(request) as reader:
        return paged(reader.coverage_by_source(offset, limit), offset, limit)
