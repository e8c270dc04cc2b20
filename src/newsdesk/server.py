"""The FastAPI application: the REST API under ``/api`` and the web UI under ``/``."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from newsdesk import __version__
from newsdesk.api.routes import router as api_router
from newsdesk.api.writer import MAX_BODY, Writer
from newsdesk.settings import Settings
from newsdesk.store import StoreError
from newsdesk.story.one import StoryCache
from newsdesk.story.snapshot import StorySource
from newsdesk.web import STATIC
from newsdesk.web.apidocs import router as apidocs_router
from newsdesk.web.lists import router as web_router  # the pages, the list pages among them
from newsdesk.web.security import check_hosts
from newsdesk.web.security import install as install_security_headers
from newsdesk.web.stories import router as story_pages


def create_app(
    db: str | Path,
    *,
    write: bool = False,
    token: str | None = None,
    settings: Settings | None = None,
    max_body: int = MAX_BODY,
    allowed_hosts: Iterable[str] = (),
    read_only: bool = False,
) -> FastAPI:
    """The application over the database ``db``; read-only unless ``write``, which needs ``token``
    (write requests carry it as a bearer token). ``settings`` are the ingest settings of writes;
    ``max_body`` bounds a write request's body in bytes. Requests must name a loopback host or one
    of ``allowed_hosts`` in their Host header (400 otherwise). ``read_only`` opens the database
    read-only and never migrates it. A database that cannot be used raises
    :class:`~newsdesk.store.StoreError`."""
    if write and not token:
        raise ValueError("a server that takes writes needs a token")
    app = FastAPI(
        title="newsdesk",
        version=__version__,
        summary="A news story's voices, timeline and claims.",
        docs_url=None,  # served from the npm build's files instead of a CDN (newsdesk.web.apidocs)
        redoc_url=None,
    )
    if write and read_only:
        raise ValueError("a server that takes writes cannot open its database read-only")
    app.state.source = StorySource(db, read_only=read_only)
    app.state.stories = StoryCache(app.state.source)  # one story at a time (/api/stories, /stories)
    app.state.write = write
    app.state.token = token if write else None
    app.state.max_body = max_body
    app.state.writer = Writer(app.state.source, settings or Settings())
    app.include_router(api_router, prefix="/api")
    app.include_router(story_pages)
    app.include_router(web_router)
    app.include_router(apidocs_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    install_security_headers(app)
    check_hosts(app, allowed_hosts)
    app.add_exception_handler(StoreError, _store_unusable)
    return app


async def _store_unusable(request: Request, error: Exception) -> JSONResponse:
    """A database that became unusable while serving (damaged rows, a full disk): 503 with the
    reason, as the command line says it, instead of a traceback."""
    return JSONResponse({"detail": str(error)}, status_code=503)
