"""The speaker links story stage: who said each quote, found once and stored (``speaker_links``),
so that reads filter quotes by their speaker with an index instead of working each one out.

It runs after the entities stage, on the entities as stored, with the export's own finder
(``model.speakers``): the links stored are the ones the export writes.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsdesk.model import Document, Entity
from newsdesk.model.speakers import SpeakerFinder, SpeakerLink, speaker_links

EXTRACTOR = "newsdesk.corpus.speakers.v1"


def link_speakers(documents: Iterable[Document], entities: list[Entity]) -> list[SpeakerLink]:
    """A link for every quote of ``documents``: its speaker's entity among ``entities`` (in the
    story's order) and the name it is listed under, either None when unknown."""
    return speaker_links(((d.id, d.quotes) for d in documents), SpeakerFinder(entities))
