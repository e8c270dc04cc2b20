"""Input problems: one line naming the file and the reason."""

from __future__ import annotations

from newsdesk.model import Failure

__all__ = ["Failure", "InputError"]


class InputError(Exception):
    """A file (or one record of it) that cannot become an article."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
