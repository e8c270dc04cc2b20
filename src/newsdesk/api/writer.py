"""Adding articles over HTTP: who may (a bearer token), how much (a bounded body, read in
memory), and one writer at a time.

A request's body is read up to the limit and no further: a declared length over it is refused
before any of it is read, and a body without one (chunked) is refused as soon as it passes it.
Uploaded files are parsed in memory; their names are labels, never paths.
"""

from __future__ import annotations

import hmac
import threading
from collections.abc import AsyncGenerator, Callable
from typing import TYPE_CHECKING, Any

from fastapi import HTTPException, Request
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from newsdesk.ingest import IngestReport
from newsdesk.ingest.articles import ingest_articles
from newsdesk.ingest.run import run_corpus_stages
from newsdesk.model import Claim, Correction, Entity, Failure, RawArticle, StoryCorrection
from newsdesk.nlp import load_language
from newsdesk.settings import MIB, Settings
from newsdesk.store import open_store
from newsdesk.store.base import Store
from newsdesk.story.corrections import correction_records, now_utc, withdraw
from newsdesk.story.one import store_story_results
from newsdesk.story.snapshot import StorySource

if TYPE_CHECKING:
    from spacy.language import Language

MAX_BODY = 8 * MIB
MAX_FILES = 100


class Writer:
    """Stores articles in the database of ``source``, one request at a time, and refreshes the
    story afterwards so that the next read sees them."""

    def __init__(self, source: StorySource, settings: Settings) -> None:
        self.source = source
        self.settings = settings
        self._lock = threading.Lock()
        self._language: Language | None = None

    def ingest(self, items: list[RawArticle | Failure]) -> IngestReport:
        with self._lock:
            nlp = self._nlp()
            with self.source.writing(), open_store(self.source.db) as store:
                report = ingest_articles(items, store, self.settings, nlp)
            if report.stored:
                self.source.refresh()
        return report

    def correct(self, build: Callable[[list[Claim], list[Entity], str], Correction]) -> dict[str, Any]:
        """Make a correction from the story as stored (``build`` gets its claims, entities and the
        time; its CorrectionError goes to the caller), store it, run the story stages again and
        refresh the story: the answer is the correction's record as the export shows it."""
        with self._lock:
            with self.source.writing(), open_store(self.source.db) as store:
                correction = build(store.claims(), store.entities(), now_utc())
                store.add_correction(correction)
                run_corpus_stages(store, self.settings)
                (record,) = correction_records([correction], store.claims(), store.entities())
            self.source.refresh()
        return record

    def withdraw(self, correction_id: str, who: str, why: str) -> dict[str, Any]:
        """Withdraw a stored correction (CorrectionError to the caller), run the story stages
        again and refresh the story: the answer is the correction's record, withdrawn."""
        with self._lock:
            with self.source.writing(), open_store(self.source.db) as store:
                withdrawal = withdraw(store.corrections(), correction_id, who, why, now_utc())
                store.withdraw_correction(correction_id, withdrawal)
                run_corpus_stages(store, self.settings)
                stored = [c for c in store.corrections() if c.id == correction_id]
                (record,) = correction_records(stored, store.claims(), store.entities())
            self.source.refresh()
        return record

    def correct_stories(self, build: Callable[[Store, str], StoryCorrection]) -> StoryCorrection:
        """Make a correction of the stories from the stories as stored (``build`` gets the store
        and the time; its CorrectionError goes to the caller) and store it: it is replayed over
        the stories at once, and after every later run of the story stage."""
        with self._lock:
            with self.source.writing(), open_store(self.source.db) as store:
                correction = build(store, now_utc())
                store.add_story_correction(correction)
                store_story_results(store)
            self.source.refresh()
        return correction

    def _nlp(self) -> Language | None:
        # Loaded once, on the first write (seconds), and kept for the next.
        if self.settings.nlp and self._language is None:
            self._language = load_language(self.settings.spacy_model)
        return self._language


def check_token(request: Request) -> None:
    """Refuse a write unless the server takes writes and the request carries its token."""
    token: str | None = request.app.state.token
    if not request.app.state.write or not token:
        raise HTTPException(
            status_code=403,
            detail="this server is read-only: start it with 'newsdesk serve --write' and a token to add articles",
        )
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(
            status_code=401,
            detail="a valid token is required: send the header 'Authorization: Bearer TOKEN'",
            headers={"WWW-Authenticate": "Bearer"},
        )


async def read_body(request: Request, limit: int) -> bytes:
    """The request's body, or 413 as soon as it is known to be over ``limit`` bytes."""
    too_large = HTTPException(
        status_code=413, detail=f"request body too large: the limit is {limit / MIB:g} MiB per request"
    )
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.strip().isdigit():
            raise HTTPException(status_code=400, detail="invalid Content-Length header")
        if int(declared) > limit:
            raise too_large
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


class _InMemoryParser(MultiPartParser):
    # Never spill an upload to a temporary file: the body is already bounded and in memory.
    spool_max_size = MAX_BODY * 4


async def uploaded_files(request: Request, body: bytes) -> list[tuple[str | None, bytes]]:
    """The files of a multipart/form-data body: (client's file name, bytes) in the order sent."""
    if not request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
        raise HTTPException(status_code=415, detail="send the files as multipart/form-data (field 'files')")

    async def once() -> AsyncGenerator[bytes, None]:
        yield body

    parser = _InMemoryParser(request.headers, once(), max_files=MAX_FILES, max_fields=MAX_FILES)
    try:
        form = await parser.parse()
    except MultiPartException as error:
        raise HTTPException(status_code=400, detail=f"malformed multipart body: {error.message}") from None
    files = []
    for _, item in form.multi_items():
        if isinstance(item, UploadFile):
            files.append((item.filename, await item.read()))
            await item.close()
    if not files:
        raise HTTPException(status_code=422, detail="no file in the request: send one or more in the field 'files'")
    return files
