"""Hostile and odd input: each bad file is its own one-line failure, the good ones are stored and
the story stages run, whatever the bad file does (issue 15: F1, F2, F3, F9 and the smaller kinds)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.store import open_store

GOOD = (
    "Harbour workers end strike\n\n"
    "Dock workers in Port Selby ended a nine-day strike on Friday after the port authority agreed to a "
    "6 percent pay rise, union leaders said. “We got what we asked for,” said Ada Brenn, the union's chair.\n"
)


def _ingest(db: Path, *paths: Path | bytes, nlp: bool = False) -> tuple[int, list[str]]:
    arguments = [os.fsdecode(p) for p in paths]
    result = CliRunner().invoke(main, ["ingest", "-q", "--db", str(db), *([] if nlp else ["--no-nlp"]), *arguments])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr.splitlines()


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


def _failures(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith("failed")]


def _built(db: Path) -> bool:
    with open_store(db) as store:
        return not store.story_stale() and store.count() > 0


def test_deeply_nested_json_is_refused_and_the_rest_is_stored(tmp_path: Path, good: Path) -> None:
    feed = tmp_path / "deep.jsonl"
    feed.write_bytes(b"[" * 100_000 + b"]" * 100_000 + b"\n" + b'{"text": ' + b"[" * 70 + b"]" * 70 + b"}\n")
    code, lines = _ingest(tmp_path / "d.db", feed, good)
    assert code == 1
    failures = _failures(lines)
    assert len(failures) == 2 and all("nested too deeply" in line for line in failures), lines
    assert lines[-1].startswith("stored 1,") and _built(tmp_path / "d.db")


def test_a_text_over_the_length_limit_is_refused_before_spacy(tmp_path: Path, good: Path) -> None:
    long = tmp_path / "long.txt"
    long.write_text("Report\n\n" + "The harbour was quiet on Friday. " * 40_000, encoding="utf-8")  # 1.3 M chars
    started = time.monotonic()
    code, lines = _ingest(tmp_path / "l.db", long, good, nlp=True)
    assert code == 1
    (failure,) = _failures(lines)
    assert "text too long to analyse" in failure and "100,000" in failure
    assert lines[-1].startswith("stored 1,") and _built(tmp_path / "l.db")
    assert time.monotonic() - started < 60  # spaCy's load and one short article, not the long one


def test_a_file_name_that_is_not_utf8_is_stored_and_printed_escaped(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9-strike.txt"
    with open(raw, "wb") as handle:
        handle.write(GOOD.encode())
    empty = os.fsencode(tmp_path) + b"/bad\xff.txt"
    with open(empty, "wb"):
        pass
    code, lines = _ingest(tmp_path / "n.db", tmp_path)
    assert code == 1
    (failure,) = _failures(lines)
    assert "bad\\xff.txt: empty file" in failure
    with open_store(tmp_path / "n.db") as store:
        (document,) = list(store.documents())
    assert document.source.endswith("caf\\xe9-strike.txt")


def test_control_characters_in_names_are_escaped_on_one_line(tmp_path: Path, good: Path) -> None:
    hostile = tmp_path / "evil\x1b[2J\nfailed fake.txt"
    hostile.write_bytes(b"")
    code, lines = _ingest(tmp_path / "c.db", hostile, good)
    assert code == 1
    assert not any("\x1b" in line for line in lines)
    (failure,) = _failures(lines)
    assert "evil\\x1b[2J\\nfailed fake.txt: empty file" in failure
    assert len(lines) == 2  # the failure and the summary: the newline did not split the line


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("zero-width.txt", "\u200b" * 40, "no text"),
        ("digits.txt", b"1234 5678 90", "no text"),
        ("two-bytes.txt", b"\x03a", "binary content"),
        ("random.txt", bytes([0x8F, 0x12, 0xC7, 0x01, 0xFE, 0x9D, 0x00, 0x41]), "binary"),
    ],
)
def test_content_without_letters_is_refused_as_no_text(
    tmp_path: Path, good: Path, name: str, content: str | bytes, reason: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content.encode() if isinstance(content, str) else content)
    code, lines = _ingest(tmp_path / "z.db", bad, good)
    assert code == 1
    (failure,) = _failures(lines)
    assert reason in failure


JAPANESE = (
    "東京の港湾労働者は金曜日、九日間続いたストライキを終えた。港湾当局が六パーセントの賃上げに合意したと組合が述べた。"
)
CHINESE = "塞尔比港的码头工人在港务局同意加薪百分之六后，于周五结束了为期九天的罢工，工会领导人表示。"
TRADITIONAL = "塞爾比港的碼頭工人在港務局同意加薪百分之六後，於週五結束了為期九天的罷工，工會領導人表示。"
KOREAN = "셀비 항구의 부두 노동자들은 항만 당국이 6퍼센트 임금 인상에 동의한 후 금요일에 파업을 끝냈다고 노조가 말했다."


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (JAPANESE, "shift_jis"),
        (CHINESE, "gb2312"),
        (CHINESE, "gbk"),
        (TRADITIONAL, "big5"),
        (KOREAN, "euc_kr"),
        (GOOD, "utf-16-le"),
        (GOOD, "utf-16-be"),
        (JAPANESE, "utf-16-le"),
    ],
)
def test_east_asian_encodings_and_utf16_without_bom_are_read(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(encoding))
    code, lines = _ingest(tmp_path / "e.db", path)
    assert code == 0, lines
    with open_store(tmp_path / "e.db") as store:
        (document,) = list(store.documents())
    assert document.text == text.replace("\r\n", "\n")


def test_an_unforeseen_fault_in_any_stage_costs_that_article_only(
    tmp_path: Path, good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug that raises (any exception) while cleaning, analysing or storing one article."""
    import importlib

    import newsdesk.clean as cleaning
    import newsdesk.store.document_write as document_write

    annotate = importlib.import_module("newsdesk.nlp.annotate")  # the package exports a function of that name

    clean, quotes, add = cleaning.clean, annotate.find_quotes, document_write.add

    def clean_or_crash(text: str):  # type: ignore[no-untyped-def]
        if "CLEANBOOM" in text:
            raise KeyError("a rule tripped")
        return clean(text)

    def quotes_or_crash(parsed, text, *args):  # type: ignore[no-untyped-def]
        if "NLPBOOM" in text:
            raise IndexError("token index out of range")
        return quotes(parsed, text, *args)

    def add_or_crash(db, document):  # type: ignore[no-untyped-def]
        if "STOREBOOM" in document.text:
            raise UnicodeEncodeError("utf-8", "x", 0, 1, "surrogates not allowed")
        return add(db, document)

    monkeypatch.setattr(cleaning, "clean", clean_or_crash)
    monkeypatch.setattr(annotate, "find_quotes", quotes_or_crash)
    monkeypatch.setattr(document_write, "add", add_or_crash)
    for word in ("CLEANBOOM", "NLPBOOM", "STOREBOOM"):
        (tmp_path / f"{word}.txt").write_text(GOOD.replace("Friday", f"Friday {word}"), encoding="utf-8")
    code, lines = _ingest(tmp_path / "u.db", tmp_path / "CLEANBOOM.txt", tmp_path / "NLPBOOM.txt",
                          tmp_path / "STOREBOOM.txt", good, nlp=True)  # fmt: skip
    assert code == 1
    failures = _failures(lines)
    assert len(failures) == 3, lines
    assert "CLEANBOOM.txt: could not process (stage newsdesk.clean" in failures[0] and "KeyError" in failures[0]
    assert "NLPBOOM.txt: could not analyse: IndexError" in failures[1]
    assert "STOREBOOM.txt: could not store: UnicodeEncodeError" in failures[2]
    assert lines[-1].startswith("stored 1,") and _built(tmp_path / "u.db")


def test_a_stage_over_its_time_budget_fails_that_article_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    import newsdesk.clean as cleaning
    from newsdesk.ingest import ingest_paths
    from newsdesk.settings import Settings

    clean = cleaning.clean

    def slow_clean(text: str):  # type: ignore[no-untyped-def]
        if "SLOW" in text:
            while True:  # a rule that never finishes on this input
                pass
        return clean(text)

    monkeypatch.setattr(cleaning, "clean", slow_clean)
    (tmp_path / "slow.txt").write_text(GOOD + "SLOW\n", encoding="utf-8")
    (tmp_path / "fine.txt").write_text(GOOD, encoding="utf-8")
    settings = dataclasses.replace(Settings(nlp=False), stage_seconds=0.5)
    with open_store(tmp_path / "b.db") as store:
        report = ingest_paths([str(tmp_path / "slow.txt"), str(tmp_path / "fine.txt")], store, settings)
    (failure,) = report.failed
    assert "took longer than 0.5 s in stage newsdesk.clean" in failure.reason
    assert len(report.stored) == 1
