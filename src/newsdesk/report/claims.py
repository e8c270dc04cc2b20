"""The contract's ``claims`` section: each claim with its evidence, articles, independent sources
and what contradicts it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from newsdesk.model import Claim, Document, Evidence


def claim_records(
    claims: Iterable[Claim], documents: dict[str, Document], names: dict[str, str]
) -> list[dict[str, Any]]:
    records = []
    for claim in claims:

        def evidence(item: Evidence) -> dict[str, Any]:
            text = documents[item.doc].text if item.doc in documents else ""
            return {"doc": item.doc, "start": item.span.start, "end": item.span.end, "text": item.span.of(text)}

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
                    {"claim": c.claim, "why": c.why, "ours": evidence(c.ours), "theirs": evidence(c.theirs)}
                    for c in claim.conflicts
                ],
                "extractor": claim.extractor,
            }
        )
    return records
