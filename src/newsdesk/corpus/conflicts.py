"""Where the articles disagree: conflicting dates, numbers and names, each with the evidence on
both sides, attached to the claims whose statements disagree.

- **Dates.** Two statements of different sources about the same kind of happening with the same
  actors (at least two in common: "police raids on the camp" / "the camp was raided by police") that
  date it differently, but close enough to be one happening told two ways (a year apart at year
  granularity, a couple of months at month, a few days at day); and the same happening dated
  differently on the timeline.
- **Numbers.** Statements of one claim giving different amounts of the same thing ("14 people",
  "11 people").
- **Names.** One thing named two ways by different articles: entities the resolution stage linked
  as possibly the same (two spellings of an equipment designation).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from itertools import combinations

from newsdesk.corpus.happenings import KIND_OF, kind_of, names_kind
from newsdesk.model import Claim, Conflict, Document, Entity, Evidence, Span, Statement, TimelineEntry
from newsdesk.time.expressions import granularity, interval

# How far apart two dates of one happening may be and still be a disagreement, not two happenings.
_NEAR_DAYS = {"year": 400, "month": 31, "day": 4}
_NEAR_CHARS = 60
_KNOWN = frozenset(KIND_OF.values())
_KINDS = sorted(_KNOWN - {"statement"})


def find_conflicts(
    claims: Sequence[Claim],
    entities: Sequence[Entity],
    timeline: Sequence[TimelineEntry] = (),
    sources: dict[str, str] | None = None,
    documents: Sequence[Document] = (),
    sentences: Sequence[Statement] | None = None,
) -> list[Claim]:
    """The claims, each with the conflicts its statements are part of. ``documents`` give the
    dated events, so that a date is compared only for the kind of happening it dates. Claims of
    propositions give ``sentences``, the sentences around them: dates and names are compared
    there (a date may sit in the clause that attributes a proposition, "X told reporters on
    Monday that ..."), and a conflict goes to the claim of the sentence's first proposition."""
    dates_kind = {(d.id, e.time.start): kind_of(e.lemma) for d in documents for e in d.events}
    claim_of = {(s.doc, s.span.start): c.id for c in claims for s in c.statements}
    statements = [s for c in claims for s in c.statements]
    if sentences is not None:
        inside: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for statement in statements:
            inside[statement.doc].append((statement.span.start, claim_of[(statement.doc, statement.span.start)]))
        for statement in sentences:
            held = [
                (start, claim)
                for start, claim in inside.get(statement.doc, ())
                if statement.span.start <= start < statement.span.end
            ]
            if held:
                claim_of.setdefault((statement.doc, statement.span.start), min(held)[1])
        compared = [s for s in sentences if (s.doc, s.span.start) in claim_of]
    else:
        compared = statements
    source = sources or {}
    found: dict[str, list[Conflict]] = defaultdict(list)

    def add(a: Statement, b: Statement, why: str, ours: Span, theirs: Span) -> None:
        if a.doc == b.doc or (source and source.get(a.doc) == source.get(b.doc)):
            return
        first, second = claim_of[(a.doc, a.span.start)], claim_of[(b.doc, b.span.start)]
        found[first].append(Conflict(second, why, Evidence(a.doc, ours), Evidence(b.doc, theirs)))
        found[second].append(Conflict(first, why, Evidence(b.doc, theirs), Evidence(a.doc, ours)))

    for a, b, why, ours, theirs in date_conflicts(compared, dates_kind):
        add(a, b, why, ours, theirs)
    for a, b, why, ours, theirs in _timeline_conflicts(compared, timeline):
        add(a, b, why, ours, theirs)
    for claim in claims:
        for a, b, why, ours, theirs in _number_conflicts(claim.statements):
            add(a, b, why, ours, theirs)
    for a, b, why, ours, theirs in _name_conflicts(compared, entities):
        add(a, b, why, ours, theirs)
    return [replace(c, conflicts=tuple(dict.fromkeys(found.get(c.id, ())))) for c in claims]


_Found = tuple[Statement, Statement, str, Span, Span]


def date_conflicts(statements: Sequence[Statement], dates_kind: dict[tuple[str, int], str]) -> list[_Found]:
    by_actor: dict[str, list[int]] = defaultdict(list)
    for index, statement in enumerate(statements):
        if statement.dates:
            for actor in statement.actors:
                by_actor[actor].append(index)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for members in by_actor.values():
        if len(members) > 200:
            continue  # an actor named everywhere links nothing
        for i, j in combinations(members, 2):
            if statements[i].doc != statements[j].doc:
                shared[(i, j)] += 1
    found = []
    for (i, j), count in sorted(shared.items()):
        if count < 2:
            continue
        a, b = statements[i], statements[j]
        for kind in _KINDS:
            ours, theirs = _dated_near(a, kind, dates_kind), _dated_near(b, kind, dates_kind)
            if not ours or not theirs:
                continue
            for (value_a, span_a), (value_b, span_b) in _differing(ours, theirs):
                found.append((a, b, f"date: the {kind} is dated {value_a} here and {value_b} there", span_a, span_b))
            break
    return found


def _dated_near(
    statement: Statement, kind: str, dates_kind: dict[tuple[str, int], str]
) -> tuple[tuple[str, Span], ...]:
    """The statement's dates close to a word naming a happening of ``kind``: the date of that
    happening, not of another one the sentence also tells (whose event says it is of another kind)."""
    word = names_kind(statement.text, kind)
    if word is None:
        return ()
    at = statement.span.start + word.start()
    return tuple(
        (value, span)
        for value, span in statement.dates
        if abs(span.start - at) <= _NEAR_CHARS and _may_date(dates_kind.get((statement.doc, span.start)), kind)
    )


def _may_date(event_kind: str | None, kind: str) -> bool:
    """A date may be that of a ``kind`` happening unless its event is of another known kind (an
    event whose word names no known kind, "limited", rules nothing out)."""
    return event_kind is None or event_kind == kind or event_kind not in _KNOWN


def _differing(
    ours: tuple[tuple[str, Span], ...], theirs: tuple[tuple[str, Span], ...]
) -> list[tuple[tuple[str, Span], tuple[str, Span]]]:
    """Date pairs of one granularity that differ, but not by much; none if the two agree anywhere."""
    if {v for v, _ in ours} & {v for v, _ in theirs}:
        return []
    pairs = []
    for mine in ours:
        for other in theirs:
            kind = granularity(mine[0])
            if kind != granularity(other[0]) or kind not in _NEAR_DAYS:
                continue
            first, second = interval(mine[0]), interval(other[0])
            if first and second and abs((first[0] - second[0]).days) <= _NEAR_DAYS[kind]:
                pairs.append((mine, other))
    return pairs[:1]


def _timeline_conflicts(statements: Sequence[Statement], timeline: Sequence[TimelineEntry]) -> list[_Found]:
    def holding(doc: str, span: Span) -> Statement | None:
        return next((s for s in statements if s.doc == doc and s.span.start <= span.start < s.span.end), None)

    found = []
    for entry in timeline:
        if entry.disagreement is None:
            continue
        dated = [r for r in entry.reports if r.value and r.time]
        for first, second in combinations(dated, 2):
            if first.value == second.value or first.doc == second.doc or not (first.time and second.time):
                continue
            a, b = holding(first.doc, first.time), holding(second.doc, second.time)
            if a and b:
                why = f"date: the same {entry.kind} is dated {first.value} here and {second.value} there"
                found.append((a, b, why, first.time, second.time))
    return found


def _number_conflicts(statements: Sequence[Statement]) -> list[_Found]:
    found = []
    for a, b in combinations(statements, 2):
        if a.doc == b.doc:
            continue
        for number_a, unit_a, span_a in a.numbers:
            for number_b, unit_b, span_b in b.numbers:
                if unit_a == unit_b and number_a != number_b:
                    found.append((a, b, f"number: {number_a} {unit_a} here, {number_b} {unit_b} there", span_a, span_b))
    return found


def _name_conflicts(statements: Sequence[Statement], entities: Sequence[Entity]) -> list[_Found]:
    names = {e.id: e.name for e in entities}
    mentioned: dict[str, list[Statement]] = defaultdict(list)
    for statement in statements:
        for actor in statement.actors:
            mentioned[actor].append(statement)
    found = []
    by_id = {e.id: e for e in entities}

    def mention_in(statement: Statement, entity_id: str) -> Span:
        for mention in by_id[entity_id].mentions:
            if mention.doc == statement.doc and statement.span.start <= mention.span.start < statement.span.end:
                return mention.span
        return statement.span

    for entity in entities:
        for link in entity.links:
            if link.relation != "possibly-same" or entity.id > link.target:
                continue
            ours = mentioned.get(entity.id, [])
            theirs = [s for s in mentioned.get(link.target, []) if all(s.doc != o.doc for o in ours)]
            if ours and theirs:
                a, b = ours[0], theirs[0]
                why = f"name: '{names[entity.id]}' here, '{names.get(link.target, link.target)}' there ({link.why})"
                found.append((a, b, why, mention_in(a, entity.id), mention_in(b, link.target)))
    return found
