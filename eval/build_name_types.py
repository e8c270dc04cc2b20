"""Build ``src/newsdesk/corpus/name_types.tsv`` and ``given_names.txt`` from CoNLL-2003 English
*train* (never dev).

    .venv/bin/python eval/build_name_types.py [--skip-documents A:B] [--out PATH]

For each name (folded as the resolver folds it) the table keeps how often the annotators typed it
PER, ORG, LOC and MISC in ``../shared/eval/ner-conll2003/eng.train``; names seen fewer than
``--min-count`` times are left out, so the table holds recurring names (countries, clubs,
companies, parties, people in the news of 1996), not the text. ``--skip-documents`` leaves a range
of train documents out, so that the effect can be measured on train documents the table never
saw (how the rules were tuned; dev is only scored).

``given_names.txt`` lists the first words of people's names (PER of two or more words) seen at
least ``--min-count`` + 1 times, leaving out any word the annotators also typed, alone, as something
other than a person ("Jordan", "Paris").
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

from ner_conll import read_conll

from newsdesk.corpus.names import fold

ROOT = Path(__file__).resolve().parent.parent
TRAIN = ROOT.parent / "shared" / "eval" / "ner-conll2003" / "eng.train"
OUT = ROOT / "src" / "newsdesk" / "corpus" / "name_types.tsv"
GIVEN = ROOT / "src" / "newsdesk" / "corpus" / "given_names.txt"
TYPES = ("PER", "ORG", "LOC", "MISC")


def count_names(skip: range = range(0)) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for number, document in enumerate(read_conll(TRAIN)):
        if number in skip:
            continue
        for start, end, kind in document.entities:
            counts[fold(document.text[start:end])][kind] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-documents", default="", help="A:B, train documents to leave out")
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    skip = range(*map(int, args.skip_documents.split(":"))) if args.skip_documents else range(0)
    counts = count_names(skip)
    rows = [
        "# Names and how CoNLL-2003 English train (Reuters, 1996) typed them: folded name, then counts of",
        f"# {', '.join(TYPES)}. Built by eval/build_name_types.py (names seen at least {args.min_count} times"
        + (f"; train documents {args.skip_documents} left out" if skip else "")
        + ").",
    ]
    for name in sorted(counts):
        tally = counts[name]
        if sum(tally.values()) >= args.min_count and any(ch.isalpha() for ch in name):
            rows.append("\t".join([name, *(str(tally[kind]) for kind in TYPES)]))
    args.out.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows) - 2} names -> {args.out}")
    if not skip:
        given = given_names(counts, args.min_count + 1)
        header = (
            "# First words of people's names in CoNLL-2003 English train (Reuters, 1996), each seen at least "
            f"{args.min_count + 1} times and never typed alone as anything but a person. Built by eval/build_name_types.py."
        )
        GIVEN.write_text("\n".join([header, *given]) + "\n", encoding="utf-8")
        print(f"{len(given)} given names -> {GIVEN}")


def given_names(counts: dict[str, Counter[str]], min_count: int) -> list[str]:
    first: Counter[str] = Counter()
    for name, tally in counts.items():
        words = name.split()
        if len(words) >= 2 and len(words[0]) >= 3 and words[0].isalpha():
            first[words[0]] += tally["PER"]
    return sorted(
        word
        for word, count in first.items()
        if count >= min_count and sum(counts.get(word, Counter()).values()) == counts.get(word, Counter())["PER"]
    )


if __name__ == "__main__":
    main()
