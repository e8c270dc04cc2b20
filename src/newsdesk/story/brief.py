"""The story briefing (``report.brief``) with the kinds of happening the story stages name, built
from an export object or read from the store page by page (:func:`store_briefing`).

:func:`store_briefing` never holds the whole story. Each section it lists is a top-N read from
indexed queries: the most reported timeline entries (``Store.timeline_page`` by documents, read
until the entries told are found), the facts and views most sources carry (``Store.claim_page``),
the top entities for the title (``Store.entity_heads``), the largest independent sources
(``Store.source_page``). What the briefing counts or ranks over the whole story is gathered in one
pass each, keeping counts, not records: the articles with their quotes (date span, outlets; who
said what and whom each listed source quotes, by the names the speaker links stage stored:
``Store.spoken_quotes``), the contested claims (the disagreements, each once) and the network's
ties. Those passes read page by page, so memory stays flat, but their time grows
with the story. A long story's lists are bounded, each with "and N more": the sources
(:data:`SOURCES_LISTED` articles, and every article cited), the disagreements
(:data:`DISAGREEMENTS_LISTED`), the outlets of the first line (:data:`OUTLETS_LISTED`), the
sources of the coverage section (:data:`COVERAGE_LISTED`, each naming :data:`ARTICLES_NAMED`
articles); a story within those bounds gets the briefing of its export object.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from newsdesk.corpus.happenings import KIND_OF
from newsdesk.report import brief
from newsdesk.report.brief import Briefing, Network, Voices, Whole, conflict_kinds
from newsdesk.store.base import (
    ClaimQuery,
    DocumentQuery,
    EntityQuery,
    RelationQuery,
    SpokenQuote,
    Store,
    TimelineQuery,
)
from newsdesk.story.reader import StoryReader

HAPPENINGS = frozenset(KIND_OF.values())
Record = dict[str, Any]

# Rows read at once by the passes over the whole story.
PAGE = 500
# Bounds of the lists of a long story (each then says how many it leaves out).
SOURCES_LISTED = 100
DISAGREEMENTS_LISTED = 50
OUTLETS_LISTED = 40
COVERAGE_LISTED = 40
ARTICLES_NAMED = 20
# The granularities a happening told in "What happened" is dated to.
_TOLD = ("day", "month", "year", "minute", "hour")


def build_briefing(export: dict[str, Any], limit: int = 12) -> Briefing:
    """The one-page briefing of an export object, ``limit`` items per section."""
    return brief.build_briefing(export, limit, happenings=HAPPENINGS)


def store_briefing(store: Store, limit: int = 12) -> Briefing:
    """The one-page briefing of every stored article, ``limit`` items per section, read from the
    store page by page (the same briefing as ``build_briefing(export_store(store))`` for a story
    within the bounds of the module's lists)."""
    reader = StoryReader(store)
    with store.reading():
        articles = store.count()
        first_page = store.document_page(DocumentQuery(), 0, SOURCES_LISTED).items
        facts = reader.claims(ClaimQuery(min_documents=2, kind="fact"), 0, limit).items
        views = reader.claims(ClaimQuery(min_documents=2, kind="view"), 0, limit).items
        key_claims = list(facts)
        sources = store.source_page(0, COVERAGE_LISTED)
        listed = {doc: source for source, docs in sources.items for doc in docs[:ARTICLES_NAMED]}
        whole, coverage = _whole_pass(store, reader, first_page, limit, sources.items)
        coverage_rows = _coverage_rows(sources.items, coverage, key_claims)
        export: dict[str, Any] = {
            "entities": _title_entities(store),
            "timeline": _told_entries(reader, limit),
            "claims": [*facts, *views],
            "coverage_by_source": coverage_rows,
        }
        cited = dict.fromkeys([*first_page, *listed, *_docs_in(export), *_docs_in_whole(whole)])
        cited |= dict.fromkeys(_relayed_sources(store, facts))
        heads = store.document_heads([doc for doc in cited if doc not in first_page])
        number = {doc: place for place, doc in enumerate(first_page, start=1)}
        number |= {doc: head.position for doc, head in heads.items()}
        export["documents"] = reader.document_records(sorted(number, key=number.__getitem__))
        export["entities"] += _named(store, export, whole)
    whole.article = {doc: f"A{n}" for doc, n in number.items()}
    whole.more_sources = articles - len(number)
    built = brief.build_briefing(export, limit, happenings=HAPPENINGS, whole=whole)
    if sources.total > len(sources.items):
        more = sources.total - len(sources.items)
        built.sections = [
            (heading, [*lines, brief.Line(f"and {more} more sources")] if heading == "Coverage by outlet" else lines)
            for heading, lines in built.sections
        ]
    return built


def _told_entries(reader: StoryReader, limit: int) -> list[Record]:
    """The timeline entries "What happened" may tell and the most reported one, most reported
    first: read by report count until the entries of the counts read tell ``limit`` happenings."""
    query = TimelineQuery(order="documents")
    chosen: list[Record] = []
    told: set[tuple[str, int]] = set()
    offset = 0
    while True:
        page = reader.timeline(query, offset, PAGE)
        for entry in page.items:
            reported = len(entry["documents"])
            if len(told) >= limit and reported < len(chosen[-1]["documents"]):
                return chosen  # every entry reported more often is read: the ranking is settled
            if entry["granularity"] in _TOLD and (entry["kind"] in HAPPENINGS or reported > 1):
                first = entry["reports"][0]
                told.add((first["doc"], first["start"]))
                chosen.append(entry)
            elif not chosen:
                chosen.append(entry)  # the most reported entry, told in brief whatever its kind
        offset += PAGE
        if offset >= page.total:
            return chosen


def _title_entities(store: Store) -> list[Record]:
    """The most mentioned entities, up to the fourth that stands for no other (the title's)."""
    found: list[Record] = []
    actors = 0
    offset = 0
    while actors < 4:
        page = StoryReader(store).entity_heads(EntityQuery(), offset, 20)
        for entity in page.items:
            found.append(entity)
            actors += not any(link["relation"] in brief.STANDS for link in entity["links"])
            if actors == 4:
                break
        offset += 20
        if offset >= page.total:
            break
    return found


def _named(store: Store, export: dict[str, Any], whole: Whole) -> list[Record]:
    """The entities the listed happenings and ties name, each with its links (a demonym names the
    country it is of), and the entities those links name."""
    ids = {p for entry in export["timeline"] for p in entry["participants"]}
    ids |= {end for (source, target, *_), _ in whole.edges for end in (source, target)}
    ids -= {e["id"] for e in export["entities"]}
    heads = [_head(entity) for entity in store.entities(sorted(ids))]
    linked = {link["entity"] for e in heads for link in e["links"] if link["relation"] == "demonym-of"}
    names = store.entity_names(sorted(linked - ids))
    return [*heads, *({"id": i, "name": n, "links": []} for i, n in names.items())]


def _head(entity: Any) -> Record:
    links = [{"relation": link.relation, "entity": link.target} for link in entity.links]
    return {"id": entity.id, "name": entity.name, "links": links}


def _whole_pass(
    store: Store,
    reader: StoryReader,
    openings: tuple[str, ...],
    limit: int,
    sources: tuple[tuple[str, tuple[str, ...]], ...],
) -> tuple[Whole, dict[str, Record]]:
    """What the briefing counts over the whole story, each gathered in one pass; with, per source
    of the coverage section, the outlets and sources of its articles and whom they quote."""
    source_of = {doc: source for source, docs in sources for doc in docs}
    coverage: dict[str, Record] = {
        source: {"outlets": set(), "doc_sources": set(docs), "voices": {}} for source, docs in sources
    }
    first_date: str | None = None
    last_date: str | None = None
    outlets: set[str] = set()
    voices = Voices()
    for ids in _document_pages(store):
        dates = store.reference_dates(ids)
        spoken = store.spoken_quotes(ids)
        for doc in ids:
            quotes = [_quote_record(quote) for quote in spoken.get(doc, [])]
            for quote in quotes:
                voices.add(quote)
            row = coverage.get(source_of.get(doc, ""))
            if row is not None:
                _add_voices(row["voices"], quotes)
        for document in store.documents(ids, annotations=False):
            own = document.outlet.value if document.outlet else None
            outlet = own or (document.reported_from[0].value if document.reported_from else None)
            if outlet:
                outlets.add(outlet)
            row = coverage.get(source_of.get(document.id, ""))
            if row is not None:
                row["outlets"].add(own)
                row["doc_sources"].add(document.source)
            reference = dates.get(document.id)
            if reference is not None:
                first_date = reference.date if first_date is None else min(first_date, reference.date)
                last_date = reference.date if last_date is None else max(last_date, reference.date)
    network = Network()
    for relation in _network(reader):
        network.add(relation)
    conflicts, kinds, total = _conflicts(reader)
    named = sorted(outlets)
    shown = named[:OUTLETS_LISTED] + ([f"{len(named) - OUTLETS_LISTED} more"] if len(named) > OUTLETS_LISTED else [])
    whole = Whole(
        articles=store.count(),
        first_date=first_date,
        last_date=last_date,
        outlets=shown,
        openings=list(openings),
        shared_claims=store.claim_page(ClaimQuery(min_sources=2), 0, 0).total,
        conflicts=conflicts,
        conflict_kinds=kinds,
        conflicts_total=total,
        voices=voices.top(limit),
        edges=network.top(limit),
    )
    return whole, coverage


def _add_voices(counted: dict[str, int], quotes: list[Record]) -> None:
    """Whom an article quotes, most quoted first, added to its source's counts (as
    ``report.claims.Coverage.row`` and ``SourceCoverage.add`` count them)."""
    own: dict[str, int] = {}
    for quote in quotes:
        name = quote["speaker"]["name"]
        if name and quote["kind"] != "scare":
            own[name] = own.get(name, 0) + 1
    for name, count in sorted(own.items(), key=lambda v: -v[1]):
        counted[name] = counted.get(name, 0) + count


def _coverage_rows(
    sources: tuple[tuple[str, tuple[str, ...]], ...], coverage: dict[str, Record], key_claims: list[Record]
) -> list[Record]:
    rows = []
    for source, docs in sources:
        gathered = coverage[source]
        held = set(docs)
        rows.append(
            {
                "source": source,
                "documents": list(docs[:ARTICLES_NAMED]),
                "more_documents": max(0, len(docs) - ARTICLES_NAMED),
                "claims": [c["id"] for c in key_claims if held & set(c["documents"])],
                "voices": [{"name": n} for n, _ in sorted(gathered["voices"].items(), key=lambda v: -v[1])[:5]],
                "outlets": gathered["outlets"],
                "doc_sources": gathered["doc_sources"],
            }
        )
    return rows


def _network(reader: StoryReader) -> Iterator[Record]:
    """The network's edges as the relation edges stage stored them, in its order, a page at a time."""
    found = reader.relations(RelationQuery(), 0, PAGE)
    while True:
        yield from found.page.items
        if len(found.keys) < PAGE:
            return
        found = reader.relations_after(RelationQuery(), found.keys[-1], PAGE)


def _document_pages(store: Store) -> Iterator[list[str]]:
    """Every stored document's id, in the store's order, a page at a time."""
    query = DocumentQuery()
    ids: list[str] | None = list(store.document_page(query, 0, PAGE).items)
    while ids:
        yield ids
        ids = store.documents_after(query, ids[-1], PAGE) if len(ids) == PAGE else None


def _quote_record(quote: SpokenQuote) -> Record:
    """What the briefing reads of a quote's export record."""
    return {
        "doc": quote.doc,
        "start": quote.start,
        "end": quote.end,
        "kind": quote.kind,
        "text": quote.text,
        "channel": quote.channel,
        "attitude": quote.attitude,
        "speaker": {"name": quote.name, "description": quote.description},
    }


def _conflicts(reader: StoryReader) -> tuple[list[Record], dict[str, int], int]:
    """The disagreements between articles, each once (both claims of a pair list it): the first
    :data:`DISAGREEMENTS_LISTED`, how many of each kind, and how many in all."""
    query = ClaimQuery(contested=True)
    seen: set[tuple[tuple[str, int], ...]] = set()
    listed: list[Record] = []
    kinds: dict[str, int] = {}
    page: list[Record] | None = list(reader.claims(query, 0, PAGE).items)
    while page:
        found = brief.unique_conflicts({"claims": page}, seen)
        listed += found[: DISAGREEMENTS_LISTED - len(listed)]
        for kind, n in conflict_kinds(found).items():
            kinds[kind] = kinds.get(kind, 0) + n
        page = reader.claims_after(query, page[-1]["id"], PAGE) if len(page) == PAGE else None
    return listed, kinds, len(seen)


def _docs_in(export: dict[str, Any]) -> Iterator[str]:
    """The documents the records of the listed sections cite."""
    for entry in export["timeline"]:
        yield from (r["doc"] for r in entry["reports"][:3])
    for claim in export["claims"]:
        yield from (e["doc"] for e in claim["evidence"][:4])
        yield from (s["doc"] for s in claim["statements"] if s["speaker"]["entity"])


def _relayed_sources(store: Store, claims: Sequence[Record]) -> list[str]:
    """The articles a key claim names as its independent source (an article of no outlet is its
    own source, named by where it comes from), read without their text."""
    ids = sorted({doc for claim in claims for doc in claim["documents"]})
    named = {source for claim in claims for source in claim["sources"]}
    return [doc for doc, head in store.document_heads(ids).items() if head.source in named]


def _docs_in_whole(whole: Whole) -> Iterator[str]:
    for conflict in whole.conflicts:
        yield from (conflict[side]["doc"] for side in ("ours", "theirs"))
    for voice in whole.voices:
        yield from (q["doc"] for q in voice.first)
    for _, edge in whole.edges:
        yield from (r["evidence"]["doc"] for r in edge.first)
