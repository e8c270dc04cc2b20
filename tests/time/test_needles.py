"""The time rules' needle prefilter (issue 17): each rule still matches its own examples with the
filter on, the filter finds what every rule finds, and a text without needles is not searched.
Sentences written for the test."""

from __future__ import annotations

import datetime as dt

import pytest

from newsdesk.time import needles
from newsdesk.time.expressions import RULES, find_times
from newsdesk.time.grammar import Rule

ANCHOR = dt.date(2018, 4, 28)

EXAMPLES = {
    "iso-date": "The form was filed on 2017-03-14.",
    "numeric-date": "The letter dated 14/03/2017 came.",
    "month-day-year": "The plant opened on March 14, 2017.",
    "day-month-year": "The plant opened on 14 March 2017.",
    "month-year": "The plant opened in March 2017.",
    "season-year": "The plant opened in the spring of 2017.",
    "year": "The plant opened in 2017.",
    "decade": "The plant opened in the 1990s.",
    "short-year": "The plant has been open since '97.",
    "century": "The castle dates from the twelfth century.",
    "quarter-of-year": "Profits rose in the third quarter of 2017.",
    "year-quarter": "Profits rose in 2017's third quarter.",
    "q-year": "Profits rose in Q3 2017.",
    "the-season": "The plant will open in the autumn.",
    "day-word": "The plant opened yesterday.",
    "part-of-day": "The plant opened this morning.",
    "mid-part-of-day": "The plant opened in mid-afternoon.",
    "weekday": "The plant opened on Tuesday.",
    "month": "The plant opened last March.",
    "month-day": "The plant opened on March 14.",
    "day-of-month": "The plant opened on 14 March.",
    "ago": "The plant opened three years ago.",
    "relative-unit": "The plant opened last year.",
    "the-weekend": "The plant opened over the weekend.",
    "end-of-unit": "The plant will open by the end of the year.",
    "year-ended": "Sales fell in the year ended in June.",
    "full-year": "Sales fell over the full year.",
    "year-period": "Sales fell in the 2017 period.",
    "period": "Sales fell in the latest period.",
    "year-ago": "Sales fell from the year-ago level.",
    "quarter": "Sales fell in the last quarter.",
    "clock": "The plant opened at 9am.",
    "holiday": "The plant opened at Christmas.",
    "reference": "The plant is currently closed.",
    "duration": "The plant was closed for three weeks.",
    "duration-and-a-half": "The plant was closed for a year and a half.",
    "half-unit": "The plant was closed for half an hour.",
    "duration-adjective": "The plant held a two-day sale.",
    "vague-plural": "The plant will reopen in the coming months.",
    "set-word": "The plant is cleaned weekly.",
    "every": "The plant is cleaned every week.",
    "weekday-plural": "The plant is closed on Sundays.",
}


def test_every_rule_has_needles_and_an_example() -> None:
    names = {rule.name for rule in RULES}
    assert set(needles.NEEDLES) == names
    assert set(EXAMPLES) == names


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_each_rule_still_matches_its_example(rule: Rule) -> None:
    text = EXAMPLES[rule.name]
    assert rule.pattern.search(text) is not None
    assert needles.may_match(rule.name, needles.present(text))


@pytest.mark.parametrize("text", list(EXAMPLES.values()))
def test_the_filter_finds_what_every_rule_finds(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    filtered = find_times(text, anchor=ANCHOR)
    assert filtered
    monkeypatch.setattr(needles, "may_match", lambda name, found: True)
    assert find_times(text, anchor=ANCHOR) == filtered


def test_a_text_without_needles_is_not_searched() -> None:
    text = "The cat sat on the mat, and the dog ran off with the ball."
    assert needles.present(text) == frozenset()
    assert not any(needles.may_match(rule.name, frozenset()) for rule in RULES)
    assert find_times(text, anchor=ANCHOR) == []


def test_unicode_digits_count_as_digits() -> None:
    assert needles.DIGIT in needles.present("filed on ٢٠١٧")


def test_month_and_weekday_names_count_only_as_the_patterns_read_them() -> None:
    found = needles.present("They may march to the Market on a sunday.")
    assert not found & {needles.MONTH_WORD, *needles.WEEKDAYS}
    assert {needles.MONTH_WORD, "Sunday"} <= needles.present("MAY and Sunday")
    assert needles.MONTH_WORD in needles.present("Sept. 5")


@pytest.mark.parametrize("text", ["at 9am", "at 10.30 P.M.", "at 14:30", "at 9 a m", "at noon"])
def test_clock_times_hold_the_clock_needles(text: str) -> None:
    assert needles.may_match("clock", needles.present(text))


def test_numbers_that_are_no_clock_time_do_not_run_the_clock_rule() -> None:
    assert not needles.may_match("clock", needles.present("The 9 members met 3 times in 2017."))
