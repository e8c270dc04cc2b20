"""Absolute dates and the publication date: printed, from metadata, or inferred and said so."""

from __future__ import annotations

import pytest

from newsdesk.meta.dates import find_dates, parse_metadata_date
from newsdesk.model import RawArticle
from newsdesk.pipeline import process
from newsdesk.settings import Settings


@pytest.mark.parametrize(
    ("text", "value", "evidence"),
    [
        ("  \u2022 15.01.2026, 18:18", "2026-01-15T18:18", "15.01.2026, 18:18"),
        ("Posted March 12, 2026 09:41 GMT", "2026-03-12T09:41", "March 12, 2026 09:41"),
        ("on 3 March 2026 at 5:30 pm", "2026-03-03T17:30", "3 March 2026 at 5:30 pm"),
        ("they met in May 2025 in Minsk", "2025-05", "May 2025"),
        ("toppled in 2011", "2011", "2011"),
        ("Published 18/02/2025 at 08:15", "2025-02-18T08:15", "18/02/2025 at 08:15"),
        ("2026-03-11T09:00:00Z", "2026-03-11T09:00", "2026-03-11T09:00"),
    ],
)
def test_find_dates(text: str, value: str, evidence: str) -> None:
    found = list(find_dates(text))
    assert [f.date.value for f in found] == [value]
    assert found[0].span.of(text) == evidence


def test_ambiguous_and_non_dates_are_not_guessed() -> None:
    assert list(find_dates("03/04/2025")) == []
    assert list(find_dates("a budget of 2,2011 euros and 2013 votes")) == []
    assert parse_metadata_date("yesterday") is None
    assert parse_metadata_date("2026-03") is not None


def test_inferred_date_is_a_marked_lower_bound() -> None:
    doc = process(
        RawArticle(
            source="t.txt",
            text=(
                "The bridge reopened on Monday, three years after it was closed in June 2021.\n\n"
                "Repairs began in March 2023, the city said.\n\n"
                "A second bridge will open in May 2027, officials said.\n"
            ),
        ),
        Settings(detect_language=False),
    )
    assert doc.published is not None
    assert doc.published.how.value == "inferred"
    assert doc.published.date.value == "2023-03"  # the future sentence does not count
    assert doc.published.basis is not None and "'on Monday'" in doc.published.basis
    assert doc.published.evidence[0].of(doc.text) == "March 2023"


def test_metadata_date_wins_over_text() -> None:
    doc = process(
        RawArticle(
            source="t.txt",
            text="Updated 01.02.2026, 10:00\n\nThe mayor resigned, aides said.\n",
            published="2026-02-02",
        ),
        Settings(detect_language=False),
    )
    assert doc.published is not None and doc.published.how.value == "metadata"
    assert doc.published.date.value == "2026-02-02"
