"""How long one story's page takes to open in a store of 10,000 articles, by the story's size.

    .venv/bin/python bench/story_pages.py [--base bench/.cache/serve-10000.db] [--sizes 5,20,50,200]
        [--repeat 3] [--write docs/PERFORMANCE.md]

The store: bench/serve.py's 10,000-article store (the first 1,000 BBC articles ingested with NLP,
copied in SQL), copied here once (``bench/.cache/story-pages-10000.db``). A story of N articles is
N consecutive base articles (one BBC category, so they share actors and words) recorded as one
story in the story tables, as the story stage records one. For each size, in a fresh application
(nothing kept from an earlier request), through the ASGI app in process (no network):

- ``cold``: ``GET /stories/ID``, the story's overview, the first time, its results not stored:
  the story stages (entities, timeline, sources, claims) run over its articles, then the page
  is built;
- ``build``: building and storing the story's results, as ``store_story_results`` does after
  the story stages run (an ingest, ``rebuild``, a correction) for stories of ``STORED_FROM``
  articles or more;
- ``stored``: the first open again in a fresh application, its results stored;
- ``warm``: the same page again (the story is kept while the database is unchanged);
- ``claims`` and ``briefing``: ``/stories/ID/claims`` and ``/api/stories/ID/briefing`` after it;
- ``list``: ``GET /``, the list of every story (the store holds the sizes' stories only).

Each figure is the median of ``--repeat`` fresh applications, in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

from fastapi.testclient import TestClient

from newsdesk.report.sections import write_section
from newsdesk.server import create_app
from newsdesk.store import open_store
from newsdesk.story.one import fingerprint, story_export

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"


def prepared(base: Path, sizes: list[int]) -> tuple[Path, dict[int, str]]:
    """A copy of ``base`` (brought to this schema) with one story of each size; their ids."""
    path = CACHE / "story-pages-10000.db"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        with sqlite3.connect(f"file:{base}?mode=ro", uri=True) as source, sqlite3.connect(partial) as copy:
            source.backup(copy)
        partial.rename(path)
    open_store(path).close()  # migrations
    db = sqlite3.connect(path)
    ids = [row[0] for row in db.execute("SELECT id FROM documents ORDER BY rowid LIMIT 1000")]
    stories = {}
    start = 0
    with db:
        db.execute("DELETE FROM story_members WHERE story_id LIKE 'sbench%'")
        db.execute("DELETE FROM stories WHERE id LIKE 'sbench%'")
        for number, size in enumerate(sizes):
            story = f"sbench{size:04d}"
            members = ids[start : start + size]
            start += size
            title = db.execute("SELECT title FROM documents WHERE id = ?", (members[0],)).fetchone()[0]
            db.execute(
                "INSERT INTO stories (id, created, size, title, title_doc, extractor) VALUES (?, ?, ?, ?, ?, 'bench')",
                (story, number, size, title, members[0]),
            )
            db.executemany(
                "INSERT OR REPLACE INTO story_members (doc_id, story_id, role, score) VALUES (?, ?, 'main', 1)",
                [(doc, story) for doc in members],
            )
            stories[size] = story
    db.close()
    return path, stories


def _ms(client: TestClient, path: str) -> float:
    began = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - began) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{path}: {response.status_code} {response.text[:200]}")
    return elapsed


def build(db: Path, story_id: str, keep: bool) -> float:
    """Build and store (``keep``) or forget the story's results; the milliseconds building took."""
    with open_store(db) as store:
        if not keep:
            store.replace_story_results({story_id: None})
            return 0.0
        began = time.perf_counter()
        story = store.story(story_id)
        assert story is not None
        made = json.dumps(story_export(store, story_id), ensure_ascii=False, separators=(",", ":"))
        store.replace_story_results({story_id: (fingerprint(story, store.corrections()), made)})
        return (time.perf_counter() - began) * 1000


def measure(db: Path, story: str, repeat: int) -> dict[str, float]:
    found: dict[str, list[float]] = {"cold": [], "warm": [], "claims": [], "briefing": [], "list": []}
    found.update(build=[], stored=[])
    build(db, story, keep=False)
    for _ in range(repeat):
        client = TestClient(create_app(db, read_only=True), base_url="http://localhost")
        found["cold"].append(_ms(client, f"/stories/{story}"))
        found["warm"].append(_ms(client, f"/stories/{story}"))
        found["claims"].append(_ms(client, f"/stories/{story}/claims"))
        found["briefing"].append(_ms(client, f"/api/stories/{story}/briefing"))
        found["list"].append(_ms(client, "/"))
    for _ in range(repeat):
        found["build"].append(build(db, story, keep=True))
        client = TestClient(create_app(db, read_only=True), base_url="http://localhost")
        found["stored"].append(_ms(client, f"/stories/{story}"))
    build(db, story, keep=False)
    return {name: statistics.median(values) for name, values in found.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path, default=CACHE / "serve-10000.db")
    parser.add_argument("--sizes", default="5,20,50,200")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    db, stories = prepared(args.base, sizes)
    with open_store(db, read_only=True) as store:
        articles = store.count()
    rows = []
    for size in sizes:
        figures = measure(db, stories[size], args.repeat)
        rows.append((size, figures))
        print(size, {name: round(value) for name, value in figures.items()}, flush=True)
    if args.write:
        when = datetime.now(UTC).date().isoformat()
        lines = [
            f"Measured {when} on {platform.machine()}, {os.cpu_count()} cores (shared with other sessions' work), "
            f"Python {platform.python_version()}, by `.venv/bin/python bench/story_pages.py --sizes {args.sizes} "
            f"--repeat {args.repeat} --write docs/PERFORMANCE.md` in a store of {articles:,} articles "
            "(medians, ms; stories made as the script's docstring says).",
            "",
            "| story articles | first open, worked out | build and store | first open, stored | open again (kept) "
            "| claims tab | API briefing | story list |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for size, f in rows:
            lines.append(
                f"| {size} | {f['cold']:.0f} | {f['build']:.0f} | {f['stored']:.0f} | {f['warm']:.0f} | {f['claims']:.0f} "
                f"| {f['briefing']:.0f} | {f['list']:.0f} |"
            )
        write_section(args.write, "bench/story_pages.py", lines)


if __name__ == "__main__":
    main()
