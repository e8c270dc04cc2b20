"""An entity's page: what the story says of it (how it is described and linked, what it said, its
ties, the claims naming it) and its mentions.

On the whole store's pages every part is a bounded read of the store, whatever the story's size:
the entity's head (its stored counts and aliases), a page of its mentions read by key (``?after=``
pages on), the first of its quotes, ties and claims with how many there are and a link to the
list that has them all. One story's page (``/stories/ID/entity/...``) reads the story's own view,
worked out among its articles alone (its entities are its own)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import HTMLResponse

from newsdesk.report.export import mention_record
from newsdesk.store.base import (
    AnnotationQuery,
    ClaimQuery,
    EntityQuery,
    MentionKey,
    mention_after,
    mention_key,
)
from newsdesk.story.corrections import correction_records_of
from newsdesk.story.reader import StoryReader
from newsdesk.web.kept import kept
from newsdesk.web.lists import SPOKEN, facets, labels, reading
from newsdesk.web.pages import _page, framed, page
from newsdesk.web.sections import ranked_claims
from newsdesk.web.view import Record, StoryView

# Mentions on one page of an entity's page (``?after=`` pages on, by document then position).
MENTIONS_PER_PAGE = 100
# Mentions listed per article on an entity's page (the reader marks them all).
MENTIONS_PER_ARTICLE = 5
# Quotes shown on an entity's page (/voices?entity= has them all).
QUOTES_SHOWN = 20
# Ties shown on an entity's page, and the articles read to find them.
TIES_SHOWN = 20
TIES_READ = 100
TIES_CHUNK = 25
# Claims shown on an entity's page (/claims?entity= has them all).
CLAIMS_SHOWN = 20
# Entities offered for "merge with" (the analyst may type any id).
ENTITIES_OFFERED = 300
# Entities whose quotes, ties and claims are kept while the store is unchanged.
ENTITIES_KEPT = 64


@dataclass(frozen=True, slots=True)
class About:
    """What the story says of an entity beyond its mentions: the same on every page of its
    mentions, so worked out once per revision of the store."""

    quotes: list[Record] = field(default_factory=list)
    quoted: int = 0
    ties: list[Record] = field(default_factory=list)
    ties_all: bool = True
    claims: list[Record] = field(default_factory=list)
    claimed: int = 0
    others: list[tuple[str, str, str]] = field(default_factory=list)  # (id, name, type) for "merge with"
    corrections: list[Record] = field(default_factory=list)


@dataclass(slots=True)
class EntityPage:
    """What the template shows of one entity."""

    entity: Record  # the export's record (its ``mentions`` not read: see below)
    mentions: int  # how many, and in how many articles, over all of them
    articles: int
    aliases: list[str]
    shown: list[tuple[str, list[Record]]]  # this page's mentions, by article
    about: About
    after: str | None = None  # this page starts after this mention (None: the first page)
    following: str | None = None  # the ``after`` of the next page (None: the last)

    def groups(self) -> list[tuple[str, str, list[str]]]:
        """For the split form: the page's mentions by article and by how they are written, with their keys."""
        found: dict[tuple[str, str], list[str]] = {}
        for doc, mentions in self.shown:
            for mention in mentions:
                found.setdefault((doc, mention["text"]), []).append(f"{mention['doc']}:{mention['start']}")
        return [(doc, alias, keys) for (doc, alias), keys in found.items()]


@page("/entity/{entity_id}")
def entity_page(request: Request, entity_id: str, after: Annotated[str | None, Query()] = None) -> HTMLResponse:
    view: StoryView | None = getattr(request.state, "story_view", None)
    if view is not None:
        return _story_entity(request, view, entity_id)
    try:
        key = mention_key(after) if after else None
    except ValueError:
        key = None  # a malformed key starts at the first page
    write = bool(request.app.state.write)
    with reading(request) as reader:
        known = facets(request, reader)

        def about(entity_type: str) -> About:
            return kept(
                request,
                "entity",
                (entity_id, write),
                partial(_about, reader, entity_id, entity_type, write),
                size=ENTITIES_KEPT,
            )

        shown = _from_store(reader, entity_id, key, about)
        if shown is None:
            what = f"No entity with the id {entity_id!r}."
            return framed(request, "not_found.html", "entities", known.frame, 404, what=what)
        named = labels(request, reader, [doc for doc, _ in shown.shown] + _cited(shown))
        people = {link["entity"] for link in shown.entity["links"]}
        people |= {p for r in shown.about.ties for p in (r["source"], r["target"])}
        names = reader.store.entity_names(sorted(people))
    shown.after = after if key else None
    return framed(request, "entity.html", "entities", known.frame, **_context(shown, named, names))


def _from_store(
    reader: StoryReader, entity_id: str, after: MentionKey | None, about: Callable[[str], About]
) -> EntityPage | None:
    """The entity's head and one page of its mentions; ``about`` gives the rest, by its type."""
    found_head = reader.entity_head(entity_id)
    if found_head is None:
        return None
    record, head = found_head
    found = reader.store.entity_mentions(entity_id, after, MENTIONS_PER_PAGE + 1)
    mentions = [mention_record(m) for m in found[:MENTIONS_PER_PAGE]]
    following = mention_after(found[MENTIONS_PER_PAGE - 1]) if len(found) > MENTIONS_PER_PAGE else None
    shown = _by_article(mentions)
    page = EntityPage(record, head.mentions, head.articles, list(head.aliases), shown, about(record["type"]))
    page.following = following
    return page


def _about(reader: StoryReader, entity_id: str, entity_type: str, write: bool) -> About:
    store = reader.store
    # Its quotes as the speaker links stage stored who said them.
    spoken = reader.annotations("quotes", AnnotationQuery(kinds=SPOKEN, speaker_entity=entity_id), 0, QUOTES_SHOWN)
    ties, ties_all = _ties(reader, entity_id)
    claims = reader.claims(ClaimQuery(entity=entity_id, order="sources"), 0, CLAIMS_SHOWN)
    others = []
    if write:
        same = store.entity_summaries(EntityQuery(type=entity_type), 0, ENTITIES_OFFERED + 1).items
        others = [(e.id, e.name, e.type) for e in same if e.id != entity_id][:ENTITIES_OFFERED]
    return About(
        quotes=list(spoken.items),
        quoted=spoken.total,
        ties=ties,
        ties_all=ties_all,
        claims=list(claims.items),
        claimed=claims.total,
        others=others,
        corrections=correction_records_of(store, entity_id, claims=False),
    )


def _ties(reader: StoryReader, entity_id: str) -> tuple[list[Record], bool]:
    """The entity's ties in the first articles that state a relation and name it (at most
    ``TIES_READ`` of them read), and whether they are all of them."""
    found: list[Record] = []
    documents = reader.store.relation_documents(entity=entity_id)
    read = 0
    while chunk := list(itertools.islice(documents, min(TIES_CHUNK, TIES_READ - read))):
        read += len(chunk)
        built = reader.per_document(chunk, frozenset({"relations"}))
        for doc in chunk:
            for record in built[doc].relations if doc in built else []:
                if entity_id in (record["source"], record["target"]):
                    if len(found) == TIES_SHOWN:
                        return found, False
                    found.append(record)
        if read >= TIES_READ:
            return found, next(documents, None) is None
    return found, True


def _by_article(mentions: list[Record]) -> list[tuple[str, list[Record]]]:
    grouped: dict[str, list[Record]] = {}
    for mention in mentions:
        grouped.setdefault(mention["doc"], []).append(mention)
    return list(grouped.items())


def _cited(shown: EntityPage) -> list[str]:
    """The articles the page cites besides those of its mentions."""
    entity = shown.entity
    docs = [d["doc"] for d in entity["descriptions"]]
    if entity["description_evidence"]:
        docs.append(entity["description_evidence"]["doc"])
    docs += [q["doc"] for q in shown.about.quotes]
    docs += [r["evidence"]["doc"] for r in shown.about.ties]
    return docs


def _story_entity(request: Request, view: StoryView, entity_id: str) -> HTMLResponse:
    """The entity as one story's own view has it (every mention of it in the story's articles)."""
    entity = view.story.entities.get(entity_id)  # looked up in the story only
    if entity is None:
        what = f"No entity with the id {entity_id!r}."
        return _page(request, "not_found.html", "entities", 404, view=view, what=what)
    by_doc: dict[str, list[Any]] = {}
    for mention in entity["mentions"]:
        by_doc.setdefault(mention["doc"], []).append(mention)
    quotes = [q for q in view.section("quotes") if q["speaker"]["entity"] == entity_id and q["kind"] != "scare"]
    claims = [c for c in ranked_claims(view) if any(entity_id in s["actors"] for s in c["statements"])]
    shown = EntityPage(
        entity=entity,
        mentions=len(entity["mentions"]),
        articles=len(by_doc),
        aliases=list(entity["aliases"]),
        shown=[(doc, by_doc[doc]) for doc in view.article if doc in by_doc],
        about=About(
            quotes=quotes[:QUOTES_SHOWN],
            quoted=len(quotes),
            ties=[r for r in view.section("relations") if entity_id in (r["source"], r["target"])],
            claims=claims[:CLAIMS_SHOWN],
            claimed=len(claims),
        ),
    )
    return _page(request, "entity.html", "entities", view=view, **_context(shown, view.label, view.names))


def _context(shown: EntityPage, labels: dict[str, str], names: dict[str, str]) -> dict[str, Any]:
    return {"shown": shown, "labels": labels, "names": names, "per_article": MENTIONS_PER_ARTICLE}
