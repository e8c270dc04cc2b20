"""Files to download, as the command line writes them: the briefing (Markdown, HTML), the export
(JSON, JSON Lines), the CSV tables (all in a zip, or one) and the actor network (GraphML).

The export and the tables are written from the store as ``newsdesk export`` streams them (memory
does not grow with the story) into a temporary file, which is then sent and removed: a failure
while writing is an error answer, never a cut-off file. Every answer names its file in a
``Content-Disposition`` header built from the database's file name alone, reduced to safe
characters, so that no article text reaches a header.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import IO, Annotated, TextIO
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, Response
from starlette.background import BackgroundTask

from newsdesk.api.common import CurrentStory, source_of
from newsdesk.api.routes.search import BRIEFING_POLICY
from newsdesk.report.brief import to_html, to_markdown
from newsdesk.report.network import to_graphml
from newsdesk.report.tables import TABLE_NAMES
from newsdesk.store.base import Store
from newsdesk.story.export import write_export
from newsdesk.story.tables import write_tables, write_zip

router = APIRouter(prefix="/downloads", tags=["downloads"])

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def file_name(db: Path, what: str) -> str:
    """``DBNAME-what``: the database's file name without its suffix, in letters, digits, dots,
    dashes and underscores only (accents dropped, anything else becomes one dash), at most 60
    characters of it."""
    letters = unicodedata.normalize("NFKD", db.stem).encode("ascii", "ignore").decode("ascii")  # "é" -> "e"
    stem = _UNSAFE.sub("-", letters).strip(".-_")[:60].strip(".-_") or "newsdesk"
    return f"{stem}-{what}"


def attachment(name: str) -> str:
    """A ``Content-Disposition`` value for a file ``name`` made by :func:`file_name` (checked
    again here: a name with anything but safe characters is refused)."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name):
        raise ValueError(f"unsafe file name {name!r}")
    return f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(name, safe='')}"


def _named(request: Request, what: str) -> dict[str, str]:
    return {"Content-Disposition": attachment(file_name(source_of(request).db, what))}


def _from_file(request: Request, what: str, media_type: str, write: Callable[[IO[bytes]], object]) -> FileResponse:
    """The file that ``write`` writes, sent from a temporary file removed once it is sent."""
    handle, path = tempfile.mkstemp(prefix="newsdesk-download-")
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
    except BaseException:
        os.unlink(path)
        raise
    return FileResponse(
        path, media_type=media_type, headers=_named(request, what), background=BackgroundTask(os.unlink, path)
    )


def _in_utf8(write: Callable[[TextIO], object]) -> Callable[[IO[bytes]], None]:
    """``write``, which writes text, as a writer of its UTF-8 bytes."""

    def write_bytes(stream: IO[bytes]) -> None:
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
        write(text)
        text.flush()
        text.detach()  # the stream stays open for its owner

    return write_bytes


_MARKDOWN = "text/markdown; charset=utf-8"
_CSV = "text/csv; charset=utf-8"


@router.get("/briefing.md", response_class=Response, responses={200: {"content": {"text/markdown": {}}}})
def briefing_markdown(request: Request, story: CurrentStory) -> Response:
    """The one-page briefing as Markdown (``newsdesk brief``), every line citing its article."""
    return Response(to_markdown(story.briefing), media_type=_MARKDOWN, headers=_named(request, "briefing.md"))


@router.get("/briefing.html", response_class=Response, responses={200: {"content": {"text/html": {}}}})
def briefing_html(request: Request, story: CurrentStory) -> Response:
    """The one-page briefing as one self-contained HTML file (``newsdesk brief --format html``)."""
    headers = {**_named(request, "briefing.html"), "Content-Security-Policy": BRIEFING_POLICY}
    return Response(to_html(story.briefing), media_type="text/html; charset=utf-8", headers=headers)


@router.get("/export.json", response_class=FileResponse, responses={200: {"content": {"application/json": {}}}})
def export_json(request: Request) -> FileResponse:
    """The whole export object of ``shared/contract/EXPORT.md`` (``newsdesk export``)."""
    write = _in_utf8(lambda out: write_export(_reader(request), out, "json"))
    return _from_file(request, "export.json", "application/json", write)


@router.get("/export.jsonl", response_class=FileResponse, responses={200: {"content": {"application/jsonl": {}}}})
def export_jsonl(request: Request) -> FileResponse:
    """The export as JSON Lines, one record a line (``newsdesk export --format jsonl``)."""
    write = _in_utf8(lambda out: write_export(_reader(request), out, "jsonl"))
    return _from_file(request, "export.jsonl", "application/jsonl", write)


@router.get("/tables.zip", response_class=FileResponse, responses={200: {"content": {"application/zip": {}}}})
def tables_zip(request: Request) -> FileResponse:
    """Every CSV table, one per section, in one zip file (``newsdesk export --format csv --out NAME.zip``)."""
    return _from_file(request, "tables.zip", "application/zip", lambda stream: write_zip(stream, _reader(request)))


@router.get(
    "/tables/{name}.csv",
    response_class=FileResponse,
    responses={200: {"content": {"text/csv": {}}}, 404: {"description": "No table of this name."}},
)
def table_csv(
    request: Request,
    name: Annotated[str, PathParam(description="A table: " + ", ".join(TABLE_NAMES) + ".")],
) -> FileResponse:
    """One CSV table (``newsdesk export --format csv --section NAME``); rows that point into an
    article carry ``doc``, ``start``, ``end`` and ``text``, its characters."""
    if name not in TABLE_NAMES:
        raise HTTPException(status_code=404, detail="no table of this name: " + ", ".join(TABLE_NAMES))
    write = _in_utf8(lambda out: write_tables(_reader(request), lambda _: out, (name,)))
    return _from_file(request, f"{name}.csv", _CSV, write)


@router.get("/network.graphml", response_class=Response, responses={200: {"content": {"application/graphml+xml": {}}}})
def network_graphml(request: Request, story: CurrentStory) -> Response:
    """The actor network as GraphML, for Gephi or yEd (``newsdesk export --format graphml``)."""
    sections = story.sections
    graph = to_graphml({"entities": sections.entities, "relations": sections.relations})
    return Response(graph, media_type="application/graphml+xml", headers=_named(request, "network.graphml"))


def _reader(request: Request) -> Store:
    """The calling thread's read-only store (the export opens its own consistent read)."""
    return source_of(request).reader()
