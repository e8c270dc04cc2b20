"""The stories of a mixed pile: the list, and each story's briefing, documents, timeline, claims,
voices, entities and coverage, built from that story's own articles only
(``newsdesk.story.one``). A story id merged into another answers for the story it is now part
of; an id that was never a story is a 404."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from newsdesk.api.common import DEFAULT_LIMIT, ERRORS, Limit, Message, Offset, Page, Record, page, source_of
from newsdesk.api.routes.corrections import CORRECTION_ERRORS, MAX_ITEMS, Judgement
from newsdesk.api.routes.corrections import _body as correction_body
from newsdesk.api.routes.documents import summary
from newsdesk.api.routes.search import BRIEFING_LIMIT, BRIEFING_POLICY, _briefing_record
from newsdesk.api.writer import Writer
from newsdesk.model import Story, StoryCorrection
from newsdesk.report.brief import to_html, to_markdown
from newsdesk.report.stories import story_records
from newsdesk.store.base import Store
from newsdesk.story.corrections import CorrectionError, UnknownTarget
from newsdesk.story.one import OneStory, StoryCache, UnknownStory
from newsdesk.story.regroup import merge_stories, move_articles, split_off

router = APIRouter(tags=["stories"])


def cache_of(request: Request) -> StoryCache:
    cache: StoryCache = request.app.state.stories
    return cache


def story_record(story: Story) -> Record:
    """A story as the list shows it: the export's record with its number of articles."""
    (record,) = story_records([story])
    return {**record, "articles": len(story.documents)}


async def one_story(request: Request, story_id: str) -> OneStory:
    """The story ``story_id`` stands for (built in a worker thread: the first time costs the
    story stages over its articles); 404 when there is none."""
    try:
        return await run_in_threadpool(cache_of(request).story, story_id)
    except UnknownStory:
        raise HTTPException(status_code=404, detail=f"no story with id {story_id!r}") from None


@router.get("/stories", response_model=Page)
def list_stories(request: Request, offset: Offset = 0, limit: Limit = DEFAULT_LIMIT) -> JSONResponse:
    """The stories, newest first (by their latest article): id, title (the story's most central
    headline), first and last date, articles (ids and count), outlets and ``merged_from``."""
    stories = cache_of(request).stories()
    return JSONResponse(
        {
            "items": [story_record(s) for s in stories[offset : offset + limit]],
            "total": len(stories),
            "offset": offset,
            "limit": limit,
        }
    )


# Corrections of the stories: the same safety as the claim corrections (a server started with
# --write, its bearer token, a bounded body), stored with who, when and why and replayed.


class StoriesMerge(Judgement):
    stories: list[str] = Field(min_length=2, max_length=MAX_ITEMS, description="The stories that are one.")


class ArticlesChosen(Judgement):
    documents: list[str] = Field(min_length=1, max_length=MAX_ITEMS, description="The articles (document ids).")


class StoryCorrectionRecord(BaseModel):
    """A correction of the stories, and the stories its articles (or stories) are in now."""

    id: str
    action: str
    stories: list[str]
    documents: list[str]
    who: str
    when: str
    why: str
    now: list[str]


STORY_CORRECTION_ERRORS: dict[int | str, dict[str, Any]] = {
    **CORRECTION_ERRORS,
    404: {"model": Message, "description": "No story or article with this id."},
}


async def _correct_stories(request: Request, build: Callable[[Store, str], StoryCorrection]) -> JSONResponse:
    writer: Writer = request.app.state.writer
    try:
        correction = await run_in_threadpool(writer.correct_stories, build)
    except UnknownTarget as error:
        raise HTTPException(status_code=404, detail=str(error)) from None
    except CorrectionError as error:
        raise HTTPException(status_code=422, detail=str(error)) from None
    return JSONResponse(await run_in_threadpool(_record, request, correction), status_code=201)


def _record(request: Request, correction: StoryCorrection) -> Record:
    store = source_of(request).reader()
    with store.reading():
        if correction.documents:
            now = {story for story, _ in store.document_stories(list(correction.documents)).values() if story}
        else:
            now = {found for story in correction.stories if (found := store.story_of(story)) is not None}
    return {**dataclasses.asdict(correction), "action": correction.action.value, "now": sorted(now)}


@router.post("/stories/merge", status_code=201, response_model=StoryCorrectionRecord, responses=STORY_CORRECTION_ERRORS)
async def post_stories_merge(request: Request) -> JSONResponse:
    """These stories are one: ``{"stories": [id, id, ...], "who": ..., "why": ...}``; the oldest
    keeps its id and lists the others, whose ids lead to it."""
    body = await correction_body(request, StoriesMerge)
    return await _correct_stories(
        request, lambda store, when: merge_stories(store, body.stories, body.who, body.why, when)
    )


@router.post(
    "/stories/{story_id}/move", status_code=201, response_model=StoryCorrectionRecord, responses=STORY_CORRECTION_ERRORS
)
async def post_story_move(request: Request, story_id: str) -> JSONResponse:
    """These articles belong to this story: ``{"documents": [id, ...], "who": ..., "why": ...}``."""
    body = await correction_body(request, ArticlesChosen)
    return await _correct_stories(
        request, lambda store, when: move_articles(store, body.documents, story_id, body.who, body.why, when)
    )


@router.post(
    "/stories/{story_id}/split",
    status_code=201,
    response_model=StoryCorrectionRecord,
    responses=STORY_CORRECTION_ERRORS,
)
async def post_story_split(request: Request, story_id: str) -> JSONResponse:
    """These articles of this story are a story of their own:
    ``{"documents": [id, ...], "who": ..., "why": ...}``."""
    body = await correction_body(request, ArticlesChosen)
    return await _correct_stories(
        request, lambda store, when: split_off(store, story_id, body.documents, body.who, body.why, when)
    )


@router.get("/stories/corrections", response_model=Page)
def list_story_corrections(request: Request, offset: Offset = 0, limit: Limit = DEFAULT_LIMIT) -> JSONResponse:
    """The analysts' corrections of the stories, in the order made."""
    store = source_of(request).reader()
    with store.reading():
        found = store.story_corrections()
    records = [{**dataclasses.asdict(c), "action": c.action.value} for c in found]
    return page(records, offset, limit)


@router.get("/stories/{story_id}", responses=ERRORS)
async def get_story(request: Request, story_id: str) -> JSONResponse:
    """One story's record, with the counts of what its own articles hold."""
    found = await one_story(request, story_id)
    sections = found.snapshot.sections
    counts = {
        "documents": len(sections.documents),
        "entities": len(sections.entities),
        "quotes": len(sections.quotes),
        "claims": len(sections.claims),
        "timeline": len(sections.timeline),
        "relations": len(sections.relations),
    }
    return JSONResponse({**story_record(found.record), "counts": counts})


@router.get(
    "/stories/{story_id}/briefing",
    responses={**ERRORS, 200: {"content": {"text/markdown": {}, "text/html": {}}, "description": "The briefing."}},
)
async def story_briefing(
    request: Request,
    story_id: str,
    format: Annotated[Literal["json", "md", "html"], Query(description="json, md (Markdown) or html.")] = "json",
    limit: Annotated[int, Query(ge=1, le=200, description="Items per section.")] = BRIEFING_LIMIT,
) -> Response:
    """The story's one-page briefing, from its own articles only, as ``/api/briefing`` gives it."""
    found = await one_story(request, story_id)
    brief = found.briefing if limit == BRIEFING_LIMIT else await run_in_threadpool(found.briefing_of, limit)
    if format == "md":
        return PlainTextResponse(to_markdown(brief), media_type="text/markdown; charset=utf-8")
    if format == "html":
        return HTMLResponse(to_html(brief), headers={"Content-Security-Policy": BRIEFING_POLICY})
    return JSONResponse(_briefing_record(brief))


Section = Literal["documents", "timeline", "claims", "voices", "entities", "quotes", "relations", "coverage"]


@router.get("/stories/{story_id}/{section}", response_model=Page, responses=ERRORS)
async def story_section(
    request: Request,
    story_id: str,
    section: Section,
    offset: Offset = 0,
    limit: Limit = DEFAULT_LIMIT,
) -> JSONResponse:
    """One section of the story, in the export's order, built from its own articles only:
    ``documents`` (without their text), ``timeline``, ``claims``, ``voices`` (each speaker with
    their quotes), ``entities``, ``quotes``, ``relations``, ``coverage`` (per independent
    source: what its articles carry and leave out)."""
    found = await one_story(request, story_id)
    sections = found.snapshot.sections
    if section == "documents":
        return page(sections.documents, offset, limit, summary)
    if section == "coverage":
        return page(found.snapshot.coverage_by_source, offset, limit)
    if section == "voices":
        return page(voices(sections.quotes), offset, limit)
    records: list[Record] = getattr(sections, section)
    return page(records, offset, limit)


def voices(quotes: list[Record]) -> list[Record]:
    """The story's speakers, most quoted first, each with their quotes (scare quotes, nobody's
    words, are left out; quotes nobody is named for are not a voice)."""
    grouped: dict[str, dict[str, Any]] = {}
    for quote in quotes:
        speaker = quote["speaker"]
        if quote["kind"] == "scare" or not speaker["name"]:
            continue
        key = speaker["entity"] or f"name:{speaker['name']}"
        voice = grouped.setdefault(key, {"name": speaker["name"], "entity": speaker["entity"], "quotes": []})
        voice["quotes"].append(quote)
    ranked = sorted(grouped.values(), key=lambda v: (-len(v["quotes"]), v["name"]))
    return [{**v, "documents": sorted({q["doc"] for q in v["quotes"]})} for v in ranked]
