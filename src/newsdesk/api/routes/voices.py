"""Who is who and who said what: entities with their mentions, and quotes."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from newsdesk.api.common import (
    DEFAULT_LIMIT,
    ERRORS,
    CurrentStory,
    Limit,
    Offset,
    Page,
    Record,
    contains,
    found,
    page,
)

router = APIRouter()

QuoteKind = Literal["direct", "partial", "indirect", "scare"]


def _without_mentions(entity: Record) -> Record:
    return {**entity, "mentions": []}


@router.get("/entities", response_model=Page, tags=["entities"])
def list_entities(
    story: CurrentStory,
    offset: Offset = 0,
    limit: Limit = DEFAULT_LIMIT,
    type: Annotated[str | None, Query(description="PERSON, ORG, GPE, NORP, PRODUCT, ... (any case).")] = None,
    name: Annotated[str | None, Query(description="Name or an alias containing this (case-insensitive).")] = None,
    doc: Annotated[str | None, Query(description="Only entities mentioned in this document.")] = None,
    mentions: Annotated[bool, Query(description="Include each entity's mentions (false: an empty list).")] = True,
) -> JSONResponse:
    """Entities in the export's order (most mentioned first), each with its mentions."""
    items = story.sections.entities
    if type or name or doc:
        wanted = type.upper() if type else None
        named = {entity["id"] for entity, _ in story.mentions_by_doc.get(doc, [])} if doc is not None else set()
        items = [
            e
            for e in items
            if (wanted is None or e["type"] == wanted)
            and contains(name, e["name"], *e["aliases"])
            and (doc is None or e["id"] in named)
        ]
    return page(items, offset, limit, None if mentions else _without_mentions)


@router.get("/entities/{entity_id}", responses=ERRORS, tags=["entities"])
def get_entity(story: CurrentStory, entity_id: str) -> JSONResponse:
    """One entity's export record, with every mention."""
    return JSONResponse(found(story.entities, "entity", entity_id))


@router.get("/quotes", response_model=Page, tags=["quotes"])
def list_quotes(
    story: CurrentStory,
    offset: Offset = 0,
    limit: Limit = DEFAULT_LIMIT,
    speaker: Annotated[
        str | None, Query(description="The speaker's entity id, or text their name contains (case-insensitive).")
    ] = None,
    doc: Annotated[str | None, Query(description="Only quotes in this document.")] = None,
    kind: Annotated[list[QuoteKind] | None, Query(description="Only these kinds (repeat the parameter).")] = None,
) -> JSONResponse:
    """Quotes in the export's order (by document, then position), with speaker, cue and channel."""
    items = story.quotes_by_doc.get(doc, []) if doc is not None else story.sections.quotes
    if speaker and speaker not in story.entities:
        # Each distinct name is matched once; the quotes keep the export's order.
        wanted = speaker.casefold()
        positions = sorted(n for name, found in story.quotes_by_speaker.items() if wanted in name for n in found)
        items = [q for q in (story.sections.quotes[n] for n in positions) if doc is None or q["doc"] == doc]
    elif speaker:
        items = [q for q in items if q["speaker"]["entity"] == speaker]
    if kind:
        kinds = set(kind)
        items = [q for q in items if q["kind"] in kinds]
    return page(items, offset, limit)


@router.get("/quotes/{quote_id}", responses=ERRORS, tags=["quotes"])
def get_quote(story: CurrentStory, quote_id: str) -> JSONResponse:
    return JSONResponse(found(story.quotes, "quote", quote_id))
