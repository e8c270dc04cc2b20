"""The export as CSV tables, one per section, for spreadsheets.

Each export section becomes one table of one row per record. A record that holds many spans of
articles (an entity's mentions, a claim's statements, a timeline entry's reports) also gives one
row per span to a second table (``entity_mentions``, ``claim_statements``, ``timeline_reports``).
Wherever a row points into an article, it carries the provenance columns ``doc``, ``start``,
``end`` and ``text``: ``text`` is ``documents[doc].text[start:end]``, the evidence (as a cell
holds it: see :func:`cell`). Lists are joined by "; ".

The tables are filled record by record (:class:`TableWriter`), in the export's order, so a
streamed export (``newsdesk.story.export.write_export``) becomes CSV without being held whole.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TextIO

from newsdesk.report.when import readable

Record = Mapping[str, Any]
Row = dict[str, Any]


def cell(value: Any) -> Any:
    """A cell's value; article words that a spreadsheet would run as a formula (a first character
    of = + - @, or a tab or return that it skips) are kept as text by a leading apostrophe;
    true and false are written in lower case."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value and value[0] in "=+-@\t\r\n":
        return "'" + value
    return value


def _joined(values: Iterable[Any] | None) -> str:
    return "; ".join(str(v) for v in values or () if v is not None)


def _span(prefix: str, span: Record | None) -> Row:
    """``prefix_start``, ``prefix_end``, ``prefix_text`` of a span record (empty when there is none)."""
    span = span or {}
    return {f"{prefix}_start": span.get("start"), f"{prefix}_end": span.get("end"), f"{prefix}_text": span.get("text")}


def _evidence(record: Record | None) -> Row:
    """The provenance columns of a span of some document."""
    record = record or {}
    return {key: record.get(key) for key in ("doc", "start", "end", "text")}


@dataclass(frozen=True, slots=True)
class Table:
    """One CSV file: its name, the export section it is made from, its columns and its rows."""

    name: str
    section: str
    columns: tuple[str, ...]
    rows: Callable[[Record, Mapping[str, str]], Iterator[Row]]
    about: str


def _documents(doc: Record, names: Mapping[str, str]) -> Iterator[Row]:
    yield {
        **{key: doc.get(key) for key in DOCUMENT_COLUMNS if key in doc},
        "reported_from": _joined(doc.get("reported_from")),
        "removed_count": len(doc.get("removed") or ()),
        "removed_reasons": _joined(sorted({r["reason"] for r in doc.get("removed") or ()})),
    }


def _entities(entity: Record, names: Mapping[str, str]) -> Iterator[Row]:
    evidence = entity.get("description_evidence") or {}
    yield {
        **{key: entity.get(key) for key in ("id", "name", "type", "description", "documents", "extractor")},
        "aliases": _joined(entity.get("aliases")),
        "mentions": len(entity.get("mentions") or ()),
        **{f"description_{key}": evidence.get(key) for key in ("doc", "start", "end", "text")},
        "type_why": entity.get("type_why"),
    }


def _entity_mentions(entity: Record, names: Mapping[str, str]) -> Iterator[Row]:
    for mention in entity.get("mentions") or ():
        yield {
            "entity": entity["id"],
            "entity_name": entity["name"],
            **_evidence(mention),
            "sense": mention.get("sense"),
        }


def _quotes(quote: Record, names: Mapping[str, str]) -> Iterator[Row]:
    speaker = quote.get("speaker") or {}
    yield {
        **{key: quote.get(key) for key in ("id", "kind", "cue", "channel", "attitude", "part_of", "note")},
        **_evidence(quote),
        "speaker_entity": speaker.get("entity"),
        "speaker_name": speaker.get("name"),
        "speaker_description": speaker.get("description"),
        "speaker_kind": quote.get("speaker_kind"),
        **_span("speaker", quote.get("speaker_span")),
        **_span("cue", quote.get("cue_span")),
        "extractor": quote.get("extractor"),
    }


def _times(time: Record, names: Mapping[str, str]) -> Iterator[Row]:
    yield {
        **{key: time.get(key) for key in ("id", "type", "value", "anchor", "how", "granularity", "mod", "range_to")},
        **_evidence(time),
        "reads": readable(time.get("value")),
        "extractor": time.get("extractor"),
    }


def _events(event: Record, names: Mapping[str, str]) -> Iterator[Row]:
    date = event.get("date") or {}
    participants = event.get("participants") or ()
    yield {
        **{key: event.get(key) for key in ("id", "lemma", "modality", "timeline")},
        **_evidence(event),
        "date_value": date.get("value"),
        "date_reads": readable(date.get("value")) if date else None,
        "date_granularity": date.get("granularity"),
        "date_how": date.get("how"),
        **_span("date", event.get("date_span")),
        **_span("trigger", event.get("trigger")),
        "participants": _joined(participants),
        "participant_names": _joined(names.get(p, p) for p in participants),
        "extractor": event.get("extractor"),
    }


def _claims(claim: Record, names: Mapping[str, str]) -> Iterator[Row]:
    yield {
        **{key: claim.get(key) for key in ("id", "kind", "text", "independent_sources", "extractor")},
        "documents": len(claim.get("documents") or ()),
        "statements": len(claim.get("statements") or ()),
        "sources": _joined(claim.get("sources")),
        "holders": _joined(claim.get("holders")),
        "contradicts": _joined(c["claim"] for c in claim.get("contradicts") or ()),
        "contradictions_why": _joined(c.get("why") for c in claim.get("contradicts") or ()),
    }


def _claim_statements(claim: Record, names: Mapping[str, str]) -> Iterator[Row]:
    propositions = claim.get("propositions") or []
    for number, statement in enumerate(claim.get("statements") or ()):
        proposition = propositions[number] if number < len(propositions) else None
        speaker = statement.get("speaker") or {}
        yield {
            "claim": claim["id"],
            "kind": claim.get("kind"),
            **_evidence(statement),
            "speaker_entity": speaker.get("entity"),
            "speaker_name": speaker.get("name"),
            "dates": _joined(statement.get("dates")),
            "predicate": ((proposition or {}).get("predicate") or {}).get("lemma"),
            "polarity": (proposition or {}).get("polarity"),
            "modality": (proposition or {}).get("modality"),
        }


def _relations(relation: Record, names: Mapping[str, str]) -> Iterator[Row]:
    yield {
        "source": relation.get("source"),
        "source_name": names.get(relation.get("source") or ""),
        "kind": relation.get("kind"),
        "target": relation.get("target"),
        "target_name": names.get(relation.get("target") or ""),
        "directed": relation.get("directed"),
        "modality": relation.get("modality"),
        "date": relation.get("date"),
        **_evidence(relation.get("evidence")),
        **_span("trigger", relation.get("trigger")),
        "extractor": relation.get("extractor"),
    }


def _voices(voices: Iterable[Record] | None) -> str:
    return _joined(f"{v['name']} ({v['quotes']})" for v in voices or ())


def _coverage(row: Record, names: Mapping[str, str]) -> Iterator[Row]:
    yield {
        "doc": row.get("doc"),
        "outlet": row.get("outlet"),
        "claims": _joined(row.get("claims")),
        "left_out": _joined(row.get("left_out")),
        "voices": _voices(row.get("voices")),
    }


def _coverage_by_source(row: Record, names: Mapping[str, str]) -> Iterator[Row]:
    yield {
        "source": row.get("source"),
        "documents": _joined(row.get("documents")),
        "claims": _joined(row.get("claims")),
        "left_out": _joined(row.get("left_out")),
        "voices": _voices(row.get("voices")),
    }


def _timeline(entry: Record, names: Mapping[str, str]) -> Iterator[Row]:
    participants = entry.get("participants") or ()
    disagreement = entry.get("disagreement")
    yield {
        **{key: entry.get(key) for key in ("id", "value", "granularity", "kind", "label")},
        "reads": readable(entry.get("value")),
        "documents": _joined(entry.get("documents")),
        "reports": len(entry.get("reports") or ()),
        "dates": _joined(entry.get("dates")),
        "participants": _joined(participants),
        "participant_names": _joined(names.get(p, p) for p in participants),
        "disagreement": disagreement if isinstance(disagreement, str) or disagreement is None else str(disagreement),
    }


def _timeline_reports(entry: Record, names: Mapping[str, str]) -> Iterator[Row]:
    for report in entry.get("reports") or ():
        yield {
            "entry": entry["id"],
            **_evidence(report),
            "date_text": report.get("date_text"),
            "value": report.get("value"),
            "reads": readable(report.get("value")),
            "how": report.get("how"),
            **_span("trigger", report.get("trigger")),
        }


def _corrections(correction: Record, names: Mapping[str, str]) -> Iterator[Row]:
    withdrawn = correction.get("withdrawn") or {}
    yield {
        **{key: correction.get(key) for key in ("id", "action", "who", "when", "why", "status", "keys_found", "keys")},
        "targets": _joined(correction.get("targets")),
        "groups": " | ".join(_joined(group) for group in correction.get("groups") or ()),
        "now": _joined(correction.get("now")),
        "withdrawn_who": withdrawn.get("who"),
        "withdrawn_when": withdrawn.get("when"),
        "withdrawn_why": withdrawn.get("why"),
    }


def _stories(story: Record, names: Mapping[str, str]) -> Iterator[Row]:
    yield {
        **{key: story.get(key) for key in ("id", "title", "first", "last")},
        "documents": _joined(story.get("documents")),
        "outlets": _joined(story.get("outlets")),
        "merged_from": _joined(story.get("merged_from")),
        "also": _joined(story.get("also")),
    }


EVIDENCE = ("doc", "start", "end", "text")
DOCUMENT_COLUMNS = (
    "id",
    "source",
    "title",
    "outlet",
    "outlet_how",
    "published",
    "published_how",
    "language",
    "reported_from",
    "removed_count",
    "removed_reasons",
    "story",
    "body",
)
TABLES = (
    Table("documents", "documents", DOCUMENT_COLUMNS, _documents, "one row per article, its body in the last column"),
    Table(
        "entities",
        "entities",
        (
            "id",
            "name",
            "type",
            "aliases",
            "description",
            "mentions",
            "documents",
            "description_doc",
            "description_start",
            "description_end",
            "description_text",
            "type_why",
            "extractor",
        ),
        _entities,
        "one row per entity, with the evidence of its description",
    ),
    Table(
        "entity_mentions",
        "entities",
        ("entity", "entity_name", *EVIDENCE, "sense"),
        _entity_mentions,
        "one row per mention of an entity",
    ),
    Table(
        "quotes",
        "quotes",
        (
            "id",
            *EVIDENCE,
            "kind",
            "speaker_entity",
            "speaker_name",
            "speaker_description",
            "speaker_kind",
            "speaker_start",
            "speaker_end",
            "speaker_text",
            "cue",
            "cue_start",
            "cue_end",
            "cue_text",
            "channel",
            "attitude",
            "part_of",
            "note",
            "extractor",
        ),
        _quotes,
        "one row per quote: the quoted words, the speaker and the cue, each with its characters",
    ),
    Table(
        "times",
        "times",
        ("id", *EVIDENCE, "type", "value", "reads", "anchor", "how", "granularity", "mod", "range_to", "extractor"),
        _times,
        "one row per temporal expression, its TimeML value and how it reads",
    ),
    Table(
        "events",
        "events",
        (
            "id",
            *EVIDENCE,
            "lemma",
            "modality",
            "trigger_start",
            "trigger_end",
            "trigger_text",
            "date_value",
            "date_reads",
            "date_granularity",
            "date_how",
            "date_start",
            "date_end",
            "date_text",
            "participants",
            "participant_names",
            "timeline",
            "extractor",
        ),
        _events,
        "one row per dated happening in an article (its sentence is the evidence)",
    ),
    Table(
        "claims",
        "claims",
        (
            "id",
            "kind",
            "text",
            "documents",
            "statements",
            "independent_sources",
            "sources",
            "holders",
            "contradicts",
            "contradictions_why",
            "extractor",
        ),
        _claims,
        "one row per claim (its statements, with their characters, are in claim_statements)",
    ),
    Table(
        "claim_statements",
        "claims",
        ("claim", "kind", *EVIDENCE, "speaker_entity", "speaker_name", "dates", "predicate", "polarity", "modality"),
        _claim_statements,
        "one row per statement of a claim in an article",
    ),
    Table(
        "relations",
        "relations",
        (
            "source",
            "source_name",
            "kind",
            "target",
            "target_name",
            "directed",
            "modality",
            "date",
            *EVIDENCE,
            "trigger_start",
            "trigger_end",
            "trigger_text",
            "extractor",
        ),
        _relations,
        "one row per typed tie between two actors, with the sentence that states it",
    ),
    Table(
        "coverage",
        "coverage",
        ("doc", "outlet", "claims", "left_out", "voices"),
        _coverage,
        "per article: the key claims it carries and leaves out, and the voices it quotes",
    ),
    Table(
        "coverage_by_source",
        "coverage_by_source",
        ("source", "documents", "claims", "left_out", "voices"),
        _coverage_by_source,
        "the same per independent source",
    ),
    Table(
        "timeline",
        "timeline",
        (
            "id",
            "value",
            "reads",
            "granularity",
            "kind",
            "label",
            "documents",
            "reports",
            "dates",
            "participants",
            "participant_names",
            "disagreement",
        ),
        _timeline,
        "one row per happening of the story timeline",
    ),
    Table(
        "timeline_reports",
        "timeline",
        ("entry", *EVIDENCE, "date_text", "value", "reads", "how", "trigger_start", "trigger_end", "trigger_text"),
        _timeline_reports,
        "one row per article reporting a happening of the timeline",
    ),
    Table(
        "corrections",
        "corrections",
        (
            "id",
            "action",
            "targets",
            "groups",
            "who",
            "when",
            "why",
            "status",
            "keys_found",
            "keys",
            "now",
            "withdrawn_who",
            "withdrawn_when",
            "withdrawn_why",
        ),
        _corrections,
        "one row per analyst's correction",
    ),
    Table(
        "stories",
        "stories",
        ("id", "title", "first", "last", "documents", "outlets", "merged_from", "also"),
        _stories,
        "one row per story of the pile",
    ),
)
TABLE_NAMES = tuple(table.name for table in TABLES)
_BY_NAME = {table.name: table for table in TABLES}


def table(name: str) -> Table:
    """The table called ``name`` (``KeyError`` for an unknown name)."""
    return _BY_NAME[name]


class TableWriter:
    """Writes the chosen tables (all by default) as records arrive, each to its own stream; every
    table gets its header, so an empty section is a file with a header and no rows."""

    def __init__(self, open_table: Callable[[str], TextIO], names: Iterable[str] = TABLE_NAMES) -> None:
        chosen = [_BY_NAME[name] for name in names]
        self.tables: dict[str, list[tuple[Table, csv.DictWriter[str]]]] = {}
        # Entity names by id, for the relations' and happenings' participants (the entities
        # section comes before them in the export's order).
        self.names: dict[str, str] = {}
        self.rows: dict[str, int] = {t.name: 0 for t in chosen}
        for chosen_table in chosen:
            writer = csv.DictWriter(open_table(chosen_table.name), fieldnames=chosen_table.columns, lineterminator="\n")
            writer.writeheader()
            self.tables.setdefault(chosen_table.section, []).append((chosen_table, writer))
        self._want_names = any(t.section in ("relations", "events", "timeline") for t in chosen)
        # The export sections the chosen tables are made of (the entities give the others names).
        self.sections = frozenset(t.section for t in chosen) | ({"entities"} if self._want_names else set())

    def add(self, section: str, record: Record) -> None:
        """Write the rows of one export record of ``section``."""
        if section == "entities" and self._want_names:
            self.names[record["id"]] = record["name"]
        for chosen_table, writer in self.tables.get(section, ()):
            for row in chosen_table.rows(record, self.names):
                writer.writerow({key: cell(value) for key, value in row.items()})
                self.rows[chosen_table.name] += 1

    def add_export(self, export: Mapping[str, Any]) -> None:
        """Write every section of an export object built whole."""
        for section in dict.fromkeys(t.section for t in TABLES):
            for record in export.get(section) or ():
                self.add(section, record)
