"""Ingest articles already read into memory (the REST API's uploads and pastes): the same
per-document stages, the same store semantics and the same corpus stages as ``ingest_paths``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from newsdesk.ingest.errors import Failure
from newsdesk.ingest.run import IngestReport, store_results
from newsdesk.model import RawArticle, document_id
from newsdesk.pipeline import analyse_many
from newsdesk.settings import Settings
from newsdesk.store.base import Store

if TYPE_CHECKING:
    from spacy.language import Language


def ingest_articles(
    items: Iterable[RawArticle | Failure],
    store: Store,
    settings: Settings | None = None,
    nlp: Language | None = None,
) -> IngestReport:
    """Store each new article (an article already stored, or given twice, is ``present``), then
    re-run the corpus stages when anything was stored. ``nlp`` is a loaded pipeline to reuse;
    without it, ``settings.spacy_model`` is loaded once per process when first needed."""
    settings = settings or Settings()
    report = IngestReport()
    fresh: list[RawArticle] = []
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Failure):
            report.failed.append(item)
            continue
        identity = document_id(item.text)
        if identity in seen or store.has(identity):
            report.present.append(identity)
            continue
        seen.add(identity)
        fresh.append(item)
    return store_results(analyse_many(fresh, settings, language=nlp), store, settings, report)
