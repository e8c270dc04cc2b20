"""An age written as a decade ("in their seventies") is no date (issue 20). Sentences written for
the test."""

from __future__ import annotations

import datetime as dt

import pytest

from newsdesk.time.expressions import find_times

ANCHOR = dt.date(2018, 4, 28)


@pytest.mark.parametrize(
    "text",
    [
        "A couple in their seventies lived by the river.",
        "The driver, a man in his early 40s, was unhurt.",
        "Two women in their mid-thirties were rescued.",
        "The victims were aged in their 60s.",
    ],
)
def test_an_age_is_no_decade(text: str) -> None:
    assert find_times(text, anchor=ANCHOR) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Prices rose sharply in the seventies.", "197"),
        ("The mill closed in the late 1990s.", "199"),
        ("She was in her twenties when the plant opened in the eighties.", "198"),
    ],
)
def test_a_decade_is_still_read(text: str, value: str) -> None:
    assert [t.value for t in find_times(text, anchor=ANCHOR)] == [value]
