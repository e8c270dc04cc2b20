"""The analysts' corrections: merge or split claims, mark two claims "not the same", merge or
split entities (only on a server started with ``--write``, with its bearer token), and the list
of corrections made. Each correction is stored with who, when and why, the story is recomputed
with every correction replayed, and the answer says where the correction stands now."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from newsdesk.api.common import DEFAULT_LIMIT, Limit, Message, Offset, Page, paged, reading
from newsdesk.api.writer import Writer, check_token, read_body
from newsdesk.model import Claim, Correction, Entity
from newsdesk.story.corrections import (
    MAX_WHO,
    MAX_WHY,
    CorrectionError,
    UnknownTarget,
    distinct_claims,
    merge_claims,
    merge_entities,
    split_claim,
    split_entity,
)

router = APIRouter(tags=["corrections"])
MAX_ITEMS = 1000
Body = TypeVar("Body", bound="Judgement")


class Judgement(BaseModel):
    """Who makes the correction and why (both kept with it)."""

    who: str = Field(min_length=1, max_length=MAX_WHO, description="Who makes the correction.")
    why: str = Field(min_length=1, max_length=MAX_WHY, description="Why: what the analyst read.")


class ClaimsMerge(Judgement):
    claims: list[str] = Field(min_length=2, max_length=MAX_ITEMS, description="The claims that are one claim.")


class ClaimsDistinct(Judgement):
    claims: list[str] = Field(min_length=2, max_length=2, description="The two claims that are not the same.")


class ClaimSplit(Judgement):
    statements: list[str] = Field(
        min_length=1, max_length=MAX_ITEMS, description="Keys (DOCID:START) of the statements to move out."
    )


class EntitiesMerge(Judgement):
    entities: list[str] = Field(min_length=2, max_length=MAX_ITEMS, description="The entities that are one.")


class EntitySplit(Judgement):
    mentions: list[str] = Field(
        min_length=1, max_length=MAX_ITEMS, description="Keys (DOCID:START) of the mentions that are another entity."
    )


class Withdrawn(BaseModel):
    who: str
    when: str
    why: str


class CorrectionRecord(BaseModel):
    """A correction as the export's ``corrections`` section shows it."""

    id: str
    action: str
    groups: list[list[str]]
    targets: list[str]
    who: str
    when: str
    why: str
    status: str
    keys_found: int
    keys: int
    now: list[str]
    withdrawn: Withdrawn | None


CORRECTION_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": Message, "description": "No valid bearer token."},
    403: {"model": Message, "description": "The server is read-only."},
    404: {
        "model": Message,
        "description": "No claim or entity with this id (ids change when the story is recomputed).",
    },
    422: {"model": Message, "description": "The correction makes no sense as asked; the detail says why."},
}


async def _body(request: Request, model: type[Body]) -> Body:
    check_token(request)
    raw = await read_body(request, request.app.state.max_body)
    try:
        return model.model_validate_json(raw)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg']}" for e in error.errors())
        raise HTTPException(status_code=422, detail=f"malformed correction ({problems})") from None


async def _correct(request: Request, build: Callable[[list[Claim], list[Entity], str], Correction]) -> JSONResponse:
    writer: Writer = request.app.state.writer
    try:
        record = await run_in_threadpool(writer.correct, build)
    except UnknownTarget as error:
        raise HTTPException(status_code=404, detail=str(error)) from None
    except CorrectionError as error:
        raise HTTPException(status_code=422, detail=str(error)) from None
    return JSONResponse(record, status_code=201)


@router.post("/claims/merge", status_code=201, response_model=CorrectionRecord, responses=CORRECTION_ERRORS)
async def post_claims_merge(request: Request) -> JSONResponse:
    """These claims are one claim: ``{"claims": [id, id, ...], "who": ..., "why": ...}``."""
    body = await _body(request, ClaimsMerge)

    def build(claims: list[Claim], _: list[Entity], when: str) -> Correction:
        return merge_claims(claims, body.claims, body.who, body.why, when)

    return await _correct(request, build)


@router.post("/claims/distinct", status_code=201, response_model=CorrectionRecord, responses=CORRECTION_ERRORS)
async def post_claims_distinct(request: Request) -> JSONResponse:
    """These two claims are not the same: ``{"claims": [id, id], "who": ..., "why": ...}``."""
    body = await _body(request, ClaimsDistinct)

    def build(claims: list[Claim], _: list[Entity], when: str) -> Correction:
        return distinct_claims(claims, body.claims, body.who, body.why, when)

    return await _correct(request, build)


@router.post("/claims/{claim_id}/split", status_code=201, response_model=CorrectionRecord, responses=CORRECTION_ERRORS)
async def post_claim_split(request: Request, claim_id: str) -> JSONResponse:
    """The statements given are not the same claim as the claim's others:
    ``{"statements": ["DOCID:START", ...], "who": ..., "why": ...}``."""
    body = await _body(request, ClaimSplit)

    def build(claims: list[Claim], _: list[Entity], when: str) -> Correction:
        return split_claim(claims, claim_id, body.statements, body.who, body.why, when)

    return await _correct(request, build)


@router.post("/entities/merge", status_code=201, response_model=CorrectionRecord, responses=CORRECTION_ERRORS)
async def post_entities_merge(request: Request) -> JSONResponse:
    """These entities are one: ``{"entities": [id, id, ...], "who": ..., "why": ...}``."""
    body = await _body(request, EntitiesMerge)

    def build(_: list[Claim], entities: list[Entity], when: str) -> Correction:
        return merge_entities(entities, body.entities, body.who, body.why, when)

    return await _correct(request, build)


@router.post(
    "/entities/{entity_id}/split", status_code=201, response_model=CorrectionRecord, responses=CORRECTION_ERRORS
)
async def post_entity_split(request: Request, entity_id: str) -> JSONResponse:
    """The mentions given are an entity of their own:
    ``{"mentions": ["DOCID:START", ...], "who": ..., "why": ...}``."""
    body = await _body(request, EntitySplit)

    def build(_: list[Claim], entities: list[Entity], when: str) -> Correction:
        return split_entity(entities, entity_id, body.mentions, body.who, body.why, when)

    return await _correct(request, build)


@router.post(
    "/corrections/{correction_id}/withdraw",
    status_code=200,
    response_model=CorrectionRecord,
    responses=CORRECTION_ERRORS,
)
async def post_withdraw(request: Request, correction_id: str) -> JSONResponse:
    """Withdraw a correction (``{"who": ..., "why": ...}``): it stays on record, with who withdrew
    it, when and why, and is no longer replayed."""
    body = await _body(request, Judgement)
    writer: Writer = request.app.state.writer
    try:
        record = await run_in_threadpool(writer.withdraw, correction_id, body.who, body.why)
    except UnknownTarget as error:
        raise HTTPException(status_code=404, detail=str(error)) from None
    except CorrectionError as error:
        raise HTTPException(status_code=422, detail=str(error)) from None
    return JSONResponse(record)


@router.get("/corrections", response_model=Page)
def list_corrections(request: Request, offset: Offset = 0, limit: Limit = DEFAULT_LIMIT) -> JSONResponse:
    """The analysts' corrections in the order made, each with where it stands now: ``in effect``,
    ``not in effect`` (a later correction undid it), ``not applicable`` (what it names is gone) or
    ``withdrawn``."""
    with reading(request) as reader:
        return paged(reader.corrections(offset, limit), offset, limit)
