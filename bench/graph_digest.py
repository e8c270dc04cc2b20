"""A digest of every field of every document the per-document graph makes from a corpus, to show
that a change meant only for speed changes no output.

    .venv/bin/python bench/graph_digest.py [--corpus ../shared/corpus/bbc] [--limit 5000] > after.txt
    .venv/bin/python bench/graph_digest.py --compare before.txt after.txt

Each distinct article goes through ``pipeline.analyse_many`` (the path every ingest takes, with
the spaCy parse); each line is the document's id and a SHA-256 of its ``repr`` (every field of the
frozen dataclasses, nested), or of its failure. Run it with the old code and the new, and compare:
``--compare`` prints the ids whose digest differs, and the count (which must be 0).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stages import ROOT, _articles


def _read(path: Path) -> dict[str, str]:
    pairs = (line.split() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return {key: digest for key, digest in pairs}


def compare(before: Path, after: Path) -> int:
    old, new = _read(before), _read(after)
    differ = sorted(key for key in old.keys() | new.keys() if old.get(key) != new.get(key))
    for key in differ:
        print(key, old.get(key, "-"), new.get(key, "-"))
    print(f"{len(differ)} of {len(old.keys() | new.keys())} documents differ")
    return len(differ)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "bbc"))
    parser.add_argument("--limit", type=int, default=5000)
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        sys.exit(1 if compare(*args.compare) else 0)

    from newsdesk.model import Document
    from newsdesk.pipeline import analyse_many
    from newsdesk.settings import Settings

    raws = _articles(args.corpus, args.limit)
    for raw, result in zip(raws, analyse_many(raws, Settings(processes=1)), strict=True):
        key = result.id if isinstance(result, Document) else f"failure:{raw.source}"
        print(key, hashlib.sha256(repr(result).encode()).hexdigest(), flush=True)


if __name__ == "__main__":
    main()
