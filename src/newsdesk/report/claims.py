"""The contract's ``claims`` section: each claim with its evidence, articles, independent sources
and what contradicts it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newsdesk.model import Claim, Document, Statement
from newsdesk.report.records import evidence_record


def claim_records(
    claims: Iterable[Claim], documents: dict[str, Document], names: dict[str, str]
) -> list[dict[str, Any]]:
    texts = {doc: d.text for doc, d in documents.items()}
    records = []
    for claim in claims:
        records.append(
            {
                "id": claim.id,
                "text": claim.text,
                "evidence": [{"doc": s.doc, "start": s.span.start, "end": s.span.end} for s in claim.statements],
                "documents": list(claim.documents),
                "independent_sources": len(claim.sources),
                "contradicts": [{"claim": c.claim, "why": c.why} for c in claim.conflicts],
                # Extensions: who the sources are, who says it, and the evidence of each conflict.
                "sources": list(claim.sources),
                "statements": [
                    {
                        "doc": s.doc,
                        "start": s.span.start,
                        "end": s.span.end,
                        "text": s.text,
                        "speaker": {
                            "entity": s.speaker if s.speaker in names else None,
                            "name": names.get(s.speaker or "", s.speaker),
                        },
                        "actors": list(s.actors),
                        "dates": [value for value, _ in s.dates],
                    }
                    for s in claim.statements
                ],
                "conflicts": [
                    {
                        "claim": c.claim,
                        "why": c.why,
                        "ours": evidence_record(c.ours, texts),
                        "theirs": evidence_record(c.theirs, texts),
                    }
                    for c in claim.conflicts
                ],
                "extractor": claim.extractor,
                # Extensions (issue 14): a reported fact or a view, who holds a view, and each
                # statement's proposition (predicate, polarity, modality, holder).
                "kind": claim.kind.value,
                "holders": [names.get(holder, holder) for holder in claim.holders],
                "propositions": [_proposition_record(s) for s in claim.statements],
                "related": [{"claim": other, "similarity": score} for other, score in claim.related],
            }
        )
    return records


def _proposition_record(statement: Statement) -> dict[str, Any] | None:
    p = statement.proposition
    if p is None:
        return None
    return {
        "doc": statement.doc,
        "predicate": {"start": p.predicate.start, "end": p.predicate.end, "lemma": p.lemma},
        "arguments": [{"role": a.role, "start": a.span.start, "end": a.span.end, "text": a.text} for a in p.arguments],
        "polarity": p.polarity.value,
        "modality": p.modality.value,
        "holder": {"start": p.holder.start, "end": p.holder.end, "text": p.holder_text} if p.holder else None,
    }


# Per article, the shared claims it leaves out are counted among the story's best corroborated
# ones only: every shared claim would make the section grow as articles times claims.
KEY_CLAIMS = 100


def coverage_records(
    claims: list[dict[str, Any]], quotes: list[dict[str, Any]], documents: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Per article: the claims it carries, which of the story's key claims (the multi-article claims
    with most independent sources, at most ``KEY_CLAIMS``) it leaves out, and the voices it quotes,
    so a reader sees what each outlet left out (article level, no bias labels)."""
    coverage = Coverage(claims)
    quoted: dict[str, list[dict[str, Any]]] = {}
    for quote in quotes:
        quoted.setdefault(quote["doc"], []).append(quote)
    return [coverage.row(document, quoted.get(document["id"], [])) for document in documents]


class Coverage:
    """The coverage of one article at a time (:func:`coverage_records`), the story's claims read once."""

    def __init__(self, claims: list[dict[str, Any]]) -> None:
        self.shared = sorted(
            (c for c in claims if len(c["documents"]) > 1),
            key=lambda c: (-c["independent_sources"], -len(c["documents"])),
        )[:KEY_CLAIMS]
        self.carried_by: dict[str, list[str]] = {}
        for claim in claims:
            for doc in claim["documents"]:
                self.carried_by.setdefault(doc, []).append(claim["id"])

    @classmethod
    def of(cls, key_claims: list[str], carried_by: dict[str, list[str]]) -> Coverage:
        """The coverage from what the store keeps: the key claims' ids, best first, and the
        claims each article of interest carries."""
        coverage = cls([])
        coverage.shared = [{"id": claim} for claim in key_claims]
        coverage.carried_by = carried_by
        return coverage

    def row(self, document: dict[str, Any], quotes: list[dict[str, Any]]) -> dict[str, Any]:
        """The article's record; ``quotes`` are its quotes."""
        voices: dict[str, int] = {}
        for quote in quotes:
            name = quote["speaker"]["name"]
            if name and quote["kind"] != "scare":
                voices[name] = voices.get(name, 0) + 1
        carried = self.carried_by.get(document["id"], [])
        held = set(carried)
        return {
            "doc": document["id"],
            "outlet": document["outlet"],
            "claims": carried,
            "left_out": [c["id"] for c in self.shared if c["id"] not in held],
            "voices": [{"name": name, "quotes": count} for name, count in sorted(voices.items(), key=lambda v: -v[1])],
        }


def outlet_coverage_records(coverage: list[dict[str, Any]], sources: dict[str, str]) -> list[dict[str, Any]]:
    """Per independent source (an outlet; the outlet an article relays; an outlet-less article on its
    own): its articles, the claims they carry, the multi-article claims none of them carries, and
    the voices they quote, most quoted first."""
    by_source = SourceCoverage(sources)
    for row in coverage:
        by_source.add(row)
    return by_source.records()


class SourceCoverage:
    """:func:`outlet_coverage_records` gathered one article's coverage row at a time: what it
    keeps grows with the sources and claims, not with the articles times the claims."""

    def __init__(self, sources: dict[str, str]) -> None:
        self.sources = sources
        self.shared: dict[str, None] = {}
        self.groups: dict[str, _SourceRows] = {}

    def prime(self, row: dict[str, Any] | None) -> None:
        """Order the claims left out as the story's first article's row names them (every key
        claim is in it), when the rows are gathered for some sources only."""
        if row is not None:
            self.shared.update(dict.fromkeys((*row["claims"], *row["left_out"])))

    def add(self, row: dict[str, Any]) -> None:
        self.shared.update(dict.fromkeys((*row["claims"], *row["left_out"])))
        source = self.sources.get(row["doc"], row["doc"])
        group = self.groups.get(source)
        if group is None:
            group = self.groups[source] = _SourceRows([], {}, set(row["left_out"]), {})
        else:
            group.left_out &= set(row["left_out"])
        group.documents.append(row["doc"])
        group.claims.update(dict.fromkeys(row["claims"]))
        for voice in row["voices"]:
            group.voices[voice["name"]] = group.voices.get(voice["name"], 0) + voice["quotes"]

    def records(self) -> list[dict[str, Any]]:
        position = {claim: number for number, claim in enumerate(self.shared)}
        records = [
            {
                "source": source,
                "documents": group.documents,
                "claims": list(group.claims),
                "left_out": _in_order(group.left_out, position),
                "voices": [
                    {"name": name, "quotes": count} for name, count in sorted(group.voices.items(), key=lambda v: -v[1])
                ],
            }
            for source, group in self.groups.items()
        ]
        return sorted(records, key=lambda r: (-len(r["documents"]), r["source"]))


def _in_order(claims: set[str], position: dict[str, int]) -> list[str]:
    return sorted(claims, key=position.__getitem__)


@dataclass(slots=True)
class _SourceRows:
    documents: list[str]
    claims: dict[str, None]
    left_out: set[str]
    voices: dict[str, int]
