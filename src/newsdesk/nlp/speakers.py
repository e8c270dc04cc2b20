"""Who said it, on evidence only: the speaker a quote's cue names, resolved once the article's
quotes are all drafted (``resolve_speaker``).

A quote with no cue continues only the speaker of the quote just before it, in its paragraph or
the one before; else it is unattributed. "The publication" is the outlet the article relays.

A pronoun ("he said", "they argued", "I replied") names its speaker only through an antecedent:
the nearest compatible subject before it, outside anything said, within the pronoun's paragraph
and the two before it. Compatible means the same number and, where the article signals one, the
same gender: "she" is not Mr. Smith, "they" is not one person, "it" is an organisation only when no
place or thing is the nearer subject. The antecedent may be a name or a description of a person ("a
migrant", "one marcher", "the activists"): when the nearest one is a description, the description
is the answer, never a name further back. A name only in an object or a prepositional phrase is no
antecedent. Nothing compatible in reach: the pronoun stays unresolved (``pronoun``), and is listed
as nobody.

A title used as a name ("the president said", "President said") is the one person the article gave
that title before; given to nobody or to several, it stays a description.

"I" and "we" outside quotation marks are the article's author, or the author of a document the
article prints after a colon ("The letter reads:"): that document's author when the paragraph
introducing it names one, else unresolved.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.intervals import Disjoint
from newsdesk.model import Attributed, Mention, Quote, Span, line_of
from newsdesk.nlp.gender import PRONOUN_GENDER, gender_of
from newsdesk.nlp.roles import GROUP_NOUNS, HUMAN_NOUNS, TITLES, describes_organisation

if TYPE_CHECKING:
    from spacy.tokens import Doc

# What a pronoun can stand for: one person, one organisation or thing, several people; first person.
PRONOUNS = {
    "he": "person",
    "she": "person",
    "him": "person",
    "her": "person",
    "his": "person",
    "it": "thing",
    "its": "thing",
    "they": "group",
    "them": "group",
    "their": "group",
    "i": "first",
    "me": "first",
    "my": "first",
    "we": "first",
    "us": "first",
    "our": "first",
}
# Paragraphs before the pronoun's own that an antecedent may stand in.
REACH = 2


@dataclass(frozen=True, slots=True)
class Antecedent:
    """A possible antecedent: where it is written, and what it is (``named`` person, ``unnamed``
    person described, ``group`` of people described, ``organisation``)."""

    span: Span
    text: str
    kind: str
    gender: str = ""
    subject: bool = False  # the subject of its clause: the likelier antecedent of a subject pronoun


def antecedents(
    parsed: Doc,
    text: str,
    mentions: Sequence[Mention],
    said: Disjoint,
    people: tuple[frozenset[str], dict[str, str]],
) -> list[Antecedent]:
    """Every possible antecedent outside anything said, in reading order: names the tagger found,
    and noun phrases whose head is a word for people ("a migrant", "the marchers")."""
    names, genders = people
    found: list[Antecedent] = []
    for mention in mentions:
        if said.overlaps(mention.span.start, mention.span.start + 1):
            continue
        if mention.label in {"GPE", "LOC", "FAC", "PRODUCT"}:
            # A place or a thing: never a speaker, but an "it" may stand for it rather than for an
            # organisation named before.
            found.append(Antecedent(mention.span, mention.text, "other", subject=_is_subject(parsed, mention.span)))
            continue
        if mention.label in {"NORP", "DATE", "TIME"}:
            continue
        organisation = mention.description is not None and describes_organisation(mention.description.of(text))
        person = (mention.label == "PERSON" or mention.text.lower() in names) and not organisation
        subject = _is_subject(parsed, mention.span)
        if person:
            found.append(Antecedent(mention.span, mention.text, "named", gender_of(mention, genders), subject))
        elif mention.label == "ORG" or organisation:
            found.append(Antecedent(mention.span, mention.text, "organisation", subject=subject))
    named = [a.span for a in found if a.kind != "other"]
    for chunk in parsed.noun_chunks:
        root = chunk.root
        lemma = root.lemma_.lower()
        if said.overlaps(chunk.start_char, chunk.start_char + 1):
            continue
        if root.pos_ == "PROPN" and root.tag_ == "NNP" and root.dep_ in _SUBJECTS:
            # "McAuliffe has said": a name the tagger missed, the subject of its clause.
            if not any(a.span.start < chunk.end_char and chunk.start_char < a.span.end for a in found):
                name = Span(root.idx, root.idx + len(root.text))
                found.append(Antecedent(name, root.text, "named", genders.get(root.lower_, ""), subject=True))
            continue
        if root.pos_ != "NOUN" or (lemma not in HUMAN_NOUNS and lemma not in GROUP_NOUNS):
            if root.pos_ == "NOUN" and root.dep_ in _SUBJECTS and root.tag_ == "NN":
                # "The report says ... It also finds": a thing the subject, for "it" to stand for.
                found.append(Antecedent(Span(chunk.start_char, chunk.end_char), chunk.text, "other", subject=True))
            continue
        # "Jane Roe, a migrant," or "migrant Jane Roe": the description is the name's, not another person.
        if root.dep_ == "appos" or any(c.dep_ == "appos" for c in root.children):
            continue
        if any(s.start < chunk.end_char and chunk.start_char < s.end for s in named):
            continue
        plural = root.tag_ in {"NNS", "NNPS"} or lemma in GROUP_NOUNS
        start = chunk.start_char
        words = text[start : chunk.end_char]
        subject = root.dep_ in _SUBJECTS
        found.append(Antecedent(Span(start, chunk.end_char), words, "group" if plural else "unnamed", subject=subject))
    return sorted(found, key=lambda a: a.span.start)


def resolve_pronoun(
    text: str, pronoun: Span, candidates: Sequence[Antecedent], introduced: Span | None = None
) -> Antecedent | None:
    """The nearest compatible antecedent before ``pronoun`` within reach, or None.

    The candidates are outside anything said already, so in '“Smith is wrong,” he said' Smith is
    none. ``introduced`` is the author of a document printed in the pronoun's paragraph, for "I"
    and "we".
    """
    word = pronoun.of(text).lower()
    kind = PRONOUNS.get(word)
    if kind is None:
        return None
    if kind == "first":
        if introduced is None:
            return None
        return Antecedent(introduced, introduced.of(text), "named")
    limit = pronoun.start
    floor = _reach(text, pronoun.start)
    wanted = PRONOUN_GENDER.get(word, "")
    fitting = [
        candidate
        for candidate in candidates
        if floor <= candidate.span.start and candidate.span.end <= limit and _fits(candidate, kind, wanted)
    ]
    if not fitting:
        return None
    # A pronoun speaker takes up a subject before it ("Roe met Smith. She said ..."): the nearest
    # subject that fits. A name only in an object or a prepositional phrase ("loyal to Roe") is
    # too weak a sign: no subject fits, no antecedent.
    subjects = [c for c in fitting if c.subject]
    if not subjects:
        return None
    chosen = subjects[-1]
    return None if chosen.kind == "other" else chosen  # "it" is the report, not an organisation


def _fits(candidate: Antecedent, kind: str, wanted: str) -> bool:
    """Same number, same gender where both are known ("she" is not Mr. Smith), same sort of thing."""
    if kind == "person":
        return candidate.kind in {"named", "unnamed"} and not (
            candidate.gender and wanted and candidate.gender != wanted
        )
    if kind == "thing":
        return candidate.kind in {"organisation", "other"}
    return kind == "group" and candidate.kind == "group"


_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def _is_subject(parsed: Doc, span: Span) -> bool:
    words = parsed.char_span(span.start, span.end, alignment_mode="expand")
    if words is None:
        return False
    token = words.root
    # "Roe, the mayor," or a name the parse hung on a headline above it: what it stands beside.
    while token.dep_ in {"appos", "compound", "conj"} and token.head.i != token.i:
        token = token.head
    return token.dep_ in _SUBJECTS


def _reach(text: str, position: int) -> int:
    """The start of the paragraph ``REACH`` paragraphs before the one at ``position``."""
    start = line_of(text, position).start
    for _ in range(REACH):
        if start == 0:
            break
        start = line_of(text, start - 1).start
    return start


def resolve_title(text: str, phrase: str, position: int, mentions: Sequence[Mention]) -> Mention | None:
    """ "the president", "President", "the former governor": the one person the article gives that
    title before ``position`` ("President Jane Roe", "Roe, the president,"), or None when it gives
    it to nobody or to several people."""
    words = phrase.lower().replace(".", "").split()
    if words[:1] == ["the"]:
        words = words[1:]
    elif len(words) != 1 or not phrase[:1].isupper():
        return None  # "a spokesman" is somebody, not the one spokesman
    if not words or len(words) > 2 or words[-1] in _NOT_HEADS or any(w not in TITLES for w in words):
        return None
    title = re.escape(words[-1])
    before_name = re.compile(rf"\b{title}\.?[ \xa0]+$", re.I)
    described = re.compile(rf"^,[ \xa0]+(?:the|a|an)[ \xa0]+(?:[\w.'’-]+[ \xa0]+){{0,3}}?{title}\b", re.I)
    holders: dict[str, Mention] = {}
    for mention in mentions:
        if mention.label != "PERSON" or mention.span.end > position:
            continue
        lead = text[max(0, mention.span.start - 30) : mention.span.start]
        first = mention.text.split()[0].lower().rstrip(".")
        if before_name.search(lead) or first == words[-1] or described.match(text, mention.span.end):
            holders[mention.text.split()[-1].lower()] = mention  # the latest mention of that person
    return next(iter(holders.values())) if len(holders) == 1 else None


# Title words that are never a title's head ("the state", "the former"): modifiers and honorifics.
_NOT_HEADS = frozenset("state former vice deputy supreme chief prime dr mr mrs ms sir dame lord lady".split())


def person_names(mentions: Sequence[Mention]) -> frozenset[str]:
    """Every name the tagger read as a person's somewhere in the article, and its surname: a
    "Roe" tagged ORG here is a person when "Jane Roe" is one there."""
    names: set[str] = set()
    for mention in mentions:
        if mention.label == "PERSON":
            names.add(mention.text.lower())
            names.add(mention.text.split()[-1].lower())
    return frozenset(names)


_BACK_REFERENCES = (
    "the publication",
    "the outlet",
    "the media",
    "according",
    "the newspaper",
    "the agency",
    "the magazine",
)


def outlet_positions(text: str, relays: Sequence[Attributed]) -> list[tuple[int, Span, str]]:
    """Where the article names each outlet it relays: (position, name span, outlet)."""
    found = []
    for relay in relays:
        for span in relay.evidence:
            written = span.of(text)
            if written.lower().startswith(_BACK_REFERENCES):
                continue
            name = written[: len(relay.value)] if written.startswith(relay.value) else written.split()[0]
            found.append((span.start, Span(span.start, span.start + len(name)), relay.value))
    return sorted(found, key=lambda item: item[0])


def resolve_speaker(
    text: str,
    quote: Quote,
    mentions: Sequence[Mention],
    candidates: Sequence[Antecedent],
    before: list[Quote],
    outlets: list[tuple[int, Span, str]],
) -> Quote:
    """Give a pronoun its antecedent, "the publication" its outlet, a cue-less quote its speaker;
    each only on evidence, else the quote stays unresolved or unattributed."""
    if quote.speaker_kind == "pronoun" and quote.speaker is not None:
        author = _document_author(text, quote.speaker, before, candidates)
        found = resolve_pronoun(text, quote.speaker, candidates, author)
        if found is None:
            # A pronoun nothing before it stands for: unresolved, nobody's name.
            return dataclasses.replace(quote, note="unresolved pronoun")
        kind = "named" if found.kind == "organisation" else found.kind  # "it": the organisation named before
        return dataclasses.replace(quote, speaker=found.span, speaker_text=found.text, speaker_kind=kind)
    if quote.speaker_kind in {"unnamed", "named"} and quote.speaker is not None and quote.speaker_text:
        holder = resolve_title(text, quote.speaker_text, quote.speaker.start, mentions)
        if holder is not None:
            return dataclasses.replace(quote, speaker=holder.span, speaker_text=holder.text, speaker_kind="named")
        if quote.speaker_text.lower() in TITLES:
            return dataclasses.replace(quote, speaker_kind="unnamed")  # "President": who is not known
    if quote.speaker_kind == "unnamed" and quote.speaker_text and DESIGNATOR.match(quote.speaker_text):
        earlier = [item for item in outlets if item[0] < (quote.cue or quote.span).start]
        if earlier:
            _, span, outlet = earlier[-1]
            return dataclasses.replace(
                quote, speaker=span, speaker_text=span.of(text), speaker_kind="outlet", note=f"relays {outlet}"
            )
    if quote.note == "continuation" and line_of(text, quote.span.start).start > 0:
        author = _document_author(text, quote.span, before, candidates)
        if author is not None:
            # "Roe described the meeting in a memo:" and the quotation after it: Roe's words.
            return dataclasses.replace(
                quote, speaker=author, speaker_text=author.of(text), speaker_kind="named", note="printed document"
            )
    if quote.note in {"continuation", "answer"}:
        previous = next((q for q in reversed(before) if q.kind != "scare"), None)
        if previous is None or previous.speaker is None or not _adjacent(text, previous, quote):
            return dataclasses.replace(quote, note=None)  # nobody speaking just before: unattributed
        why = "answer of the previous speaker" if quote.note == "answer" else "continues the previous speaker"
        return dataclasses.replace(
            quote,
            speaker=previous.speaker,
            speaker_text=previous.speaker_text,
            speaker_kind=previous.speaker_kind,
            channel=quote.channel or previous.channel,
            note=why,
            speaker_phrase=None,  # nothing names the speaker here: it carries over
        )
    return quote


def _adjacent(text: str, previous: Quote, quote: Quote) -> bool:
    """The quote before stands in the same paragraph or the one right before: a quote with no cue
    continues only a speaker who was just speaking."""
    here = line_of(text, quote.span.start)
    there = line_of(text, previous.span.end - 1 if previous.span.end > previous.span.start else previous.span.start)
    if there.start == here.start:
        return True
    return here.start > 0 and line_of(text, here.start - 1).start == there.start


def _document_author(text: str, pronoun: Span, before: list[Quote], candidates: Sequence[Antecedent]) -> Span | None:
    """For "I" or "we" outside quotation marks: the named author of a document printed from the
    pronoun's paragraph on, introduced by a paragraph ending with a colon ("Smith wrote in the
    letter:"), else None (the article's own author, or nobody known)."""
    line = line_of(text, pronoun.start)
    if line.start == 0:
        return None
    introduction = line_of(text, line.start - 1)
    if not introduction.of(text).rstrip().endswith(":"):
        return None
    for quote in reversed(before):
        cue = quote.cue or quote.span
        if introduction.start <= cue.start < introduction.end and quote.speaker_kind == "named" and quote.speaker:
            return quote.speaker
    # "Jane Roe wrote to the council:" reports nothing itself: the one person named as a subject there.
    named = [c for c in candidates if c.subject and c.kind == "named" and introduction.start <= c.span.start]
    named = [c for c in named if c.span.end <= introduction.end]
    return named[-1].span if len({c.text for c in named}) == 1 else None


# Who "the publication" is: a word for a piece or its outlet, or its authors ("the authors of the
# report", "its writers"), said of an outlet the article relays.
_PIECE = r"(?:media\s+)?(?:publication|outlet|newspaper|paper|news agency|agency|magazine|article|report|material|piece|story)"
DESIGNATOR = re.compile(
    rf"^(?:the\s+|its\s+|this\s+)?(?:{_PIECE}|(?:authors?|writers?|editors?)(?:\s+of\s+(?:the|this|that|its)\s+{_PIECE})?)\b",
    re.I,
)
