"""Full-text search (SQLite FTS5 over headlines and bodies) and the story briefing."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from newsdesk.api.common import Message, Offset, Page, reading, source_of
from newsdesk.api.routes.documents import summary
from newsdesk.report.brief import Briefing, to_html, to_markdown
from newsdesk.store.query import fts5_plain

router = APIRouter()

MAX_QUERY = 500
MAX_HITS = 100
BRIEFING_LIMIT = 12  # the briefing's own default: items per section


@router.get(
    "/search",
    response_model=Page,
    tags=["search"],
    responses={400: {"model": Message, "description": "Nothing to search for, or (advanced) not valid FTS5 syntax."}},
)
def search(
    request: Request,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=MAX_QUERY,
            description="Words as typed, punctuation and all (U.S.-Mexico); every word must match; a trailing * "
            'asks for a prefix. With advanced=true: SQLite FTS5 syntax ("phrases", AND, OR, NOT, prefix*, '
            "NEAR(a b, 10), title:word).",
        ),
    ],
    advanced: Annotated[bool, Query(description="The query is in FTS5 syntax.")] = False,
    offset: Offset = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_HITS, description=f"Hits per page, 1 to {MAX_HITS}.")] = 20,
) -> JSONResponse:
    """Documents matching the query, best first, each with a snippet (matches in [brackets])."""
    with reading(request) as reader:
        try:
            found = reader.store.search_documents(q if advanced else fts5_plain(q), offset, limit)
        except ValueError as error:
            raise HTTPException(status_code=400, detail=str(error)) from None
        records = {d["id"]: d for d in reader.document_records([hit.doc for hit in found.hits])}
    items = [
        {"document": summary(records[hit.doc]) if hit.doc in records else {"id": hit.doc}, "snippet": hit.snippet}
        for hit in found.hits
    ]
    return JSONResponse({"items": items, "total": found.total, "offset": offset, "limit": limit, "query": q})


# The briefing file's own policy (the one its <meta> states): no script, its inline style only.
BRIEFING_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


@router.get(
    "/briefing",
    tags=["briefing"],
    responses={200: {"content": {"text/markdown": {}, "text/html": {}}, "description": "The briefing."}},
)
def briefing(
    request: Request,
    format: Annotated[Literal["json", "md", "html"], Query(description="json, md (Markdown) or html.")] = "json",
    limit: Annotated[int, Query(ge=1, le=200, description="Items per section.")] = BRIEFING_LIMIT,
) -> Response:
    """The one-page briefing, every line citing the article and characters it rests on. The
    Markdown and HTML are ``newsdesk brief``'s, article text escaped; the HTML is one file. Read
    from the store page by page: a long story's lists of sources, disagreements and outlets end
    with "and N more"."""
    brief = source_of(request).briefing(limit)
    if format == "md":
        return PlainTextResponse(to_markdown(brief), media_type="text/markdown; charset=utf-8")
    if format == "html":
        return HTMLResponse(to_html(brief), headers={"Content-Security-Policy": BRIEFING_POLICY})
    return JSONResponse(_briefing_record(brief))


def _briefing_record(brief: Briefing) -> dict[str, Any]:
    """The briefing object as JSON: sections of lines, each line with its citations; the sources
    each with its document (none for a long story's closing "and N more")."""
    return {
        "title": brief.title,
        "sections": [
            {
                "heading": heading,
                "lines": [{"text": line.text, "cites": [dataclasses.asdict(c) for c in line.cites]} for line in lines],
            }
            for heading, lines in brief.sections
        ],
        "sources": [
            {"article": key, "doc": doc or None, "label": label}
            for (key, label), doc in zip(brief.sources, brief.documents, strict=True)
        ],
    }
