"""Encodings are detected, not assumed; HTML goes through trafilatura and then the same cleaning."""

from __future__ import annotations

from pathlib import Path

from newsdesk.ingest import ingest_paths
from newsdesk.ingest.readers import read_file
from newsdesk.model import RawArticle
from newsdesk.settings import Settings
from newsdesk.store import open_store
from tests.conftest import DEMO


def test_latin1_demo_article_is_decoded() -> None:
    latin = [p for p in DEMO.glob("*.txt") if _not_utf8(p)]
    assert latin, "the demo corpus carries one Latin-1 file"
    item = next(read_file(latin[0], Settings()))
    assert isinstance(item, RawArticle)
    assert item.encoding is not None and item.encoding.replace("_", "-").lower() != "utf-8"
    assert "\ufffd" not in item.text
    assert any(ch in item.text for ch in "éèü£")


def _not_utf8(path: Path) -> bool:
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def test_bbc_latin1_file(bbc: Path) -> None:
    odd = [p for p in bbc.rglob("*.txt") if _not_utf8(p)]
    assert len(odd) == 1
    item = next(read_file(odd[0], Settings()))
    assert isinstance(item, RawArticle) and "£" in item.text


def test_html_page_metadata_and_cleaning(tmp_path: Path) -> None:
    page = next(DEMO.glob("*.html"))
    with open_store(tmp_path / "h.db") as store:
        report = ingest_paths([str(page)], store)
        document = store.get(report.stored[0])
    assert document is not None
    assert document.outlet is not None and document.outlet.how == "metadata"
    assert document.published is not None and document.published.how.value == "metadata"
    assert document.title
    assert "<" not in document.body


def test_the_whole_bbc_corpus_twice(tmp_path: Path, bbc: Path) -> None:
    files = [p for p in bbc.rglob("*.txt") if not p.name.lower().startswith("readme")]
    distinct = {p.read_bytes().replace(b"\r\n", b"\n").strip() for p in files}
    with open_store(tmp_path / "bbc.db") as store:
        first = ingest_paths([str(bbc)], store, Settings(detect_language=False, nlp=False))
        assert not first.failed
        assert len(first.stored) + len(first.present) == len(files) == 2225
        assert len(first.stored) == len(distinct)  # the corpus holds byte-identical copies
        second = ingest_paths([str(bbc)], store, Settings(detect_language=False, nlp=False))
        assert second.stored == [] and len(second.present) == 2225
        assert store.count() == len(distinct)


def test_decoding_detects_rather_than_assumes() -> None:
    from newsdesk.ingest.decode import decode

    german = "Grüße aus München, sagte die Bürgermeisterin am Montag."
    russian = "Министр заявил, что переговоры продолжатся в понедельник."
    assert decode(german.encode("latin-1"))[0] == german
    assert decode(russian.encode("cp1251"))[0] == russian
    assert decode(("\ufeff" + german).encode("utf-8")) == (german, "utf-8-sig")
    assert decode(german.encode("utf-16"))[0] == german
