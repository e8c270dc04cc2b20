"""The per-document time stage: every temporal expression of the body, read against the
article's publication day when the article says when it was published."""

from __future__ import annotations

import dataclasses
from datetime import date

from newsdesk.model import DateHow, Document, Granularity, Published
from newsdesk.settings import Settings
from newsdesk.time import expressions

EXTRACTOR = expressions.EXTRACTOR


def publication_day(published: Published | None) -> date | None:
    """The publication day, when the article or its metadata states it to the day."""
    if published is None or published.how is DateHow.INFERRED:
        return None
    if published.date.granularity not in (Granularity.DAY, Granularity.MINUTE):
        return None
    return date.fromisoformat(published.date.value[:10])


def add_times(document: Document, settings: Settings) -> Document:
    found = expressions.find_times(document.text, document.body_spans, publication_day(document.published))
    return dataclasses.replace(document, times=tuple(found), extractors=(*document.extractors, EXTRACTOR))
