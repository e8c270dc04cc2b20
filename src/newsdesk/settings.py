"""One typed settings object, passed explicitly; no module-level mutable state."""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Settings:
    # A single article never needs more; a bigger .txt/.html is a dump or an accident.
    max_file_bytes: int = 20 * MIB
    # JSON Lines files are streamed, so only one record is bounded.
    max_record_bytes: int = 20 * MIB
    detect_language: bool = True
