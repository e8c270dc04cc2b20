"""Titles on our own pages: a headline printed with a full stop, a dateline that is no headline, a
URL that is no title, and a title made from the lead sentence, marked as made."""

from __future__ import annotations

from newsdesk.model import RawArticle, TitleHow
from newsdesk.pipeline import process
from newsdesk.settings import Settings


def _document(text: str, title: str | None = None) -> tuple[str | None, TitleHow | None, str]:
    document = process(RawArticle(source="page.txt", text=text, title=title), Settings(detect_language=False))
    assert document.title is None or document.title_span is not None or document.title_how is TitleHow.METADATA
    if document.title_span is not None:
        assert document.title_span.of(text) == document.title  # the title is evidence in the text
    return document.title, document.title_how, document.text


def test_a_headline_ending_with_a_period_is_the_headline() -> None:
    text = (
        "Harbour board replaces its chairman after losses.\n\n"
        "The harbour board on Friday replaced its chairman after a year of heavy losses at the port, "
        "the board said in a statement.\n"
    )
    assert _document(text)[:2] == ("Harbour board replaces its chairman after losses", TitleHow.HEADLINE)


def test_a_short_first_paragraph_of_two_sentences_is_no_headline() -> None:
    text = "The board met. It replaced its chairman.\n\nThe harbour board on Friday replaced its chairman.\n"
    title, how, _ = _document(text)
    assert how is TitleHow.LEAD and title == "The board met"


def test_a_dateline_is_never_the_headline_and_the_lead_gives_the_title() -> None:
    text = (
        "ROTTERDAM —\n\n"
        "The harbour board replaced its chairman on Friday after a year of heavy losses at the port.\n\n"
        "The board said the search for a successor would begin next month.\n"
    )
    title, how, _ = _document(text)
    assert how is TitleHow.LEAD
    assert title == "The harbour board replaced its chairman on Friday after a year of heavy losses at the port"


def test_a_dateline_at_the_head_of_the_lead_is_left_out_of_the_made_title() -> None:
    text = "ROTTERDAM — The harbour board replaced its chairman on Friday. The board met again on Monday.\n"
    assert _document(text)[:2] == ("The harbour board replaced its chairman on Friday", TitleHow.LEAD)


def test_a_url_given_as_title_is_replaced_by_a_made_title() -> None:
    text = "The harbour board replaced its chairman on Friday after a year of losses.\n"
    title, how, _ = _document(text, title="https://example.org/news/2018/04/harbour-board")
    assert how is TitleHow.LEAD and title is not None and title.startswith("The harbour board")


def test_a_given_title_is_metadata() -> None:
    text = "The harbour board replaced its chairman on Friday after a year of losses.\n"
    assert _document(text, title="Board change")[1] is TitleHow.METADATA


def test_a_long_lead_is_cut_at_a_clause_break_and_never_inside_a_quotation() -> None:
    text = (
        "The harbour board, which has run the port for forty years without a single strike, replaced its "
        "chairman on Friday after what members called “the worst year in living memory for the port”.\n"
    )
    title, how, _ = _document(text)
    assert how is TitleHow.LEAD and title is not None
    assert "“" not in title and len(title.split()) <= 20


def test_a_question_or_a_brand_on_the_first_line_is_the_headline() -> None:
    lead = "\n\nThe harbour board on Friday replaced its chairman after a year of heavy losses at the port.\n"
    assert _document("Can the port recover this year?" + lead)[:2] == (
        "Can the port recover this year?",
        TitleHow.HEADLINE,
    )
    assert _document("$3m payoff for former port chief" + lead)[:2] == (
        "$3m payoff for former port chief",
        TitleHow.HEADLINE,
    )
    assert _document("eDock sales rise at harbour" + lead)[:2] == ("eDock sales rise at harbour", TitleHow.HEADLINE)


def test_a_made_title_keeps_a_question_mark() -> None:
    text = "Why did the board replace its chairman on Friday? Members say losses were to blame.\n"
    assert _document(text)[:2] == ("Why did the board replace its chairman on Friday?", TitleHow.LEAD)


def test_a_byline_is_not_made_into_a_title() -> None:
    text = "By Jane Roe and Ivo Tamm\n\nThe harbour board replaced its chairman on Friday. It met again on Monday.\n"
    assert _document(text)[:2] == ("The harbour board replaced its chairman on Friday", TitleHow.LEAD)
