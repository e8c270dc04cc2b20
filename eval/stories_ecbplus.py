"""Story detection measured on ECB+ and MEANTIME: the product's stories against the gold groups.

    .venv/bin/python eval/stories_ecbplus.py [--seeds 3] [--write docs/EVALUATION.md]

ECB+ topics 1-35 (``../shared/eval/xdoc-ecbplus``): each topic has two sub-topics, two different
real events of the same kind (one in the ECB half, one in the ECB+ half); the 66 sub-topics are the
gold stories. The 772 articles are analysed once by newsdesk's own ingest (a JSON Lines file of
the tokenised articles, as ``eval/ecbplus_story.py`` writes them; the database is kept in
``eval/.cache/``) and then grouped by the story stage exactly as an ingest does (``detect`` over
the store's ``SQLiteStoryBook``, one call per batch):

* all at once: one batch of every article;
* as a feed: batches of 10, in date order (newsdesk's publication date, articles without one
  last) and in random orders (fixed seeds).

Scores: B3 precision, recall and F1 over articles (every article counts once), on topics 1-24
(the design was developed and its settings chosen on these), 25-35 (held out: looked at only to
report) and 1-35. The TF-IDF figure beside them is ``eval/xdoc_ecbplus.py``'s document clustering
(average link over TF-IDF cosines, threshold tuned on the odd topics, all at once: B3 F1 0.880).

MEANTIME (``../shared/eval/xdoc-meantime``): 120 Wikinews articles in four topics (Airbus, Apple,
General Motors, stock markets), each topic years of news; gold = topic. The articles carry their
dates, so the time window applies: several stories per topic are expected, and the figure to read
is precision (no story mixing two topics).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from pathlib import Path

from coref_scores import b_cubed, group
from ecbplus_story import ECBPLUS, article

from newsdesk.corpus.stories import Profile, StorySettings, detect, profile
from newsdesk.ingest import ingest_paths
from newsdesk.model import Document, document_id
from newsdesk.report.sections import write_section
from newsdesk.settings import Settings
from newsdesk.store import open_store

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "eval" / ".cache"
MEANTIME = ROOT.parent / "shared" / "eval" / "xdoc-meantime" / "intra_cross-doc_annotation"
COMMAND = ".venv/bin/python eval/stories_ecbplus.py --write docs/EVALUATION.md"
TFIDF_B3_F1 = 0.880  # eval/xdoc_ecbplus.py, story clustering, TF-IDF, all of topics 1-35
STORY_TABLES = ("story_members", "story_keys", "story_terms", "story_merges", "stories", "story_profiles")

Order = Callable[[list[Document]], list[Document]]


def ecbplus_gold() -> tuple[Path, dict[str, str], dict[str, int]]:
    """The analysed ECB+ articles (ingested once into the cache) and each one's gold sub-topic and topic."""
    gold: dict[str, str] = {}
    topic: dict[str, int] = {}
    records = []
    for folder in sorted((p for p in ECBPLUS.iterdir() if p.is_dir()), key=lambda p: int(p.name)):
        for path in sorted(folder.glob("*.xml")):
            record = article(path)
            identity = document_id(record["text"])
            gold[identity] = folder.name + ("plus" if path.stem.endswith("ecbplus") else "")
            topic[identity] = int(folder.name)
            records.append(record)
    return _ingested("ecbplus", records), gold, topic


def meantime_gold() -> tuple[Path, dict[str, str]]:
    """The MEANTIME articles (text one sentence a line, title from the document's name, date from
    its creation time) ingested once into the cache, and each one's topic."""
    gold: dict[str, str] = {}
    records = []
    for folder in sorted(p for p in MEANTIME.iterdir() if p.is_dir()):
        for path in sorted(folder.glob("*.xml")):
            root = ET.parse(path).getroot()
            sentences: dict[str, list[str]] = {}
            for token in root.iter("token"):
                sentences.setdefault(token.get("sentence") or "0", []).append(token.text or "")
            text = "\n".join(" ".join(words) for words in sentences.values())
            created = next(
                (t.get("value") for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"), None
            )
            name = (root.get("doc_name") or path.stem).split("_", 1)[-1].replace("_", " ")
            records.append({"text": text, "title": name, "published": created, "url": root.get("url")})
            gold[document_id(text)] = folder.name.removeprefix("corpus_")
    return _ingested("meantime", records), gold


def _ingested(name: str, records: list[dict[str, str | None]]) -> Path:
    database = CACHE / f"stories-{name}.db"
    if database.exists():
        return database
    CACHE.mkdir(parents=True, exist_ok=True)
    feed = CACHE / f"stories-{name}.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps({k: v for k, v in record.items() if v}, ensure_ascii=False) + "\n")
    clock = time.perf_counter()
    with open_store(database) as store:
        report = ingest_paths([str(feed)], store, Settings(processes=2))
    print(f"{name}: {len(report.stored)} articles analysed in {time.perf_counter() - clock:.0f} s", file=sys.stderr)
    return database


def place(database: Path, documents: list[Document], batch: int, settings: StorySettings) -> dict[str, str]:
    """Each article's story when the articles arrive ``batch`` at a time in the given order:
    the story stage over a copy of the analysed store, its story tables emptied first."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "copy.db"
        shutil.copyfile(database, copy)
        with sqlite3.connect(copy) as db:
            for table in STORY_TABLES:
                db.execute(f"DELETE FROM {table}")
            db.execute("UPDATE story_book SET profiled = 0, created = 0")
        with open_store(copy) as store:
            book = store.story_book()
            profiles: list[Profile] = [profile(d, settings) for d in documents]
            for start in range(0, len(profiles), batch):
                chunk = profiles[start : start + batch]
                book.apply(detect(chunk, book, settings, book.created()))
            return {doc: s.id for s in store.stories() for doc in s.documents}


def b3(gold: dict[str, str], predicted: dict[str, str], keep: Callable[[str], bool]) -> tuple[float, float, float, int]:
    chosen = [d for d in gold if keep(d)]
    key = group({d: gold[d] for d in chosen})
    response = group({d: predicted[d] for d in chosen})
    p, r, f = b_cubed(key, response)
    return p, r, f, len(response)


def by_date(documents: list[Document]) -> list[Document]:
    return sorted(documents, key=lambda d: (d.published is None, d.published.date.value if d.published else "", d.id))


def shuffled(seed: int) -> Order:
    return lambda documents: random.Random(seed).sample(sorted(documents, key=lambda d: d.id), len(documents))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=3, help="random orders to feed the articles in")
    parser.add_argument("--write", type=Path, help="write the figures into this Markdown file")
    args = parser.parse_args(argv)
    settings = StorySettings()
    clock = time.perf_counter()
    database, gold, topic = ecbplus_gold()
    with open_store(database) as store:
        documents = [d for d in store.documents() if d.id in gold]
    parts: dict[str, Callable[[str], bool]] = {
        "1-24 (tuned on)": lambda d: topic[d] <= 24,
        "25-35 (held out)": lambda d: topic[d] >= 25,
        "1-35": lambda d: True,
    }
    runs: list[tuple[str, Order, int]] = [
        ("all at once", by_date, len(documents)),
        ("batches of 10, date order", by_date, 10),
    ]
    runs += [(f"batches of 10, random order (seed {s})", shuffled(s), 10) for s in range(1, args.seeds + 1)]
    rows = []
    for name, order, batch in runs:
        started = time.perf_counter()
        predicted = place(database, order(documents), batch, settings)
        seconds = time.perf_counter() - started
        cells = []
        for keep in parts.values():
            p, r, f, n = b3(gold, predicted, keep)
            cells.append(f"{p:.3f} / {r:.3f} / **{f:.3f}** ({n})")
        rows.append(f"| {name} | " + " | ".join(cells) + f" | {seconds:.1f} |")
        print(rows[-1], file=sys.stderr)
    meantime_db, meantime = meantime_gold()
    with open_store(meantime_db) as store:
        meantime_documents = [d for d in store.documents() if d.id in meantime]
    meantime_rows = []
    for name, order, batch in runs[:3]:
        predicted = place(meantime_db, order(meantime_documents), batch, settings)
        p, r, f, n = b3(meantime, predicted, lambda d: True)
        meantime_rows.append(f"| {name} | {p:.3f} / {r:.3f} / {f:.3f} | {n} (4) |")
        print(meantime_rows[-1], file=sys.stderr)
    total = time.perf_counter() - clock
    golds = {part: len({gold[d] for d in gold if keep(d)}) for part, keep in parts.items()}
    lines = [
        "## Stories in a mixed pile: ECB+ sub-topics and MEANTIME topics",
        "",
        f"`{COMMAND}` ({time.strftime('%Y-%m-%d')}): the story stage of `newsdesk ingest` (`newsdesk.corpus.stories`, "
        "settings as shipped) over ECB+ topics 1-35, 772 articles analysed by newsdesk's ingest, gold = the 66 "
        "sub-topics (each topic's ECB and ECB+ halves report two different real events of the same kind: two "
        "prison escapes, two heavyweight title fights of the same boxer). B3 precision / recall / **F1** over "
        f"articles, stories found in brackets (gold: {golds['1-24 (tuned on)']}, {golds['25-35 (held out)']} and "
        f"{golds['1-35']}). The design and its settings were developed on topics 1-24; topics 25-35 are held out "
        "(reported; only the attach floor was read off a listing that included them, see the section below). The articles are fed through the store's book exactly as ingest feeds them: "
        "all at once, or 10 at a time (the story tables start empty each time).",
        "",
        "| articles arrive | topics 1-24 (tuned on) | topics 25-35 (held out) | topics 1-35 | seconds |",
        "|---|---|---|---|---|",
        *rows,
        f"| `eval/xdoc_ecbplus.py` TF-IDF average link, all at once (threshold tuned on odd topics) | | | "
        f"0.805 / 0.969 / **{TFIDF_B3_F1:.3f}** (59) | |",
        "",
        "MEANTIME (120 Wikinews articles, dated; gold = its four topics, each years of news about one company or "
        "market): a topic is many stories, so recall against topics is low by design; precision says whether a "
        "story ever mixes two topics.",
        "",
        "| articles arrive | B3 P / R / F1 against topics | stories (topics) |",
        "|---|---|---|",
        *meantime_rows,
        "",
        f"Run time {total:.0f} s on 2 CPU cores (the analysis of the articles is cached in `eval/.cache/`).",
    ]
    print("\n".join(lines))
    if args.write:
        write_section(args.write, "eval/stories_ecbplus.py", lines)


if __name__ == "__main__":
    main()
