"""Write one ECB+ sub-topic as a JSON Lines file of articles, to run newsdesk on a real
multi-outlet story nobody here has read (the text stays outside the repository).

    .venv/bin/python eval/ecbplus_story.py TOPIC {ecb,ecbplus} OUT.jsonl

Each ECB+ document is a tokenised news article; its first sentence is often the page's address.
Tokens are joined back with the spacing news text has, one sentence a line; a leading address
becomes the record's ``url`` (so the outlet is read from it). The tokeniser wrote quotation marks
as ``…'' (Penn Treebank style); they are written back as the “…” the articles printed, so that
quotes are read as quotes.
"""

from __future__ import annotations

import argparse
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ECBPLUS = ROOT.parent / "shared" / "eval" / "xdoc-ecbplus" / "ECB+"
_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}'’”]|n't|'s|’s)")
_NO_SPACE_AFTER = re.compile(r"([(\[{“$]) ")
_PTB_QUOTES = re.compile(r"``\s*(.*?)\s*''")


def article(path: Path) -> dict[str, str]:
    sentences: dict[int, list[str]] = {}
    for token in ET.parse(path).getroot().iter("token"):
        sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
    lines = []
    for number in sorted(sentences):
        line = " ".join(sentences[number])
        line = _PTB_QUOTES.sub(r"“\1”", line)
        line = _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", line))
        lines.append(line.replace(" ' s ", "'s ").strip())
    record: dict[str, str] = {}
    if lines and lines[0].startswith("http"):
        record["url"] = lines.pop(0).replace(" ", "")
    record["text"] = "\n\n".join(lines)
    return record


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("topic", type=int)
    parser.add_argument("part", choices=("ecb", "ecbplus"))
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    paths = sorted((ECBPLUS / str(args.topic)).glob(f"{args.topic}_*{args.part}.xml"))
    with args.out.open("w", encoding="utf-8") as out:
        for path in paths:
            out.write(json.dumps(article(path), ensure_ascii=False) + "\n")
    print(f"{len(paths)} articles of topic {args.topic} ({args.part}) written to {args.out}")


if __name__ == "__main__":
    main()
