"""The list pages at any size: articles, voices, claims, timeline, entities and search. Each shows
one page of what its filters keep, sorted as asked, with the count ("41–60 of 1,204"); each is a
few indexed queries of the store (``newsdesk.story.reader``), never the whole story, so its size
and its server time stay bounded whatever the story's size.

Every filter is a query parameter, and so is the story (``story=ID``): scoping a page to a story
is one more facet. Values a filter cannot use (an unknown sort, a date that is not an ISO date)
are left out and said so on the page, never an error page.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from newsdesk.model import TimelineEntry
from newsdesk.report.brief import story_title
from newsdesk.store.base import AnnotationQuery, ClaimQuery, DocumentQuery, EntityQuery, TimelineQuery
from newsdesk.store.query import fts5_plain, plain_terms
from newsdesk.story.reader import StoryReader
from newsdesk.story.snapshot import StorySource
from newsdesk.web import pages
from newsdesk.web.charts import chart_items, opening_window
from newsdesk.web.listing import DEFAULT_SIZE, Listing, Paging
from newsdesk.web.pages import framed, page, router
from newsdesk.web.search import MAX_QUERY, Hit, hit_of, snippet_style
from newsdesk.web.view import Frame, Record, current_base, short

__all__ = ["DEFAULT_SIZE", "router"]
# Items of each kind the search page shows before "all N" (each kind pages on its own).
SEARCH_PREVIEW = 5
QUOTE_KINDS = ("direct", "partial", "indirect", "scare")
SPOKEN = ("direct", "partial", "indirect")  # scare quotes are nobody's words
SOURCE_STEPS = (2, 3, 5, 10)
# The outlets, entities and kinds offered in a page's filters.
FACET_OUTLETS = 40
FACET_ENTITIES = 40


@dataclass(frozen=True, slots=True)
class Facets:
    """What the filters offer, and the page header: worked out once per state of the store."""

    frame: Frame
    outlets: list[tuple[str, int]]
    entities: list[tuple[str, str]]  # (id, name), most mentioned first
    timeline_kinds: list[tuple[str, int]]
    entity_types: list[tuple[str, int]]


# Stories whose facets are kept at once (besides the whole store's).
FACETS_KEPT = 16


class _FacetCache:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.revision: object = None
        self.facets: dict[str | None, Facets] = {}  # by story (None: the whole store)


def facets(request: Request, reader: StoryReader) -> Facets:
    """The facets of the store as it is now (kept while no writer commits); on one story's pages
    (``newsdesk.web.stories``) under the story's header, its entities offered."""
    source: StorySource = request.app.state.source
    cache: _FacetCache | None = getattr(request.app.state, "web_facets", None)
    if cache is None:
        cache = request.app.state.web_facets = _FacetCache()
    story: str | None = getattr(request.state, "story_id", None)
    revision = source.fingerprint()
    with cache.lock:
        if cache.revision != revision:
            cache.revision, cache.facets = revision, {}
        if story in cache.facets:
            return cache.facets[story]
    store = reader.store
    entities = store.entity_summaries(EntityQuery(story=story), 0, FACET_ENTITIES).items
    frame: Frame | None = getattr(request.state, "story_frame", None)
    if frame is None:
        links = [{"name": e.name, "links": [{"relation": relation} for relation in e.relations]} for e in entities]
        title = story_title({"entities": links, "documents": range(store.count())}, {})
        frame = Frame(title.removeprefix("Story briefing: "), store.count())
    # The outlets, kinds and types offered (and their counts) are the whole store's.
    found = Facets(
        frame=frame,
        outlets=store.outlet_counts(FACET_OUTLETS),
        entities=[(e.id, e.name) for e in entities],
        timeline_kinds=store.timeline_kinds(),
        entity_types=store.entity_types(),
    )
    with cache.lock:
        if cache.revision == revision:
            if len(cache.facets) > FACETS_KEPT:
                cache.facets.pop(next(key for key in cache.facets if key is not None))
            cache.facets[story] = found
    return found


@contextmanager
def reading(request: Request) -> Iterator[StoryReader]:
    """The story reader of this request: the thread's read-only store, one consistent state."""
    source: StorySource = request.app.state.source
    store = source.reader()
    with store.reading():
        yield StoryReader(store)


# Article labels ("A12 BBC News"): the place of each article in the story's order, as every page cites it.


def labels(request: Request, reader: StoryReader, docs: Sequence[str]) -> dict[str, str]:
    """``A12 BBC News``: each document's number and its outlet (else the outlet it relays, its
    headline or its file's name), as every page cites it: its place in the store, or on one
    story's pages its place in the story (``A2``, as the story's overview and reader number it)."""
    numbers: dict[str, int] = getattr(request.state, "story_numbers", None) or {}
    found = {}
    for doc, head in reader.store.document_heads(list(dict.fromkeys(docs))).items():
        name = head.outlet or (head.relays[0] if head.relays else None) or head.title
        name = name or PurePosixPath(head.source.replace("\\", "/")).name
        if numbers and doc not in numbers:  # a claim or happening of the story cites another's article
            found[doc] = f"{short(name, 32)} (another story)"
        else:
            found[doc] = f"A{numbers.get(doc, head.position)} {short(name, 32)}"
    return found


def _render(request: Request, template: str, nav_key: str, facets: Facets, **context: Any) -> HTMLResponse:
    return framed(request, template, nav_key, facets.frame, facets=facets, **context)


def _documents_query(listing: Listing) -> DocumentQuery:
    return DocumentQuery(
        outlet=listing.get("outlet"),
        outlet_only=True,
        published_from=listing.get("from"),
        published_to=listing.get("to"),
        entity=listing.get("entity"),
        story=listing.story,
    )


# The pages.

DOCUMENT_FILTERS = ("outlet", "from", "to", "entity", "story")


@page("/articles")
def articles(request: Request) -> HTMLResponse:
    listing = Listing.of(request, ("store", "published", "outlet", "title"), DOCUMENT_FILTERS, reversible=True)
    with reading(request) as reader:
        known = facets(request, reader)
        query = replace(_documents_query(listing), order=listing.sort, descending=listing.descending)  # type: ignore[arg-type]
        found = reader.documents(query, listing.offset, listing.size)
        documents = list(found.items)
        named = labels(request, reader, [d["id"] for d in documents])
        # Each article's quotes counted in the store; who speaks is worked out on /voices?doc=ID.
        quotes = {
            d["id"]: reader.store.annotation_page("quotes", AnnotationQuery(doc=d["id"], kinds=SPOKEN), 0, 0).total
            for d in documents
        }
    return _render(
        request,
        "articles.html",
        "articles",
        known,
        listing=listing,
        paging=Paging(listing.offset, listing.size, found.total),
        documents=documents,
        labels=named,
        quotes=quotes,
        entity_name=dict(known.entities).get(listing.get("entity") or ""),
    )


QUOTE_FILTERS = ("speaker", "kind", "outlet", "from", "to", "entity", "story", "doc")


@page("/voices")
def voices(request: Request) -> HTMLResponse:
    listing = Listing.of(request, ("story",), QUOTE_FILTERS)
    kind = listing.get("kind")
    if kind is not None and kind not in QUOTE_KINDS:
        listing.problems.append(f"no quote kind “{listing.params.pop('kind')}”")
        kind = None
    speaker = listing.get("speaker")
    base = AnnotationQuery(
        doc=listing.get("doc"),
        kinds=(kind,) if kind else SPOKEN,
        outlet=listing.get("outlet"),
        published_from=listing.get("from"),
        published_to=listing.get("to"),
        story=listing.story,
    )
    with reading(request) as reader:
        known = facets(request, reader)
        entity = listing.get("entity")
        # One speaker's quotes, by entity or by name, as the speaker links stage stored them.
        if entity:
            query = replace(base, speaker_entity=entity)
        elif speaker:
            query = replace(base, speaker=speaker)
        else:
            query = base
        found = reader.annotations("quotes", query, listing.offset, listing.size)
        quotes, total = list(found.items), found.total
        named = labels(request, reader, [q["doc"] for q in quotes])
    groups: dict[str, dict[str, Any]] = {}
    unattributed: list[Record] = []
    for quote in quotes:
        who = quote["speaker"]
        if not who["name"]:
            unattributed.append(quote)
            continue
        key = who["entity"] or f"name:{who['name']}"
        group = groups.setdefault(key, {"name": who["name"], "entity": who["entity"], "role": None, "quotes": []})
        group["quotes"].append(quote)
        group["role"] = group["role"] or who["description"]
    grouped = list(groups.values())
    if unattributed:
        grouped.append({"name": "Unattributed", "entity": None, "role": None, "quotes": unattributed})
    return _render(
        request,
        "voices.html",
        "voices",
        known,
        listing=listing,
        paging=Paging(listing.offset, listing.size, total),
        groups=grouped,
        labels=named,
        kinds=QUOTE_KINDS,
        entity_name=dict(known.entities).get(entity or ""),
    )


# Statements listed under a claim on /claims (its page has them all).
STATEMENTS_SHOWN = 4
CLAIM_FILTERS = ("kind", "sources", "shared", "contested", "outlet", "from", "to", "entity", "q", "story")


@page("/claims")
def claims(request: Request) -> HTMLResponse:
    listing = Listing.of(request, ("sources", "documents", "story"), CLAIM_FILTERS)
    kind = listing.get("kind")
    if kind is not None and kind not in ("fact", "view"):
        listing.problems.append(f"no claim kind “{listing.params.pop('kind')}”")
        kind = None
    query = ClaimQuery(
        min_sources=listing.whole("sources", 1),
        min_documents=2 if listing.get("shared") in ("1", "true") else 1,
        contested=True if listing.get("contested") in ("1", "true") else None,
        entity=listing.get("entity"),
        kind=kind,
        order=listing.sort,  # type: ignore[arg-type]
        outlet=listing.get("outlet"),
        published_from=listing.get("from"),
        published_to=listing.get("to"),
        words=tuple(word for word, _ in plain_terms(listing.get("q") or "")),
        story=listing.story,
    )
    with reading(request) as reader:
        known = facets(request, reader)
        found = reader.claims(query, listing.offset, listing.size)
        records = list(found.items)
        docs = [s["doc"] for c in records for s in c["statements"][:STATEMENTS_SHOWN]]
        docs += [e["doc"] for c in records for x in c["conflicts"] for e in (x["ours"], x["theirs"])]
        labelled = labels(request, reader, docs)
        corrections = reader.store.corrections()
    # A claim's grouping was set by an analyst where it holds a statement a correction names.
    named = {
        key for r in corrections if r.withdrawn is None and r.action.startswith("claims") for g in r.groups for key in g
    }
    corrected = {c["id"] for c in records if any(f"{s['doc']}:{s['start']}" in named for s in c["statements"])}
    return _render(
        request,
        "claims.html",
        "claims",
        known,
        listing=listing,
        paging=Paging(listing.offset, listing.size, found.total, found.more),
        claims=records,
        labels=labelled,
        corrected=corrected,
        source_steps=SOURCE_STEPS,
        statements_shown=STATEMENTS_SHOWN,
        entity_name=dict(known.entities).get(listing.get("entity") or ""),
    )


TIMELINE_FILTERS = ("kind", "sources", "disputed", "outlet", "from", "to", "entity", "q", "story")
# Reports listed under a happening on /timeline.
REPORTS_SHOWN = 6
# Happenings drawn on the chart: the most reported of those the filters keep.
CHART_ITEMS = 150


@page("/timeline")
def timeline(request: Request) -> HTMLResponse:
    listing = Listing.of(request, ("date", "documents"), TIMELINE_FILTERS)
    query = TimelineQuery(
        entity=listing.get("entity"),
        disputed=True if listing.get("disputed") in ("1", "true") else None,
        date_from=listing.get("from"),
        date_to=listing.get("to"),
        kind=listing.get("kind"),
        min_documents=listing.whole("sources", 1),
        outlet=listing.get("outlet"),
        words=tuple(word for word, _ in plain_terms(listing.get("q") or "")),
        story=listing.story,
        order=listing.sort,  # type: ignore[arg-type]
    )
    vendor = pages.vendor_files("timeline")
    with reading(request) as reader:
        known = facets(request, reader)
        found = reader.timeline(query, listing.offset, listing.size)
        entries = list(found.items)
        window = opening_window(reader.store.timeline_values(query))
        drawn = _chart(request, reader, query, window) if vendor else []
        docs = [r["doc"] for entry in entries for r in entry["reports"][:REPORTS_SHOWN]]
        named = labels(request, reader, docs)
        people = {p for entry in entries for p in entry["participants"]} | {p for e in drawn for p in e.participants}
        names = reader.store.entity_names(sorted(people))
    return _render(
        request,
        "timeline.html",
        "timeline",
        known,
        listing=listing,
        paging=Paging(listing.offset, listing.size, found.total),
        entries=entries,
        labels=named,
        names=names,
        items=chart_items(drawn, names, current_base(request), getattr(request.state, "story_numbers", None)),
        drawn=len(drawn),
        window=window,
        vendor=vendor,
        source_steps=SOURCE_STEPS,
        reports_shown=REPORTS_SHOWN,
        entity_name=dict(known.entities).get(listing.get("entity") or ""),
    )


# Charts kept per state of the store and filters: paging through the table redraws the same one.
CHARTS_KEPT = 32


def _chart(
    request: Request, reader: StoryReader, query: TimelineQuery, window: dict[str, Any] | None
) -> list[TimelineEntry]:
    source: StorySource = request.app.state.source
    kept: dict[object, list[TimelineEntry]] | None = getattr(request.app.state, "web_charts", None)
    if kept is None:
        kept = request.app.state.web_charts = {}
    key = (source.fingerprint(), replace(query, order="date"))
    found = kept.get(key)
    if found is None:
        found = _drawn(reader, query, window)
        if len(kept) >= CHARTS_KEPT:
            kept.pop(next(iter(kept)))
        kept[key] = found
    return found


def _drawn(reader: StoryReader, query: TimelineQuery, window: dict[str, Any] | None) -> list[TimelineEntry]:
    """The happenings the chart draws: the most reported of those in its opening window, and the
    most reported of all (so that "All of it" shows the rest of the story's shape)."""
    most = replace(query, order="documents")
    inside: list[TimelineEntry] = []
    if window is not None:
        within = replace(most, date_from=window["first"], date_to=window["last"])
        inside = list(reader.store.timeline_page(within, 0, CHART_ITEMS - CHART_ITEMS // 5).items)
    outside = list(reader.store.timeline_page(most, 0, CHART_ITEMS // 5 if window else CHART_ITEMS).items)
    return list({entry.id: entry for entry in inside + outside}.values())


ENTITY_FILTERS = ("type", "q", "story")


@page("/entities")
def entities(request: Request) -> HTMLResponse:
    listing = Listing.of(request, ("mentions", "name"), ENTITY_FILTERS)
    query = EntityQuery(
        type=listing.get("type"),
        name=listing.get("q"),
        story=listing.story,
        order=listing.sort,  # type: ignore[arg-type]
    )
    with reading(request) as reader:
        known = facets(request, reader)
        found = reader.store.entity_summaries(query, listing.offset, listing.size)
    rows = [
        {
            "id": e.id,
            "name": e.name,
            "type": e.type,
            "description": e.description,
            "mentions": e.mentions,
            "articles": e.articles,
            "aliases": [alias for alias in e.aliases if alias != e.name][:4],
        }
        for e in found.items
    ]
    return _render(
        request,
        "entities.html",
        "entities",
        known,
        listing=listing,
        paging=Paging(listing.offset, listing.size, found.total),
        entities=rows,
    )


SEARCH_FILTERS = ("q", "in", "advanced", "outlet", "from", "to", "story")
SEARCH_KINDS = ("articles", "quotes", "claims", "entities")


@dataclass(slots=True)
class Found:
    """What one kind of item the search found: how many, and the page of them shown."""

    kind: str
    total: int
    items: list[Any]
    more: bool = False  # more than ``total`` found (a count stopped at a bound)


@page("/search")
def search_page(request: Request) -> HTMLResponse:
    listing = Listing.of(request, ("best",), SEARCH_FILTERS)
    text = listing.get("q") or ""
    advanced = listing.get("advanced") in ("1", "true")
    chosen = listing.get("in")
    if chosen is not None and chosen not in SEARCH_KINDS:
        listing.problems.append(f"cannot search among “{listing.params.pop('in')}”")
        chosen = None
    context: dict[str, Any] = {"listing": listing, "advanced": advanced, "chosen": chosen, "error": None}
    with reading(request) as reader:
        known = facets(request, reader)
        if not text:
            return _render(request, "search.html", "search", known, query="", found=None, **context)
        if len(text) > MAX_QUERY:
            context["error"] = f"the query is {len(text)} characters long; at most {MAX_QUERY} are searched"
            return _render(request, "search.html", "search", known, query=text, found=None, status=400, **context)
        words = tuple(word for word, _ in plain_terms(text))
        if not advanced and not words:  # punctuation only: nothing to look for, and no fault
            context["error"] = f"nothing to search for in “{text}”: type a word"
            return _render(request, "search.html", "search", known, query=text, found=None, **context)
        offset, size = (listing.offset, listing.size) if chosen else (0, SEARCH_PREVIEW)
        found: list[Found] = []
        docs: list[str] = []
        within = _documents_query(listing)
        for kind in (chosen,) if chosen else SEARCH_KINDS:
            try:
                result = _search(reader, kind, text, words, advanced, within, offset, size)
            except ValueError as error:
                context["error"] = str(error)
                return _render(request, "search.html", "search", known, query=text, found=None, status=400, **context)
            if result is not None:
                found.append(result)
        for result in found:
            if result.kind == "articles":
                docs += [hit.doc for hit in result.items]
            elif result.kind == "quotes":
                docs += [q["doc"] for q in result.items]
            elif result.kind == "claims":
                docs += [s["doc"] for c in result.items for s in c["statements"][:3]]
        named = labels(request, reader, docs)
        heads = reader.store.document_heads([hit.doc for r in found if r.kind == "articles" for hit in r.items])
    return _render(
        request,
        "search.html",
        "search",
        known,
        query=text,
        found=found,
        labels=named,
        heads=heads,
        paging=Paging(offset, size, found[0].total, found[0].more) if chosen and found else None,
        **context,
    )


def _search(
    reader: StoryReader,
    kind: str,
    text: str,
    words: tuple[str, ...],
    advanced: bool,
    within: DocumentQuery,
    offset: int,
    size: int,
) -> Found | None:
    """One kind's page of what ``text`` finds; None where the kind cannot be searched so (an
    advanced query searches the articles only)."""
    if kind == "articles":
        query = text if advanced else fts5_plain(text)
        style = snippet_style()
        page_of = reader.store.search_documents(query, offset, size, style, within=within)
        texts = reader.store.texts([hit.doc for hit in page_of.hits])
        hits: list[Hit] = [hit_of(hit.doc, hit.snippet, texts[hit.doc]) for hit in page_of.hits if hit.doc in texts]
        return Found(kind, page_of.total, hits)
    if advanced or not words:
        return None
    if kind == "quotes":
        query_q = AnnotationQuery(
            kinds=SPOKEN,
            words=words,
            matching=fts5_plain(text),
            outlet=within.outlet,
            published_from=within.published_from,
            published_to=within.published_to,
            story=within.story,
        )
        found = reader.annotations("quotes", query_q, offset, size)
        return Found(kind, found.total, list(found.items))
    if kind == "claims":
        query_c = ClaimQuery(
            words=words,
            matching=fts5_plain(text),
            order="sources",
            outlet=within.outlet,
            published_from=within.published_from,
            published_to=within.published_to,
            story=within.story,
        )
        claims_found = reader.claims(query_c, offset, size)
        return Found(kind, claims_found.total, list(claims_found.items), claims_found.more)
    entities_found = reader.store.entity_summaries(EntityQuery(name=" ".join(words), story=within.story), offset, size)
    rows = [
        {"id": e.id, "name": e.name, "type": e.type, "description": e.description, "mentions": e.mentions}
        for e in entities_found.items
    ]
    return Found(kind, entities_found.total, rows)
