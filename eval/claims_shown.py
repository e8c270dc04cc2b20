"""Every claim carried by two or more articles, printed for reading one by one: the way to
measure precision over everything the system shows (not only over gold statements).

    .venv/bin/python eval/claims_shown.py FOLDER [--verified] [--out FILE]

FOLDER is ingested with NLP into a temporary database; each multi-article claim is printed with
its kind, independent sources, holders and every member statement (article file and text), so a
reader can mark it right (every member states it) or wrong. Labels are kept beside the figures in
docs/EVALUATION.md; no article text is written into the repository.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from newsdesk.corpus.claims import find_claims, independent_sources
from newsdesk.ingest import ingest_paths
from newsdesk.store import open_store


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="A folder of articles (one story).")
    parser.add_argument("--verified", action="store_true", help="Group verified propositions (newsdesk.corpus.sameness).")
    parser.add_argument("--out", type=Path, help="Write the listing here instead of standard output.")
    args = parser.parse_args(argv)
    lines: list[str] = []
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "story.db") as store:
        ingest_paths([str(args.folder)], store)
        documents = list(store.documents())
        name = {d.id: Path(d.source).name for d in documents}
        claims = find_claims(
            documents,
            store.entities(),
            sources=independent_sources(documents),
            timeline=store.timeline(),
            verified=args.verified,
        )
        shown = [c for c in claims if len(c.documents) > 1]
        lines.append(f"{len(claims)} claims, {len(shown)} carried by two or more articles")
        for number, claim in enumerate(shown, 1):
            holders = f" held by {', '.join(claim.holders)}" if claim.holders else ""
            lines.append(f"\n{number}. {claim.kind.value}, {len(claim.sources)} independent source(s){holders}")
            for statement in claim.statements:
                lines.append(f"   [{name[statement.doc]}] {statement.text}")
    text = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        print(text, end="")


if __name__ == "__main__":
    main()
