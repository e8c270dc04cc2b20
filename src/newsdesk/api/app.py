"""The FastAPI application: the REST API under ``/api`` and the web UI under ``/``."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from newsdesk import __version__
from newsdesk.api.story import StorySource
from newsdesk.web import STATIC
from newsdesk.web.pages import router as web_router


def create_app(db: str | Path, *, write: bool = False, token: str | None = None) -> FastAPI:
    """The application over the database ``db``; read-only unless ``write`` (which needs ``token``)."""
    app = FastAPI(title="newsdesk", version=__version__, summary="A news story's voices, timeline and claims.")
    app.state.source = StorySource(db)
    app.state.write = write
    app.state.token = token
    app.include_router(web_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
