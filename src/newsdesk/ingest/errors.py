"""Input problems: one line naming the file and the reason."""

from __future__ import annotations

from dataclasses import dataclass


class InputError(Exception):
    """A file (or one record of it) that cannot become an article."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Failure:
    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"
