"""Temporal expressions on TempEval-3 training gold and on MEANTIME (../shared/eval).

    .venv/bin/python eval/time_tempeval3.py [--limit N] [--examples N] [--write docs/EVALUATION.md]

TempEval-3 (``time-tempeval3/{TimeBank,AQUAINT}/*.tml``, the Task A training gold): each file's
``<TEXT>`` element is the document, its text content with every inner tag removed and nothing else
changed (XML entities decoded); the gold is every ``TIMEX3`` inside it, with its character offsets in
that text, ``type``, ``value`` and ``mod``. The ``<DCT>`` TIMEX3's value (its date part) is the
anchor: ``find_times(text, anchor=dct)``. The DCT itself lies outside ``<TEXT>`` and is not scored;
gold TIMEX3s inside the text are all scored, whatever their ``functionInDocument``, and a gold one
with an empty value counts for detection and can never have its value right.

MEANTIME English (``xdoc-meantime/intra_cross-doc_annotation``, 120 Wikinews articles, the same
TIMEX3 layer as ``intra-doc_annotation``): each article's text is rebuilt from its tokens (joined
by single spaces, sentences by newlines, as ``eval/xdoc_meantime.py`` does); the gold is every
``TIMEX3`` markable with token anchors (first token's start to last token's end). The anchor is the
value of the ``functionInDocument="CREATION_TIME"`` TIMEX3; that markable is the article's dateline
("March 01 , 2008") and is scored like any other (one DCT is written day first, ``03-02-2009``,
and read so; two articles have no DCT, so their relative expressions get no value). MEANTIME marks time expressions only in the title
and the first five sentences (no TIMEX3 lies beyond them), so only that part of each article is
searched: it is passed to ``find_times`` as the ``spans`` to search. Markables with no tokens (values MEANTIME adds
for reasoning, not text) are left out.

Scores, as TempEval-3 Task A defines them, pooled over documents:

- strict: a system expression with exactly a gold expression's span; relaxed: any character
  overlap. Gold and system expressions are paired one to one, largest overlap first.
  Precision = matched / system expressions, recall = matched / gold expressions.
- value and type: attribute F1 over the relaxed pairs: precision = pairs whose system value (type)
  equals the gold one / system expressions, recall = the same / gold expressions. Values are
  compared as strings, exactly (``1998-W8`` and ``1998-W08`` differ; a system value of None is
  wrong).

Published reference (TempEval-3 Task A, platinum test set, from UzZaman et al. 2013 as quoted in
../shared/eval/README.md): HeidelTime strict F1 81.3, value F1 77.6; SUTime value F1 67.4.
Ours is measured on the training data, which we read while writing the rules: an optimistic
figure, not a comparable one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsdesk.model import Span, TimeExpression
from newsdesk.report.sections import write_section
from newsdesk.time.expressions import find_times

ROOT = Path(__file__).resolve().parent.parent
TEMPEVAL = ROOT.parent / "shared" / "eval" / "time-tempeval3"
MEANTIME = ROOT.parent / "shared" / "eval" / "xdoc-meantime" / "intra_cross-doc_annotation"
SUBCORPORA = ("TimeBank", "AQUAINT")
ANNOTATED_SENTENCES = 5
PUBLISHED = {"HeidelTime": {"strict_f1": 81.3, "value_f1": 77.6}, "SUTime": {"value_f1": 67.4}}


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    type: str
    value: str
    mod: str


@dataclass
class Doc:
    name: str
    text: str
    anchor: dt.date | None
    gold: list[Gold]
    scored: Span | None = None  # where the gold is complete (None: everywhere)


@dataclass
class Score:
    system: int = 0
    gold: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    wrong_values: list[str] = field(default_factory=list)

    def prf(self, hits: int) -> tuple[float, float, float]:
        p = hits / self.system if self.system else 0.0
        r = hits / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _anchor(value: str | None) -> dt.date | None:
    value = value or ""
    day_first = re.fullmatch(r"(\d\d)-(\d\d)-(\d{4})", value)  # one MEANTIME DCT is written 03-02-2009
    if day_first:
        value = f"{day_first[3]}-{day_first[2]}-{day_first[1]}"
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def read_tml(path: Path) -> Doc:
    root = ET.parse(path).getroot()
    dct = root.find("DCT/TIMEX3")
    body = root.find("TEXT")
    parts: list[str] = []
    gold: list[Gold] = []

    def walk(element: ET.Element) -> None:
        parts.append(element.text or "")
        for child in element:
            start = sum(map(len, parts))
            walk(child)
            if child.tag == "TIMEX3":
                gold.append(
                    Gold(
                        start,
                        sum(map(len, parts)),
                        child.get("type", ""),
                        child.get("value", ""),
                        child.get("mod", ""),
                    )
                )
            parts.append(child.tail or "")

    if body is not None:
        walk(body)
    return Doc(path.stem, "".join(parts), _anchor(dct.get("value") if dct is not None else None), gold)


def read_cat(path: Path) -> Doc:
    root = ET.parse(path).getroot()
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    order: dict[str, int] = {}
    offset, sentence = 0, None
    for index, token in enumerate(root.iter("token")):
        word = token.text or ""
        if parts:
            parts.append("\n" if token.get("sentence") != sentence else " ")
            offset += 1
        sentence = token.get("sentence")
        parts.append(word)
        t_id = token.get("t_id") or str(index)
        offsets[t_id], order[t_id] = (offset, offset + len(word)), index
        offset += len(word)
    anchor, gold = None, []
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            anchor = _anchor(timex.get("value"))
        t_ids = sorted((a.get("t_id") or "" for a in timex.findall("token_anchor")), key=lambda t: order.get(t, -1))
        t_ids = [t for t in t_ids if t in offsets]
        if t_ids:
            start, end = offsets[t_ids[0]][0], offsets[t_ids[-1]][1]
            gold.append(Gold(start, end, timex.get("type", ""), timex.get("value", ""), timex.get("mod", "")))
    text = "".join(parts)
    # Only the title (sentence 0) and the first five sentences carry TIMEX3 markables.
    lines = text.split("\n")
    scored = Span(0, len("\n".join(lines[: ANNOTATED_SENTENCES + 1])))
    return Doc(root.get("doc_name") or path.stem, text, anchor, gold, scored)


def _context(text: str, start: int, end: int) -> str:
    left = text[max(0, start - 50) : start].replace("\n", " ")
    right = text[end : end + 30].replace("\n", " ")
    return f"...{left}[{text[start:end]}]{right}..."


def score(docs: Iterable[Doc], total: Score) -> Score:
    for doc in docs:
        system = find_times(doc.text, [doc.scored] if doc.scored else None, anchor=doc.anchor)
        total.system += len(system)
        total.gold += len(doc.gold)
        pairs = _pair(doc.gold, system)
        paired_system = {id(s) for _, s in pairs}
        paired_gold = {id(g) for g, _ in pairs}
        for gold, found in pairs:
            total.relaxed += 1
            total.strict += (gold.start, gold.end) == (found.span.start, found.span.end)
            total.type += gold.type == found.type.value
            if gold.value == (found.value or ""):
                total.value += 1
            else:
                total.wrong_values.append(
                    f"{doc.name} dct={doc.anchor} {_context(doc.text, found.span.start, found.span.end)} "
                    f"gold={gold.type} {gold.value} {gold.mod} | ours={found.type.value} {found.value} {found.mod or ''}"
                )
        for gold in doc.gold:
            if id(gold) not in paired_gold:
                total.misses.append(
                    f"{doc.name} {_context(doc.text, gold.start, gold.end)} gold={gold.type} {gold.value}"
                )
        for found in system:
            if id(found) not in paired_system:
                total.false_positives.append(
                    f"{doc.name} {_context(doc.text, found.span.start, found.span.end)} ours={found.type.value} {found.value}"
                )
    return total


def _pair(gold: list[Gold], system: list[TimeExpression]) -> list[tuple[Gold, TimeExpression]]:
    overlaps = []
    for g in gold:
        for s in system:
            shared = min(g.end, s.span.end) - max(g.start, s.span.start)
            if shared > 0:
                overlaps.append((shared, g, s))
    overlaps.sort(key=lambda item: -item[0])
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs = []
    for _, g, s in overlaps:
        if id(g) in used_gold or id(s) in used_system:
            continue
        used_gold.add(id(g))
        used_system.add(id(s))
        pairs.append((g, s))
    return pairs


def _row(name: str, scores: list[Score], hits: str) -> str:
    cells = []
    for s in scores:
        p, r, f = s.prf(getattr(s, hits))
        cells.append(f"{100 * f:.1f} (P {100 * p:.1f}, R {100 * r:.1f})")
    return f"| {name} | " + " | ".join(cells)


def _print(label: str, s: Score) -> None:
    print(f"{label}: {s.gold} gold, {s.system} system")
    for measure in ("strict", "relaxed", "value", "type"):
        p, r, f = s.prf(getattr(s, measure))
        print(f"  {measure:8s} P {100 * p:5.1f}  R {100 * r:5.1f}  F1 {100 * f:5.1f}")


def _examples(label: str, s: Score, count: int) -> None:
    for title, items in (
        ("misses", s.misses),
        ("false positives", s.false_positives),
        ("wrong values", s.wrong_values),
    ):
        print(f"--- {label}: {title} ({len(items)})")
        for item in items[:count]:
            print("  ", item)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, help="documents per sub-corpus")
    parser.add_argument("--examples", type=int, default=0, help="misses, false positives, wrong values to print")
    parser.add_argument("--write", type=Path, help="replace this script's section of a Markdown file")
    parser.add_argument("--skip-meantime", action="store_true")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    by_corpus: dict[str, Score] = {}
    overall = Score()
    for corpus in SUBCORPORA:
        files = sorted((TEMPEVAL / corpus).glob("*.tml"))[: args.limit]
        docs = [read_tml(path) for path in files]
        by_corpus[corpus] = score(docs, Score())
        score(docs, overall)
        _print(f"TempEval-3 {corpus} ({len(docs)} documents)", by_corpus[corpus])
    _print("TempEval-3 all", overall)
    meantime = Score()
    if not args.skip_meantime:
        files = sorted(MEANTIME.glob("*/*.xml"))
        per_topic = args.limit
        if per_topic:
            files = [f for topic in sorted({f.parent for f in files}) for f in sorted(topic.glob("*.xml"))[:per_topic]]
        meantime_docs = [read_cat(path) for path in files]
        score(meantime_docs, meantime)
        _print(f"MEANTIME English ({len(meantime_docs)} articles)", meantime)
    seconds = time.perf_counter() - began
    print(f"{seconds:.1f} s")
    if args.examples:
        for corpus, s in by_corpus.items():
            _examples(corpus, s, args.examples)
        if not args.skip_meantime:
            _examples("MEANTIME", meantime, args.examples)
    if args.write:
        if args.limit or args.skip_meantime:
            sys.exit("--write needs the full run (no --limit, no --skip-meantime)")
        _write(args.write, by_corpus, overall, meantime)


def _write(path: Path, by_corpus: dict[str, Score], overall: Score, meantime: Score) -> None:
    scores = [by_corpus["TimeBank"], by_corpus["AQUAINT"], overall]
    heidel = PUBLISHED["HeidelTime"]
    lines = [
        "## Temporal expressions (TempEval-3, MEANTIME)",
        "",
        f"`.venv/bin/python eval/time_tempeval3.py --write docs/EVALUATION.md`, {dt.date.today().isoformat()}. "
        "Extractor `newsdesk.times.rules.v1` (`src/newsdesk/time/`), anchored on each document's creation "
        "date. TempEval-3 Task A measures; F1 with precision and recall, in %.",
        "",
        "| measure | newsdesk (TimeBank) | newsdesk (AQUAINT) | newsdesk (all) | HeidelTime (TE-3 test) |",
        "|---|---|---|---|---|",
        _row("strict match", scores, "strict") + f" | {heidel['strict_f1']} |",
        _row("relaxed match", scores, "relaxed") + " | |",
        _row("value", scores, "value") + f" | {heidel['value_f1']} |",
        _row("type", scores, "type") + " | |",
        f"| gold / system expressions | {' | '.join(f'{s.gold} / {s.system}' for s in scores)} | |",
        "",
        "TempEval-3 training gold (TimeBank 183 and AQUAINT 73 documents): we read this gold while writing the "
        "rules, so these figures are optimistic; HeidelTime's are on the unseen platinum test set (SUTime's "
        f"value F1 there: {PUBLISHED['SUTime']['value_f1']}). A like-for-like comparison needs the platinum set.",
        "",
        "| measure (MEANTIME English, 120 articles) | newsdesk |",
        "|---|---|",
        _row("strict match", [meantime], "strict") + " |",
        _row("relaxed match", [meantime], "relaxed") + " |",
        _row("value", [meantime], "value") + " |",
        _row("type", [meantime], "type") + " |",
        f"| gold / system expressions | {meantime.gold} / {meantime.system} |",
        "",
        "MEANTIME (Wikinews, 2005-2013) came in only at the end; its errors led to a few general fixes "
        '(commas with a space before them in tokenised text, "the 70s", "since \'82", UTC times as `Z`). '
        "Only the title and first five sentences of each article are searched, because only they carry TIMEX3s.",
        "",
        "Tuned, all of it: for issue 16 (2026-12-03) the wrong values, misses and false positives of both "
        "TempEval-3 training halves (TimeBank and AQUAINT) and of all four MEANTIME topics were read to find "
        "error kinds, and general mechanisms were fixed (tense cues: passives, verbs of intent, 'next to'; a "
        "weekday that is the reference day's own; deadlines with 'by', 'until' or 'as soon as' and schedules ('the retrial is in December'); a past-tense "
        "bare month reaches ten months back at most when its cue is distant or a verb of saying; an explicit date "
        "restates an adjacent relative one; year-less dates of an earlier episode; a clock time on the day its "
        "sentence names; 'the day' and 'the year' of an account). Tried and dropped: present-tense copulas as "
        "cues pointing ahead (value F1 fell), 'would' as a strong cue, a numbered quarter in the future tense as a "
        "coming one (it misread 'an estimate of third-quarter growth' on BBC text), a capitalised word before a weekday as "
        "a day's name ('Black Monday'; it broke 'in Tanzania Friday'), 'current' and 'recent' as TimeML "
        "references (+0.1 and +0.4 only, and clutter for readers). "
        "No part was kept unread, so none of these figures is "
        "an unseen estimate. Before issue 16: TempEval-3 all value F1 80.2, MEANTIME 80.7. The aims (0.85 on "
        "both) are not met: most remaining value errors are annotation conventions the gold does not apply "
        "consistently, listed below. Main error kinds: " + ERROR_KINDS,
    ]
    write_section(path, "eval/time_tempeval3.py", lines)


ERROR_KINDS = (
    "(1) annotation conventions we do not copy because the gold is inconsistent (weeks as `1989-WXX` or as "
    'a specific week, "Wednesday night" as a date or `TNI`, years as `1949-XX`, decades as `199X`, "a year '
    'ago" in an earnings report as `1988`, `1988-Q3`, `1988-QX` or a day; about 60 of the 237 TempEval-3 wrong '
    "values); "
    "(2) a few documents whose gold weekdays sit a week before the creation date (the text is older than its "
    "DCT); (3) anaphoric expressions valued from the anchor instead of the time the story is talking about "
    '("a year earlier" after a past date, "10 p.m." of a day named sentences before); (4) tense cues a regex cannot read ("as soon as '
    'trading opened Monday"; present-tense schedules of a verb of planned happenings, "meet Monday", are '
    "read since 2026-12-03 and gained one value); "
    '(5) vague forms we leave untagged ("that time", "current", "recent", '
    '"soon", "weeks" alone) and a few we tag that the gold does not ("now", "daily", "a week").'
)


if __name__ == "__main__":
    main()
