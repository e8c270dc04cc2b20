"""The web UI's pages: the briefing, timeline, actor network, voices, claims, coverage, articles,
search and the document reader. Each handler picks the story's data; the templates (Jinja2 with
autoescaping on) show it, and every item links to its evidence in the reader."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar
from urllib.parse import quote

import jinja2
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from newsdesk import __version__
from newsdesk.model import Story
from newsdesk.report.when import readable
from newsdesk.store import Store
from newsdesk.store.base import AnnotationQuery, ClaimQuery, RelationQuery
from newsdesk.story.one import titled
from newsdesk.story.reader import StoryReader
from newsdesk.story.snapshot import Story as Snapshot
from newsdesk.story.snapshot import StorySource
from newsdesk.web import STATIC, TEMPLATES
from newsdesk.web.charts import Edge, actors, edges, kinds, network_data
from newsdesk.web.downloads import downloads
from newsdesk.web.reader import Marks, parse_range, render_document
from newsdesk.web.sections import CoverageRow, coverage_matrix, ranked_claims, voices_by_doc, voices_of
from newsdesk.web.view import (
    Frame,
    StoryView,
    count,
    current_base,
    current_view,
    doc_url,
    entity_url,
    evidence_url,
    short,
)

# The snapshot of a page that shows no story's sections (the list of stories).
EMPTY: dict[str, Any] = {"newsdesk": {}}
Handler = TypeVar("Handler", bound=Callable[..., HTMLResponse])
router = APIRouter(include_in_schema=False)


def page(path: str) -> Callable[[Handler], Handler]:
    """A page at ``path``, answering GET and HEAD (link checkers and ``curl -I`` ask with HEAD)."""
    return router.api_route(path, methods=["GET", "HEAD"], response_class=HTMLResponse)


NAV = (
    ("overview", "/", "Overview"),
    ("timeline", "/timeline", "Timeline"),
    ("network", "/network", "Network"),
    ("voices", "/voices", "Voices"),
    ("claims", "/claims", "Claims"),
    ("coverage", "/coverage", "Coverage"),
    ("articles", "/articles", "Articles"),
    ("entities", "/entities", "Entities"),
)
TYPE_NAMES = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "state or place",
    "LOC": "place",
    "NORP": "nationality or group",
    "FAC": "facility",
    "PRODUCT": "equipment",
    "EVENT": "event",
}
# The npm build's files (``make vendor``) each view loads when they are there.
VENDOR = {
    "timeline": ("vis-data.min.js", "moment.min.js", "vis-timeline-graph2d.min.js", "vis-timeline-graph2d.min.css"),
    "network": ("vis-data.min.js", "vis-network.min.js", "vis-network.min.css"),
}


def _base_of(context: Any, doc: str) -> str:
    """Where an article's pages are, seen from the page rendered: its story's pages when it is one
    of the story's articles (``members``; every article on the whole store's pages), else the
    whole store's."""
    base: str = context.get("base", "")
    members: Container[str] | None = context.get("members")
    return base if members is None or doc in members else ""


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )
    environment.globals.update(
        # Links stay inside the pages shown: a story page's links go to that story's pages (an
        # article of another story, which a list page's claim or happening may cite, to its own).
        evidence_url=jinja2.pass_context(
            lambda ctx, doc, start, end: _base_of(ctx, doc) + evidence_url(doc, start, end)
        ),
        doc_url=jinja2.pass_context(lambda ctx, doc: _base_of(ctx, doc) + doc_url(doc)),
        entity_url=jinja2.pass_context(lambda ctx, entity: ctx.get("base", "") + entity_url(entity)),
        short=short,
        count=count,
        when=readable,
        nav=NAV,
        story_url=lambda story: f"/stories/{quote(story, safe='')}",
        version=__version__,
        downloads=downloads,
    )
    return environment


templates = Jinja2Templates(env=_environment())


def vendor_files(view_name: str) -> list[str]:
    """The vendor files of a view, or none when any is missing (the page shows its table only)."""
    names = VENDOR[view_name]
    if all((STATIC / "vendor" / name).is_file() for name in names):
        return [f"/static/vendor/{name}" for name in names]
    return []


def _page(request: Request, template: str, nav_key: str, status: int = 200, **context: Any) -> HTMLResponse:
    """``template`` rendered with ``context``; ``nav_key`` names the nav bar's current page."""
    view: StoryView = context.pop("view", None) or current_view(request)
    members = view.article if view.base else None
    return framed(request, template, nav_key, view.frame, status, view=view, base=view.base, members=members, **context)


def framed(
    request: Request, template: str, nav_key: str, frame: Frame, status: int = 200, **context: Any
) -> HTMLResponse:
    """``template`` rendered with ``context`` under the story's header (``frame``); the list pages
    come here straight, without the whole story. On one story's pages (``base``, else the
    request's story: ``/stories/ID``) every link stays inside the story."""
    base: str = context.pop("base", None) or current_base(request)
    # The story's articles (on a list page: as numbered for it, newsdesk.web.stories).
    members = context.pop("members", None) or (getattr(request.state, "story_numbers", None) if base else None)
    # Correction forms are shown only on a server that takes writes (and work only with its token).
    # Corrections act on the whole store's claims and entities: not offered on one story's pages.
    write = bool(request.app.state.write) and not base
    # A story's pages link to one another: its own nav bar.
    nav = context.pop("nav", None)
    if nav is None:
        nav = [(key, base + href.rstrip("/") if base else href, name) for key, href, name in NAV]
    return templates.TemplateResponse(
        request,
        template,
        {
            "frame": frame,
            "page": nav_key,
            "query": "",
            "write": write,
            "base": base,
            "members": members,
            "nav": nav,
            **context,
        },
        status_code=status,
    )


# The briefing's items per section on the overview (``newsdesk brief``'s default), and the most
# outlets the overview counts (a store has a few hundred at most).
BRIEFING_LIMIT = 12
MAX_OUTLETS = 100_000


@page("/")
def overview(request: Request, start: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    if getattr(request.state, "story_view", None) is None:
        # A mixed pile: the home page lists its stories, each with its own overview and tabs.
        stories = request.app.state.stories.stories()
        if len(stories) > 1:
            return story_list(request, stories, start)
        return store_overview(request)
    view = current_view(request)
    documents, claims = view.section("documents"), view.section("claims")
    counts = {
        "articles": len(documents),
        "outlets": len({d["outlet"] for d in documents if d["outlet"]}),
        "entities": len(view.section("entities")),
        "quotes": sum(1 for q in view.section("quotes") if q["kind"] != "scare"),
        "claims": len(claims),
        "shared claims": sum(1 for c in claims if len(c["documents"]) > 1),
        "happenings": len(view.section("timeline")),
        "relations": len(view.section("relations")),
    }
    briefing = view.story.briefing
    if view.base:  # one story of a mixed pile: its briefing goes by the story's title
        briefing = titled(briefing, view.title, len(documents))
    # The briefing lists its sources in the export's order of documents, numbered A1, A2, ...
    sources = [(key, label, d["id"]) for (key, label), d in zip(briefing.sources, documents, strict=True)]
    return _page(request, "overview.html", "overview", view=view, briefing=briefing, sources=sources, counts=counts)


def store_overview(request: Request) -> HTMLResponse:
    """The whole store's overview: the briefing and the counts, read from the store page by page
    (``StorySource.briefing``), never the whole story; kept while the database is unchanged."""
    source: StorySource = request.app.state.source
    briefing = source.briefing(BRIEFING_LIMIT)
    store = source.reader()
    with store.reading():
        counts = source.remembered("overview counts", lambda: _store_counts(store, source))
    frame = Frame(briefing.title.removeprefix("Story briefing: "), counts["articles"])
    sources = [(key, label, doc) for (key, label), doc in zip(briefing.sources, briefing.documents, strict=True)]
    return framed(request, "overview.html", "overview", frame, briefing=briefing, sources=sources, counts=counts)


def _store_counts(store: Store, source: StorySource) -> dict[str, int]:
    """The overview's counts from the store's own counts (the network's edges: worked out once)."""
    stored = store.counts()
    scare = store.annotation_page("quotes", AnnotationQuery(kinds=("scare",)), 0, 0).total
    reader = StoryReader(store)
    return {
        "articles": stored["documents"],
        "outlets": len(store.outlet_counts(MAX_OUTLETS)),
        "entities": stored["entities"],
        "quotes": stored["quotes"] - scare,
        "claims": stored["claims"],
        "shared claims": store.claim_page(ClaimQuery(min_documents=2), 0, 0).total,
        "happenings": stored["timeline"],
        "relations": source.remembered("relations", lambda: reader.relations(RelationQuery(), 0, 0).page.total),
    }


# Stories listed on one page of the home page (``?start=`` pages on).
STORIES_PER_PAGE = 100


def story_list(request: Request, stories: list[Story], start: int = 0) -> HTMLResponse:
    """The stories, newest first, each with its dates, articles and outlets (a page of them)."""
    source: StorySource = request.app.state.source
    articles = source.reader().count()
    view = StoryView(Snapshot.of(EMPTY), title="Stories")
    return framed(
        request,
        "stories.html",
        "stories",
        Frame(view.title, articles),
        view=view,
        stories=stories[start : start + STORIES_PER_PAGE],
        total=len(stories),
        start=start,
        per_page=STORIES_PER_PAGE,
        articles=articles,
        placed=sum(len(story.documents) for story in stories),
        nav=[],
    )


def story_network(request: Request, view: StoryView) -> HTMLResponse:
    """One story's own network (``newsdesk.web.whole`` has the whole store's)."""
    grouped = edges(view.section("relations"), view.names)
    graph = network_data(grouped, actors(view), view.names, view.base)
    context = network_context(grouped, graph, view.names, view.article)
    return _page(request, "network.html", "network", view=view, vendor=vendor_files("network"), **context)


def network_context(
    grouped: list[Edge], graph: dict[str, Any], names: Mapping[str, str], numbers: Mapping[str, str]
) -> dict[str, Any]:
    """What the network's template shows: the edges, their kinds, the graph, the actors' names
    and the articles' numbers ("A12") its evidence links show."""
    return {
        "edges": grouped,
        "kinds": kinds(grouped),
        "graph": graph,
        "types": sorted({node["group"] for node in graph["nodes"]}),
        "type_names": TYPE_NAMES,
        "names": names,
        "numbers": numbers,
    }


def corrected_claims(view: StoryView) -> set[str]:
    """The claims whose grouping an analyst's correction (not withdrawn) set."""
    records = view.section("corrections")
    return {c for r in records if r["withdrawn"] is None and r["action"].startswith("claims") for c in r["now"]}


# Claims offered for "merge with" on a claim's page (the analyst may type any id).
CLAIMS_OFFERED = 300


def story_claim(request: Request, view: StoryView, claim_id: str) -> HTMLResponse:
    """A claim of one story's own view (``newsdesk.web.items`` has the whole store's)."""
    claim = view.story.claims.get(claim_id)  # looked up in the story only
    if claim is None:
        what = f"No claim with the id {claim_id!r}: claim ids change when the story is recomputed."
        return _page(request, "not_found.html", "claims", 404, view=view, what=what)
    others = [c for c in ranked_claims(view) if c["id"] != claim_id][:CLAIMS_OFFERED]
    return _page(
        request,
        "claim.html",
        "claims",
        view=view,
        claim=claim,
        labels=view.label,
        others=others,
        corrected=claim_id in corrected_claims(view),
        corrections=[r for r in view.section("corrections") if claim_id in r["now"]],
    )


def story_coverage(request: Request, view: StoryView) -> HTMLResponse:
    """One story's own coverage grid (``newsdesk.web.whole`` has the whole store's)."""
    rows, columns = coverage_matrix(view)
    carried = Counter(doc for claim in view.section("claims") for doc in claim["documents"])
    shown = Coverage(
        rows=rows,
        columns=columns,
        shared_claims=sum(1 for c in view.section("claims") if len(c["documents"]) > 1),
        carried={doc: carried[doc] for doc in columns},
        voices=voices_by_doc(view),
        labels=view.label,
        headings={doc: view.heading(doc) for doc in columns},
        numbers=view.article,
        articles=len(view.article),
    )
    return _page(request, "coverage.html", "coverage", view=view, **shown.context())


@dataclass(frozen=True, slots=True)
class Coverage:
    """What the coverage grid shows: its rows (claims) and columns (articles), how many claims
    more than one article carries, what each column's article carries and whom it quotes, and
    how the columns' articles are cited."""

    rows: list[CoverageRow]
    columns: list[str]
    shared_claims: int
    carried: Mapping[str, int]
    voices: Mapping[str, list[tuple[str, int]]]
    labels: Mapping[str, str]
    headings: Mapping[str, str]
    numbers: Mapping[str, str]
    articles: int

    def context(self) -> dict[str, Any]:
        shared = {doc: sum(1 for row in self.rows if row.cells[column]) for column, doc in enumerate(self.columns)}
        return {
            "rows": self.rows,
            "columns": self.columns,
            "shared_claims": self.shared_claims,
            "shared": shared,
            "carried": self.carried,
            "voices": self.voices,
            "labels": self.labels,
            "headings": self.headings,
            "numbers": self.numbers,
            "articles": self.articles,
        }


def story_reader(request: Request, view: StoryView, doc_id: str, hl: str | None) -> HTMLResponse:
    """An article of one story's own view (``newsdesk.web.items`` has the whole store's)."""
    document = view.story.documents.get(doc_id)  # looked up in the story only, never on disk
    if document is None:
        return _page(request, "not_found.html", "articles", 404, view=view, what=f"No article with the id {doc_id!r}.")
    marked = parse_range(hl, len(document["text"]))
    return _page(
        request,
        "reader.html",
        "reader",
        view=view,
        doc=document,
        marked=marked,
        asked=hl,
        body=render_document(document, Marks.of_view(view, doc_id), marked),
        number=view.article[doc_id],
        heading=view.heading(doc_id),
        quotes=view.story.quotes_by_doc.get(doc_id, []),
        voices=voices_of(view.story.quotes_by_doc.get(doc_id, [])),
    )
