"""Articles that arrive as bytes or text rather than files (the REST API's uploads and pastes).

Nothing here touches the filesystem: an upload's file name is only a label, cleaned for display,
that picks the format by its suffix and names the article's source. The bytes go through the same
decoder and format readers as files, so the reasons a bad upload gives are the ones ingest prints.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath

from newsdesk.ingest.decode import DecodeError, decode
from newsdesk.ingest.errors import Failure, InputError
from newsdesk.ingest.readers import HTML_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES, html_article, jsonl_record
from newsdesk.model import RawArticle
from newsdesk.pipeline import describe
from newsdesk.settings import Settings

# A label is shown in reports and stored as the article's source: keep it short and printable.
MAX_LABEL = 120
_UNSAFE = re.compile(r"[^\w .,()+=@#&'-]", re.UNICODE)
_SURROGATE = re.compile("[\ud800-\udfff]")


def safe_label(name: str | None, default: str = "upload.txt") -> str:
    """The last component of a client-supplied file name, without control characters or path
    separators, at most ``MAX_LABEL`` characters; ``default`` when nothing usable is left."""
    if not name:
        return default
    last = PurePosixPath(name.replace("\\", "/")).name
    printable = "".join(ch for ch in last if unicodedata.category(ch)[0] != "C")
    cleaned = _UNSAFE.sub("_", printable).strip(" .")
    if not cleaned:
        return default
    if len(cleaned) > MAX_LABEL:
        suffix = PurePosixPath(cleaned).suffix[:10]
        cleaned = cleaned[: MAX_LABEL - len(suffix)] + suffix
    return cleaned


def read_bytes(label: str, data: bytes, settings: Settings) -> list[RawArticle | Failure]:
    """The articles in ``data``, read as the file ``label`` would be (its suffix picks the format);
    a problem is a ``Failure`` naming ``label`` and the reason, as for a file."""
    suffix = PurePosixPath(label).suffix.lower()
    try:
        if len(data) > settings.max_file_bytes:
            raise InputError(
                label,
                f"file too large ({len(data) / 2**20:.1f} MiB; the limit for one article is "
                f"{settings.max_file_bytes / 2**20:.0f} MiB)",
            )
        if suffix in JSONL_SUFFIXES:
            return _jsonl(label, data, settings)
        if suffix in HTML_SUFFIXES:
            html, encoding = _decoded(label, data, lenient=True)
            return [html_article(label, html, encoding)]
        if suffix in TEXT_SUFFIXES:
            text, encoding = _decoded(label, data)
            return [RawArticle(source=label, text=text, encoding=encoding)]
        raise InputError(
            label, f"unsupported file type '{suffix or label}' (newsdesk reads .txt, .md, .html, .htm, .jsonl)"
        )
    except InputError as error:
        return [Failure(error.source, error.reason)]
    except Exception as error:  # a reader's fault on unforeseen input costs this upload only
        return [Failure(label, f"could not read: {describe(error)}")]


def read_text(
    label: str,
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    url: str | None = None,
) -> RawArticle | Failure:
    """A pasted article: the same checks as a text file's (empty, whitespace only, binary junk)."""
    if _SURROGATE.search(text):  # JSON may escape one ("\\ud800"); no text can hold it
        return Failure(label, "the text holds an invalid character (a lone UTF-16 surrogate)")
    try:
        checked, _ = decode(text.encode("utf-8"))
    except DecodeError as error:
        return Failure(label, str(error))
    return RawArticle(
        source=url or label,
        text=checked,
        encoding="utf-8",
        title=title or None,
        outlet=outlet or None,
        published=published or None,
        url=url or None,
    )


def _decoded(label: str, data: bytes, lenient: bool = False) -> tuple[str, str]:
    try:
        return decode(data, lenient=lenient)
    except DecodeError as error:
        raise InputError(label, str(error)) from None


def _jsonl(label: str, data: bytes, settings: Settings) -> list[RawArticle | Failure]:
    found: list[RawArticle | Failure] = []
    for number, line in enumerate(data.splitlines(keepends=True), start=1):
        where = f"{label}:{number}"
        if len(line) > settings.max_record_bytes:
            found.append(Failure(where, f"record too large ({len(line) / 2**20:.1f} MiB)"))
            continue
        if not line.strip():
            continue
        try:
            found.append(jsonl_record(where, line, settings.max_json_depth))
        except InputError as error:
            found.append(Failure(error.source, error.reason))
    if not found:
        raise InputError(label, "empty file: no JSON Lines records")
    return found
