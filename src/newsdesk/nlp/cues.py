"""Cues of reported speech and attitude, and where the parse puts what they report.

A cue is a verb ("said", "urged", "cited"), a noun ("his claim that ...") or "according to"; what it
reports is one of its dependents, by the kind of word: a clause ("said (that) ..."), an infinitive
with its subject ("urged voters to ..."), an object for verbs that take a stand on something
("criticized the plan"), or the object of a fixed preposition ("called for a recount"). Only the
verbs of saying in ``SPEECH_VERBS`` are speech; every other cue marks its quote as an attitude.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.nlp.models import keys_of, word_keys

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

SPEECH_VERBS = frozenset(
    "say tell write add note argue warn ask claim insist explain comment recall suggest state declare announce "
    "report reply respond answer acknowledge admit deny confirm emphasize emphasise stress point observe remark "
    "predict caution complain boast tweet post believe think contend maintain assert allege reveal recount "
    "describe quip joke concede estimate urge call conclude testify".split()
)


def past_forms(verbs: frozenset[str]) -> frozenset[str]:
    """Past forms of regular verbs (note -> noted, reply -> replied, quip -> quipped) and of the
    irregular verbs of saying."""
    forms = {"said", "told", "wrote", "thought", "spoke"}
    for verb in verbs:
        if verb.endswith("e"):
            forms.add(verb + "d")
        elif verb.endswith("y") and verb[-2:-1] not in set("aeiou"):
            forms.add(verb[:-1] + "ied")
        else:
            forms.add(verb + "ed")
            forms.add(verb + verb[-1] + "ed")  # quipped; a spare wrong form ("saidd") never occurs
    return frozenset(forms)


# "Said the mayor", "Replied Jane Roe": the past of every verb of saying, for inverted cues.
SPEECH_PAST = past_forms(SPEECH_VERBS)
# Not speech: beliefs, wishes, findings, stances. The evaluation reports speech (``SPEECH_VERBS`` minus
# these) apart from the rest, so a verb of saying is never added here.
ATTITUDE_VERBS = frozenset(
    "believe think fear hope expect doubt worry suspect feel consider show find want cite question agree plan "
    "support oppose insist know learn see "
    # belief and knowledge
    "assume understand realize realise recognize recognise fathom envision imagine wonder "
    # wish, intention, commitment
    "wish intend aim seek need vow pledge promise propose refuse decline decide threaten demand "
    # directives
    "encourage implore persuade convince plead "
    # findings and evidence
    "indicate illustrate document detail outline highlight underscore mention reference "
    # stances: a position taken on something or somebody
    "praise criticize criticise attack blast slam condemn denounce defend endorse back reject dispute "
    "challenge mock ridicule dismiss accuse blame hail laud tout champion welcome applaud decry deride "
    "lament bemoan lambast lambaste disparage".split()
)
# Verbs whose object is what they report ("cited the audit", "criticized the deal"); a verb of
# saying only with the objects that are a statement ("denied the report", never "told reporters").
_OBJECT_VERBS = (
    ATTITUDE_VERBS
    - frozenset(
        "believe think fear hope expect doubt worry feel consider want plan "
        "agree insist learn wonder need aim intend decide refuse decline see know "
        "encourage implore persuade convince plead".split()
    )
) | frozenset("announce deny acknowledge admit confirm reveal describe predict estimate recount".split())
# Verbs whose infinitive (with its subject or object) is what they report: "wants to", "urged X to".
_INFINITIVE_VERBS = frozenset(
    "want plan intend aim seek hope expect wish vow pledge promise propose refuse decline agree decide "
    "threaten urge encourage ask implore plead demand warn persuade convince call".split()
)
# A verb and a preposition that together report ("called for a recount", "spoke about the deal").
_PREPOSITIONAL = {
    "call": frozenset({"for"}),
    "ask": frozenset({"about"}),
    "speak": frozenset({"about", "of", "against"}),
    "talk": frozenset({"about"}),
    "write": frozenset({"about"}),
    "complain": frozenset({"about"}),
    "brag": frozenset({"about"}),
    "boast": frozenset({"about"}),
    "comment": frozenset({"on"}),
    "warn": frozenset({"against", "about", "of"}),
    "rail": frozenset({"against"}),
    "argue": frozenset({"for", "against"}),
    "push": frozenset({"for"}),
    "plead": frozenset({"for"}),
    "advocate": frozenset({"for"}),
    "vote": frozenset({"for", "against"}),
    "refer": frozenset({"to"}),
    "point": frozenset({"to"}),
    "object": frozenset({"to"}),
    "worry": frozenset({"about"}),
    "wonder": frozenset({"about"}),
}
# Nouns that report with a "that" clause or an infinitive: "his claim that ...", "her plan to ...".
NOUN_CUES = frozenset(
    "claim belief argument announcement assertion allegation charge accusation promise pledge vow warning fear "
    "hope view suggestion insistence acknowledgment acknowledgement admission recognition decision determination "
    "plan proposal demand conclusion finding statement notion contention prediction threat assurance "
    "eagerness reluctance commitment call desire wish intention expectation concern worry doubt suspicion "
    "impression conviction complaint denial boast".split()
)
# Verbs that make a noun cue the subject's own: "he repeated his claim", "she made the argument that".
_LIGHT_VERBS = frozenset("make issue express voice repeat reiterate offer raise renew stand".split())


@dataclass(frozen=True, slots=True)
class Report:
    """What a cue reports: the token range (first and last index) and how it was found."""

    first: int
    last: int
    form: str  # clause | infinitive | object | preposition | noun


# Verbs of speaking that report only through a preposition ("spoke about", "commented on").
_SPEAKING = frozenset(
    "speak talk write complain brag boast comment rail argue plead advocate refer point object".split()
)


_SPEECH_NOUNS = frozenset(
    "claim statement announcement assertion allegation charge accusation argument warning promise pledge vow "
    "suggestion insistence acknowledgment acknowledgement admission prediction threat assurance complaint denial "
    "boast call demand".split()
)


def is_attitude(cue: Token) -> bool:
    """Not speech: a belief, wish, finding or stance."""
    lemma = cue.lemma_.lower()
    if cue.pos_ == "NOUN":
        return lemma not in _SPEECH_NOUNS
    if cue.lower_ == "according":
        return False
    return lemma in ATTITUDE_VERBS or lemma not in SPEECH_VERBS | _SPEAKING


_CUE_POS = frozenset({"VERB", "AUX"})


def verb_cue(token: Token) -> bool:
    """A verb of saying, believing, wanting or judging; "conclude" only without an object."""
    lemma = token.lemma_.lower()
    if token.pos_ not in _CUE_POS:
        return False
    if lemma == "conclude":
        return not any(c.dep_ == "dobj" for c in token.children)
    return lemma in SPEECH_VERBS or lemma in ATTITUDE_VERBS or lemma in _PREPOSITIONAL


def noun_cue(token: Token) -> bool:
    return token.pos_ == "NOUN" and token.lemma_.lower() in NOUN_CUES


_CUE_VERBS = SPEECH_VERBS | ATTITUDE_VERBS | frozenset(_PREPOSITIONAL) | {"conclude"}


def possible_cues(doc: Doc) -> list[int]:
    """The indices of the tokens that ``verb_cue`` or ``noun_cue`` may accept (by part of speech
    and lemma), and of "according", in order: no other token is a cue."""
    from spacy.parts_of_speech import IDS

    tags, lemmas, lowers = word_keys(doc)
    distinct = set(lemmas)
    verbs, nouns = keys_of(doc, distinct, _CUE_VERBS), keys_of(doc, distinct, NOUN_CUES)
    according = keys_of(doc, set(lowers), _ACCORDING)
    verb_tags, noun_tag = {IDS[tag] for tag in _CUE_POS}, IDS["NOUN"]
    return [
        index
        for index, (tag, lemma, lower) in enumerate(zip(tags, lemmas, lowers, strict=True))
        if (tag in verb_tags and lemma in verbs) or (tag == noun_tag and lemma in nouns) or lower in according
    ]


_ACCORDING = frozenset({"according"})


def reported(token: Token) -> Report | None:
    """What the cue ``token`` reports, or None when none of its dependents is a report."""
    if token.pos_ == "NOUN":
        return _noun_report(token)
    lemma = token.lemma_.lower()
    children = list(token.children)
    clauses = [c for c in children if c.dep_ == "ccomp"]
    if clauses:
        # "A, but B, sources said": every clause on the same side of the verb is reported.
        side = [c for c in clauses if (c.i < token.i) == (clauses[0].i < token.i)]
        return Report(_first(side[0]), _last(side[-1]), "clause")
    if lemma in _INFINITIVE_VERBS:
        found = _infinitive(token, children)
        if found is not None:
            return found
    if lemma in _PREPOSITIONAL:
        for child in children:
            if child.dep_ == "prep" and child.lower_ in _PREPOSITIONAL[lemma]:
                objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
                if objects and not _temporal(objects[0]):
                    return Report(_first(objects[0]), _last(objects[-1]), "preposition")
    if lemma in _OBJECT_VERBS or (lemma == "call" and any(c.dep_ == "oprd" for c in children)):
        objects = [c for c in children if c.dep_ == "dobj" and c.i > token.i]
        if objects:
            # "called the plan “a disaster”", "described it as a failure": the object with what it is called.
            after = [c for c in children if c.i > objects[0].i and (c.dep_ == "oprd" or _as_phrase(c))]
            return Report(_first(objects[0]), _last(after[-1] if after else objects[0]), "object")
    return None


def without_trailing_attribution(content: SpacySpan) -> SpacySpan:
    """Reported content ends before a trailing attribution of its own: ", according to X",
    ", he said", ", arguing that ...", ", adding ..." belong to another report or to the cue."""
    for token in content[1:]:
        if token.text not in {",", ";", "—", "–", "―", "("} or token.i + 1 >= len(token.doc):
            continue
        following = token.nbor(1)
        verbs = [t for t in token.doc[token.i + 1 : min(token.i + 5, content.end + 1)] if t.pos_ == "VERB"]
        if (
            (following.lower_ == "according" and token.i + 2 < len(token.doc) and token.nbor(2).lower_ == "to")
            or (following.tag_ == "VBG" and following.lemma_.lower() in SPEECH_VERBS)
            or any(v.lemma_.lower() in SPEECH_VERBS and v.dep_ in {"parataxis", "ROOT"} for v in verbs[:1])
        ):
            return content.doc[content.start : token.i]
    return content


def according_content(parsed: Doc, token: Token) -> SpacySpan | None:
    """ "According to X, A did B" or "A did B, according to X": the clause, without the phrase."""
    head = token.head
    if head.i == token.i:
        return None
    phrase_end = max(c.i for c in token.subtree)
    tree = [t for t in head.subtree if not (token.i <= t.i <= phrase_end)]
    if tree and tree[0].i < token.i and not any(t.i > phrase_end and not t.is_punct for t in tree):
        tree = [t for t in tree if t.i < token.i]  # the phrase closes the sentence: what precedes it
    tree = [t for t in tree if t.dep_ != "punct" or tree[0].i < t.i < tree[-1].i]
    return parsed[tree[0].i : tree[-1].i + 1] if tree else None


def _infinitive(token: Token, children: list[Token]) -> Report | None:
    """ "wants to win", "urged voters to stay", "called on Congress to act"."""
    verbs = [c for c in children if c.dep_ == "xcomp" and c.i > token.i and _has_to(c)]
    if not verbs:
        return None
    start = _first(verbs[0])
    objects = [c for c in children if c.dep_ == "dobj" and c.i < verbs[0].i]
    objects += [o for c in children if c.dep_ == "prep" and c.lower_ == "on" for o in c.children if o.dep_ == "pobj"]
    if objects:
        start = min(start, _first(objects[0]))
    return Report(start, _last(verbs[0]), "infinitive")


def _noun_report(noun: Token) -> Report | None:
    clauses = [
        c for c in noun.children if c.dep_ in {"acl", "ccomp"} and c.i > noun.i and (_has_mark(c, "that") or _has_to(c))
    ]
    if not clauses:
        return None
    return Report(_first(clauses[0]), _last(clauses[0]), "noun")


def noun_holder(noun: Token) -> Token | None:
    """Whose claim it is: the possessor ("his claim"), else the subject of a verb that makes it
    theirs ("she repeated the claim")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in _LIGHT_VERBS | SPEECH_VERBS:
        subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        return subjects[0] if subjects else None
    return None


def _has_to(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _has_mark(verb: Token, word: str) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == word for c in verb.children)


def _as_phrase(token: Token) -> bool:
    return token.dep_ == "prep" and token.lower_ == "as"


def _temporal(token: Token) -> bool:
    return token.ent_type_ in {"DATE", "TIME"}


def _first(token: Token) -> int:
    return min(t.i for t in token.subtree)


def _last(token: Token) -> int:
    return max(t.i for t in token.subtree)
