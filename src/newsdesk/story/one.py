"""One story of a mixed pile, exported on its own: its articles, and the entities, timeline, claims
and sources the story stages find among those articles alone, so that nothing of another story
leaks into its briefing, timeline or claims (a claim is never corroborated by an article of
another story). It is worked out when asked for, in time and memory that grow with the story,
not with the store."""

from __future__ import annotations

import dataclasses
from typing import Any

from newsdesk.corpus import stories as storying
from newsdesk.corpus.stages import Story, selected
from newsdesk.model import Story as StoryRecord
from newsdesk.report.stories import add_stories
from newsdesk.settings import Settings
from newsdesk.store.base import Store
from newsdesk.story.export import build_export


class UnknownStory(LookupError):
    """No story with that id; the message says how to list them."""


def story_tables(store: Store, story_id: str) -> tuple[StoryRecord, Story]:
    """One story (an id merged into another stands for that one) and the story stages' tables
    worked out among its articles alone."""
    current = store.story_of(story_id)
    chosen = next((s for s in store.stories() if s.id == current), None) if current else None
    if chosen is None:
        raise UnknownStory(f"no story {story_id!r} (list them with 'newsdesk stories')")
    tables = Story(tuple(store.documents(list(chosen.documents))), tuple(store.corrections()))
    for step in selected(Settings()):
        if step.stage.name != storying.EXTRACTOR:
            tables = step.stage.run(tables, Settings())
    return chosen, tables


def story_export(store: Store, story_id: str) -> dict[str, Any]:
    """The export object of one story."""
    chosen, tables = story_tables(store, story_id)
    export = build_export(
        tables.dated() if tables.times is not None else tables.documents,
        tables.entities or [],
        tables.references,
        tables.timeline or [],
        tables.claims or [],
        tables.sources,
        tables.corrections,
    )
    return add_stories(export, [dataclasses.replace(chosen, others=())])
