"""A strict reading of the HTML the UI serves: every element with its attributes, every piece of
text with the elements it sits in, and a failure when tags do not nest."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def with_class(tag: str, name: str) -> Callable[[Element], bool]:
    """Picks the ``tag`` elements of class ``name``."""
    return lambda e: e.tag == tag and name in e.classes


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    position: int  # its index in Parsed.elements

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


@dataclass
class Parsed:
    elements: list[Element] = field(default_factory=list)
    chunks: list[tuple[str, tuple[int, ...]]] = field(default_factory=list)  # text, open elements
    errors: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.chunks)

    def text_in(self, wanted: Callable[[Element], bool]) -> str:
        """The text inside the elements ``wanted`` picks, in document order, each character once."""
        return "".join(text for text, open_ in self.chunks if any(wanted(self.elements[i]) for i in open_))

    def text_of(self, element: Element) -> str:
        return self.text_in(lambda e: e is element)

    def find(self, wanted: Callable[[Element], bool]) -> list[Element]:
        return [element for element in self.elements if wanted(element)]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parsed = Parsed()
        self.stack: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs), len(self.parsed.elements))
        self.parsed.elements.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parsed.elements.append(Element(tag, dict(attrs), len(self.parsed.elements)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1].tag != tag:
            self.parsed.errors.append(f"</{tag}> closes {self.stack[-1].tag if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.parsed.chunks.append((data, tuple(e.position for e in self.stack)))


def parse(html: str) -> Parsed:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    if reader.stack:
        reader.parsed.errors.append(f"left open: {[e.tag for e in reader.stack]}")
    return reader.parsed
