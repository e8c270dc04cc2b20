"""One article's way from raw text to an analysed document, with every fault kept to that article.

Every ingest path (files, uploads, worker processes) calls :func:`analyse`: the per-document
stages (``pipeline.process_or_fail``), then spaCy's parse and what is read off it. A batch is
parsed together, which is faster; when the batch fails, each of its documents is parsed alone, so
that the one that broke it fails with its reason and the others go on. Each document's parse and
analysis runs within the time budget of ``Settings.stage_seconds``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING

from newsdesk.budget import OverBudget, budget
from newsdesk.model import Document, Failure, RawArticle, masked_body
from newsdesk.pipeline import describe, process_or_fail
from newsdesk.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


def analyse(articles: Iterable[RawArticle], settings: Settings, nlp: Language | None) -> Iterator[Document | Failure]:
    """Each article as a document, or as its failure, in input order; ``nlp`` None: no parse."""
    iterator = iter(articles)
    while batch := list(islice(iterator, max(1, settings.batch_size))):
        processed = [process_or_fail(raw, settings) for raw in batch]
        if nlp is None or not settings.nlp:
            yield from processed
            continue
        documents = [item for item in processed if isinstance(item, Document)]
        annotated = dict(zip((d.id for d in documents), annotate_or_fail(documents, nlp, settings), strict=True))
        yield from (annotated[item.id] if isinstance(item, Document) else item for item in processed)


def annotate_or_fail(documents: list[Document], nlp: Language, settings: Settings) -> list[Document | Failure]:
    """The parse and its analysis of each document, or the document's failure, in order."""
    from newsdesk.nlp.annotate import analysed
    from newsdesk.nlp.models import extractor_name

    extractor = extractor_name(nlp)
    parses = _parse_batch(documents, nlp, settings)
    results: list[Document | Failure] = []
    for document, parsed in zip(documents, parses, strict=True):
        if isinstance(parsed, Failure):
            results.append(parsed)
            continue
        try:
            with budget("analysis", settings.stage_seconds):
                results.append(analysed(document, parsed, extractor))
        except OverBudget as error:
            results.append(Failure(document.source, str(error)))
        except Exception as error:  # a fault in one article's analysis is that article's failure
            results.append(Failure(document.source, f"could not analyse: {describe(error)}"))
    return results


def _parse_batch(documents: list[Document], nlp: Language, settings: Settings) -> list[Doc | Failure]:
    if not documents:
        return []
    seconds = settings.stage_seconds * len(documents) if settings.stage_seconds is not None else None
    try:
        with budget("parse", seconds):
            return list(nlp.pipe([masked_body(d) for d in documents], batch_size=len(documents)))
    except Exception:  # one of them broke the batch: find which, parsing each alone
        if len(documents) == 1:
            return [_parse_one(documents[0], nlp, settings)]
        return [_parse_one(document, nlp, settings) for document in documents]


def _parse_one(document: Document, nlp: Language, settings: Settings) -> Doc | Failure:
    try:
        with budget("parse", settings.stage_seconds):
            return nlp(masked_body(document))
    except OverBudget as error:
        return Failure(document.source, str(error))
    except Exception as error:
        return Failure(document.source, f"could not parse: {describe(error)}")
