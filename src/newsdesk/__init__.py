"""newsdesk: a sourced, queryable picture of a news story from a pile of raw articles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
EXPORT_SCHEMA = 1

# The Python API. Everything is imported when called, so that importing newsdesk stays cheap and
# has no side effects.
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from newsdesk.ingest.run import IngestReport
    from newsdesk.model import RawArticle
    from newsdesk.settings import Settings
    from newsdesk.store import SQLiteStore
    from newsdesk.store.base import Store
    from newsdesk.store.postgres import PostgresStore

__all__ = ["EXPORT_SCHEMA", "__version__", "briefing", "ingest_articles", "open_store"]


def open_store(path: str) -> SQLiteStore | PostgresStore:
    """The store at ``path`` (an SQLite file, created with its schema when new, or a
    ``postgresql://`` URL); use it as a context manager, or call ``close()``."""
    from newsdesk.store import open_store as _open

    return _open(path)


def ingest_articles(
    articles: Iterable[Mapping[str, Any] | RawArticle], store: Store, settings: Settings | None = None
) -> IngestReport:
    """Analyse and store articles held in memory, then bring the story up to date.

    Each article is a :class:`newsdesk.model.RawArticle` or a mapping with the fields of a JSON
    Lines record: ``text`` (or ``html``), and optionally ``title``, ``outlet``, ``published`` and
    ``url``. A bad record costs only itself: it is one of ``report.failed``, with its reason."""
    import json

    from newsdesk.ingest.articles import ingest_articles as _ingest
    from newsdesk.ingest.errors import Failure, InputError
    from newsdesk.ingest.readers import jsonl_record
    from newsdesk.model import RawArticle

    def read(number: int, article: Mapping[str, Any] | RawArticle) -> RawArticle | Failure:
        if isinstance(article, RawArticle):
            return article
        where = f"article {number}"
        try:
            return jsonl_record(where, json.dumps(dict(article), ensure_ascii=False).encode("utf-8"))
        except (InputError, TypeError, ValueError) as error:
            return Failure(where, error.reason if isinstance(error, InputError) else f"not a JSON record: {error}")

    return _ingest((read(n, a) for n, a in enumerate(articles, start=1)), store, settings)


def briefing(store: Store, story: str | None = None, *, format: str = "md", limit: int = 12) -> str:
    """The one-page briefing of every stored article (``format`` "md" or "html"), each line citing
    the article and characters it rests on. ``story`` is for one story of a mixed pile (see
    ``newsdesk stories``); briefings per story are not built yet, so it is refused rather than
    ignored."""
    from newsdesk.report.brief import to_html, to_markdown
    from newsdesk.story.brief import store_briefing

    if format not in ("md", "html"):
        raise ValueError(f"format must be 'md' or 'html', not {format!r}")
    if story is not None:
        raise ValueError("a briefing of one story of a mixed pile is not built yet; omit story= for all articles")
    built = store_briefing(store, limit)
    return to_html(built) if format == "html" else to_markdown(built)
