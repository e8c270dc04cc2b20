"""Each clause of an article read as a proposition (``newsdesk.propositions.rules.v1``): its
predicate, what it is about, what it says of it, whether it is denied or only possible, and who
holds it when the article attributes it to somebody.

A sentence gives one proposition per clause that says something on its own: the main clause,
a coordinated clause ("X fled and Y took power"), and the content of a cue ("she said that X" is
X, held by her). The clause that only attributes ("she said") is not a proposition; the holder
is kept apart from the content, so that the same content held by two people can be compared as
content, and different contents never share a holder's words.

Arguments are given in the active voice: "Y was captured by X" has X as subject and Y as object,
as "X captured Y" does. Polarity is negated for "not"/"never", for a subject such as "no one" or
"few", and for a refusing or failing verb above the clause ("failed to stop X"). Modality is
possible for "may", "could", "likely", "unlikely"; hypothetical under "if"; future for "will";
habitual for an adverb of frequency ("usually", "typically", "often"): what happens as a rule is
not one happening, and is never the same claim as a report that it happened.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsdesk.model import Argument, Modality, Polarity, Proposition, Quote, Span, line_of, stripped
from newsdesk.nlp.arguments import subjects
from newsdesk.nlp.cues import reported, verb_cue
from newsdesk.nlp.models import parsed_text, subtree

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

EXTRACTOR = "newsdesk.propositions.rules.v1"

_POSSIBLE = frozenset({"may", "might", "could", "can", "would", "should", "must", "ought"})
_FUTURE = frozenset({"will", "shall", "'ll", "wo"})
_NEGATORS = frozenset({"not", "n't", "never", "no", "nt"})
# A verb above the clause that denies it: "failed to stop", "refused to condemn".
_DENYING = frozenset({"fail", "refuse", "decline", "reject", "deny", "avoid", "cease", "stop", "neglect"})
# A subject that denies the clause: "no one expected", "few believed", "nobody came".
_NEGATIVE_SUBJECTS = frozenset({"nobody", "none", "nothing", "neither", "few", "no"})
# Adjectives and adverbs that make a clause only possible: "is likely to", "unlikely to", "perhaps".
_HEDGES = frozenset(
    {"likely", "unlikely", "possibly", "perhaps", "maybe", "probably", "possible", "potentially", "reportedly"}
)
# Adverbs of frequency: the clause tells a habit or a rule, not one happening.
HABITUAL = frozenset(
    {
        "usually",
        "typically",
        "often",
        "normally",
        "generally",
        "routinely",
        "regularly",
        "always",
        "sometimes",
        "frequently",
        "rarely",
        "seldom",
        "customarily",
        "traditionally",
        "habitually",
        "ordinarily",
        "commonly",
        "occasionally",
    }
)
_CLAUSE_POS = frozenset({"VERB", "AUX"})
_OWN_CLAUSE = frozenset({"conj", "parataxis"})
_OBJECTS = frozenset({"dobj", "attr", "acomp", "oprd", "dative"})


def propositions_of(parsed: Doc, text: str, quotes: Sequence[Quote] = ()) -> tuple[Proposition, ...]:
    """Every proposition of the parsed document (``parsed`` is spaCy's parse of the masked body,
    with the offsets of ``text``); ``quotes`` give the holders of attributed content."""
    found: list[Proposition] = []
    attributed = sorted((q for q in quotes if q.kind != "scare"), key=lambda q: q.span.start)
    starts = [q.span.start for q in attributed]
    joined = parsed_text(parsed)  # the same characters as each sentence's own ``text``, joined once
    for sentence in parsed.sents:
        if not joined[sentence.start_char : sentence.end_char].strip():
            continue
        heads = _clause_heads(sentence.root)
        heads = sorted({*heads, *_embedded_heads(sentence, heads)}, key=lambda t: t.i)
        for head in heads:
            # The quotes that can hold this head: those opened before it (a bisection, so that a
            # long article's propositions do not each scan every quote).
            before = attributed[max(0, bisect_right(starts, head.idx) - 8) : bisect_right(starts, head.idx)]
            proposition = proposition_at(head, text, before, others=heads)
            if proposition is not None:
                found.append(proposition)
    return tuple(found)


def _clause_heads(root: Token) -> list[Token]:
    """The heads of the clauses of one sentence that say something on their own, in text order:
    a cue's content instead of the cue, coordinated clauses beside their first."""
    heads: list[Token] = []
    pending = [root]
    while pending:
        head = pending.pop()
        content = _content(head)
        denied = [c for c in head.children if c.dep_ == "xcomp" and c.pos_ in _CLAUSE_POS]
        if content:
            pending.extend(content)
        elif head.lemma_.lower() in _DENYING and denied:
            pending.append(denied[0])  # "failed to deliver": deliver, denied
        elif head.pos_ in _CLAUSE_POS and not _is_gerund_subject(head) and not _imperative(head):
            heads.append(head)  # a verbless line (a headline, a caption) says nothing checkable
        pending.extend(c for c in head.children if c.dep_ in _OWN_CLAUSE and c.pos_ in _CLAUSE_POS)
    return sorted(heads, key=lambda t: t.i)


_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _gerund_subject(head: Token) -> Token | None:
    """The gerund that is the subject of a coordinated finite verb which the parser read as a
    clause of its own: in "Banks publish in March and delaying the report is a bad sign", the
    parse coordinates "publish", "delaying" and "is", but "delaying the report" is what "is a bad
    sign" says something of. Only a subjectless finite verb, right after a subjectless gerund
    coordinated with it, is read so."""
    if head.dep_ != "conj" or head.tag_ not in _FINITE or any(c.dep_ in _SUBJECTS for c in head.children):
        return None
    before = [c for c in head.head.children if c.dep_ == "conj" and c.i < head.i]
    gerund = before[-1] if before else None
    if gerund is None or gerund.tag_ != "VBG":
        return None
    if any(c.dep_ in _SUBJECTS or c.dep_ in ("aux", "auxpass") for c in gerund.children):
        return None  # "was delaying": a progressive verb, a clause of its own
    return gerund


def _imperative(head: Token) -> bool:
    """ "Apply this patch now", "Stay indoors": a bare verb with no subject and no auxiliary
    heading its sentence's main clause asks for something; it asserts nothing. (The tagger may
    read the bare verb as a present one, "apply"/VBP; with no subject it is still a request.)"""
    if head.tag_ not in ("VB", "VBP") or head.dep_ not in ("ROOT", "conj"):
        return False
    main = head if head.dep_ == "ROOT" else head.head
    if main.dep_ != "ROOT" or main.tag_ not in ("VB", "VBP"):
        return False
    return not any(c.dep_ in _SUBJECTS or c.dep_ in ("aux", "auxpass") for c in main.children)


def _is_gerund_subject(token: Token) -> bool:
    if token.tag_ != "VBG" or token.dep_ != "conj":
        return False
    after = [c for c in token.head.children if c.dep_ == "conj" and c.i > token.i]
    gerund = _gerund_subject(after[0]) if after else None
    return gerund is not None and gerund.i == token.i


_RELATIVE = frozenset({"who", "whom", "which", "that"})
# Adverbial clauses that tell something of their own: "after protesters stormed X", "stranding trucks";
# not a condition or purpose, whose clause is only supposed ("if X", "to do Y").
_SUPPOSED_MARKS = frozenset({"if", "unless", "whether", "so", "lest"})
# Time clauses in the present tense are supposed too ("when the patch is released, install it",
# "once the talks resume"); in the past they tell what happened ("when the dam broke").
_WHEN_MARKS = frozenset({"when", "once", "until", "till", "before", "after", "as soon as", "whenever"})
_PRESENT = frozenset({"VBZ", "VBP"})


def _non_restrictive(clause: Token) -> bool:
    """Whether a relative clause says something of its own ("the dam, which holds ..."), set off
    by a comma, rather than telling which thing is meant ("sites that were infected")."""
    first = clause.left_edge
    return first.i > 0 and first.nbor(-1).text in (",", "(", "—", "–")


def _supposed_time(clause: Token) -> bool:
    """ "when the patch is released": a time clause in the present tense, which supposes."""
    marks = {c.lower_ for c in clause.children if c.dep_ in ("mark", "advmod")}
    if not marks & _WHEN_MARKS:
        return False
    verbs = [clause, *(c for c in clause.children if c.dep_ in ("aux", "auxpass"))]
    return any(v.tag_ in _PRESENT for v in verbs)


def _embedded_heads(sentence: SpacySpan, heads: Sequence[Token]) -> list[Token]:
    """Clauses inside the sentence's clauses that say something of their own: relative clauses
    ("X, who was arrested by Y") and adverbial clauses with a verb of their own ("after Y stormed
    Z", "stranding hundreds")."""
    found = []
    for token in sentence:
        if token.pos_ not in _CLAUSE_POS or any(token.i == head.i for head in heads):
            continue
        if token.dep_ == "relcl":
            if _non_restrictive(token):
                found.append(token)
        elif (
            token.dep_ == "advcl"
            and token.tag_ not in ("VB",)
            and not (verb_cue(token.head) and _indirect_question(token))
        ):
            marks = {c.lower_ for c in token.children if c.dep_ == "mark"}
            supposed = marks & _SUPPOSED_MARKS or _supposed_time(token)
            if not supposed and not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
                found.append(token)
    return found


def _content(head: Token) -> list[Token]:
    """The clauses a cue verb reports ("said that X", "believes X"), or none."""
    if not verb_cue(head):
        return []
    report = reported(head)
    if report is None or report.form != "clause":
        return []
    return [
        c
        for c in head.children
        if c.dep_ == "ccomp" and report.first <= c.i <= report.last and not _indirect_question(c)
    ]


_QUESTION_WORDS = frozenset({"when", "whether", "if", "what", "why", "how", "where", "who", "which"})


def _indirect_question(clause: Token) -> bool:
    """ "did not say when the work would end", "asked whether X": a question, which asserts nothing."""
    first = min(clause.subtree, key=lambda t: t.i)
    return first.lower_ in _QUESTION_WORDS


def proposition_at(
    head: Token, text: str, quotes: Sequence[Quote] = (), others: Sequence[Token] = ()
) -> Proposition | None:
    """The proposition whose predicate is ``head`` (a verb, or a noun naming a happening); its
    evidence is the head's clause without the clauses in ``others`` that are propositions of
    their own."""
    # A denied complement's evidence is the clause that denies it: "The firm failed to deliver X".
    denied = head.dep_ == "xcomp" and head.head.lemma_.lower() in _DENYING
    scope = head.head if denied else head
    excluded = {i for other in others if other.i != head.i and _inside(other, scope) for i in subtree(other)}
    for c in scope.children:
        dep = c.dep_
        if (
            (dep in _OWN_CLAUSE and c.pos_ in _CLAUSE_POS)
            or (dep == "cc" and c.i > scope.i)
            # "According to X, ...": the attribution, not the content.
            or (dep == "prep" and c.lower_ == "according")
        ):
            excluded.update(subtree(c))
    doc = scope.doc
    tokens = [token for token in (doc[i] for i in subtree(scope) if i not in excluded) if not token.is_space]
    gerund = _gerund_subject(head)
    if gerund is not None:
        tokens = [t for t in gerund.subtree if not t.is_space] + tokens
    antecedent = _antecedent(head)
    if antecedent is not None and any(o.i != head.i and o.left_edge.i == antecedent.left_edge.i for o in others):
        # "Protesters, who were angry, marched": the clause of "marched" starts at that noun and
        # is known by that start, so the relative clause is shown from its own first word.
        antecedent = None
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
        tokens.pop()
    while tokens and (tokens[0].is_punct or tokens[0].dep_ in ("cc", "mark")):
        tokens.pop(0)
    if not tokens:
        return None
    # A relative clause is shown with what its pronoun stands for: "the dam, which holds ...", not
    # "which holds ...", which says nothing read alone.
    first = antecedent.idx if antecedent is not None and antecedent.i < tokens[0].i else tokens[0].idx
    # A clause never runs over a line break (a headline or dateline above it).
    line = line_of(text, head.idx)
    start = max(first, line.start)
    end = min(tokens[-1].idx + len(tokens[-1].text), line.end)
    span = _balanced(text, stripped(text, start, end)) if end > start else Span(start, start)
    if span.end <= span.start or not span.start <= head.idx < span.end:
        return None
    holder = next((q for q in reversed(quotes) if q.span.start <= head.idx < q.span.end), None)
    return Proposition(
        span=span,
        predicate=Span(head.idx, head.idx + len(head.text)),
        lemma=_lemma(head),
        arguments=_arguments(head, text, gerund),
        polarity=_polarity(head),
        modality=_modality(head),
        holder=holder.speaker if holder else None,
        holder_text=holder.speaker_text if holder else None,
        cue=holder.cue if holder else None,
        extractor=EXTRACTOR,
    )


_PAIRS = {"(": ")", "[": "]"}


def _balanced(text: str, span: Span) -> Span:
    """The span without a bracketed note before it ("[10 May] Crews restored ...") and without a
    bracket it opens and never closes ("caused by a break (near the coast"), which read as broken."""
    start, end = span.start, span.end
    while text[start:end].startswith(tuple(_PAIRS)) and _PAIRS[text[start]] in text[start:end]:
        start = text.index(_PAIRS[text[start]], start, end) + 1
        while start < end and not text[start].isalnum():
            start += 1
    for opener, closer in _PAIRS.items():
        # A bracket closed before any opens: the note's opening was left out ("10 May] Crews ...").
        closing, opening = text.find(closer, start, end), text.find(opener, start, end)
        if closing != -1 and (opening == -1 or closing < opening):
            start = closing + 1
            while start < end and not text[start].isalnum():
                start += 1
    for opener, closer in _PAIRS.items():
        # Before the first opening bracket the depth is 0 and a closing one changes nothing.
        first = text.find(opener, start, end)
        if first == -1:
            continue
        depth, cut = 0, None
        for index in range(first, end):
            if text[index] == opener:
                depth, cut = depth + 1, index if depth == 0 else cut
            elif text[index] == closer and depth:
                depth -= 1
                cut = None if depth == 0 else cut
        if depth and cut is not None:
            end = cut
    return stripped(text, start, end) if end > start else Span(start, start)


def _antecedent(head: Token) -> Token | None:
    """The noun a relative clause's pronoun stands for ("floods that damage roads": floods)."""
    if head.dep_ != "relcl" or not any(c.lower_ in _RELATIVE and c.dep_ in _SUBJECTS for c in head.children):
        return None
    noun = head.head
    return noun if noun.pos_ in ("NOUN", "PROPN", "PRON") and noun.i < head.i else None


def _inside(token: Token, head: Token) -> bool:
    return any(a.i == head.i for a in token.ancestors)


def _lemma(head: Token) -> str:
    """The predicate's lemma, with its particle ("give up", "take over")."""
    lemma = head.lemma_.lower() or head.lower_
    particles = [c.lower_ for c in head.children if c.dep_ == "prt"]
    return " ".join([lemma, *particles])


def _phrase(token: Token, text: str, role: str, stop: Token | None = None) -> Argument | None:
    """The phrase headed by ``token`` (up to ``stop``'s clause), as an argument."""
    tokens = [t for t in token.subtree if not t.is_space and (stop is None or t.i < stop.i or t.i > stop.i)]
    # A relative or participle clause says more of the phrase; its head words are enough to compare.
    clause = {t.i for c in token.children if c.dep_ in ("relcl", "acl", "advcl", "appos") for t in c.subtree}
    tokens = [t for t in tokens if t.i not in clause]
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    if not tokens:
        return None
    span = Span(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
    return Argument(role=role, span=span, text=span.of(text), head=token.lemma_.lower() or token.lower_)


def _arguments(head: Token, text: str, gerund: Token | None = None) -> tuple[Argument, ...]:
    found: list[Argument] = []
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children)
    agents = [g for c in head.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    # A clause as subject ("delaying the report is a bad sign"); a gerund the parse coordinated
    # with the verb is one too, not the subject it would lend it from the first coordinated verb.
    clauses = [c for c in head.children if c.dep_ in ("csubj", "csubjpass")] + ([gerund] if gerund else [])
    for clause in clauses:
        words = [t for t in clause.subtree if not t.is_space and not t.is_punct]
        span = Span(words[0].idx, words[-1].idx + len(words[-1].text))
        found.append(Argument(role="subject", span=span, text=span.of(text), head=clause.lemma_.lower()))
    for subject in subjects(head) if head.pos_ in _CLAUSE_POS and not clauses else []:
        role = "object" if passive or subject.dep_ == "nsubjpass" else "subject"
        if head.dep_ == "relcl" and subject.lower_ in _RELATIVE:
            subject = head.head  # "the general, who was arrested": the general
        if (argument := _phrase(subject, text, role, stop=head if head.dep_ == "relcl" else None)) is not None:
            found.append(argument)
    for agent in agents:
        if (argument := _phrase(agent, text, "subject")) is not None:
            found.append(argument)
    for child in head.children:
        if child.dep_ in _OBJECTS:
            role = "object" if child.dep_ in ("dobj", "dative") else "complement"
            if (argument := _phrase(child, text, role)) is not None:
                found.append(argument)
        elif child.dep_ == "xcomp" and child.pos_ in _CLAUSE_POS:
            if (argument := _phrase(child, text, "complement")) is not None:
                found.append(argument)
            # What the complement acts on is what the clause is about: "tried to protect the pupils".
            for inner in (g for g in child.children if g.dep_ == "dobj"):
                if (argument := _phrase(inner, text, "object")) is not None:
                    found.append(argument)
        elif child.dep_ == "prep" and child.lower_ not in ("by",):
            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                if (argument := _phrase(pobj, text, f"{child.lower_}")) is not None:
                    found.append(argument)
    # The parser may read two paragraphs as one sentence (after a closing quotation mark and a
    # blank line): an argument from another line is not this clause's.
    line = line_of(text, head.idx)
    return tuple(
        sorted((a for a in found if line.start <= a.span.start and a.span.end <= line.end), key=lambda a: a.span.start)
    )


def _chain(head: Token, through_cues: bool = False) -> list[Token]:
    """The head and the verbs it is the complement of ("failed to stop": stop, failed); with
    ``through_cues``, also the cue whose content it is ("few expected that X": X, expected)."""
    chain = [head]
    token = head
    for _ in range(4):
        if token.dep_ not in ("xcomp", "ccomp") or token.head.i == token.i:
            break
        if token.dep_ == "ccomp" and verb_cue(token.head) and not through_cues:
            break
        token = token.head
        chain.append(token)
    return chain


def _polarity(head: Token) -> Polarity:
    """Negated when an odd number of negations bear on the clause: its own, a denying verb above
    it, or a denied cue ("nobody believes that X", "she did not say that X")."""
    negations = 0
    for index, verb in enumerate(_chain(head, through_cues=True)):
        if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in _NEGATORS) for c in verb.children):
            negations += 1
        if index > 0 and verb.lemma_.lower() in _DENYING:
            negations += 1
        for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
            words = {subject.lower_, *(c.lower_ for c in subject.children if c.dep_ in ("det", "amod"))}
            if words & _NEGATIVE_SUBJECTS:
                negations += 1
    if any(c.dep_ == "det" and c.lower_ == "no" for c in head.children if c.dep_ == "dobj"):
        negations += 1
    return Polarity.NEGATED if negations % 2 else Polarity.AFFIRMED


def _modality(head: Token) -> Modality:
    if _is_clausal_gerund(head):
        # "Sending troops so far would be costly": an action talked about, not one that happened.
        return Modality.HYPOTHETICAL
    chain = _chain(head)
    words = {c.lower_ for verb in chain for c in verb.children if c.dep_ in ("aux", "advmod", "acomp")}
    words |= {verb.lower_ for verb in chain[1:]}
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for verb in chain for c in verb.children):
        return Modality.HYPOTHETICAL
    if words & _POSSIBLE or words & _HEDGES:
        return Modality.POSSIBLE
    if words & _FUTURE or any(v.lemma_.lower() == "go" and v.tag_ == "VBG" for v in chain[1:]):
        return Modality.FUTURE
    if words & HABITUAL:
        return Modality.HABITUAL
    return Modality.ASSERTED


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl", "poss") for c in verb.children)


def _is_clausal_gerund(verb: Token) -> bool:
    """A subjectless gerund that is its clause's subject: parsed as one ("csubj"), or as an
    adverbial clause before a verb that has no subject of its own, or as the root of a sentence it
    opens (the parser's usual mistakes).
    "Speaking to reporters, she said": the main verb has its subject, so that gerund happened."""
    if verb.tag_ != "VBG" or _has_subject(verb):
        return False
    if verb.dep_ in ("csubj", "csubjpass"):
        return True
    if verb.dep_ == "ROOT":
        # A sentence that opens with the gerund ("Yet sending aid so far ... is not ..."); a
        # participle after its subject ("the minister, speaking on Monday") is not at the head.
        return all(t.dep_ in ("cc", "advmod", "punct") for t in verb.sent if t.i < verb.i)
    return verb.dep_ == "advcl" and verb.i < verb.head.i and not _has_subject(verb.head)
