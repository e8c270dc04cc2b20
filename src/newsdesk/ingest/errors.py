"""Input problems: one line naming the file and the reason."""

from __future__ import annotations

import re

from newsdesk.model import Failure

__all__ = ["Failure", "InputError", "printable"]


class InputError(Exception):
    """A file (or one record of it) that cannot become an article."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


# Characters that move a terminal's cursor, start an escape sequence, break the line or turn the
# text's direction: written out as escapes, so a file name can neither drive the terminal nor
# split a report's one line in two.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` on one line, with control characters escaped (``\\n``, ``\\x1b``, ``\\u202e``)."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in "\n\r\t":
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a file name's byte that is not UTF-8, as Python carries it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
