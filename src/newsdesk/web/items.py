"""The pages of one article (the reader) and of one claim, each from reads of that article or
claim alone: its record, and what was found in it (quotes, times, the entities it names), never
the whole story. One story's pages (``/stories/ID/doc/...``) read the story's own view, whose
claims and article numbers are its own (``newsdesk.web.pages``)."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

from newsdesk.store.base import ClaimQuery
from newsdesk.story.corrections import correction_records_of
from newsdesk.web import pages
from newsdesk.web.lists import facets, labels, reading
from newsdesk.web.pages import framed, page
from newsdesk.web.reader import Marks, parse_range, render_document
from newsdesk.web.sections import voices_of
from newsdesk.web.view import Record, StoryView, heading


def _story_view(request: Request) -> StoryView | None:
    view: StoryView | None = getattr(request.state, "story_view", None)
    return view


@page("/doc/{doc_id}")
def reader(request: Request, doc_id: str, hl: str | None = None) -> HTMLResponse:
    view = _story_view(request)
    if view is not None:
        return pages.story_reader(request, view, doc_id, hl)
    with reading(request) as found:
        known = facets(request, found)
        records = found.document_records([doc_id])
        if not records:
            what = f"No article with the id {doc_id!r}."
            return framed(request, "not_found.html", "articles", known.frame, 404, what=what)
        document = records[0]
        own = found.per_document([doc_id], frozenset({"quotes", "times"}))[doc_id]
        named = found.store.entities_named_in([doc_id]).get(doc_id, [])
        number = labels(request, found, [doc_id])[doc_id].split(" ", 1)[0]
    mentions: list[tuple[Record, Record]] = [
        ({"name": e.name, "type": e.type, "description": e.description}, {"start": m.span.start, "end": m.span.end})
        for e in named
        for m in e.mentions
        if m.doc == doc_id
    ]
    marked = parse_range(hl, len(document["text"]))
    return framed(
        request,
        "reader.html",
        "reader",
        known.frame,
        doc=document,
        marked=marked,
        asked=hl,
        body=render_document(document, Marks(own.quotes, mentions, own.times), marked),
        number=number,
        heading=heading(document),
        quotes=own.quotes,
        voices=voices_of(own.quotes),
    )


@page("/claim/{claim_id}")
def claim_page(request: Request, claim_id: str) -> HTMLResponse:
    view = _story_view(request)
    if view is not None:
        return pages.story_claim(request, view, claim_id)
    write = bool(request.app.state.write)
    with reading(request) as found:
        known = facets(request, found)
        claim = found.claim(claim_id)
        if claim is None:
            what = f"No claim with the id {claim_id!r}: claim ids change when the story is recomputed."
            return framed(request, "not_found.html", "claims", known.frame, 404, what=what)
        named = labels(request, found, [s["doc"] for s in claim["statements"]])
        corrections = correction_records_of(found.store, claim_id, claims=True)
        others = []
        if write:
            best = found.store.claim_page(ClaimQuery(order="sources"), 0, pages.CLAIMS_OFFERED + 1).items
            others = [{"id": c.id, "text": c.text} for c in best if c.id != claim_id][: pages.CLAIMS_OFFERED]
    return framed(
        request,
        "claim.html",
        "claims",
        known.frame,
        claim=claim,
        labels=named,
        others=others,
        corrected=any(r["withdrawn"] is None for r in corrections),
        corrections=corrections,
    )
