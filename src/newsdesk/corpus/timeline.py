"""The story's time: each article's reference date, its dates read against it, and one timeline.

A corpus stage (``newsdesk.corpus.timeline.v1``): it reads stored documents and entities, so it
runs again whenever articles arrive.

Reference dates. An article that states its publication day is read against that day. Another
is dated by inference, and says so:

1. a provisional day: the publication day of the dated article that shares most of its actors
   (the same story), unless the article itself reports a later date;
2. its own dates read against that day give a lower bound: the latest past day it reports
   ("as of January 5");
3. a weekday ("on Saturday") dated by another article's report of the same happening ("on
   January 3", a Saturday) pins the week: the reference day is the first day on which every
   weekday the article names falls in that week.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from newsdesk.corpus.happenings import kind_of, kinds_named
from newsdesk.corpus.story_memo import DocMemo, StepChange, StoryView, digest, dropped, text_digest, touched
from newsdesk.model import (
    Document,
    Entity,
    Event,
    Evidence,
    ReferenceDate,
    Span,
    TimeExpression,
    TimeHow,
    TimelineEntry,
    TimelineEvent,
    TimeType,
    make_id,
)
from newsdesk.time.expressions import find_times, granularity, interval
from newsdesk.time.grammar import tense_at
from newsdesk.time.stage import publication_day

EXTRACTOR = "newsdesk.corpus.timeline.v1"

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.I)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_WORD = re.compile(r"[a-z]{4,}")
# How far apart two reports of one happening may date it before they are two happenings.
_TOLERANCE = {"day": 3, "week": 7, "month": 45, "season": 120, "quarter": 120, "year": 400}


@dataclass(frozen=True, slots=True)
class StoryTime:
    """The story time of a run: the reference dates of the documents dated in it (every document
    without a memo), every document's times as re-read, the timeline, and the change to store."""

    references: dict[str, ReferenceDate]
    times: dict[str, tuple[TimeExpression, ...]]
    timeline: list[TimelineEntry]
    change: StepChange


@dataclass(frozen=True, slots=True)
class _Dated:
    """An event with the value its article's times give it now."""

    doc: str
    event: Event
    time: TimeExpression
    participants: frozenset[str]
    words: frozenset[str]
    actors: frozenset[str]  # everyone named in the sentence, participants or not

    @property
    def kind(self) -> str:
        return kind_of(self.event.lemma)

    @property
    def days(self) -> tuple[date, date] | None:
        return interval(self.time.value)


# A day bucket of the weekday index (``_day_index``): a weekday and a kind of happening.
_Bucket = tuple[int, str]


@dataclass(frozen=True, slots=True)
class _State:
    """What the stage kept of a document that others' dating reads: whether it is dated (its
    publication day known), its actors, its provisional day, the day buckets its reports fill
    (``contrib``) and those its weekdays are looked up in (``query``)."""

    dated: bool
    actors: frozenset[str]
    provisional: str | None
    contrib: frozenset[_Bucket]
    query: frozenset[_Bucket]
    # The timeline's reading of it, kept for the runs that do not date it again: its dated
    # reports (with its times as stored) and its sentences naming a kind of happening.
    reports: list[Any] = field(default_factory=list)
    sentences: list[Any] = field(default_factory=list)

    def json(self) -> str:
        contrib, query = sorted(self.contrib), sorted(self.query)
        return json.dumps(
            [self.dated, sorted(self.actors), self.provisional, contrib, query, self.reports, self.sentences]
        )

    @staticmethod
    def of(text: str) -> _State:
        dated, actors, provisional, contrib, query, reports, sentences = json.loads(text)
        buckets = frozenset(map(tuple, contrib)), frozenset(map(tuple, query))
        return _State(dated, frozenset(actors), provisional, *buckets, reports, sentences)

    def read(self, document: Document) -> tuple[list[_Dated], list[_Sentence]]:
        """The document's dated reports and sentences as kept (its times as stored)."""
        by_span = {t.span: t for t in document.times}
        reports = [
            _Dated(document.id, document.events[e], by_span[Span(s, t)], frozenset(p), frozenset(w), frozenset(a))
            for e, s, t, p, w, a in self.reports
        ]
        sentences = [
            _Sentence(document.id, Span(s, e), {k: Span(ks, ke) for k, ks, ke in kinds}, frozenset(a))
            for s, e, kinds, a in self.sentences
        ]
        return reports, sentences

    @staticmethod
    def rows(document: Document, reports: list[_Dated], sentences: list[_Sentence]) -> tuple[list[Any], list[Any]]:
        """What ``read`` makes ``reports`` and ``sentences`` of ``document`` from again."""
        place = {id(event): index for index, event in enumerate(document.events)}
        dated = [
            [
                place[id(r.event)],
                r.time.span.start,
                r.time.span.end,
                sorted(r.participants),
                sorted(r.words),
                sorted(r.actors),
            ]
            for r in reports
        ]
        named = [
            [x.span.start, x.span.end, [[k, w.start, w.end] for k, w in x.kinds.items()], sorted(x.actors)]
            for x in sentences
        ]
        return dated, named


def _digest(document: Document, times: tuple[TimeExpression, ...], view: StoryView) -> str:
    """What the stage reads of ``document`` itself (with ``times``, as stored after this run)."""
    own = (document.source, document.published, document.removed, times, document.events)
    return digest((text_digest(document.text), own, [run[:3] for run in view.runs(document.id)]))


def date_story(
    documents: Sequence[Document],
    entities: Sequence[Entity],
    memo: Mapping[str, DocMemo] | None = None,
    view: StoryView | None = None,
) -> StoryTime:
    """Reference dates, re-read times and the timeline of all stored articles.

    With the ``memo`` of the last run, only the touched documents are dated again: those whose own
    inputs changed (new, or their mentions now stand for other entities), the undated ones sharing
    an actor with a dated one that changed (their provisional day may move), and the undated ones
    whose weekdays are looked up in a day bucket that a changed report fills or left; the others
    keep their stored reference dates and times. The timeline is made from every document's times."""
    view = view or StoryView(entities)
    at = view.at
    actors: dict[str, set[str]] = {d.id: set() for d in documents}
    for entity in entities:
        for mention in entity.mentions:
            actors.setdefault(mention.doc, set()).add(entity.id)
    known = {d.id: day for d in documents if (day := publication_day(d.published)) is not None}
    known_with: dict[str, list[str]] = defaultdict(list)  # actor -> dated articles naming it
    named_by: dict[str, list[str]] = defaultdict(list)  # actor -> undated articles naming it
    for document in documents:
        for actor in actors[document.id]:
            (known_with if document.id in known else named_by)[actor].append(document.id)
    by_id = {d.id: d for d in documents}
    kept = {doc: _State.of(m.state) for doc, m in (memo or {}).items()}
    changed = touched(memo, {d.id: _digest(d, d.times, view) for d in documents})
    gone = dropped(memo, by_id)
    # Undated articles whose provisional day may move: changed ones, and those sharing an actor
    # with a dated article that came, went or changed.
    first = {doc for doc in changed if doc not in known} | _sharing_actors(
        changed | gone, known, actors, kept, named_by
    )
    provisional: dict[str, tuple[date, str, tuple[Evidence, ...]]] = {}
    guessed: set[str] = set()  # the undated documents whose provisional day this run found
    read: dict[str, tuple[TimeExpression, ...]] = {}  # times read against the provisional day
    reports: dict[str, list[_Dated]] = {}

    def guess(docs: set[str]) -> None:
        for doc in sorted(docs):
            found = _provisional(by_id[doc], actors, known, known_with, by_id)
            if found is not None:
                provisional[doc] = found
            guessed.add(doc)

    def provisionally(doc: str) -> list[_Dated]:
        """The document's reports with its times read against its provisional day."""
        if doc not in reports:
            document = by_id[doc]
            if doc in known:
                read[doc] = document.times
            elif doc in guessed:
                read[doc] = _read(document, provisional[doc][0] if doc in provisional else None)
            else:  # its provisional day is the one found last run
                day = kept[doc].provisional
                read[doc] = _read(document, date.fromisoformat(day) if day else None)
            reports[doc] = _dated_events([document], read, at)
        return reports[doc]

    def state(doc: str) -> _State:
        mine = provisionally(doc)
        found = provisional.get(doc)
        return _State(
            doc in known,
            frozenset(actors[doc]),
            found[0].isoformat() if found else None,
            frozenset(_day_index(mine)),
            frozenset((_weekday(d.time), d.kind) for d in mine if _weekday_only(d.time)),
        )

    guess(first)
    states = {doc: state(doc) for doc in changed | first}
    # The day buckets that a report of a changed article (or one read against another provisional
    # day) fills or left.
    filled = {b for doc in states for b in states[doc].contrib}
    filled |= {b for doc in first | changed | gone if doc in kept for b in kept[doc].contrib}
    again = first | _looking_up(filled, kept, by_id)
    guess(again - first)
    states |= {doc: state(doc) for doc in again - first}
    wanted = {b for doc in again for b in states[doc].query}
    by_day = _day_index(
        [
            item
            for d in documents
            if (states[d.id] if d.id in states else kept[d.id]).contrib & wanted
            for item in provisionally(d.id)
        ]
    )
    references: dict[str, ReferenceDate] = {
        doc: ReferenceDate(doc, known[doc].isoformat(), "published", "the article's publication day")
        for doc in sorted(changed)
        if doc in known
    }
    times = {d.id: d.times for d in documents}
    for document in documents:
        if document.id not in again:
            continue
        mine = provisionally(document.id)
        reference = _infer(document, read[document.id], mine, by_day, provisional.get(document.id))
        if reference is None:
            times[document.id] = read[document.id]
            continue
        references[document.id] = reference
        times[document.id] = _read(document, date.fromisoformat(reference.date))
    # The timeline's reading of every document: made again for those dated again, else as kept.
    final: dict[str, tuple[list[_Dated], list[_Sentence]]] = {}
    recomputed: dict[str, DocMemo] = {}
    for document in documents:
        doc = document.id
        if doc not in changed and doc not in again:
            final[doc] = kept[doc].read(document)
            continue
        final[doc] = _dated_events([document], times, at), _sentences(document, at)
        rows = _State.rows(document, *final[doc])
        kept_now = replace(states[doc], reports=rows[0], sentences=rows[1])
        recomputed[doc] = DocMemo(_digest(document, times[doc], view), kept_now.json())
    dated = [item for d in documents for item in final[d.id][0]]
    sentences = [item for d in documents for item in final[d.id][1]]
    change = StepChange(EXTRACTOR, memo is None, dict(sorted(recomputed.items())), gone)
    return StoryTime(references, times, build_timeline(dated, documents, at, sentences), change)


def _sharing_actors(
    changed: set[str],
    known: Mapping[str, date],
    actors: Mapping[str, set[str]],
    kept: Mapping[str, _State],
    named_by: Mapping[str, list[str]],
) -> set[str]:
    """The undated articles naming an actor of a dated article of ``changed`` (as it names them now,
    or as it named them before): their provisional day may move."""
    moved = {a for doc in changed if doc in known for a in actors[doc]}
    moved |= {a for doc in changed if doc in kept and kept[doc].dated for a in kept[doc].actors}
    return {doc for a in moved for doc in named_by.get(a, ())}


def _looking_up(filled: set[_Bucket], kept: Mapping[str, _State], stored: Mapping[str, Document]) -> set[str]:
    """The undated articles kept from the last run whose weekdays are looked up in a day bucket of
    ``filled``: another article's report may pin them now, or no longer."""
    return {doc for doc, state in kept.items() if doc in stored and not state.dated and state.query & filled}


def _read(document: Document, anchor: date | None) -> tuple[TimeExpression, ...]:
    """The document's times read against an inferred reference day (the tagger runs again
    only when the stored times were read against another day)."""
    relative = [t for t in document.times if t.how is not TimeHow.EXPLICIT]
    used = {t.anchor for t in relative}
    if not relative or used == {anchor.isoformat() if anchor else None}:
        return document.times
    found = find_times(document.text, document.body_spans, anchor)
    return tuple(replace(t, how=TimeHow.INFERRED) if t.how is TimeHow.RELATIVE else t for t in found)


def _provisional(
    document: Document,
    actors: dict[str, set[str]],
    known: dict[str, date],
    known_with: dict[str, list[str]],
    documents: dict[str, Document],
) -> tuple[date, str, tuple[Evidence, ...]] | None:
    """The publication day of the dated article sharing most actors, if the article reports nothing later."""
    mine = actors[document.id]
    shared = Counter(other for actor in mine for other in known_with.get(actor, ()))
    best: tuple[float, str] | None = None
    for other, count in sorted(shared.items()):
        if count < 2:
            continue
        score = count / len(mine | actors[other])
        if best is None or score > best[0]:
            best = (score, other)
    own = [
        days[0]
        for t in document.times
        if t.how is TimeHow.EXPLICIT
        and (days := interval(t.value))
        and tense_at(document.text, t.span.start, t.span.end) != "future"
    ]
    latest_own = max(own, default=None)
    if best is not None:
        day = known[best[1]]
        if latest_own is None or latest_own <= day:
            source = documents[best[1]]
            basis = f"the publication day of the article sharing most actors ({source.source})"
            evidence = source.published.evidence if source.published else ()
            return day, basis, tuple(Evidence(source.id, span) for span in evidence)
    return None


def _infer(
    document: Document,
    times: tuple[TimeExpression, ...],
    mine: list[_Dated],
    by_day: dict[tuple[int, str], list[_Dated]],
    provisional: tuple[date, str, tuple[Evidence, ...]] | None,
) -> ReferenceDate | None:
    past_days = [
        (days[0], t)
        for t in times
        if t.type is TimeType.DATE
        and t.tense != "future"
        and granularity(t.value) == "day"
        and not _WEEKDAY.search(t.text)
        and (days := interval(t.value)) is not None
        # A full date carries no tense of its own: an announced visit "on May 5, 2018" is no bound.
        and (t.how is not TimeHow.EXPLICIT or tense_at(document.text, t.span.start, t.span.end) != "future")
    ]
    lower = max(past_days, key=lambda item: item[0]) if past_days else None
    anchors = _weekday_anchors(document.id, mine, by_day)
    weekdays = [t for t in times if t.type is TimeType.DATE and _weekday_only(t)]
    if anchors:
        first = min(day for day, _, _ in anchors)
        start = max([day for day, _, _ in anchors] + ([lower[0]] if lower else []))
        reference = next(
            (
                start + timedelta(days=step)
                for step in range(7)
                if all(_last(start + timedelta(days=step), _weekday(t)) >= first for t in weekdays)
            ),
            start,
        )
        day, text, other = max(anchors, key=lambda item: item[0])
        basis = (
            f"'{text}' is {day.isoformat()}, the day other articles give the same happening "
            f"({other.event.trigger_text}); every weekday the article names falls in the week from there"
        )
        evidence = (Evidence(document.id, _time_of(times, text)), Evidence(other.doc, other.time.span))
        return ReferenceDate(document.id, reference.isoformat(), "inferred", basis, evidence)
    if lower is not None:
        basis = f"not before the latest day it reports ('{lower[1].text}')"
        if provisional is not None:
            basis += f", read in the year of {provisional[1]}"
        return ReferenceDate(
            document.id, lower[0].isoformat(), "inferred", basis, (Evidence(document.id, lower[1].span),)
        )
    if provisional is not None:
        return ReferenceDate(document.id, provisional[0].isoformat(), "inferred", provisional[1], provisional[2])
    return None


def _day_index(dated: list[_Dated]) -> dict[tuple[int, str], list[_Dated]]:
    """Events dated to a day, by weekday and kind of happening: what a weekday can be pinned by.
    A weekday is a day only where its article's publication day is known."""
    index: dict[tuple[int, str], list[_Dated]] = defaultdict(list)
    for other in dated:
        if granularity(other.time.value) != "day":
            continue
        if _weekday_only(other.time) and other.time.how is not TimeHow.RELATIVE:
            continue
        days = other.days
        if days:
            index[(days[0].weekday(), other.kind)].append(other)
    return index


def _weekday_anchors(
    doc: str, dated: list[_Dated], by_day: dict[tuple[int, str], list[_Dated]]
) -> list[tuple[date, str, _Dated]]:
    """Weekdays of this article pinned by another article's day for the same happening."""
    found = []
    for mine in dated:
        if mine.doc != doc or not _weekday_only(mine.time):
            continue
        for other in by_day.get((_weekday(mine.time), mine.kind), ()):
            days = other.days
            if other.doc != doc and days and _same_happening(mine, other, dates_known=False):
                found.append((days[0], mine.time.text, other))
                break
    return found


def _weekday_only(time: TimeExpression) -> bool:
    return bool(_WEEKDAY.search(time.text)) and not re.search(r"\d", time.text)


def _weekday(time: TimeExpression) -> int:
    match = _WEEKDAY.search(time.text)
    return _WEEKDAYS.index(match.group(1).lower()) if match else -1


def _last(reference: date, weekday: int) -> date:
    """The most recent ``weekday`` on or before ``reference``."""
    return reference - timedelta(days=(reference.weekday() - weekday) % 7)


def _time_of(times: tuple[TimeExpression, ...], text: str) -> Span:
    return next(t.span for t in times if t.text == text)


# Dated reports one article brings to the timeline: several times what the longest news article has.
MAX_DATED_REPORTS = 200


def _dated_events(
    documents: Sequence[Document], times: dict[str, tuple[TimeExpression, ...]], at: dict[tuple[str, int], Entity]
) -> list[_Dated]:
    found = []
    for document in documents:
        by_span = {t.span: t for t in times[document.id]}
        # A report the article repeats word for word, with the same date, is one report; and an
        # article's dated reports are bounded, so that one pathological text (a dated sentence
        # written out a thousand times) cannot make the grouping, which compares reports pairwise,
        # run for minutes.
        seen: set[tuple[str, str | None]] = set()
        for event in document.events:
            time = by_span.get(event.time)
            if time is None:
                continue
            key = (" ".join(event.span.of(document.text).lower().split()), time.value)
            if key in seen:
                continue
            if len(seen) >= MAX_DATED_REPORTS:
                break
            seen.add(key)
            participants = frozenset(
                e.id for span in event.participants if (e := at.get((document.id, span.start))) is not None
            )
            words = frozenset(word[:5] for word in _WORD.findall(event.span.of(document.text).lower())) - _STOP
            named = {
                e.id for position in range(event.span.start, event.span.end) if (e := at.get((document.id, position)))
            }
            found.append(_Dated(document.id, event, time, participants, words, frozenset(named) | participants))
    return found


def _same_happening(a: _Dated, b: _Dated, dates_known: bool = True) -> bool:
    if a.kind != b.kind or a.event.modality == "negated" or b.event.modality == "negated":
        return False
    shared = a.participants & b.participants
    overlap = len(a.words & b.words) / max(1, len(a.words | b.words))
    if a.kind == "statement":
        # Statements are many: one is the same as another when it says much the same words.
        if not shared or overlap < (0.15 if len(a.actors & b.actors) >= 3 else 0.3):
            return False
    elif not shared:
        if a.participants and b.participants:
            return False  # different actors: different happenings
        # Nobody named on one side ("the dam gave way"): the same kind of happening on the same
        # day, or the same word in much the same sentence; for a weekday the date check below
        # (or the caller's weekday test) does the rest.
        if a.event.lemma in _EMPTY_VERBS or b.event.lemma in _EMPTY_VERBS:
            return False
        same_day = granularity(a.time.value) == granularity(b.time.value) == "day"
        if dates_known and not same_day and (a.event.lemma != b.event.lemma or overlap < 0.25):
            return False
        if not dates_known and a.event.lemma != b.event.lemma:
            return False
    if not dates_known:
        return True
    if a.doc == b.doc and not _nested(a.days, b.days):
        return False  # one article dating two reports differently tells of two happenings
    return _close(a, b)


def _nested(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool:
    if a is None or b is None:
        return False
    return (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])


def _close(a: _Dated, b: _Dated) -> bool:
    first, second = a.days, b.days
    if first is None or second is None:
        return False
    gap = max(first[0], second[0]) - min(first[1], second[1])
    finest = min(
        (_TOLERANCE.get(granularity(x.time.value) or "", 0) for x in (a, b)),
        default=0,
    )
    return gap.days <= finest


_EMPTY_VERBS = frozenset({"be", "have", "do", "get", "make", "come", "go"})
_STOP = frozenset(
    w[:5] for w in "that this with from have were said they their there which would about after been".split()
)


def build_timeline(
    dated: list[_Dated],
    documents: Sequence[Document],
    at: dict[tuple[str, int], Entity],
    sentences: Iterable[_Sentence] | None = None,
) -> list[TimelineEntry]:
    """Reports of one happening grouped across articles (single link), undated reports added from
    the documents' ``sentences`` naming a kind of happening (found in them when not given)."""
    # A denied happening, or a habit ("often fails since 2019"), is no entry of what happened.
    candidates = [d for d in dated if d.days is not None and d.event.modality not in ("negated", "habitual")]
    parent = list(range(len(candidates)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    by_kind: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(candidates):
        by_kind[item.kind].append(index)
    for members in by_kind.values():
        for position, i in enumerate(members):
            for j in members[position + 1 :]:
                if _same_happening(candidates[i], candidates[j]):
                    parent[root(i)] = root(j)
    groups: dict[int, list[_Dated]] = defaultdict(list)
    for index, item in enumerate(candidates):
        groups[root(index)].append(item)
    names = {e.id: e.name for e in at.values()}
    texts = {d.id: d for d in documents}
    entries = [_entry(group, names, texts) for group in groups.values()]
    # A sentence that dates a happening, or already stands for one, stands for no other.
    used = {(item.doc, item.event.span.start) for item in candidates}
    entries.sort(key=lambda e: -len(e.reports))
    if sentences is None:
        sentences = [item for document in documents for item in _sentences(document, at)]
    undated = _undated_index(sentences)
    entries = [_with_undated(entry, undated, used) for entry in entries]
    return sorted(entries, key=lambda e: (e.value, e.id))


def _entry(group: list[_Dated], names: dict[str, str], documents: dict[str, Document]) -> TimelineEntry:
    group = sorted(group, key=lambda d: (d.doc, d.event.span.start))
    values = Counter(d.time.value for d in group if d.time.value)
    # The most specific value most reports agree on.
    value = max(values, key=lambda v: (values[v], len(v)))
    participants = Counter(p for d in group for p in d.participants)
    first = group[0]
    label = first.event.span.of(documents[first.doc].text)
    reports = tuple(
        TimelineEvent(d.doc, d.event.span, d.event.trigger, d.time.span, d.time.value, d.time.how.value) for d in group
    )
    key = "|".join(f"{d.doc}:{d.event.span.start}:{d.time.span.start}" for d in group)
    disagreement = None
    distinct = _distinct_dates([d for d in group if d.time.value])
    if len(distinct) > 1:
        disagreement = "the articles date it differently: " + "; ".join(
            f"{given} ({', '.join(sorted(set(docs)))})" for given, docs in distinct.items()
        )
    return TimelineEntry(
        id=make_id("t", key),
        value=value,
        granularity=granularity(value) or "unknown",
        label=label,
        kind=first.kind,
        reports=reports,
        # Most reports first, then by id: a tie is never left to a set's order, which differs from
        # one process to the next, so that a rebuild gives the same story.
        participants=tuple(
            p for p, _ in sorted(participants.items(), key=lambda item: (-item[1], item[0])) if p in names
        ),
        disagreement=disagreement,
    )


def _distinct_dates(group: list[_Dated]) -> dict[str, list[str]]:
    """Values that contradict each other: one that only narrows another ("2026-01" and
    "2026-01-03") is not a disagreement."""
    by_value: dict[str, list[str]] = defaultdict(list)
    for item in group:
        by_value[item.time.value or ""].append(item.doc)
    values = sorted(by_value, key=len, reverse=True)
    kept: dict[str, list[str]] = {}
    for value in values:
        days = interval(value)
        narrower = [k for k in kept if (d := interval(k)) and days and days[0] <= d[0] and d[1] <= days[1]]
        if narrower:
            kept[narrower[0]].extend(by_value[value])
        else:
            kept[value] = list(by_value[value])
    return kept


@dataclass(frozen=True, slots=True)
class _Sentence:
    doc: str
    span: Span
    kinds: dict[str, Span]  # kind of happening named -> the word naming it
    actors: frozenset[str]


def _sentences(document: Document, at: dict[tuple[str, int], Entity]) -> list[_Sentence]:
    """Every body sentence of ``document`` that names a kind of happening (other than a statement)."""
    found = []
    for span in document.body_spans:
        for sentence in _SENTENCE.finditer(document.text, span.start, span.end):
            kinds = {
                kind: Span(sentence.start() + word.start(), sentence.start() + word.end())
                for kind, word in kinds_named(sentence.group()).items()
                if kind != "statement"
            }
            if not kinds:
                continue
            actors = frozenset(
                e.id
                for position in range(sentence.start(), sentence.end())
                if (e := at.get((document.id, position))) is not None
            )
            found.append(_Sentence(document.id, Span(sentence.start(), sentence.end()), kinds, actors))
    return found


def _undated_index(sentences: Iterable[_Sentence]) -> dict[str, list[_Sentence]]:
    """The sentences under each actor they name: built once, so that finding a happening's
    undated reports looks only at sentences naming its actors."""
    index: dict[str, list[_Sentence]] = defaultdict(list)
    for item in sentences:
        for actor in item.actors:
            index[actor].append(item)
    return index


def _with_undated(entry: TimelineEntry, index: dict[str, list[_Sentence]], used: set[tuple[str, int]]) -> TimelineEntry:
    """Add the articles that report the happening without dating it: a sentence that names a
    happening of the same kind and at least two of its actors (or its only one)."""
    if entry.kind == "statement" or not entry.participants:
        return entry
    needed = min(2, len(entry.participants))
    wanted = set(entry.participants)
    reported = set(entry.documents)
    candidates = {id(item): item for actor in entry.participants for item in index.get(actor, ())}
    chosen: dict[str, _Sentence] = {}
    for item in sorted(candidates.values(), key=lambda i: (i.doc, i.span.start)):
        if item.doc in reported or item.doc in chosen or entry.kind not in item.kinds:
            continue
        if len(item.actors & wanted) < needed:
            continue
        if any(doc == item.doc and item.span.start <= start < item.span.end for doc, start in used):
            continue
        chosen[item.doc] = item
    extra = []
    for item in chosen.values():
        extra.append(TimelineEvent(item.doc, item.span, item.kinds[entry.kind], None, None, "undated"))
        used.add((item.doc, item.span.start))
    return replace(entry, reports=entry.reports + tuple(extra)) if extra else entry
