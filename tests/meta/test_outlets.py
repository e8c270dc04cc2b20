"""Outlets: relays versus interviews versus people and ministries that merely look like outlets."""

from __future__ import annotations

from newsdesk.model import Attributed, RawArticle
from newsdesk.pipeline import process
from newsdesk.settings import Settings


def _doc(text: str):  # type: ignore[no-untyped-def]
    return process(RawArticle(source="t.txt", text=text), Settings(detect_language=False))


def test_relays_with_back_references() -> None:
    doc = _doc(
        "Mayors threaten to quit over budget cuts - Reuters\n\n"
        "Several mayors said they would resign if the cuts pass, Reuters reports.\n\n"
        "According to the agency, the finance ministry has not replied to their letter.\n\n"
        "The newspaper El Pais wrote on Sunday that the plan was drafted in March.\n\n"
        "The publication recalls that a similar plan failed in 2019.\n"
    )
    relays = {item.value: [s.of(doc.text) for s in item.evidence] for item in doc.reported_from}
    assert set(relays) == {"Reuters", "El País"}
    assert "According to the agency" in relays["Reuters"]
    assert "The publication recalls" in relays["El País"]
    assert doc.outlet is None  # the headline suffix names the relayed agency, not the publisher


def test_interviews_name_the_publishing_outlet() -> None:
    doc = _doc(
        "Port strike ends\n\n"
        "\u201cWe got what we asked for,\u201d union leader Ana Roth told Al Jazeera.\n\n"
        "\u201cThe deal is fair,\u201d the port director told Al Jazeera on Friday.\n"
    )
    assert doc.outlet is not None and (doc.outlet.value, doc.outlet.how) == ("Al Jazeera", "interviews")
    assert [s.of(doc.text) for s in doc.outlet.evidence] == ["Al Jazeera", "Al Jazeera"]
    assert doc.reported_from == ()


def test_people_ministries_and_self_references_are_not_relays() -> None:
    doc = _doc(
        "Talks stall\n\n"
        "Russia's Ministry of Foreign Affairs said the talks had stalled.\n\n"
        "\u201cNothing moved,\u201d Hill said, referring to the diplomat Fiona Hill's notes.\n\n"
        "The Herald has learned that a second round is planned.\n\n"
        "The Dutch newspaper reported nothing new.\n"
    )
    assert doc.reported_from == ()


def test_wire_dateline_is_a_relay() -> None:
    doc = _doc(
        "Floods close schools\n\nBRENNA, Ostmark (Reuters) - Floods closed 40 schools on Monday, officials said.\n"
    )
    assert [item.value for item in doc.reported_from] == ["Reuters"]


def test_title_suffix_names_the_outlet_when_not_relayed() -> None:
    doc = _doc(
        "Council approves tram line - The Selby Gazette\n\nThe city council approved the new tram line on Monday.\n"
    )
    assert doc.outlet is not None and (doc.outlet.value, doc.outlet.how) == ("The Selby Gazette", "title")
    assert doc.outlet.evidence[0].of(doc.text) == "The Selby Gazette"


def test_wire_copy_relays_the_wire_whatever_its_dateline() -> None:
    for text, wire in (
        ("Floods close schools\n\nOct. 9 (UPI) -- Floods closed 40 schools on Monday.\n", "United Press International"),
        ("Floods close schools\n\nBRENNA, Ostmark, Oct. 9 (Reuters) - Floods closed 40 schools.\n", "Reuters"),
        ("Floods close schools\n\nBRENNA, Oct. 9 (AP) — Floods closed 40 schools on Monday.\n", "Associated Press"),
    ):
        doc = _doc(text)
        assert [item.value for item in doc.reported_from] == [wire], text
        evidence = doc.reported_from[0].evidence[0]
        assert doc.text[evidence.start : evidence.end] in ("UPI", "Reuters", "AP")


def test_an_article_does_not_relay_itself_under_a_short_name() -> None:
    text = (
        "Port chief quits\n\n"
        "The chief of the port resigned on Friday, the Times reported last week, after the board met.\n\n"
        "The Herald Tribune wrote on Sunday that the board had asked him to go.\n"
    )
    raw = RawArticle(source="t.txt", text=text, outlet="The New York Times")
    doc = process(raw, Settings(detect_language=False))
    relays = {item.value for item in doc.reported_from}
    assert "The Times" not in relays and "The New York Times" not in relays
    assert "The Herald Tribune" in relays or "Herald Tribune" in relays


def test_an_own_outlet_given_by_its_abbreviation_is_known_by_its_full_name() -> None:
    text = "Port chief quits\n\nThe chief of the port resigned on Friday, the Times reported last week.\n"
    doc = process(RawArticle(source="t.txt", text=text, outlet="NYT"), Settings(detect_language=False))
    assert not doc.reported_from


def test_short_names_fold_only_into_the_outlet_they_end() -> None:
    from newsdesk.meta.outlets import short_name_of

    assert short_name_of("the Times", "The New York Times")
    assert short_name_of("The Post", "The Washington Post")
    assert not short_name_of("The Times", "The Times of Israel")
    assert not short_name_of("The New York Times", "The Times")
    assert not short_name_of("The Times", "The Times")  # the same name is not a short name


def test_with_no_outlet_named_the_site_of_its_address_is_the_outlet() -> None:
    from newsdesk.meta.outlets import outlet_from_url

    assert outlet_from_url("http://www.harbourdaily.co.za/news/2011/10/dredging") == Attributed("harbourdaily.co.za", "url")
    assert outlet_from_url("https://m.harbourdaily.com/a/1") == Attributed("harbourdaily.com", "url")
    assert outlet_from_url("https://edition.harbourdaily.com/b") == outlet_from_url("http://harbourdaily.com/c")
    assert outlet_from_url("http://192.168.0.1/x") is None
    assert outlet_from_url(None) is None and outlet_from_url("not a url") is None


def test_two_articles_of_one_site_are_one_source() -> None:
    from newsdesk.corpus.claims import independent_sources

    settings = Settings(detect_language=False)
    texts = [
        ("http://www.harbourdaily.co.za/a", "Dredging resumes\n\nThe harbour of Brennport will be dredged again from Monday."),
        ("http://harbourdaily.co.za/b", "Channel closed\n\nThe northern channel of Brennport closed on Friday for the dredging."),
        ("http://www.portgazette.com/c", "Port work\n\nDredgers arrived in Brennport harbour on Sunday to deepen the channel."),
    ]
    documents = [process(RawArticle(source=url, text=text, url=url), settings) for url, text in texts]
    sources = independent_sources(documents)
    assert len({sources[d.id] for d in documents}) == 2
    assert [d.outlet.how for d in documents if d.outlet] == ["url", "url", "url"]
