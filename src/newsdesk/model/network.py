"""An edge of the actor network as the relation edges story stage stores it
(``corpus.relations``): the tie with its place among its document's edges and the text of each
span it points to, so that a reader builds its record without the document."""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.model import Evidence, Span


@dataclass(frozen=True, slots=True)
class Quoted:
    """A span of a document with the text it covers."""

    evidence: Evidence
    text: str

    @classmethod
    def of(cls, doc: str, start: int | None, end: int | None, text: str | None) -> Quoted | None:
        """The span stored as ``start``, ``end`` and ``text``; None when it is not (NULL)."""
        if start is None or end is None or text is None:
            return None
        return cls(Evidence(doc, Span(start, end)), text)


@dataclass(frozen=True, slots=True)
class NetworkEdge:
    """``source`` acts on ``target`` (``kind``), as one sentence of ``doc`` states it; ``place``:
    its place among the document's edges, from 1 (the export's order). The spans are those of
    ``corpus.relations.Edge`` (the sentence, the trigger word, both mentions, the dating
    expression), each with its text."""

    doc: str
    place: int
    source: str
    target: str
    kind: str
    sentence: Quoted
    date: str | None
    directed: bool
    modality: str
    extractor: str
    trigger_text: Quoted | None = None
    source_text: Quoted | None = None
    target_text: Quoted | None = None
    date_text: Quoted | None = None

    @property
    def evidence(self) -> Evidence:
        return self.sentence.evidence

    @property
    def trigger(self) -> Evidence | None:
        return self.trigger_text.evidence if self.trigger_text else None

    @property
    def source_mention(self) -> Evidence | None:
        return self.source_text.evidence if self.source_text else None

    @property
    def target_mention(self) -> Evidence | None:
        return self.target_text.evidence if self.target_text else None

    @property
    def date_evidence(self) -> Evidence | None:
        return self.date_text.evidence if self.date_text else None

    def text(self, evidence: Evidence) -> str:
        """The text of one of the edge's spans."""
        spans = (self.sentence, self.trigger_text, self.source_text, self.target_text, self.date_text)
        return next(quoted.text for quoted in spans if quoted is not None and quoted.evidence == evidence)
