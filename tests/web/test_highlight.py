"""The reader's marked-up text: stripping the tags gives back the document's text exactly, every
annotation's fragments hold exactly its characters, and the tags nest, however spans overlap."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st

from newsdesk.web.highlight import LAYERS, Highlight, render
from tests.web.parse import Element, parse

# Markup characters, entities' ampersands, quotes, newlines and the odd non-ASCII letter.
TEXT = st.text(alphabet=st.sampled_from(list("ab <>&\"';=/\n\t#\u00e9\u201c\u201d")) | st.characters(), max_size=80)


@st.composite
def annotated(draw: st.DrawFn) -> tuple[str, list[Highlight]]:
    text = draw(TEXT)
    bound = st.integers(min_value=0, max_value=len(text))
    highlights = []
    for number in range(draw(st.integers(min_value=0, max_value=14))):
        first, second = draw(bound), draw(bound)
        layer = draw(st.sampled_from(LAYERS))
        highlights.append(
            Highlight(
                min(first, second),
                max(first, second),
                layer,
                classes=(draw(st.sampled_from(["", "ent-PERSON", 'x"><script>'])),),
                title=f"h{number} {draw(TEXT)}",
                label=draw(st.none() | TEXT),
                anchor="hl" if layer == "hl" else None,
            )
        )
    return text, highlights


def titled(prefix: str) -> Callable[[Element], bool]:
    return lambda e: (e.attrs.get("title") or "").startswith(prefix)


@given(annotated())
def test_the_text_without_tags_is_the_document_text(case: tuple[str, list[Highlight]]) -> None:
    text, highlights = case
    parsed = parse(render(text, highlights))
    assert parsed.errors == []
    assert parsed.text == text


@given(annotated())
def test_each_annotation_holds_exactly_its_characters(case: tuple[str, list[Highlight]]) -> None:
    text, highlights = case
    parsed = parse(render(text, highlights))
    for number, highlight in enumerate(highlights):
        if highlight.start == highlight.end:
            continue  # nothing to mark: no element
        mine = parsed.text_in(titled(f"h{number} "))
        assert mine == text[highlight.start : highlight.end]


@given(annotated())
def test_only_our_tags_and_attributes(case: tuple[str, list[Highlight]]) -> None:
    text, highlights = case
    parsed = parse(render(text, highlights))
    for element in parsed.elements:
        assert element.tag in {"span", "mark"}
        assert set(element.attrs) <= {"class", "title", "id", "data-label"}
    anchors = [e for e in parsed.elements if e.attrs.get("id") == "hl"]
    assert len(anchors) <= sum(1 for h in highlights if h.anchor and h.start < h.end)


def test_crossing_spans_are_split_and_stay_nested() -> None:
    text = "Mayor Ada Brook said the <dam> held."
    quote = Highlight(6, 30, "quote", title="q")
    entity = Highlight(0, 15, "entity", title="e")
    marked = Highlight(10, 36, "hl", anchor="hl", title="m")
    html = render(text, [quote, entity, marked])
    parsed = parse(html)
    assert parsed.errors == [] and parsed.text == text
    assert parsed.text_in(lambda e: "hl" in e.classes) == text[10:36]
    assert parsed.text_in(lambda e: "quote" in e.classes) == text[6:30]
    assert html.count('id="hl"') == 1
    assert "&lt;dam&gt;" in html


def test_spans_outside_the_text_are_ignored() -> None:
    html = render("short", [Highlight(2, 99, "hl"), Highlight(-1, 3, "entity"), Highlight(3, 3, "time")])
    assert html == "short"
