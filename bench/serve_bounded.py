"""Peak memory of `newsdesk serve` when every answer is bounded: bench/serve.py's requests (20 of
each, on its cached store of ``ARTICLES`` articles) without the two whose answers grow with the
story (the first page of entities with every mention; quotes filtered by a speaker's name).

    .venv/bin/python bench/serve_bounded.py ARTICLES

Prints the server's peak and current RSS (MiB) after those requests, then after three
speaker-name requests.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import serve  # bench/serve.py, beside this file

UNBOUNDED = {"entities: first page, with mentions", "quotes: speaker name contains"}


def main() -> None:
    db = serve.CACHE / f"serve-{int(sys.argv[1])}.db"
    with serve.served(db) as (server, client):
        counts = client.get("/api").json()["counts"]
        endpoints = serve._endpoints(counts, *serve.samples(client, counts), 20)
        for name, make, count in endpoints:
            if name not in UNBOUNDED:
                for _ in range(count):
                    path, params = make()
                    client.get(path, params=params).raise_for_status()
        print("without the two unbounded endpoints:", serve._memory(server.pid))
        for name, make, _ in endpoints:
            if name == "quotes: speaker name contains":
                for _ in range(3):
                    path, params = make()
                    client.get(path, params=params).raise_for_status()
        print("after 3 speaker-name requests:", serve._memory(server.pid))


if __name__ == "__main__":
    main()
