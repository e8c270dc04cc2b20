"""Whether two statements say the same thing: the checks every merge into one claim must pass,
and the grouping that keeps a claim to statements that each say it.

Lexical similarity only proposes a pair (it is how candidates are found); the pair is accepted
when the two propositions agree on what the claim is:
- a view (content attributed to somebody) and a fact (an outlet's own statement) are one claim
  only with the same predicate; two views only with the same predicate as well, so different
  views of different people are never one claim, whatever words they share;
- the same predicate, or two of one class of newsroom paraphrases ("seize" and "capture");
  a generic predicate ("be", "have", "make") needs a shared object or complement as well;
- subjects that can be the same actor: two named subjects share an entity (or what it stands
  for), two unnamed ones share their head word; a pronoun is compatible with anything, but the
  two must share something they are about: a subject or an object or complement;
- compatible dates (a statement of May 2025 and one of 2013 tell two things), though amounts
  may differ (the claim then shows the disagreement);
- the same modality ("may" is not "did") and the same polarity: the same proposition with
  opposite polarity is no merge but a contradiction between the two (``OPPOSITE``).
Reports that the timeline stage has already found to tell one dated happening pass the predicate
check when their predicates name one kind of happening ("detained", "raid"), not the others.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import Enum

from newsdesk.corpus.concepts import concept_of
from newsdesk.corpus.happenings import kind_of
from newsdesk.model import ClaimKind, Entity, Modality, Polarity, Span, Statement
from newsdesk.nlp.cues import SPEECH_VERBS

# Predicates that say little alone: their object or complement says what the claim is. A verb of
# saying is one: two people who "testified" or "said" say the same only if they say one thing.
GENERIC = frozenset(
    {"be", "have", "do", "make", "get", "take", "give", "go", "come", "become", "remain", "seem"}
) | SPEECH_VERBS | frozenset({"testify", "show", "find"})
# A generic predicate and a specific one tell one thing only in words this similar.
OTHER_PREDICATE = 0.5
# Pronouns that stand for a thing named elsewhere; a reflexive ("herself") says whom, and counts.
_PERSONAL = frozenset({"him", "her", "them", "us", "me", "its", "his", "their"})
# Words that make a clause possible rather than say what it is about ("is unlikely to").
_HEDGES = frozenset({"likely", "unlikely", "possible", "impossible", "probable", "certain", "able", "unable"})
_PRONOUNS = frozenset(
    {"i", "you", "he", "she", "it", "we", "they", "this", "that", "these", "those", "who", "which", "one", "some"}
)


class Verdict(Enum):
    SAME = "same"
    DIFFERENT = "different"
    OPPOSITE = "opposite"  # the same proposition, one affirmed and one negated


@dataclass(frozen=True, slots=True)
class Reading:
    """What the checks compare of one statement."""

    kind: ClaimKind
    lemma: str | None
    predicate_class: str | None
    polarity: Polarity
    modality: Modality
    subject_actors: frozenset[str]  # entity ids named in the subject, with what they stand for
    subject_heads: frozenset[str]  # head lemmas of unnamed, non-pronoun subjects
    complements: frozenset[str]  # head lemmas of objects and complements
    dates: frozenset[str] = frozenset()  # the TimeML values of its dates
    subject_core: frozenset[str] = frozenset()  # the actors the subject names, each as what it stands for
    object_core: frozenset[str] = frozenset()  # the same for its objects
    objects: frozenset[str] = frozenset()  # head lemmas of its objects (not pronouns that stand for one)


def reading_of(
    statement: Statement,
    at: dict[tuple[str, int], Entity],
    stands: dict[str, list[str]],
    outlets: frozenset[str] = frozenset(),
    text: str = "",
) -> Reading:
    """What the checks compare of ``statement``; content held by one of ``outlets`` (lowercased
    names: the article's own, or one it relays) is reported fact, not somebody's view. ``text``
    is the statement's document text (to tell a possessor from the subject itself)."""
    proposition = statement.proposition
    holder = proposition.holder_text if proposition is not None else None
    attributed = (statement.speaker is not None or (proposition is not None and proposition.cue is not None)) and (
        (holder or "").lower().removeprefix("the ") not in outlets
    )
    kind = ClaimKind.VIEW if attributed else ClaimKind.FACT
    if proposition is None:
        return Reading(kind, None, None, Polarity.AFFIRMED, Modality.ASSERTED, frozenset(), frozenset(), frozenset())
    actors: set[str] = set()
    heads: set[str] = set()
    complements: set[str] = set()
    objects: set[str] = set()
    core: dict[str, set[str]] = {"subject": set(), "object": set()}
    for argument in proposition.arguments:
        named = _named(statement.doc, argument.span, at, text) if argument.role in core else set()
        if argument.role in core:
            core[argument.role] |= {next(iter(stands.get(actor, ())), actor) for actor in named}
        if argument.role == "subject":
            if named:
                actors |= named | {target for actor in named for target in stands.get(actor, ())}
            elif argument.head not in _PRONOUNS:
                heads.add(argument.head)
        elif argument.role in ("object", "complement") and argument.head not in _HEDGES:
            complements.add(argument.head)
            if argument.role == "object" and argument.head not in _PRONOUNS | _PERSONAL:
                objects.add(argument.head)
    lemma = proposition.lemma
    return Reading(
        kind=kind,
        lemma=lemma,
        predicate_class=concept_of(lemma.split()[0]),
        polarity=proposition.polarity,
        modality=proposition.modality,
        subject_actors=frozenset(actors),
        subject_heads=frozenset(heads),
        complements=frozenset(complements),
        dates=frozenset(value for value, _ in statement.dates),
        subject_core=frozenset(core["subject"]),
        object_core=frozenset(core["object"]),
        objects=frozenset(objects),
    )


def _named(doc: str, span: Span, at: dict[tuple[str, int], Entity], text: str) -> set[str]:
    """The entities a subject phrase names, without possessors: "X's brother" is not X."""
    found: set[str] = set()
    position = span.start
    while position < span.end:
        entity = at.get((doc, position))
        if entity is None:
            position += 1
            continue
        end = position
        while end < span.end and at.get((doc, end)) is entity:
            end += 1
        if text[end : end + 1] not in ("'", "’"):
            found.add(entity.id)
        position = end
    return found


def verify(a: Reading, b: Reading, similarity: float, same_happening: bool = False) -> Verdict:
    """Whether statements read as ``a`` and ``b``, proposed by their words (``similarity``, the
    cosine of their terms) or as reports of one timeline happening, say the same thing."""
    if a.lemma is None or b.lemma is None:
        # A statement stored without its proposition: only its words were compared.
        return Verdict.SAME if a.kind is b.kind else Verdict.DIFFERENT
    if not _compatible_subjects(a, b) or a.modality is not b.modality or not _compatible_dates(a, b):
        return Verdict.DIFFERENT
    same_predicate = _same_predicate(a, b)
    # The timeline matched reports of one happening by date and actors: their predicates must
    # still name one kind of happening ("detained" and "raid", not "closed" and "inspected").
    one_kind = same_happening and kind_of(a.lemma) == kind_of(b.lemma)
    # Two specific predicates that differ tell two things however alike the rest ("inspected the
    # bridge", "closed the bridge"); a generic one ("was a blow", "dealt a blow") may match a
    # specific one on its complement, in words this similar.
    reworded = (
        (a.lemma in GENERIC or b.lemma in GENERIC)
        and _shared(a.complements, b.complements)
        and similarity >= OTHER_PREDICATE
    )
    if not (one_kind or same_predicate or reworded):
        return Verdict.DIFFERENT
    if a.kind is not b.kind and not same_predicate:
        # What one outlet states and another attributes to somebody is one claim only when both
        # say it with one predicate; the claim is then a fact that outlet states, held by them too.
        return Verdict.DIFFERENT
    if a.objects and b.objects and not _shared(a.objects, b.objects) and not one_kind:
        return Verdict.DIFFERENT  # "protect the pupils" is not "shield herself", one class of verb or not
    if a.complements and b.complements and not _shared(a.complements, b.complements) and not one_kind:
        return Verdict.DIFFERENT  # "provided loans" is not "provided a source of pride"
    if a.kind is ClaimKind.VIEW and not same_predicate:
        return Verdict.DIFFERENT  # two views are one only when they say the same of the same
    if not one_kind and not _anchored(a, b):
        return Verdict.DIFFERENT  # one predicate of two unknown subjects ("it places", "placed")
    if (a.lemma in GENERIC or b.lemma in GENERIC) and not _same_subject(a, b):
        return Verdict.DIFFERENT  # "X is important" and "Y is important" say two things
    if a.polarity is not b.polarity:
        return Verdict.OPPOSITE if same_predicate else Verdict.DIFFERENT
    return Verdict.SAME


def _same_subject(a: Reading, b: Reading) -> bool:
    return bool(a.subject_actors & b.subject_actors or a.subject_heads & b.subject_heads)


def _anchored(a: Reading, b: Reading) -> bool:
    """Whether the two share what they are about: a subject (an actor, or an unnamed subject's
    head word) or an object or complement."""
    return _same_subject(a, b) or _shared(a.complements, b.complements)


def _compatible_dates(a: Reading, b: Reading) -> bool:
    """Dated both, they share a date or one holds the other ("2025-05" and "2025-05-12"); a
    statement without a date fits any."""
    if not a.dates or not b.dates:
        return True
    return any(x.startswith(y) or y.startswith(x) for x in a.dates for y in b.dates)


def _shared(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two sets of head lemmas share one, or one class of paraphrases."""
    if a & b:
        return True
    classes = {concept_of(word) for word in a} - {None}
    return bool(classes & {concept_of(word) for word in b})


def _same_predicate(a: Reading, b: Reading) -> bool:
    same = a.lemma == b.lemma or (a.predicate_class is not None and a.predicate_class == b.predicate_class)
    if not same:
        return False
    if a.lemma in GENERIC or b.lemma in GENERIC:
        return _shared(a.complements, b.complements)
    return True


def _nested(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two sets of named actors that can name one group: either holds the other ("X and Y were
    arrested" and "Y was arrested"), not two that each name somebody the other does not."""
    return not a or not b or a <= b or b <= a


def _compatible_subjects(a: Reading, b: Reading) -> bool:
    if not _nested(a.subject_core, b.subject_core) or not _nested(a.object_core, b.object_core):
        return False
    if a.subject_actors and b.subject_actors:
        return bool(a.subject_actors & b.subject_actors)
    if a.subject_heads and b.subject_heads and not (a.subject_actors or b.subject_actors):
        return bool(a.subject_heads & b.subject_heads)
    return True  # a pronoun, or a named actor and a common noun ("officials") that may stand for it


def complete_link(
    n: int,
    pairs: Sequence[tuple[int, int, float]],
    groups: Sequence[str],
    joined: Collection[tuple[int, int]] = (),
) -> list[list[int]]:
    """Group items ``0..n-1`` so that every two members of a group from different ``groups``
    (articles) form an accepted pair, and no group holds two items of one article unless a pair
    of ``joined`` (an analyst's merge) says so: the strongest pairs first. Items of no pair stay
    alone. Groups come out sorted by their first member, members ascending."""
    accepted = {(min(i, j), max(i, j)) for i, j, _ in pairs}
    known = {(min(i, j), max(i, j)) for i, j in joined}
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for i, j, _ in sorted(pairs, key=lambda p: (-p[2], min(p[0], p[1]), max(p[0], p[1]))):
        first, second = group_of[i], group_of[j]
        if first == second:
            continue
        ours, theirs = members[first], members[second]
        same_article = {(x, y) for x in ours for y in theirs if groups[x] == groups[y]}
        if any((min(x, y), max(x, y)) not in known for x, y in same_article):
            continue
        if all((min(x, y), max(x, y)) in accepted for x in ours for y in theirs if groups[x] != groups[y]):
            ours.extend(theirs)
            for k in theirs:
                group_of[k] = first
            del members[second]
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])
