"""Speakers only on evidence, on our own sentences: a name nearby is never enough."""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.model import Document, Quote, RawArticle
from newsdesk.nlp import annotate, load_language
from newsdesk.nlp.speakers import DESIGNATOR
from newsdesk.pipeline import process
from newsdesk.settings import Settings

_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def _annotated(text: str) -> Document:
    raw = RawArticle(source="t.txt", text=text)
    (document,) = list(annotate([process(raw, Settings(detect_language=False))], load_language()))
    return document


def _quote(document: Document, words: str) -> Quote:
    found = [q for q in document.quotes if words in q.text]
    assert found, f"no quote with {words!r}: {[q.text for q in document.quotes]}"
    return found[0]


@pytest.fixture(scope="module")
def border() -> Document:
    return _annotated(
        "Border visit ends early\n"
        "Interior Secretary Maria Vance toured the crossing at Puerto Lindo on Monday.\n"
        "A woman from the coast waited at the gate with her two sons. “We have nowhere else to go,” she said.\n"
        "Governor Tom Reyes said the march had been peaceful.\n"
        "Several hundred people walked through the town on Tuesday.\n"
        "“We walk for our children and nothing else.”\n"
        "The marchers rested under the bridge. “We are tired but we will go on,” they said.\n"
        "“Nobody here has slept for two nights,” they said, before the buses came.\n"
    )


def test_the_nearest_description_speaks_not_the_official_named_before(border: Document) -> None:
    quote = _quote(border, "nowhere else to go")
    assert quote.speaker_text is not None and "woman" in quote.speaker_text
    assert quote.speaker_kind == "unnamed"


def test_a_quote_without_cue_does_not_borrow_a_distant_speaker(border: Document) -> None:
    quote = _quote(border, "walk for our children")
    assert quote.speaker is None and quote.speaker_text is None


def test_they_takes_a_plural_group_or_stays_unresolved(border: Document) -> None:
    rested = _quote(border, "tired but we will go on")
    assert rested.speaker_kind == "group" and rested.speaker_text == "The marchers"
    assert all(q.speaker_text != "Tom Reyes" for q in border.quotes if "tired" in q.text or "slept" in q.text)


def test_unresolved_pronoun_and_weekday_name_no_voice() -> None:
    document = _annotated(
        "Crossing shut\n"
        "“The crossing stays shut until further notice,” said Sunday, in a statement.\n"
        "“This is not over,” they said.\n"
    )
    assert not any((q.speaker_text or "").lower() in _WEEKDAYS for q in document.quotes)
    over = _quote(document, "not over")
    assert over.speaker_kind == "pronoun"  # unresolved: nothing before it stands for "they"
    assert over.note == "unresolved pronoun"


def test_a_thing_is_no_speaker() -> None:
    document = _annotated("March\nThe 200-mile walk is meant to show that the families are peaceful.\n")
    for quote in document.quotes:
        assert quote.speaker_kind in {None, "thing"}, quote


def test_first_person_in_a_printed_letter_is_its_author() -> None:
    document = _annotated(
        "Letter to the council\n"
        "Lena Ortiz wrote to the council on Friday:\n"
        "I asked that the gates stay open for the families, and I was refused.\n"
    )
    asked = _quote(document, "gates stay open")
    assert asked.speaker_text == "Lena Ortiz"


def test_first_person_without_an_author_is_unresolved() -> None:
    document = _annotated("Column\nI think that the gates should stay open for the families.\n")
    quote = _quote(document, "gates should stay open")
    assert quote.speaker_kind == "pronoun" and quote.speaker_text == "I"


def test_pronouns_inside_a_quoted_memo_stay_inside_it() -> None:
    document = _annotated(
        "Memo\n“I replied that he would always get honesty from me,” said Dana Whitfield, reading from her memo.\n"
    )
    quote = _quote(document, "always get honesty")
    assert quote.speaker_text == "Dana Whitfield"
    assert not any(q.speaker_text in {"I", "he", "me"} for q in document.quotes)


def test_a_clause_before_a_colon_gives_its_subject_the_word() -> None:
    document = _annotated(
        "Talks\n"
        "Omar Daly went on, louder now: “We will not leave this square before the vote.”\n"
        "The banner over the gate read: “Open the border to the families now.”\n"
    )
    assert _quote(document, "leave this square").speaker_text == "Omar Daly"
    assert _quote(document, "Open the border").speaker_kind in {None, "thing"}


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "Ruth Kemp was asked about the closure. Her verdict: “It is a disgrace to this town.”\n",
            "disgrace",
            "Ruth Kemp",
        ),
        (
            "Omar Daly took the microphone last. His reply: “We will not leave this square.”\n",
            "leave this square",
            "Omar Daly",
        ),
        (
            "Replied Jonas Falk, a lawyer for the families: “We will appeal the ruling.”\n",
            "appeal the ruling",
            "Jonas Falk",
        ),
        (
            "Noted Priya Raman, who chairs the board: “The budget is larger than last year.”\n",
            "budget is larger",
            "Priya Raman",
        ),
    ],
)
def test_labels_and_inverted_cues_in_general(text: str, words: str, speaker: str) -> None:
    quote = _quote(_annotated("Talks\n" + text), words)
    assert quote.speaker_text == speaker


@pytest.mark.parametrize(
    ("phrase", "designates"),
    [
        ("the authors of the report", True),
        ("its editors", True),
        ("the magazine", True),
        ("the writers of the piece", True),
        ("the governor", False),
        ("authorities", False),
    ],
)
def test_designators_of_a_relayed_piece(phrase: str, designates: bool) -> None:
    assert bool(DESIGNATOR.match(phrase)) is designates


def test_export_lists_an_unresolved_pronoun_under_no_name() -> None:
    from newsdesk.report.export import quote_records

    document = _annotated("Crossing shut\n“This is not over,” they said.\n")
    records: list[dict[str, Any]] = quote_records([document], [])
    (record,) = [r for r in records if "not over" in r["text"]]
    assert record["speaker"]["name"] is None and record["speaker_kind"] == "pronoun"


def test_the_title_is_the_one_person_given_it() -> None:
    document = _annotated(
        "Visit\n"
        "President Elena Sorin arrived in the port city on Tuesday with her delegation.\n"
        "The president said that the new bridge would open next spring.\n"
    )
    quote = _quote(document, "new bridge would open")
    assert quote.speaker_text == "Elena Sorin" and quote.speaker_kind == "named"


def test_a_title_given_to_two_people_stays_a_description() -> None:
    document = _annotated(
        "Summit\n"
        "President Elena Sorin met President Karl Adler in the port city on Tuesday.\n"
        "The president said that the new bridge would open next spring.\n"
    )
    quote = _quote(document, "new bridge would open")
    assert quote.speaker_text not in {"Elena Sorin", "Karl Adler"}


def test_it_is_an_organisation_only_when_nothing_else_is_the_subject_before() -> None:
    document = _annotated(
        "Audit\n"
        "The European Commission published its audit of the port on Monday.\n"
        "It said that the new cranes had cost twice the estimate.\n"
        "The audit runs to ninety pages. It warns that the debts will grow.\n"
    )
    cranes = _quote(document, "cost twice the estimate")
    assert cranes.speaker_text is not None and "European Commission" in cranes.speaker_text
    assert cranes.speaker_kind == "named"
    debts = _quote(document, "debts will grow")
    assert debts.speaker_text is None or "Commission" not in debts.speaker_text


def test_a_name_only_in_a_prepositional_phrase_is_no_antecedent() -> None:
    document = _annotated(
        "Square\nSupporters of Karl Adler gathered in the square at dawn.\n“We will stay until the vote,” he said.\n"
    )
    quote = _quote(document, "stay until the vote")
    assert quote.speaker_text != "Karl Adler" and quote.speaker_kind == "pronoun"


def test_a_quoted_memo_after_a_colon_is_its_authors() -> None:
    document = _annotated(
        "Memo\n"
        "Dana Whitfield described the meeting in a memo written that night:\n"
        "“I replied that he would always get honesty from me, and he thanked me.”\n"
    )
    quote = _quote(document, "always get honesty")
    assert quote.speaker_text == "Dana Whitfield" and quote.speaker_kind == "named"


def test_a_noun_of_speech_says_whose_words_follow() -> None:
    document = _annotated(
        "Schools\n"
        "The campaign released a video with a quote from Governor Ana Ruiz, “We will rebuild every school.”\n"
        "The report, “Roads to Nowhere and Back Again,” was published by the council on Monday.\n"
    )
    assert "Ana Ruiz" in (_quote(document, "rebuild every school").speaker_text or "")
    assert _quote(document, "Roads to Nowhere").speaker_text is None


def test_a_description_before_a_name_speaks_as_the_name() -> None:
    document = _annotated(
        "Harbour works\n\n"
        "“The dredging will take three weeks,” said the port's chief engineer Tom Ekwall.\n\n"
        "“We had no choice,” said the spokesman, Anders Lund.\n"
    )
    assert _quote(document, "three weeks").speaker_text == "Tom Ekwall"
    assert _quote(document, "no choice").speaker_text == "Anders Lund"


def test_words_quoted_inside_a_report_are_part_of_it() -> None:
    document = _annotated(
        "Harbour works\n\n"
        "According to the port authority, the dredgers were working “around the clock” with hundreds of ships "
        "already delayed.\n"
    )
    texts = [q.text for q in document.quotes]
    assert any("around the clock" in t and "dredgers" in t for t in texts)
    assert "around the clock" not in texts  # not a quote of its own, as if it were all they said
