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


def _published(text: str) -> tuple[str | None, str | None, str]:
    doc = process(RawArticle(source="t.txt", text=text), Settings(detect_language=False))
    assert doc.published is not None
    for span in doc.published.evidence:
        assert doc.text[span.start : span.end]
    return doc.published.date.value, doc.published.how.value, doc.published.basis or ""


def test_a_wire_dateline_gives_the_publication_day() -> None:
    value, how, basis = _published(
        "Ferry sinks off the cape\n\n"
        "Oct. 9 (UPI) -- A ferry sank off the cape on Monday, a week after its last inspection on Oct. 2, 2019.\n"
    )
    assert (value, how) == ("2019-10-09", "text")
    assert "Oct. 9" in basis and "Oct. 2, 2019" in basis
    value, how, _ = _published(
        "Ferry sinks off the cape\n\n"
        "HALDEN, Norland, Oct. 9 (Reuters) - A ferry sank on Monday. Its owner bought it on Sept. 20, 2019.\n"
    )
    assert (value, how) == ("2019-10-09", "text")


def test_a_dateline_far_from_any_dated_event_is_only_inferred() -> None:
    value, how, _ = _published(
        "Ferry sinks off the cape\n\nOct. 9 (UPI) -- A ferry sank on Monday. It was launched on May 4, 2015.\n"
    )
    assert (value, how) == ("2015-10-09", "inferred")
    # A year alone ("since 2014") cannot place a dateline: the lower bound stands.
    value, how, _ = _published("Ferry sinks off the cape\n\nOct. 9 (UPI) -- The ferry, in service since 2014, sank.\n")
    assert (value, how) == ("2014", "inferred")


def test_an_announced_event_does_not_date_the_article() -> None:
    for text in (
        "Minister to visit the islands on June 12, 2019\n\nTalks on the fishery began in March 2019, aides said.\n",
        "Islands await minister\n\nThe minister is to visit the islands on June 12, 2019. Talks began in March 2019.\n",
        "Islands await minister\n\nTalks began in March 2019. The minister tours the islands on June 12, 2019, "
        "when a deal is expected to be signed.\n",
    ):
        value, how, _ = _published(text)
        assert (value, how) == ("2019-03", "inferred"), text
