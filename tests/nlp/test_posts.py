"""Embedded posts keep their text (trafilatura's gold counts it) and are credited to their account
as its words. Every line is written for the test."""

from __future__ import annotations

import pytest

from newsdesk.model import Document, RawArticle
from newsdesk.nlp import annotate, load_language
from newsdesk.nlp.posts import embedded_posts
from newsdesk.pipeline import process
from newsdesk.settings import Settings

ARTICLE = (
    "Marchers cross the river bridge\n"
    "Governor Tom Reyes said the march had been peaceful.\n"
    "Thousands on the bridge tonight, and more are coming. pic.twitter.com/AbC123xyz\n"
    "— Dana Ortiz (@dortiz_news) April 29, 2018\n"
    "The city council met on Monday to discuss the route.\n"
    "Rain all day and still they walk #rally\n"
    "— 🌟 (@marchwatch) April 30, 2018\n"
    "Our volunteers handed out 400 meals today.\n"
    "A post shared by Harbour Kitchen (@harbourkitchen) on Apr 29, 2018 at 10:05am PDT\n"
    "The governor thanked the volunteers.\n"
    "Lena Park\n"
    "@lenapark\n"
    "Crossing the bridge now.\n"
    "My feet hurt but we keep going. https://t.co/XyZ987\n"
    "9:41 PM · Apr 29, 2018\n"
    "The march reached the square at dusk.\n"
    "@roadwatch\n"
    "Traffic is stopped on the north side\n"
    "10:05 AM · Apr 30, 2018\n"
)


@pytest.fixture(scope="module")
def document() -> Document:
    raw = RawArticle(source="posts.txt", text=ARTICLE, published="2018-04-30")
    (found,) = list(annotate([process(raw, Settings(detect_language=False))], load_language()))
    return found


def test_a_post_is_its_accounts_words(document: Document) -> None:
    posts = {q.text: q for q in document.quotes if q.note == "embedded post"}
    assert set(posts) == {
        "Thousands on the bridge tonight, and more are coming.",
        "Rain all day and still they walk #rally",
        "Our volunteers handed out 400 meals today.",
        "Crossing the bridge now.\nMy feet hurt but we keep going.",  # a card: both ends marked, taken whole
        "Traffic is stopped on the north side",
    }
    speakers = {text: (q.speaker_text, q.channel) for text, q in posts.items()}
    assert speakers["Thousands on the bridge tonight, and more are coming."] == ("Dana Ortiz", "X")
    assert speakers["Rain all day and still they walk #rally"] == ("@marchwatch", "X")  # no name: the handle
    assert speakers["Our volunteers handed out 400 meals today."] == ("Harbour Kitchen", "Instagram")
    assert speakers["Crossing the bridge now.\nMy feet hurt but we keep going."] == ("Lena Park", "X")
    assert speakers["Traffic is stopped on the north side"] == ("@roadwatch", "X")  # the line above is prose
    for quote in posts.values():
        assert quote.kind == "direct" and quote.speaker is not None
        assert ARTICLE[quote.span.start : quote.span.end] == quote.text
        assert ARTICLE[quote.speaker.start : quote.speaker.end] == quote.speaker_text


def test_the_post_stays_in_the_text(document: Document) -> None:
    assert "Thousands on the bridge tonight" in document.body
    assert "(@dortiz_news)" in document.body


def test_a_name_near_a_post_never_takes_it(document: Document) -> None:
    assert not [q for q in document.quotes if q.speaker_text == "Tom Reyes" and "bridge tonight" in q.text]


@pytest.mark.parametrize(
    "text",
    [
        "Follow us on Twitter (@citydesk) for updates.\n",  # a handle in prose: no signature
        "— Dana Ortiz (@dortiz_news) April 29, 2018\n",  # a signature with nothing before it
        "A long paragraph of the article itself. " * 20 + "\n— Dana Ortiz (@dortiz_news) April 29, 2018\n",
    ],
)
def test_no_post_without_its_shape(text: str) -> None:
    assert list(embedded_posts(text, "test")) == []
