"""Event kinds are checked on their arguments, not on the trigger alone (issues 16 and 20): what a
transfer hands over, what falls, who holds a hearing, and a vote is no election. Every sentence is
written for the test."""

from __future__ import annotations

import pytest

from newsdesk.corpus.happenings import kind_of, kinds_named
from newsdesk.model import RawArticle
from newsdesk.nlp import annotate, load_language
from newsdesk.pipeline import process
from newsdesk.settings import Settings

TEXT = """\
Harbour town report

The port authority provided the inquiry with testimony on March 3, 2017.
The navy provided the coast guard with two patrol boats on May 4, 2017.
The old sea wall gave way on June 9, 2017, flooding the lower streets.
The coalition government collapsed on July 12, 2017, after the budget vote.
The minister gave way on August 2, 2017, and withdrew the tax.
The harbour committee said it would hold a hearing on the flooding on September 14, 2017.
The district court held a hearing on the lawsuit on October 3, 2017.
The council voted on the harbour budget on November 8, 2017.
Voters elected a new mayor on December 5, 2017.
"""


@pytest.fixture(scope="module")
def kinds() -> dict[str, str]:
    raw = RawArticle(source="arguments.txt", text=TEXT, published="2018-01-10")
    (document,) = list(annotate([process(raw, Settings(detect_language=False))], load_language()))
    found = {}
    for event in document.events:
        line = TEXT[TEXT.rfind("\n", 0, event.trigger.start) + 1 :].split(" ", 3)[1]
        found[f"{line}:{event.trigger_text}"] = kind_of(event.lemma)
    return found


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        ("port:provided", "statement"),  # the with-object is what is handed over
        ("navy:provided", "supply"),
        ("old:gave", "collapse"),  # a wall gives way: nothing is overthrown
        ("coalition:collapsed", "downfall"),  # a government falls
        ("minister:gave", "give way"),  # a person gives way: yields, no downfall
        ("harbour:hearing", "inquiry"),  # a committee's hearing (its subject is a pronoun)
        ("district:hearing", "court"),
        ("council:voted", "vote"),  # a vote is no election
        ("elected:elected", "election"),
    ],
)
def test_a_kind_checks_its_arguments(kinds: dict[str, str], key: str, kind: str) -> None:
    assert kinds.get(key) == kind, kinds


@pytest.mark.parametrize(
    ("sentence", "absent", "present"),
    [
        ("The firm provided the panel with written evidence.", "supply", None),
        ("The senate committee opened a hearing into the contracts.", "court", None),
        ("The judge set a hearing for the defendant.", None, "court"),
        ("Parliament held a vote on the bill.", "election", None),
    ],
)
def test_plain_text_checks_arguments(sentence: str, absent: str | None, present: str | None) -> None:
    named = kinds_named(sentence)
    assert absent is None or absent not in named
    assert present is None or present in named
