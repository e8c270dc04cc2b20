"""Dated events: for each date in an article, the happening it dates, who takes part, and how
sure the text is that it happened (``newsdesk.events.rules.v1``).

A date attaches to the word it modifies in the parse: a verb ("pleaded ... on January 5"), or a
noun that names a happening ("the raid on March 9", "their spring summit"). The participants
are the names in that word's clause, not in clauses of their own hanging off it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsdesk.intervals import holding
from newsdesk.model import Event, Mention, Quote, Span, TimeExpression, TimeHow, TimeType, line_of, stripped
from newsdesk.nlp.propositions import HABITUAL
from newsdesk.nlp.themes import (
    ACTOR,
    FALLING,
    HELD_BY_LEGISLATURE,
    LEGISLATURE,
    LEGISLATURES,
    RULERS,
    TRANSFER_VERBS,
    theme_classes,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

EXTRACTOR = "newsdesk.events.rules.v1"

# Nouns that name a happening, so that a date attached to them dates that happening.
EVENT_NOUNS = frozenset(
    """
    raid attack strike strikes bombing invasion offensive operation war battle assault coup uprising
    capture seizure arrest detention abduction kidnapping extraction killing assassination death
    summit meeting talks visit trip call conversation negotiation negotiations
    election vote referendum ballot inauguration resignation appointment
    agreement deal pact treaty accord ceasefire truce partnership alliance
    statement speech announcement address interview remarks comment comments declaration
    hearing trial verdict sentence indictment charge charges ruling
    protest protests demonstration rally strike crash collapse explosion fire flood earthquake
    flight escape departure arrival return fall ouster overthrow takeover
    launch release publication report sale purchase delivery deliveries transfer test
    """.split()
)
_LIGHT_VERBS = frozenset(
    "carry conduct launch hold stage make take mount undergo suffer face subject hit give begin start".split()
)
_IDIOMS = frozenset({("give", "way"), ("take", "place"), ("take", "power"), ("come", "power"), ("take", "office")})
_PARTICIPANT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT"})
# Clauses hanging off the trigger that are happenings of their own.
_OWN_CLAUSES = frozenset({"ccomp", "advcl", "conj", "parataxis", "csubj"})
_REPORTING = frozenset(
    "say tell claim report allege believe think suggest argue insist assert write note add warn accuse".split()
)
_CLAIM_NOUNS = frozenset({"claim", "allegation", "report", "assertion", "accusation", "belief", "rumour", "rumor"})
_HYPOTHETICAL = frozenset({"may", "might", "could", "would", "should"})
_FUTURE = frozenset({"will", "shall", "'ll"})
_SCHEDULING = frozenset({"schedule", "plan", "expect", "due", "set", "slate"})
_NEGATIONS = frozenset({"not", "n't", "never", "no"})


def find_events(
    parsed: Doc,
    text: str,
    mentions: Sequence[Mention],
    times: Sequence[TimeExpression],
    quotes: Sequence[Quote] = (),
) -> tuple[Event, ...]:
    """One event per date (a range's two ends date one event), in text order. The speaker the
    quote stage found for a cue in the trigger's clause ("he said", resolved) takes part too."""
    range_ends = {time.range_to for time in times if time.range_to is not None}
    # One date per happening: of several dates hung on one word ("two years ago - in June
    # 2025 - they met"), the one nearest it in the parse, explicit before relative.
    chosen: dict[int, tuple[tuple[int, int], TimeExpression, Token]] = {}
    for time in times:
        if time.type not in (TimeType.DATE, TimeType.TIME) or time.span in range_ends:
            continue
        tokens = parsed.char_span(time.span.start, time.span.end, alignment_mode="expand")
        if tokens is None or len(tokens) == 0:
            continue
        found_trigger = _trigger(tokens.root, tokens.start, tokens.end)
        if found_trigger is None:
            continue
        trigger, steps = found_trigger
        trigger = _named_by_object(_past_copula(trigger, tokens.start))
        rank = (steps, 0 if time.how is TimeHow.EXPLICIT else 1)
        if trigger.i not in chosen or rank < chosen[trigger.i][0]:
            chosen[trigger.i] = (rank, time, trigger)
    found: list[Event] = []
    for _, time, trigger in sorted(chosen.values(), key=lambda item: item[1].span.start):
        sentence = trigger.sent
        # A sentence the parser ran over a paragraph break ends at the break.
        line = line_of(text, trigger.idx)
        found.append(
            Event(
                span=stripped(text, max(sentence.start_char, line.start), min(sentence.end_char, line.end)),
                trigger=Span(trigger.idx, trigger.idx + len(trigger.text)),
                trigger_text=trigger.text,
                lemma=_lemma(trigger),
                time=time.span,
                participants=_participants(trigger, mentions, time.span, quotes),
                modality=_modality(trigger, time),
                extractor=EXTRACTOR,
            )
        )
    return tuple(found)


def _trigger(root: Token, first: int, last: int) -> tuple[Token, int] | None:
    """The verb, or the noun naming a happening, that the date modifies, and how many steps
    up the parse it is. A date describing a thing ("a 19th-century-style world") dates nothing."""
    if root.dep_ in ("amod", "compound", "nmod") and root.head.pos_ == "NOUN" and not _names_event(root.head):
        return None
    token = root
    for step in range(1, 13):
        if token.head.i == token.i:
            return (token, step) if token.pos_ in ("VERB", "AUX") else None
        token = token.head
        if first <= token.i < last:
            continue
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ == "ROOT"):
            return token, step
        if token.pos_ in ("NOUN", "PROPN") and _names_event(token):
            return token, step
    return None


def _lemma(trigger: Token) -> str:
    """The trigger's lemma, with the object of an idiom that changes its meaning ("gave way"), and
    with the class of the argument its kind depends on (``happenings.kind_of`` reads it): the
    theme of a transfer ("provided testimony"), an actor as what falls ("the government fell"),
    a legislature as who holds a hearing."""
    lemma = trigger.lemma_.lower() or trigger.lower_
    following = trigger.doc[trigger.i + 1 : trigger.i + 3]  # "gave way", "came to power"
    for word in [child.lower_ for child in trigger.children] + [token.lower_ for token in following]:
        if (lemma, word) in _IDIOMS:
            lemma = f"{lemma} {word}"
            break
    argument = _argument_class(trigger, lemma)
    return f"{lemma} {argument}" if argument else lemma


def _argument_class(trigger: Token, lemma: str) -> str | None:
    if trigger.pos_ == "VERB" and lemma in TRANSFER_VERBS:
        theme = _theme(trigger)
        if theme is not None and theme.lemma_.lower() in theme_classes():
            return theme.lemma_.lower()
    if lemma in FALLING:
        undergoer = _undergoer(trigger)
        if undergoer is not None and _is_actor(undergoer):
            return ACTOR
    if lemma in HELD_BY_LEGISLATURE and _held_by_legislature(trigger):
        return LEGISLATURE
    return None


def _theme(verb: Token) -> Token | None:
    """What a transfer verb hands over: its object, or the ``with`` object when the object is the
    recipient ("provided the committee with testimony")."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    with_objects = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children]
    with_objects = [g for g in with_objects if g.dep_ == "pobj"]
    if with_objects and objects:
        return with_objects[0]
    return objects[0] if objects else None


def _undergoer(trigger: Token) -> Token | None:
    """What falls: a verb's subject ("the dam gave way"), a noun's ``of`` phrase or possessor
    ("the collapse of the coalition", "the regime's fall")."""
    if trigger.pos_ in ("VERB", "AUX"):
        found = [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")]
        return found[0] if found else None
    for child in trigger.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _is_actor(token: Token) -> bool:
    """A person, organisation or government, by its name or by a noun for one."""
    if token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    return token.lemma_.lower() in RULERS or token.lower_ in ("he", "she", "they")


def _held_by_legislature(noun: Token) -> bool:
    """ "a committee hearing", "a hearing of the Senate panel", "the committee said it would hold a
    hearing": the words around the noun, and the subject of the verb that holds it, name a
    legislature (a pronoun subject stands for the subject of the verb of saying above it)."""
    near = [c for c in noun.children if c.dep_ in ("compound", "amod", "poss")]
    near += [g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "by", "before") for g in c.subtree]
    holder = noun.head if noun.dep_ in ("dobj", "nsubjpass") else None
    for _ in range(3):
        if holder is None:
            break
        subjects = [c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")]
        near += [t for s in subjects for t in s.subtree]
        if subjects and subjects[0].pos_ != "PRON":
            break
        holder = holder.head if holder.dep_ in ("ccomp", "xcomp", "conj") else None
    return any(t.lemma_.lower() in LEGISLATURES or t.lower_ in LEGISLATURES for t in near)


def _names_event(token: Token) -> bool:
    return token.lower_ in EVENT_NOUNS or token.lemma_.lower() in EVENT_NOUNS


def _past_copula(trigger: Token, time_start: int) -> Token:
    """ "That was the plan for the invasion in 2022": a date the parse hung on "be" or "have"
    dates the happening named just before it, when a noun between them names one."""
    if trigger.lemma_ not in ("be", "have") or trigger.i >= time_start:
        return trigger
    for token in reversed(trigger.doc[trigger.i + 1 : time_start]):
        if token.pos_ == "NOUN" and _names_event(token):
            return token
    return trigger


def _named_by_object(verb: Token) -> Token:
    """A light verb is named by its object: "carried out an operation" is an operation,
    "was subjected to bombings" is a bombing."""
    if verb.lemma_.lower() not in _LIGHT_VERBS:
        return verb
    for child in verb.children:
        candidates = [child] if child.dep_ in ("dobj", "nsubjpass", "attr") else []
        if child.dep_ in ("prep", "agent", "dative"):
            candidates = [grand for grand in child.children if grand.dep_ == "pobj"]
        for noun in candidates:
            if _names_event(noun):
                return noun
    return verb


def _participants(trigger: Token, mentions: Sequence[Mention], time: Span, quotes: Sequence[Quote]) -> tuple[Span, ...]:
    """The names in the trigger's own clause (its subject, objects, and their modifiers)."""
    excluded: list[tuple[int, int]] = []
    said_by_subject: list[tuple[int, int]] = []  # "X echoed ... and said ...": X said it
    for child in trigger.children:
        if child.dep_ in _OWN_CLAUSES and child.pos_ in ("VERB", "AUX"):
            edges = (child.left_edge.idx, child.right_edge.idx + len(child.right_edge.text))
            (said_by_subject if child.dep_ == "conj" else excluded).append(edges)
    excluded += said_by_subject
    start = trigger.left_edge.idx
    end = trigger.right_edge.idx + len(trigger.right_edge.text)
    # A subject the parse hung on an auxiliary or a governing verb still takes part.
    subjects = [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")]
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "pobj") and trigger.head.pos_ == "VERB":
        subjects += [c for c in trigger.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    # "arrested and charged": the second verb shares the first one's subject; "who was arrested":
    # the relative clause's subject is the noun it describes.
    clause = trigger
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
        subjects += [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    for subject in subjects:
        start = min(start, subject.left_edge.idx)
    described = clause.head if clause.dep_ in ("relcl", "acl") else None
    chosen: list[Span] = []
    if described is not None:
        chosen += [m.span for m in holding(mentions, described.idx) if m.label in _PARTICIPANT_LABELS]
    # Only the mentions that start inside the clause (by bisection: mentions are sorted by start),
    # so that a long article's many triggers do not each scan every mention.
    first = bisect_left(mentions, start, key=lambda m: m.span.start)
    last = bisect_left(mentions, end, key=lambda m: m.span.start)
    for mention in mentions[first:last]:
        if mention.label not in _PARTICIPANT_LABELS:
            continue
        if not (start <= mention.span.start and mention.span.end <= end):
            continue
        if any(s <= mention.span.start < e for s, e in excluded) or _overlaps(mention.span, time):
            continue
        chosen.append(mention.span)
    own = [edges for edges in excluded if edges not in said_by_subject]
    for quote in quotes:
        if quote.cue and quote.speaker and start <= quote.cue.start < end:
            if not any(s <= quote.cue.start < e for s, e in own):
                chosen.append(quote.speaker)
    return tuple(sorted(set(chosen), key=lambda span: span.start))


def _modality(trigger: Token, time: TimeExpression) -> str:
    lemmas = {child.lower_ for child in trigger.children if child.dep_ in ("aux", "auxpass", "neg", "advmod")}
    if lemmas & _NEGATIONS:
        return "negated"
    if lemmas & HABITUAL:
        return "habitual"  # "has often broken down since 2019": a habit, not a dated happening
    if lemmas & _FUTURE or trigger.lemma_ in _SCHEDULING or time.tense == "future":
        return "scheduled"
    if lemmas & _HYPOTHETICAL or any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in trigger.children):
        return "hypothetical"
    # Inside what somebody says or claims ("said that ...", "the mayor's claim that ..."): reported.
    clause = trigger
    for _ in range(8):
        if clause.head.i == clause.i:
            break
        if clause.dep_ in ("ccomp", "acl", "xcomp") and clause.head.lemma_.lower() in _REPORTING | _CLAIM_NOUNS:
            return "reported"
        clause = clause.head
    return "happened"


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end
