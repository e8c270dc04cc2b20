"""The document reader: an article's text with its entities, quotes, dates, headings and removed
junk marked in place, and the evidence a link asked for (``?hl=START-END``) marked as ``#hl``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from newsdesk.report.when import readable
from newsdesk.web.highlight import Highlight, render
from newsdesk.web.view import Record, StoryView

_RANGE = re.compile(r"(\d{1,9})-(\d{1,9})")


def parse_range(value: str | None, length: int) -> tuple[int, int] | None:
    """``START-END`` as offsets into a text of ``length`` characters; None when it is not one."""
    found = _RANGE.fullmatch(value.strip()) if value else None
    if found is None:
        return None
    start, end = int(found[1]), int(found[2])
    return (start, end) if 0 <= start < end <= length else None


@dataclass(frozen=True, slots=True)
class Marks:
    """What the reader marks in one article besides the evidence asked for: its quotes and times
    (their export records) and its entity mentions, each with its entity's record (or the
    ``name``, ``type`` and ``description`` of it)."""

    quotes: list[Record]
    mentions: list[tuple[Record, Record]]
    times: list[Record]

    @classmethod
    def of_view(cls, view: StoryView, doc: str) -> Marks:
        story = view.story
        return cls(story.quotes_by_doc.get(doc, []), story.mentions_by_doc.get(doc, []), view.times_by_doc.get(doc, []))


def highlights(document: Record, marks: Marks, marked: tuple[int, int] | None) -> list[Highlight]:
    found: list[Highlight] = []
    if marked is not None:
        found.append(Highlight(marked[0], marked[1], "hl", title="the cited evidence", anchor="hl"))
    for removed in document["removed"]:
        reason = removed["reason"]
        found.append(Highlight(removed["start"], removed["end"], "removed", title=f"removed: {reason}", label=reason))
    for heading in [document["title_span"], *document["headings"]]:
        if heading:
            found.append(Highlight(heading["start"], heading["end"], "heading"))
    for quote in marks.quotes:
        speaker = quote["speaker"]["name"] or "unattributed"
        how = ", ".join(x for x in (quote["kind"], quote["cue"], quote["channel"] and f"on {quote['channel']}") if x)
        found.append(Highlight(quote["start"], quote["end"], "quote", (f"q-{quote['kind']}",), f"{speaker} ({how})"))
    for entity, mention in marks.mentions:
        about = f", {entity['description']}" if entity["description"] else ""
        found.append(
            Highlight(
                mention["start"],
                mention["end"],
                "entity",
                (f"ent-{entity['type']}",),
                f"{entity['name']} ({entity['type']}{about})",
            )
        )
    for time in marks.times:
        how = f"{time['how']}, read against {time['anchor']}" if time["anchor"] else time["how"]
        told = readable(time["value"])
        value = told if told == time["value"] else f"{told} ({time['value']})"
        found.append(Highlight(time["start"], time["end"], "time", (), f"{value}: {time['type']}, {how}"))
    return found


def render_document(document: Record, marks: Marks, marked: tuple[int, int] | None) -> Markup:
    """The article's whole text, escaped, with :func:`highlights` marked (see ``highlight``)."""
    return render(document["text"], highlights(document, marks, marked))
