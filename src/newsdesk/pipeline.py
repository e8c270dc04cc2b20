"""Per-document stages, each declaring what it needs and what it assigns; the chain is checked.

Adding a stage is adding a module and one entry to ``DOCUMENT_STAGES``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsdesk import clean as cleaning
from newsdesk import meta
from newsdesk.budget import OverBudget, budget
from newsdesk.meta.dates import parse_metadata_date
from newsdesk.model import Attributed, DateHow, Document, Failure, Published, RawArticle, document_id
from newsdesk.settings import MIN_LETTERS, Settings
from newsdesk.time import stage as times


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    requires: frozenset[str]
    assigns: frozenset[str]
    run: Callable[[Document, Settings], Document]


def _clean(document: Document, settings: Settings) -> Document:
    result = cleaning.clean(document.text)
    return dataclasses.replace(
        document,
        removed=result.removed,
        headings=result.headings,
        extractors=(*document.extractors, cleaning.EXTRACTOR),
    )


DOCUMENT_STAGES: tuple[Stage, ...] = (
    Stage(cleaning.EXTRACTOR, frozenset({"text"}), frozenset({"removed", "headings"}), _clean),
    Stage(
        meta.EXTRACTOR,
        frozenset({"text", "removed", "headings"}),
        frozenset({"title", "outlet", "published", "reported_from", "language"}),
        meta.add_metadata,
    ),
    Stage(times.EXTRACTOR, frozenset({"text", "removed", "published"}), frozenset({"times"}), times.add_times),
)


def check_stages(stages: Sequence[Stage]) -> None:
    """Fail early when a stage needs something no earlier stage provides."""
    available = {"text", "source", "id"}
    for stage in stages:
        missing = stage.requires - available
        if missing:
            raise ValueError(f"stage {stage.name} needs {sorted(missing)}, which no earlier stage assigns")
        available |= stage.assigns


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


def process(raw: RawArticle, settings: Settings, stages: Sequence[Stage] = DOCUMENT_STAGES) -> Document:
    document = from_raw(raw)
    for stage in stages:
        document = stage.run(document, settings)
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
    raw: RawArticle, settings: Settings, stages: Sequence[Stage] = DOCUMENT_STAGES
) -> Document | Failure:
    """``process`` within the limits of ``settings``: an article over a limit, a stage over its
    time budget or a rule that trips on unforeseen input costs this article only, with the reason."""
    refused = refusal(raw.text, settings)
    if refused:
        return Failure(raw.source, refused)
    name = "reading"
    try:
        document = from_raw(raw)
        for stage in stages:
            name = stage.name
            with budget(stage.name, settings.stage_seconds):
                document = stage.run(document, settings)
        return document
    except OverBudget as error:
        return Failure(raw.source, str(error))
    except Exception as error:  # any fault in one article's stages is that article's failure
        return Failure(raw.source, f"could not process (stage {name}): {describe(error)}")


def describe(error: BaseException) -> str:
    """An exception as one short line: its kind and the start of its message."""
    message = " ".join(str(error).split())
    if len(message) > 200:
        message = message[:200] + "…"
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


check_stages(DOCUMENT_STAGES)
