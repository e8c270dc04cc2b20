"""The stages read off spaCy's parse of an article (junk blanked out, offsets kept): mentions,
quotes, events, relations and propositions, registered in ``PARSE_STAGES``."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.model import Document, Mention, Span, line_of, masked_body
from newsdesk.nlp.cues import SPEECH_PAST
from newsdesk.nlp.equipment import EXTRACTOR as EQUIPMENT
from newsdesk.nlp.equipment import find_equipment
from newsdesk.nlp.events import EXTRACTOR as EVENTS
from newsdesk.nlp.events import find_events
from newsdesk.nlp.known_names import EXTRACTOR as KNOWN_NAMES
from newsdesk.nlp.known_names import known_name_mentions, tidy_name
from newsdesk.nlp.models import extractor_name, parsed_text
from newsdesk.nlp.propositions import EXTRACTOR as PROPOSITIONS
from newsdesk.nlp.propositions import propositions_of
from newsdesk.nlp.quotes import EXTRACTOR as QUOTES
from newsdesk.nlp.quotes import find_quotes
from newsdesk.nlp.relations import EXTRACTOR as RELATIONS
from newsdesk.nlp.relations import find_relations
from newsdesk.nlp.roles import TITLES
from newsdesk.stages import Stage, stage

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

# Names; numbers, dates and quantities are the business of other stages.
NAME_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)
_DESCRIPTIVE_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss"})


@dataclass(frozen=True, slots=True)
class Parse:
    """What the parse stages read besides the document: spaCy's parse of its masked body and the
    name of the pipeline that made it."""

    doc: Doc
    extractor: str


def _mentions(document: Document, parse: Parse) -> Document:
    mentions = mentions_of(parse.doc, document.text, parse.extractor)
    return dataclasses.replace(
        document, mentions=mentions, extractors=(*document.extractors, parse.extractor, EQUIPMENT, KNOWN_NAMES)
    )


def _quotes(document: Document, parse: Parse) -> Document:
    quotes = find_quotes(parse.doc, document.text, document.mentions, document.headings, document.reported_from)
    return dataclasses.replace(document, quotes=quotes, extractors=(*document.extractors, QUOTES))


def _events(document: Document, parse: Parse) -> Document:
    events = find_events(parse.doc, document.text, document.mentions, document.times, document.quotes)
    return dataclasses.replace(document, events=events, extractors=(*document.extractors, EVENTS))


def _relations(document: Document, parse: Parse) -> Document:
    relations = find_relations(parse.doc, document.text, document.mentions, document.events, document.quotes)
    return dataclasses.replace(document, relations=relations, extractors=(*document.extractors, RELATIONS))


def _propositions(document: Document, parse: Parse) -> Document:
    propositions = propositions_of(parse.doc, document.text, document.quotes)
    return dataclasses.replace(document, propositions=propositions, extractors=(*document.extractors, PROPOSITIONS))


# The stages read off spaCy's parse, in order; each names what it reads and what it adds.
PARSE_STAGES: tuple[Stage[Document, Parse], ...] = (
    stage("newsdesk.nlp.mentions.v1", {"parse", "text"}, {"mentions"}, _mentions),
    stage(QUOTES, {"parse", "text", "mentions", "headings", "reported_from"}, {"quotes"}, _quotes),
    stage(EVENTS, {"parse", "text", "mentions", "times", "quotes"}, {"events"}, _events),
    stage(RELATIONS, {"parse", "text", "mentions", "events", "quotes"}, {"relations"}, _relations),
    stage(PROPOSITIONS, {"parse", "text", "quotes"}, {"propositions"}, _propositions),
)


def annotate(documents: Iterable[Document], nlp: Language, batch_size: int = 32) -> Iterator[Document]:
    """The parse stages over documents that went through the text stages, batched through
    ``nlp.pipe`` in this process, with no failure isolation (for tests and evaluations; ingest
    goes through ``newsdesk.pipeline.analyse_many``)."""
    extractor = extractor_name(nlp)
    pairs = ((masked_body(document), document) for document in documents)
    for parsed, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield analysed(document, parsed, extractor)


def analysed(document: Document, parsed: Doc, extractor: str) -> Document:
    """The document with what its parse gives: mentions, then the quotes, dated events,
    relations and propositions that hang on them (the ``PARSE_STAGES`` in order)."""
    parse = Parse(parsed, extractor)
    for item in PARSE_STAGES:
        document = item.run(document, parse)
    return document


def mentions_of(parsed: Doc, text: str, extractor: str) -> tuple[Mention, ...]:
    found: list[Mention] = []
    # On the parsed (masked) text, so that designations inside removed junk are never found.
    equipment = list(find_equipment(parsed_text(parsed)))
    for entity in parsed.ents:
        if entity.label_ not in NAME_LABELS:
            continue
        clipped = _clip(entity)
        if clipped is None:
            continue
        entity = clipped
        span = _trim(text, Span(entity.start_char, entity.end_char))
        span = tidy_name(text, span) if span is not None else None
        if span is None or not _looks_like_a_name(span.of(text)):
            continue
        if any(e.start < span.end and span.start < e.end for e, _ in equipment):
            continue
        root = entity.root
        governor = root.head.lemma_ or root.head.lower_ if root.head.i != root.i else None
        found.append(
            Mention(
                span=span,
                text=span.of(text),
                label=entity.label_,
                extractor=extractor,
                role=root.dep_ or None,
                governor=governor,
                description=_description(entity, text),
            )
        )
    for span, _ in equipment:
        found.append(Mention(span=span, text=span.of(text), label="PRODUCT", extractor=EQUIPMENT))
    found.extend(known_name_mentions(parsed, text, found))
    return tuple(sorted(found, key=lambda m: (m.span.start, m.span.end)))


_PARTICLES = ("al-", "el-", "de ", "van ", "von ", "da ", "di ", "bin ", "ibn ", "ben ", "le ", "la ")


def _looks_like_a_name(text: str) -> bool:
    """Names start with a capital (or a particle such as al-); "pro-government" and "X." are no names."""
    bare = text[4:] if text.lower().startswith("the ") else text
    letters = sum(ch.isalpha() for ch in bare)
    if letters < 2 or (" " not in bare and bare.lower().rstrip(".") in TITLES):
        return False
    return bare[:1].isupper() or bare[:1].isdigit() or bare.lower().startswith(_PARTICLES)


# Words the tagger sometimes pulls into a name: "Replied Jane Roe", "Removing Roe", "Perhaps in Lennvik";
# a verb of saying in the past leading a name is an inverted cue.
_NOT_NAME_POS = frozenset({"VERB", "AUX", "ADV", "ADP", "SCONJ", "CCONJ", "PRON", "INTJ", "PART"})
_CUE_WORDS = SPEECH_PAST | frozenset("adds says tells writes asks notes according".split())


def _not_name(token: Token, last: bool) -> bool:
    """A word leading a tagged span that belongs to the sentence, not the name; "Removing Roe"
    comes tagged as a proper noun, so a long -ing word before the name counts too."""
    if token.lower_ == "the":
        return False
    gerund = not last and len(token.text) >= 7 and token.lower_.endswith("ing")
    return token.pos_ in _NOT_NAME_POS or token.lower_ in _CUE_WORDS or gerund


def _clip(entity: SpacySpan) -> SpacySpan | None:
    """Trim words that are not part of the name, and stop at a spaced dash ("Lennvik - Reuters")."""
    from spacy.tokens import Span as SpacySpanType

    doc = entity.doc
    start, end = entity.start, entity.end
    while start < end and _not_name(doc[start], last=start == end - 1):
        start += 1
    for index in range(start, end):
        if doc[index].text in {"-", "–", "—"} and doc[index].whitespace_ and index > start:
            end = index
            break
    # A name never runs over a line break ("Yuri Kushko\nTAVILDARA" is a name and a dateline):
    # keep the line that holds the name's head.
    breaks = [i for i in range(start, end - 1) if "\n" in doc[i].whitespace_ or doc[i + 1].is_space]
    if breaks:
        root = entity.root.i if start <= entity.root.i < end else start
        before = [i for i in breaks if i < root]
        after = [i for i in breaks if i >= root]
        start = before[-1] + 1 if before else start
        end = after[0] + 1 if after else end
        while start < end and doc[start].is_space:
            start += 1
        while end > start and doc[end - 1].is_space:
            end -= 1
    if entity.label_ == "PERSON":
        while start > 0:
            token = doc[start - 1]
            if (
                token.pos_ == "PROPN"
                and token.dep_ == "compound"
                and token.head.i >= start
                and token.text[:1].isupper()
                and token.ent_type_ in ("", "PERSON")
                and token.lower_ not in TITLES
                and not _not_name(token, last=False)
            ):
                start -= 1
            else:
                break
    if start >= end:
        return None
    if (start, end) == (entity.start, entity.end):
        return entity
    return SpacySpanType(doc, start, end, label=entity.label_)


def _trim(text: str, span: Span) -> Span | None:
    """Drop a possessive ending and surrounding punctuation from a tagged span."""
    start, end = span.start, span.end
    for suffix in ("'s", "’s", "'", "’"):
        if text[start:end].endswith(suffix) and end - len(suffix) > start:
            end -= len(suffix)
            break
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum() and text[end - 1] not in ".)":
        end -= 1
    return Span(start, end) if end > start else None


def _description(entity: SpacySpan, text: str) -> Span | None:
    """An appositive ("X, a professor at ...") or the modifiers before the name ("Kyiv-based analyst X")."""
    root = entity.root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= entity.end:
            tokens = list(child.subtree)
            return _one_line(text, _trim(text, Span(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))), root.idx)
    # Also "X, head of ..." where the parser hangs the appositive on the name's head.
    # "X, who was the chief harbour engineer at ...": a relative clause that says what X is.
    for child in root.children:
        if child.dep_ == "relcl" and child.i >= entity.end and child.lemma_ == "be":
            tokens = list(child.subtree)
            return _one_line(text, _trim(text, Span(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))), root.idx)
    before = [t for t in root.children if t.dep_ in _DESCRIPTIVE_DEPS and t.i < entity.start]
    if before:
        first = min(t.left_edge.i for t in before)
        tokens = [t for t in entity.doc[first : entity.start] if not t.is_punct]
        # A role word ("analyst") or a title ("US President"), not a possessor alone ("Norland's").
        if tokens and any(t.pos_ == "NOUN" or t.lower_ in TITLES for t in tokens):
            return _one_line(text, _trim(text, Span(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))), root.idx)
    return None


def _one_line(text: str, span: Span | None, anchor: int) -> Span | None:
    """A description is on the name's line: the parser may reach over a dateline above it."""
    if span is None or "\n" not in span.of(text):
        return span
    line = line_of(text, anchor)
    start, end = max(span.start, line.start), min(span.end, line.end)
    return _trim(text, Span(start, end)) if end > start else None
