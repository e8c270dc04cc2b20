"""The export object of ``shared/contract/EXPORT.md``: one place builds it, whole
(:func:`build_export`, :func:`export_store`) or written section by section as it is read
(:func:`write_export`); renderers only format it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from newsdesk import EXPORT_SCHEMA, __version__
from newsdesk.corpus.claims import independent_sources
from newsdesk.corpus.relations import find_relations
from newsdesk.model import Claim, Correction, Document, Entity, ReferenceDate, TimelineEntry
from newsdesk.report.claims import claim_records, coverage_records, outlet_coverage_records
from newsdesk.report.export import document_record, entity_record, quote_records, with_reference
from newsdesk.report.network import relation_records
from newsdesk.report.timeline import event_records, time_records, timeline_records
from newsdesk.store.base import Store
from newsdesk.story.corrections import correction_records


def build_export(
    documents: Iterable[Document],
    entities: Iterable[Entity] = (),
    references: dict[str, ReferenceDate] | None = None,
    timeline: Iterable[TimelineEntry] = (),
    claims: Iterable[Claim] = (),
    sources: dict[str, str] | None = None,
    corrections: Iterable[Correction] = (),
) -> dict[str, Any]:
    """The export object; ``sources`` (each article's independent source) is worked out from the
    documents when not given; ``corrections`` are the analysts' corrections."""
    documents, entities, timeline = list(documents), list(entities), list(timeline)
    by_id = {d.id: d for d in documents}
    references = references or {}
    export: dict[str, Any] = {"newsdesk": {"version": __version__, "schema": EXPORT_SCHEMA}}
    export["documents"] = [with_reference(document_record(d), references.get(d.id), by_id) for d in documents]
    texts = {d["id"]: d["text"] for d in export["documents"]}
    export["entities"] = [entity_record(e, texts) for e in entities]
    export["quotes"] = quote_records(documents, entities)
    export["times"] = time_records(documents)
    export["events"] = event_records(documents, entities, timeline)
    names = {e.id: e.name for e in entities}
    claims = list(claims)
    export["claims"] = claim_records(claims, by_id, names)
    # Extension: the actor network, typed edges with evidence (GraphML: `--format graphml`).
    export["relations"] = relation_records(find_relations(documents, entities), by_id)
    # Extension: per article, the claims it carries and leaves out, and the voices it quotes.
    export["coverage"] = coverage_records(export["claims"], export["quotes"], export["documents"])
    # Extension: the same per independent source (what each outlet carries and leaves out).
    export["coverage_by_source"] = outlet_coverage_records(
        export["coverage"], sources if sources else independent_sources(documents)
    )
    # Extension: the story timeline, one entry per happening with every article reporting it.
    export["timeline"] = timeline_records(timeline, by_id)
    # Extension: the analysts' corrections, replayed by every rebuild, with where each stands now.
    export["corrections"] = correction_records(corrections, claims, entities)
    return export


def export_store(store: Store) -> dict[str, Any]:
    """The whole export of a store: documents, entities, quotes, times, events, timeline, claims."""
    return build_export(
        store.documents(),
        store.entities(),
        store.reference_dates(),
        store.timeline(),
        store.claims(),
        store.sources(),
        store.corrections(),
    )
