"""The Python API as the README shows it: the example runs as written, and stores and briefs."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_readme_example_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    section = README.read_text("utf-8").split("## Python API", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    assert code is not None
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        exec(compile(code.group(1), "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
    printed = capsys.readouterr().out
    assert printed.startswith('2 stored; ["the record has no non-empty ' + "'text' or 'html' string\"]")
    assert "# Story briefing" in printed and "[A1:" in printed.replace("\\", "")
    assert (tmp_path / "story.db").exists()


def test_a_record_that_is_not_json_is_its_own_failure(tmp_path: Path) -> None:
    import newsdesk

    with newsdesk.open_store(str(tmp_path / "s.db")) as store:
        report = newsdesk.ingest_articles([{"text": "x" * 20, "title": 3}, {"text": object()}], store)
    assert [f.source for f in report.failed] == ["article 1", "article 2"]
    assert "must be a string" in report.failed[0].reason and "not a JSON record" in report.failed[1].reason
    with pytest.raises(ValueError, match="format"):
        newsdesk.briefing(store, format="pdf")
