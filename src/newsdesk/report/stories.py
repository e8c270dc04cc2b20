"""The export's ``stories`` section, and each document's story."""

from __future__ import annotations

from typing import Any

from newsdesk.model import Story


def story_records(stories: list[Story]) -> list[dict[str, Any]]:
    """The stories as the export shows them, newest first."""
    return [
        {
            "id": s.id,
            "title": s.title,
            "first": s.first,
            "last": s.last,
            "documents": list(s.documents),
            "outlets": list(s.outlets),
            "merged_from": list(s.merged_from),
            # Extension: articles whose main story is another one but that also touch this one.
            "also": list(s.others),
        }
        for s in stories
    ]


def add_stories(export: dict[str, Any], stories: list[Story]) -> dict[str, Any]:
    """``export`` with its ``stories`` section, and each document's ``story`` (None when the
    story stage has not placed it yet) and ``other_story`` (a second story it touches)."""
    export["stories"] = story_records(stories)
    main = {doc: s.id for s in stories for doc in s.documents}
    other = {doc: s.id for s in stories for doc in s.others}
    for document in export["documents"]:
        document["story"] = main.get(document["id"])
        document["other_story"] = other.get(document["id"])
    return export
