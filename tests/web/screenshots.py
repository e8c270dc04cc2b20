"""Screenshots of the web UI's main pages over the seed story, for the README (``make screenshots``).

    python -m tests.web.screenshots [--db story.db] [--out docs/screenshots]

Without ``--db`` it ingests ``../shared/corpus/seeds`` into a temporary database first.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from newsdesk.ingest import ingest_paths
from newsdesk.store import open_store
from tests.web.server import CHROMIUM_ARGS, chromium, serve

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
PAGES = (
    ("overview", "/", None),
    ("timeline", "/timeline", "#timeline-view[data-drawn]"),
    ("network", "/network", "#network-view[data-drawn]"),
    ("voices", "/voices", None),
    ("claims", "/claims", None),
    ("coverage", "/coverage", None),
)


def shoot(db: Path, out: Path) -> list[Path]:
    executable = chromium()
    if executable is None:
        raise SystemExit("needs Chromium at /usr/bin/chromium (Debian: apt-get install chromium)")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with serve(db) as server, sync_playwright() as playwright:
        story = server.app.state.source.current()
        claims = sorted(story.claims.values(), key=lambda c: (-c["independent_sources"], -len(c["documents"])))
        evidence = claims[0]["evidence"][0] if claims else None
        reader = f"/doc/{evidence['doc']}?hl={evidence['start']}-{evidence['end']}#hl" if evidence else None
        browser = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
        for name, url, drawn in (*PAGES, *((("reader", reader, None),) if reader else ())):
            page.goto(server.url + url, wait_until="load")
            if drawn and page.locator(drawn.split("[")[0]).count():
                page.wait_for_selector(drawn, timeout=20_000)
                page.wait_for_timeout(400)  # the network settles after its first drawing
            path = out / f"{name}.png"
            page.screenshot(path=str(path))
            written.append(path)
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="a newsdesk database (default: the seed articles, ingested now)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        db = args.db
        if db is None:
            if not SEEDS.exists():
                print(f"{SEEDS} is not here: give --db", file=sys.stderr)
                return 2
            db = Path(scratch) / "seeds.db"
            with open_store(db) as store:
                ingest_paths([os.path.relpath(SEEDS)], store)  # sources shown as ../shared/..., not absolute
        for path in shoot(db, args.out):
            print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
