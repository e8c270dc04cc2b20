"""Untrusted text through ``md_escape`` renders, in a real CommonMark renderer with GitHub's tables
and strikethrough, as exactly that text: no markup of its own, nothing added."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from newsdesk.report.render import md_escape

RENDERER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# Letters, digits and every character Markdown gives a meaning somewhere.
ALPHABET = "ab1 .,:;!?#*_-+=~`|<>&()[]{}\\\"'/"


def _shown(markdown: str) -> str:
    """The text a reader sees: the one paragraph's content, unescaped; fails on any other markup."""
    rendered = RENDERER.render(markdown)
    found = re.fullmatch(r"<p>(.*)</p>\n", rendered, re.S)
    assert found, f"{markdown!r} rendered as {rendered!r}"
    inner = found[1]
    assert "<" not in inner.replace("<br />", ""), f"{markdown!r} made markup: {rendered!r}"
    return html.unescape(inner)


@given(st.text(alphabet=ALPHABET, min_size=1, max_size=40).filter(lambda t: t.strip()))
def test_any_line_of_text_shows_as_written(text: str) -> None:
    assert _shown("Quoted: " + md_escape(text)) == ("Quoted: " + text).strip()


@given(st.text(alphabet=ALPHABET, min_size=1, max_size=40).filter(lambda t: t.strip() and t == t.lstrip()))
def test_text_at_the_start_of_a_line_shows_as_written(text: str) -> None:
    assert _shown(md_escape(text)) == text.strip()


def test_hostile_constructs_stay_text() -> None:
    for text in (
        "<script>alert(1)</script>",
        "[click](javascript:alert(1))",
        "![x](http://evil.example/x.png)",
        "<http://evil.example>",
        "**bold** and _em_ and `code` and ~~gone~~",
        "a | b | c",
        "&lt;img src=x&gt;",
    ):
        assert _shown("Text: " + md_escape(text)) == "Text: " + text


def test_lines_that_would_start_a_heading_or_a_list_stay_text() -> None:
    for text in ("# Not a heading", "- not an item", "+ nor this", "12. nor this", "3) nor this", "==="):
        assert _shown("Lead\n" + md_escape(text)).split("\n")[-1] == text


def test_ordinary_text_is_left_readable() -> None:
    assert md_escape("On 2026-01-03 (a Saturday), U.S. forces struck!") == (
        "On 2026-01-03 (a Saturday), U.S. forces struck!"
    )
