"""One story's pages: ``/stories/ID`` is that story's overview, ``/stories/ID/timeline`` (and
every other tab, the reader, the claim and entity pages) today's pages over the story's own
articles only. Each route chooses the story's view (``request.state.story_view``) and hands over
to the page of the whole store, so a story page is the same page, scoped, never a copy."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Literal, TypeVar
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from newsdesk.story.one import OneStory, StoryCache, UnknownStory
from newsdesk.story.snapshot import Story as Snapshot
from newsdesk.web import pages
from newsdesk.web.view import StoryView

Handler = TypeVar("Handler", bound=Callable[..., Awaitable[HTMLResponse]])
router = APIRouter(include_in_schema=False)


def page(path: str) -> Callable[[Handler], Handler]:
    """A story's page at ``path``, answering GET and HEAD."""
    return router.api_route(path, methods=["GET", "HEAD"], response_class=HTMLResponse)


def story_url(story_id: str) -> str:
    return f"/stories/{quote(story_id, safe='')}"


def view_of(story: OneStory) -> StoryView:
    """The pages' view of a story, kept with it while the server keeps the story."""
    view: StoryView | None = story.kept.get("web_view")
    if view is None:
        view = StoryView.of(story.snapshot)
        view.title = story.record.title or view.title
        view.base = story_url(story.record.id)
        story.kept["web_view"] = view
    return view


async def _shown(request: Request, story_id: str, show: Callable[..., HTMLResponse], *args: object) -> HTMLResponse:
    """The page ``show(request, *args)`` over the story's own view, or the page saying there is
    no such story."""
    cache: StoryCache = request.app.state.stories
    try:
        story = await run_in_threadpool(cache.story, story_id)
    except UnknownStory:
        view = StoryView(Snapshot.of(pages.EMPTY), title="Stories")
        what = f"No story with the id {story_id!r}: the list of stories is on the home page."
        return pages._page(request, "not_found.html", "stories", 404, view=view, what=what, nav=[])
    request.state.story_view = view_of(story)
    return await run_in_threadpool(show, request, *args)


@page("/stories/{story_id}")
async def story_overview(request: Request, story_id: str) -> HTMLResponse:
    return await _shown(request, story_id, pages.overview)


@page("/stories/{story_id}/claims")
async def story_claims(
    request: Request,
    story_id: str,
    shared: bool = False,
    start: Annotated[int, Query(ge=0)] = 0,
    kind: Literal["fact", "view"] | None = None,
) -> HTMLResponse:
    return await _shown(request, story_id, pages.claims, shared, start, kind)


@page("/stories/{story_id}/claim/{claim_id}")
async def story_claim(request: Request, story_id: str, claim_id: str) -> HTMLResponse:
    return await _shown(request, story_id, pages.claim_page, claim_id)


@page("/stories/{story_id}/search")
async def story_search(request: Request, story_id: str, q: str = "", advanced: bool = False) -> HTMLResponse:
    return await _shown(request, story_id, pages.search_page, q, advanced)


@page("/stories/{story_id}/doc/{doc_id}")
async def story_reader(request: Request, story_id: str, doc_id: str, hl: str | None = None) -> HTMLResponse:
    return await _shown(request, story_id, pages.reader, doc_id, hl)


@page("/stories/{story_id}/entity/{entity_id}")
async def story_entity(request: Request, story_id: str, entity_id: str) -> HTMLResponse:
    return await _shown(request, story_id, pages.entity_page, entity_id)


Tab = Literal["timeline", "network", "voices", "coverage", "articles"]


@page("/stories/{story_id}/{tab}")
async def story_tab(request: Request, story_id: str, tab: Tab) -> HTMLResponse:
    shown = {
        "timeline": pages.timeline,
        "network": pages.network,
        "voices": pages.voices_page,
        "coverage": pages.coverage,
        "articles": pages.articles,
    }[tab]
    return await _shown(request, story_id, shown)
