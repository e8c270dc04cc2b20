"""The book as one run of the detector sees it: term weights, the similarity of two groups of
articles, whether they are one story, the candidate stories of an article, and the joining of
stories (merges recorded, the older id kept)."""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Sequence

from newsdesk.corpus.stories.model import (
    MONTH,
    Membership,
    Merge,
    Profile,
    StoryBook,
    StoryChanges,
    StorySettings,
    StoryState,
    Units,
    Vector,
    empty,
    no_counts,
)


class Working:
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
        state.channels, state.counts = empty(), no_counts()
        for unit in units:
            add_into(state, unit, [1 if c else 0 for c in unit], self.settings.centroid_terms)
        state.pair_sum = mean_pairwise(self, state) * state.size * (state.size - 1) / 2
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
        return tuple(result)

    def link(self, a: Units, a_counts: Sequence[int], b: Units, b_counts: Sequence[int]) -> float:
        """The mean similarity of the members of two groups (an article is a group of one),
        from the sums of their unit vectors: per channel the mean cosine, weighted over the
        channels both groups have, plus ``happening_bonus`` times the happenings' mean cosine."""
        cosines: list[float | None] = []
        for x, nx, y, ny in zip(a, a_counts, b, b_counts, strict=True):
            if not nx or not ny or not x or not y:
                cosines.append(None)
                continue
            if len(x) > len(y):
                x, y = y, x
            cosines.append(sum(w * y[t] for t, w in x.items() if t in y) / (nx * ny))
        return combined(self.settings, cosines)

    def joins(self, score: float, a: StoryState | None, b: StoryState | None) -> bool:
        """Whether two groups whose members are ``score`` similar on average are one story: at
        least ``join``, and at least ``ratio`` of how close each group's own members are (a
        single article counts as ``single``), so that two stories about the same actors, each
        tight within itself, stay two. When neither side is dated the floor is ``undated_join``:
        the window cannot then tell the same actors' different happenings apart, so more of
        what they report must be shared."""
        dated = (a is not None and a.first is not None, b is not None and b.first is not None)
        vouched = a is not None and b is not None and self.vouched(a.channels, a.counts, b.channels, b.counts)
        if score < self.floor(*dated, vouched=vouched):
            return False
        if a is not None and b is not None:
            if not any(dated) and (
                not self.actors_meet(a, b)
                or specifics_differ(self.settings, a.channels, a.counts, b.channels, b.counts)
            ):
                return False
            if not self.happenings_meet(a, b):
                return False
        cohesion_a = cohesion(a) if a is not None else None
        cohesion_b = cohesion(b) if b is not None else None
        a_side = cohesion_a if cohesion_a is not None else self.settings.single
        b_side = cohesion_b if cohesion_b is not None else self.settings.single
        return score >= self.settings.ratio * math.sqrt(a_side * b_side)

    def actors_meet(self, a: StoryState, b: StoryState) -> bool:
        """Whether two undated groups name the same actors closely enough (``undated_actors``,
        the mean cosine of their actors; true when either names none): without a date, two
        reports of one kind of happening (two film charts, two console launches) share their
        words, and only who and where tells them apart."""
        return actor_link(a.channels[0], a.counts[0], b.channels[0], b.counts[0], self.settings.undated_actors)

    def happenings_meet(self, a: StoryState, b: StoryState) -> bool:
        """Whether two groups report the same happening closely enough (``happening_floor``, the
        mean cosine of what their leads report happening; true when either reports none): the
        same actors' other happening (another speech, another launch) shares the actors and
        many words, but not what happened to whom."""
        return happening_link(self.settings, a.channels, a.counts, b.channels, b.counts)

    def vouched(self, a: Units, a_counts: Sequence[int], b: Units, b_counts: Sequence[int]) -> bool:
        """Whether what two groups' leads report happening is so much the same (a mean cosine of
        ``happening_vouch`` or more; never when it is 0) that it places them as a shared date
        would: the same kind of happening touching the same participants."""
        vouch = self.settings.happening_vouch
        return vouch > 0 and mean_cosine(a[3], a_counts[3], b[3], b_counts[3]) >= vouch

    def floor(self, a_dated: bool, b_dated: bool, vouched: bool = False) -> float:
        """The least mean similarity of two groups to be one story: ``join`` when both are
        dated or their happenings vouch for them, ``undated_extra`` more when only one is
        dated, ``undated_join`` when neither is."""
        if (a_dated and b_dated) or vouched:
            return self.settings.join
        if a_dated or b_dated:
            return self.settings.join + self.settings.undated_extra
        return self.settings.undated_join

    def decay(self, a: StoryState, b: StoryState) -> float:
        """The similarity two stories lose for the days between their dates (``day_decay`` a
        day; none when either is undated or their dates overlap)."""
        return self.settings.day_decay * day_gap(a.first, a.last, b.first, b.last)

    def scored(self, a: StoryState, b: StoryState) -> float:
        """The mean similarity of two stories' members less the decay for the time between them."""
        return self.link(a.channels, a.counts, b.channels, b.counts) - self.decay(a, b)

    def key_terms(self, units: Units) -> list[str]:
        """The terms that best identify a profile: its highest weighted, rarest terms."""
        scored = [
            (w * share, t)
            for share, c in zip(self.settings.weights, units[: len(self.settings.weights)], strict=True)
            if share
            for t, w in c.items()
        ]
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
        state.keys = tuple(self.key_terms(mean))
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
        add_into(state, units, [1 if c else 0 for c in units], self.settings.centroid_terms)
        state.size += 1
        if day is not None:
            state.first = day if state.first is None else min(state.first, day)
            state.last = day if state.last is None else max(state.last, day)
        self.rekey(state)

    def merge(self, a: StoryState, b: StoryState, via: str | None, score: float) -> StoryState:
        """``a`` and ``b`` become one story, under the older id."""
        kept, merged = (a, b) if (a.created, a.id) <= (b.created, b.id) else (b, a)
        kept.pair_sum += merged.pair_sum + score * kept.size * merged.size
        add_into(kept, merged.channels, merged.counts, self.settings.centroid_terms)
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


def mean_pairwise(work: Working, state: StoryState) -> float:
    """The mean similarity of a story's members to one another, from its sums: per channel the
    mean cosine of two different members (|sum|^2 less each member with itself), weighted as
    ``link`` weighs the channels."""
    cosines: list[float | None] = []
    for channel, n in zip(state.channels, state.counts, strict=True):
        squared = sum(w * w for w in channel.values())
        cosines.append(max(0.0, squared - n) / (n * (n - 1)) if n >= 2 else None)
    return combined(work.settings, cosines)


def combined(settings: StorySettings, cosines: Sequence[float | None]) -> float:
    """One similarity from each channel's mean cosine (None: a side lacks the channel): their
    mean weighted by ``weights`` over the channels present, and the happenings' cosine times
    ``happening_bonus`` added, so that what the leads report happening counts when it matches
    and costs nothing when an article's clauses were read otherwise."""
    total = weight = 0.0
    for share, cosine in zip(settings.weights, cosines[: len(settings.weights)], strict=True):
        if cosine is not None:
            total += share * cosine
            weight += share
    score = total / weight if weight else 0.0
    happening = cosines[3]
    if happening is not None:
        score += settings.happening_bonus * happening
    return score + specifics_weight(settings, cosines[4] if len(cosines) > 4 else None)


def specifics_weight(settings: StorySettings, cosine: float | None) -> float:
    """What the amounts two groups' leads report add to their similarity: ``specifics_bonus``
    times their mean cosine, less ``specifics_cost`` when they share none (nothing when either
    reports none)."""
    if cosine is None:
        return 0.0
    return settings.specifics_bonus * cosine - (settings.specifics_cost if cosine <= 0 else 0.0)


def day_gap(a_first: int | None, a_last: int | None, b_first: int | None, b_last: int | None) -> int:
    """The days between two date ranges (0 when they overlap or either is undated)."""
    if a_first is None or a_last is None or b_first is None or b_last is None:
        return 0
    return max(0, b_first - a_last, a_first - b_last)


def actor_link(a: Vector, na: int, b: Vector, nb: int, floor: float) -> bool:
    """Whether two groups' sums of one channel reach a mean cosine of ``floor`` (true when
    either side has none of it)."""
    if not a or not b or not na or not nb:
        return True
    return mean_cosine(a, na, b, nb) >= floor


def mean_cosine(a: Vector, na: int, b: Vector, nb: int) -> float:
    """The mean cosine of two groups' members in one channel, from their sums (0 when either has none)."""
    if not a or not b or not na or not nb:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[t] for t, w in a.items() if t in b) / (na * nb)


def happening_link(
    settings: StorySettings, a: Units, a_counts: Sequence[int], b: Units, b_counts: Sequence[int]
) -> bool:
    """The test of ``Working.happenings_meet`` on two groups' summed channels."""
    if settings.happening_floor <= 0:
        return True
    return actor_link(a[3], a_counts[3], b[3], b_counts[3], settings.happening_floor)


def specifics_differ(
    settings: StorySettings, a: Units, a_counts: Sequence[int], b: Units, b_counts: Sequence[int]
) -> bool:
    """Whether two undated groups, each of at most ``veto_size`` articles, report different
    happenings by what is specific to each: with ``month_veto``, each names a month and they
    share none; with ``phrase_floor``, the mean cosine of their leads' phrases is under it.
    Without a date, the same actor's other happening is as close by names and words as a
    second report of the same one. False when both settings are off."""
    if max(a_counts[1], b_counts[1]) > settings.veto_size:
        return False
    floor = settings.phrase_floor
    if floor > 0 and a[5] and b[5] and mean_cosine(a[5], a_counts[5], b[5], b_counts[5]) < floor:
        return True
    if settings.month_veto:
        a_months, b_months = _months(a[4]), _months(b[4])
        if a_months and b_months and a_months.isdisjoint(b_months):
            return True
    return False


def _months(specifics: Vector) -> set[str]:
    return {term for term in specifics if term.startswith(MONTH)}


def cohesion(state: StoryState) -> float | None:
    """The mean similarity of a story's members to one another; None for a single article."""
    pairs = state.size * (state.size - 1) / 2
    return state.pair_sum / pairs if pairs else None


def add_into(state: StoryState, channels: Units, counts: Sequence[int], limit: int) -> None:
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
    state.channels = tuple(summed)
    state.counts = tuple(a + b for a, b in zip(state.counts, counts, strict=True))
