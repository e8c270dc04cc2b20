"""Memory and latency of reading a story: `newsdesk serve` (the REST API) and `newsdesk export`
at 1k, 10k and 100k articles.

    .venv/bin/python bench/serve.py [--sizes 1000,10000,100000] [--requests 100] [--write docs/PERFORMANCE.md]

The stores: the first 1,000 BBC articles ingested with NLP and the story stages (bench/claims.py's
cached base, ``bench/.cache/claims-bbc-1000.db``), copied in SQL until the store holds the size
asked for. Each copy of an article gets a new id and its text (and body) a last line
"(replica N)", so no offset moves; every per-document table is copied with it, and so is the
story: each copy's mentions join the original's entities (an entity of the base is mentioned N
times as often), each claim and timeline entry of the base is copied for each replica with its
evidence pointing into that replica's articles, each replica's articles are their own
independent sources. The story stages are not run again (their cost is not what is measured
here); the store's own columns and tables for reads by page are filled as the store fills them.
Stores are cached under bench/.cache/ (git-ignored); delete them to rebuild.

Measured per size, each in a fresh process, on the machine as it is (2 cores shared):
- ``newsdesk export --format json`` and ``--format jsonl`` to a file: wall time and peak RSS;
- ``newsdesk serve --read-only``: cold start (process start to the first answer of /api/documents),
  each endpoint's latency (requests one after another from an httpx client on loopback, after a
  warm-up; offsets, ids and queries drawn at random; the lists read by key, ``after=`` the cursor
  of a random place), the server's CPU per request, and its peak RSS after them.

``--only NAME,NAME`` times only the endpoints whose name holds one of these (nothing saved); the
network's rows ("relations") and the claims by most articles ("most articles") are read from the
relation edges table and the index on the claims' counts (migration 0027). A
cached store made by an older newsdesk must be brought to the current schema first (``serve
--read-only`` does not migrate): copy it and open the copy once, never the cached file itself.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx

from api import Request, _free_port, _memory, _q, _timed  # bench/api.py, beside this file
from newsdesk.api.common import cursor
from newsdesk.report.sections import write_section
from newsdesk.store.story import CLAIM_OUTLETS

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
BASE = CACHE / "claims-bbc-1000.db"
NEWSDESK = str(Path(sys.executable).parent / "newsdesk")
# Per-document tables copied with their article (the others are the story's, copied below).
STORY_TABLES = frozenset(
    {
        "entity_mentions",
        "reference_dates",
        "sources",
        "claim_documents",
        "claim_actors",
        "timeline_reports",
        "speaker_links",
    }
)
SEARCHES = ("election", "Blair AND Brown", '"interest rates"', "oil price*", "film OR music", "economy NOT china")
NAMES = ("Blair", "Brown", "Howard", "Kennedy")


def base_database() -> Path:
    if not BASE.exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "claims.py"), "--sizes", "1000"], check=True)
    from newsdesk.store import open_store

    open_store(BASE).close()  # brought up to the current schema
    with sqlite3.connect(BASE) as db:
        # A base made while migration 0013 was being written may lack its last column.
        if "related" not in {row[1] for row in db.execute("PRAGMA table_info(claims)")}:
            db.execute("ALTER TABLE claims ADD COLUMN related TEXT NOT NULL DEFAULT '[]'")
    db.close()
    return BASE


def store_of(articles: int) -> Path:
    """The base copied up to ``articles`` documents (cached)."""
    path = CACHE / f"serve-{articles}.db"
    if path.exists():
        return path
    base = base_database()
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    with sqlite3.connect(base) as source, sqlite3.connect(partial) as target:
        source.backup(target)
    source.close()
    target.close()
    db = sqlite3.connect(partial, isolation_level=None)
    originals = [row[0] for row in db.execute("SELECT id FROM documents ORDER BY rowid")]
    replicas = math.ceil(articles / len(originals)) - 1
    last = articles - len(originals) * replicas  # articles of the last replica
    for k in range(1, replicas + 1):
        chosen = originals if k < replicas else originals[:last]
        _copy(db, chosen, k)
        print(f"replica {k}/{replicas}", flush=True)
    db.execute("UPDATE story_state SET built = changes")
    _refill(db)
    db.execute("VACUUM")
    db.close()
    from newsdesk.store import open_store

    open_store(partial).close()  # the copies' quote ids, as the store fills them
    partial.rename(path)
    return path


def _copy(db: sqlite3.Connection, chosen: list[str], k: int) -> None:
    db.execute("BEGIN")
    db.execute("DROP TABLE IF EXISTS temp.replica")
    db.execute("CREATE TEMP TABLE replica (old TEXT PRIMARY KEY, new TEXT)")
    db.executemany("INSERT INTO replica VALUES (?, ?)", [(old, f"{old}~{k}") for old in chosen])
    suffix = f"\n\n(replica {k})"
    columns = [row[1] for row in db.execute("PRAGMA table_info(documents)")]
    copied = {"id": "r.new", "source": f"d.source || '#{k}'", "text": "d.text || ?", "body": "d.body || ?"}
    db.execute(
        f"INSERT INTO documents ({', '.join(map(_q, columns))}) SELECT "
        + ", ".join(copied.get(c, f"d.{_q(c)}") for c in columns)
        + " FROM documents d JOIN replica r ON d.id = r.old",
        (suffix, suffix),
    )
    tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        columns = [row[1] for row in db.execute(f"PRAGMA table_info({_q(table)})")]
        if "doc_id" not in columns or table in STORY_TABLES - {"entity_mentions", "reference_dates"}:
            continue
        values = {"doc_id": "r.new", "id": "NULL"} if table == "quotes" else {"doc_id": "r.new"}
        db.execute(
            f"INSERT INTO {_q(table)} ({', '.join(map(_q, columns))}) SELECT "
            + ", ".join(values.get(c, f"t.{_q(c)}") for c in columns)
            + f" FROM {_q(table)} t JOIN replica r ON t.doc_id = r.old"
        )
    db.execute(
        f"INSERT INTO sources (doc_id, source) SELECT r.new, s.source || '~{k}' FROM sources s JOIN replica r ON s.doc_id = r.old"
    )
    renamed = {old: f"{old}~{k}" for old in chosen}
    claims = db.execute("SELECT * FROM claims WHERE id NOT LIKE '%~%'").fetchall()
    names = [d[0] for d in db.execute("SELECT * FROM claims LIMIT 0").description]
    rows = []
    for row in claims:
        record = dict(zip(names, row, strict=True))
        statements = json.loads(record["statements"])
        if not all(s["doc"] in renamed for s in statements):
            continue
        for s in statements:
            s["doc"] = renamed[s["doc"]]
        conflicts = json.loads(record["conflicts"])
        if not all(x["ours"][0] in renamed and x["theirs"][0] in renamed for x in conflicts):
            conflicts = []
        for x in conflicts:
            x["claim"] = f"{x['claim']}~{k}"
            x["ours"][0], x["theirs"][0] = renamed[x["ours"][0]], renamed[x["theirs"][0]]
        record.update(
            id=f"{record['id']}~{k}",
            statements=json.dumps(statements),
            conflicts=json.dumps(conflicts),
            sources=json.dumps([f"{s}~{k}" for s in json.loads(record["sources"])]),
            related=json.dumps([[f"{other}~{k}", score] for other, score in json.loads(record["related"])]),
        )
        rows.append(tuple(record[n] for n in names))
    db.executemany(f"INSERT INTO claims ({', '.join(map(_q, names))}) VALUES ({', '.join('?' * len(names))})", rows)
    entries = db.execute("SELECT * FROM timeline WHERE id NOT LIKE '%~%'").fetchall()
    names = [d[0] for d in db.execute("SELECT * FROM timeline LIMIT 0").description]
    rows = []
    for row in entries:
        record = dict(zip(names, row, strict=True))
        reports = json.loads(record["reports"])
        if not all(r["doc"] in renamed for r in reports):
            continue
        for r in reports:
            r["doc"] = renamed[r["doc"]]
        record.update(id=f"{record['id']}~{k}", reports=json.dumps(reports))
        rows.append(tuple(record[n] for n in names))
    db.executemany(f"INSERT INTO timeline ({', '.join(map(_q, names))}) VALUES ({', '.join('?' * len(names))})", rows)
    db.execute("COMMIT")


# What migration 0017 fills for results stored before it, done again over the copies (the speaker
# links are filled when the store is next opened, as for a store made before migration 0022).
REFILL = (
    "DELETE FROM speaker_links",
    "DELETE FROM speaker_names",
    "DELETE FROM claim_documents",
    "DELETE FROM claim_actors",
    "DELETE FROM timeline_reports",
    "UPDATE entities SET mention_count = (SELECT count(*) FROM entity_mentions m WHERE m.entity_id = entities.id)",
    "UPDATE entities SET article_count = (SELECT count(DISTINCT m.doc_id) FROM entity_mentions m"
    " WHERE m.entity_id = entities.id)",
    "WITH ranked AS (SELECT id, row_number() OVER (ORDER BY mention_count DESC, name, id) AS n FROM entities)"
    " UPDATE entities SET position = (SELECT n FROM ranked WHERE ranked.id = entities.id)",
    "INSERT INTO claim_documents (claim_id, doc_id)"
    " SELECT DISTINCT c.id, json_extract(s.value, '$.doc') FROM claims c, json_each(c.statements) s",
    "INSERT INTO claim_actors (claim_id, entity_id) SELECT DISTINCT c.id, a.value"
    " FROM claims c, json_each(c.statements) s, json_each(json_extract(s.value, '$.actors')) a",
    "UPDATE claims SET document_count = (SELECT count(*) FROM claim_documents d WHERE d.claim_id = claims.id),"
    " source_count = json_array_length(sources), contested = json_array_length(conflicts) > 0",
    "DELETE FROM claim_outlets",
    CLAIM_OUTLETS,
    "DELETE FROM claim_words",
    "INSERT INTO claim_words (text, claim_id) SELECT text, id FROM claims",
    "INSERT INTO timeline_reports (doc_id, event_start, trigger_start, entry_id)"
    " SELECT DISTINCT json_extract(r.value, '$.doc'), json_extract(r.value, '$.event[0]'),"
    " json_extract(r.value, '$.trigger[0]'), t.id FROM timeline t, json_each(t.reports) r",
    "DELETE FROM timeline_participants",
    "INSERT INTO timeline_participants (entity_id, entry_id)"
    " SELECT DISTINCT p.value, t.id FROM timeline t, json_each(t.participants) p",
)


def _refill(db: sqlite3.Connection) -> None:
    db.execute("BEGIN")
    for statement in REFILL:
        db.execute(statement)
    db.execute("COMMIT")


def export_figures(db: Path, form: str) -> dict[str, float]:
    """Wall time and peak RSS of ``newsdesk export`` in a child process (written beside ``db``
    when it is not a cached store, then deleted)."""
    out = (CACHE if db.parent == CACHE else db.parent) / f"export-{db.stem}.{form}"
    started = time.perf_counter()
    child = subprocess.Popen([NEWSDESK, "export", "--db", str(db), "--read-only", "--format", form, "--out", str(out)])
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        sys.exit(f"export --format {form} failed ({status})")
    size = out.stat().st_size
    out.unlink()
    return {"seconds": seconds, "peak_mib": usage.ru_maxrss / 1024, "mib": size / 2**20}


@contextmanager
def served(db: Path) -> Iterator[tuple[subprocess.Popen[bytes], httpx.Client]]:
    """``newsdesk serve --read-only`` over ``db`` on a free loopback port, once it answers, and a
    client of it; the server is stopped at the end."""
    port = _free_port()
    server = subprocess.Popen(
        [NEWSDESK, "serve", "--db", str(db), "--read-only", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=600) as client:
            while True:
                try:
                    if client.get("/api/documents", params={"limit": 1}).status_code == 200:
                        break
                except httpx.TransportError:
                    if server.poll() is not None:
                        sys.exit("the server stopped")
                    time.sleep(0.02)
            yield server, client
    finally:
        server.terminate()
        server.wait(timeout=30)


def samples(client: httpx.Client, counts: dict[str, int]) -> list[list[str]]:
    """Ids of documents, entities, claims, quotes and timeline entries, from a few random pages."""
    return [
        _sample(client, "/api/documents", counts["documents"]),
        _sample(client, "/api/entities", counts["entities"], mentions="false"),
        _sample(client, "/api/claims", counts["claims"]),
        _sample(client, "/api/quotes", counts["quotes"]),
        _sample(client, "/api/timeline", counts["timeline"]),
    ]


def cursors(client: httpx.Client, counts: dict[str, int], ids: list[str], requests: int) -> dict[str, list[str]]:
    """Per list read by key, cursors of random places in it (the ``next`` of a page at a random
    offset; the network's: the start of a random document), so that the pages after them are the
    deep pages of the list."""
    rng = random.Random(20)
    lists = {"documents": "documents", "quotes": "quotes", "times": "times", "events": "events", "claims": "claims"}
    found: dict[str, list[str]] = {}
    for name, counted in lists.items():
        found[name] = []
        for _ in range(min(requests, 20)):
            page = client.get(f"/api/{name}", params={"offset": rng.randrange(0, max(counts[counted] - 50, 1))})
            found[name] += [page.json()["next"]] if page.json()["next"] else []
    found["relations"] = [cursor((doc, 0)) for doc in rng.sample(ids, min(len(ids), 20))]
    # Entities with edges (most entities have none), from the network's first page.
    edges = client.get("/api/relations", params={"limit": 100}).json()["items"]
    found["network entities"] = sorted({e[side] for e in edges for side in ("source", "target")}) or ["none"]
    found["top entity"] = [
        client.get("/api/entities", params={"limit": 1, "mentions": "false"}).json()["items"][0]["id"]
    ]
    found["claims by articles"] = []
    for _ in range(min(requests, 20)):
        params = {"order": "documents", "offset": rng.randrange(0, max(counts["claims"] - 50, 1))}
        page = client.get("/api/claims", params=params)
        found["claims by articles"] += [page.json()["next"]] if page.json()["next"] else []
    return found


def _cpu_ms(pid: int) -> float:
    """The process's CPU time so far (user and system), in ms."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def serve_figures(db: Path, requests: int, warmup: int, only: tuple[str, ...] = ()) -> dict[str, object]:
    started = time.perf_counter()
    with served(db) as (server, client):
        cold_s = time.perf_counter() - started
        after_start = _memory(server.pid)
        counts: dict[str, int] = client.get("/api").json()["counts"]
        results = {}
        sampled = samples(client, counts)
        keys = cursors(client, counts, sampled[0], requests)
        for name, make, count in _endpoints(counts, *sampled, keys=keys, requests=requests):
            if only and not any(part in name for part in only):
                continue
            used = _cpu_ms(server.pid)
            results[name] = _timed(client, make, count, warmup)
            # The server's CPU per request (the warm-up's requests included).
            results[name]["server_cpu_ms"] = (_cpu_ms(server.pid) - used) / (count + warmup)
            print(f"  {name}: {results[name]}", flush=True)
        memory = _memory(server.pid)
    return {
        "counts": counts,
        "cold_s": cold_s,
        "rss_start_mib": after_start["VmRSS"],
        "rss_mib": memory["VmRSS"],
        "peak_mib": memory["VmHWM"],
        "endpoints": results,
    }


def _sample(client: httpx.Client, path: str, total: int, **params: str) -> list[str]:
    """Ids from a few random pages."""
    rng = random.Random(path)
    found: list[str] = []
    for _ in range(5):
        page = client.get(path, params={**params, "offset": rng.randrange(0, max(total - 50, 1)), "limit": 50})
        found += [item["id"] for item in page.json()["items"]]
    return found or ["none"]


def _endpoints(
    totals: dict[str, int],
    ids: list[str],
    entities: list[str],
    claims: list[str],
    quotes: list[str],
    entries: list[str],
    *,
    keys: dict[str, list[str]],
    requests: int,
) -> list[tuple[str, Request, int]]:
    rng = random.Random(17)

    def after(name: str, **params: object) -> Request:
        return lambda: (f"/api/{name}", {**params, "after": rng.choice(keys[name])})

    def offset(count: int) -> int:
        return rng.randrange(0, max(count - 50, 1))

    few = max(requests // 5, 10)
    return [
        ("/api (counts)", lambda: ("/api", {}), few),
        ("documents (limit 50)", lambda: ("/api/documents", {"offset": offset(totals["documents"])}), requests),
        ("documents: outlet contains", lambda: ("/api/documents", {"outlet": "bbc", "limit": 50}), few),
        ("document detail", lambda: (f"/api/documents/{rng.choice(ids)}", {}), requests),
        (
            "entities (limit 50, no mentions)",
            lambda: ("/api/entities", {"offset": offset(totals["entities"]), "mentions": "false"}),
            requests,
        ),
        ("entities: first page, with mentions", lambda: ("/api/entities", {}), few),
        (
            "entities: PERSON, name contains",
            lambda: ("/api/entities", {"type": "PERSON", "name": rng.choice(NAMES), "mentions": "false"}),
            requests,
        ),
        ("entity detail", lambda: (f"/api/entities/{rng.choice(entities)}", {}), requests),
        ("entity detail: the most mentioned", lambda: (f"/api/entities/{keys['top entity'][0]}", {}), few),
        ("quotes (limit 50)", lambda: ("/api/quotes", {"offset": offset(totals["quotes"])}), requests),
        ("quotes: of a document", lambda: ("/api/quotes", {"doc": rng.choice(ids)}), requests),
        ("quotes: speaker name contains", lambda: ("/api/quotes", {"speaker": rng.choice(NAMES)}), few),
        ("quote detail", lambda: (f"/api/quotes/{rng.choice(quotes)}", {}), requests),
        ("times (limit 50)", lambda: ("/api/times", {"offset": offset(totals["times"])}), requests),
        ("events (limit 50)", lambda: ("/api/events", {"offset": offset(totals["events"])}), requests),
        ("claims (limit 50)", lambda: ("/api/claims", {"offset": offset(totals["claims"])}), requests),
        (
            "claims: min_sources 2, most sources first",
            lambda: ("/api/claims", {"min_sources": 2, "order": "sources"}),
            requests,
        ),
        ("claims: of a document", lambda: ("/api/claims", {"doc": rng.choice(ids)}), requests),
        ("claim detail", lambda: (f"/api/claims/{rng.choice(claims)}", {}), requests),
        ("relations (limit 50)", lambda: ("/api/relations", {}), few),
        (
            "relations (limit 50, random offset)",
            lambda: ("/api/relations", {"offset": offset(totals["relations"])}),
            few,
        ),
        ("relations: of an entity", lambda: ("/api/relations", {"entity": rng.choice(keys["network entities"])}), few),
        (
            "claims: most articles first (random offset)",
            lambda: ("/api/claims", {"order": "documents", "offset": offset(totals["claims"])}),
            few,
        ),
        ("timeline (limit 50)", lambda: ("/api/timeline", {"offset": offset(totals["timeline"])}), requests),
        ("timeline entry", lambda: (f"/api/timeline/{rng.choice(entries)}", {}), requests),
        ("search (limit 20)", lambda: ("/api/search", {"q": rng.choice(SEARCHES), "limit": 20}), requests),
        (
            "coverage (limit 20)",
            lambda: ("/api/coverage", {"offset": offset(totals["documents"]), "limit": 20}),
            few,
        ),
        ("coverage/sources (limit 20)", lambda: ("/api/coverage/sources", {"limit": 20}), few),
        # The deep pages read by key: after the cursor of a random place.
        ("documents after= (limit 50)", after("documents"), requests),
        ("quotes after= (limit 50)", after("quotes"), requests),
        ("times after= (limit 50)", after("times"), requests),
        ("events after= (limit 50)", after("events"), requests),
        ("claims after= (limit 50)", after("claims"), requests),
        ("relations after= (limit 50)", after("relations"), few),
        (
            "claims after=, most articles first",
            lambda: ("/api/claims", {"order": "documents", "after": rng.choice(keys["claims by articles"])}),
            few,
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--write", type=Path)
    parser.add_argument(
        "--forms", default="json,jsonl", help="export forms measured (the whole JSON of 100k takes long)"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="take a size's figures from its last run (bench/.cache/serve-N.json)"
    )
    parser.add_argument(
        "--only", default="", help="time only the endpoints whose name holds one of these (comma-separated); not saved"
    )
    parser.add_argument(
        "--db",
        type=Path,
        help="measure this store (a copy brought to the current schema) instead of the cached one; one size only",
    )
    args = parser.parse_args()
    only = tuple(part for part in args.only.split(",") if part)
    if args.db is not None and ("," in args.sizes or args.reuse):
        sys.exit("--db is one store: give its size alone with --sizes, without --reuse")
    if only and (args.write or args.reuse):
        sys.exit("--only times some endpoints: its figures are neither saved, reused nor written")
    rows = []
    for size in [int(part) for part in args.sizes.split(",")]:
        saved = CACHE / f"serve-{size}.json" if args.db is None else args.db.with_suffix(".json")
        if args.reuse and saved.exists():
            rows.append(json.loads(saved.read_text()))
            continue
        started = time.perf_counter()
        db = store_of(size) if args.db is None else args.db
        built = time.perf_counter() - started
        print(f"{size}: store {db} ({db.stat().st_size / 2**20:.0f} MiB, {built:.0f} s)", flush=True)
        row: dict[str, object] = {"size": size, "db_mib": db.stat().st_size / 2**20}
        for form in [name for name in args.forms.split(",") if name]:
            row[f"export_{form}"] = export_figures(db, form)
            print(f"  export {form}: {row[f'export_{form}']}", flush=True)
        row["serve"] = serve_figures(db, args.requests, args.warmup, only)
        rows.append(row)
        if not only:
            saved.write_text(json.dumps(row, indent=2))
    if args.write:
        _write(args.write, rows, args)


def _write(path: Path, rows: list[dict[str, object]], args: argparse.Namespace) -> None:
    when = datetime.now(UTC).date().isoformat()
    lines = [
        f"Measured {when} on {platform.machine()}, {os.cpu_count()} cores (shared with other sessions' work), "
        f"Python {platform.python_version()}, by `.venv/bin/python bench/serve.py --sizes {args.sizes} "
        f"--requests {args.requests} --write docs/PERFORMANCE.md` (stores built as the script's docstring says).",
        "",
        "| articles | store MiB | entities | quotes | claims | timeline | export json s / peak MiB | export jsonl s / peak MiB "
        "| serve cold start s | serve RSS after start / peak MiB |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        serve: dict[str, object] = row["serve"]  # type: ignore[assignment]
        counts: dict[str, int] = serve["counts"]  # type: ignore[assignment]
        exports = {}
        for form in ("json", "jsonl"):
            found: dict[str, float] | None = row.get(f"export_{form}")  # type: ignore[assignment]
            exports[form] = f"{found['seconds']:.1f} / {found['peak_mib']:.0f}" if found else "not measured"
        lines.append(
            f"| {row['size']:,} | {row['db_mib']:.0f} | {counts['entities']:,} | {counts['quotes']:,} | "
            f"{counts['claims']:,} | {counts['timeline']:,} | {exports['json']} | {exports['jsonl']} | {serve['cold_s']:.2f} | "
            f"{serve['rss_start_mib']:.0f} / {serve['peak_mib']:.0f} |"
        )
    names = list(rows[0]["serve"]["endpoints"])  # type: ignore[index]
    lines += ["", "API latency, p95 ms (p50 ms) per endpoint:", ""]
    lines.append("| endpoint | " + " | ".join(f"{row['size']:,} articles" for row in rows) + " |")
    lines.append("|---|" + "---|" * len(rows))
    for name in names:
        cells = []
        for row in rows:
            found = row["serve"]["endpoints"][name]  # type: ignore[index]
            cells.append(f"{found['p95_ms']:.1f} ({found['p50_ms']:.1f})")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    write_section(path, "bench/serve.py", lines)


if __name__ == "__main__":
    main()
