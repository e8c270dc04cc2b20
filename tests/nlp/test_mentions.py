"""Mention extraction with the real spaCy pipeline on our own sentences."""

from __future__ import annotations

import pytest

from newsdesk.model import RawArticle
from newsdesk.nlp import annotate, load_language
from newsdesk.nlp.equipment import find_equipment
from newsdesk.pipeline import process
from newsdesk.settings import Settings


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_language()


def _mentions(nlp, text: str):  # type: ignore[no-untyped-def]
    document = process(RawArticle(source="t.txt", text=text), Settings(detect_language=False))
    (annotated,) = list(annotate([document], nlp))
    return annotated


def test_offsets_point_into_the_text_and_junk_is_never_read(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Read more: Governor Ines Kovar resigns\n"
        "Governor Ines Kovar said on Tuesday that the Sella dam would be drained.\n"
        "Photo: Ines Kovar in Dravo (Reuters)\n"
        "The NDSO warned Norvale Hydro in February, said Tomas Reiter, an engineer at the agency.\n"
    )
    document = _mentions(nlp, text)
    assert document.mentions
    for mention in document.mentions:
        assert text[mention.span.start : mention.span.end] == mention.text
        assert not any(r.span.start <= mention.span.start < r.span.end for r in document.removed)
    reiter = [m for m in document.mentions if m.text == "Tomas Reiter"]
    assert reiter and reiter[0].description is not None
    assert reiter[0].description.of(text) == "an engineer at the agency"
    assert any(m.extractor.startswith("newsdesk.nlp.spacy.v1:en_") for m in document.mentions)


def test_equipment_designations() -> None:
    text = "They fired S-300 and Buk-M2 missiles from a MiG-29, not the COVID-19 ward or G-20 summit in 2019-2020."
    assert [span.of(text) for span, _ in find_equipment(text)] == ["S-300", "Buk-M2", "MiG-29"]
