"""Several writers at once on PostgreSQL: overlapping ingests store each article exactly once."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from pathlib import Path

from newsdesk.model import Document, RawArticle
from newsdesk.pipeline import process
from newsdesk.settings import Settings
from newsdesk.store import open_store

TOWNS = ["Holm", "Varsa", "Lindby", "Osterak", "Pellin", "Quarn", "Rusk", "Sallow", "Tarrow", "Umber"]


def _article(number: int) -> str:
    town = TOWNS[number % len(TOWNS)]
    return (
        f"{town} council approves plan {number}\n\n"
        f"The council of {town} approved spending plan number {number} on Monday after a long debate, "
        f"a spokesperson said. The plan sets aside {number * 7 + 3} thousand for the harbour and the roads.\n"
    )


def _write(folder: Path, numbers: range) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in numbers:
        path = folder / f"plan-{number:03d}.txt"
        path.write_text(_article(number), encoding="utf-8")
        paths.append(str(path))
    return paths


def test_two_threads_adding_the_same_documents_store_each_once(pg_url: str) -> None:
    settings = Settings(nlp=False)
    documents = [process(RawArticle(source=f"plan-{n}.txt", text=_article(n)), settings) for n in range(40)]
    assert all(isinstance(d, Document) for d in documents)
    open_store(pg_url).close()  # migrated once, before the race
    added: list[list[bool]] = [[], []]
    start = threading.Barrier(2)

    def writer(slot: int, order: list[Document]) -> None:
        with open_store(pg_url) as store:
            start.wait()
            added[slot] = [store.add(document) for document in order]

    threads = [
        threading.Thread(target=writer, args=(0, documents)),
        threading.Thread(target=writer, args=(1, documents[::-1])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sum(added[0]) + sum(added[1]) == len(documents)
    with open_store(pg_url) as store:
        assert store.count() == len(documents)
        assert store.story_changes() == len(documents)  # one change per stored article, none twice


def test_two_concurrent_ingests_of_overlapping_files_give_no_duplicates(tmp_path: Path, pg_url: str) -> None:
    first = _write(tmp_path / "first", range(0, 40))
    second = _write(tmp_path / "second", range(20, 60))[::-1]  # they meet in the middle
    open_store(pg_url).close()
    environment = {**os.environ, "NEWSDESK_DB": pg_url}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "newsdesk", "ingest", "--no-nlp", "--quiet", *paths],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for paths in (first, second)
    ]
    stored = 0
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
        summary = re.search(r"stored (\d+), already present (\d+), failed 0", err)
        assert summary, err
        stored += int(summary.group(1))
    assert stored == 60  # each article stored by exactly one of the two
    with open_store(pg_url) as store:
        assert store.count() == 60
        assert len({d.id for d in store.documents()}) == 60
        assert sorted(Path(d.source).name for d in store.documents()) == [f"plan-{n:03d}.txt" for n in range(60)]
        assert store.story_changes() == 60
