"""Who said a quote: the story's entity that a quote's speaker words refer to.

One finder, shared by the export's quote records (``report.export.quote_records``) and the
speaker links story stage (``corpus.speakers``), so that the links the stage stores are the ones
the export writes. It reads only model types, so both levels can import it.

A speaker is linked only when the text names one (``named``, ``outlet``): by an entity mention at
the first or last character of the speaker's words, else by the words being one name of exactly
one entity of the article, else the one person of the article with that surname. Anything else
stays unlinked: a pronoun left unresolved or a thing ("the walk") names nobody, and a name that
fits two entities is not guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsdesk.model import Entity, Quote

# Speaker kinds whose words name somebody the story may know as an entity.
NAMING = frozenset({"named", "outlet"})
# Speaker kinds that are words standing for nobody known: listed under no voice.
NOBODY = frozenset({"pronoun", "thing"})


class SpeakerFinder:
    """The entity of each quote's speaker among ``entities`` (in the story's order: where two
    entities' mentions cover one character, the first in that order is the one meant)."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        # Per document: each mention's span with its entity's rank, and the entities named there.
        self._spans: dict[str, list[tuple[int, int, int]]] = {}
        self._in_doc: dict[str, list[Entity]] = {}
        self._entities = list(entities)
        for rank, entity in enumerate(self._entities):
            for mention in entity.mentions:
                self._spans.setdefault(mention.doc, []).append((mention.span.start, mention.span.end, rank))
            for doc in entity.documents:
                self._in_doc.setdefault(doc, []).append(entity)

    def entity(self, doc: str, quote: Quote) -> Entity | None:
        """The entity that ``quote``'s speaker (in document ``doc``) is, or None when unknown."""
        if quote.speaker is None or quote.speaker_kind not in NAMING:
            return None
        found = self._at(doc, quote.speaker.start) or self._at(doc, quote.speaker.end - 1)
        if found is None and quote.speaker_text:
            found = _by_name(quote.speaker_text, self._in_doc.get(doc, []))
        return found

    def _at(self, doc: str, position: int) -> Entity | None:
        ranks = [rank for start, end, rank in self._spans.get(doc, ()) if start <= position < end]
        return self._entities[min(ranks)] if ranks else None


def _by_name(name: str, in_doc: list[Entity]) -> Entity | None:
    """A speaker the tagger missed ("Kessel wrote", "Harbour Review writes"): the entity of that
    name, else the one person of that surname, among the article's entities ``in_doc``."""
    exact = [e for e in in_doc if name.lower() in (a.lower() for a in (e.name, *e.aliases))]
    if len(exact) == 1:
        return exact[0]
    last = name.split()[-1].lower()
    people = [e for e in in_doc if e.type == "PERSON" and e.name.split()[-1].lower() == last]
    return people[0] if len(people) == 1 else None


def shown_name(quote: Quote, entity: Entity | None) -> str | None:
    """The speaker's name as listed: the entity's, else the words as written, none for words that
    stand for nobody (an unresolved "they", "the walk")."""
    if entity is not None:
        return entity.name
    return None if quote.speaker_kind in NOBODY else quote.speaker_text


def name_key(name: str | None) -> str | None:
    """A shown name as a filter on it compares it (``store.base.contains``: Unicode case folding)."""
    return name.casefold() if name else None


@dataclass(frozen=True, slots=True)
class SpeakerLink:
    """Who said one quote (the quote by its document, span and kind): the entity, when known, and
    the name it is listed under (None: unattributed)."""

    doc: str
    start: int
    end: int
    kind: str
    entity: str | None
    name: str | None


@dataclass(frozen=True, slots=True)
class QuoteSpeaker:
    """Who said one quote as a quote record shows it: the entity (None: none known), the name the
    quote is listed under (None: unattributed) and that entity's description."""

    entity: str | None
    name: str | None
    description: str | None


# A quote by its document, start, end and kind.
QuoteKey = tuple[str, int, int, str]


def found_speaker(finder: SpeakerFinder, doc: str, quote: Quote) -> QuoteSpeaker:
    """Who said ``quote`` (in document ``doc``) among the finder's entities."""
    entity = finder.entity(doc, quote)
    if entity is None:
        return QuoteSpeaker(None, shown_name(quote, None), None)
    return QuoteSpeaker(entity.id, shown_name(quote, entity), entity.description)


def speaker_links(documents: Iterable[tuple[str, Sequence[Quote]]], finder: SpeakerFinder) -> list[SpeakerLink]:
    """A link for every quote of ``documents`` (each a document id and its quotes), linked or not."""
    links = []
    for doc, quotes in documents:
        for quote in quotes:
            entity = finder.entity(doc, quote)
            links.append(
                SpeakerLink(
                    doc,
                    quote.span.start,
                    quote.span.end,
                    quote.kind,
                    entity.id if entity is not None else None,
                    shown_name(quote, entity),
                )
            )
    return links
