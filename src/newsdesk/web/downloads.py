"""The header's Download menu: every file the API's ``/api/downloads`` serves, grouped as the
command line writes them (``newsdesk brief``, ``newsdesk export``); on a story's pages, that
story's files."""

from __future__ import annotations

from dataclasses import dataclass, replace

from newsdesk.report.tables import TABLE_NAMES


@dataclass(frozen=True, slots=True)
class Download:
    label: str
    href: str
    about: str


DOWNLOADS: tuple[tuple[str, tuple[Download, ...]], ...] = (
    (
        "Briefing",
        (
            Download("Markdown", "/api/downloads/briefing.md", "the one-page briefing as Markdown"),
            Download("HTML", "/api/downloads/briefing.html", "the one-page briefing as one HTML file"),
        ),
    ),
    (
        "Export",
        (
            Download("JSON", "/api/downloads/export.json", "everything found, as the export contract says"),
            Download("JSON Lines", "/api/downloads/export.jsonl", "the same, one record a line"),
            Download("GraphML", "/api/downloads/network.graphml", "the actor network, for Gephi or yEd"),
        ),
    ),
    (
        "CSV tables",
        (
            Download("all (zip)", "/api/downloads/tables.zip", "one CSV file per section, in a zip file"),
            *(
                Download(name.replace("_", " "), f"/api/downloads/tables/{name}.csv", f"the {name} table")
                for name in TABLE_NAMES
            ),
        ),
    ),
)


Groups = tuple[tuple[str, tuple[Download, ...]], ...]
STORY_PAGES = "/stories/"


def downloads(base: str = "") -> Groups:
    """The menu of the pages under ``base``: the whole store's files, or on a story's pages
    (``base`` is ``/stories/ID``, the id already quoted for a URL) the files of that story."""
    if not base.startswith(STORY_PAGES):
        return DOWNLOADS
    story = base.removeprefix(STORY_PAGES)
    return tuple(
        (group, tuple(replace(file, href=f"{file.href}?story={story}") for file in files)) for group, files in DOWNLOADS
    )
