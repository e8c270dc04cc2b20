"""Who a pronoun speaker stands for, on evidence only.

A pronoun ("he said", "they argued", "I replied") names its speaker only through an antecedent:
the nearest compatible one before it, outside anything said, within the pronoun's paragraph and
the two before it, a subject preferred to any other word. Compatible means the same number and, where the article signals one, the same
gender: "she" is not Mr. Smith, "they" is not one person. The antecedent may be a name or a
description of a person ("a migrant", "one marcher", "the activists"): when the nearest one is a
description, the description is the answer, never a name further back. Nothing compatible in
reach: the pronoun stays unresolved (``pronoun``), and is listed as nobody.

A title used as a name ("the president said", "President said") is the one person the article gave
that title before; given to nobody or to several, it stays a description.

"I" and "we" outside quotation marks are the article's author, or the author of a document the
article prints after a colon ("The letter reads:"): that document's author when the paragraph
introducing it names one, else unresolved.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.intervals import Disjoint
from newsdesk.model import Mention, Span, line_of
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

    In a trailing attribution (", he said.") the words earlier in the same sentence belong to what
    was said, so the search starts before that sentence. ``introduced`` is the author of a document
    printed in the pronoun's paragraph, for "I" and "we".
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
    if text[max(0, pronoun.start - 2) : pronoun.start].strip() in {",", "”,", '",'}:
        limit = max(text.rfind(mark, 0, pronoun.start) for mark in (". ", "? ", "! ", "\n", ".” ", '." ')) + 1
    floor = _reach(text, pronoun.start)
    wanted = PRONOUN_GENDER.get(word, "")
    fitting = [
        candidate
        for candidate in candidates
        if floor <= candidate.span.start and candidate.span.end <= limit and _fits(candidate, kind, wanted)
    ]
    if not fitting:
        return None
    # A subject pronoun takes up the subject before it ("Roe met Smith. She said ..."): the nearest
    # subject that fits, else the nearest that fits.
    subjects = [c for c in fitting if c.subject]
    chosen = subjects[-1] if subjects else fitting[-1]
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
    return words is not None and words.root.dep_ in _SUBJECTS


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
