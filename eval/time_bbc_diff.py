"""What a change to the temporal tagger changes on unread news: the BBC corpus (../shared/corpus/bbc).

    .venv/bin/python eval/time_bbc_diff.py dump OUT.json [--sample 600] [--seed 7]
    .venv/bin/python eval/time_bbc_diff.py compare OLD.json NEW.json

``dump`` tags a random sample of the BBC articles with ``find_times`` against one fixed reference
day (Wednesday 2005-03-16; the corpus has no publication dates, so values are read as if every
article were published that day) and writes every expression's span, text and value. Run it once
with the old code on ``PYTHONPATH`` and once with the new, then ``compare`` prints each expression
whose value changed, with its context, to be read by hand. There is no gold: the point is to see
on text nobody tuned on what a change does besides what it was made for.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "corpus" / "bbc"
REFERENCE_DAY = dt.date(2005, 3, 16)

Found = list[tuple[int, int, str, str | None]]


def dump(out: Path, sample: int, seed: int) -> None:
    from newsdesk.time.expressions import find_times

    files = sorted(BBC.glob("*/*.txt"))
    chosen = random.Random(seed).sample(files, min(sample, len(files)))
    result: dict[str, Found] = {}
    for path in chosen:
        text = path.read_text(errors="replace")
        found = find_times(text, anchor=REFERENCE_DAY)
        result[str(path.relative_to(BBC))] = [(t.span.start, t.span.end, t.text, t.value) for t in found]
    out.write_text(json.dumps(result), encoding="utf-8")
    print(f"{len(result)} articles, {sum(map(len, result.values()))} expressions -> {out}")


def compare(old_path: Path, new_path: Path) -> None:
    old: dict[str, Found] = json.loads(old_path.read_text(encoding="utf-8"))
    new: dict[str, Found] = json.loads(new_path.read_text(encoding="utf-8"))
    changed = 0
    for name in sorted(set(old) & set(new)):
        before = {(a, b): value for a, b, _, value in old[name]}
        after = {(a, b): value for a, b, _, value in new[name]}
        text = (BBC / name).read_text(errors="replace")
        for start, end in sorted(set(before) | set(after)):
            if before.get((start, end)) == after.get((start, end)) and (start, end) in before and (start, end) in after:
                continue
            changed += 1
            context = text[max(0, start - 70) : end + 30].replace("\n", " ")
            print(f"{name}: {before.get((start, end))} -> {after.get((start, end))} | {context}")
    print(f"{changed} expressions changed")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump", help="tag a sample of BBC articles and write the values")
    dumping.add_argument("out", type=Path)
    dumping.add_argument("--sample", type=int, default=600)
    dumping.add_argument("--seed", type=int, default=7)
    comparing = commands.add_parser("compare", help="print the expressions whose value changed")
    comparing.add_argument("old", type=Path)
    comparing.add_argument("new", type=Path)
    args = parser.parse_args(argv)
    if args.command == "dump":
        dump(args.out, args.sample, args.seed)
    else:
        compare(args.old, args.new)


if __name__ == "__main__":
    main()
