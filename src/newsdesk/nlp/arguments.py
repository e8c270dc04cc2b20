"""Who did what to whom, from the parse: the arguments of a verb or of a noun naming a happening,
and the named mentions they stand for (``newsdesk.nlp.relations`` reads relations off them).

The parser's mistakes that matter here are handled where they are common: a ``by`` phrase hung on
the verb that governs the noun it belongs to ("condemned the capture of X by Y"), a subject left
to a coordinated, controlling or adverbial verb ("was arrested and charged", "asked her to
sign", "began the raid to arrest X"), and relative pronouns hung on the wrong noun.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsdesk.model import Mention, Quote, Span
from newsdesk.nlp.cues import SPEECH_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Verbs whose object names the happening and whose subject does it: "signed a pact", "held talks",
# "carried out the capture", "planned the kidnapping".
LIGHT_VERBS = frozenset(
    """
    sign conclude seal forge form strike reach agree hold have host attend enter carry conduct plan order
    launch attempt complete execute stage mount lead organize organise approve authorize authorise orchestrate
    mastermind arrange negotiate renew extend
    """.split()
)
# Nouns for those who act for a named actor ("US forces", "Russia's foreign ministry", "the
# government of X"); not nouns of a relation to it ("Freedonia's ally", "the mayor's adviser").
_ACTING_FOR = frozenset(
    """
    government regime ministry minister officials official forces force troops military army navy authorities
    administration leadership commandos soldiers agents police services president leader side state embassy
    diplomats diplomacy intelligence spokesman spokeswoman spokesperson
    """.split()
)
_NAME_MODIFIERS = frozenset({"compound", "nmod", "amod", "npadvmod"})
_ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_PERSONAL = frozenset({"he", "him", "his", "she", "her"})
_IMPERSONAL = frozenset({"it", "its"})
_PLURAL = frozenset({"they", "them", "their"})
_RELATIVE = frozenset({"who", "whom", "whose", "which", "that"})
_HYPOTHETICAL = frozenset({"may", "might", "could", "would", "should", "can"})
_FUTURE = frozenset({"will", "shall", "'ll"})
_NEGATIONS = frozenset({"not", "n't", "never", "no"})
_ACCUSING = frozenset({"accuse", "suspect", "allege"})
_REPORTING = SPEECH_VERBS | _ACCUSING
_REFUSING = frozenset({"refuse", "fail", "decline", "reject"})
_INTENDING = frozenset(
    "want plan seek try attempt threaten hope intend consider urge ask aim prepare vow promise pledge "
    "propose offer demand expect wish push press call".split()
)


@dataclass(slots=True)
class Frame:
    """The argument tokens of one trigger (unresolved: a pronoun or a head noun, not yet a name)."""

    agents: list[Token] = field(default_factory=list)
    subjects: list[Token] = field(default_factory=list)
    patients: list[Token] = field(default_factory=list)
    recipients: list[Token] = field(default_factory=list)
    themes: list[Token] = field(default_factory=list)
    allies: list[Token] = field(default_factory=list)
    possessors: list[Token] = field(default_factory=list)
    preps: dict[str, list[Token]] = field(default_factory=dict)
    light: Token | None = None  # the verb governing a noun trigger: "signed" for "signed a pact"

    def prep(self, word: str) -> list[Token]:
        return self.preps.get(word, [])


class Arguments:
    """The named mentions of one parsed document, and the mentions an argument token stands for."""

    def __init__(self, parsed: Doc, mentions: Sequence[Mention]) -> None:
        self._at: dict[int, Mention] = {}
        for mention in mentions:
            for position in range(mention.span.start, mention.span.end):
                self._at.setdefault(position, mention)
        self._mentions = sorted(mentions, key=lambda m: m.span.start)

    def mention(self, token: Token) -> Mention | None:
        return self._at.get(token.idx)

    def actors(self, tokens: Iterable[Token], labels: frozenset[str] = _ACTOR_LABELS) -> list[Span]:
        """The mention spans the tokens stand for (coordinated ones too), of these labels, in order."""
        found: list[Span] = []
        for token in tokens:
            for item in (token, *token.conjuncts):
                for mention in self._stands_for(item):
                    if mention.label in labels and mention.span not in found:
                        found.append(mention.span)
        return found

    def _stands_for(self, token: Token) -> list[Mention]:
        own = self.mention(token)
        if own is not None:
            return [own]
        if token.pos_ == "PRON" or (token.lower_ in _RELATIVE and token.tag_ in ("WP", "WDT", "WP$")):
            return self._antecedent(token)
        if token.pos_ not in ("NOUN", "PROPN"):
            return []
        # "the Freedonian minister, Jane Roe": the apposition names the noun.
        named_by = [m for c in token.children if c.dep_ == "appos" for m in [self.mention(c)] if m is not None]
        if named_by:
            return named_by[:1]
        if token.lemma_.lower() not in _ACTING_FOR and token.lower_ not in _ACTING_FOR:
            return []
        # "French troops", "Freedonia's interior ministry", "Freedonia Coast Guard officers": the
        # name nearest the noun among its modifiers (not a name inside a clause hanging off it).
        named = [c for c in token.children if c.dep_ in _NAME_MODIFIERS | {"poss"} and self._named(c) is not None]
        if named:
            nearest = max(named, key=lambda c: c.i if c.i < token.i else -1)
            return [m for m in [self._named(nearest)] if m is not None]
        of = [
            g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"
        ]
        return [m for g in of for m in [self.mention(g)] if m is not None]

    def _named(self, token: Token) -> Mention | None:
        """The mention of a modifier, or of the name heading a compound chain ("Coast Guard")."""
        own = self.mention(token)
        if own is not None:
            return own
        for child in token.children:
            if child.dep_ == "compound" and self.mention(child) is not None:
                return self.mention(child)
        return None

    def _antecedent(self, pronoun: Token) -> list[Mention]:
        """The names a pronoun stands for, looked for in its own sentence only: a relative pronoun
        takes the name just before it ("Roe, who was"), else the noun its clause describes;
        "they" a coordinated subject ("X and Y met, and they signed"); "he", "his" the nearest
        person before it, "it", "its" the nearest state or organisation."""
        word = pronoun.lower_
        sentence = pronoun.sent
        if word in _RELATIVE:
            before = pronoun.i - 1
            while before >= sentence.start and pronoun.doc[before].is_punct:
                before -= 1
            if before >= sentence.start and self.mention(pronoun.doc[before]) is not None:
                return [m for m in [self.mention(pronoun.doc[before])] if m is not None]
            clause = pronoun.head
            while clause.dep_ == "conj" and clause.head.i != clause.i:
                clause = clause.head
            return self._stands_for(clause.head) if clause.dep_ == "relcl" else []
        if word in _PLURAL:
            return self._group(pronoun)
        labels = {"PERSON"} if word in _PERSONAL else {"GPE", "ORG"} if word in _IMPERSONAL else set()
        excluded = self._predicated(pronoun)
        candidates = [
            m
            for m in self._mentions
            if m.label in labels and sentence.start_char <= m.span.start and m.span.end <= pronoun.idx
        ]
        candidates = [m for m in candidates if m.span not in excluded]
        return candidates[-1:]

    def _predicated(self, pronoun: Token) -> set[Span]:
        """ "X was his ally": the subject a possessive's noun is said of is not what "his" means."""
        noun = pronoun.head
        if pronoun.dep_ != "poss" or noun.dep_ not in ("attr", "appos"):
            return set()
        if noun.dep_ == "appos":
            return {m.span for m in self._stands_for(noun.head)}
        return {m.span for c in noun.head.children if c.dep_ == "nsubj" for m in self._stands_for(c)}

    def _group(self, pronoun: Token) -> list[Mention]:
        token = pronoun
        for _ in range(10):
            if token.head.i == token.i:
                break
            token = token.head
            for subject in (c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")):
                if subject.conjuncts and subject.i < pronoun.i and subject.i != pronoun.i:
                    return [m for item in (subject, *subject.conjuncts) for m in self._stands_for(item)]
        return []


def frame(trigger: Token, arguments: Arguments, undergoer_possessor: bool = False) -> Frame:
    """The trigger's arguments. For a noun, ``undergoer_possessor`` says that its possessor
    undergoes it when no ``of`` phrase does ("Roe's arrest"); otherwise the possessor acts."""
    if trigger.pos_ in ("VERB", "AUX"):
        return _verb_frame(trigger, arguments)
    return _noun_frame(trigger, arguments, undergoer_possessor)


def subjects(verb: Token) -> list[Token]:
    """The subject of a verb, or the one it shares: a coordinated verb's ("was arrested and charged"), a
    controlled infinitive's ("asked her to sign": her; "agreed to pay": the one who agreed), a
    subjectless adverbial's ("began the raid to arrest X")."""
    for _ in range(8):
        direct = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if direct:
            return direct
        if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
            verb = verb.head
        elif verb.dep_ == "xcomp":
            objects = [c for c in verb.head.children if c.dep_ == "dobj"]
            if objects:
                return objects
            verb = verb.head
        elif verb.dep_ == "advcl" and verb.tag_ in ("VB", "VBG"):
            verb = verb.head
        elif verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            verb = verb.head.head
        else:
            return []
    return []


def _preps(token: Token) -> dict[str, list[Token]]:
    found: dict[str, list[Token]] = {}
    for child in token.children:
        if child.dep_ in ("prep", "agent") or (child.dep_ == "dative" and child.pos_ == "ADP"):
            word = "by" if child.dep_ == "agent" else child.lower_
            if word == "as" and any(c.lower_ == "such" for c in child.children):
                word = "like"  # "such as"
            found.setdefault(word, []).extend(g for g in child.children if g.dep_ == "pobj")
    return found


def _passive(verb: Token) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in verb.children):
        return True
    if verb.tag_ == "VBN" and verb.dep_ == "acl":  # "boats sold to the navy last year"
        return True
    return verb.tag_ == "VBN" and verb.dep_ == "conj" and _passive(verb.head) and not _has(verb, "dobj")


def _has(token: Token, dep: str) -> bool:
    return any(c.dep_ == dep for c in token.children)


def _verb_frame(verb: Token, arguments: Arguments) -> Frame:
    parts = Frame(preps=_preps(verb), subjects=subjects(verb))
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    datives = [c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"]  # "gave the army trucks"
    described = [verb.head] if verb.dep_ in ("acl", "relcl") else []
    if _passive(verb):
        parts.agents = parts.prep("by")
        parts.patients = parts.subjects or described
        parts.themes = [*parts.patients, *objects]
    else:
        parts.agents = parts.subjects
        if not arguments.actors(parts.agents) and verb.i > 0 and arguments.mention(verb.doc[verb.i - 1]):
            # "the trucks Freedonia sold to Ruritania": a reduced relative clause the parser missed.
            parts.agents = [verb.doc[verb.i - 1]]
            parts.themes = [*parts.subjects, *described]
        else:
            # "the trucks, Freedonia, sold to ...": a misparse makes the goods the subject.
            parts.themes = [*described, *(s for s in parts.subjects if arguments.mention(s) is None)]
        parts.patients = objects
        parts.preps.pop("by", None)  # an active verb's "by" phrase belongs to its object noun
    with_objects = parts.prep("with")
    if with_objects and objects:  # "provided the army with trucks"
        parts.recipients = [*objects, *parts.prep("to"), *datives]
        parts.themes += with_objects
    else:
        parts.recipients = [*parts.prep("to"), *datives]
        parts.themes += objects
    return parts


def _noun_frame(noun: Token, arguments: Arguments, undergoer_possessor: bool) -> Frame:
    preps = _preps(noun)
    light = _light_verb(noun)
    if light is not None:
        for word, objects in _preps(light).items():
            if word in ("with", "between", "to"):
                preps.setdefault(word, []).extend(objects)
    if noun.dep_ == "dobj" and not _passive(noun.head) and "by" not in preps:
        borrowed = _preps(noun.head).get("by")  # "condemned the capture of X by Y"
        if borrowed:
            preps["by"] = borrowed
    possessors = [c for c in noun.children if c.dep_ == "poss"]
    modifiers = [c for c in noun.children if c.dep_ in _NAME_MODIFIERS and arguments.mention(c) is not None]
    light_agents: list[Token] = []
    if light is not None:
        light_agents = _preps(light).get("by", []) if _passive(light) else subjects(light)
    of = preps.get("of", [])
    parts = Frame(preps=preps, light=light, patients=list(of), recipients=preps.get("to", []), possessors=possessors)
    if undergoer_possessor and not of:
        parts.patients, parts.possessors = possessors, []
        possessors = []
    parts.agents = preps.get("by") or [*possessors, *modifiers] or light_agents
    parts.subjects = parts.agents
    parts.themes = [*of, *(c for c in noun.children if c.dep_ == "compound")]
    if noun.lower_ in ("ally", "allies", "partner", "partners"):
        parts.agents = [*possessors, *modifiers, *of]
        parts.allies = [c for c in noun.children if c.dep_ == "appos"] + preps.get("like", [])
        parts.allies += preps.get("including", [])
        if noun.dep_ in ("appos", "compound"):  # "Y, X's ally", "X's ally Y" parsed as a compound
            parts.allies.append(noun.head)
        after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
        if after is not None and after.head.i in (noun.i, noun.head.i) and arguments.mention(after) is not None:
            parts.allies.append(after)  # "X's ally Y" parsed as two subjects
        if noun.dep_ == "attr":  # "Y is X's ally"
            parts.allies += [c for c in noun.head.children if c.dep_ == "nsubj"]
    return parts


def _light_verb(noun: Token) -> Token | None:
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in LIGHT_VERBS:
        return head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in LIGHT_VERBS:
        return head.head  # "entered into a partnership"
    return None


def modality(trigger: Token, parts: Frame, quotes: Sequence[Quote] = ()) -> str:
    """``negated``, ``hypothetical``, ``scheduled``, ``reported`` (inside a quote or what somebody
    says) or ``happened``. A noun trigger takes its light verb's ("did not sign a pact"); the
    modal of a clause a noun merely sits in ("the arrest could hurt his party") is not the noun's."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else parts.light
    if trigger.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in trigger.children):
        return "negated"
    if verb is not None:
        words = _auxiliaries(verb)
        if trigger.i != verb.i and verb.lemma_.lower() in _INTENDING:  # "planned the kidnapping"
            return "hypothetical"
        clause = verb
        for _ in range(4):  # "refused to condemn", "plans to supply", "may inspire him to plan"
            if clause.dep_ != "xcomp" or clause.head.i == clause.i:
                break
            clause = clause.head
            lemma = clause.lemma_.lower()
            if lemma in _REFUSING or any(c.dep_ == "neg" for c in clause.children):
                return "negated"
            if lemma in _INTENDING:
                return "hypothetical"
            words |= _auxiliaries(clause) - _NEGATIONS
        if words & _NEGATIONS:
            return "negated"
        if words & _HYPOTHETICAL or any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children):
            return "hypothetical"
        if words & _FUTURE:
            return "scheduled"
    # An attitude ("condemned the capture") is no report of the capture: only what is said counts.
    said = (q for q in quotes if not q.attitude)
    if any(q.span.start <= trigger.idx < q.span.end for q in said) or _reported(trigger):
        return "reported"
    return "happened"


def _auxiliaries(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass", "neg", "advmod")}


def _reported(trigger: Token) -> bool:
    """Inside what somebody says, claims or accuses somebody of ("said that X fled", "accused of
    criticising X")."""
    token = trigger
    for _ in range(12):
        if token.head.i == token.i:
            return False
        lemma = token.head.lemma_.lower()
        if token.dep_ in ("ccomp", "parataxis") and lemma in _REPORTING:
            return True
        if token.dep_ == "prep" and token.lower_ == "of" and lemma in _ACCUSING:
            return True
        token = token.head
    return False
