"""Entity groups of a random draw of BBC articles, for reading by hand (text nobody tuned to).

    .venv/bin/python eval/entities_bbc_sample.py [--seed 16] [--count 10] > /tmp/groups.txt

Draws ``--count`` articles from ``../shared/corpus/bbc`` (sorted paths, ``random.Random(seed)``),
ingests them into a temporary store as one corpus, and prints every entity with its type, why,
and its mentions' surface forms per article. The listing is read by hand and counted (whole and correct / wrong merge / wrong
split / wrong type); it is printed, never written into the repository.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "corpus" / "bbc"


def draw(seed: int, count: int) -> list[Path]:
    files = sorted(p for p in BBC.rglob("*.txt") if p.name != "README.TXT")
    return random.Random(seed).sample(files, count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--count", type=int, default=10)
    args = parser.parse_args()
    if not BBC.exists():
        sys.exit(f"{BBC}: corpus not found (it comes with ../shared)")

    from newsdesk.ingest import ingest_paths
    from newsdesk.store import open_store

    chosen = draw(args.seed, args.count)
    with tempfile.TemporaryDirectory() as folder:
        for number, path in enumerate(chosen):
            shutil.copy(path, Path(folder) / f"{number:02d}-{path.parent.name}-{path.name}")
        with open_store(Path(folder) / "sample.db") as store:
            ingest_paths([str(Path(folder) / f"{n:02d}-{p.parent.name}-{p.name}") for n, p in enumerate(chosen)], store)
            sources = {d.id: d.source for d in store.documents()}
            entities = store.entities()
    for path in chosen:
        print(f"# {path.parent.name}/{path.name}")
    for entity in sorted(entities, key=lambda e: (e.type, e.name)):
        forms: dict[str, list[str]] = {}
        for mention in entity.mentions:
            forms.setdefault(Path(sources.get(mention.doc, mention.doc)).name[:2], []).append(mention.text)
        print(
            f"{entity.type:8} {entity.name} | {entity.type_why} | "
            + " ; ".join(f"{d}: {', '.join(f)}" for d, f in sorted(forms.items()))
        )


if __name__ == "__main__":
    main()
