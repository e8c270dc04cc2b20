"""Quotes with the real parser on our own sentences: every quote style, every way to name a speaker."""

from __future__ import annotations

import pytest

from newsdesk.model import Document, Quote, RawArticle
from newsdesk.nlp import annotate, load_language
from newsdesk.pipeline import process
from newsdesk.settings import Settings

STORY = """\
Harbour talks collapse
“We will not accept a deal that cuts our pensions,” said Mara Ilves, the head of the dockers' union.
“The port authority has had months to make an offer,” she added. “Instead it sent us a letter.”
The port authority said in a statement that it “regrets” the decision and remains open to talks.
According to the regional newspaper, the strike could cost the city 4 million euros a week.
Added Tomas Berg, an economist at the University of Lennvik: «A long strike would hurt the whole coast.»
"Nobody wins a war of attrition," Berg said. His answer to the mayor was blunt.
Analysts say the government is unlikely to intervene before the election.
The union called the offer a “so-called compromise” in its letter.
The Selby Gazette reports that talks may resume on Friday. The publication recalls that the last strike lasted nine weeks.
„Wir bleiben hier“, the banner of the German crew read, and the crew said nothing more.
Port director Anna Holm wrote on X that she was “disappointed but not surprised.”
“This is a sad day for the harbour and for everyone who works in it.
“We will keep talking as long as it takes,” Holm said.
"""


@pytest.fixture(scope="module")
def document() -> Document:
    raw = RawArticle(source="harbour.txt", text=STORY)
    (annotated,) = list(annotate([process(raw, Settings(detect_language=False))], load_language()))
    return annotated


def _quote(document: Document, words: str) -> Quote:
    found = [q for q in document.quotes if words in q.text]
    assert found, f"no quote with {words!r}: {[q.text for q in document.quotes]}"
    return found[0]


def test_offsets_are_the_words_without_marks(document: Document) -> None:
    for quote in document.quotes:
        assert document.text[quote.span.start : quote.span.end] == quote.text
        assert quote.text[:1] not in '“”"«»„' and quote.text[-1:] not in '“”"«»'
        if quote.speaker is not None:
            assert document.text[quote.speaker.start : quote.speaker.end] == quote.speaker_text
        if quote.cue is not None:
            assert document.text[quote.cue.start : quote.cue.end].lower() in (quote.cue_text or "").lower()


def test_direct_quote_with_inverted_cue(document: Document) -> None:
    quote = _quote(document, "cuts our pensions")
    assert (quote.kind, quote.speaker_text, quote.cue_text) == ("direct", "Mara Ilves", "said")


def test_pronoun_and_continuation_take_the_speaker_before(document: Document) -> None:
    added = _quote(document, "had months to make an offer")
    assert added.speaker_text == "Mara Ilves" and added.cue_text == "added"
    following = _quote(document, "Instead it sent us a letter")
    assert following.speaker_text == "Mara Ilves"


def test_guillemets_and_verb_first_attribution(document: Document) -> None:
    quote = _quote(document, "hurt the whole coast")
    assert quote.speaker_text == "Tomas Berg" and quote.kind == "direct"


def test_straight_quotes_and_surname(document: Document) -> None:
    quote = _quote(document, "war of attrition")
    assert quote.speaker_text == "Berg" and quote.kind == "direct"


def test_partial_quote_inside_reported_speech(document: Document) -> None:
    quote = _quote(document, "disappointed but not surprised")
    assert quote.kind == "partial" and quote.speaker_text == "Anna Holm"
    assert quote.channel == "X"


def test_scare_quotes_are_nobodys_statement(document: Document) -> None:
    quote = _quote(document, "so-called compromise")
    assert quote.kind in {"scare", "partial"}
    if quote.kind == "partial":
        assert quote.speaker_text is not None and "union" in quote.speaker_text


def test_indirect_speech_groups_and_relays(document: Document) -> None:
    analysts = _quote(document, "unlikely to intervene")
    assert (analysts.kind, analysts.speaker_kind) == ("indirect", "group")
    newspaper = _quote(document, "4 million euros")
    assert newspaper.kind == "indirect" and newspaper.cue_text == "according to"
    relayed = _quote(document, "last strike lasted nine weeks")
    assert relayed.speaker_kind == "outlet" and relayed.speaker_text == "The Selby Gazette"
    reported = _quote(document, "talks may resume on Friday")
    assert reported.speaker_text == "The Selby Gazette"


def test_unclosed_quote_runs_to_the_paragraph_end(document: Document) -> None:
    quote = _quote(document, "sad day for the harbour")
    assert quote.text.endswith("works in it.")
    # its paragraph has no cue; the next paragraph's speaker is not borrowed backwards
    assert quote.speaker_text != "Holm" or quote.note is not None


def test_low_german_quotes_open_and_close(document: Document) -> None:
    assert any(q.text == "Wir bleiben hier" for q in document.quotes)


def test_a_name_inside_a_quote_never_speaks() -> None:
    text = "“Ask Peter Brandt what he thinks,” the minister said, and left.\n"
    raw = RawArticle(source="t.txt", text=text)
    (annotated,) = list(annotate([process(raw, Settings(detect_language=False))], load_language()))
    (quote,) = [q for q in annotated.quotes if q.kind == "direct"]
    assert quote.speaker_text != "Peter Brandt"


def test_speaker_as_written_and_attitudes() -> None:
    text = (
        "Veteran union organiser Piet Olsen said the deal was fair.\n"
        "A new survey shows that most dockers want a shorter week.\n"
        "“We are not done,” he said.\n"
    )
    raw = RawArticle(source="t.txt", text=text)
    (annotated,) = list(annotate([process(raw, Settings(detect_language=False))], load_language()))
    said = _quote(annotated, "the deal was fair")
    assert said.kind == "indirect" and not said.attitude
    assert said.speaker_phrase is not None and said.speaker_phrase.of(text) == "Veteran union organiser Piet Olsen"
    assert said.speaker_text == "Piet Olsen"
    survey = _quote(annotated, "most dockers want a shorter week")
    assert survey.attitude and survey.speaker_phrase is not None and survey.speaker_phrase.of(text) == "A new survey"
    later = _quote(annotated, "We are not done")
    assert later.speaker_text == "Piet Olsen"
    assert later.speaker_phrase is not None and later.speaker_phrase.of(text) == "he"


def test_a_quote_split_by_its_cue_is_one_utterance() -> None:
    text = "“The port is closed,” said Mara Ilves, the union leader, “and it will stay closed until Friday.”\n"
    raw = RawArticle(source="t.txt", text=text)
    (annotated,) = list(annotate([process(raw, Settings(detect_language=False))], load_language()))
    first, second = _quote(annotated, "The port is closed"), _quote(annotated, "stay closed until Friday")
    assert first.part_of is None and second.part_of == first.span
    assert first.speaker_text == second.speaker_text == "Mara Ilves"


def _annotated(text: str) -> Document:
    raw = RawArticle(source="t.txt", text=text)
    (annotated,) = list(annotate([process(raw, Settings(detect_language=False))], load_language()))
    return annotated


def test_beliefs_wishes_and_stances_are_attitudes() -> None:
    text = (
        "Harbour master Lina Voss believes the new tunnel will open in May.\n"
        "The council wants the ferry operator to cut its fares.\n"
        "Farmers' leader Jan Dekker criticized the grain tariff on Tuesday.\n"
    )
    document = _annotated(text)
    belief = _quote(document, "the new tunnel will open in May")
    assert belief.attitude and belief.speaker_text == "Lina Voss" and belief.cue_text == "believes"
    wish = _quote(document, "the ferry operator to cut its fares")
    assert wish.attitude and wish.kind == "indirect" and wish.cue_text == "wants"
    stance = _quote(document, "the grain tariff")
    assert stance.attitude and stance.speaker_text == "Jan Dekker" and "Tuesday" not in stance.text


def test_calls_urges_and_claims_report_what_they_ask_for() -> None:
    text = (
        "Farmers' leader Jan Dekker called for a ban on imported grain.\n"
        "Dekker urged the minister to resign before the summer.\n"
        "Lina Voss repeated her claim that the old bridge was safe.\n"
    )
    document = _annotated(text)
    call = _quote(document, "a ban on imported grain")
    assert call.text == "a ban on imported grain" and call.speaker_text == "Jan Dekker" and not call.attitude
    urged = _quote(document, "the minister to resign")
    assert urged.text.startswith("the minister to resign") and urged.speaker_text == "Dekker"
    claim = _quote(document, "the old bridge was safe")
    assert claim.cue_text == "claim" and claim.speaker_text == "Lina Voss"


def test_a_trailing_according_to_is_not_content() -> None:
    document = _annotated("Grain exports fell by a third last year, according to the trade ministry.\n")
    quote = _quote(document, "Grain exports fell")
    assert quote.text == "Grain exports fell by a third last year" and quote.cue_text == "according to"


def test_a_partial_quote_reports_its_whole_clause() -> None:
    document = _annotated("Union leader Pavel Rook said the offer was “an insult to every worker.”\n")
    quote = _quote(document, "an insult to every worker")
    assert quote.kind == "partial" and quote.text.startswith("the offer was")
    assert quote.speaker_text == "Pavel Rook"


def test_a_quote_continued_after_its_cue_or_over_paragraphs_is_one_utterance() -> None:
    text = (
        "“The port is closed,” said Mara Ilves, the union leader. “It will stay closed until Friday.”\n"
        "“We have waited for an answer since spring and heard nothing at all.\n"
        "“So we stop work,” Ilves said.\n"
    )
    document = _annotated(text)
    first, then = _quote(document, "The port is closed"), _quote(document, "stay closed until Friday")
    assert then.part_of == first.span and then.speaker_text == "Mara Ilves"
    opened, closing = _quote(document, "waited for an answer"), _quote(document, "So we stop work")
    assert opened.part_of is None and closing.part_of == opened.span


def test_transcript_turns_and_signed_quotes_name_their_speaker() -> None:
    text = (
        "HOST: Welcome back to the harbour hour.\n"
        "VOSS: Thank you for having me on the show.\n"
        "“We will come back next year with more boats.” ― Ida Marsh.\n"
    )
    document = _annotated(text)
    host = _quote(document, "Welcome back")
    assert host.kind == "direct" and host.speaker_text == "HOST" and host.text.startswith("Welcome")
    assert _quote(document, "Thank you for having me").speaker_text == "VOSS"
    assert _quote(document, "come back next year").speaker_text == "Ida Marsh"


def test_he_and_she_follow_the_gender_an_honorific_signals() -> None:
    text = "Mrs. Anna Berg met Mr. Pavel Rook at the quay on Monday.\n“We agreed on nothing,” she said.\n"
    document = _annotated(text)
    quote = _quote(document, "We agreed on nothing")
    assert quote.speaker_text is not None and quote.speaker_text.endswith("Anna Berg")
