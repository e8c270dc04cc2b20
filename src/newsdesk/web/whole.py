"""The pages about the whole store at once, the coverage grid and the actor network, worked out
once per revision of the store from the store's reads (``web.kept``), never from the whole-story
snapshot: the grid from the best corroborated shared claims and the articles carrying most of
them; the network from the relations of the articles that state one, read article by article.
One story's pages read the story's own view (``newsdesk.web.pages``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from newsdesk.store.base import ClaimQuery, DocumentQuery
from newsdesk.story.reader import StoryReader
from newsdesk.web import pages
from newsdesk.web.charts import edges, network_data
from newsdesk.web.kept import kept
from newsdesk.web.lists import facets, labels, reading
from newsdesk.web.pages import Coverage, framed, page
from newsdesk.web.sections import MATRIX_ARTICLES, MATRIX_CLAIMS, matrix_rows, most_carrying, voices_of
from newsdesk.web.view import Record, StoryView, heading

# Relations read at once while the network is worked out (it holds them all: it is the network).
EVERY = 1 << 62


def _shown(
    request: Request,
    name: str,
    of_story: Callable[[Request, StoryView], HTMLResponse],
    compute: Callable[[Request, StoryReader], dict[str, Any]],
    **fresh: Any,
) -> HTMLResponse:
    """The page ``name`` (its template and tab): on one story's pages ``of_story`` over the
    story's view, else what ``compute`` works out of the store, once per revision, with
    ``fresh`` (looked up on each request)."""
    view: StoryView | None = getattr(request.state, "story_view", None)
    if view is not None:
        return of_story(request, view)
    with reading(request) as reader:
        known = facets(request, reader)
        shown = kept(request, name, None, lambda: compute(request, reader))
    return framed(request, f"{name}.html", name, known.frame, **shown, **fresh)


@page("/coverage")
def coverage(request: Request) -> HTMLResponse:
    return _shown(request, "coverage", pages.story_coverage, lambda r, reader: _coverage(r, reader).context())


def _coverage(request: Request, reader: StoryReader) -> Coverage:
    store = reader.store
    # Ranked as ``sections.ranked_claims``: reported facts, then views, most sources first.
    chosen: list[Record] = []
    shared = 0
    for kind in ("fact", "view"):
        found = reader.claims(ClaimQuery(kind=kind, min_documents=2, order="sources"), 0, MATRIX_CLAIMS - len(chosen))
        chosen += found.items
        shared += found.total
    articles = store.count()
    if articles > MATRIX_ARTICLES:
        heads = store.document_heads(sorted(most_carrying(chosen, MATRIX_ARTICLES)))
        columns = sorted(heads, key=lambda doc: heads[doc].position)
    else:
        columns = list(store.document_page(DocumentQuery(), 0, articles).items)
    quotes = reader.per_document(columns, frozenset({"quotes"}))
    named = labels(request, reader, columns)
    return Coverage(
        rows=matrix_rows(chosen, columns),
        columns=columns,
        shared_claims=shared,
        carried={doc: len(claims) for doc, claims in store.claims_carried(columns).items()},
        voices={doc: voices_of(quotes[doc].quotes) for doc in columns if doc in quotes},
        labels=named,
        headings={d["id"]: heading(d) for d in reader.document_records(columns)},
        numbers={doc: label.split(" ", 1)[0] for doc, label in named.items()},
        articles=articles,
    )


@page("/network")
def network(request: Request) -> HTMLResponse:
    # The chart's files are looked up on each request (``make vendor`` while the server runs).
    return _shown(request, "network", pages.story_network, _network, vendor=pages.vendor_files("network"))


def _network(request: Request, reader: StoryReader) -> dict[str, Any]:
    store = reader.store
    relations = list(reader.relations(lambda _: True, 0, EVERY).items)
    tied = sorted({r["source"] for r in relations} | {r["target"] for r in relations})
    names = store.entity_names(tied)
    wanted = set(tied)
    actors = {
        head.entity.id: {
            "name": head.entity.name,
            "type": head.entity.type,
            "description": head.entity.description,
            "mentions": head.mentions,
        }
        for head in store.each_entity_head()
        if head.entity.id in wanted
    }
    grouped = edges(relations, names)
    graph = network_data(grouped, actors, names, "")
    cited = [r["evidence"]["doc"] for edge in grouped for r in edge.relations[:4]]
    numbers = {doc: label.split(" ", 1)[0] for doc, label in labels(request, reader, cited).items()}
    return pages.network_context(grouped, graph, names, numbers)
