"""TimeML values shown as people write dates; what cannot be read is shown as it is."""

from __future__ import annotations

import pytest

from newsdesk.report.when import readable


@pytest.mark.parametrize(
    ("value", "told"),
    [
        ("2026-03-10", "10 March 2026"),
        ("2026-03-10TAF", "10 March 2026, afternoon"),
        ("2026-03-10TNI", "10 March 2026, night"),
        ("2026-03-10T14:30", "10 March 2026, 14:30"),
        ("2026-03-10T24:00", "10 March 2026, midnight"),
        ("2026-03", "March 2026"),
        ("2026", "2026"),
        ("2026-SU", "summer 2026"),
        ("2026-W09", "week 9 of 2026"),
        ("2026-W09-WE", "the weekend of week 9 of 2026"),
        ("2026-Q1", "the first quarter of 2026"),
        ("2026-H2", "the second half of 2026"),
        ("197X", "the 1970s"),
        ("19XX", "the 1900s"),
        ("PRESENT_REF", "now"),
        (None, "undated"),
        # Not readable: shown as it is, never guessed.
        ("2026-13", "2026-13"),
        ("2026-XX-10", "2026-XX-10"),
        ("P3D", "P3D"),
    ],
)
def test_values_read_as_dates(value: str | None, told: str) -> None:
    assert readable(value) == told
