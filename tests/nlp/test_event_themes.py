"""The events stage gives a transfer verb with an abstract object as a verb-object lemma, so that
"provided testimony" is not read as a supply; goods keep the verb alone."""

from __future__ import annotations

from newsdesk.corpus.happenings import kind_of
from newsdesk.model import RawArticle
from newsdesk.nlp import annotate, load_language
from newsdesk.pipeline import process
from newsdesk.settings import Settings

TEXT = """\
Senate panel hears former adviser

The former adviser Lena Varga provided testimony to the Senate committee on March 3, 2017.
Norway delivered twelve howitzers to Estonia on May 4, 2019.
"""


def test_testimony_is_a_statement_and_howitzers_a_supply() -> None:
    raw = RawArticle(source="themes.txt", text=TEXT, published="2019-06-01")
    (document,) = list(annotate([process(raw, Settings(detect_language=False))], load_language()))
    kinds = {event.trigger_text: kind_of(event.lemma) for event in document.events}
    assert kinds.get("provided") == "statement"
    assert kinds.get("delivered") == "supply"


def test_testimony_handed_to_a_country_is_no_arms_supply() -> None:
    from newsdesk.nlp.relations import SUPPLY

    text = "Canada provided testimony to Norway.\nCanada supplied Norway with missiles.\n"
    raw = RawArticle(source="supply.txt", text=text)
    (document,) = list(annotate([process(raw, Settings(detect_language=False))], load_language()))
    supplies = [r for r in document.relations if r.kind == SUPPLY]
    assert [r.trigger_text for r in supplies] == ["supplied"]
