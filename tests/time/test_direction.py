"""Which way a relative date points, and which date it is read against (issue 16).

Every sentence here is written for the test. The reference day is Saturday 28 April 2018: a
weekday or a month without a year is the nearest one in the direction the tense gives; a date
the text names beside a relative one wins; a year-less date in a paragraph about an earlier
episode takes that episode's year.
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsdesk.model import TimeExpression, TimeHow
from newsdesk.time.expressions import find_times

SATURDAY = dt.date(2018, 4, 28)


def times(text: str, anchor: dt.date = SATURDAY) -> dict[str, TimeExpression]:
    found = find_times(text, anchor=anchor)
    for expr in found:
        assert text[expr.span.start : expr.span.end] == expr.text
    return {expr.text: expr for expr in found}


def value(text: str, words: str, anchor: dt.date = SATURDAY) -> str | None:
    return times(text, anchor)[words].value


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("The marchers will reach the border crossing on Sunday.", "Sunday", "2018-04-29"),
        ("The marchers reached the border crossing on Sunday.", "Sunday", "2018-04-22"),
        ("By Monday morning, the group will have crossed the river.", "Monday morning", "2018-04-30TMO"),
        ("By Monday morning the group had crossed the river.", "Monday morning", "2018-04-23TMO"),
        ("The shelter must be emptied by Tuesday.", "Tuesday", "2018-05-01"),
        # "until" and "as soon as" set a deadline, ahead even in a past sentence; not at a sentence's head.
        ("The court extended its deadline until Tuesday.", "Tuesday", "2018-05-01"),
        ("The agency postponed until Monday morning any action on the permits.", "Monday morning", "2018-04-30TMO"),
        ("The ministry said the mines stayed closed until 6 p.m. Wednesday.", "6 p.m. Wednesday", "2018-05-02T18:00"),
        ("Until Thursday, the police had not named a suspect.", "Thursday", "2018-04-26"),
        # A weekday that is the reference day's own is that day, whichever way the verb points.
        ("On Saturday the walkers rested in a church hall.", "Saturday", "2018-04-28"),
        ("Later Saturday, the organisers would hold a vigil.", "Later Saturday", "2018-04-28"),
        # A verb of intent in the past looks ahead: the plan is for a coming day.
        ("The delegation planned to leave the capital on Tuesday.", "Tuesday", "2018-05-01"),
        # "next to" is a place, not a future tense.
        ("A tent stood next to the gate, which was torn down on Friday.", "Friday", "2018-04-27"),
    ],
)
def test_a_weekday_is_the_nearest_in_the_direction_of_the_tense(text: str, words: str, expected: str) -> None:
    assert value(text, words) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The appeals court will rule in September.", "2018-09"),
        ("The appeals court is due to rule in September.", "2018-09"),
        ("The appeals court rules on the case in September.", "2018-09"),
        ("The appeals court ruled in September.", "2017-09"),
        # A passive after "will be" or "to be" points ahead, whatever its participle.
        ("The new ferry will be launched in September.", "2018-09"),
        ("A report to be published in September will settle it.", "2018-09"),
    ],
)
def test_a_month_without_a_year_follows_the_tense(text: str, expected: str) -> None:
    assert value(text, "September") == expected


def test_a_date_scheduled_in_the_present_tense_lies_ahead() -> None:
    # December is nearer last year's, but a schedule in the present tense is the coming one.
    assert value("The retrial is in December, the clerk said.", "December") == "2018-12"
    assert value("The runoff vote is on Tuesday.", "Tuesday") == "2018-05-01"
    assert value("The hearing is set for Oct. 30 in the capital.", "Oct. 30") == "2018-10-30"


def test_a_past_cue_does_not_send_a_bare_month_almost_a_year_back() -> None:
    # Said on 30 October, "November" read in the past would be eleven and a half months back:
    # a writer would have said "last November", so the cue is more likely misread.
    assert value("Officials said the rules take effect in November.", "November", dt.date(2018, 10, 30)) == "2018-11"
    # Within ten months, the past tense stands.
    assert value("The council approved the budget in March.", "March") == "2018-03"


def test_an_explicit_date_in_the_same_phrase_beats_the_relative_one() -> None:
    found = times("The smelter closed just seven months ago - in September 2017 - and never reopened.")
    relative = found["seven months ago"]
    assert relative.value == "2017-09"
    assert relative.how is TimeHow.EXPLICIT and relative.anchor is None
    found = times("The smelter closed last month (on March 9, 2018), the union said.")
    assert found["last month"].value == "2018-03-09"
    # Far apart, they are two different times, and neither is changed.
    found = times("The smelter closed last month, in September 2009 it had opened.")
    assert found["last month"].value == "2018-03"


def test_a_date_repeated_without_its_year_is_the_same_date() -> None:
    text = (
        "The envoy met the minister on Oct. 14, 2016, in a hotel lobby.\n"
        "Aides later described that same Oct. 14 meeting as tense."
    )
    found = times(text)
    assert found["Oct. 14"].value == "2016-10-14"
    assert found["Oct. 14"].anchor == "2016-10-14"


def test_a_year_less_date_takes_the_year_of_the_paragraphs_episode() -> None:
    text = (
        "On Oct. 14, 2016, the envoy met the minister. On Dec. 2, the minister phoned him again, "
        "and in January the talks collapsed.\n"
        "The envoy said on Monday that he regretted nothing."
    )
    found = times(text)
    assert found["Dec. 2"].value == "2016-12-02"
    assert found["January"].value == "2017-01"
    assert found["Monday"].value == "2018-04-23"  # a weekday is not a date of the episode


def test_the_episode_may_be_the_time_adverbial_of_a_reported_clause() -> None:
    text = "The memo says that on Oct. 14, 2016, the envoy was warned. On Dec. 2, he was warned again."
    assert times(text)["Dec. 2"].value == "2016-12-02"


def test_the_episode_needs_a_date_that_heads_its_sentence_and_no_future() -> None:
    # A full date inside a noun phrase is background, not the paragraph's episode.
    text = "The two men charged in the Dec. 21, 2010, blast were released after the court ruled in March."
    assert times(text)["March"].value == "2018-03"
    # What will happen is read from the reference day.
    text = "On Oct. 14, 2016, the treaty was signed. It will take effect on June 1."
    assert times(text)["June 1"].value == "2018-06-01"
    # A date read from the reference day in between ends the episode.
    text = "On Oct. 14, 2016, the treaty was signed. Last week it lapsed; on March 3 the court had ruled."
    assert times(text)["March 3"].value == "2018-03-03"


def test_the_day_of_an_account_is_the_day_named_before_it() -> None:
    found = times("The index fell 3% on Thursday and ended the day at its lowest level in a year.")
    assert found["the day"].value == "2018-04-26"
    found = times("Shares rallied in the morning but slipped later in the day.")
    assert found["the day"].value == "2018-04-28"
    # "the day before the vote" and "the day of the vote" are other days: no value is guessed.
    assert "the day" not in times("Turnout rose for the day of the vote.")


def test_a_clock_time_is_on_the_day_its_sentence_names() -> None:
    found = times("The prototype took off on Thursday from the coastal airfield at 09:15 UTC.")
    assert found["09:15 UTC"].value == "2018-04-26T09:15Z"
    found = times("The blast came at about 7:40 a.m. (0440 GMT) Thursday, witnesses said.")
    assert found["about 7:40 a.m."].value == "2018-04-26T07:40"
    # With no day in its sentence, the reference day stands.
    assert times("The polls closed at 20:00 and counting began.")["20:00"].value == "2018-04-28T20:00"


def test_a_month_of_next_year() -> None:
    assert value("The lease runs until October of next year.", "October of next year") == "2019-10"


def test_the_year_of_an_account_is_the_year_under_discussion() -> None:
    assert value("Sales fell 4% for the year, the brewer said.", "the year") == "2018"
    text = "The mill opened in 2009. Output doubled during the year, and exports rose."
    assert value(text, "the year") == "2009"
    # "the year before" and "the year ended" are other readings; "the year of the flood" no time of ours.
    assert "the year" not in times("Output doubled for the year of the flood.")
    assert "the year" not in times("The spending plan for the year beginning in October is tight.")
    assert "the Day" not in times("He spoke on the radio's Thought for the Day slot.")
    # A target year is not the year under discussion.
    text = "Margins could reach 15% by 2021. During the year the firm bought a rival."
    assert value(text, "the year") == "2018"


def test_the_weekend_of_named_days_is_left_to_those_days() -> None:
    found = times("The ties will be played on the weekend of 21-22 April.")
    assert "the weekend" not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A verb of a planned happening in the simple present, headline style or plain: ahead.
        ("The two leaders meet Monday.", "2018-04-30"),
        ("Talks resume Tuesday after a break.", "2018-05-01"),
        ("The committee meets on Friday, a spokesman said.", "2018-05-04"),
        ("The court hears the appeal Wednesday.", "2018-05-02"),
        ("Parliament reconvenes Tuesday to debate the bill.", "2018-05-01"),
        # Past, negated past, a noun, a past verb after it, another clause's weekday: back.
        ("The two leaders met Monday.", "2018-04-23"),
        ("The leaders did not meet Monday.", "2018-04-23"),
        ("The talks Monday ended without a deal.", "2018-04-23"),
        ("A hearing Monday ended without a ruling.", "2018-04-23"),
        ("The minister, who resigned Monday, returns to work.", "2018-04-23"),
    ],
)
def test_a_present_schedule_points_ahead(text: str, expected: str) -> None:
    found = [t for t in find_times(text, anchor=SATURDAY)]
    assert len(found) == 1 and found[0].value == expected, (text, [(t.text, t.value) for t in found])
