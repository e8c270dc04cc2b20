"""Screenshots of the web UI over the demo story, for the README (``make screenshots``).

    python bench/screenshots.py [--db demo.db] [--out docs/screenshots]

Without ``--db`` it ingests the demo (``demo/corpus`` and ``demo/feed``, as ``make demo`` does)
into a temporary database. It serves the database with ``newsdesk serve`` on a free loopback port
and drives Debian's Chromium (Playwright, ``/usr/bin/chromium``, ``--no-sandbox``) over the pages:
the list of stories (the demo pile tells three), then the pages of its largest story, a reader
opened on the evidence of that story's best corroborated claim, the Download menu, the page of
the most mentioned person and the API documentation (a pile of one story has no list: its pages are the site's). Every picture is a PNG of at most 300 KB: one that comes out larger is taken again
in a shorter window.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEMO = (ROOT / "demo" / "corpus", ROOT / "demo" / "feed")
CHROMIUM = "/usr/bin/chromium"
WIDTH, HEIGHT = 1280, 860
MAX_BYTES = 300_000

# name, path under the story's pages (None: the reader, worked out from the story), what to wait
# for when the page has it, and what to click before the picture.
PAGES: tuple[tuple[str, str | None, str | None, str | None], ...] = (
    ("overview", "/", None, None),
    ("timeline", "/timeline", "#timeline-view[data-drawn]", None),
    ("network", "/network", "#network-view[data-drawn]", None),
    ("voices", "/voices", None, None),
    ("claims", "/claims", None, None),
    ("coverage", "/coverage", None, None),
    ("articles", "/articles", None, None),
    ("reader", None, "#hl", None),
    ("downloads", "/", None, "details.downloads summary"),
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _newsdesk() -> list[str]:
    """The command line of the newsdesk beside this Python (the venv's), else ``python -m newsdesk``."""
    beside = Path(sys.executable).with_name("newsdesk")
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "newsdesk"]


@contextmanager
def served(db: Path) -> Iterator[str]:
    """``newsdesk serve --read-only`` over ``db`` while the block runs; yields its URL."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [*_newsdesk(), "serve", "--db", str(db), "--port", str(port), "--read-only"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url + "/api", timeout=5):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    said = server.stderr.read().decode() if server.stderr else ""
                    raise SystemExit(f"the server did not start: {said}") from None
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=300) as answer:
        return json.load(answer)


def _story(url: str) -> tuple[str, str]:
    """The pages shown (``/stories/ID`` of the largest story of a mixed pile, else the site's
    own) and the API path of their claims."""
    stories = _get(url + "/api/stories?limit=500")["items"]
    if len(stories) < 2:
        return "", "/api/claims?limit=500"
    largest = max(stories, key=lambda story: story["articles"])
    story = urllib.parse.quote(largest["id"], safe="")
    return f"/stories/{story}", f"/api/stories/{story}/claims?limit=500"


def _entity(url: str) -> str | None:
    """The page of the most mentioned person (entities are the pile's, shared by its stories)."""
    people = _get(url + "/api/entities?type=PERSON&limit=1&mentions=false")["items"]
    return f"/entity/{urllib.parse.quote(people[0]['id'], safe='')}" if people else None


def _reader(url: str, base: str, claims: str) -> str | None:
    """The reader on the first statement of the story's best corroborated claim."""
    items = [claim for claim in _get(url + claims)["items"] if claim["evidence"]]
    if not items:
        return None
    best = max(items, key=lambda claim: (claim["independent_sources"], len(claim["documents"])))
    evidence = best["evidence"][0]
    return f"{base}/doc/{evidence['doc']}?hl={evidence['start']}-{evidence['end']}#hl"


def _shoot(page: Any, path: Path) -> int:
    """A picture of the window; taken again in a shorter window while it is over MAX_BYTES."""
    height = HEIGHT
    while True:
        page.set_viewport_size({"width": WIDTH, "height": height})
        page.wait_for_timeout(150)
        page.screenshot(path=str(path))
        size = path.stat().st_size
        if size <= MAX_BYTES or height <= 480:
            return size
        height -= 80


def shoot(db: Path, out: Path) -> list[tuple[Path, int]]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"needs Chromium at {CHROMIUM} (Debian: apt-get install chromium)")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with served(db) as url, sync_playwright() as playwright:
        base, claims = _story(url)
        shots: list[tuple[str, str | None, str | None, str | None]] = [("stories", "/", None, None)] if base else []
        shots += [(name, base + path if path else None, drawn, click) for name, path, drawn, click in PAGES]
        entity = _entity(url)
        if entity is not None:
            shots.append(("entity", entity, None, None))
        shots.append(("api-docs", "/docs", ".opblock", None))
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"], headless=True)
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=1)
        for name, path, drawn, click in shots:
            target = path if path is not None else _reader(url, base, claims)
            if target is None:
                continue
            page.goto(url + target, wait_until="load")
            if drawn and page.locator(drawn.split("[")[0]).count():
                page.wait_for_selector(drawn, timeout=30_000)
                page.wait_for_timeout(500)  # charts settle after their first drawing
            if click:
                page.locator(click).click()
            picture = out / f"{name}.png"
            written.append((picture, _shoot(page, picture)))
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="a newsdesk database (default: the demo story, ingested now)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newsdesk-shots-") as scratch:
        db = args.db
        if db is None:
            db = Path(scratch) / "demo.db"
            # Relative paths, so that the articles' sources read demo/corpus/..., as after make demo.
            sources = [os.path.relpath(folder, ROOT) for folder in DEMO]
            subprocess.run([*_newsdesk(), "ingest", "-q", "--db", str(db), *sources], cwd=ROOT, check=True)
        for path, size in shoot(db, args.out):
            print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}\t{size / 1000:.0f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
