"""Print the disagreements of numbers and of attribution that newsdesk finds in a story, with the
words around both sides, for a reader to judge each one (issue 16).

    .venv/bin/python eval/conflicts_read.py demo/corpus ../shared/corpus/seeds ecb:8 ecb:19

A folder is ingested whole (its .txt, .html and .jsonl files); ``ecb:N`` is ECB+ sub-topic N
(../shared/eval/xdoc-ecbplus, written out as articles by eval/ecbplus_story.py). Nothing is
copied anywhere: the text is only printed.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from newsdesk.ingest import ingest_paths
from newsdesk.model import Document, Span
from newsdesk.store import open_store

KINDS = ("number", "attribution")


def _paths(story: str, folder: Path) -> list[str]:
    if story.startswith("ecb:"):
        from eval.ecbplus_story import ECBPLUS, article

        topic = story[4:]
        written = folder / "story.jsonl"
        with written.open("w", encoding="utf-8") as out:
            for path in sorted((ECBPLUS / topic).glob(f"{topic}_*ecbplus.xml")):
                out.write(json.dumps(article(path)) + "\n")
        return [str(written)]
    found = Path(story).iterdir()
    return sorted(str(p) for p in found if p.suffix in (".txt", ".html", ".jsonl") and p.name != "README.md")


def _around(document: Document, span: Span) -> str:
    return document.text[max(0, span.start - 90) : span.end + 90].replace("\n", " / ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stories", nargs="+", help="folders of articles, or ecb:N")
    args = parser.parse_args()
    for story in args.stories:
        with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "story.db") as store:
            ingest_paths(_paths(story, Path(tmp)), store)
            documents = {d.id: d for d in store.documents()}
            seen: set[tuple[object, ...]] = set()
            total = 0
            for claim in store.claims():
                for conflict in claim.conflicts:
                    total += 1
                    kind = conflict.why.split(":")[0]
                    sides = sorted(
                        [
                            (conflict.ours.doc, conflict.ours.span.start),
                            (conflict.theirs.doc, conflict.theirs.span.start),
                        ]
                    )
                    if kind not in KINDS or (kind, *sides) in seen:
                        continue
                    seen.add((kind, *sides))
                    print(f"{story} | {conflict.why}")
                    print("   here: ", _around(documents[conflict.ours.doc], conflict.ours.span))
                    print("   there:", _around(documents[conflict.theirs.doc], conflict.theirs.span))
            print(f"{story}: {total} conflicts in all, {len(seen)} of numbers or attribution (each pair once)")


if __name__ == "__main__":
    main()
