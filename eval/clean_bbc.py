"""The caption, promo and headline rules on articles nobody tuned them to: BBC texts
(../shared/corpus/bbc; the first line of every BBC file is its headline) and, with ``--pages``,
the text trafilatura extracts from its evaluation pages (../shared/eval/boilerplate-trafilatura).

    .venv/bin/python eval/clean_bbc.py [--sample 30] [--seed 16] [--show] [--pages] [--write docs/EVALUATION.md]

Draws ``--sample`` articles at random with a fixed seed and prints every line the cleaning removed,
with its reason, and the title found with how it was found, for a reader to judge; then counts the
same over the whole corpus: lines removed by reason, and articles whose title is their first line.
``--pages`` prints every line of the evaluation pages that the shape rules (a caption without a
label, a promo headline) take for furniture. The judgement of each removal is the reader's,
recorded by hand in docs/EVALUATION.md.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from pathlib import Path

from newsdesk.clean import clean
from newsdesk.model import RawArticle, TitleHow
from newsdesk.pipeline import process
from newsdesk.report.sections import write_section
from newsdesk.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "corpus" / "bbc"


def _articles() -> list[Path]:
    return sorted(p for p in BBC.glob("*/*.txt"))


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n")


def _removed(text: str) -> list[tuple[str, str]]:
    result = clean(text)
    return [(mark.value, line.text) for line, mark in zip(result.lines, result.marks, strict=True) if mark]


PAGES = ROOT.parent / "shared" / "eval" / "boilerplate-trafilatura"


def _page_hits() -> tuple[int, list[tuple[str, str, str]]]:
    """Lines of the evaluation pages' extracted text that a shape rule (not a labelled caption) hits."""
    import gzip
    import json

    from newsdesk.clean.lines import split_lines
    from newsdesk.clean.rules import caption
    from newsdesk.clean.shapes import caption_shaped, promo_headline
    from newsdesk.ingest.decode import DecodeError, decode
    from newsdesk.ingest.errors import InputError
    from newsdesk.ingest.readers import html_article

    gold = json.loads((PAGES / "evaldata.json").read_text(encoding="utf-8"))
    hits: list[tuple[str, str, str]] = []
    read = 0
    for page in gold.values():
        path = PAGES / "html" / (page["file"] + ".gz")
        data = gzip.decompress(path.read_bytes()) if path.exists() else (PAGES / "html" / page["file"]).read_bytes()
        try:
            html, encoding = decode(data, lenient=True)
            raw = html_article(page["file"], html, encoding)
        except (DecodeError, InputError):
            continue
        read += 1
        for line in split_lines(raw.text):
            if line.blank:
                continue
            if caption_shaped(line) and not caption(line):
                hits.append(("caption by shape", page["file"], line.text))
            elif promo_headline(line):
                hits.append(("promo", page["file"], line.text))
    return read, hits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--show", action="store_true", help="print the removed lines of the sample")
    parser.add_argument("--pages", action="store_true", help="also list the shape rules' hits on trafilatura's pages")
    parser.add_argument("--write", type=Path, help="write the corpus counts into this Markdown file")
    args = parser.parse_args()
    paths = _articles()
    settings = Settings(detect_language=False)
    sample = random.Random(args.seed).sample(paths, args.sample)
    sample_removed = 0
    sample_title = Counter[str]()
    for path in sample:
        text = _read(path)
        document = process(RawArticle(source=str(path), text=text), settings)
        first = text.strip().split("\n", 1)[0].strip()
        removed = _removed(text)
        sample_removed += len(removed)
        agrees = document.title is not None and document.title.rstrip(".") == first.rstrip(".")
        sample_title["first line" if agrees else str(document.title_how)] += 1
        if args.show:
            print(f"== {path.relative_to(BBC)}  title ({document.title_how}): {document.title!r}")
            for reason, line in removed:
                print(f"   [{reason}] {line}")
    reasons = Counter[str]()
    titles = Counter[str]()
    for path in paths:
        text = _read(path)
        for reason, _ in _removed(text):
            reasons[reason] += 1
        document = process(RawArticle(source=str(path), text=text), settings)
        first = text.strip().split("\n", 1)[0].strip()
        if document.title is not None and document.title.rstrip(".") == first.rstrip("."):
            titles["headline = first line"] += 1
        elif document.title_how is TitleHow.LEAD:
            titles["made from the lead"] += 1
        else:
            titles["other"] += 1
    lines = [
        f"Sample: {args.sample} articles, seed {args.seed}: {sample_removed} lines removed; titles {dict(sample_title)}",
        f"Whole corpus ({len(paths)} articles): lines removed by reason {dict(reasons) or 'none'}; "
        f"titles {dict(titles)}",
    ]
    if args.pages:
        read, hits = _page_hits()
        for reason, name, text in hits:
            print(f"   [{reason}] {name}: {text}")
        lines.append(f"Shape rules on the text of trafilatura's {read} evaluation pages: {len(hits)} lines hit")
    print("\n".join(lines))
    if args.write:
        pages = " --pages" if args.pages else ""
        command = f"python eval/clean_bbc.py --sample {args.sample} --seed {args.seed}{pages} --write {args.write}"
        write_section(args.write, "eval/clean_bbc.py", [f"`{command}`", "", *[f"- {line}" for line in lines]])


if __name__ == "__main__":
    main()
