"""The contract's ``times`` and ``events`` sections, and the story timeline, as export records."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from newsdesk.model import Document, Entity, ReferenceDate, TimelineEntry, entity_at, make_id
from newsdesk.report.records import evidence_record, span_record
from newsdesk.report.render import md_escape
from newsdesk.report.when import readable
from newsdesk.time.expressions import granularity


def time_records(documents: Iterable[Document]) -> list[dict[str, Any]]:
    records = []
    for document in documents:
        for time in document.times:
            records.append(
                {
                    "id": make_id("t", document.id, time.span.start, time.span.end),
                    "doc": document.id,
                    "start": time.span.start,
                    "end": time.span.end,
                    "text": time.text,
                    "type": time.type.value,
                    "value": time.value,
                    "anchor": time.anchor,
                    "how": time.how.value,
                    # Extensions: TimeML's modifier, the tense a relative form was read in, ranges.
                    "granularity": granularity(time.value),
                    "mod": time.mod,
                    "tense": time.tense,
                    "range_to": make_id("t", document.id, time.range_to.start, time.range_to.end)
                    if time.range_to
                    else None,
                    "extractor": time.extractor,
                }
            )
    return records


def event_records(
    documents: Iterable[Document],
    entities: list[Entity],
    timeline: Iterable[TimelineEntry] = (),
    entry_of: dict[tuple[str, int, int], str] | None = None,
) -> list[dict[str, Any]]:
    """``entry_of``: each event's timeline entry by (document, event start, trigger start), when
    already looked up; else found in ``timeline`` (the later entry where two report one event)."""
    at = entity_at(entities)
    if entry_of is None:
        entry_of = {(r.doc, r.event.start, r.trigger.start): t.id for t in timeline for r in t.reports}
    records = []
    for document in documents:
        times = {t.span: t for t in document.times}
        for event in document.events:
            time = times.get(event.time)
            participants = [e.id for span in event.participants if (e := at.get((document.id, span.start))) is not None]
            records.append(
                {
                    "id": make_id("v", document.id, event.trigger.start, event.time.start),
                    "doc": document.id,
                    "date": {
                        "value": time.value if time else None,
                        "granularity": granularity(time.value) if time else None,
                        "text": event.time.of(document.text),
                        "how": time.how.value if time else None,
                    },
                    "text": event.span.of(document.text),
                    "start": event.span.start,
                    "end": event.span.end,
                    "participants": list(dict.fromkeys(participants)),
                    # Extensions: what happened, how sure the text is, and where the date is.
                    "trigger": span_record(document.text, event.trigger),
                    "lemma": event.lemma,
                    "modality": event.modality,
                    "date_span": span_record(document.text, event.time),
                    "mod": time.mod if time else None,
                    "participant_mentions": [span_record(document.text, s) for s in event.participants],
                    "timeline": entry_of.get((document.id, event.span.start, event.trigger.start)),
                    "extractor": event.extractor,
                }
            )
    return records


def timeline_records(timeline: Iterable[TimelineEntry], documents: dict[str, Document]) -> list[dict[str, Any]]:
    records = []
    for entry in timeline:
        reports = []
        for report in entry.reports:
            text = documents[report.doc].text if report.doc in documents else ""
            reports.append(
                {
                    "doc": report.doc,
                    **span_record(text, report.event),
                    "trigger": span_record(text, report.trigger),
                    "date_text": report.time.of(text) if report.time else None,
                    "value": report.value,
                    "how": report.how,
                }
            )
        records.append(
            {
                "id": entry.id,
                "value": entry.value,
                "granularity": entry.granularity,
                "label": entry.label,
                "kind": entry.kind,
                "participants": list(entry.participants),
                "documents": list(entry.documents),
                "dates": list(entry.dates),
                "disagreement": entry.disagreement,
                "reports": reports,
            }
        )
    return records


def reference_record(reference: ReferenceDate | None, documents: dict[str, Document]) -> dict[str, Any] | None:
    if reference is None:
        return None
    return {
        "date": reference.date,
        "how": reference.how,
        "basis": reference.basis,
        "evidence": [evidence_record(e, {doc: d.text for doc, d in documents.items()}) for e in reference.evidence],
    }


def timeline_markdown(entries: list[dict[str, Any]], documents: list[dict[str, Any]], names: dict[str, str]) -> str:
    """The timeline for people: one line per happening, then each article's report of it."""
    titles = {d["id"]: d["title"] or d["source"] for d in documents}
    lines = [f"# Story timeline: {len(entries)} happenings in {len(documents)} articles", ""]
    lines += ["## Reference dates", "", "| article | reference date | how | basis |", "|---|---|---|---|"]
    for doc in documents:
        reference = doc["reference_date"] or {}
        lines.append(
            f"| {md_escape(titles[doc['id']])} | {reference.get('date', 'unknown')} | {reference.get('how', '')} "
            f"| {md_escape(reference.get('basis', 'no date to go on'))} |"
        )
    lines += ["", "## Timeline", ""]
    for entry in entries:
        who = ", ".join(names.get(p, p) for p in entry["participants"][:5])
        articles = len(entry["documents"])
        lines.append(
            f"- **{readable(entry['value'])}** (`{entry['value']}`, {entry['kind']}): {md_escape(entry['label'])}"
            f" — {articles} article{'s' if articles != 1 else ''}" + (f"; {md_escape(who)}" if who else "")
        )
        if entry["disagreement"]:
            lines.append(f"  - **disagreement**: {md_escape(entry['disagreement'])}")
        for report in entry["reports"]:
            date_text = (
                f"“{md_escape(report['date_text'])}” → {readable(report['value'])} ({report['how']})"
                if report["date_text"]
                else "undated"
            )
            lines.append(
                f"  - {md_escape(titles.get(report['doc'], report['doc']))} [{report['start']}:{report['end']}]: {date_text}"
            )
    return "\n".join(lines) + "\n"
