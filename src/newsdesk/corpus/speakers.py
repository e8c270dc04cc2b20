"""The speaker links story stage: who said each quote, found once and stored (``speaker_links``),
so that reads filter quotes by their speaker with an index instead of working each one out.

It runs after the entities stage, on the entities as stored, with the export's own finder
(``model.speakers``): the links stored are the ones the export writes. A document's links are
made again only when what the finder reads of it changed (``corpus.story_memo``): its quotes,
the entities its mentions stand for and, where a speaker is found by name, the names, aliases and
types of the entities it names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from newsdesk.corpus.story_memo import DocMemo, StepChange, StoryView, digest, in_order, to_recompute
from newsdesk.model import Document, Entity
from newsdesk.model.speakers import NAMING, SpeakerFinder, SpeakerLink, speaker_links

EXTRACTOR = "newsdesk.corpus.speakers.v1"


def link_speakers(documents: Iterable[Document], entities: list[Entity]) -> list[SpeakerLink]:
    """A link for every quote of ``documents``: its speaker's entity among ``entities`` (in the
    story's order) and the name it is listed under, either None when unknown."""
    return speaker_links(((d.id, d.quotes) for d in documents), SpeakerFinder(entities))


def speaker_digest(document: Document, view: StoryView) -> str:
    """What the finder reads of ``document``: its quotes, the entity each mention character stands
    for, and the names of the entities it names when a speaker is looked up by name (no mention at
    either end of the speaker's words)."""
    by_name = any(
        q.speaker is not None
        and q.speaker_kind in NAMING
        and q.speaker_text
        and (document.id, q.speaker.start) not in view.at
        and (document.id, q.speaker.end - 1) not in view.at
        for q in document.quotes
    )
    named = (
        sorted((e.id, e.name, e.type, sorted({a.lower() for a in e.aliases})) for e in view.named(document.id))
        if by_name
        else []
    )
    return digest((document.quotes, view.runs(document.id), named))


def incremental_links(
    documents: Sequence[Document], view: StoryView, memo: Mapping[str, DocMemo] | None
) -> tuple[list[SpeakerLink], StepChange]:
    """The links of the documents whose digest changed since the ``memo`` kept (every document's
    without one), and the change to store with them."""
    chosen, change = to_recompute(EXTRACTOR, documents, lambda d: speaker_digest(d, view), memo)
    return link_speakers(chosen, in_order(view, {e.id for d in chosen for e in view.named(d.id)})), change
