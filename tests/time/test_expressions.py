"""The rule-based temporal tagger: values, spans, tense, ranges, and the calendar helpers."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.model import Span, TimeExpression, TimeHow, TimeType
from newsdesk.time.expressions import EXTRACTOR, find_times, granularity, interval

TUESDAY = dt.date(2026, 1, 6)


def tag(text: str, anchor: dt.date | None = TUESDAY) -> list[TimeExpression]:
    found = find_times(text, anchor=anchor)
    for expr in found:
        assert text[expr.span.start : expr.span.end] == expr.text
        assert expr.extractor == EXTRACTOR
    return found


def only(text: str, anchor: dt.date | None = TUESDAY) -> TimeExpression:
    found = tag(text, anchor)
    assert len(found) == 1, [f.text for f in found]
    return found[0]


def values(text: str, anchor: dt.date | None = TUESDAY) -> dict[str, str | None]:
    return {expr.text: expr.value for expr in tag(text, anchor)}


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("The ceasefire was signed on 3 January 2026 in Geneva.", "3 January 2026", "2026-01-03"),
        ("The order is dated 15.01.2026 and stamped.", "15.01.2026", "2026-01-15"),
        ("Prices rose sharply in May 2025, traders said.", "May 2025", "2025-05"),
        ("The bridge opened in 2011 after years of delay.", "2011", "2011"),
        ("Shipyards boomed in the 1990s across the coast.", "the 1990s", "199"),
        ("By October 2019 the talks had stalled.", "October 2019", "2019-10"),
        ("The letter, sent on February 2, 2024, was ignored.", "February 2, 2024", "2024-02-02"),
        ("Growth slowed in the third quarter of 2024, the bank said.", "the third quarter of 2024", "2024-Q3"),
        ("Profits rose in Q3 2017, the filing shows.", "Q3 2017", "2017-Q3"),
        ("Such fleets were common in the 20th century.", "the 20th century", "19"),
        ("The station closed in the summer of 1998.", "the summer of 1998", "1998-SU"),
    ],
)
def test_explicit_dates_carry_their_year(text: str, words: str, value: str) -> None:
    expr = only(text)
    assert (expr.text, expr.value, expr.type) == (words, value, TimeType.DATE)
    assert expr.how is TimeHow.EXPLICIT
    assert expr.anchor is None


@pytest.mark.parametrize(
    ("text", "words", "value", "tense"),
    [
        ("On Saturday, the ministry confirmed the strike.", "Saturday", "2026-01-03", "past"),
        ("On Monday, two convoys left the port.", "Monday", "2026-01-05", "past"),
        ("The next hearing is scheduled for March 17.", "March 17", "2026-03-17", "future"),
        ("In October, the mayor sent a plea to the council.", "October", "2025-10", "past"),
        ("Last year the harvest failed.", "Last year", "2025", "past"),
        ("Four years ago the plant was built.", "Four years ago", "2022", "past"),
        ("The mill shut seven months ago.", "seven months ago", "2025-06", "past"),
        ("The council meets again next week.", "next week", "2026-W03", "future"),
        ("Officials resigned yesterday.", "yesterday", "2026-01-05", "past"),
        ("The minister will visit on Friday.", "Friday", "2026-01-09", "future"),
        ("The museum reopens this spring.", "this spring", "2026-SP", None),
    ],
)
def test_relative_forms_resolve_against_the_anchor(text: str, words: str, value: str, tense: str | None) -> None:
    expr = only(text)
    assert (expr.text, expr.value) == (words, value)
    assert expr.how is TimeHow.RELATIVE
    assert expr.anchor == "2026-01-06"
    assert expr.tense == tense


def test_late_month_and_last_month_carry_the_end_modifier() -> None:
    late = only("Snow fell in late December across the valley.")
    assert (late.text, late.value, late.mod) == ("late December", "2025-12", "END")
    last = only("Prices fell late last month, dealers said.")
    assert (last.text, last.value, last.mod) == ("late last month", "2025-12", "END")


def test_month_day_without_year_takes_the_year_nearest_the_anchor() -> None:
    assert values("The rally took place on January 3.", dt.date(2026, 1, 15)) == {"January 3": "2026-01-03"}
    assert values("The rally took place on December 30.", dt.date(2026, 1, 2)) == {"December 30": "2025-12-30"}


def test_today_now_and_times_of_day() -> None:
    found = values("Today the wind dropped, and now the ferries run. This morning at 18:18 a siren sounded.")
    assert found == {
        "Today": "2026-01-06",
        "now": "PRESENT_REF",
        "This morning": "2026-01-06TMO",
        "18:18": "2026-01-06T18:18",
    }
    assert only("Voting closes at 3 p.m. on the island.").value == "2026-01-06T15:00"
    assert only("This morning the roads froze.").type is TimeType.TIME
    assert only("Trading halted at 16:08 UTC on the exchange.").value == "2026-01-06T16:08Z"


@pytest.mark.parametrize(
    ("text", "words", "value", "mod"),
    [
        ("He led the club for four years.", "four years", "P4Y", None),
        ("The debate lasted 30 minutes.", "30 minutes", "PT30M", None),
        ("Sales fell over the last 13 months.", "the last 13 months", "P13M", None),
        ("The feud simmered for two decades.", "two decades", "P20Y", None),
        ("The repairs took about three years.", "about three years", "P3Y", "APPROX"),
        ("The siege lasted more than a decade.", "more than a decade", "P10Y", "MORE_THAN"),
        ("Bonds mature in 2 1/2 years.", "2 1/2 years", "P2Y6M", None),
        ("It is a five-year plan for the rail network.", "five-year", "P5Y", None),
    ],
)
def test_durations_need_no_anchor(text: str, words: str, value: str, mod: str | None) -> None:
    for anchor in (TUESDAY, None):
        expr = only(text, anchor)
        assert (expr.text, expr.value, expr.type, expr.mod) == (words, value, TimeType.DURATION, mod)
        assert expr.how is TimeHow.EXPLICIT


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The ferry sails every week from the harbour.", "P1W"),
        ("The board publishes a weekly bulletin.", "P1W"),
        ("The fair is held each year in the square.", "P1Y"),
        ("Fees rise annually under the contract.", "P1Y"),
        ("The market opens on Mondays in the old town.", "XXXX-WXX-1"),
    ],
)
def test_sets(text: str, value: str) -> None:
    expr = only(text)
    assert (expr.type, expr.value) == (TimeType.SET, value)


def test_modifiers_on_dates() -> None:
    assert (only("Rents soared in the early 2000s.").value, only("Rents soared in the early 2000s.").mod) == (
        "200",
        "START",
    )
    mid = only("The line should open by mid-2025, the operator says.")
    assert (mid.text, mid.value, mid.mod) == ("mid-2025", "2025", "MID")


def test_may_the_modal_is_not_a_month() -> None:
    assert tag("Russia may publicly support the plan, and it may not.") == []
    assert tag("May we assume the vote is lost?") == []
    assert only("The vote was held in May.").value == "2025-05"


@pytest.mark.parametrize(
    "text",
    [
        "The Sunday Times ran the story first.",
        "Rebels fired a Buk-M2 and an S-300 at the column.",
        "The fund raised 30 million dollars.",
        "Some 2000 people joined the march.",
        "A quarter of the voters stayed home.",
        "The army will march on the capital.",
    ],
)
def test_things_that_are_not_time_expressions(text: str) -> None:
    assert tag(text) == []


def test_ranges_mark_the_first_expression() -> None:
    found = tag("He lived there from April 2017 to July 2019, and again between 2010 and 2014.")
    assert [(f.text, f.value) for f in found] == [
        ("April 2017", "2017-04"),
        ("July 2019", "2019-07"),
        ("2010", "2010"),
        ("2014", "2014"),
    ]
    assert found[0].range_to == found[1].span
    assert found[1].range_to is None
    assert found[2].range_to == found[3].span


def test_a_dashed_year_range_is_two_dates() -> None:
    text = "The survey covered 2017-2019 and 1998–99."
    found = tag(text)
    assert [(f.text, f.value) for f in found] == [
        ("2017", "2017"),
        ("2019", "2019"),
        ("1998", "1998"),
        ("99", "1999"),
    ]
    assert found[0].range_to == found[1].span
    assert found[2].range_to == found[3].span


def test_without_anchor_relative_forms_are_found_without_value() -> None:
    found = tag("On Saturday the talks failed; last year they had also failed, four years ago too.", None)
    assert [f.text for f in found] == ["Saturday", "last year", "four years ago"]
    assert all(f.value is None and f.how is TimeHow.RELATIVE and f.anchor is None for f in found)


def test_spans_limit_the_search_and_no_match_crosses_them() -> None:
    text = "Posted 3 January 2026. BODY: The talks ended on Saturday. FOOTER: 4 January 2026"
    body = Span(text.index("BODY"), text.index("FOOTER"))
    found = find_times(text, [body], TUESDAY)
    assert [f.text for f in found] == ["Saturday"]
    split = "It happened in March 2025 exactly."
    cut = split.index("2025")
    halves = find_times(split, [Span(0, cut), Span(cut, len(split))], TUESDAY)
    assert all(f.span.end <= cut or f.span.start >= cut for f in halves)
    assert "March 2025" not in [f.text for f in halves]


def test_spans_are_trimmed_of_punctuation() -> None:
    text = "(Saturday), “yesterday”."
    assert [f.text for f in tag(text)] == ["Saturday", "yesterday"]


@pytest.mark.parametrize(
    ("value", "kind", "first", "last"),
    [
        ("2025-12", "month", dt.date(2025, 12, 1), dt.date(2025, 12, 31)),
        ("201", "decade", dt.date(2010, 1, 1), dt.date(2019, 12, 31)),
        ("19", "century", dt.date(1900, 1, 1), dt.date(1999, 12, 31)),
        ("2025-SU", "season", dt.date(2025, 6, 21), dt.date(2025, 9, 22)),
        ("2013-W11", "week", dt.date(2013, 3, 11), dt.date(2013, 3, 17)),
        ("2024-Q1", "quarter", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
        ("2026-01-15", "day", dt.date(2026, 1, 15), dt.date(2026, 1, 15)),
        ("2026-01-15T18:18", "minute", dt.date(2026, 1, 15), dt.date(2026, 1, 15)),
        ("2026", "year", dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    ],
)
def test_interval_and_granularity(value: str, kind: str, first: dt.date, last: dt.date) -> None:
    assert granularity(value) == kind
    assert interval(value) == (first, last)


@pytest.mark.parametrize(
    ("value", "kind"),
    [("P4Y", "duration"), ("XXXX-WXX-1", "set"), ("PRESENT_REF", "ref"), (None, None), ("2026-01-15T15", "hour")],
)
def test_values_without_an_interval(value: str | None, kind: str | None) -> None:
    assert granularity(value) == kind
    if kind != "hour":
        assert interval(value) is None


_WORDS = st.sampled_from(
    "on Saturday in May 2025 last year four years ago the 1990s every week 18:18 , . - and from to "
    "between may March 12 yesterday 3 January 2026 2017-2019 about two decades the past year now".split(" ")
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_WORDS, st.text(max_size=6)), max_size=30), st.booleans())
def test_offsets_stay_inside_the_text_and_never_overlap(words: list[str], anchored: bool) -> None:
    text = " ".join(words)
    found = find_times(text, anchor=TUESDAY if anchored else None)
    previous_end = 0
    for expr in found:
        assert 0 <= expr.span.start < expr.span.end <= len(text)
        assert expr.span.start >= previous_end
        assert text[expr.span.start : expr.span.end] == expr.text
        previous_end = expr.span.end


def test_a_month_after_a_determiner_dates_the_noun_it_modifies() -> None:
    assert values("The envoys prepared their August summit in Oslo.") == {"August": "2025-08"}
    assert values("Critics recalled the March vote on the budget.") == {"March": "2025-03"}
    assert values("They may meet again, she said.") == {}


def test_that_same_year_takes_the_year_the_story_was_talking_about() -> None:
    text = "The mill closed in 2019. That same year the bridge fell, and the following year a new one opened."
    assert values(text) == {"2019": "2019", "That same year": "2019", "the following year": "2020"}
    assert only("That same year the bridge fell.").value is None  # nothing to refer back to
