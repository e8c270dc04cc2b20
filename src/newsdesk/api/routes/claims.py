"""What the story says: claims with their sources and contradictions, the actor network, and
what each article (and outlet) carries."""

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
    contains,
    found,
    page,
)
from newsdesk.report.claims import coverage_records

router = APIRouter()

ClaimOrder = Literal["story", "sources", "documents"]


@router.get("/claims", response_model=Page, tags=["claims"])
def list_claims(
    story: CurrentStory,
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
        ClaimOrder, Query(description="story: the export's order; sources / documents: most first.")
    ] = "story",
) -> JSONResponse:
    """Claims with their evidence, articles, independent sources and contradictions."""
    items = story.sections.claims
    if min_sources > 1 or min_documents > 1 or contested is not None or doc or entity or text or kind:
        items = [
            c
            for c in items
            if c["independent_sources"] >= min_sources
            and len(c["documents"]) >= min_documents
            and (contested is None or bool(c["contradicts"]) == contested)
            and (doc is None or doc in c["documents"])
            and (entity is None or any(entity in s["actors"] for s in c["statements"]))
            and contains(text, c["text"])
            and (kind is None or c["kind"] == kind)
        ]
    if order == "sources":
        items = sorted(items, key=lambda c: (-c["independent_sources"], -len(c["documents"])))
    elif order == "documents":
        items = sorted(items, key=lambda c: (-len(c["documents"]), -c["independent_sources"]))
    return page(items, offset, limit)


@router.get("/claims/{claim_id}", responses=ERRORS, tags=["claims"])
def get_claim(story: CurrentStory, claim_id: str) -> JSONResponse:
    return JSONResponse(found(story.claims, "claim", claim_id))


@router.get("/relations", response_model=Page, tags=["claims"])
def list_relations(
    story: CurrentStory,
    offset: Offset = 0,
    limit: Limit = DEFAULT_LIMIT,
    entity: Annotated[str | None, Query(description="Only edges from or to this entity (id).")] = None,
    kind: Annotated[str | None, Query(description="Only edges of this kind.")] = None,
) -> JSONResponse:
    """The actor network: typed edges between entities, each with its statement and date."""
    items = story.sections.relations
    if entity or kind:
        items = [
            r
            for r in items
            if (entity is None or entity in (r["source"], r["target"])) and (kind is None or r["kind"] == kind)
        ]
    return page(items, offset, limit)


@router.get("/coverage", response_model=Page, tags=["coverage"])
def list_coverage(
    story: CurrentStory,
    offset: Offset = 0,
    limit: Limit = DEFAULT_LIMIT,
    outlet: Annotated[str | None, Query(description="Only articles of an outlet containing this.")] = None,
    doc: Annotated[str | None, Query(description="Only this document.")] = None,
) -> JSONResponse:
    """Per article: the claims it carries, the claims other articles share that it leaves out,
    and whom it quotes (the export's ``coverage``), built for the requested page only."""
    documents = story.sections.documents
    if outlet or doc:
        documents = [d for d in documents if (doc is None or d["id"] == doc) and contains(outlet, d["outlet"])]
    chosen = documents[offset : offset + limit]
    quotes = [q for d in chosen for q in story.quotes_by_doc.get(d["id"], [])]
    items = coverage_records(story.sections.claims, quotes, chosen)
    return JSONResponse({"items": items, "total": len(documents), "offset": offset, "limit": limit})


@router.get("/coverage/sources", response_model=Page, tags=["coverage"])
def list_source_coverage(story: CurrentStory, offset: Offset = 0, limit: Limit = DEFAULT_LIMIT) -> JSONResponse:
    """Per independent source (an outlet, an outlet relayed, or an outlet-less article): its
    articles, the claims they carry and leave out, and whom they quote (the export's
    ``coverage_by_source``), built on first use."""
    return page(story.coverage_by_source, offset, limit)
