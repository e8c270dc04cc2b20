"""Captions without a label and promo headlines, recognised by shape on our own lines; the lines of
prose that look close to them, and an embedded post, stay."""

from __future__ import annotations

import pytest

from newsdesk.clean import clean
from newsdesk.clean.lines import Line
from newsdesk.clean.shapes import caption_shaped, promo_headline
from newsdesk.model import RemovalReason


def _line(text: str) -> Line:
    return Line(0, 0, len(text), len(text), text)


@pytest.mark.parametrize(
    "text",
    [
        "Anna Berg, right, the former trade commissioner, with Governor Lake in March 2019.",
        "Pieter Vos, second from left, and Maria Ruiz at the harbour in Rotterdam on Tuesday.",
        "Judge Helen Marsh (left) with her clerk outside the courthouse, June 4, 2021.",
        "Colonel Ivo Tamm with soldiers of the 3rd Brigade in October 2015.",
        "The mayor, centre, with residents of the flooded district in 2020",
        "Ivo Tamm, right, the former defence minister, with Mr. Lake in January 2017.",
        "Ivo Tamm, left, and Ms. Berg at the U.N. in Jan. 2017.",
    ],
)
def test_a_caption_without_label_or_credit_is_recognised(text: str) -> None:
    assert caption_shaped(_line(text))


@pytest.mark.parametrize(
    "text",
    [
        "Anna Berg, right, said the commission would meet with Governor Lake in March 2019.",
        "Pieter Vos left the harbour with his crew in 2019.",
        "That is right, with the budget due in March 2019.",
        "The minister met with union leaders on Tuesday.",
        "Berg, left, wrote to the board with her concerns in May 2018.",
        "Police arrived with dogs on Monday.",
        "Ms Berg, right, chairs the committee with Mr Lake in 2019.",
        "The company, with offices in Oslo, reported profits of £3m in 2019.",
        '"We stand with the families," Berg said in March 2019.',
        "Harwick Rovers set up a cup final with a 3-2 win over Port Ellery in Stenby on Sunday.",
        "Stenby Athletic beat Rovers with a late goal on Sunday.",
        "Anna Berg, right, put the case with vigour in March 2019.",
        "Ivo Tamm, right, the former defence minister, with Mr. Lake in January 2017. He resigned a year later.",
    ],
)
def test_prose_with_a_finite_verb_is_no_caption(text: str) -> None:
    assert not caption_shaped(_line(text))


def test_a_caption_inside_the_body_is_removed_and_the_paragraphs_stay() -> None:
    text = (
        "Harbour board replaces its chairman\n\n"
        "The harbour board on Friday replaced its chairman after a year of losses at the port.\n\n"
        "Anna Berg, right, the former trade commissioner, with Governor Lake in March 2019.\n\n"
        "Ms Berg, who led the board for six years, said she would return to teaching next year.\n"
    )
    result = clean(text)
    removed = {line.text: mark for line, mark in zip(result.lines, result.marks, strict=True) if mark}
    assert removed == {
        "Anna Berg, right, the former trade commissioner, with Governor Lake in March 2019.": RemovalReason.CAPTION
    }


def test_a_promo_headline_is_removed_and_an_embedded_post_stays() -> None:
    text = (
        "The port reopened on Monday after a strike that lasted nine days and cost millions.\n\n"
        "Ships are moving again at last pic.twitter.com/abc123XY\n"
        "— Jane Roe (@janeroe_port) April 29, 2018\n\n"
        "RELATED: Harbour strike spreads to a second port\n\n"
        "Union leaders said the agreement would be put to a vote of members next week.\n"
    )
    result = clean(text)
    removed = {line.text: mark for line, mark in zip(result.lines, result.marks, strict=True) if mark}
    # The post is its author's statement, kept for the quote stage (trafilatura's gold keeps it too).
    assert removed == {"RELATED: Harbour strike spreads to a second port": RemovalReason.RELATED_LINKS}


def test_shapes_close_to_furniture_stay() -> None:
    assert not promo_headline(_line("WASHINGTON: The senate voted on Tuesday to extend the budget."))
    assert not promo_headline(_line("NASA: The probe landed safely."))
