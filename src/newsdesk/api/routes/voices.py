"""Who is who and who said what: entities with their mentions, and quotes."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse

from newsdesk.api.common import (
    DEFAULT_LIMIT,
    ERRORS,
    After,
    Limit,
    Offset,
    Page,
    annotation_list,
    found,
    paged,
    reading,
)
from newsdesk.report.export import mention_record
from newsdesk.store.base import AnnotationQuery, EntityQuery, MentionKey, mention_after, mention_key
from newsdesk.story.reader import FIRST_MENTIONS, LISTED_MENTIONS

MAX_MENTIONS = 1000

router = APIRouter()

QuoteKind = Literal["direct", "partial", "indirect", "scare"]
MentionLimit = Annotated[
    int,
    Query(
        ge=1,
        le=MAX_MENTIONS,
        description=f"Mentions shown per entity, 1 to {MAX_MENTIONS}: the first ones; the rest are read a page at a"
        " time from /api/entities/ID/mentions?after=MENTIONS_NEXT.",
    ),
]


@router.get("/entities", response_model=Page, tags=["entities"])
def list_entities(
    request: Request,
    offset: Offset = 0,
    limit: Limit = DEFAULT_LIMIT,
    type: Annotated[str | None, Query(description="PERSON, ORG, GPE, NORP, PRODUCT, ... (any case).")] = None,
    name: Annotated[str | None, Query(description="Name or an alias containing this (case-insensitive).")] = None,
    doc: Annotated[str | None, Query(description="Only entities mentioned in this document.")] = None,
    mentions: Annotated[
        bool, Query(description="Include each entity's first mentions (false: an empty list, and no count).")
    ] = True,
    mention_limit: MentionLimit = LISTED_MENTIONS,
) -> JSONResponse:
    """Entities in the export's order (most mentioned first), each with its first ``mention_limit``
    mentions (by document, then position), ``mention_count`` (all of them) and ``mentions_next``
    (the ``after`` of ``/api/entities/ID/mentions`` for the rest; null when all are shown)."""
    query = EntityQuery(type=type, name=name, doc=doc)
    with reading(request) as reader:
        # Without mentions, the entities are read without them (not read whole and emptied).
        if mentions:
            found = reader.entities(query, offset, limit, mention_limit)
        else:
            found = reader.entity_heads(query, offset, limit)
    return paged(found, offset, limit)


@router.get("/entities/{entity_id}", responses=ERRORS, tags=["entities"])
def get_entity(request: Request, entity_id: str, mention_limit: MentionLimit = FIRST_MENTIONS) -> JSONResponse:
    """One entity's export record with its first ``mention_limit`` mentions, ``mention_count`` and
    ``mentions_next`` (as in the list)."""
    with reading(request) as reader:
        return JSONResponse(found(reader.entity(entity_id, mention_limit), "entity", entity_id))


def _mention_key(after: str) -> MentionKey:
    """``DOC:START:END`` (the document id may itself hold colons) as a key, or a 422."""
    try:
        return mention_key(after)
    except ValueError as error:
        raise HTTPException(status_code=422, detail=str(error)) from None


@router.get("/entities/{entity_id}/mentions", responses=ERRORS, tags=["entities"])
def list_entity_mentions(
    request: Request,
    entity_id: str,
    limit: Limit = DEFAULT_LIMIT,
    after: Annotated[
        str | None, Query(description="The ``next`` of the previous page (DOC:START:END): the mentions after it.")
    ] = None,
) -> JSONResponse:
    """One page of an entity's mentions, by document then position, read by key: the same cost on
    any page, however often the entity is named. ``next`` is the ``after`` of the following page
    (null on the last)."""
    key = _mention_key(after) if after is not None else None
    with reading(request) as reader:
        names = reader.store.entity_names([entity_id])
        if entity_id not in names:
            raise HTTPException(status_code=404, detail=f"no entity with id {entity_id!r}")
        page = reader.store.entity_mentions(entity_id, key, limit + 1)
    items = [mention_record(m) for m in page[:limit]]
    following = mention_after(page[limit - 1]) if len(page) > limit else None
    return JSONResponse({"entity": entity_id, "items": items, "next": following})


@router.get("/quotes", response_model=Page, tags=["quotes"])
def list_quotes(
    request: Request,
    offset: Offset = 0,
    limit: Limit = DEFAULT_LIMIT,
    speaker: Annotated[
        str | None, Query(description="The speaker's entity id, or text their name contains (case-insensitive).")
    ] = None,
    doc: Annotated[str | None, Query(description="Only quotes in this document.")] = None,
    kind: Annotated[list[QuoteKind] | None, Query(description="Only these kinds (repeat the parameter).")] = None,
    after: After = None,
) -> JSONResponse:
    """Quotes in the export's order (by document, then position), with speaker, cue and channel;
    ``next`` pages on by key."""
    kinds = tuple(dict.fromkeys(kind or ()))
    with reading(request) as reader:
        # By the speaker links stage's table: an entity's quotes, else those of a name holding the words.
        if speaker and reader.store.entity_names([speaker]):
            query = AnnotationQuery(doc=doc, kinds=kinds, speaker_entity=speaker)
        else:
            query = AnnotationQuery(doc=doc, kinds=kinds, speaker=speaker or None)
        return annotation_list(reader, "quotes", query, offset, limit, after)


@router.get("/quotes/{quote_id}", responses=ERRORS, tags=["quotes"])
def get_quote(request: Request, quote_id: str) -> JSONResponse:
    with reading(request) as reader:
        return JSONResponse(found(reader.quote(quote_id), "quote", quote_id))
