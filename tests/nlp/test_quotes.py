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
