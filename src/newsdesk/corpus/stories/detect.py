"""The detector: new articles placed in stories, in three stages (best-first joining, a changed
story looked at again and split, small stories attached to the established story they are
clearly closest to), and the story stage that runs it over a store's book."""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Callable, Sequence

from newsdesk.corpus.stories.model import (
    SHIPPED,
    Membership,
    Profile,
    StoredBook,
    StoryBook,
    StoryChanges,
    StorySettings,
    StoryState,
    Units,
    Vector,
    empty,
    no_counts,
    story_id,
)
from newsdesk.corpus.stories.profiles import profile
from newsdesk.corpus.stories.working import (
    Working,
    actor_link,
    add_into,
    cohesion,
    day_gap,
    happening_link,
    specifics_differ,
)
from newsdesk.model import Document


def detect(
    profiles: Sequence[Profile], book: StoryBook, settings: StorySettings = SHIPPED, created_from: int = 0
) -> StoryChanges:
    """Place the new articles in stories; returns what changed, for the caller to store.

    Each new article begins as a story of its own; then, best first, the two closest stories
    among the new ones and their candidates are joined while they are one story by ``joins``
    (an article joining a story, two new articles making one, or two stories an article
    bridges). Only stories that existed before the run are recorded as merged. ``created_from``
    is the number of stories begun before this run (a new story's ``created``)."""
    work = Working(book, settings, profiles)
    work.created = created_from
    begun: dict[str, StoryState] = {}
    for item in sorted(profiles, key=lambda p: (p.day is None, p.day or 0, p.doc)):
        units = work.units(item)
        state = StoryState(story_id(item.doc), work.created, 0, None, None, empty(), refreshed=work.n)
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


def _agglomerate(work: Working, seeds: Sequence[str]) -> None:
    """Join, best first, the closest pair of stories (one of them begun or changed in this run)
    while the pair is one story; a pair's score is read again when either side has changed."""
    heap: list[tuple[float, str, str, int, int]] = []

    def offer(state: StoryState) -> None:
        for other in work.candidates(list(state.keys), exclude=state.id):
            if not work.windows_meet(state, other):
                continue
            score = work.scored(state, other)
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
            score = work.scored(a, b)
            if work.windows_meet(a, b) and work.joins(score, a, b):
                heapq.heappush(heap, (-score, a_id, b_id, work.version.get(a_id, 0), work.version.get(b_id, 0)))
            continue
        via = next((m.doc for m in reversed(work.changes.members) if m.story in (a_id, b_id)), None)
        offer(work.merge(a, b, via, -negative))


def _attach(work: Working) -> None:
    """The second stage: a story joins the established story (``core`` articles or more, and no
    smaller than itself) it is closest to, when their mean similarity reaches ``attach``, beats
    every other such story by ``attach_margin`` and, for a story of two or more articles, reaches
    ``ratio`` of the two sides' own cohesion. A core is a better description of its happening
    than any one article, so a lower bar than the first stage's is safe against it, but only
    when the choice is clear (an undated article whose core clearly leads every other place it
    could go joins it without ``undated_extra``: ``_leads``). Looked at: the stories this run
    changed, and the stories near each changed core (an article left alone in an earlier run
    joins the core that has since formed)."""
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
                    if other.size <= state.size and work.scored(state, other) >= settings.attach
                )
        moves: list[tuple[float, str, str]] = []
        for story in sorted(looked):
            state = work.story(story)
            if state is None:
                continue
            cores = sorted(
                (
                    (work.scored(state, other), other.id)
                    for other in work.candidates(list(state.keys), exclude=story)
                    if other.size >= max(settings.core, state.size) and work.windows_meet(state, other)
                ),
                reverse=True,
            )
            if not cores:
                continue
            best, best_id = cores[0]
            second = cores[1][0] if len(cores) > 1 else 0.0
            core = work.story(best_id)
            if core is None:
                continue
            undated = (state.first is None) != (core.first is None)
            vouched = work.vouched(state.channels, state.counts, core.channels, core.counts)
            extra = settings.undated_extra if undated and not vouched else 0.0
            if best - second < settings.attach_margin:
                continue
            if best < settings.attach + extra and not (extra and _leads(work, state, best, core)):
                continue
            if not work.happenings_meet(state, core):
                continue
            if (
                state.first is None
                and core.first is None
                and specifics_differ(work.settings, state.channels, state.counts, core.channels, core.counts)
            ):
                continue
            if state.size >= 2:
                own, theirs = cohesion(state), cohesion(core)
                if (own is None or theirs is None or best < settings.ratio * math.sqrt(own * theirs)) and not (
                    _group_leads(work, state, best, core)
                ):
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


def _leads(work: Working, state: StoryState, best: float, core: StoryState) -> bool:
    """Whether an undated article's closest core, ``best`` similar to it (at least
    ``lead_floor``), clearly leads every other place it could go (``undated_lead``): each other
    story near it, of any size, is at most that share of ``best``, so that the core is its one
    clear place even under the undated bar. A story as close as the core is another place the
    article could belong, and the article then stays alone (a wrong join costs more than a
    missed one), unless that story is itself close to the core (``lead_floor``): then both
    point to the same place. The rivals must have had the time to arrive: the article is
    judged only once ``lead_wait`` articles have been read with it or after it."""
    settings = work.settings
    if settings.undated_lead <= 0 or state.size != 1 or best < settings.lead_floor:
        return False
    return _waited(work, state, settings.lead_wait) and _no_rival(work, state, best, core, settings.undated_lead)


def _group_leads(work: Working, state: StoryState, best: float, core: StoryState) -> bool:
    """Whether a small story (fewer than ``core`` articles) whose closest core is ``best``
    similar to it joins that core without the cohesion ratio: its own members are close to one
    another (a few reports of one turn of the happening, in the same words), so the ratio asks
    more of the core than the core's own cohesion does, but no other story near it reaches
    ``group_lead`` of that similarity (the core is its one clear place), after the same wait as
    ``_leads``."""
    share = work.settings.group_lead
    if share <= 0 or state.size >= work.settings.core:
        return False
    return _waited(work, state, work.settings.group_wait) and _no_rival(work, state, best, core, share)


def _waited(work: Working, state: StoryState, wait: int) -> bool:
    """Whether ``wait`` articles have been read with the story or after it."""
    seen = work.n - state.refreshed + (work.changes.profiled if state.id in work.fresh else 0)
    return seen >= wait


def _no_rival(work: Working, state: StoryState, best: float, core: StoryState, share: float) -> bool:
    """Whether no story near ``state`` but ``core`` is more than ``share`` of ``best`` similar to
    it (with ``lead_same``, a story itself ``lead_floor`` close to the core is no rival)."""
    settings = work.settings
    for other in work.candidates(list(state.keys), exclude=state.id):
        if other.id == core.id or not work.windows_meet(state, other):
            continue
        if work.scored(state, other) > share * best and (
            not settings.lead_same or work.scored(other, core) < settings.lead_floor
        ):
            return False
    return True


def _split(work: Working, profiles: Sequence[Profile]) -> list[str]:
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
        groups = _groups(work, units, [item.day for item in items])
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
                    story_id(f"{founder}/{story}"), work.created, 0, None, None, empty(), refreshed=work.n
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


def _groups(work: Working, units: list[Units], days: list[int | None]) -> list[list[int]]:
    """Members joined best first while a pair of groups is one story by ``joins``; two
    members' similarity decays with the days between them as two stories' does."""
    dated = [day is not None for day in days]
    counts = [[1 if c else 0 for c in u] for u in units]
    groups: dict[int, list[int]] = {i: [i] for i in range(len(units))}
    cohesion: dict[int, float] = {}
    links: dict[tuple[int, int], float] = {}
    for i in range(len(units)):
        for j in range(i + 1, len(units)):
            gap = day_gap(days[i], days[i], days[j], days[j])
            links[(i, j)] = work.link(units[i], counts[i], units[j], counts[j]) - work.settings.day_decay * gap

    def link(a: int, b: int) -> float:
        total = sum(links[(min(x, y), max(x, y))] for x in groups[a] for y in groups[b])
        return total / (len(groups[a]) * len(groups[b]))

    def joins(a: int, b: int, score: float) -> bool:
        either = (any(dated[i] for i in groups[a]), any(dated[i] for i in groups[b]))
        # The tests of ``joins``, on the two groups' summed vectors.
        (x, nx), (y, ny) = (_summed(units, groups[a]), _summed(units, groups[b]))
        if score < work.floor(*either, vouched=work.vouched(x, nx, y, ny)):
            return False
        if not any(either) and (
            not actor_link(x[0], nx[0], y[0], ny[0], work.settings.undated_actors)
            or specifics_differ(work.settings, x, nx, y, ny)
        ):
            return False
        if not happening_link(work.settings, x, nx, y, ny):
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


def _summed(units: list[Units], group: list[int]) -> tuple[Units, list[int]]:
    """A group's channels summed over its members, and how many members have each channel."""
    sums: list[Vector] = []
    for channel in range(len(units[group[0]])):
        total: defaultdict[str, float] = defaultdict(float)
        for i in group:
            for term, weight in units[i][channel].items():
                total[term] += weight
        sums.append(total)
    return tuple(sums), [sum(1 for i in group if units[i][channel]) for channel in range(len(sums))]


def _mean_link(work: Working, units: list[Units], a: list[int], b: list[int]) -> float:
    total = 0.0
    for i in a:
        for j in b:
            total += work.link(units[i], [1 if c else 0 for c in units[i]], units[j], [1 if c else 0 for c in units[j]])
    return total / (len(a) * len(b))


def _rebuild(work: Working, state: StoryState, items: list[Profile], units: list[Units]) -> None:
    """A story's sums, cohesion, dates and title made again from its members; the title is the
    headline of the member closest on average to the others."""
    state.channels, state.counts, state.size, state.pair_sum = empty(), no_counts(), 0, 0.0
    state.refreshed = work.n
    for unit in units:
        add_into(state, unit, [1 if c else 0 for c in unit], work.settings.centroid_terms)
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


def _others(work: Working, profiles: Sequence[Profile]) -> None:
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
            decay = work.settings.day_decay * day_gap(item.day, item.day, state.first, state.last)
            score = work.link(units, counts, state.channels, state.counts) - decay
            if score >= work.settings.other and (best is None or score > best[0]):
                best = (score, state.id)
        if best is not None:
            work.changes.members.append(Membership(item.doc, best[1], "other", best[0]))


def update_stories(
    book: StoredBook, read: Callable[[str], Document | None], settings: StorySettings = SHIPPED
) -> StoryChanges:
    """The story stage: place every article not yet in a story, and store what changed. Only
    the new articles and the stories they may belong to are read."""
    profiles = [profile(document, settings) for doc in book.unplaced() if (document := read(doc)) is not None]
    changes = detect(profiles, book, settings, book.created()) if profiles else StoryChanges()
    if profiles:
        book.apply(changes)
    return changes
