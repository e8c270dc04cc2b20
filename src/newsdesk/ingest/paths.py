"""Turn what the user typed (files, folders, globs) into the files to read."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

READABLE_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".jsonl"})
# Files that document a folder of articles rather than being one of them.
_NOT_ARTICLES = ("readme", "license", "licence", "copying", "changelog")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A path to read, or a reason it was left out (``skipped``) or cannot be read (``problem``)."""

    path: Path
    problem: str | None = None
    skipped: str | None = None


def path_label(path: Path) -> str:
    """A path as text that can be stored and shown: a byte that is not UTF-8 in a file name
    (which Python carries as a lone surrogate) is written as ``\\xNN``."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def expand(arguments: Iterable[str]) -> Iterator[Candidate]:
    seen: set[Path] = set()
    for argument in arguments:
        for candidate in _expand_one(argument):
            key = candidate.path.absolute()
            if key in seen:
                continue
            seen.add(key)
            yield candidate


def _expand_one(argument: str) -> Iterator[Candidate]:
    path = Path(argument)
    if path.is_dir():
        yield from _walk(path)
    elif path.exists() or path.is_symlink():
        yield Candidate(path)
    elif glob.has_magic(argument):
        matches = sorted(glob.glob(argument, recursive=True))
        if not matches:
            yield Candidate(path, problem="no file matches this pattern")
        for match in matches:
            yield from _expand_one(match) if Path(match).is_dir() else [Candidate(Path(match))]
    else:
        yield Candidate(path, problem="no such file or directory")


def _walk(folder: Path) -> Iterator[Candidate]:
    def on_error(error: OSError) -> None:
        raise error

    try:
        walked = sorted(os.walk(folder, onerror=on_error))
    except OSError as error:
        yield Candidate(folder, problem=f"cannot list folder: {error.strerror or error}")
        return
    for root, dirs, files in walked:
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        if any(part.startswith(".") for part in Path(root).relative_to(folder).parts):
            continue
        for name in sorted(files):
            path = Path(root) / name
            if name.startswith("."):
                continue
            if path.suffix.lower() not in READABLE_SUFFIXES:
                yield Candidate(path, skipped=f"not an article format ({path.suffix or 'no suffix'})")
            elif path.stem.lower().startswith(_NOT_ARTICLES):
                yield Candidate(path, skipped="documentation of the folder, not an article")
            else:
                yield Candidate(path)
