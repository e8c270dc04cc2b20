"""Read one file into raw articles: plain text, HTML (through trafilatura) and JSON Lines."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from newsdesk.ingest.decode import DecodeError, decode
from newsdesk.ingest.errors import Failure, InputError
from newsdesk.ingest.paths import path_label
from newsdesk.model import RawArticle
from newsdesk.settings import Settings

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})


def read_file(path: Path, settings: Settings) -> Iterator[RawArticle | Failure]:
    """Yield the articles in ``path``; a problem is a ``Failure`` (one per file or per bad record)."""
    source = path_label(path)
    try:
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, settings)
        elif suffix in HTML_SUFFIXES:
            yield _read_html(path, settings)
        elif suffix in TEXT_SUFFIXES:
            text, encoding = _decode_file(path, settings)
            yield RawArticle(source=source, text=text, encoding=encoding)
        else:
            raise InputError(
                source, f"unsupported file type '{suffix or path.name}' (newsdesk reads .txt, .md, .html, .htm, .jsonl)"
            )
    except InputError as error:
        yield Failure(error.source, error.reason)
    except OSError as error:
        yield Failure(source, f"cannot read: {error.strerror or error}")


def _read_bytes(path: Path, limit: int) -> bytes:
    size = path.stat().st_size
    if size > limit:
        raise InputError(
            path_label(path),
            f"file too large ({size / 2**20:.1f} MiB; the limit for one article is {limit / 2**20:.0f} MiB)",
        )
    with path.open("rb") as handle:
        return handle.read(limit + 1)


def _decode_file(path: Path, settings: Settings, lenient: bool = False) -> tuple[str, str]:
    try:
        return decode(_read_bytes(path, settings.max_file_bytes), lenient=lenient)
    except DecodeError as error:
        raise InputError(path_label(path), str(error)) from None


# A page whose main text is shorter than this is a menu or an error page, not an article.
_MIN_ARTICLE_WORDS = 5
_HTML_OPEN = re.compile(r"<html[\s>]", re.IGNORECASE)
_HTML_CLOSE = re.compile(r"</html\s*>", re.IGNORECASE)
_BODY_OPEN = re.compile(r"<body[\s>]", re.IGNORECASE)
_BODY_CLOSE = re.compile(r"</body\s*>", re.IGNORECASE)


def _read_html(path: Path, settings: Settings) -> RawArticle:
    html, encoding = _decode_file(path, settings, lenient=True)
    return html_article(path_label(path), html, encoding)


def html_article(source: str, html: str, encoding: str | None, **given: str | None) -> RawArticle:
    """Main text and metadata of an HTML page; ``given`` metadata (from a JSONL record) wins."""
    # Imported here: trafilatura is slow to import and only HTML needs it.
    import trafilatura

    if _truncated(html):
        raise InputError(
            source, "truncated HTML: the page stops mid-document, before its closing </body> or </html> tag"
        )
    extracted = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True, deduplicate=False
    )
    if extracted is None or isinstance(extracted, dict):
        raise InputError(source, "no article text found in the HTML")
    text = extracted.text or ""
    words = len(text.split())
    if words < _MIN_ARTICLE_WORDS:
        raise InputError(source, f"no article text found in the HTML ({words} words of main text)")
    return RawArticle(
        source=source,
        text=text.replace("\r\n", "\n"),
        encoding=encoding,
        title=given.get("title") or extracted.title,
        outlet=given.get("outlet") or extracted.sitename,
        published=given.get("published") or extracted.date,
        url=given.get("url") or extracted.url,
        language=extracted.language,
    )


def _truncated(html: str) -> bool:
    """Cut off mid-text or mid-tag. Many complete pages omit their closing tags, so a
    missing ``</html>`` alone is no proof; a page that ends inside a tag or in running
    text without them is."""
    unclosed = (_HTML_OPEN.search(html) and not _HTML_CLOSE.search(html)) or (
        _BODY_OPEN.search(html) and not _BODY_CLOSE.search(html)
    )
    if not unclosed:
        return False
    tail = html.rstrip()
    return not tail.endswith(">") or tail.rfind("<") > tail.rfind(">")


_SURROGATE = re.compile("[\ud800-\udfff]")
_OPTIONAL_FIELDS = ("url", "title", "published", "outlet")


def _read_jsonl(path: Path, settings: Settings) -> Iterator[RawArticle | Failure]:
    with path.open("rb") as handle:
        found = False
        for number, line in enumerate(handle, start=1):
            where = f"{path_label(path)}:{number}"
            if len(line) > settings.max_record_bytes:
                yield Failure(where, f"record too large ({len(line) / 2**20:.1f} MiB)")
                continue
            if not line.strip():
                continue
            found = True
            try:
                yield jsonl_record(where, line, settings.max_json_depth)
            except InputError as error:
                yield Failure(error.source, error.reason)
        if not found:
            raise InputError(path_label(path), "empty file: no JSON Lines records")


# A JSON string (skipped whole, brackets inside it and all) or one bracket.
_JSON_STRUCTURE = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_DEFAULT_DEPTH = Settings().max_json_depth


def _too_deep(line: bytes, limit: int) -> bool:
    """Whether the JSON in ``line`` nests more than ``limit`` levels; checked before parsing, which
    recurses once a level (100,000 levels exhaust the interpreter's stack)."""
    if line.count(b"[") + line.count(b"{") <= limit:
        return False
    depth = 0
    for match in _JSON_STRUCTURE.finditer(line):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > limit:
                return True
        elif token in (b"]", b"}"):
            depth -= 1
    return False


def jsonl_record(where: str, line: bytes, max_depth: int = _DEFAULT_DEPTH) -> RawArticle:
    if _too_deep(line, max_depth):
        raise InputError(where, f"JSON nested too deeply (more than {max_depth} levels; an article record is flat)")
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise InputError(where, f"invalid UTF-8 at byte {error.start} of the line") from None
    except json.JSONDecodeError as error:
        raise InputError(where, f"not valid JSON ({error.msg} at column {error.colno})") from None
    except RecursionError:
        raise InputError(where, "JSON nested too deeply") from None
    if not isinstance(record, dict):
        raise InputError(where, f"a record must be a JSON object, not {type(record).__name__}")
    for name, value in record.items():
        # JSON may escape a lone UTF-16 surrogate ("\ud800"); no text can hold one.
        if isinstance(value, str) and _SURROGATE.search(value):
            raise InputError(where, f"field '{name}' holds an invalid character (a lone UTF-16 surrogate)")
    given: dict[str, str | None] = {}
    for name in _OPTIONAL_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise InputError(where, f"field '{name}' must be a string")
        given[name] = value or None
    source = given["url"] or where
    text, html = record.get("text"), record.get("html")
    if isinstance(text, str) and text.strip():
        return RawArticle(
            source=source,
            text=text.replace("\r\n", "\n").replace("\r", "\n"),
            encoding="utf-8",
            title=given["title"],
            outlet=given["outlet"],
            published=given["published"],
            url=given["url"],
        )
    if isinstance(html, str) and html.strip():
        try:
            return html_article(source, html, "utf-8", **given)
        except InputError as error:
            raise InputError(where, error.reason) from None
    raise InputError(where, "the record has no non-empty 'text' or 'html' string")
