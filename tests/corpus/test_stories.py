"""Story detection (newsdesk.corpus.stories) on profiles written here: two stories stay two,
one story is found whatever order its articles come in, bridges merge, roundups do not, the
time window splits, ids are stable and one article's cost does not grow with the book."""

from __future__ import annotations

import datetime
import random
from collections.abc import Collection, Sequence

from newsdesk.corpus.stories import (
    CHANNELS,
    MemoryBook,
    Profile,
    StoryChanges,
    StorySettings,
    StoryState,
    detect,
    profile,
    story_id,
)
from newsdesk.model import (
    Attributed,
    DateHow,
    Document,
    Granularity,
    Mention,
    PartialDate,
    Published,
    RawArticle,
    Span,
    without_outlet,
)
from newsdesk.nlp import annotate, load_language
from newsdesk.pipeline import process
from newsdesk.settings import Settings

DAY = datetime.date(2026, 3, 10).toordinal()


def _profile(doc: str, actors: str, words: str, day: int | None = DAY, dates: str = "") -> Profile:
    return Profile(
        doc,
        day,
        (
            {"@" + a: 1.0 for a in actors.split()},
            {w: 1.0 for w in words.split()},
            {"#" + d: 1.0 for d in dates.split()},
        ),
        title=f"headline of {doc}",
    )


# Two invented stories with some words in common (a minister, "government"), and background
# articles about other things, so that the word counts are those of a mixed pile.
FERRY = [
    _profile(
        f"ferry{i}",
        "aurelia star pellinor halvard brisk",
        "ferry aground sandbank passengers rescued coastguard " + extra,
    )
    for i, extra in enumerate(["night lifeboats", "hull divers", "tugs tide", "inquiry board", "refunds route"])
]
STRIKE = [
    _profile(f"strike{i}", "lennvik castell transit union alm", "strike trams metro pay drivers commuters " + extra)
    for i, extra in enumerate(["walkout depot", "talks offer", "deal raise", "government minister", "buses queue"])
]
BACKGROUND = [_profile(f"other{i}", f"name{i} place{i}", f"topic{i} matter{i} thing{i} government") for i in range(30)]


def _partition(book: MemoryBook, docs: Collection[str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for doc in docs:
        groups.setdefault(book.member_of[doc], set()).add(doc)
    return {frozenset(g) for g in groups.values()}


def _run(profiles: Sequence[Profile], batch: int, settings: StorySettings | None = None) -> MemoryBook:
    settings = settings or StorySettings()
    book = MemoryBook()
    for start in range(0, len(profiles), batch):
        book.apply(detect(profiles[start : start + batch], book, settings, book.created))
    return book


def test_two_stories_stay_two_and_each_is_one() -> None:
    book = _run(FERRY + STRIKE + BACKGROUND, 1000)
    partition = _partition(book, [p.doc for p in FERRY + STRIKE])
    assert partition == {frozenset(p.doc for p in FERRY), frozenset(p.doc for p in STRIKE)}


def test_any_order_in_batches_gives_the_same_stories() -> None:
    expected = {frozenset(p.doc for p in FERRY), frozenset(p.doc for p in STRIKE)}
    for seed in range(5):
        shuffled = random.Random(seed).sample(FERRY + STRIKE + BACKGROUND, len(FERRY + STRIKE + BACKGROUND))
        book = _run(shuffled, 3)
        assert _partition(book, [p.doc for p in FERRY + STRIKE]) == expected, seed


def test_ids_are_stable_and_derived_from_the_first_article() -> None:
    first = _run(FERRY + BACKGROUND, 1000)
    again = _run(list(reversed(FERRY + BACKGROUND)), 1000)
    assert first.member_of["ferry0"] == again.member_of["ferry0"]
    # All at once, articles are placed in order of date, then id: ferry0 begins its story.
    assert first.member_of["ferry3"] == story_id("ferry0")


def test_the_same_actors_months_apart_are_two_stories() -> None:
    later = [
        _profile(f"late{i}", "aurelia star pellinor halvard brisk", " ".join(p.channels[1]), DAY + 90)
        for i, p in enumerate(FERRY)
    ]
    book = _run(FERRY + later + BACKGROUND, 1000)
    assert book.member_of["ferry0"] != book.member_of["late0"]
    assert len({book.member_of[p.doc] for p in later}) == 1
    # Inside the window they are one.
    near = [_profile(p.doc, "aurelia star pellinor halvard brisk", " ".join(p.channels[1]), DAY + 10) for p in later]
    book = _run(FERRY + near + BACKGROUND, 1000)
    assert book.member_of["ferry0"] == book.member_of["late0"]


def test_a_bridging_article_merges_two_halves_under_the_older_id() -> None:
    # One happening reported in two vocabularies (a place's two names, two sets of officials)
    # that meet only in a later article naming both.
    east = [
        _profile(f"east{i}", "kestrel bay harbourmaster vell", "oil spill tanker slick beaches " + w)
        for i, w in enumerate("ab")
    ]
    west = [
        _profile(f"west{i}", "kestrel inlet warden osk", "oil spill tanker slick birds " + w)
        for i, w in enumerate("cd")
    ]
    bridge = _profile(
        "bridge", "kestrel bay inlet harbourmaster vell warden osk", "oil spill tanker slick beaches birds"
    )
    settings = StorySettings(ratio=1.0, single=0.9)  # strict enough that the halves begin apart
    book = _run(east + west + BACKGROUND, 1000, settings)
    assert book.member_of["east0"] != book.member_of["west0"]
    older, newer = book.member_of["east0"], book.member_of["west0"]
    changes = detect([bridge], book, StorySettings(ratio=0.5, single=0.4), book.created)
    book.apply(changes)
    assert book.member_of["east0"] == book.member_of["west0"] == book.member_of["bridge"] == older
    assert newer in book.states[older].merged_from
    # Each merge kept the older of its two stories; every merged id is gone and leads to the oldest.
    assert all(m.merged not in book.states for m in book.merges)
    assert older in {m.kept for m in book.merges}
    assert all(m.via == "bridge" for m in book.merges)
    assert newer not in book.states


def test_a_roundup_joins_one_story_and_lists_the_other() -> None:
    book = _run(FERRY + STRIKE + BACKGROUND, 1000)
    roundup = _profile(
        "roundup",
        "aurelia star pellinor lennvik castell transit",
        "ferry aground passengers strike trams metro",
    )
    changes = detect([roundup], book, StorySettings(other=0.1), book.created)
    book.apply(changes)
    assert not changes.merges
    assert book.member_of["roundup"] in {book.member_of["ferry0"], book.member_of["strike0"]}
    assert book.other_of["roundup"] in {book.member_of["ferry0"], book.member_of["strike0"]} - {
        book.member_of["roundup"]
    }


class CountingBook(MemoryBook):
    def __init__(self) -> None:
        super().__init__()
        self.loaded = 0

    def load(self, story_ids: Collection[str]) -> dict[str, StoryState]:
        self.loaded += len(story_ids)
        return super().load(story_ids)


def test_one_article_is_compared_with_a_bounded_set_of_stories() -> None:
    # 400 stories that all share one common word and one actor with the new article.
    settings = StorySettings(candidates=10, postings=20)
    book = CountingBook()
    many = [_profile(f"s{i}", f"valdoria solo{i}", f"common unique{i} only{i}") for i in range(400)]
    book.apply(detect(many, book, settings))
    assert len(book.states) == 400
    book.loaded = 0
    changes: StoryChanges = detect([_profile("new", "valdoria", "common fresh words")], book, settings, book.created)
    # The candidates of the article, then of the story it joins (if any), and one look-up that
    # it begins no story twice: never the 400.
    assert book.loaded <= 2 * 10 + 1
    assert changes.profiled == 1


def _document(text: str, mentions: list[tuple[str, str]], how: DateHow = DateHow.METADATA) -> Document:
    found = []
    for name, label in mentions:
        start = text.index(name)
        found.append(Mention(Span(start, start + len(name)), name, label, "test"))
    title_end = text.index("\n")
    return Document(
        id="d1",
        source="test",
        text=text,
        title=text[:title_end],
        title_span=Span(0, title_end),
        outlet=Attributed("Coastal Times", "metadata"),
        published=Published(PartialDate("2026-03-12", Granularity.DAY), how),
        mentions=tuple(found),
    )


def test_a_profile_weighs_the_headline_and_lead_and_keeps_name_words() -> None:
    text = (
        "Ferry aground off Pellinor\n\nThe ferry ran aground near Pellinor on Thursday, the coastguard said.\n\n"
        + "Filler sentence about weather and the season. " * 30
        + "A ferry inspector from the internationally recognised corridor spoke late."
    )
    document = _document(text, [("Pellinor", "GPE"), ("internationally recognised corridor", "LOC")])
    found = profile(document)
    actors, words = found.channels[:2]
    assert "@pellinor" in actors
    assert not any(t in actors for t in ("@internationally", "@recognised", "@corridor"))
    # "ferry" in the headline and the lead outweighs "inspector", in the body only.
    assert words["ferry"] > words["inspector"]
    assert found.day == datetime.date(2026, 3, 12).toordinal()
    assert found.title == "Ferry aground off Pellinor"


def test_an_inferred_date_does_not_place_an_article_in_time() -> None:
    document = _document("Headline\n\nBody text of the article.", [], DateHow.INFERRED)
    assert profile(document).day is None


def test_undated_articles_need_more_in_common() -> None:
    # Without dates the window cannot split the same actors' different happenings, so the
    # floor is higher: here set above what the ferry articles share, they stay apart undated
    # and are one story dated.
    undated = [Profile(p.doc, None, p.channels, p.title) for p in FERRY]
    strict = StorySettings(undated_join=0.99)
    apart = _run(undated + BACKGROUND, 1000, strict)
    assert len({apart.member_of[p.doc] for p in undated}) == len(undated)
    together = _run(FERRY + BACKGROUND, 1000, strict)
    assert len({together.member_of[p.doc] for p in FERRY}) == 1


def test_a_late_article_joins_the_established_story_it_is_clearly_closest_to() -> None:
    # A follow-up that names only part of the ferry story (one of its actors, two of its words)
    # is too far from any single ferry article to join in the first stage, but the five-article
    # story is a better description of the happening than any one of them: the second stage
    # attaches it there. With that stage off it stays alone.
    follow_up = _profile("ferry-late", "aurelia", "ferry passengers compensation families harbour court lawyers")
    book = _run([*FERRY, *BACKGROUND, follow_up], 1000)
    assert book.member_of["ferry-late"] == book.member_of["ferry0"]
    off = _run([*FERRY, *BACKGROUND, follow_up], 1000, StorySettings(attach=1.0))
    assert off.member_of["ferry-late"] != off.member_of["ferry0"]
    # Fed one at a time after the story, the same.
    one_by_one = _run([*FERRY, *BACKGROUND, follow_up], 1)
    assert one_by_one.member_of["ferry-late"] == one_by_one.member_of["ferry0"]


def test_undated_reports_of_one_kind_of_happening_by_different_actors_stay_apart() -> None:
    # Two console launches told in the same words by different makers: without a date only the
    # actors tell them apart. The same words with the same actors are one story.
    words = "handheld console launch queues stores midnight price games"
    kestrel = Profile("kestrel", None, ({"@kestrel": 1.0, "@vantor": 1.0}, {w: 1.0 for w in words.split()}, {}))
    orvane = Profile("orvane", None, ({"@orvane": 1.0, "@lisk": 1.0}, {w: 1.0 for w in words.split()}, {}))
    again = Profile("kestrel2", None, ({"@kestrel": 1.0, "@vantor": 1.0}, {w: 1.0 for w in words.split()}, {}))
    book = _run([kestrel, orvane, again, *BACKGROUND], 1000)
    assert book.member_of["kestrel"] == book.member_of["kestrel2"]
    assert book.member_of["orvane"] != book.member_of["kestrel"]
    loose = _run([kestrel, orvane, again, *BACKGROUND], 1000, StorySettings(undated_actors=0.0))
    assert loose.member_of["orvane"] == loose.member_of["kestrel"]


def test_a_page_titles_trailing_outlet_name_is_dropped_only_when_it_is_an_outlet_given() -> None:
    outlets = ["Harbour Gazette", "Pellinor Radio"]
    # A digest relays another outlet's headline with that outlet's name at its end.
    assert without_outlet("Ferry aground off Pellinor after storm - Harbour Gazette", outlets) == (
        "Ferry aground off Pellinor after storm"
    )
    assert without_outlet("Ferry aground off Pellinor after storm | Pellinor Radio", outlets) == (
        "Ferry aground off Pellinor after storm"
    )
    # A name that is no outlet given, or a title that would be left too short, stays as it is.
    assert without_outlet("Talks resume - Harbour Authority", outlets) == "Talks resume - Harbour Authority"
    assert without_outlet("Storm - Harbour Gazette", outlets) == "Storm - Harbour Gazette"
    assert without_outlet("Ferry aground off Pellinor - Harbour Gazette", [None]) == (
        "Ferry aground off Pellinor - Harbour Gazette"
    )


# A soft time window: the similarity needed rises with the days between two reports.
SOFT = StorySettings(window_days=90, day_decay=0.01)
ACTORS = "aurelia star pellinor halvard brisk"


def test_the_same_actors_days_apart_join_under_a_soft_window() -> None:
    first = _profile("wreck", ACTORS, "ferry aground sandbank passengers rescued coastguard")
    later = _profile("wreck-later", ACTORS, "ferry sandbank passengers salvage hull inquiry", DAY + 3)
    book = _run([first, later, *BACKGROUND], 1000, SOFT)
    assert book.member_of["wreck"] == book.member_of["wreck-later"]


def test_the_same_actors_forty_days_apart_join_only_when_very_similar() -> None:
    first = _profile("wreck", ACTORS, "ferry aground sandbank passengers rescued coastguard")
    other = _profile("wreck-other", ACTORS, "ferry salvage hull inquiry divers tide", DAY + 40)
    book = _run([first, other, *BACKGROUND], 1000, SOFT)
    assert book.member_of["wreck"] != book.member_of["wreck-other"]
    # Without the decay, inside a hard window of the same reach, they would be one story.
    hard = _run([first, other, *BACKGROUND], 1000, StorySettings(window_days=90))
    assert hard.member_of["wreck"] == hard.member_of["wreck-other"]
    # A report of the same happening in the same words still joins 40 days on.
    same = _profile("wreck-same", ACTORS, "ferry aground sandbank passengers rescued coastguard", DAY + 40)
    book = _run([first, same, *BACKGROUND], 1000, SOFT)
    assert book.member_of["wreck"] == book.member_of["wreck-same"]


def test_an_undated_weakly_similar_article_stays_out_of_a_dated_story() -> None:
    undated = _profile("wreck-undated", "aurelia star", "ferry passengers harbour court lawyers families", None)
    pile = [*FERRY[:2], undated, *BACKGROUND]
    strict = StorySettings(undated_extra=0.25)
    book = _run(pile, 1000, strict)
    assert book.member_of["wreck-undated"] != book.member_of["ferry0"]
    # Dated, the same article joins under the same settings; undated, it joins without the extra floor.
    dated = _profile("wreck-undated", "aurelia star", "ferry passengers harbour court lawyers families")
    assert _run([*FERRY[:2], dated, *BACKGROUND], 1000, strict).member_of["wreck-undated"] == story_id("ferry0")
    assert _run(pile, 1000).member_of["wreck-undated"] == story_id("ferry0")


# Happenings: what each article's lead reports happening, and to whom (the fourth channel).
RESCUE = {
    "rescue-a": "Coastguard rescues forty passengers from stranded ferry\n\nThe Pellinor coastguard rescued forty "
    "passengers from the ferry Aurelia Star on Tuesday after it ran aground, officials said. It was towed to Halvard.",
    "rescue-b": "Forty passengers saved off Pellinor\n\nForty passengers were rescued by the Pellinor coastguard from "
    "the Aurelia Star, the ferry that ran aground near the harbour.",
    "inspect": "Pellinor coastguard inspects harbour lights\n\nThe Pellinor coastguard inspected the harbour lights and "
    "the ferry Aurelia Star on Friday, a spokesman said.",
}


def _parsed(texts: dict[str, str]) -> list[Document]:
    """Invented articles, analysed as ingest analyses them (a real parse)."""
    settings = Settings(detect_language=False)
    return list(
        annotate(
            [process(RawArticle(source=name, text=text), settings) for name, text in texts.items()], load_language()
        )
    )


def test_a_leads_happenings_are_what_happened_to_whom_in_any_voice() -> None:
    found = {d.source: profile(d).channels[3] for d in _parsed(RESCUE)}
    # The rescue told actively and passively: the same kind of happening touching the same participants.
    assert {"~rescue>coastguard", "~rescue>star"} <= found["rescue-a"].keys() & found["rescue-b"].keys()
    # The same coastguard's other happening shares none of it, though it names the same actors.
    assert not found["inspect"].keys() & found["rescue-a"].keys()
    assert "~inspect>light" in found["inspect"]
    for happenings in found.values():
        # Saying is no happening, and pronouns and times are no participants.
        assert not any(t.startswith("~statement") or t.endswith((">it", ">tuesday", ">friday")) for t in happenings)


def _happening(
    doc: str, words: str, happenings: str, day: int | None = DAY, actors: str = "greystone treasury"
) -> Profile:
    base = _profile(doc, actors, words, day)
    return Profile(doc, day, (*base.channels[:3], {"~" + h: 1.0 for h in happenings.split()}), base.title)


SPEECH = "speech greystone chairman economy rates inflation markets"


def test_the_same_actors_other_happening_stays_apart_under_a_happening_floor() -> None:
    # Two speeches by one man, in much the same words: one warns of the deficit, the other praises the dollar.
    first = _happening("warn", SPEECH + " deficit", "warn warn>deficit warn>congress")
    again = _happening("warn2", SPEECH + " budget", "warn warn>deficit warn>spending")
    other = _happening("praise", SPEECH + " dollar", "praise praise>dollar praise>exporter")
    pile = [first, again, other, *BACKGROUND]
    assert len({_run(pile, 1000).member_of[p.doc] for p in (first, again, other)}) == 1
    book = _run(pile, 1000, StorySettings(happening_floor=0.2))
    assert book.member_of["warn"] == book.member_of["warn2"] != book.member_of["praise"]
    # Fed one at a time, the same.
    one_by_one = _run(pile, 1, StorySettings(happening_floor=0.2))
    assert one_by_one.member_of["warn"] == one_by_one.member_of["warn2"] != one_by_one.member_of["praise"]


def test_matching_happenings_join_reports_in_other_words() -> None:
    # One capture told in different words: too few shared for the words alone.
    happened = "seizure seizure>pirate seizure>navy"
    first = _happening("seize", "navy pirates gulf vessel boarded", happened, actors="kestrel navy")
    second = _happening("seize2", "sailors brigands skiffs arms confiscated", happened, actors="vantor navy")
    pile = [first, second, *BACKGROUND]
    without = _run(pile, 1000, StorySettings(happening_bonus=0.0))
    assert without.member_of["seize"] != without.member_of["seize2"]
    bonus = _run(pile, 1000, StorySettings(happening_bonus=0.5))
    assert bonus.member_of["seize"] == bonus.member_of["seize2"]


def test_matching_happenings_place_an_undated_article_as_a_date_would() -> None:
    undated = _profile("wreck-undated", "aurelia star", "ferry passengers harbour court lawyers families", None)
    rescue = {"~rescue": 1.0, "~rescue>passenger": 1.0}
    ferry = [Profile(p.doc, p.day, (*p.channels[:3], rescue), p.title) for p in FERRY[:2]]
    matching = Profile(undated.doc, None, (*undated.channels[:3], rescue), undated.title)
    strict = StorySettings(undated_extra=0.25)
    assert _run([*ferry, matching, *BACKGROUND], 1000, strict).member_of["wreck-undated"] != story_id("ferry0")
    vouched = StorySettings(undated_extra=0.25, happening_vouch=0.5)
    assert _run([*ferry, matching, *BACKGROUND], 1000, vouched).member_of["wreck-undated"] == story_id("ferry0")
    # Other happenings vouch for nothing.
    other = Profile(undated.doc, None, (*undated.channels[:3], {"~inspect": 1.0}), undated.title)
    assert _run([*ferry, other, *BACKGROUND], 1000, vouched).member_of["wreck-undated"] != story_id("ferry0")


def test_a_profile_or_story_stored_before_the_later_channels_reads_with_empty_ones() -> None:
    old = Profile("old", DAY, ({"@aurelia": 1.0}, {"ferry": 1.0}, {}))
    assert len(old.channels) == len(CHANNELS) and old.channels[3:] == ({}, {}, {})
    state = StoryState("s", 0, 1, DAY, DAY, ({"@aurelia": 1.0}, {"ferry": 1.0}, {}), counts=(1, 1, 0))
    assert len(state.channels) == len(CHANNELS) and state.counts == (1, 1, 0, 0, 0, 0)
    # An old story and a new article of it are still one story.
    new = _profile("new", "aurelia", "ferry")
    book = _run([old, new, *BACKGROUND], 1)
    assert book.member_of["old"] == book.member_of["new"]


def test_an_undated_article_whose_nearest_story_clearly_leads_joins_it_under_the_undated_bar() -> None:
    # A court report on the ferry wreck, undated: close to the ferry story, but under the dated bar
    # plus ``undated_extra``, so without ``undated_lead`` it stays alone.
    court = _profile("wreck-court", "aurelia", "ferry lawyers families claims court hearing", None)
    leading = StorySettings(undated_lead=0.5, lead_floor=0.18, lead_wait=20)
    off = StorySettings(undated_lead=0.0)
    assert _run([*FERRY, court, *BACKGROUND], 1000, off).member_of["wreck-court"] != story_id("ferry0")
    # The ferry story is its one clear place (nothing else near it): it joins.
    assert _run([*FERRY, court, *BACKGROUND], 1000, leading).member_of["wreck-court"] == story_id("ferry0")
    # Another undated report about other parties' court claims is as close to it as the ferry story
    # (and far from the ferry story): two places it could belong, so it stays alone.
    claims = _profile("claims-court", "marrow insurers", "lawyers families claims court appeal", None)
    book = _run([*FERRY, court, claims, *BACKGROUND], 1000, leading)
    assert book.member_of["wreck-court"] not in (story_id("ferry0"), book.member_of["claims-court"])


def test_an_undated_article_is_led_into_a_story_only_once_its_rivals_had_time_to_arrive() -> None:
    court = _profile("wreck-court", "aurelia", "ferry lawyers families claims court hearing", None)
    waiting = StorySettings(undated_lead=0.5, lead_floor=0.18, lead_wait=50)
    # The ferry story and the court report arrive with 31 more articles (37 read): too few yet.
    early = _run([*FERRY, court, *BACKGROUND[:26]], 1000, waiting)
    assert early.member_of["wreck-court"] != story_id("ferry0")
    # Fed on, 10 at a time: once 50 articles have been read after it, nothing else has
    # come near it, and a new report on the ferry looks again at the stories near that story.
    later = [_profile(f"late{i}", f"late{i} field{i}", f"item{i} piece{i} stuff{i}") for i in range(30)]
    follow = _profile("ferry-late", "aurelia star pellinor halvard brisk", "ferry aground sandbank passengers tugs")
    book = _run([*FERRY, court, *BACKGROUND[:26], *later, *BACKGROUND[26:], follow], 10, waiting)
    assert book.member_of["wreck-court"] == story_id("ferry0")
    # With the wait unmet (more than all the articles read), it stays alone.
    never = StorySettings(undated_lead=0.5, lead_floor=0.18, lead_wait=1000)
    book = _run([*FERRY, court, *BACKGROUND[:26], *later, *BACKGROUND[26:], follow], 10, never)
    assert book.member_of["wreck-court"] != story_id("ferry0")


# Two reports of the ferry inquiry, close to each other and to the ferry story, but in other words:
# the cohesion ratio asks more of them than the ferry story's own cohesion does.
INQUIRY = [
    _profile(f"inquiry{i}", "aurelia star", "ferry inquiry hearing captain testimony board " + extra)
    for i, extra in enumerate(["opened", "adjourned"])
]


def test_a_small_story_whose_nearest_story_clearly_leads_joins_it_without_the_cohesion_ratio() -> None:
    leading = StorySettings(group_lead=0.5, group_wait=0)
    for batch in (1000, 10):
        off = _run([*FERRY, *INQUIRY, *BACKGROUND], batch, StorySettings(group_lead=0.0))
        assert off.member_of["inquiry0"] == off.member_of["inquiry1"] != story_id("ferry0")
        on = _run([*FERRY, *INQUIRY, *BACKGROUND], batch, leading)
        assert on.member_of["inquiry0"] == on.member_of["inquiry1"] == story_id("ferry0")
    # An insurers' hearing on other claims is near the inquiry reports too (and far from the ferry
    # story): the ferry story is not their one clear place, so they stay apart.
    rival = _profile("insurers", "marrow insurers", "inquiry hearing testimony board premiums claims")
    book = _run([*FERRY, *INQUIRY, rival, *BACKGROUND], 1000, leading)
    assert book.member_of["inquiry0"] == book.member_of["inquiry1"] != story_id("ferry0")
    assert book.member_of["insurers"] not in (story_id("ferry0"), book.member_of["inquiry0"])


# What is specific to one happening, for undated articles: the amounts and months their texts
# name, and the phrases of their leads (the fifth and sixth channels).
SPECIFIC = {
    "order-a": "Skyhaven orders 24 jets for $1.5bn\n\nBudget airline Skyhaven has placed an order for 24 jets worth "
    "$1.5bn, the carrier said on 3 March. The plane order doubles its fleet; its pilots ran 800m in a charity race.",
    "order-b": "Skyhaven jet deal confirmed\n\nSkyhaven's plane order, 24 jets costing 1.5 billion dollars, was "
    "signed in March by the Corvale Aircraft chief.",
}


def test_a_leads_amounts_months_and_phrases_are_read_as_values() -> None:
    documents = _parsed(SPECIFIC)
    reading = StorySettings(month_veto=True, specifics_cost=0.05, phrase_floor=0.03)
    found = {d.source: profile(d, reading).channels for d in documents}
    a, b = found["order-a"], found["order-b"]
    # "$1.5bn" and "1.5 billion dollars" are one amount; "24" is written alike; March is March.
    assert {"=1.5e+09", "=24", "%3"} <= a[4].keys() & b[4].keys()
    # A distance is no amount of money, and no year or day of the month is an amount.
    assert "=8e+08" not in a[4] and "=800" in a[4]
    assert not any(term in a[4] for term in ("=3", "=2026"))
    # The phrases of the leads: numbers, times and the names the tagger found break them and are left out.
    assert "plane order" in a[5] and "plane order" in b[5]
    assert "charity race" in a[5] and "jet deal" in b[5]
    assert not any(any(c.isdigit() for c in phrase) or "march" in phrase for phrase in (*a[5], *b[5]))
    assert not any("corvale" in phrase or "aircraft chief" in phrase for phrase in b[5])
    # Off, nothing is read.
    off = StorySettings(month_veto=False, phrase_floor=0.0)
    plain = {d.source: profile(d, off).channels for d in documents}
    assert plain["order-a"][4] == {} and plain["order-a"][5] == {}


def _specific(
    doc: str, words: str, phrases: str = "", amounts: str = "", months: str = "", actors: str = "skyhaven corvale"
) -> Profile:
    base = _profile(doc, actors, words, None)
    specifics = {**{"=" + a: 1.0 for a in amounts.split()}, **{"%" + m: 1.0 for m in months.split()}}
    return Profile(
        doc, None, (*base.channels[:3], {}, specifics, {p: 1.0 for p in phrases.split(",") if p}), base.title
    )


ORDER = "airline order jets fleet carrier aircraft chief executive"


def test_one_actors_two_undated_happenings_stay_apart_without_a_shared_phrase() -> None:
    # Two plane orders by one airline, undated, in much the same words: one for jets, the other
    # for turboprops, and their leads put it otherwise. A second report of the first shares a phrase.
    first = _specific("jets", ORDER + " narrowbody", "plane order,narrowbody jets")
    again = _specific("jets2", ORDER + " narrowbody", "plane order,fleet doubles")
    other = _specific("props", ORDER + " narrowbody", "turboprop deal,regional routes")
    phrased = StorySettings(month_veto=False)
    off = StorySettings(month_veto=False, phrase_floor=0.0)
    for settings, apart in ((off, False), (phrased, True)):
        book = _run([first, other, *BACKGROUND], 1000, settings)
        assert (book.member_of["jets"] != book.member_of["props"]) is apart
    book = _run([first, again, *BACKGROUND], 1, phrased)
    assert book.member_of["jets"] == book.member_of["jets2"]
    # A story of two reports is joined on the similarity alone unless ``veto_size`` says otherwise.
    pile = [first, again, other, *BACKGROUND]
    assert len({_run(pile, 1000, phrased).member_of[p.doc] for p in (first, again, other)}) == 1
    pairs_too = _run(pile, 1000, StorySettings(month_veto=False, veto_size=2))
    assert pairs_too.member_of["jets"] == pairs_too.member_of["jets2"] != pairs_too.member_of["props"]


def test_months_apart_keep_two_undated_articles_apart_and_a_shared_amount_draws_them_together() -> None:
    off = StorySettings(month_veto=False, phrase_floor=0.0)
    march = _specific("march", ORDER + " narrowbody", months="3")
    november = _specific("november", ORDER + " narrowbody", months="11")
    pile = [march, november, *BACKGROUND]
    assert _run(pile, 1000, off).member_of["march"] == _run(pile, 1000, off).member_of["november"]
    book = _run(pile, 1000, StorySettings(phrase_floor=0.0))
    assert book.member_of["march"] != book.member_of["november"]
    # Two dated reports in few common words: the same amount adds what they lack; other amounts do not.
    first = _dated_deal("deal", "skyhaven corvale lisk", "airline jets order signed", "1.5e+09 24")
    second = _dated_deal("deal2", "skyhaven vantor orm", "carrier aircraft purchase agreed", "1.5e+09 24")
    third = _dated_deal("deal3", "skyhaven vantor orm", "carrier aircraft purchase agreed", "3e+08 6")
    bonus = StorySettings(specifics_bonus=0.5)
    for settings, together in ((StorySettings(), False), (bonus, True)):
        book = _run([first, second, *BACKGROUND], 1000, settings)
        assert (book.member_of["deal"] == book.member_of["deal2"]) is together
    assert _run([first, third, *BACKGROUND], 1000, bonus).member_of["deal3"] != story_id("deal")
    # Two close reports whose amounts differ lose ``specifics_cost``.
    close = _dated_deal("deal4", "skyhaven corvale lisk", "airline jets order signed", "3e+08 6")
    assert _run([first, close, *BACKGROUND], 1000).member_of["deal4"] == story_id("deal")
    costly = StorySettings(specifics_cost=0.9)
    assert _run([first, close, *BACKGROUND], 1000, costly).member_of["deal4"] != story_id("deal")


def _dated_deal(doc: str, actors: str, words: str, amounts: str) -> Profile:
    base = _profile(doc, actors, words)
    return Profile(doc, DAY, (*base.channels[:3], {}, {"=" + a: 1.0 for a in amounts.split()}, {}), base.title)
