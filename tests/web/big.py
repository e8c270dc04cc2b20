"""A story of 2,000 articles for the web UI's tests at size, built once per test session.

Cheap by construction: 100 BBC articles (20 from each of the corpus's five sections) are ingested
with NLP and the story stages, then copied in SQL until the store holds 2,000, as ``bench/serve.py``
builds its stores: each copy a new id, its text ending in "(replica N)", every per-document row and
the story's claims and timeline copied with it. What the pages do at that size (paging, filters,
counts, the chart's window) is what is tested, not the analysis of 2,000 distinct articles.
``tests/web/conftest.py::pile_dbs`` ingests 50 and copies them to 2,000: 24-40 s for both on the
shared 2-core machine (the ingest is most of it; the copying about 5 s).
"""

from __future__ import annotations

import importlib
import math
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path
from types import ModuleType

from tests.conftest import BBC, ROOT

ARTICLES = 2000
BASE_ARTICLES = 100


def _copier() -> ModuleType:
    """bench/serve.py, whose copying of articles this reuses (it imports its sibling bench/api.py)."""
    bench = str(ROOT / "bench")
    if bench not in sys.path:
        sys.path.insert(0, bench)
    return importlib.import_module("serve")


def build(path: Path, articles: int = ARTICLES, base: int = BASE_ARTICLES, ingest: bool = True) -> Path:
    """``base`` BBC articles ingested at ``path`` (``ingest`` False: they are there already),
    copied until the store holds ``articles``."""
    from newsdesk.ingest import ingest_paths
    from newsdesk.store import open_store

    if ingest:
        sections = sorted(p for p in BBC.iterdir() if p.is_dir())
        chosen = [f for section in sections for f in sorted(section.glob("*.txt"))[: base // len(sections)]]
        with tempfile.TemporaryDirectory() as folder:
            for number, file in enumerate(chosen):
                shutil.copy(file, Path(folder) / f"{file.parent.name}-{number:03}.txt")
            with open_store(path) as store:
                report = ingest_paths([folder], store)
            assert report.ok, report.failed
    if articles <= base:
        return path
    copier = _copier()
    db = sqlite3.connect(path, isolation_level=None)
    originals = [row[0] for row in db.execute("SELECT id FROM documents ORDER BY rowid")]
    replicas = math.ceil(articles / len(originals)) - 1
    last = articles - len(originals) * replicas
    for k in range(1, replicas + 1):
        copier._copy(db, originals if k < replicas else originals[:last], k)
    db.execute("UPDATE story_state SET built = changes")
    copier._refill(db)
    db.close()
    open_store(path).close()  # the copies' quote ids, as the store fills them
    return path
