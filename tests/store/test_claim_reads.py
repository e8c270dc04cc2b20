"""The claims' pages read indexes (issue 20): the claims' words through a trigram index (SQLite's
FTS5 table ``claim_words``, PostgreSQL's pg_trgm), the outlets carrying each claim
(``claim_outlets``), the claims of a kind most sources first, and the timeline's entries by
participant (``timeline_participants``). What a page finds is what a scan of
every claim (or entry) finds, on both stores: on the mixed pile as ingested (the claims stage keeps the
indexes), and on a store made before them (the migration fills them)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsdesk.model import Claim
from newsdesk.store import open_store, pages
from newsdesk.store.base import ClaimQuery, Store, TimelineQuery
from newsdesk.store.query import fts5_plain
from tests.pg_fixture import STORES, PostgresServer, run_sql, writable_store

# Each page is read whole: the mixed pile holds fewer claims than this.
ALL = 5000


@pytest.fixture(params=STORES)
def mixed_copy(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return writable_store(request, "mixed", tmp_path)


@pytest.fixture(scope="module", params=STORES)
def mixed(request: pytest.FixtureRequest) -> Iterator[Store]:
    location = request.getfixturevalue("mixed_sqlite" if request.param == "sqlite" else "mixed_pg")
    with open_store(location, read_only=True) as store:
        yield store


def _holds(text: str, word: str) -> bool:
    """The scan's test of a word (``pages._words``): ASCII by SQL's lower(), else case folding."""
    if word.isascii():
        return word.lower() in "".join(c.lower() if c.isascii() else c for c in text)
    return word.casefold() in text.casefold()


def _typed(claims: list[Claim]) -> list[str]:
    """Words a user might type, taken from the claims: whole words in their own case and upper
    case, pieces across a word's edge, words with inner punctuation, short and non-ASCII ones,
    and words no claim holds."""
    words: set[str] = set()
    for claim in claims[:60]:
        found = re.findall(r"\S+", claim.text)
        words.update(found[:4])
        words.update(word.upper() for word in found[:2])
        if len(claim.text) > 12:
            words.add(claim.text[3:10])
    inner = {w.strip(".,;:!?\"'()") for c in claims for w in c.text.split() if re.search(r"\w[.'’-]\w", w)}
    return sorted(words | set(list(inner)[:20]) | {"U.S.-Mexico", "of", "a", "dam", "café", "straße", "zzqx", 'x"y'})


def _scan(claims: list[Claim], words: tuple[str, ...]) -> list[str]:
    return [c.id for c in claims if all(_holds(c.text, word) for word in words)]


def _ids(store: Store, query: ClaimQuery) -> tuple[int, list[str]]:
    page = store.claim_page(query, 0, ALL)
    return page.total, [claim.id for claim in page.items]


def _check_words(store: Store) -> int:
    """Every typed word (and pairs of them), alone and with the full-text match of the search
    page, finds the claims a scan finds, in the story's order and most sources first."""
    claims = list(store.each_claim())
    assert claims
    by_sources = sorted(claims, key=lambda c: (-len(c.sources), -len(c.documents)))  # stable: story order within
    typed = _typed(claims)
    found_any = 0
    for words in [(word,) for word in typed] + list(zip(typed[::7], typed[3::7], strict=False)):
        expected = _scan(claims, words)
        assert _ids(store, ClaimQuery(words=words)) == (len(expected), expected), words
        ranked = _scan(by_sources, words)
        assert _ids(store, ClaimQuery(words=words, order="sources")) == (len(ranked), ranked), words
        found_any += bool(expected)
        if not any(c.isalnum() for c in " ".join(words)):
            continue
        matching = fts5_plain(" ".join(words))
        hits = {hit.doc for hit in store.search_documents(matching, 0, ALL).hits}
        searched = [c for c in _scan(by_sources, words) if hits & set(next(x for x in claims if x.id == c).documents)]
        assert _ids(store, ClaimQuery(words=words, matching=matching, order="sources")) == (len(searched), searched)
    return found_any


def _check_outlets_and_ranks(store: Store) -> None:
    """Claims by outlet (an article of the outlet carries it) and of a kind with 2+ sources, most
    sources (or articles) first, are a scan's, with every other order and filter beside them."""
    claims = list(store.each_claim())
    outlets = {doc: head.outlet for doc, head in store.document_heads([d for c in claims for d in c.documents]).items()}
    by_sources = sorted(claims, key=lambda c: (-len(c.sources), -len(c.documents)))
    by_documents = sorted(claims, key=lambda c: (-len(c.documents), -len(c.sources)))
    names = sorted({outlet for outlet in outlets.values() if outlet})
    assert len(names) > 2
    for outlet in [*names, "Nobody's Gazette"]:
        for order, ranked in (("story", claims), ("sources", by_sources), ("documents", by_documents)):
            expected = [c.id for c in ranked if any(outlets.get(doc) == outlet for doc in c.documents)]
            query = ClaimQuery(outlet=outlet, order=order)  # type: ignore[arg-type]
            assert _ids(store, query) == (len(expected), expected), (outlet, order)
            page = store.claim_page(query, 2, 3)  # a page further on is the same list's
            assert (page.total, [c.id for c in page.items]) == (len(expected), expected[2:5])
            # ... and with the kind and a word, which other indexes narrow first.
            facts = [i for i in expected if next(c for c in claims if c.id == i).kind.value == "fact"]
            assert _ids(store, ClaimQuery(outlet=outlet, order=order, kind="fact")) == (len(facts), facts)  # type: ignore[arg-type]
    shared = 0
    for kind in ("fact", "view", None):
        for least in (1, 2, 3):
            for order, ranked in (("story", claims), ("sources", by_sources), ("documents", by_documents)):
                expected = [c.id for c in ranked if len(c.sources) >= least and kind in (None, c.kind.value)]
                query = ClaimQuery(min_sources=least, kind=kind, order=order)  # type: ignore[arg-type]
                assert _ids(store, query) == (len(expected), expected), (kind, least, order)
                page = store.claim_page(query, 3, 5)  # a page further on is the same list's
                assert (page.total, [c.id for c in page.items]) == (len(expected), expected[3:8])
                shared += least == 2 and bool(expected)
    assert shared  # claims with two sources and more exist: the test is not of empty pages


def _check_participants(store: Store) -> None:
    """An entity's happenings are the entries it takes part in, as the filter read them before
    (a participant, and reported by an article naming it), in both orders and on a later page."""
    entries = list(store.each_timeline_entry())
    taking_part = sorted({entity for entry in entries for entity in entry.participants})
    assert len(taking_part) > 3
    named = {e.id: {m.doc for m in e.mentions} for e in store.entities(taking_part)}
    for entity in [*taking_part, "e-nobody"]:
        expected = [e.id for e in entries if entity in e.participants]
        before = [e.id for e in entries if entity in e.participants and {r.doc for r in e.reports} & named[entity]]
        assert expected == before
        assert _entries(store, TimelineQuery(entity=entity)) == (len(expected), expected), entity
        most = sorted(expected, key=lambda i: -len({r.doc for e in entries if e.id == i for r in e.reports}))
        total, ids = _entries(store, TimelineQuery(entity=entity, order="documents"))
        assert (total, sorted(ids)) == (len(most), sorted(most))
        page = store.timeline_page(TimelineQuery(entity=entity), 1, 2)
        assert (page.total, [e.id for e in page.items]) == (len(expected), expected[1:3])


def _entries(store: Store, query: TimelineQuery) -> tuple[int, list[str]]:
    page = store.timeline_page(query, 0, ALL)
    return page.total, [entry.id for entry in page.items]


def test_an_entitys_happenings_are_what_a_scan_finds(mixed: Store) -> None:
    _check_participants(mixed)


def test_claim_words_find_what_a_scan_finds(mixed: Store) -> None:
    assert _check_words(mixed) > 30  # most typed words are found: the test is not of empty pages


def test_a_search_counted_to_a_bound_pages_what_a_scan_finds(mixed: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Counted to a bound of 3, a search that finds more says so (``more``, a total of 3) and its
    pages, read in the order's index, are still the scan's, at every offset, with and without the
    full-text match, in both orders."""
    monkeypatch.setattr(pages, "SEARCH_COUNTED", 3)
    claims = list(mixed.each_claim())
    by_sources = sorted(claims, key=lambda c: (-len(c.sources), -len(c.documents)))
    many = 0
    for word in _typed(claims):
        for order, ranked in (("story", claims), ("sources", by_sources)):
            expected = _scan(ranked, (word,))
            query = ClaimQuery(words=(word,), order=order)  # type: ignore[arg-type]
            for offset in (0, 2, 5):
                page = mixed.claim_page(query, offset, 4)
                assert (page.total, page.more) == (min(len(expected), 3), len(expected) > 3), (word, order)
                assert [c.id for c in page.items] == expected[offset : offset + 4], (word, order, offset)
            many += len(expected) > 3
        if any(c.isalnum() for c in word):
            matching = fts5_plain(word)
            hits = {hit.doc for hit in mixed.search_documents(matching, 0, ALL).hits}
            searched = [c.id for c in by_sources if _holds(c.text, word) and hits & set(c.documents)]
            page = mixed.claim_page(ClaimQuery(words=(word,), matching=matching, order="sources"), 1, 6)
            assert (page.total, page.more) == (min(len(searched), 3), len(searched) > 3), word
            assert [c.id for c in page.items] == searched[1:7], word
    assert many > 10  # the bound is passed: the test is not of the exact count alone


def test_claims_by_outlet_and_by_sources_are_what_a_scan_finds(mixed: Store) -> None:
    _check_outlets_and_ranks(mixed)


def test_a_store_made_before_the_claim_index_gets_it_filled(mixed_copy: str) -> None:
    if mixed_copy.startswith("postgresql://"):
        version = 11
        run_sql(mixed_copy, "DROP INDEX claims_words")
    else:
        version = 23
        run_sql(mixed_copy, "DROP TABLE claim_words")
    run_sql(
        mixed_copy,
        "DROP TABLE claim_outlets",
        "DROP INDEX claims_kind_ranked",
        "DROP INDEX claims_id_ranked",
        "DROP TABLE timeline_participants",
        f"DELETE FROM schema_migrations WHERE version = {version}",
    )
    with open_store(mixed_copy) as store:  # migrated: the indexes made and filled from the stored claims
        assert _check_words(store) > 30
        _check_outlets_and_ranks(store)
        _check_participants(store)


def test_the_claims_stage_keeps_the_claim_index_in_step(mixed_copy: str) -> None:
    with open_store(mixed_copy) as store:
        claims = store.claims()
        kept = claims[::2]
        store.replace_claims(kept)
        assert len(store.claims()) == len(kept)
        if not mixed_copy.startswith("postgresql://"):  # SQLite's index is a table: replaced, not added to
            db = store._db  # type: ignore[attr-defined]
            assert db.execute("SELECT count(*) FROM claim_words").fetchone()[0] == len(kept)
        _check_outlets_and_ranks(store)
        for claim in kept[:10] + claims[1:10:2]:
            word = max(claim.text.split(), key=len)
            expected = _scan(kept, (word,))
            assert _ids(store, ClaimQuery(words=(word,))) == (len(expected), expected)


def test_a_database_owner_without_superuser_rights_gets_the_word_index(pg_server: PostgresServer) -> None:
    """pg_trgm is a trusted extension: the database's owner may create it, as the README says."""
    import psycopg

    role, name = f"owner_{os.getpid()}", f"owned_{os.getpid()}"
    with psycopg.connect(pg_server.url("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE ROLE "{role}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE'.encode())
        admin.execute(f'CREATE DATABASE "{name}" OWNER "{role}"'.encode())
    owned = PostgresServer(pg_server.host, pg_server.port, role).url(name)
    with open_store(owned) as store:
        assert store.claim_page(ClaimQuery(words=("dam",)), 0, 5).total == 0
    with psycopg.connect(owned) as db:
        found = db.execute("SELECT extname FROM pg_extension WHERE extname IN ('pg_trgm', 'unaccent')").fetchall()
        assert sorted(row[0] for row in found) == ["pg_trgm", "unaccent"]
        assert db.execute("SELECT count(*) FROM pg_indexes WHERE indexname = 'claims_words'").fetchone() == (1,)
