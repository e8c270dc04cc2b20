"""The REST API's endpoints, all under ``/api``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from newsdesk.api.common import CurrentStory
from newsdesk.api.routes import claims, corrections, documents, ingest, search, time, voices

router = APIRouter()
for module in (documents, voices, time, claims, search, ingest, corrections):
    router.include_router(module.router)


@router.get("", tags=["story"])
def overview(request: Request, story: CurrentStory) -> JSONResponse:
    """What the database holds (counts per section) and whether this server takes new articles."""
    sections: dict[str, Any] = {
        name: len(getattr(story.sections, name))
        for name in ("documents", "entities", "quotes", "times", "events", "claims", "relations", "timeline")
    }
    return JSONResponse({"newsdesk": story.sections.meta, "counts": sections, "write": bool(request.app.state.write)})
