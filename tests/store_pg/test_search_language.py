"""One search language on both stores: FTS5's words, phrases, AND/OR/NOT, prefixes and
parentheses read into PostgreSQL's tsquery, and each query finding the same articles in both."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.store import open_store
from newsdesk.store.postgres_search import QueryError, to_tsquery

# Written for this test: a small story of our own.
ARTICLES = {
    "a.txt": "Harbour reopens\n\nThe harbour at Holm reopened on Monday after the storm, the port authority said.\n",
    "b.txt": "Storm closes bridge\n\nA storm closed the bridge to Varsa; the harbour stayed open all week.\n",
    "c.txt": "Café owners count losses\n\nCafe owners near the pier counted their losses after the flooding.\n",
    "d.txt": "Port authority names director\n\nThe port authority named a new director for the harbours of Holm.\n",
}


def test_queries_are_read_with_fts5s_precedence() -> None:
    assert to_tsquery("harbour") == "'harbour'"
    assert to_tsquery("storm harbour") == "('storm' & 'harbour')"
    assert to_tsquery('"port authority"') == "('port' <-> 'authority')"
    assert to_tsquery("harb*") == "'harb':*"
    assert to_tsquery('"port auth"*') == "('port' <-> 'auth':*)"
    assert to_tsquery("a OR b c") == "('a' | ('b' & 'c'))"
    assert to_tsquery("a b NOT c") == "('a' & ('b' & !'c'))"
    assert to_tsquery("(a OR b) AND c") == "(('a' | 'b') & 'c')"
    assert to_tsquery("o'neill") == "'o''neill'"


@pytest.mark.parametrize("query", ['"open', "(a OR b", "a OR", "NOT a", "title:harbour", "NEAR(a b)", "*", ")"])
def test_malformed_or_unsupported_queries_are_refused(query: str) -> None:
    with pytest.raises(QueryError):
        to_tsquery(query)


QUERIES = [
    "harbour",
    "storm harbour",
    "storm AND harbour",
    "storm OR director",
    "harbour NOT storm",
    '"port authority"',
    '"authority port"',
    "harb*",
    "(storm OR pier) NOT bridge",
    "cafe",
    "café",
    "zeppelin",
]


def test_each_query_finds_the_same_articles_in_both_stores(tmp_path: Path, pg_url: str) -> None:
    from newsdesk.ingest import ingest_paths
    from newsdesk.settings import Settings

    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    found: dict[str, list[set[str]]] = {}
    for location in (str(tmp_path / "s.db"), pg_url):
        with open_store(location) as store:
            ingest_paths([str(folder)], store, Settings(nlp=False))
            sources = {d.id: d.source for d in store.documents()}
            for query in QUERIES:
                found.setdefault(query, []).append({Path(sources[i]).name for i, _ in store.search(query)})
    expected = {
        "harbour": {"a.txt", "b.txt"},  # not 'harbours': no stemming in either store
        "harb*": {"a.txt", "b.txt", "d.txt"},
        '"port authority"': {"a.txt", "d.txt"},
        '"authority port"': set(),
        "harbour NOT storm": set(),
        "cafe": {"c.txt"},  # diacritics removed in both stores
        "café": {"c.txt"},
    }
    for query, (in_sqlite, in_postgres) in found.items():
        assert in_sqlite == in_postgres, query
        if query in expected:
            assert in_postgres == expected[query], query
