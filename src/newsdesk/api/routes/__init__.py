"""The REST API's endpoints, all under ``/api``."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from newsdesk import EXPORT_SCHEMA, __version__
from newsdesk.api.common import reading, relations_total, source_of
from newsdesk.api.routes import claims, corrections, documents, downloads, ingest, search, stories, time, voices

router = APIRouter()
for module in (documents, voices, time, claims, search, ingest, corrections, downloads, stories):
    router.include_router(module.router)


@router.get("", tags=["story"])
def overview(request: Request) -> JSONResponse:
    """What the database holds (counts per section) and whether this server takes new articles.
    The counts pass over every table: they are worked out once while the database is unchanged."""
    with reading(request) as reader:
        counts = source_of(request).remembered("counts", lambda: reader.counts(relations_total(request, reader)))
    meta = {"version": __version__, "schema": EXPORT_SCHEMA}
    return JSONResponse({"newsdesk": meta, "counts": counts, "write": bool(request.app.state.write)})
