"""Files to download, as the command line writes them: the briefing (Markdown, HTML), the export
(JSON, JSON Lines), the CSV tables (all in a zip, or one) and the actor network (GraphML); of
the whole store, or with ``?story=ID`` of one story of a mixed pile (``newsdesk ... --story ID``).

The export and the tables are written from the store as ``newsdesk export`` streams them (memory
does not grow with the story) into a temporary file, which is then sent and removed: a failure
while writing is an error answer, never a cut-off file. Every answer names its file in a
``Content-Disposition`` header built from the database's file name alone, reduced to safe
characters, so that no article text reaches a header.
"""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import IO, Annotated, Any, TextIO
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, Response
from starlette.background import BackgroundTask

from newsdesk.api.built import BuiltFiles
from newsdesk.api.common import ERRORS, source_of, story_of
from newsdesk.api.routes.search import BRIEFING_LIMIT, BRIEFING_POLICY
from newsdesk.api.routes.stories import cache_of
from newsdesk.report.brief import Briefing, to_html, to_markdown
from newsdesk.report.network import to_graphml
from newsdesk.report.render import to_json
from newsdesk.report.tables import TABLE_NAMES
from newsdesk.store.base import Store
from newsdesk.store.postgres_url import is_postgres_url
from newsdesk.story.export import ORDER, write_export
from newsdesk.story.one import OneStory, UnknownStory
from newsdesk.story.sections import Sections
from newsdesk.story.tables import write_tables, write_zip

router = APIRouter(prefix="/downloads", tags=["downloads"])

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def file_name(db: str | Path, what: str) -> str:
    """``DBNAME-what``: the database's file name without its suffix (a PostgreSQL database's
    name), in letters, digits, dots, dashes and underscores only (accents dropped, anything else
    becomes one dash), at most 60 characters of it."""
    named = urlsplit(db).path.rsplit("/", 1)[-1] if is_postgres_url(db) else Path(db).stem
    letters = unicodedata.normalize("NFKD", named).encode("ascii", "ignore").decode("ascii")  # "é" -> "e"
    stem = _UNSAFE.sub("-", letters).strip(".-_")[:60].strip(".-_") or "newsdesk"
    return f"{stem}-{what}"


def attachment(name: str) -> str:
    """A ``Content-Disposition`` value for a file ``name`` made by :func:`file_name` (checked
    again here: a name with anything but safe characters is refused)."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name):
        raise ValueError(f"unsafe file name {name!r}")
    return f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(name, safe='')}"


class _Chosen:
    """What a download is made of: the whole store, or one story of a mixed pile (``?story=ID``),
    whose export object is built whole (a story holds its own articles only)."""

    def __init__(self, request: Request, story_id: str | None) -> None:
        self.request = request
        self.one: OneStory | None = None
        if story_id is not None:
            try:
                self.one = cache_of(request).story(story_id)
            except UnknownStory:
                raise HTTPException(status_code=404, detail=f"no story with id {story_id!r}") from None

    def name(self, what: str) -> dict[str, str]:
        """The ``Content-Disposition`` header of the file ``what`` (a story's carries its id)."""
        if self.one is not None:
            what = f"story-{_UNSAFE.sub('-', self.one.record.id)}-{what}"
        return {"Content-Disposition": attachment(file_name(source_of(self.request).db, what))}

    @property
    def briefing(self) -> Briefing:
        return self.one.briefing if self.one is not None else source_of(self.request).briefing(BRIEFING_LIMIT)

    @property
    def sections(self) -> Sections:
        return (self.one.snapshot if self.one is not None else story_of(self.request)).sections


StoryId = Annotated[
    str | None,
    Query(description="One story of a mixed pile (ids from /api/stories): the files of its own articles."),
]


def _from_file(chosen: _Chosen, what: str, media_type: str, write: Callable[[IO[bytes]], object]) -> FileResponse:
    """The file that ``write`` writes: the whole store's written once per revision of the store
    (``BuiltFiles``) and sent again while it is unchanged; a story's sent from a temporary file
    removed once it is sent."""
    if chosen.one is None:
        app = chosen.request.app
        built: BuiltFiles | None = getattr(app.state, "built_files", None)
        if built is None:
            built = app.state.built_files = BuiltFiles()
        path = built.path(source_of(chosen.request).fingerprint(), what, write)
        return FileResponse(path, media_type=media_type, headers=chosen.name(what))
    handle, temporary = tempfile.mkstemp(prefix="newsdesk-download-")
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
    except BaseException:
        os.unlink(temporary)
        raise
    return FileResponse(
        temporary, media_type=media_type, headers=chosen.name(what), background=BackgroundTask(os.unlink, temporary)
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


@router.get("/briefing.md", response_class=Response, responses={200: {"content": {"text/markdown": {}}}, **ERRORS})
def briefing_markdown(request: Request, story: StoryId = None) -> Response:
    """The one-page briefing as Markdown (``newsdesk brief``), every line citing its article."""
    chosen = _Chosen(request, story)
    return Response(to_markdown(chosen.briefing), media_type=_MARKDOWN, headers=chosen.name("briefing.md"))


@router.get("/briefing.html", response_class=Response, responses={200: {"content": {"text/html": {}}}, **ERRORS})
def briefing_html(request: Request, story: StoryId = None) -> Response:
    """The one-page briefing as one self-contained HTML file (``newsdesk brief --format html``)."""
    chosen = _Chosen(request, story)
    headers = {**chosen.name("briefing.html"), "Content-Security-Policy": BRIEFING_POLICY}
    return Response(to_html(chosen.briefing), media_type="text/html; charset=utf-8", headers=headers)


@router.get(
    "/export.json", response_class=FileResponse, responses={200: {"content": {"application/json": {}}}, **ERRORS}
)
def export_json(request: Request, story: StoryId = None) -> FileResponse:
    """The whole export object of ``shared/contract/EXPORT.md`` (``newsdesk export``)."""
    chosen = _Chosen(request, story)
    if chosen.one is not None:
        export = chosen.one.snapshot.export
        write = _in_utf8(lambda out: out.write(to_json(export)))
    else:
        write = _in_utf8(lambda out: write_export(_reader(request), out, "json"))
    return _from_file(chosen, "export.json", "application/json", write)


@router.get(
    "/export.jsonl", response_class=FileResponse, responses={200: {"content": {"application/jsonl": {}}}, **ERRORS}
)
def export_jsonl(request: Request, story: StoryId = None) -> FileResponse:
    """The export as JSON Lines, one record a line (``newsdesk export --format jsonl``)."""
    chosen = _Chosen(request, story)
    if chosen.one is not None:
        export = chosen.one.snapshot.export
        write = _in_utf8(lambda out: _json_lines(export, out))
    else:
        write = _in_utf8(lambda out: write_export(_reader(request), out, "jsonl"))
    return _from_file(chosen, "export.jsonl", "application/jsonl", write)


def _json_lines(export: dict[str, Any], out: TextIO) -> None:
    """An export object built whole, as ``write_export`` writes JSON Lines."""
    out.write(json.dumps({"newsdesk": export["newsdesk"]}, ensure_ascii=False) + "\n")
    for section in ORDER:
        for record in export.get(section) or ():
            out.write(json.dumps({"section": section, "record": record}, ensure_ascii=False) + "\n")


@router.get("/tables.zip", response_class=FileResponse, responses={200: {"content": {"application/zip": {}}}, **ERRORS})
def tables_zip(request: Request, story: StoryId = None) -> FileResponse:
    """Every CSV table, one per section, in one zip file (``newsdesk export --format csv --out NAME.zip``)."""
    chosen = _Chosen(request, story)
    export = chosen.one.snapshot.export if chosen.one is not None else None
    store = _reader(request) if export is None else None
    return _from_file(chosen, "tables.zip", "application/zip", lambda stream: write_zip(stream, store, export=export))


@router.get(
    "/tables/{name}.csv",
    response_class=FileResponse,
    responses={200: {"content": {"text/csv": {}}}, 404: {"description": "No table of this name, or no such story."}},
)
def table_csv(
    request: Request,
    name: Annotated[str, PathParam(description="A table: " + ", ".join(TABLE_NAMES) + ".")],
    story: StoryId = None,
) -> FileResponse:
    """One CSV table (``newsdesk export --format csv --section NAME``); rows that point into an
    article carry ``doc``, ``start``, ``end`` and ``text``, its characters."""
    if name not in TABLE_NAMES:
        raise HTTPException(status_code=404, detail="no table of this name: " + ", ".join(TABLE_NAMES))
    chosen = _Chosen(request, story)
    export = chosen.one.snapshot.export if chosen.one is not None else None
    store = _reader(request) if export is None else None
    write = _in_utf8(lambda out: write_tables(store, lambda _: out, (name,), export))
    return _from_file(chosen, f"{name}.csv", _CSV, write)


@router.get(
    "/network.graphml",
    response_class=Response,
    responses={200: {"content": {"application/graphml+xml": {}}}, **ERRORS},
)
def network_graphml(request: Request, story: StoryId = None) -> Response:
    """The actor network as GraphML, for Gephi or yEd (``newsdesk export --format graphml``)."""
    chosen = _Chosen(request, story)
    sections = chosen.sections
    graph = to_graphml({"entities": sections.entities, "relations": sections.relations})
    return Response(graph, media_type="application/graphml+xml", headers=chosen.name("network.graphml"))


def _reader(request: Request) -> Store:
    """The calling thread's read-only store (the export opens its own consistent read)."""
    return source_of(request).reader()
