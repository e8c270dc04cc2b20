"""Article text is untrusted: the Markdown and CSV renderings neutralise markup and formulas."""

from __future__ import annotations

import csv
import html
import io
from pathlib import Path

from markdown_it import MarkdownIt

from newsdesk.ingest import ingest_paths
from newsdesk.report.render import to_csv, to_markdown
from newsdesk.store import open_store
from newsdesk.story.export import build_export

HOSTILE = (
    '=HYPERLINK("http://evil.example","Click") <script>alert(\'x\')</script>\n\n'
    "Officials in Brenna said on Monday that the <img src=x onerror=alert(1)> bridge would reopen, "
    "and a [link](javascript:alert(1)) appeared in the comments.\n"
)


def test_hostile_article_renders_inert(tmp_path: Path) -> None:
    page = tmp_path / "hostile.txt"
    page.write_text(HOSTILE, encoding="utf-8")
    with open_store(tmp_path / "h.db") as store:
        ingest_paths([str(page)], store)
        export = build_export(store.documents())
    markdown = to_markdown(export)
    assert "<script>" not in markdown and "<img" not in markdown
    assert "&lt;script&gt;" in markdown
    rendered = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)
    assert "<a " not in rendered and "<img" not in rendered and "<script" not in rendered
    assert "[link](javascript:alert(1))" in html.unescape(rendered)  # shown as written
    rows = list(csv.DictReader(io.StringIO(to_csv(export))))
    assert rows[0]["body"].startswith("'=")


def test_csv_defuses_formulas_in_every_column() -> None:
    """An outlet, a source, a reported-from name: any cell an article's words reach."""
    formula = '=HYPERLINK("http://evil.example","x")'
    document = {
        "id": "-1+1",
        "source": "@SUM(A1)",
        "title": "+cmd",
        "outlet": formula,
        "outlet_how": "metadata",
        "published": "-2",
        "published_how": None,
        "language": "\tx",
        "reported_from": ["=A1", "B"],
        "removed": [],
        "body": "fine",
    }
    (row,) = list(csv.DictReader(io.StringIO(to_csv({"documents": [document]}))))
    for column, value in row.items():
        assert not value or value[0] not in "=+-@\t\r", (column, value)
    assert row["outlet"] == "'" + formula and row["body"] == "fine"
