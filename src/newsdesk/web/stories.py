"""One story's pages: ``/stories/ID`` is that story's overview, ``/stories/ID/timeline`` (and
every other tab, the reader, the claim and entity pages) today's pages over the story's own
articles only. Each route hands over to the page of the whole store, so a story page is the same
page, scoped, never a copy: the list pages (timeline, voices, claims, articles, entities, search:
``newsdesk.web.lists``) with the story as their ``story`` filter (``request.state.story_id``),
read from the store page by page; the others over the story's own view
(``request.state.story_view``), worked out among its articles alone."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Literal, TypeVar
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from newsdesk.story.one import OneStory, StoryCache, UnknownStory
from newsdesk.story.snapshot import Story as Snapshot
from newsdesk.story.snapshot import StorySource
from newsdesk.web import entity, items, lists, pages, whole
from newsdesk.web.view import Frame, StoryView

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


def _unknown(request: Request, story_id: str) -> HTMLResponse:
    view = StoryView(Snapshot.of(pages.EMPTY), title="Stories")
    what = f"No story with the id {story_id!r}: the list of stories is on the home page."
    return pages._page(request, "not_found.html", "stories", 404, view=view, what=what, nav=[])


async def _shown(request: Request, story_id: str, show: Callable[..., HTMLResponse], *args: object) -> HTMLResponse:
    """The page ``show(request, *args)`` over the story's own view, or the page saying there is
    no such story."""
    cache: StoryCache = request.app.state.stories
    try:
        story = await run_in_threadpool(cache.story, story_id)
    except UnknownStory:
        return _unknown(request, story_id)
    request.state.story_view = view_of(story)
    return await run_in_threadpool(show, request, *args)


@page("/stories/{story_id}")
async def story_overview(request: Request, story_id: str) -> HTMLResponse:
    return await _shown(request, story_id, pages.overview)


@page("/stories/{story_id}/claim/{claim_id}")
async def story_claim(request: Request, story_id: str, claim_id: str) -> HTMLResponse:
    return await _shown(request, story_id, items.claim_page, claim_id)


@page("/stories/{story_id}/doc/{doc_id}")
async def story_reader(request: Request, story_id: str, doc_id: str, hl: str | None = None) -> HTMLResponse:
    return await _shown(request, story_id, items.reader, doc_id, hl)


@page("/stories/{story_id}/entity/{entity_id}")
async def story_entity(request: Request, story_id: str, entity_id: str) -> HTMLResponse:
    return await _shown(request, story_id, entity.entity_page, entity_id)


async def _listed(request: Request, story_id: str, show: Callable[[Request], HTMLResponse]) -> HTMLResponse:
    """The list page ``show`` scoped to the story (its ``story`` filter, its header and links), from
    the store's indexed queries: the story itself is not built."""
    source: StorySource = request.app.state.source
    record = await run_in_threadpool(lambda: source.reader().story(story_id))
    if record is None:
        return _unknown(request, story_id)
    request.state.story_id = record.id
    request.state.story_base = story_url(record.id)
    request.state.story_frame = Frame(record.title or "(no headline)", len(record.documents))
    # Its articles numbered as its overview and reader number them (A1, the oldest, ...).
    request.state.story_numbers = {doc: number for number, doc in enumerate(record.documents, start=1)}
    return await run_in_threadpool(show, request)


# The list pages (newsdesk.web.lists) and the pages shown from the whole story's view.
LISTED: dict[str, Callable[[Request], HTMLResponse]] = {
    "timeline": lists.timeline,
    "voices": lists.voices,
    "claims": lists.claims,
    "articles": lists.articles,
    "entities": lists.entities,
    "search": lists.search_page,
}
Tab = Literal["timeline", "network", "voices", "claims", "coverage", "articles", "entities", "search"]


@page("/stories/{story_id}/{tab}")
async def story_tab(request: Request, story_id: str, tab: Tab) -> HTMLResponse:
    if tab in LISTED:
        return await _listed(request, story_id, LISTED[tab])
    shown = {"network": whole.network, "coverage": whole.coverage}[tab]
    return await _shown(request, story_id, shown)
