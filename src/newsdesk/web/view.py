"""What the pages need beyond the API's :class:`~newsdesk.story.snapshot.Story`: article numbers and
labels, entity names, per-document times, evidence links. Built once per story snapshot and kept
on the application's state, so a page never rebuilds it while the database is unchanged."""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request

from newsdesk.report.brief import story_title
from newsdesk.story.snapshot import Story

Record = dict[str, Any]


def evidence_url(doc: str, start: int, end: int) -> str:
    """The reader scrolled to ``text[start:end]`` of document ``doc``, marked."""
    return f"/doc/{quote(doc, safe='')}?hl={int(start)}-{int(end)}#hl"


def doc_url(doc: str) -> str:
    return f"/doc/{quote(doc, safe='')}"


def entity_url(entity: str) -> str:
    return f"/entity/{quote(entity, safe='')}"


@dataclass(frozen=True, slots=True)
class Frame:
    """What every page's header and footer show: the story's title and its number of articles."""

    title: str
    articles: int


@dataclass(slots=True)
class StoryView:
    story: Story
    article: dict[str, str] = field(default_factory=dict)  # doc id -> "A1", as the briefing numbers them
    label: dict[str, str] = field(default_factory=dict)  # doc id -> "A1 Al Jazeera"
    names: dict[str, str] = field(default_factory=dict)  # entity id -> canonical name
    times_by_doc: dict[str, list[Record]] = field(default_factory=dict)
    title: str = ""
    # Where the view's pages are: "" for the whole store, "/stories/ID" for one story of it.
    base: str = ""

    @classmethod
    def of(cls, story: Story) -> StoryView:
        view = cls(story)
        documents = view.section("documents")
        for number, document in enumerate(documents, start=1):
            key = f"A{number}"
            view.article[document["id"]] = key
            outlet = document["outlet"] or (document["reported_from"][0] if document["reported_from"] else None)
            name = outlet or document["title"] or PurePosixPath(document["source"].replace("\\", "/")).name
            view.label[document["id"]] = f"{key} {short(name, 32)}"
        entities = view.section("entities")
        view.names = {e["id"]: e["name"] for e in entities}
        times: dict[str, list[Record]] = defaultdict(list)
        for time in view.section("times"):
            times[time["doc"]].append(time)
        view.times_by_doc = dict(times)
        # The briefing's title without building the briefing (every page shows it).
        title = story_title({"entities": entities, "documents": documents}, view.names)
        view.title = title.removeprefix("Story briefing: ")
        return view

    @property
    def frame(self) -> Frame:
        return Frame(self.title, len(self.article))

    def section(self, name: str) -> list[Record]:
        """One section of the export, from the story's sections (no page needs the whole export)."""
        found: list[Record] = getattr(self.story.sections, name)
        return found

    def heading(self, doc: str) -> str:
        return heading(self.story.documents[doc])


def heading(document: Record) -> str:
    """The article's headline, or its source when it has none; a title made from the lead says so."""
    if document["title"] and document.get("title_how") == "lead-sentence":
        return f"{document['title']}… (from the lead)"
    return str(document["title"] or document["source"])


class _Cache:
    """The view of the story last served, replaced when the API hands out a new snapshot."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.view: StoryView | None = None


def current_base(request: Request) -> str:
    """Where the request's pages are: "" for the whole store's, "/stories/ID" on one story's
    (set by ``newsdesk.web.stories``, with or without the story's whole view)."""
    chosen: StoryView | None = getattr(request.state, "story_view", None)
    if chosen is not None:
        return chosen.base
    return str(getattr(request.state, "story_base", ""))


def current_view(request: Request) -> StoryView:
    """The view a page shows: the one story a story page chose (``request.state.story_view``),
    else the whole store's."""
    chosen: StoryView | None = getattr(request.state, "story_view", None)
    if chosen is not None:
        return chosen
    app: FastAPI = request.app
    story: Story = app.state.source.current()
    cache: _Cache | None = getattr(app.state, "web_view_cache", None)
    if cache is None:
        cache = app.state.web_view_cache = _Cache()
    with cache.lock:
        if cache.view is None or cache.view.story is not story:
            cache.view = StoryView.of(story)
        return cache.view


def short(text: str, width: int = 160) -> str:
    """``text`` on one line, cut at a word before ``width`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"


def count(number: int, noun: str) -> str:
    """``3 quotes``, ``1 quote``."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
