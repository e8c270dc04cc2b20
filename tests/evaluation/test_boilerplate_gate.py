"""Evaluation gate: on trafilatura's gold pages, newsdesk's cleaning never removes real text.

The full figures come from `make eval` (docs/EVALUATION.md); this runs a slice so CI stays fast.
A floor is only ever raised.
"""

from __future__ import annotations

import gzip
import json

from newsdesk.ingest.decode import DecodeError, decode
from newsdesk.ingest.errors import InputError
from newsdesk.ingest.readers import html_article
from newsdesk.pipeline import process
from newsdesk.settings import Settings
from tests.conftest import SHARED, need

DATA = SHARED / "eval" / "boilerplate-trafilatura"
PAGES = 150
F1_FLOOR = 0.90


def test_cleaning_keeps_every_gold_snippet() -> None:
    need(DATA)
    gold = list(json.loads((DATA / "evaldata.json").read_text(encoding="utf-8")).values())[:PAGES]
    tp = fp = fn = lost = removed_junk = 0
    for page in gold:
        try:
            html, encoding = decode(
                gzip.decompress((DATA / "html" / (page["file"] + ".gz")).read_bytes()), lenient=True
            )
            document = process(html_article(page["file"], html, encoding), Settings(detect_language=False))
        except (DecodeError, InputError):
            fn += len(page.get("with", []))
            continue
        for snippet in page.get("with", []):
            tp += snippet in document.body
            fn += snippet not in document.body
            lost += snippet in document.text and snippet not in document.body
        for snippet in page.get("without", []):
            fp += snippet in document.body
            removed_junk += snippet in document.text and snippet not in document.body
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    assert lost == 0, f"cleaning removed {lost} snippets of real article text"
    assert removed_junk > 0
    assert f1 >= F1_FLOOR, f"F1 {f1:.3f} fell below the floor {F1_FLOOR}"
