"""Where the articles disagree: conflicting dates, numbers and names, each with the evidence on
both sides, attached to the claims whose statements disagree.

- **Dates.** Two statements of different sources about the same kind of happening with the same
  actors (at least two in common: "police raids on the camp" / "the camp was raided by police") that
  date it differently, but close enough to be one happening told two ways (a year apart at year
  granularity, a couple of months at month, a few days at day); and the same happening dated
  differently on the timeline.
- **Numbers.** Statements of one claim giving different amounts of the same thing ("14 people",
  "11 people"); and, across claims, head counts of one happening: statements of different sources
  whose count is of the same thing (the same word, or words for those at a gathering: people,
  marchers, protesters) and hangs on a word naming the same kind of happening ("150 people joined
  the march" / "some 400 marchers set off"), by articles published within a few days of each
  other, with dates that agree where both give one, and an actor or a date in common.
  Counts are compared as values ("eleven" is "11") and bounds ("more than 100" agrees with "130").
- **Attribution.** The same words (a direct quotation of at least six words, one containing the
  other) credited to two different people (named speakers the entities type as persons) by
  different sources.
- **Names.** One thing named two ways by different articles: entities the resolution stage linked
  as possibly the same (two spellings of an equipment designation).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from itertools import combinations

from newsdesk.corpus.happenings import KIND_OF, kind_of, kinds_at, names_kind
from newsdesk.model import Claim, Conflict, Document, Entity, Evidence, Quote, Span, Statement, TimelineEntry
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
        found[second].append(Conflict(first, _mirrored(why), Evidence(b.doc, theirs), Evidence(a.doc, ours)))

    for a, b, why, ours, theirs in date_conflicts(compared, dates_kind):
        add(a, b, why, ours, theirs)
    for a, b, why, ours, theirs in _timeline_conflicts(compared, timeline):
        add(a, b, why, ours, theirs)
    for claim in claims:
        for a, b, why, ours, theirs in _number_conflicts(claim.statements):
            add(a, b, why, ours, theirs)
    for a, b, why, ours, theirs in _name_conflicts(compared, entities):
        add(a, b, why, ours, theirs)
    published = {d.id: d.published.date.value for d in documents if d.published is not None}
    for a, b, why, ours, theirs in count_conflicts(compared, published):
        add(a, b, why, ours, theirs)
    for a, b, why, ours, theirs in attribution_conflicts(compared, documents, entities):
        add(a, b, why, ours, theirs)
    # One disagreement found two ways (within a claim and across claims) is told once.
    return [
        replace(
            c, conflicts=tuple({(x.why, x.ours, x.theirs): x for x in reversed(found.get(c.id, []))}.values())[::-1]
        )
        for c in claims
    ]


_Found = tuple[Statement, Statement, str, Span, Span]
# The reasons' two sides, so that the conflict seen from the other statement says "here" of its own.
_SIDES = (
    re.compile(r"^number: (?P<a>.+?) here, (?P<b>.+?) there$"),
    re.compile(r"^date: the (?:same )?\S+ is dated (?P<a>\S+) here and (?P<b>\S+) there$"),
    re.compile(r"^attribution: the same words are credited to (?P<a>.+?) here and to (?P<b>.+?) there$"),
    re.compile(r"^name: '(?P<a>.+?)' here, '(?P<b>.+?)' there"),
)


def _mirrored(why: str) -> str:
    """``why`` told from the other side: "7 people here, 9 people there" becomes the reverse."""
    for pattern in _SIDES:
        found = pattern.match(why)
        if found is not None:
            (start_a, end_a), (start_b, end_b) = found.span("a"), found.span("b")
            return why[:start_a] + found["b"] + why[end_a:start_b] + found["a"] + why[end_b:]
    return why


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
                if unit_a == unit_b and value_of(number_a) != value_of(number_b):
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


# Words for those at a gathering, whoever they are: one count of one crowd. A word of who they are
# ("migrants", "students", "police") counts only itself.
_CROWD = frozenset("people persons participants marchers protesters protestors demonstrators attendees".split())
_COUNT_REACH = 60  # characters between a count and the word naming its happening
_PUBLISHED_DAYS = 4


def _counted(unit: str) -> str:
    return "people" if unit in _CROWD else unit


def _counts(statement: Statement) -> list[tuple[str, str, str, Span]]:
    """(kind, thing counted, number, span): each count the statement gives, with the kind of the
    happening named nearest it (the count of those killed is not that of those evacuated)."""
    named = [(kind, match) for kind, match in kinds_at(statement.text) if kind != "statement"]
    found = []
    for number, unit, span in statement.numbers:
        at = span.start - statement.span.start
        near = [
            (abs(m.start() - at), kind)
            for kind, m in named
            if abs(m.start() - at) <= _COUNT_REACH and not _CLAUSE_BREAK.search(_between(statement.text, at, m))
        ]
        if near:
            found.append((min(near)[1], _counted(unit), number, span))
    return found


# Punctuation between a count and a word of happening puts them in different clauses ("the death toll
# at 11, with 6,000 people in shelters").
_CLAUSE_BREAK = re.compile(r"[,;:()—–]|\s-\s")


def _between(text: str, at: int, word: re.Match[str]) -> str:
    return text[min(at, word.end()) : max(at, word.start())]


def _days_apart(a: str | None, b: str | None) -> int | None:
    first, second = interval(a) if a else None, interval(b) if b else None
    if not first or not second:
        return None
    return abs((first[0] - second[0]).days)


def count_conflicts(statements: Sequence[Statement], published: dict[str, str]) -> list[_Found]:
    """Head counts of one happening that differ across articles (see the module's docstring)."""
    counted = [(s, _counts(s)) for s in statements if s.numbers]
    counted = [(s, c) for s, c in counted if c]
    # Only statements counting one kind of thing can conflict: compared block by block.
    sharing: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, (_, counts) in enumerate(counted):
        for kind, unit in dict.fromkeys((kind, unit) for kind, unit, _, _ in counts):
            sharing[(kind, unit)].append(index)
    pairs = sorted({pair for members in sharing.values() for pair in combinations(members, 2)})
    found = []
    for (a, counts_a), (b, counts_b) in ((counted[i], counted[j]) for i, j in pairs):
        if a.doc == b.doc:
            continue
        apart = _days_apart(published.get(a.doc), published.get(b.doc))
        if apart is None or apart > _PUBLISHED_DAYS:
            continue
        if not set(a.actors) & set(b.actors) and not {v for v, _ in a.dates} & {v for v, _ in b.dates}:
            continue  # nothing shows one happening: no actor, no date in common
        for kind_a, unit_a, number_a, span_a in counts_a:
            for kind_b, unit_b, number_b, span_b in counts_b:
                if kind_a != kind_b or unit_a != unit_b:
                    continue
                if _compatible(_bounds(a, number_a, span_a), _bounds(b, number_b, span_b)):
                    continue
                if not _same_dates(a, b):
                    continue
                why = f"number: {number_a} {unit_a} here, {number_b} {unit_b} there"
                found.append((a, b, why, span_a, span_b))
    return found


_NUMBER_WORDS = {
    word: value
    for value, word in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())
} | {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}


def value_of(number: str) -> float | None:
    """The value of an amount as written: "11", "eleven", "1,200", "a hundred", "2.5 million"."""
    words = number.lower().replace(",", "").split()
    if not words:
        return None
    first = words[0]
    try:
        value = float(first)
    except ValueError:
        if first not in _NUMBER_WORDS:
            return None
        value = float(_NUMBER_WORDS[first])
    for word in words[1:]:
        value *= _SCALES.get(word, 1)
    return value


# "more than 100", "at least 14": a lower bound; "up to 40", "fewer than 20": an upper one.
_LOWER = re.compile(r"\b(?:more than|over|at least|upwards of|in excess of|no fewer than)\s+(?:a\s+)?$", re.I)
_UPPER = re.compile(r"\b(?:fewer than|less than|under|up to|as many as|nearly|almost|at most)\s+(?:a\s+)?$", re.I)


def _bounds(statement: Statement, number: str, span: Span) -> tuple[float, float] | None:
    """The range a count allows: its value, or a half-line for a bound; None if unreadable."""
    value = value_of(number)
    if value is None:
        return None
    before = statement.text[max(0, span.start - statement.span.start - 24) : span.start - statement.span.start]
    if _LOWER.search(before):
        return value, float("inf")
    if _UPPER.search(before):
        return 0.0, value
    return value, value


def _compatible(a: tuple[float, float] | None, b: tuple[float, float] | None) -> bool:
    """Two counts agree when their ranges meet ("more than 100" and "about 130"); an unreadable one
    is never a disagreement."""
    return a is None or b is None or (a[0] <= b[1] and b[0] <= a[1])


def _same_dates(a: Statement, b: Statement) -> bool:
    """Where both statements date the happening, the dates agree."""
    ours = {value for value, _ in a.dates}
    theirs = {value for value, _ in b.dates}
    return not ours or not theirs or bool(ours & theirs)


_LEAST_WORDS = 6


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", text.lower().replace("’", "'")))


def attribution_conflicts(
    statements: Sequence[Statement], documents: Sequence[Document], entities: Sequence[Entity]
) -> list[_Found]:
    """The same quoted words credited to two different named speakers by different articles."""
    entity_of = {(m.doc, m.span.start): e.id for e in entities for m in e.mentions}
    linked = {(e.id, link.target) for e in entities for link in e.links}
    names = {e.id: e.name for e in entities}
    kinds = {e.id: e.type for e in entities}
    quoted: list[tuple[Document, Quote, str, str]] = []
    for document in documents:
        for quote in document.quotes:
            if quote.kind not in ("direct", "partial") or quote.speaker is None or quote.speaker_kind != "named":
                continue
            words = _words(quote.text)
            if len(words.split()) < _LEAST_WORDS:
                continue
            who = entity_of.get((document.id, quote.speaker.start))
            if who is not None and (kinds.get(who) != "PERSON" or len(names.get(who, "").split()) < 2):
                # "ABC Group president Jane Roe": the phrase opens with her employer; a one-word
                # "person" is often a group the tagger mistyped.
                continue
            written = (quote.speaker_text or "").split()
            surname = written[-1:] or [""]
            if who is None and (len(written) < 2 or not all(w[:1].isupper() for w in written)):
                continue  # an unresolved speaker counts only as a full name ("Jane Roe", not "Greeks")
            quoted.append((document, quote, words, who or f"name:{surname[0].lower()}"))
    surnames = {e.id: e.name.split()[-1].lower() for e in entities if e.name.split()}
    holding: dict[str, list[Statement]] = defaultdict(list)
    for statement in statements:
        holding[statement.doc].append(statement)
    found = []
    for i, j in _one_holds_the_other([words for _, _, words, _ in quoted]):
        (doc_a, quote_a, _, who_a), (doc_b, quote_b, _, who_b) = quoted[i], quoted[j]
        if doc_a.id == doc_b.id or who_a == who_b or (who_a, who_b) in linked or (who_b, who_a) in linked:
            continue
        # A speaker the entities missed is known by surname: "Roe" and "Jane Roe" are one person.
        if surnames.get(who_a, who_a.removeprefix("name:")) == surnames.get(who_b, who_b.removeprefix("name:")):
            continue
        a, b = _holding(holding[doc_a.id], quote_a.span), _holding(holding[doc_b.id], quote_b.span)
        if a is None or b is None:
            continue
        why = (
            f"attribution: the same words are credited to {names.get(who_a, quote_a.speaker_text)} here "
            f"and to {names.get(who_b, quote_b.speaker_text)} there"
        )
        found.append((a, b, why, quote_a.speaker or quote_a.span, quote_b.speaker or quote_b.span))
    return found


def _one_holds_the_other(texts: Sequence[str]) -> list[tuple[int, int]]:
    """The pairs ``i < j`` (in order) of texts one of which holds the other, without comparing
    every pair: a text that holds another holds its first ``k`` characters, ``k`` the shortest
    text's length, so each text is looked up by those among the pieces of that length of all."""
    if not texts:
        return []
    k = min(len(text) for text in texts)
    pieces: dict[str, list[int]] = defaultdict(list)
    for j, text in enumerate(texts):
        for piece in {text[p : p + k] for p in range(len(text) - k + 1)}:
            pieces[piece].append(j)
    found = {
        (min(i, j), max(i, j))
        for i, text in enumerate(texts)
        for j in pieces.get(text[:k], ())
        if j != i and text in texts[j]
    }
    return sorted(found)


def _holding(statements: Sequence[Statement], span: Span) -> Statement | None:
    """The first of a document's statements that holds ``span``'s start."""
    return next((s for s in statements if s.span.start <= span.start < s.span.end), None)
