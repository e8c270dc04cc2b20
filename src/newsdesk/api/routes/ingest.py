"""Adding articles: upload files or paste a text (only on a server started with ``--write``,
with its bearer token). The answer is the ingest report: stored, already present, failed."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from newsdesk.api.common import Message
from newsdesk.api.writer import Writer, check_token, read_body, uploaded_files
from newsdesk.ingest import IngestReport
from newsdesk.ingest.memory import read_bytes, read_text, safe_label
from newsdesk.model import Failure, RawArticle
from newsdesk.nlp.models import NlpUnavailable
from newsdesk.store import StoreError

router = APIRouter(tags=["ingest"])


class Pasted(BaseModel):
    """An article pasted as text, with whatever metadata is known."""

    text: str = Field(description="The article as text (plain or Markdown).")
    label: str | None = Field(None, max_length=500, description="A name to show for it (default 'pasted').")
    title: str | None = Field(None, max_length=2000)
    outlet: str | None = Field(None, max_length=500)
    published: str | None = Field(None, max_length=100, description="ISO 8601 date or date-time.")
    url: str | None = Field(None, max_length=2000, description="Where it was published; also its source.")


class Report(BaseModel):
    """What became of each article: document ids stored or already present, and failures."""

    stored: list[str]
    present: list[str]
    failed: list[dict[str, str | int]] = Field(
        description="Each input that was not stored: its source, the reason, and a status (413: over a "
        "size or length limit; 422: not readable as an article)."
    )


WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": Message, "description": "No valid bearer token."},
    403: {"model": Message, "description": "The server is read-only."},
    413: {"model": Message, "description": "The request body is over the limit."},
    422: {"description": "Nothing could be read: each failure says which input and why."},
}


@router.post("/documents", status_code=201, response_model=Report, responses=WRITE_ERRORS)
async def paste_document(request: Request) -> JSONResponse:
    """Add one article given as JSON: ``{"text": "...", "title": ..., "outlet": ..., ...}``."""
    check_token(request)
    body = await read_body(request, request.app.state.max_body)
    try:
        pasted = Pasted.model_validate_json(body)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg']}" for e in error.errors())
        raise HTTPException(
            status_code=422, detail=f"expected a JSON object with a 'text' string ({problems})"
        ) from None
    item = read_text(
        safe_label(pasted.label, "pasted"),
        pasted.text,
        title=pasted.title,
        outlet=pasted.outlet,
        published=pasted.published,
        url=pasted.url,
    )
    return await _ingest(request, [item])


@router.post("/documents/upload", status_code=201, response_model=Report, responses=WRITE_ERRORS)
async def upload_documents(request: Request) -> JSONResponse:
    """Add the articles in uploaded files (multipart/form-data, field ``files``, one or more):
    .txt, .md, .html, .htm or .jsonl, read as ``newsdesk ingest`` reads files. A file's name only
    labels it and picks its format."""
    check_token(request)
    body = await read_body(request, request.app.state.max_body)
    files = await uploaded_files(request, body)
    writer: Writer = request.app.state.writer
    items: list[RawArticle | Failure] = []
    for name, data in files:
        items += read_bytes(safe_label(name), data, writer.settings)
    return await _ingest(request, items)


async def _ingest(request: Request, items: list[RawArticle | Failure]) -> JSONResponse:
    writer: Writer = request.app.state.writer
    try:
        report = await run_in_threadpool(writer.ingest, items)
    except (NlpUnavailable, StoreError) as error:  # the server's state, not the request's content
        raise HTTPException(status_code=503, detail=str(error)) from None
    return JSONResponse(_report(report), status_code=_status(report))


def _report(report: IngestReport) -> dict[str, Any]:
    record: dict[str, Any] = {
        "stored": report.stored,
        "present": report.present,
        "failed": [{"source": f.source, "reason": f.reason, "status": _failure_status(f)} for f in report.failed],
    }
    if report.failed and not (report.stored or report.present):
        record["detail"] = "; ".join(str(f) for f in report.failed)
    return record


def _failure_status(failure: Failure) -> int:
    """413 for an input over a size or length limit, 422 for any other that cannot be read."""
    return 413 if "too large" in failure.reason or "too long" in failure.reason else 422


def _status(report: IngestReport) -> int:
    if report.stored:
        return 201
    if report.present:
        return 200
    return 422
