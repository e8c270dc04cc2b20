"""Time of each file of the web UI's Download menu (``/api/downloads``) on a database of BBC articles.

    .venv/bin/python bench/downloads.py [--db bench/.cache/claims-bbc-1000.db] [--write docs/PERFORMANCE.md]

Without ``--db`` it uses (and makes once, as ``bench/claims.py`` does) the first 1,000 BBC articles
ingested with NLP. Each download is asked for once through the application (FastAPI's TestClient,
no network), in the order of the menu, after the story snapshot is built (its time is reported
apart): the time is the whole answer, the file written from the store and sent. The peak memory is
the process's, which also holds the snapshot the pages use.
"""

from __future__ import annotations

import argparse
import platform
import resource
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from newsdesk.report.sections import write_section
from newsdesk.report.tables import TABLE_NAMES

ROOT = Path(__file__).resolve().parent.parent
PATHS = (
    "/api/downloads/briefing.md",
    "/api/downloads/briefing.html",
    "/api/downloads/export.json",
    "/api/downloads/export.jsonl",
    "/api/downloads/network.graphml",
    "/api/downloads/tables.zip",
    *(f"/api/downloads/tables/{name}.csv" for name in TABLE_NAMES),
)


def measure(db: Path) -> tuple[float, list[tuple[str, int, float]], float]:
    """Seconds to build the snapshot, (path, bytes, seconds) per download, and the peak MiB."""
    from fastapi.testclient import TestClient

    from newsdesk.server import create_app

    client = TestClient(create_app(db), base_url="http://localhost")
    started = time.perf_counter()
    client.app.state.source.current()  # type: ignore[attr-defined]
    snapshot = time.perf_counter() - started
    rows = []
    for path in PATHS:
        started = time.perf_counter()
        answer = client.get(path)
        seconds = time.perf_counter() - started
        if answer.status_code != 200:
            raise SystemExit(f"{path}: {answer.status_code} {answer.text[:200]}")
        rows.append((path, len(answer.content), seconds))
        print(f"{path}\t{len(answer.content) / 1e6:.2f} MB\t{seconds:.2f} s", file=sys.stderr)
    return snapshot, rows, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="a newsdesk database (default: 1,000 BBC articles, made once)")
    parser.add_argument("--write", type=Path, help="put the table in this Markdown file (a marked section)")
    args = parser.parse_args(argv)
    db = args.db
    if db is None:
        from claims import base_database  # bench/claims.py, beside this script

        db = base_database(ROOT.parent / "shared" / "corpus" / "bbc", 1000)
    from newsdesk.store import open_store

    with open_store(db, read_only=True) as store:
        documents = store.count()
    snapshot, rows, peak = measure(db)
    day = datetime.now(UTC).date().isoformat()
    command = f" --db {args.db}" if args.db else ""
    lines = [
        f"## Downloads on {documents:,} articles",
        "",
        f"`.venv/bin/python bench/downloads.py{command} --write docs/PERFORMANCE.md`, {day}, {platform.machine()}, "
        f"Python {platform.python_version()}, a machine shared with other work (the seconds are noisy). "
        f"Each file of the Download menu, asked for once through the application "
        f"after the story snapshot (built in {snapshot:.1f} s) is ready; the export and the CSV tables are "
        "written from the store as they are streamed (one table reads only its section); peak memory of "
        f"the process {peak:.0f} MiB.",
        "",
        "| download | size | seconds |",
        "|---|---|---|",
        *(
            f"| `{path.removeprefix('/api/downloads/')}` | {size / 1e6:.2f} MB | {seconds:.1f} |"
            for path, size, seconds in rows
        ),
    ]
    print("\n".join(lines))
    if args.write:
        write_section(args.write, "bench/downloads.py", lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
