"""Typed relations between named actors, read from the parse with their direction
(``newsdesk.relations.rules.v1``).

A trigger (a verb such as "supplied" or a noun naming the happening such as "capture") gives the
kind; its arguments come from the syntax: the agent is the subject, the ``by`` phrase of a passive
or of a noun ("the capture of X by Y"), or the possessor of the noun ("Y's seizure of X"); the
patient is the object, the passive subject or the noun's ``of`` phrase; a supply's recipient and a
flight's destination are ``to`` phrases; the other side of a meeting or an alliance is a ``with``
phrase, a coordinated subject ("X and Y met") or an apposition ("X's ally Y"). Each argument maps
to the document's mention that covers it (or the name modifying it: "US forces", "Russia's
ministry"); an argument that maps to no actor gives no relation, so that a missing agent is never
guessed from a name that happens to be nearby.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsdesk.model import Event, Mention, Quote, Relation, Span, line_of, stripped
from newsdesk.nlp.arguments import Arguments, Frame, frame, modality
from newsdesk.nlp.events import EVENT_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

EXTRACTOR = "newsdesk.relations.rules.v1"

ALLIANCE = "alliance or partnership"
SUPPLY = "arms or equipment supplied"
CAPTURE = "toppled or captured"
FLED = "fled to"
MET = "met with"
CONDEMNED = "condemned"
KINDS = (ALLIANCE, SUPPLY, CAPTURE, FLED, MET, CONDEMNED)
SYMMETRIC = frozenset({ALLIANCE, MET})


def _lexicon(entries: dict[str, str]) -> dict[str, str]:
    return {word: kind for kind, words in entries.items() for word in words.split()}


_VERBS = _lexicon(
    {
        ALLIANCE: "ally partner",
        SUPPLY: "supply deliver sell transfer provide send ship give arm export",
        CAPTURE: "topple oust overthrow depose capture seize abduct detain arrest kidnap snatch remove drag spirit "
        "extract grab haul whisk cart hustle",
        FLED: "flee escape",
        MET: "meet",
        # Condemnation, not any criticism: "criticised" is a milder word for a different tie.
        CONDEMNED: "condemn denounce lambast slam decry deplore censure",
    }
)
_NOUNS = _lexicon(
    {
        ALLIANCE: "alliance ally partnership partner pact treaty agreement accord",
        SUPPLY: "supply delivery sale transfer shipment",
        CAPTURE: "capture seizure abduction detention arrest kidnapping ouster overthrow toppling removal extraction",
        FLED: "flight escape",
        MET: "meeting summit talks",
        CONDEMNED: "condemnation denunciation",
    }
)
# "hauled off", "dragged away", "whisked away": verbs of moving somebody take them only with a particle of removal.
_REMOVAL = {"out", "away", "off"}
_WITH_PARTICLE = {verb: _REMOVAL for verb in ("drag", "spirit", "grab", "haul", "whisk", "cart", "hustle")}
# Allies as people (an apposition names them), alliances as agreements (parties on both sides).
_ALLY_NOUNS = frozenset({"ally", "allies", "partner", "partners"})
_EQUIPMENT = frozenset(
    """
    weapon weapons arms missile missiles rocket rockets system systems jet jets fighter fighters aircraft plane
    planes helicopter helicopters tank tanks drone drones radar radars rifle rifles gun guns ammunition munition
    munitions shell shells artillery equipment hardware vehicle vehicles launcher launchers warship warships
    submarine submarines interceptor interceptors bomb bombs howitzer howitzers
    """.split()
)
_FIRM_PARTNERS = frozenset("executive senior managing business junior founding equity trading life".split())
_MILITARY_AID = frozenset({"aid", "assistance", "support", "help"})
# Nouns that name what somebody did, so that condemning it condemns whoever did it.
_DEEDS = EVENT_NOUNS | frozenset(
    "action actions aggression intervention move moves decision policy policies behaviour behavior conduct "
    "imperialism interference occupation annexation bombardment crackdown".split()
)
_ACTORS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_PLACES = frozenset({"GPE", "LOC", "FAC"})
# The tagger takes a person for an organisation now and then (a surname standing alone); the story's
# entity type, voted over all mentions, decides at the corpus stage.
_LEADERS = frozenset({"PERSON", "ORG"})
# A conjunction of more names than this is a list, not the parties to one tie.
_MAX_PARTIES = 6


def find_relations(
    parsed: Doc,
    text: str,
    mentions: Sequence[Mention],
    events: Sequence[Event] = (),
    quotes: Sequence[Quote] = (),
) -> tuple[Relation, ...]:
    """Every relation whose trigger and both arguments the parse gives, in text order, once per
    kind, pair and sentence."""
    arguments = Arguments(parsed, mentions)
    dated = {event.trigger.start: event.time for event in events}
    found: dict[tuple[str, Span, Span, Span], Relation] = {}
    for token in parsed:
        kind = _kind(token, arguments)
        if kind is None:
            continue
        parts = frame(token, arguments, undergoer_possessor=kind == CAPTURE)
        pairs = _pairs(kind, token, parts, arguments)
        if not pairs:
            continue
        sentence = token.sent
        line = line_of(text, token.idx)
        span = stripped(text, max(sentence.start_char, line.start), min(sentence.end_char, line.end))
        mood = modality(token, parts, quotes)
        time = _time(token, parts, dated)
        for source, target in pairs:
            # A parse run over a line break (a headline and the first sentence) can reach an
            # argument outside the evidence: the sentence must hold both.
            if _overlaps(source, target) or not _within(source, span) or not _within(target, span):
                continue
            if kind in SYMMETRIC and target.start < source.start:
                source, target = target, source
            key = (kind, source, target, span)
            found.setdefault(
                key,
                Relation(
                    span=span,
                    kind=kind,
                    source=source,
                    target=target,
                    trigger=Span(token.idx, token.idx + len(token.text)),
                    trigger_text=token.text,
                    directed=kind not in SYMMETRIC,
                    modality=mood,
                    time=time,
                    extractor=EXTRACTOR,
                ),
            )
    return tuple(sorted(found.values(), key=lambda r: (r.trigger.start, r.source.start, r.target.start)))


def _kind(token: Token, arguments: Arguments) -> str | None:
    # The word first (a look-up), then what rules a trigger word out (its mention, its modifiers):
    # most tokens are no trigger word at all.
    lemma = token.lemma_.lower()
    kind: str | None = None
    if token.pos_ == "VERB":
        kind = _VERBS.get(lemma)
        particles = _WITH_PARTICLE.get(lemma)
        if particles is not None and not any(c.lower_ in particles for c in token.children):
            return None
    elif token.pos_ == "NOUN" and not (lemma == "talk" and token.lower_ != "talks"):  # "a talk" is a lecture
        kind = _NOUNS.get(lemma) or _NOUNS.get(token.lower_)
    if kind is None or arguments.mention(token) is not None:  # "Arrest" in a name, "Partner" in a company's
        return None
    if any(c.lower_ in _FIRM_PARTNERS for c in token.children if c.dep_ in ("amod", "compound")):
        return None  # "executive partner of a law firm"
    return kind


def _pairs(kind: str, trigger: Token, parts: Frame, arguments: Arguments) -> list[tuple[Span, Span]]:
    """(source, target) mention spans: agent and patient, supplier and recipient, the two sides."""
    if kind == CAPTURE:
        return _product(arguments.actors(parts.agents), arguments.actors(parts.patients, _LEADERS))
    if kind == FLED:
        # A noun's possessor flees ("the king's flight"), not a modifier ("an Aeroflot flight").
        fleeing = parts.possessors if trigger.pos_ == "NOUN" else parts.subjects
        return _product(arguments.actors(fleeing, _LEADERS), arguments.actors(parts.prep("to"), _PLACES))
    if kind == SUPPLY:
        if trigger.lemma_.lower() != "arm" and not any(_equipment(theme) for theme in parts.themes):
            return []
        return _product(arguments.actors(parts.agents), arguments.actors(parts.recipients))
    if kind == CONDEMNED:
        condemned = [span for patient in parts.patients for span in _doer(patient, arguments)]
        return _product(arguments.actors(parts.agents), condemned)
    return _sides(kind, trigger, parts, arguments)


def _sides(kind: str, trigger: Token, parts: Frame, arguments: Arguments) -> list[tuple[Span, Span]]:
    """The two sides of a meeting or an alliance: "X met (with) Y", "X and Y met", "X's meeting
    with Y", "a pact between X and Y", "X's ally Y", "Y, X's closest ally", "Y is X's ally"."""
    first = arguments.actors(parts.agents)
    if trigger.pos_ == "NOUN" and (trigger.lower_ in _ALLY_NOUNS or trigger.lemma_.lower() in _ALLY_NOUNS):
        return _product(first, arguments.actors(parts.allies))
    other = arguments.actors([*parts.patients, *parts.prep("with")])
    between = arguments.actors(parts.prep("between"))
    if other:
        return _product(first, other)
    group = first if len(first) >= 2 else between
    if 2 <= len(group) <= _MAX_PARTIES:
        return [(a, b) for i, a in enumerate(group) for b in group[i + 1 :]]
    return []


def _doer(patient: Token, arguments: Arguments) -> list[Span]:
    """What a condemnation condemns, as an actor: the actor itself ("condemned Washington"), or
    whoever did the deed condemned ("condemned the Freedonian raids", "the arrest of X by the police");
    a deed without a named doer ("condemned the capture of X") gives nobody."""
    own = arguments.actors([patient])
    if arguments.mention(patient) is not None or patient.pos_ == "PRON":
        return own
    lemma = patient.lemma_.lower()
    if lemma in _DEEDS or patient.lower_ in _DEEDS or lemma in _NOUNS:
        deed = frame(patient, arguments, undergoer_possessor=_NOUNS.get(lemma) == CAPTURE)
        return arguments.actors(deed.agents)
    return own


def _equipment(theme: Token) -> bool:
    for token in theme.subtree:
        word = token.lower_
        if word in _EQUIPMENT or token.lemma_.lower() in _EQUIPMENT or token.ent_type_ == "PRODUCT":
            return True
        if word in _MILITARY_AID and any(c.lower_ in ("military", "defence", "defense") for c in token.children):
            return True
    return False


def _time(trigger: Token, parts: Frame, dated: dict[int, Span]) -> Span | None:
    """The date the events stage gave the trigger, or the light verb naming it with its object
    ("signed the pact in May"); not a governing verb's, which dates another happening."""
    if trigger.idx in dated:
        return dated[trigger.idx]
    if parts.light is not None:
        return dated.get(parts.light.idx)
    return None


def _product(sources: list[Span], targets: list[Span]) -> list[tuple[Span, Span]]:
    return [(s, t) for s in sources[:_MAX_PARTIES] for t in targets[:_MAX_PARTIES] if s != t]


def _within(part: Span, whole: Span) -> bool:
    return whole.start <= part.start and part.end <= whole.end


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end
