"""Who is quoted, read as a stream: each quote's speaker named as the story names them (the
entity one of whose mentions holds the speaker's first character, else the speaker's words),
without reading any document or entity whole."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from newsdesk.store.sql import Database, streamed

# The first entity, in the story's order, with a mention holding the speaker's first character
# (as ``model.entity_at`` finds it).
_NAMED = (
    "(SELECT e.name FROM entity_mentions m JOIN entities e ON e.id = m.entity_id"
    ' WHERE m.doc_id = q.doc_id AND m.start <= q.speaker_start AND m."end" > q.speaker_start'
    " ORDER BY e.position LIMIT 1)"
)


def quoted_names(db: Database, kinds: Sequence[str]) -> Iterator[str]:
    """The name of the speaker of each quote whose speaker is of ``kinds``, in the story's order
    (by document, then position); a quote whose speaker has no name is left out."""
    marks = ", ".join("?" for _ in kinds)
    sql = (
        f"SELECT coalesce({_NAMED}, q.speaker_text) FROM documents d JOIN quotes q ON q.doc_id = d.id"
        f" WHERE q.speaker_start IS NOT NULL AND q.speaker_kind IN ({marks})"
        ' ORDER BY d.source, d.id, q.start, q."end"'
    )
    with streamed(db, sql, list(kinds)) as rows:
        for row in rows:
            if row[0]:
                yield str(row[0])
