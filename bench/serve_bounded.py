"""Peak memory of `newsdesk serve` when every answer is bounded: bench/serve.py's requests (20 of
each, on its cached store of ``ARTICLES`` articles) without the two whose answers grow with the
story (the first page of entities with every mention; quotes filtered by a speaker's name).

    .venv/bin/python bench/serve_bounded.py ARTICLES

Prints the server's peak and current RSS (MiB) after those requests, then after three
speaker-name requests.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import serve  # bench/serve.py, beside this file

UNBOUNDED = {"entities: first page, with mentions", "quotes: speaker name contains"}


def main() -> None:
    db = serve.CACHE / f"serve-{int(sys.argv[1])}.db"
    port = serve._free_port()
    command = [serve.NEWSDESK, "serve", "--db", str(db), "--read-only", "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=600) as client:
            while True:
                try:
                    if client.get("/api/documents", params={"limit": 1}).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.05)
            counts = client.get("/api").json()["counts"]
            samples = [
                serve._sample(client, "/api/documents", counts["documents"]),
                serve._sample(client, "/api/entities", counts["entities"], mentions="false"),
                serve._sample(client, "/api/claims", counts["claims"]),
                serve._sample(client, "/api/quotes", counts["quotes"]),
                serve._sample(client, "/api/timeline", counts["timeline"]),
            ]
            endpoints = serve._endpoints(counts, *samples, 20)
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
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
