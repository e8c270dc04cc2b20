"""The story network's edges, listed for a hand check of their precision.

    .venv/bin/python eval/relations_sample.py [FOLDER ...] [--sample N] [--seed S]

The folders (default: the seed articles, ../shared/corpus/seeds) are ingested with NLP into a
temporary database, one process; every edge of the export's ``relations`` (or a random sample of
N, reproducible with the seed) is printed with its direction (``->``, or ``--`` for a tie that
runs both ways), kind, trigger word, modality, date and sentence, so that a reader can mark each
right or wrong: the precision figure is the share marked right. Recall is not measured (there is
no gold of every relation stated).
"""

from __future__ import annotations

import argparse
import random
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from newsdesk.ingest import ingest_paths
from newsdesk.report.export import export_store
from newsdesk.settings import Settings
from newsdesk.store import open_store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


def edges(folders: list[str]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        with open_store(Path(folder) / "relations.db") as store:
            report = ingest_paths(folders, store, Settings(processes=1))
            if not report.ok:
                raise SystemExit(f"could not ingest: {report.failed}")
            export: dict[str, Any] = export_store(store)
            return export


def line(record: dict[str, Any], names: dict[str, str]) -> str:
    arrow = "->" if record["directed"] else "--"
    evidence = record["evidence"]
    sentence = " ".join(evidence["text"].split())
    return (
        f"{names.get(record['source'], record['source'])} {arrow} {names.get(record['target'], record['target'])}: "
        f"{record['kind']} [{record['trigger']['text']}] {record['modality']} {record['date'] or '-'}\n"
        f"    {evidence['doc']}:{evidence['start']}-{evidence['end']} {sentence}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", default=[str(SEEDS)])
    parser.add_argument("--sample", type=int, default=0, help="list a random sample of this many edges")
    parser.add_argument("--seed", type=int, default=7)
    arguments = parser.parse_args()
    export = edges(arguments.folders)
    names = {entity["id"]: entity["name"] for entity in export["entities"]}
    records = export["relations"]
    kinds = Counter(record["kind"] for record in records)
    print(
        f"{len(records)} edges in {len(export['documents'])} articles: "
        + ", ".join(f"{n} {k}" for k, n in kinds.items())
    )
    if arguments.sample and arguments.sample < len(records):
        records = random.Random(arguments.seed).sample(records, arguments.sample)
    for record in records:
        print(line(record, names))


if __name__ == "__main__":
    main()
