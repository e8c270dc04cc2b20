"""Bytes to text: refuse binaries, detect the encoding rather than assume it."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

# Signatures of formats people drop into an article folder by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP/Office"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0", "OLE/Office"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# A well-formed UTF-8 multi-byte sequence. Its presence next to invalid bytes means the
# file is UTF-8 that got damaged, not text in a legacy single-byte encoding.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class DecodeError(ValueError):
    """Why these bytes are not readable text; the message is the reason shown to the user."""


def decode(data: bytes, lenient: bool = False) -> tuple[str, str]:
    """Return ``(text, encoding)`` with line endings normalised to newlines.

    ``lenient`` is for HTML, which browsers show with a few broken bytes replaced: a page
    that is UTF-8 but for a handful of bad bytes is decoded, and the encoding says so.
    """
    if not data:
        raise DecodeError("empty file")
    try:
        text, encoding = _decode(data)
    except DecodeError as error:
        broken = _count_invalid_utf8(data) if lenient and "mixes UTF-8" in str(error) else None
        if broken is None or broken > max(16, len(data) // 1000):
            raise
        text, encoding = data.decode("utf-8", errors="replace"), f"utf-8 ({broken} invalid bytes replaced)"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DecodeError("no text: the file holds only whitespace")
    controls = len(_CONTROL.findall(text[:65536]))
    if controls > max(8, len(text[:65536]) // 100):
        raise DecodeError(f"binary content: {controls} control characters in the text")
    return text, encoding


def _count_invalid_utf8(data: bytes) -> int:
    return data.decode("utf-8", errors="replace").count("\ufffd") - data.decode("utf-8", errors="ignore").count(
        "\ufffd"
    )


def _decode(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise DecodeError(f"invalid {encoding} after its byte-order mark: {error.reason}") from None
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise DecodeError(f"binary file ({kind}), not text")
    if b"\x00" in data[:65536]:
        raise DecodeError("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        if _UTF8_MULTIBYTE.search(data):
            raise DecodeError(
                f"invalid UTF-8 at byte {error.start}: the file mixes UTF-8 with other bytes (corrupt or mis-encoded)"
            ) from None
    western = _western(data)
    if western is not None:
        return western
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError("cannot detect the text encoding")
    return str(best), best.encoding


def _western(data: bytes) -> tuple[str, str] | None:
    """Mostly-ASCII text with a few accented letters and symbols ("café", "£180m", "Grüße").

    Statistical detectors guess wildly on so few non-ASCII bytes (a CJK or Mac code page),
    so a Western single-byte reading is tried first and kept when it is plausible: its
    non-ASCII characters are letters or typographic symbols, and a minority of the letters.
    """
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        high = [ch for ch in text if ord(ch) > 127]
        letters = sum(1 for ch in text if ch.isalpha())
        plausible = sum(1 for ch in high if ch.isalpha() or ch in "£€¥©®°±§¶·–—‘’“”„…«»¢¿¡×÷µ½¼¾")
        if high and plausible == len(high) and len(high) < 0.3 * max(letters, 1):
            return text, encoding
    return None
