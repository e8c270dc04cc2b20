"""A document's text as HTML with its annotations marked in place.

Spans may nest or cross (a quote that starts inside one entity mention and ends inside another,
the evidence a reader asked for cutting through both). The text is split at every span boundary
and the spans open at each piece are kept open as elements: where one span ends inside another
that was opened after it, the inner one is closed and opened again, so the HTML stays well nested
and a crossing span becomes several sibling fragments (the first one carries its ``id``).

Every piece of text and every attribute value goes through :func:`markupsafe.escape`; the only
markup in the result is the tags written here, so stripping the tags and unescaping gives back
exactly the document's text (``tests/web/test_highlight.py`` holds it to that).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

# At the same start, longer spans open first; among equal ones this order (outermost first),
# so the evidence a link asked for is fragmented as little as possible.
LAYERS = ("hl", "removed", "heading", "quote", "entity", "time")
_CLASS_TOKEN = re.compile(r"[^A-Za-z0-9_-]")


@dataclass(frozen=True, slots=True)
class Highlight:
    """One annotation to mark: ``text[start:end]``, drawn according to its layer and classes."""

    start: int
    end: int
    layer: str
    classes: tuple[str, ...] = ()
    title: str | None = None  # the tooltip, on every fragment
    label: str | None = None  # shown before the first fragment by the stylesheet (data-label)
    anchor: str | None = None  # the id of the first fragment

    def open_tag(self, first: bool) -> Markup:
        tag = "mark" if self.layer == "hl" else "span"
        classes = " ".join(_CLASS_TOKEN.sub("", c) for c in (self.layer, *self.classes) if c)
        attributes = [Markup(' class="{}"').format(classes)]
        if self.title:
            attributes.append(Markup(' title="{}"').format(self.title))
        if first and self.anchor:
            attributes.append(Markup(' id="{}"').format(self.anchor))
        if first and self.label:
            attributes.append(Markup(' data-label="{}"').format(self.label))
        return Markup("<{}{}>").format(Markup(tag), Markup("").join(attributes))

    def close_tag(self) -> Markup:
        return Markup("</mark>") if self.layer == "hl" else Markup("</span>")


def _rank(highlight: Highlight) -> tuple[int, int, int]:
    layer = LAYERS.index(highlight.layer) if highlight.layer in LAYERS else len(LAYERS)
    return (highlight.start, -highlight.end, layer)


def render(text: str, highlights: Iterable[Highlight]) -> Markup:
    """``text`` escaped, with each highlight inside ``[0, len(text)]`` marked as an element."""
    spans = sorted((h for h in highlights if 0 <= h.start < h.end <= len(text)), key=_rank)
    starting: dict[int, list[Highlight]] = defaultdict(list)
    for span in spans:
        starting[span.start].append(span)
    boundaries = sorted({0, len(text), *(h.start for h in spans), *(h.end for h in spans)})
    parts: list[Markup] = []
    stack: list[Highlight] = []
    opened: set[int] = set()

    def open_(span: Highlight) -> None:
        parts.append(span.open_tag(first=id(span) not in opened))
        opened.add(id(span))
        stack.append(span)

    for here, after in zip(boundaries, [*boundaries[1:], len(text)], strict=True):
        ending = [depth for depth, span in enumerate(stack) if span.end == here]
        if ending:
            # Close everything from the outermost span ending here up; open again what goes on.
            lowest = ending[0]
            going_on = [span for span in stack[lowest:] if span.end != here]
            parts.extend(span.close_tag() for span in reversed(stack[lowest:]))
            del stack[lowest:]
            for span in going_on:
                open_(span)
        for span in starting.get(here, ()):
            open_(span)
        parts.append(escape(text[here:after]))
    parts.extend(span.close_tag() for span in reversed(stack))
    return Markup("").join(parts)
