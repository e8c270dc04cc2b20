"""The time stage with and without its needle prefilter (``newsdesk.time.needles``), over the
BBC corpus: the times found must be the same, and the stage's CPU time is what the filter saves.

    .venv/bin/python bench/time_prefilter.py [--corpus ../shared/corpus/bbc] [--limit 5000]

Each distinct article is read and cleaned as ingest does (the text stages before the time stage),
then the time stage runs on it twice, with every rule (the filter off) and with the filter on.
It prints the articles whose times differ (the last line's count must be 0) and each side's CPU
seconds, the best of two rounds.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stages import ROOT, _articles

from newsdesk.model import Document
from newsdesk.settings import Settings
from newsdesk.time import needles, stage


def _timed(documents: list[Document], settings: Settings) -> tuple[float, list[Document]]:
    started = time.process_time()
    done = [stage.add_times(document, settings) for document in documents]
    return time.process_time() - started, done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "bbc"))
    parser.add_argument("--limit", type=int, default=5000)
    args = parser.parse_args()

    from newsdesk.pipeline import DOCUMENT_STAGES, from_raw

    settings = Settings(processes=1)
    documents = []
    for raw in _articles(args.corpus, args.limit):
        document = from_raw(raw)
        for item in DOCUMENT_STAGES:
            if item.name == stage.EXTRACTOR:
                break
            document = item.run(document, settings)
        documents.append(document)

    filtered: Callable[[str, frozenset[str]], bool] = needles.may_match
    seconds: dict[str, float] = {}
    results: dict[str, list[Document]] = {}
    for _ in range(2):
        for side, check in (("every rule", lambda name, found: True), ("prefilter", filtered)):
            setattr(needles, "may_match", check)  # noqa: B010 (the filter, swapped for every rule)
            spent, results[side] = _timed(documents, settings)
            seconds[side] = min(spent, seconds.get(side, spent))
    setattr(needles, "may_match", filtered)  # noqa: B010

    differ = 0
    for plain, quick in zip(results["every rule"], results["prefilter"], strict=True):
        if plain.times != quick.times:
            differ += 1
            print(f"differs: {plain.id} {plain.title!r}")
    times = sum(len(d.times) for d in results["prefilter"])
    print(f"{len(documents)} articles, {times} times; load {os.getloadavg()[0]:.2f}")
    for side, spent in seconds.items():
        print(f"time stage, {side}: {spent:.2f} CPU s")
    print(f"articles whose times differ: {differ}")


if __name__ == "__main__":
    main()
