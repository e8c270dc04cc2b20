"""No per-document stage grows faster than a document's length (issue 15, F4): each stage's time on
hostile shapes of text at n and 4n characters. Linear work takes about 4 times as long; quadratic
work 16 times; the bound, 10 times (plus a tenth of a second of noise, and the best of three runs
on a shared machine), tells them apart."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from newsdesk.model import Document, RawArticle, masked_body
from newsdesk.pipeline import DOCUMENT_STAGES, from_raw
from newsdesk.settings import Settings

SHAPES: dict[str, Callable[[int], str]] = {
    "one long capitalised word": lambda n: "A" * n,
    "capitalised words": lambda n: ("Abc " * n)[:n],
    "short lines": lambda n: ("X\n" * n)[:n],
    "quotes and speakers": lambda n: ('"Yes," said Anna Berg. ' * n)[:n],
    "years": lambda n: ("2021 " * n)[:n],
    "dates and outlets": lambda n: ("The Times said on Monday 3 May 2021 that Reuters told Mr Smith so. " * n)[:n],
    "full stops": lambda n: (". " * n)[:n],
}
SETTINGS = Settings(detect_language=False, max_text_chars=10**9, stage_seconds=None)


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from newsdesk.nlp import load_language

    language = load_language()
    language.max_length = 10**7
    return language


def _document(shape: str, n: int) -> Document:
    return from_raw(RawArticle(source="growth", text="Title\n\n" + SHAPES[shape](n)))


def _best_of(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def _assert_linear(small: float, large: float, what: str) -> None:
    assert large < 10 * small + 0.1, f"{what}: {small:.3f} s at n, {large:.3f} s at 4n"


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("stage", range(len(DOCUMENT_STAGES)), ids=[s.name for s in DOCUMENT_STAGES])
def test_document_stages_grow_linearly(shape: str, stage: int) -> None:
    def before(n: int) -> Document:
        document = _document(shape, n)
        for earlier in DOCUMENT_STAGES[:stage]:
            document = earlier.run(document, SETTINGS)
        return document

    small, large = before(6_000), before(24_000)
    run = DOCUMENT_STAGES[stage].run
    _assert_linear(
        _best_of(3, lambda: run(small, SETTINGS)),
        _best_of(3, lambda: run(large, SETTINGS)),
        f"{DOCUMENT_STAGES[stage].name} on {shape}",
    )


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_the_analysis_of_a_parse_grows_linearly(shape: str, nlp) -> None:  # type: ignore[no-untyped-def]
    """What is read off spaCy's parse: mentions, quotes, events, relations (spaCy's own parse is
    linear in the text and bounded by ``max_text_chars``)."""
    from newsdesk.nlp.annotate import analysed
    from newsdesk.nlp.models import extractor_name

    extractor = extractor_name(nlp)

    def prepared(n: int) -> tuple[Document, object]:
        document = _document(shape, n)
        for stage in DOCUMENT_STAGES:
            document = stage.run(document, SETTINGS)
        return document, nlp(masked_body(document))

    (small, small_parse), (large, large_parse) = prepared(4_000), prepared(16_000)
    _assert_linear(
        _best_of(3, lambda: analysed(small, small_parse, extractor)),  # type: ignore[arg-type]
        _best_of(3, lambda: analysed(large, large_parse, extractor)),  # type: ignore[arg-type]
        f"analysis on {shape}",
    )


@pytest.mark.parametrize("shape", ["dates and outlets", "quotes and speakers"])
def test_the_story_stages_grow_linearly_with_one_documents_length(shape: str, nlp) -> None:  # type: ignore[no-untyped-def]
    """A sentence written out hundreds of times once made the timeline compare every report with
    every other (minutes) and the claims clustering exhaust memory."""
    import dataclasses

    from newsdesk.corpus.claims import independent_sources, story_claims
    from newsdesk.corpus.entities import resolve_entities
    from newsdesk.corpus.timeline import date_story
    from newsdesk.nlp.annotate import analysed
    from newsdesk.nlp.models import extractor_name

    def document(n: int) -> Document:
        prepared = _document(shape, n)
        for stage in DOCUMENT_STAGES:
            prepared = stage.run(prepared, SETTINGS)
        return analysed(prepared, nlp(masked_body(prepared)), extractor_name(nlp))

    def story(documents: list[Document]) -> None:
        entities = resolve_entities(documents)
        timeline = date_story(documents, entities)
        dated = [dataclasses.replace(d, times=timeline.times.get(d.id, d.times)) for d in documents]
        story_claims(dated, entities, timeline.timeline, independent_sources(dated))

    small, large = [document(8_000)], [document(32_000)]
    _assert_linear(_best_of(2, lambda: story(small)), _best_of(2, lambda: story(large)), f"story stages on {shape}")
