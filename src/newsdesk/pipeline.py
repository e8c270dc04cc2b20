"""The per-document stage graph and the one way through it: ``analyse(raw, settings)``.

Text stages (clean, meta, time) read the text; the spaCy parse of the masked body is a node of its
own; the parse stages (``nlp.annotate.PARSE_STAGES``: mentions, quotes, events, relations,
propositions) read it. Every stage declares what it requires and assigns, and the graph is checked
on import. ``analyse`` is a pure function of a raw article and the settings (the spaCy pipeline is
loaded once per process and cached), so a process pool or a distributed map can call it;
``analyse_many`` is the same graph over a batch, which parses the batch with one ``nlp.pipe`` call
(faster) and falls back to parsing one by one when the batch fails. Serial ingest, the worker
processes and HTTP ingest all go through ``analyse_many``.

Adding a stage is a module and one entry in ``DOCUMENT_STAGES`` or ``PARSE_STAGES``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from itertools import islice
from typing import TYPE_CHECKING

from newsdesk import clean as cleaning
from newsdesk import meta
from newsdesk.budget import OverBudget, budget
from newsdesk.meta.dates import parse_metadata_date
from newsdesk.model import Attributed, DateHow, Document, Failure, Published, RawArticle, document_id, masked_body
from newsdesk.settings import MIN_LETTERS, Settings
from newsdesk.stages import Stage, check_stages, stage
from newsdesk.time import stage as times

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from newsdesk.nlp.annotate import Parse

# What a document holds before any stage ran.
GIVEN = frozenset({"text", "source", "id"})


def _clean(document: Document, settings: Settings) -> Document:
    result = cleaning.clean(document.text)
    return dataclasses.replace(
        document,
        removed=result.removed,
        headings=result.headings,
        extractors=(*document.extractors, cleaning.EXTRACTOR),
    )


# The text stages, in order (``run(document, settings)``).
DOCUMENT_STAGES: tuple[Stage[Document, Settings], ...] = (
    stage(cleaning.EXTRACTOR, {"text"}, {"removed", "headings"}, _clean),
    stage(
        meta.EXTRACTOR,
        {"text", "removed", "headings"},
        {"title", "outlet", "published", "reported_from", "language"},
        meta.add_metadata,
    ),
    stage(times.EXTRACTOR, {"text", "removed", "published"}, {"times"}, times.add_times),
)


@cache
def parse_stages() -> tuple[Stage[Document, Parse], ...]:
    """The parse stages, checked with the text stages before their first use (imported then:
    they bring the rule modules of ``nlp``)."""
    from newsdesk.nlp.annotate import PARSE_STAGES

    _check_parse_stages(PARSE_STAGES)
    return PARSE_STAGES


def _check_parse_stages(stages: Sequence[Stage[Document, Parse]]) -> frozenset[str]:
    available = check_stages(DOCUMENT_STAGES, GIVEN)
    if not {"text", "removed"} <= available:
        raise ValueError(f"the parse needs the text and its removed spans; the text stages assign {sorted(available)}")
    # The spaCy parse is the node between: batched over documents rather than run on one, it
    # assigns the parse the parse stages read.
    return check_stages(stages, available | {"parse"})


def check_graph() -> frozenset[str]:
    """The whole per-document graph checked: text stages, the parse, the parse stages; returns
    what a finished document holds."""
    return _check_parse_stages(parse_stages())


def from_raw(raw: RawArticle) -> Document:
    """The document before any stage ran: text, id and whatever metadata the format gave."""
    published = parse_metadata_date(raw.published)
    return Document(
        id=document_id(raw.text),
        source=raw.source,
        text=raw.text,
        title=raw.title.strip() if raw.title else None,
        outlet=Attributed(raw.outlet.strip(), "metadata") if raw.outlet and raw.outlet.strip() else None,
        published=Published(published, DateHow.METADATA) if published else None,
        language=raw.language,
        encoding=raw.encoding,
        url=raw.url,
    )


def process(
    raw: RawArticle, settings: Settings, stages: Sequence[Stage[Document, Settings]] = DOCUMENT_STAGES
) -> Document:
    """The text stages alone, without failure isolation (for tests and evaluations)."""
    document = from_raw(raw)
    for item in stages:
        document = item.run(document, settings)
    return document


_TOKEN = re.compile(r"\w+|[^\w\s]")


def refusal(text: str, settings: Settings) -> str | None:
    """Why ``text`` cannot be analysed as an article, checked before any stage runs; None if it can."""
    if len(text) > settings.max_text_chars:
        return (
            f"text too long to analyse ({len(text):,} characters; the limit for one article is "
            f"{settings.max_text_chars:,})"
        )
    tokens = sum(1 for _ in _TOKEN.finditer(text))
    if tokens > settings.max_text_tokens:
        return (
            f"text too long to analyse ({tokens:,} words and marks; the limit for one article is "
            f"{settings.max_text_tokens:,})"
        )
    letters = 0
    for ch in text:
        letters += ch.isalpha()
        if letters >= MIN_LETTERS:
            return None
    return "no text: the content holds no letters" if not letters else f"no text: {letters} letters"


def process_or_fail(
    raw: RawArticle, settings: Settings, stages: Sequence[Stage[Document, Settings]] = DOCUMENT_STAGES
) -> Document | Failure:
    """The text stages within the limits of ``settings``: an article over a limit, a stage over
    its time budget or a rule that trips on unforeseen input costs this article only, with the
    reason."""
    refused = refusal(raw.text, settings)
    if refused:
        return Failure(raw.source, refused)
    name = "reading"
    try:
        document = from_raw(raw)
        for item in stages:
            name = item.name
            with budget(item.name, settings.stage_seconds):
                document = item.run(document, settings)
        return document
    except OverBudget as error:
        return Failure(raw.source, str(error))
    except Exception as error:  # any fault in one article's stages is that article's failure
        return Failure(raw.source, f"could not process (stage {name}): {describe(error)}")


def analyse(raw: RawArticle, settings: Settings, *, language: Language | None = None) -> Document | Failure:
    """One article through the whole graph: the document, or its failure with the reason.
    ``language``: a loaded spaCy pipeline to use; None loads ``settings.spacy_model`` once per
    process."""
    (result,) = analyse_many([raw], settings, language=language)
    return result


def analyse_many(
    articles: Iterable[RawArticle], settings: Settings, *, language: Language | None = None
) -> Iterator[Document | Failure]:
    """``analyse`` over many articles, in input order, parsing ``settings.batch_size`` at a time
    with one ``nlp.pipe`` call; a fault costs the article it belongs to only."""
    iterator = iter(articles)
    while batch := list(islice(iterator, max(1, settings.batch_size))):
        processed = [process_or_fail(raw, settings) for raw in batch]
        documents = [item for item in processed if isinstance(item, Document)]
        if not settings.nlp or not documents:
            yield from processed
            continue
        from newsdesk.nlp.models import shared_language

        nlp = language if language is not None else shared_language(settings.spacy_model)
        read = dict(zip((d.id for d in documents), _read_parses(documents, nlp, settings), strict=True))
        yield from (read[item.id] if isinstance(item, Document) else item for item in processed)


def _read_parses(documents: list[Document], nlp: Language, settings: Settings) -> list[Document | Failure]:
    """The parse stages over each document's parse, or the document's failure, in order."""
    from newsdesk.nlp.annotate import Parse
    from newsdesk.nlp.models import extractor_name

    extractor = extractor_name(nlp)
    results: list[Document | Failure] = []
    for document, parsed in zip(documents, _parse_batch(documents, nlp, settings), strict=True):
        if isinstance(parsed, Failure):
            results.append(parsed)
            continue
        results.append(_read_parse(document, Parse(parsed, extractor), settings))
    return results


def _read_parse(document: Document, parse: Parse, settings: Settings) -> Document | Failure:
    try:
        # One budget for everything read off the parse: the stages share the parse's cost.
        with budget("analysis", settings.stage_seconds):
            annotated = document
            for item in parse_stages():
                annotated = item.run(annotated, parse)
        return annotated
    except OverBudget as error:
        return Failure(document.source, str(error))
    except Exception as error:  # a fault in one article's analysis is that article's failure
        return Failure(document.source, f"could not analyse: {describe(error)}")


def _parse_batch(documents: list[Document], nlp: Language, settings: Settings) -> list[Doc | Failure]:
    seconds = settings.stage_seconds * len(documents) if settings.stage_seconds is not None else None
    try:
        with budget("parse", seconds):
            return list(nlp.pipe([masked_body(d) for d in documents], batch_size=len(documents)))
    except Exception:  # one of them broke the batch: find which, parsing each alone
        return [_parse_one(document, nlp, settings) for document in documents]


def _parse_one(document: Document, nlp: Language, settings: Settings) -> Doc | Failure:
    try:
        with budget("parse", settings.stage_seconds):
            return nlp(masked_body(document))
    except OverBudget as error:
        return Failure(document.source, str(error))
    except Exception as error:
        return Failure(document.source, f"could not parse: {describe(error)}")


def describe(error: BaseException) -> str:
    """An exception as one short line: its kind and the start of its message."""
    message = " ".join(str(error).split())
    if len(message) > 200:
        message = message[:200] + "…"
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


check_stages(DOCUMENT_STAGES, GIVEN)
