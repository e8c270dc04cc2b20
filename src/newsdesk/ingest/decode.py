"""Bytes to text: refuse binaries, detect the encoding rather than assume it."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from newsdesk.settings import MIN_LETTERS

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
    sample = text[:65536]
    controls = len(_CONTROL.findall(sample))
    # A few stray control characters in an article are noise; in a short file they are most of it.
    if controls > max(8, len(sample) // 100) or controls * 20 > len(sample):
        raise DecodeError(f"binary content: {controls} control characters in the text")
    letters = sum(1 for ch in sample if ch.isalpha())
    if letters < MIN_LETTERS:
        raise DecodeError("no text: the file holds no letters" if not letters else f"no text: {letters} letters")
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
        wide = _utf16(data)
        if wide is None:
            raise DecodeError("binary file (contains NUL bytes), not text")
        return wide
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        utf8_error = error
    detected = _detected(data)
    if detected is not None and _east_asian_or_wide(*detected):
        return detected
    if _UTF8_MULTIBYTE.search(data):
        raise DecodeError(
            f"invalid UTF-8 at byte {utf8_error.start}: the file mixes UTF-8 with other bytes (corrupt or mis-encoded)"
        )
    western = _western(data)
    if western is not None:
        return western
    if detected is None:
        raise DecodeError("cannot detect the text encoding")
    return detected


# Multi-byte encodings whose bytes can pass for a few UTF-8 sequences: read first, when plausible.
_WIDE_OR_EAST_ASIAN = (
    "utf_16", "utf_32", "shift_jis", "cp932", "euc_j", "iso2022_jp", "gb", "hz", "big5", "cp950", "euc_kr", "cp949",
    "johab", "iso2022_kr",
)  # fmt: skip
# Fewer bytes than this are no evidence of an encoding: random bytes read as anything.
_MIN_DETECTED_BYTES = 32


def _detected(data: bytes) -> tuple[str, str] | None:
    """charset_normalizer's reading, kept only when it looks like text in one writing system."""
    if len(data) < _MIN_DETECTED_BYTES:
        return None
    best = charset_normalizer.from_bytes(data[: 4 * 65536]).best()
    if best is None or best.encoding is None:
        return None
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return (text, best.encoding) if plausible_text(text) else None


def _east_asian_or_wide(text: str, encoding: str) -> bool:
    """UTF-16/32, or an East Asian encoding whose reading is mostly Chinese, Japanese or Korean
    script: a Western text with a few accented letters can pass for Shift-JIS ("£" as a katakana)."""
    name = encoding.replace("-", "_").lower()
    if not name.startswith(_WIDE_OR_EAST_ASIAN):
        return False
    if name.startswith(("utf_16", "utf_32")):
        return True
    sample = text[:65536]
    letters = sum(1 for ch in sample if ch.isalpha())
    east_asian = sum(1 for ch in sample if _script(ord(ch)) in ("han", "hangul"))
    return east_asian * 10 >= letters * 3


def _utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a byte-order mark (NUL bytes between ASCII letters), when it reads as text."""
    if len(data) % 2 or len(data) < _MIN_DETECTED_BYTES:
        return None
    sample = data[:65536]
    odd_nuls, even_nuls = sample[1::2].count(0), sample[0::2].count(0)
    for encoding, nuls in (("utf-16-le", odd_nuls), ("utf-16-be", even_nuls)):
        if nuls * 4 < len(sample) // 2:  # ASCII-heavy UTF-16: at least a quarter of the units
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if plausible_text(text):
            return text, encoding
    return None


def _script(code: int) -> str:
    if code < 0x80 or 0x2000 <= code <= 0x206F or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF:
        return "common"
    if 0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF:
        return "han"
    if 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F or 0xAC00 <= code <= 0xD7AF:
        return "hangul"
    if 0xA0 <= code <= 0x24F or 0x1E00 <= code <= 0x1EFF:
        return "latin"
    if 0x370 <= code <= 0x3FF:
        return "greek"
    if 0x400 <= code <= 0x52F:
        return "cyrillic"
    return "other"


def plausible_text(text: str) -> bool:
    """Text in the writing systems of news (Latin, Greek, Cyrillic, Chinese, Japanese, Korean),
    mostly letters, without control characters: what a wrong guess at an encoding, or random
    bytes read as one, are not."""
    sample = text[:65536]
    counts: dict[str, int] = {}
    for ch in sample:
        script = _script(ord(ch))
        counts[script] = counts.get(script, 0) + 1
    letters = sum(1 for ch in sample if ch.isalpha())
    visible = sum(1 for ch in sample if not ch.isspace())
    controls = len(_CONTROL.findall(sample))
    return (
        counts.get("other", 0) * 200 <= len(sample)
        and controls * 100 <= len(sample)
        and letters * 10 >= visible * 3
        and letters > 0
    )


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
