"""The story detector's data: its settings, an article's profile, a story's state, what one run
changes, and what it reads of the stories found so far (the books)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from newsdesk.model import make_id

EXTRACTOR = "newsdesk.stories.v1"

Vector = dict[str, float]
CHANNELS = ("actors", "words", "dates", "happenings", "specifics", "phrases")

# The prefix of a month named in an article's text, in its specifics channel ("%3": March).
MONTH = "%"

# One vector per channel (a profile or story written before the happenings channel has three,
# one written before the specifics channel four: ``padded`` gives it empty ones). The specifics
# (the amounts a lead reports, the months a text names) are not weighed with the other
# channels: the amounts add to the similarity or take from it (``specifics_bonus``,
# ``specifics_cost``) and the months keep two undated articles apart (``month_veto``); nor are the
# phrases (pairs of adjacent content words of the headline and lead, names left out), which
# two undated groups must share to be one story (``phrase_floor``).
Units = tuple[Vector, ...]


def padded(channels: Sequence[Vector]) -> Units:
    """``channels`` with an empty vector for each channel it lacks."""
    return (*channels, *({} for _ in range(len(CHANNELS) - len(channels))))


def empty() -> Units:
    return padded(())


def no_counts() -> tuple[int, ...]:
    return (0,) * len(CHANNELS)


@dataclass(frozen=True, slots=True)
class StorySettings:
    """How stories are found. ``join`` and ``undated_join``: the least mean similarity of two
    groups of articles to be one story (the second when neither is dated); ``single``: how
    close a lone article counts its own members to be, and ``ratio``: the share of each side's
    closeness the mean must reach; ``other``: for a story an article also touches to be listed;
    ``window_days``: how far outside a story's dates an article may fall and still join it;
    ``day_decay``: the similarity two groups lose per day between their dates (0: the window
    is a hard cut; above 0 the similarity needed rises smoothly with the gap, so that the
    same actors a month apart join only when they report much the same);
    ``undated_extra``: how much more similarity an undated group needs to join a dated one,
    in either stage (an article without a date cannot be placed in time, so it must share more);
    ``weights``: each channel's share of the similarity (actors, words, dates, happenings);
    ``happening_floor``: the least mean cosine of two groups' happenings (what the lead of each
    article reports happening, and to whom) for them to be one story, when both have some
    (0: no such test); ``happening_bonus``: how much of the happenings' mean cosine is added to
    the similarity (it raises only: a match counts, a miss costs nothing); ``happening_vouch``:
    the mean cosine of two groups' happenings at which they need no more than ``join``, dated or
    not (what the leads report happening places them as a shared date would; 0: never);
    ``lead_chars``: how much of the body counts as the lead; ``key_terms``: the terms of an
    article (and of a story) the index is searched by; ``candidates``: the most stories one article is compared with;
    ``postings``: the stories read per key term (the most recent); ``centroid_terms``: the terms
    per channel a story's sums keep; ``idf_power``: the exponent of the inverse document
    frequencies; ``prior_documents``: unrelated articles counted as read before the first;
    ``split_limit``: the largest story looked at again as a whole; ``undated_actors``: the least
    mean cosine of two undated groups' actors for them to join in the first stage; ``attach``,
    ``attach_margin`` and ``core``: the second stage's floor, its lead over the next core, and
    the size of a story that counts as established (a core); ``attach_rounds``: how often the
    second stage is run again while it still joins stories; ``undated_lead``: in the second
    stage, an undated article whose closest core is at least ``lead_floor`` similar to it joins
    that core without ``undated_extra`` when no other story near it reaches this share of that
    similarity (a clear nearest story wins under the bar; 0: never); with ``lead_same``, a story
    itself ``lead_floor`` close to that core is no rival (it points to the same place); the
    article is judged so only once ``lead_wait`` articles have been read with it or after it;
    ``group_lead``: in the second stage, a story smaller than a core whose closest core leads
    every other story near it (none reaches this share of that similarity; 0: never) joins it
    without the cohesion ratio, once ``group_wait`` articles have been read with it or after it;
    ``month_veto``: two undated groups stay apart when each names a month in its text (a time expression naming one, "on 5 March", "last
    November") and they share none (the same actor's other speech or launch falls in another
    month; an article without a date still says when its happening was);
    ``specifics_bonus`` and ``specifics_cost``: added to the similarity of two groups whose
    leads both report amounts, the bonus times the mean cosine of their amounts (weighed by
    inverse document frequency: a shared "$1.5bn" counts, a shared "2" hardly), and the cost
    taken off when they share none (0 and 0: the amounts count for nothing); ``phrase_floor``:
    the least mean cosine of two undated groups' phrases (pairs of adjacent content words in
    their headlines and leads, names left out: "court battle", "box office", "plane order") for
    them to be one story, when both have some (without a date, the same actor's other
    happening shares the names and many words, but rarely how the lead puts what happened; 0:
    no such test, and the phrases are not read); ``veto_size``: the largest undated group the
    month and phrase tests apply to (1: two lone articles; a story already made of several
    reports is joined on the similarity alone)."""

    join: float = 0.25
    undated_join: float = 0.35
    single: float = 0.4
    ratio: float = 0.6
    other: float = 0.3
    window_days: int = 60
    day_decay: float = 0.001
    undated_extra: float = 0.1
    weights: tuple[float, float, float, float] = (0.45, 0.45, 0.10, 0.0)
    happening_floor: float = 0.0
    happening_bonus: float = 0.05
    happening_vouch: float = 0.0
    title_weight: float = 3.0
    lead_weight: float = 2.0
    lead_chars: int = 600
    key_terms: int = 24
    candidates: int = 24
    postings: int = 64
    centroid_terms: int = 300
    idf_power: float = 1.0
    prior_documents: int = 200
    split_limit: int = 200
    attach: float = 0.22
    attach_margin: float = 0.05
    core: int = 4
    attach_rounds: int = 4
    undated_actors: float = 0.45
    undated_lead: float = 0.5
    lead_floor: float = 0.18
    lead_same: bool = True
    lead_wait: int = 100
    group_lead: float = 0.5
    group_wait: int = 0
    month_veto: bool = True
    specifics_bonus: float = 0.0
    specifics_cost: float = 0.0
    phrase_floor: float = 0.001
    veto_size: int = 1


# The settings as shipped (the default of every function that takes settings).
SHIPPED = StorySettings()


@dataclass(frozen=True, slots=True)
class Profile:
    """What one article reports, as the story detector reads it: raw weighted term counts per
    channel (inverse document frequencies are applied when compared) and the day it reports
    on when the date is known (metadata or the text), as a proleptic ordinal."""

    doc: str
    day: int | None
    channels: Units
    title: str | None = None
    outlet: str | None = None

    def __post_init__(self) -> None:
        if len(self.channels) < len(CHANNELS):
            object.__setattr__(self, "channels", padded(self.channels))

    def terms(self) -> set[str]:
        return {term for channel in self.channels for term in channel}


@dataclass(slots=True)
class StoryState:
    """A story as the detector keeps it: the sums of its members' unit channel vectors (its
    centroid), its dates, size and the order it was begun in (the older of two has the
    smaller ``created``)."""

    id: str
    created: int
    size: int
    first: int | None
    last: int | None
    channels: Units
    counts: tuple[int, ...] = field(default_factory=no_counts)
    pair_sum: float = 0.0
    merged_from: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()
    title: str | None = None
    title_doc: str | None = None
    title_score: float = -1.0
    refreshed: int = 0  # how many articles had been profiled when its sums were last computed

    def __post_init__(self) -> None:
        self.channels = padded(self.channels)
        self.counts = (*self.counts, *(0 for _ in range(len(CHANNELS) - len(self.counts))))


@dataclass(frozen=True, slots=True)
class Membership:
    doc: str
    story: str
    role: str  # main | other
    score: float


@dataclass(frozen=True, slots=True)
class Merge:
    """Story ``merged`` became part of ``kept``; ``via`` is the bridging article (None when the
    two were found close after a batch) and ``score`` the similarity of the two stories."""

    kept: str
    merged: str
    via: str | None
    score: float


@dataclass(slots=True)
class StoryChanges:
    """What one run of the detector changed: the stories to write (new or updated, with their
    index keys), those merged away, the memberships and the merges, and the document
    frequencies to add."""

    stories: dict[str, StoryState] = field(default_factory=dict)
    removed: set[str] = field(default_factory=set)
    members: list[Membership] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)
    frequencies: Counter[str] = field(default_factory=Counter)
    profiled: int = 0
    profiles: list[Profile] = field(default_factory=list)


class StoryBook(Protocol):
    """What the detector reads of the stories found so far (a store implements it)."""

    def profiled(self) -> int:
        """How many articles have been profiled (the N of the inverse document frequencies)."""

    def frequencies(self, terms: Collection[str]) -> dict[str, int]:
        """How many profiled articles hold each term (absent: none)."""

    def stories_with(self, terms: Sequence[str], limit: int) -> dict[str, list[str]]:
        """For each term, the ids of at most ``limit`` stories keyed by it, the most recently
        begun first."""

    def load(self, story_ids: Collection[str]) -> dict[str, StoryState]: ...

    def members(self, story_id: str, limit: int) -> list[Profile]:
        """The profiles of the articles whose main story this is (at most ``limit``, the latest)."""


def story_id(founder: str) -> str:
    """A story's id, derived from the article that began it: the same article begins the same
    story in any run."""
    return make_id("s", founder)


class StoredBook(StoryBook, Protocol):
    """A book that also takes a run's changes and says which articles are in no story yet."""

    def created(self) -> int:
        """How many stories were ever begun (a new one's ``created``)."""

    def unplaced(self) -> list[str]:
        """The ids of stored articles in no story yet, in the order they were stored."""

    def apply(self, changes: StoryChanges) -> None: ...
