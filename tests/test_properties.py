"""Invariants over arbitrary text (hypothesis): offsets stay inside, the body is the complement."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.clean import clean
from newsdesk.model import RawArticle, document_id
from newsdesk.pipeline import process
from newsdesk.settings import Settings

LINES = st.one_of(
    st.text(max_size=120),
    st.sampled_from(
        [
            "Read more",
            "1 day ago",
            "EN | FR",
            "Photo: A man (AFP)",
            "- list 1 of 3Headline",
            "",
            "Latest news",
            "Frequently Asked Questions",
            "1 What is this about",
            "The mayor said on Friday that the bridge will reopen.",
        ]
    ),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(LINES, max_size=30))
def test_removed_spans_partition_the_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    result = clean(text)
    cursor = 0
    for item in result.removed:
        assert cursor <= item.span.start < item.span.end <= len(text)
        cursor = item.span.end
    for heading in result.headings:
        assert 0 <= heading.start < heading.end <= len(text)
        assert not any(r.span.start <= heading.start < r.span.end for r in result.removed)


@settings(max_examples=100, deadline=None)
@given(st.lists(LINES, min_size=1, max_size=20))
def test_document_body_and_evidence(lines: list[str]) -> None:
    text = "\n".join(lines)
    if not text.strip():
        return
    document = process(RawArticle(source="x.txt", text=text), Settings(detect_language=False))
    removed = sum(r.span.end - r.span.start for r in document.removed)
    assert len(document.body) == len(text) - removed
    if document.title is not None and document.title_span is not None:
        assert document.title_span.of(text) == document.title
    for item in document.reported_from:
        for span in item.evidence:
            assert span.of(text)


@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), min_size=1, max_size=200)
)
def test_document_id_ignores_line_endings(text: str) -> None:
    # The same article saved with Windows line endings (from LF-only text, so the
    # conversion is well defined) and a trailing newline is the same article.
    assert document_id(text) == document_id(text.replace("\n", "\r\n") + "\n")
