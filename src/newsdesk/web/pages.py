"""The web UI's pages."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from newsdesk.api.story import StorySource
from newsdesk.web import TEMPLATES

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=TEMPLATES)


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    source: StorySource = request.app.state.source
    story = source.current()
    return templates.TemplateResponse(request, "overview.html", {"story": story})
