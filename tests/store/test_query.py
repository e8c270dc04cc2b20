"""Plain search queries: every word as typed, punctuation kept inside words, prefixes kept."""

from __future__ import annotations

import sqlite3

import pytest

from newsdesk.store.query import fts5_plain, plain_terms


def test_words_keep_their_inner_punctuation_and_lose_their_edges() -> None:
    assert plain_terms('"U.S.-Mexico" border, (talks) dredg*') == [
        ("U.S.-Mexico", False),
        ("border", False),
        ("talks", False),
        ("dredg", True),
    ]
    assert plain_terms("--- ... !!") == []


@pytest.mark.parametrize("typed", ["U.S.-Mexico", 'dam AND ("', "O'Brien's", "NEAR(a b)", "covid-19 *", 'x"y'])
def test_every_plain_query_is_valid_fts5(typed: str) -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
    db.execute("INSERT INTO t VALUES ('Talks on the U.S.-Mexico border; O''Brien''s dam and covid-19 near a b')")
    rows = db.execute("SELECT count(*) FROM t WHERE t MATCH ?", (fts5_plain(typed),)).fetchone()
    assert rows[0] in (0, 1)
    assert db.execute("SELECT count(*) FROM t WHERE t MATCH ?", (fts5_plain("U.S.-Mexico"),)).fetchone()[0] == 1


def test_nothing_to_search_for_is_said() -> None:
    with pytest.raises(ValueError, match="nothing to search for"):
        fts5_plain(" -- ")
