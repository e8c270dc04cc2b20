"""Stories: which articles report the same happening, found as the articles arrive.

A pile of articles holds several stories. Each article is read as a *profile*: what it reports,
in three channels, each weighted towards what is central to the article (its headline and
lead count more than its last paragraph, an actor named five times more than one named once):

* ``actors``: the words of its named entities (``Bettie Page`` and ``Page`` share ``page``,
  whatever label the tagger gave each);
* ``words``: its content words;
* ``dates``: the dates it states (``2008``, ``2008-12``), as written in the text.

A new article is compared with the stories it could belong to, never with every story: an
index from the key terms of each story to the story proposes a bounded set of candidates
(the most recent stories for each term), so the cost of one article does not grow with the
store. Two groups of articles (an article alone, or a story) are compared by the mean
similarity of their members, read from the sums of the members' vectors. They are one story
when that mean reaches an absolute floor (``join``; ``undated_join`` when neither is dated,
since no window can then tell the same actors' different happenings apart) and a share
(``ratio``) of how close each group's own members are: two stories about the same actors, each
tight within itself, stay two. A time window applies (the same actors a month apart are two
stories).

Each run begins every new article as a story of its own and joins, best first, the closest
pair among the new stories and their candidates while the pair is one story: an article
joins a story, new articles make a story together, or an article bridges two stories, which
then become one (the older keeps its id and lists the other in ``merged_from``; the merge is
recorded). A story the run changed is then looked at again as a whole and split if it holds
two stories (an article joined it before its own story's articles had arrived). An article
close to a second story is listed there too (a roundup).

Term weights use inverse document frequencies over every article profiled so far (counts the
book keeps); a story's sums are made again from its members' stored profiles once the counts
have grown by a quarter. Everything here is pure: the book (``StoryBook``) is read through a
protocol and the result is a list of changes for the caller to store.
"""

from __future__ import annotations

import datetime
import hashlib
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from newsdesk.corpus.similarity import tokens
from newsdesk.model import DateHow, Document, Span

EXTRACTOR = "newsdesk.stories.v1"

Vector = dict[str, float]
CHANNELS = ("actors", "words", "dates")

# Named-entity labels whose words name an actor, place or thing the story is about.
_ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
# The words of a name that are names: capitalised ("Gulf of Aden": Gulf, Aden), not the
# lower-case words a tagger sometimes takes in ("internationally recognised corridor").
_NAME_WORD = re.compile(r"\b[A-Z][\w'’.-]*")
_YEAR = re.compile(r"^(\d{4})(?:-(\d{2}))?")


@dataclass(frozen=True, slots=True)
class StorySettings:
    """How stories are found. ``join`` and ``undated_join``: the least mean similarity of two
    groups of articles to be one story (the second when neither is dated); ``single``: how
    close a lone article counts its own members to be, and ``ratio``: the share of each side's
    closeness the mean must reach; ``other``: for a story an article also touches to be listed;
    ``window_days``: how far outside a story's dates an article may fall and still join it;
    ``weights``: each channel's share of the similarity; ``lead_chars``: how much of the body
    counts as the lead; ``key_terms``: the terms of an article (and of a story) the index is
    searched by; ``candidates``: the most stories one article is compared with;
    ``postings``: the stories read per key term (the most recent); ``centroid_terms``: the terms
    per channel a story's sums keep; ``idf_power``: the exponent of the inverse document
    frequencies; ``prior_documents``: unrelated articles counted as read before the first;
    ``split_limit``: the largest story looked at again as a whole."""

    join: float = 0.25
    undated_join: float = 0.35
    single: float = 0.4
    ratio: float = 0.6
    other: float = 0.3
    window_days: int = 30
    weights: tuple[float, float, float] = (0.45, 0.45, 0.10)
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
    core: int = 3
    small: int = 2
    attach_rounds: int = 4
    undated_actors: float = 0.45


@dataclass(frozen=True, slots=True)
class Profile:
    """What one article reports, as the story detector reads it: raw weighted term counts per
    channel (inverse document frequencies are applied when compared) and the day it reports
    on when the date is known (metadata or the text), as a proleptic ordinal."""

    doc: str
    day: int | None
    channels: tuple[Vector, Vector, Vector]
    title: str | None = None
    outlet: str | None = None

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
    channels: tuple[Vector, Vector, Vector]
    counts: tuple[int, ...] = (0, 0, 0)
    pair_sum: float = 0.0
    merged_from: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()
    title: str | None = None
    title_doc: str | None = None
    title_score: float = -1.0
    refreshed: int = 0  # how many articles had been profiled when its sums were last computed


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
    return "s" + hashlib.sha256(founder.encode("utf-8")).hexdigest()[:12]


# --- profiles -----------------------------------------------------------------------------------------


def profile(document: Document, settings: StorySettings = StorySettings()) -> Profile:
    """The story detector's reading of one article."""
    title_span = document.title_span
    spans = document.body_spans
    lead_end = _lead_end(document.text, spans, title_span, settings.lead_chars)

    def place(start: int) -> float:
        if title_span is not None and title_span.start <= start < title_span.end:
            return settings.title_weight
        return settings.lead_weight if start < lead_end else 1.0

    words: defaultdict[str, float] = defaultdict(float)
    if document.title and title_span is None:
        for token in tokens(document.title):
            words[token] += settings.title_weight
    for span in spans:
        for start, token in _positioned_tokens(document.text, span):
            words[token] += place(start)
    actors: defaultdict[str, float] = defaultdict(float)
    for mention in document.mentions:
        if mention.label not in _ACTOR_LABELS:
            continue
        weight = place(mention.span.start)
        for word in _NAME_WORD.findall(mention.text):
            for token in tokens(word):
                if not token.isdigit():
                    actors["@" + token] += weight
    dates: defaultdict[str, float] = defaultdict(float)
    for time in document.times:
        if time.value is None or time.how.value != "explicit":
            continue
        match = _YEAR.match(time.value)
        if match:
            weight = place(time.span.start)
            dates["#" + match.group(1)] += weight
            if match.group(2):
                dates["#" + match.group(0)] += weight
    return Profile(
        document.id,
        _day(document),
        (_sublinear(actors), _sublinear(words), _sublinear(dates)),
        _headline(document),
        document.outlet.value if document.outlet else None,
    )


def _headline(document: Document) -> str | None:
    """The article's headline, or its first sentence (at most 160 characters) when it has none."""
    if document.title:
        return " ".join(document.title.split())
    body = " ".join(document.body.split())
    if not body:
        return None
    end = re.search(r"[.!?](?=\s|$)", body)
    sentence = body[: end.end()] if end else body
    return sentence if len(sentence) <= 160 else sentence[:159].rsplit(" ", 1)[0] + "…"


def _lead_end(text: str, spans: tuple[Span, ...], title: Span | None, length: int) -> int:
    """The offset where the lead (the first ``length`` body characters after the headline) ends."""
    counted = 0
    for span in spans:
        start = max(span.start, title.end) if title is not None and title.start < span.end else span.start
        if start >= span.end:
            continue
        if counted + span.end - start >= length:
            return start + length - counted
        counted += span.end - start
    return len(text)


def _positioned_tokens(text: str, span: Span) -> Iterable[tuple[int, str]]:
    for match in re.finditer(r"\S+", text[span.start : span.end]):
        for token in tokens(match.group()):
            yield span.start + match.start(), token


def _sublinear(counts: Mapping[str, float]) -> Vector:
    return {term: 1 + math.log(count) if count >= 1 else count for term, count in counts.items() if count > 0}


def _day(document: Document) -> int | None:
    """The day the article reports on, when its date is known from metadata or the text (an
    inferred date is a bound, not a date, and does not place the article in time)."""
    published = document.published
    if published is None or published.how not in (DateHow.METADATA, DateHow.TEXT):
        return None
    value = published.date.value
    if len(value) < 10:
        return None
    try:
        return datetime.date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


# --- the detector -------------------------------------------------------------------------------------


Units = tuple[Vector, Vector, Vector]


class _Working:
    """The book as this run sees it: what it has read, plus what the run has changed."""

    def __init__(self, book: StoryBook, settings: StorySettings, profiles: Sequence[Profile]) -> None:
        self.book = book
        self.settings = settings
        self.changes = StoryChanges()
        # This run's articles count in the frequencies before any is placed, so that the first
        # articles of a batch are weighed like the last.
        for item in profiles:
            self.changes.frequencies.update(item.terms())
        self.changes.profiled = len(profiles)
        self.n = book.profiled() + len(profiles)
        self.df = book.frequencies({t for item in profiles for t in item.terms()})
        self.states: dict[str, StoryState] = {}
        self.local_keys: dict[str, set[str]] = defaultdict(set)  # term -> stories keyed by it in this run
        self.created = 0
        self.fresh: set[str] = set()  # stories begun in this run
        self.gone: set[str] = set()  # of those, the ones joined to another
        self.version: dict[str, int] = {}  # how often a story changed in this run
        self.absorbed: dict[str, list[str]] = {}  # story -> the stories merged into it in this run
        self.renewed: set[str] = set()  # stories whose sums were made again in this run
        # The book's stories per key term, read once per run (the book changes only after it).
        self.postings: dict[str, list[str]] = {}

    def idf(self, term: str) -> float:
        count = self.df.get(term, 0) + self.changes.frequencies.get(term, 0)
        # As though ``prior_documents`` unrelated articles had been read before the first: in a
        # small pile, the words every article shares (the one story they all tell) would
        # otherwise weigh nothing.
        n = self.n + self.settings.prior_documents
        return float((math.log((1 + n) / (1 + count)) + 1) ** self.settings.idf_power)

    def story(self, story_id: str) -> StoryState | None:
        if story_id in self.changes.removed or story_id in self.gone:
            return None
        if story_id not in self.states:
            loaded = self.book.load([story_id]).get(story_id)
            if loaded is None:
                return None
            self.states[story_id] = loaded
            if loaded.size >= 2 and loaded.refreshed * 1.25 < self.n:
                self.refresh(loaded)
        return self.states[story_id]

    def refresh(self, state: StoryState) -> None:
        """A story's sums made again from its members' profiles with today's counts, once the
        articles profiled have grown by a quarter since they were made: the words of a story
        begun among the first articles were weighed with counts that knew little."""
        members = self.book.members(state.id, self.settings.split_limit)
        if len(members) != state.size:
            return
        units = [self.units(item) for item in members]
        state.channels, state.counts = ({}, {}, {}), (0, 0, 0)
        for unit in units:
            _add_into(state, unit, [1 if c else 0 for c in unit], self.settings.centroid_terms)
        state.pair_sum = _mean_pairwise(self, state) * state.size * (state.size - 1) / 2
        state.refreshed = self.n
        self.version[state.id] = self.version.get(state.id, 0) + 1
        self.renewed.add(state.id)
        self.rekey(state)

    def units(self, item: Profile) -> Units:
        """Each channel with inverse document frequencies applied, L2-normalised."""
        result = []
        for channel in item.channels:
            weighted = {t: w * self.idf(t) for t, w in channel.items()}
            norm = math.sqrt(sum(w * w for w in weighted.values()))
            result.append({t: w / norm for t, w in weighted.items()} if norm else {})
        return result[0], result[1], result[2]

    def link(self, a: Units, a_counts: Sequence[int], b: Units, b_counts: Sequence[int]) -> float:
        """The mean similarity of the members of two groups (an article is a group of one),
        from the sums of their unit vectors: per channel the mean cosine, weighted over the
        channels both groups have."""
        total = weight = 0.0
        for share, x, nx, y, ny in zip(self.settings.weights, a, a_counts, b, b_counts, strict=True):
            if not nx or not ny or not x or not y:
                continue
            if len(x) > len(y):
                x, y = y, x
            total += share * sum(w * y[t] for t, w in x.items() if t in y) / (nx * ny)
            weight += share
        return total / weight if weight else 0.0

    def joins(self, score: float, a: StoryState | None, b: StoryState | None) -> bool:
        """Whether two groups whose members are ``score`` similar on average are one story: at
        least ``join``, and at least ``ratio`` of how close each group's own members are (a
        single article counts as ``single``), so that two stories about the same actors, each
        tight within itself, stay two. When neither side is dated the floor is ``undated_join``:
        the window cannot then tell the same actors' different happenings apart, so more of
        what they report must be shared."""
        dated = (a is not None and a.first is not None, b is not None and b.first is not None)
        if score < self.floor(*dated):
            return False
        if a is not None and b is not None and not any(dated) and not self.actors_meet(a, b):
            return False
        cohesion_a = _cohesion(a) if a is not None else None
        cohesion_b = _cohesion(b) if b is not None else None
        a_side = cohesion_a if cohesion_a is not None else self.settings.single
        b_side = cohesion_b if cohesion_b is not None else self.settings.single
        return score >= self.settings.ratio * math.sqrt(a_side * b_side)

    def actors_meet(self, a: StoryState, b: StoryState) -> bool:
        """Whether two undated groups name the same actors closely enough (``undated_actors``,
        the mean cosine of their actors; true when either names none): without a date, two
        reports of one kind of happening (two film charts, two console launches) share their
        words, and only who and where tells them apart."""
        return _actor_link(a.channels[0], a.counts[0], b.channels[0], b.counts[0], self.settings.undated_actors)

    def floor(self, a_dated: bool, b_dated: bool) -> float:
        return self.settings.join if a_dated or b_dated else self.settings.undated_join

    def key_terms(self, units: Units) -> list[str]:
        """The terms that best identify a profile: its highest weighted, rarest terms."""
        scored = [(w * share, t) for share, c in zip(self.settings.weights, units, strict=True) for t, w in c.items()]
        return [t for _, t in heapq.nlargest(self.settings.key_terms, scored)]

    def candidates(self, terms: Sequence[str], exclude: str | None = None) -> list[StoryState]:
        found: defaultdict[str, float] = defaultdict(float)
        missing = [term for term in terms if term not in self.postings]
        if missing:
            found_now = self.book.stories_with(missing, self.settings.postings)
            self.postings.update((term, found_now.get(term, [])) for term in missing)
        postings = self.postings
        for rank, term in enumerate(terms):
            for story in {*postings.get(term, ()), *self.local_keys.get(term, ())}:
                found[story] += 1.0 / (1 + rank)
        found.pop(exclude or "", None)
        chosen = []
        for story, _ in sorted(found.items(), key=lambda item: (-item[1], item[0])):
            state = self.story(story)
            if state is not None:
                chosen.append(state)
            if len(chosen) >= self.settings.candidates:
                break
        return chosen

    def in_window(self, state: StoryState, day: int | None) -> bool:
        if day is None or state.first is None or state.last is None:
            return True
        window = self.settings.window_days
        return state.first - window <= day <= state.last + window

    def windows_meet(self, a: StoryState, b: StoryState) -> bool:
        if a.first is None or b.first is None or a.last is None or b.last is None:
            return True
        window = self.settings.window_days
        return a.first - window <= b.last and b.first - window <= a.last

    def rekey(self, state: StoryState) -> None:
        for term in state.keys:
            self.local_keys[term].discard(state.id)
        mean = tuple(
            {t: w / n for t, w in c.items()} if n else {} for c, n in zip(state.channels, state.counts, strict=True)
        )
        state.keys = tuple(self.key_terms((mean[0], mean[1], mean[2])))
        for term in state.keys:
            self.local_keys[term].add(state.id)
        self.changes.stories[state.id] = state

    def add(self, state: StoryState, item: Profile, units: Units, score: float) -> None:
        """``item`` joins ``state``; ``score`` is its mean similarity to the members. The story's
        title is the headline of the member that was closest to the others when it joined (the
        first article's until a second one joins)."""
        if item.title and (state.title is None or score > state.title_score):
            state.title, state.title_doc, state.title_score = item.title, item.doc, score
        day = item.day
        state.pair_sum += score * state.size
        _add_into(state, units, [1 if c else 0 for c in units], self.settings.centroid_terms)
        state.size += 1
        if day is not None:
            state.first = day if state.first is None else min(state.first, day)
            state.last = day if state.last is None else max(state.last, day)
        self.rekey(state)

    def merge(self, a: StoryState, b: StoryState, via: str | None, score: float) -> StoryState:
        """``a`` and ``b`` become one story, under the older id."""
        kept, merged = (a, b) if (a.created, a.id) <= (b.created, b.id) else (b, a)
        kept.pair_sum += merged.pair_sum + score * kept.size * merged.size
        _add_into(kept, merged.channels, merged.counts, self.settings.centroid_terms)
        if merged.size == 1 and merged.id in self.fresh:
            # An article joining: its headline is the story's title if it is the closest yet.
            if merged.title and score > kept.title_score:
                kept.title, kept.title_doc, kept.title_score = merged.title, merged.title_doc, score
        elif merged.size > kept.size and merged.title:
            kept.title, kept.title_doc, kept.title_score = merged.title, merged.title_doc, merged.title_score
        if kept.size == 1 and kept.id in self.fresh and kept.title_score < score:
            kept.title_score = score
        kept.size += merged.size
        days = [d for d in (kept.first, kept.last, merged.first, merged.last) if d is not None]
        kept.first, kept.last = (min(days), max(days)) if days else (None, None)
        for term in merged.keys:
            self.local_keys[term].discard(merged.id)
        self.changes.stories.pop(merged.id, None)
        self.states.pop(merged.id, None)
        if merged.id in self.fresh:
            # A story begun in this run was never seen outside it: joining it is no merge to record.
            self.fresh.discard(merged.id)
            self.gone.add(merged.id)
        else:
            kept.merged_from = (*kept.merged_from, merged.id, *merged.merged_from)
            self.changes.removed.add(merged.id)
            self.changes.merges.append(Merge(kept.id, merged.id, via, score))
        self.version[kept.id] = self.version.get(kept.id, 0) + 1
        self.absorbed.setdefault(kept.id, []).extend([merged.id, *self.absorbed.pop(merged.id, [])])
        joined = merged.size == 1 and merged.id in self.gone
        self.changes.members = [
            Membership(m.doc, kept.id, m.role, score if joined else m.score) if m.story == merged.id else m
            for m in self.changes.members
        ]
        self.rekey(kept)
        return kept


def _mean_pairwise(work: _Working, state: StoryState) -> float:
    """The mean similarity of a story's members to one another, from its sums: per channel the
    mean cosine of two different members (|sum|^2 less each member with itself), weighted as
    ``link`` weighs the channels."""
    total = weight = 0.0
    for share, channel, n in zip(work.settings.weights, state.channels, state.counts, strict=True):
        if n < 2:
            continue
        squared = sum(w * w for w in channel.values())
        total += share * max(0.0, squared - n) / (n * (n - 1))
        weight += share
    return total / weight if weight else 0.0


def _actor_link(a: Vector, na: int, b: Vector, nb: int, floor: float) -> bool:
    if not a or not b or not na or not nb:
        return True
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[t] for t, w in a.items() if t in b) / (na * nb) >= floor


def _cohesion(state: StoryState) -> float | None:
    """The mean similarity of a story's members to one another; None for a single article."""
    pairs = state.size * (state.size - 1) / 2
    return state.pair_sum / pairs if pairs else None


def _add_into(state: StoryState, channels: Units, counts: Sequence[int], limit: int) -> None:
    """Add unit vectors (or another story's sums) into a story's sums, keeping each channel to
    its ``limit`` heaviest terms so that a big story costs no more to compare than a small one."""
    summed = []
    for total, channel in zip(state.channels, channels, strict=True):
        total = dict(total)
        for term, weight in channel.items():
            total[term] = total.get(term, 0.0) + weight
        if len(total) > limit:
            total = dict(heapq.nlargest(limit, total.items(), key=lambda item: (item[1], item[0])))
        summed.append(total)
    state.channels = (summed[0], summed[1], summed[2])
    state.counts = tuple(a + b for a, b in zip(state.counts, counts, strict=True))


def detect(
    profiles: Sequence[Profile], book: StoryBook, settings: StorySettings = StorySettings(), created_from: int = 0
) -> StoryChanges:
    """Place the new articles in stories; returns what changed, for the caller to store.

    Each new article begins as a story of its own; then, best first, the two closest stories
    among the new ones and their candidates are joined while they are one story by ``joins``
    (an article joining a story, two new articles making one, or two stories an article
    bridges). Only stories that existed before the run are recorded as merged. ``created_from``
    is the number of stories begun before this run (a new story's ``created``)."""
    work = _Working(book, settings, profiles)
    work.created = created_from
    begun: dict[str, StoryState] = {}
    for item in sorted(profiles, key=lambda p: (p.day is None, p.day or 0, p.doc)):
        units = work.units(item)
        state = StoryState(story_id(item.doc), work.created, 0, None, None, ({}, {}, {}), refreshed=work.n)
        if state.id in work.fresh or work.story(state.id) is not None:
            continue  # the same article twice
        work.created += 1
        work.states[state.id] = state
        work.fresh.add(state.id)
        work.add(state, item, units, 0.0)
        begun[item.doc] = state
        work.changes.members.append(Membership(item.doc, state.id, "main", 1.0))
    work.changes.profiles.extend(profiles)
    _agglomerate(work, [s.id for s in begun.values()])
    split = _split(work, profiles)
    again = sorted(set(split) | work.renewed)
    if again:
        # Stories split off, or weighed again, may now be one with a story they were not compared with.
        _agglomerate(work, again)
    _attach(work)
    _others(work, profiles)
    return work.changes


def _agglomerate(work: _Working, seeds: Sequence[str]) -> None:
    """Join, best first, the closest pair of stories (one of them begun or changed in this run)
    while the pair is one story; a pair's score is read again when either side has changed."""
    heap: list[tuple[float, str, str, int, int]] = []

    def offer(state: StoryState) -> None:
        for other in work.candidates(list(state.keys), exclude=state.id):
            if not work.windows_meet(state, other):
                continue
            score = work.link(state.channels, state.counts, other.channels, other.counts)
            if work.joins(score, state, other):
                a, b = sorted((state.id, other.id))
                heapq.heappush(heap, (-score, a, b, work.version.get(a, 0), work.version.get(b, 0)))

    for seed in seeds:
        state = work.story(seed)
        if state is not None:
            offer(state)
    while heap:
        negative, a_id, b_id, a_version, b_version = heapq.heappop(heap)
        a, b = work.story(a_id), work.story(b_id)
        if a is None or b is None:
            continue
        if (work.version.get(a_id, 0), work.version.get(b_id, 0)) != (a_version, b_version):
            # One side changed since the pair was scored: score it again.
            score = work.link(a.channels, a.counts, b.channels, b.counts)
            if work.windows_meet(a, b) and work.joins(score, a, b):
                heapq.heappush(heap, (-score, a_id, b_id, work.version.get(a_id, 0), work.version.get(b_id, 0)))
            continue
        via = next((m.doc for m in reversed(work.changes.members) if m.story in (a_id, b_id)), None)
        offer(work.merge(a, b, via, -negative))


def _attach(work: _Working) -> None:
    """The second stage: a story joins the established story (``core`` articles or more, and no
    smaller than itself) it is closest to, when their mean similarity reaches ``attach``, beats
    every other such story by ``attach_margin`` and, for a story of two or more articles, reaches
    ``ratio`` of the two sides' own cohesion. A core is a better description of its happening
    than any one article, so a lower bar than the first stage's is safe against it, but only
    when the choice is clear. Looked at: the stories this run changed, and the stories near
    each changed core (an article left alone in an earlier run joins the core that has since
    formed)."""
    settings = work.settings
    for _ in range(settings.attach_rounds):
        looked: set[str] = set()
        for story in list(work.changes.stories):
            state = work.story(story)
            if state is None:
                continue
            looked.add(story)
            if state.size >= settings.core:
                # Only a smaller story already close enough to this core is looked at as a whole.
                looked.update(
                    other.id
                    for other in work.candidates(list(state.keys), exclude=story)
                    if other.size <= state.size
                    and work.link(state.channels, state.counts, other.channels, other.counts) >= settings.attach
                )
        moves: list[tuple[float, str, str]] = []
        for story in sorted(looked):
            state = work.story(story)
            if state is None:
                continue
            cores = sorted(
                (
                    (work.link(state.channels, state.counts, other.channels, other.counts), other.id)
                    for other in work.candidates(list(state.keys), exclude=story)
                    if other.size >= max(settings.core, state.size) and work.windows_meet(state, other)
                ),
                reverse=True,
            )
            if not cores:
                continue
            best, best_id = cores[0]
            second = cores[1][0] if len(cores) > 1 else 0.0
            if best < settings.attach or best - second < settings.attach_margin:
                continue
            target = work.story(best_id)
            if target is None:
                continue
            if state.size >= 2:
                own, theirs = _cohesion(state), _cohesion(target)
                if own is None or theirs is None or best < settings.ratio * math.sqrt(own * theirs):
                    continue
            moves.append((best, story, best_id))
        done = False
        for score, story, target in sorted(moves, reverse=True):
            a, b = work.story(story), work.story(target)
            if a is None or b is None:
                continue
            via = next((m.doc for m in reversed(work.changes.members) if m.story == story), None)
            work.merge(b, a, via, score)
            done = True
        if not done:
            return


def _split(work: _Working, profiles: Sequence[Profile]) -> list[str]:
    """Look again at each story this run changed, as the whole story is now: its members joined
    best first by the same rule, from the start. When they fall into two or more groups of at
    least two articles (an article joined a story early, before the articles of its own story
    had arrived), the story is split: the largest group keeps the id, each other group becomes a
    story, and an article left alone goes with the group it is closest to. Returns the ids of
    the stories split off. A story larger than ``split_limit`` is not looked at again."""
    new = {item.doc: item for item in profiles}
    members_now: dict[str, list[str]] = defaultdict(list)
    for member in work.changes.members:
        if member.role == "main":
            members_now[member.story].append(member.doc)
    split_off: list[str] = []
    for story in sorted(work.changes.stories):
        state = work.story(story)
        if state is None or not 3 <= state.size <= work.settings.split_limit:
            continue
        known: dict[str, Profile] = {}
        for part in (story, *work.absorbed.get(story, ())):
            if part not in work.fresh and part not in work.gone:
                known.update((p.doc, p) for p in work.book.members(part, work.settings.split_limit))
        known.update((doc, new[doc]) for doc in members_now.get(story, ()) if doc in new)
        items = sorted(known.values(), key=lambda p: (p.day is None, p.day or 0, p.doc))
        if len(items) != state.size:
            continue  # the book could not give every member: leave the story as it is
        units = [work.units(item) for item in items]
        groups = _groups(work, units, [item.day is not None for item in items])
        cores = [g for g in groups if len(g) >= 2]
        if len(cores) < 2:
            continue
        for group in groups:
            if len(group) < 2:
                (only,) = group
                best = max(cores, key=lambda core: (_mean_link(work, units, [only], core), -core[0]))
                best.append(only)
        cores.sort(key=lambda core: (-len(core), core[0]))
        for number, core in enumerate(cores):
            if number == 0:
                target = state
            else:
                founder = items[core[0]].doc
                target = StoryState(
                    story_id(f"{founder}/{story}"), work.created, 0, None, None, ({}, {}, {}), refreshed=work.n
                )
                work.created += 1
                work.states[target.id] = target
                work.fresh.add(target.id)
                split_off.append(target.id)
            _rebuild(work, target, [items[i] for i in core], [units[i] for i in core])
            for i in core:
                work.changes.members.append(Membership(items[i].doc, target.id, "main", target.title_score))
    if split_off:
        latest: dict[str, Membership] = {}
        for member in work.changes.members:
            latest[f"{member.doc}:{member.role}"] = member
        work.changes.members = list(latest.values())
    return split_off


def _groups(work: _Working, units: list[Units], dated: list[bool]) -> list[list[int]]:
    """Members joined best first while a pair of groups is one story by ``joins``."""
    counts = [[1 if c else 0 for c in u] for u in units]
    groups: dict[int, list[int]] = {i: [i] for i in range(len(units))}
    cohesion: dict[int, float] = {}
    links: dict[tuple[int, int], float] = {}
    for i in range(len(units)):
        for j in range(i + 1, len(units)):
            links[(i, j)] = work.link(units[i], counts[i], units[j], counts[j])

    def link(a: int, b: int) -> float:
        total = sum(links[(min(x, y), max(x, y))] for x in groups[a] for y in groups[b])
        return total / (len(groups[a]) * len(groups[b]))

    def joins(a: int, b: int, score: float) -> bool:
        either = (any(dated[i] for i in groups[a]), any(dated[i] for i in groups[b]))
        if score < work.floor(*either):
            return False
        if not any(either):
            # The actor test of ``actors_meet``, on the two groups' summed actor vectors.
            sums: list[tuple[Vector, int]] = []
            for group in (groups[a], groups[b]):
                total: defaultdict[str, float] = defaultdict(float)
                for i in group:
                    for term, weight in units[i][0].items():
                        total[term] += weight
                sums.append((total, sum(1 for i in group if units[i][0])))
            (x, nx), (y, ny) = sums
            if not _actor_link(x, nx, y, ny, work.settings.undated_actors):
                return False
        side_a = cohesion.get(a, work.settings.single)
        side_b = cohesion.get(b, work.settings.single)
        return score >= work.settings.ratio * math.sqrt(side_a * side_b)

    blocked: set[tuple[int, int]] = set()
    while True:
        best: tuple[float, int, int] | None = None
        keys = sorted(groups)
        for x, a in enumerate(keys):
            for b in keys[x + 1 :]:
                if (a, b) in blocked:
                    continue
                score = link(a, b)
                if best is None or score > best[0]:
                    best = (score, a, b)
        if best is None:
            break
        score, a, b = best
        if not joins(a, b, score):
            if score < work.settings.join:
                break  # no pair left reaches the lower floor
            blocked.add((a, b))
            continue
        na, nb = len(groups[a]), len(groups[b])
        inside = cohesion.get(a, 0.0) * na * (na - 1) / 2 + cohesion.get(b, 0.0) * nb * (nb - 1) / 2
        groups[a] = groups[a] + groups.pop(b)
        cohesion.pop(b, None)
        n = na + nb
        cohesion[a] = (inside + score * na * nb) / (n * (n - 1) / 2)
        blocked = {pair for pair in blocked if a not in pair and b not in pair}
    return [sorted(g) for g in groups.values()]


def _mean_link(work: _Working, units: list[Units], a: list[int], b: list[int]) -> float:
    total = 0.0
    for i in a:
        for j in b:
            total += work.link(units[i], [1 if c else 0 for c in units[i]], units[j], [1 if c else 0 for c in units[j]])
    return total / (len(a) * len(b))


def _rebuild(work: _Working, state: StoryState, items: list[Profile], units: list[Units]) -> None:
    """A story's sums, cohesion, dates and title made again from its members; the title is the
    headline of the member closest on average to the others."""
    state.channels, state.counts, state.size, state.pair_sum = ({}, {}, {}), (0, 0, 0), 0, 0.0
    state.refreshed = work.n
    for unit in units:
        _add_into(state, unit, [1 if c else 0 for c in unit], work.settings.centroid_terms)
    state.size = len(items)
    closeness = [
        _mean_link(work, units, [i], [j for j in range(len(items)) if j != i]) if len(items) > 1 else 0.0
        for i in range(len(items))
    ]
    state.pair_sum = sum(closeness) * (len(items) - 1) / 2
    days = [item.day for item in items if item.day is not None]
    state.first, state.last = (min(days), max(days)) if days else (None, None)
    titled = [i for i, item in enumerate(items) if item.title]
    if titled:
        central = max(titled, key=lambda i: (closeness[i], items[i].doc))
        state.title, state.title_doc, state.title_score = items[central].title, items[central].doc, closeness[central]
    work.version[state.id] = work.version.get(state.id, 0) + 1
    work.rekey(state)


def _others(work: _Working, profiles: Sequence[Profile]) -> None:
    """The second story each new article touches, when it is close to it (a roundup)."""
    main = {m.doc: m.story for m in work.changes.members if m.role == "main"}
    for item in profiles:
        own = main.get(item.doc)
        units = work.units(item)
        counts = [1 if c else 0 for c in units]
        best: tuple[float, str] | None = None
        for state in work.candidates(work.key_terms(units), exclude=own):
            if not work.in_window(state, item.day):
                continue
            score = work.link(units, counts, state.channels, state.counts)
            if score >= work.settings.other and (best is None or score > best[0]):
                best = (score, state.id)
        if best is not None:
            work.changes.members.append(Membership(item.doc, best[1], "other", best[0]))


# --- the stage ----------------------------------------------------------------------------------------


class StoredBook(StoryBook, Protocol):
    """A book that also takes a run's changes and says which articles are in no story yet."""

    def created(self) -> int:
        """How many stories were ever begun (a new one's ``created``)."""

    def unplaced(self) -> list[str]:
        """The ids of stored articles in no story yet, in the order they were stored."""

    def apply(self, changes: StoryChanges) -> None: ...


def update_stories(
    book: StoredBook, read: Callable[[str], Document | None], settings: StorySettings = StorySettings()
) -> StoryChanges:
    """The story stage: place every article not yet in a story, and store what changed. Only
    the new articles and the stories they may belong to are read."""
    profiles = [profile(document, settings) for doc in book.unplaced() if (document := read(doc)) is not None]
    changes = detect(profiles, book, settings, book.created()) if profiles else StoryChanges()
    if profiles:
        book.apply(changes)
    return changes


# --- a book in memory ---------------------------------------------------------------------------------


class MemoryBook:
    """A ``StoryBook`` held in memory, updated with each run's changes: for tests, evaluation
    and rebuilding every story at once before the result is stored."""

    def __init__(self) -> None:
        self.count = 0
        self.df: Counter[str] = Counter()
        self.states: dict[str, StoryState] = {}
        self.keyed: dict[str, dict[str, int]] = defaultdict(dict)  # term -> story -> created
        self.member_of: dict[str, str] = {}
        self.other_of: dict[str, str] = {}
        self.merges: list[Merge] = []
        self.created = 0
        self.profiles: dict[str, Profile] = {}

    def members(self, story_id: str, limit: int) -> list[Profile]:
        found = [self.profiles[doc] for doc, story in self.member_of.items() if story == story_id]
        return found[-limit:]

    def profiled(self) -> int:
        return self.count

    def frequencies(self, terms: Collection[str]) -> dict[str, int]:
        return {t: self.df[t] for t in terms if t in self.df}

    def stories_with(self, terms: Sequence[str], limit: int) -> dict[str, list[str]]:
        found = {}
        for term in terms:
            keyed = self.keyed.get(term)
            if keyed:
                found[term] = [s for s, _ in heapq.nlargest(limit, keyed.items(), key=lambda item: (item[1], item[0]))]
        return found

    def load(self, story_ids: Collection[str]) -> dict[str, StoryState]:
        return {s: _copy(self.states[s]) for s in story_ids if s in self.states}

    def apply(self, changes: StoryChanges) -> None:
        self.count += changes.profiled
        self.profiles.update((p.doc, p) for p in changes.profiles)
        self.created = max([self.created, *(s.created + 1 for s in changes.stories.values())])
        self.df.update(changes.frequencies)
        for removed in changes.removed:
            old = self.states.pop(removed, None)
            if old is not None:
                for term in old.keys:
                    self.keyed[term].pop(removed, None)
        for merge in changes.merges:
            for doc, story in list(self.member_of.items()):
                if story == merge.merged:
                    self.member_of[doc] = merge.kept
            for doc, story in list(self.other_of.items()):
                if story == merge.merged:
                    self.other_of[doc] = merge.kept
        for state in changes.stories.values():
            old = self.states.get(state.id)
            if old is not None:
                for term in old.keys:
                    self.keyed[term].pop(state.id, None)
            self.states[state.id] = _copy(state)
            for term in state.keys:
                self.keyed[term][state.id] = state.created
        for member in changes.members:
            (self.member_of if member.role == "main" else self.other_of)[member.doc] = member.story
        self.merges.extend(changes.merges)


def _copy(state: StoryState) -> StoryState:
    return StoryState(
        state.id,
        state.created,
        state.size,
        state.first,
        state.last,
        (dict(state.channels[0]), dict(state.channels[1]), dict(state.channels[2])),
        state.counts,
        state.pair_sum,
        state.merged_from,
        state.keys,
        state.title,
        state.title_doc,
        state.title_score,
        state.refreshed,
    )
