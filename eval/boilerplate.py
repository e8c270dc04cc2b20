"""Boilerplate removal on trafilatura's evaluation set (../shared/eval/boilerplate-trafilatura).

    .venv/bin/python eval/boilerplate.py [--limit N] [--write docs/EVALUATION.md]

Scores, with trafilatura's own method, the text newsdesk keeps as the article body (trafilatura's
main-text extraction, then newsdesk's cleaning) against trafilatura's extraction alone: each `with`
snippet found is a true positive, each `without` snippet found a false positive. A page newsdesk
refuses (e.g. truncated HTML) keeps no text. Also reports title and date agreement.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from newsdesk.report.sections import write_section

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval" / "boilerplate-trafilatura"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, text: str, with_: list[str], without: list[str]) -> None:
        for snippet in with_:
            if snippet in text:
                self.tp += 1
            else:
                self.fn += 1
        for snippet in without:
            if snippet in text:
                self.fp += 1
            else:
                self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / max(self.tp + self.fp, 1)

    @property
    def recall(self) -> float:
        return self.tp / max(self.tp + self.fn, 1)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / max(p + r, 1e-9)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"{DATA}: evaluation data not found (it comes with ../shared)")

    import trafilatura

    from newsdesk.ingest.decode import DecodeError, decode
    from newsdesk.ingest.errors import InputError
    from newsdesk.ingest.readers import html_article
    from newsdesk.pipeline import process
    from newsdesk.settings import Settings

    gold = json.loads((DATA / "evaldata.json").read_text(encoding="utf-8"))
    items = list(gold.items())[: args.limit]
    settings = Settings(detect_language=False)
    alone, ours = Score(), Score()
    refused: dict[str, int] = {}
    titles = [0, 0]
    dates = [0, 0]
    lost = dropped = 0
    started = time.perf_counter()
    for _, page in items:
        raw_bytes = (
            gzip.decompress((DATA / "html" / (page["file"] + ".gz")).read_bytes())
            if (DATA / "html" / (page["file"] + ".gz")).exists()
            else (DATA / "html" / page["file"]).read_bytes()
        )
        with_, without = page.get("with", []), page.get("without", [])
        try:
            html, encoding = decode(raw_bytes, lenient=True)
        except DecodeError as error:
            reason = str(error).split(" at byte")[0].split(":")[0]
            refused[reason] = refused.get(reason, 0) + 1
            alone.add("", with_, without)
            ours.add("", with_, without)
            continue
        baseline = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True, deduplicate=False
        )
        alone.add(getattr(baseline, "text", None) or "", with_, without)
        try:
            document = process(html_article(page["file"], html, encoding), settings)
        except InputError as error:
            reason = error.reason.split(" (")[0].split(":")[0]
            refused[reason] = refused.get(reason, 0) + 1
            ours.add("", with_, without)
            continue
        ours.add(document.body, with_, without)
        # What the cleaning itself did: snippets trafilatura kept that newsdesk removed.
        lost += sum(1 for x in with_ if x in document.text and x not in document.body)
        dropped += sum(1 for x in without if x in document.text and x not in document.body)
        if page.get("title"):
            titles[1] += 1
            titles[0] += int((document.title or "").strip() == page["title"].strip())
        if page.get("date"):
            dates[1] += 1
            dates[0] += int(bool(document.published) and document.published.date.value[:10] == page["date"])
    elapsed = time.perf_counter() - started
    summary = {
        "pages": len(items),
        "trafilatura_alone": {"precision": alone.precision, "recall": alone.recall, "f1": alone.f1},
        "newsdesk_body": {"precision": ours.precision, "recall": ours.recall, "f1": ours.f1},
        "refused": refused,
        "cleaning_removed_with_snippets": lost,
        "cleaning_removed_without_snippets": dropped,
        "title_exact": f"{titles[0]}/{titles[1]}",
        "date_exact": f"{dates[0]}/{dates[1]}",
        "seconds": elapsed,
    }
    print(json.dumps(summary, indent=2))
    if args.write:
        _write(args.write, summary, alone, ours)


def _write(path: Path, s: dict, alone: Score, ours: Score) -> None:  # type: ignore[type-arg]
    refused = ", ".join(f"{n} {reason}" for reason, n in sorted(s["refused"].items(), key=lambda kv: -kv[1])) or "none"
    lines = [
        f"`.venv/bin/python eval/boilerplate.py --write docs/EVALUATION.md` on {s['pages']} pages "
        f"(`../shared/eval/boilerplate-trafilatura`, trafilatura's snippet method):",
        "",
        "| extraction | precision | recall | F1 |",
        "|---|---|---|---|",
        f"| trafilatura 2.3.1 alone, as called by newsdesk | {alone.precision:.3f} | {alone.recall:.3f} | {alone.f1:.3f} |",
        f"| newsdesk body (trafilatura, then newsdesk cleaning) | {ours.precision:.3f} | {ours.recall:.3f} | {ours.f1:.3f} |",
        "",
        f"newsdesk's cleaning removed {s['cleaning_removed_without_snippets']} `without` snippets (junk) that trafilatura "
        f"had kept, and {s['cleaning_removed_with_snippets']} `with` snippets (real text). "
        f"Pages newsdesk refused (they keep no text above): {refused}. Title exact match {s['title_exact']}, "
        f"publication day exact match {s['date_exact']}. Published reference: trafilatura 2.2 F1 0.924 "
        "(P 0.906, R 0.943) by its own docs.",
    ]
    write_section(path, "eval/boilerplate.py", lines)


if __name__ == "__main__":
    main()
