"""Copy detection that compares only new bodies (``newsdesk.corpus.copies``): bodies added in
batches, each run looking the new ones up among what the runs before kept, give the sources that
one run over every body gives with the same frequencies; and the look-up is what finds a copy of
a stored body (without it the copy keeps its own source)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field, replace

import pytest

from newsdesk.corpus import copies, similarity
from newsdesk.corpus.copies import NO_BODIES, StoredBodies, incremental_sources, independent_sources
from newsdesk.model import Document
from newsdesk.store.memo import Frequencies
from newsdesk.store.source_memo import Body, Posting, SourceChange, SourceMemo
from tests.conftest import BBC, need


@dataclass
class Kept:
    """What a store keeps of the runs (``store.source_memo``), held in memory."""

    frequencies: Frequencies | None = None
    bodies: dict[str, Body] = field(default_factory=dict)
    postings: dict[str, list[tuple[str, float]]] = field(default_factory=lambda: defaultdict(list))
    copies: set[tuple[str, str]] = field(default_factory=set)

    def memo(self) -> SourceMemo:
        return SourceMemo(self.frequencies, dict(self.bodies), sorted(self.copies))

    vectors: dict[str, dict[str, float]] = field(default_factory=dict)

    def source_postings(self, terms: Collection[str]) -> list[Posting]:
        return [(term, doc, weight) for term in terms for doc, weight in self.postings.get(term, ())]

    def source_vectors(self, docs: Collection[str]) -> dict[str, dict[str, float]]:
        return {doc: self.vectors[doc] for doc in docs if doc in self.vectors}

    def apply(self, change: SourceChange) -> None:
        if change.fresh:
            self.bodies.clear()
            self.postings.clear()
            self.copies.clear()
            self.vectors.clear()
        if change.frequencies is not None:
            self.frequencies = change.frequencies
        for doc in change.dropped:
            self.bodies.pop(doc, None)
            self.vectors.pop(doc, None)
        self.postings = defaultdict(
            list, {t: [(d, w) for d, w in kept if d not in change.dropped] for t, kept in self.postings.items()}
        )
        self.copies = {(a, b) for a, b in self.copies if a not in change.dropped and b not in change.dropped}
        self.bodies.update(change.bodies)
        self.vectors.update({doc: dict(vector) for doc, vector in change.vectors.items()})
        for term, doc, weight in change.postings:
            self.postings[term].append((doc, weight))
        self.copies.update(change.copies)


def _articles(count: int) -> list[Document]:
    files = sorted(need(BBC).glob("*/*.txt"))[:count]
    return [
        Document(id=f"d{index:03}", source=str(path), text=path.read_text(errors="replace"))
        for index, path in enumerate(files)
    ]


def _copy(original: Document, name: str, change: bool = False) -> Document:
    """The original's text from another source; with ``change``, a few of its words altered."""
    text = original.text.replace(" the ", " this ", 3) if change else original.text
    return replace(original, id=name, source=f"wire/{name}", text=text)


def _in_batches(batches: list[list[Document]], kept: Kept, stored: StoredBodies | None = None) -> dict[str, str]:
    story: list[Document] = []
    found: dict[str, str] = {}
    for batch in batches:
        story += batch
        found, change = incremental_sources(story, kept.memo(), stored or kept)
        kept.apply(change)
    return found


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    # A few dozen articles bring many words the first ones never had: kept as first counted, so
    # that the batches after the first compare only their own bodies.
    monkeypatch.setattr(copies, "UNSEEN", 1.0)
    monkeypatch.setattr(copies, "GROWTH", math.inf)


@pytest.mark.usefixtures("frozen")
def test_bodies_added_in_batches_give_the_sources_of_one_run() -> None:
    articles = _articles(40)
    copy, near = _copy(articles[3], "copy"), _copy(articles[5], "near", change=True)
    late = _copy(articles[30], "late")
    batches = [articles[:20], [copy, *articles[20:30]], [near, *articles[30:], late]]
    kept = Kept()
    batched = _in_batches(batches, kept)
    assert kept.frequencies is not None and kept.frequencies.statements == 20  # never counted again
    everything = [d for batch in batches for d in batch]
    whole, change = incremental_sources(everything, SourceMemo(kept.frequencies, forget=True))
    assert batched == whole
    assert sorted(change.copies) == sorted(kept.copies) and change.bodies == kept.bodies
    # Each copy counts as its original; the one whose original came in the same batch too.
    assert batched["copy"] == batched[articles[3].id] == articles[3].source
    assert batched["near"] == articles[5].source and batched["late"] == articles[30].source
    # One more copy: only its body is read, the stored one it copies compared by its kept vector.
    read: list[str] = []

    def tokens(text: str) -> list[str]:
        read.append(text)
        return similarity.tokens(text)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(copies, "tokens", tokens)
        again, _ = incremental_sources([*everything, _copy(articles[8], "again")], kept.memo(), kept)
    assert again["again"] == articles[8].source and len(read) == 1
    # Without the stored postings, a copy of a body stored before is not found.
    broken = _in_batches(batches, Kept(), NO_BODIES)
    assert broken["copy"] == "wire/copy" and broken["near"] == "wire/near"


def test_one_run_into_an_empty_memo_is_the_plain_function() -> None:
    articles = _articles(30)
    story = [*articles, _copy(articles[2], "copy"), _copy(articles[7], "near", change=True)]
    found, change = incremental_sources(story, SourceMemo())
    assert found == independent_sources(story)
    assert change.fresh and change.frequencies is not None and change.frequencies.statements == len(story)
    assert set(change.copies) == {("copy", articles[2].id), (articles[7].id, "near")}


@pytest.mark.usefixtures("frozen")
def test_a_changed_body_is_compared_again_and_a_removed_one_forgotten() -> None:
    articles = _articles(20)
    copy = _copy(articles[4], "copy")
    kept = Kept()
    _in_batches([[*articles, copy]], kept)
    assert kept.copies == {("copy", articles[4].id)} and "copy" in kept.bodies
    # The copy rewritten as another article: no longer a copy; the original removed: forgotten.
    rewritten = replace(copy, text=articles[9].text[::-1])
    story = [*articles[:4], *articles[5:], rewritten]
    found, change = incremental_sources(story, kept.memo(), kept)
    assert not change.fresh and set(change.bodies) == {"copy"}
    assert change.dropped == {"copy", articles[4].id}
    kept.apply(change)
    assert found["copy"] == "wire/copy" and not kept.copies
    whole, _ = incremental_sources(story, SourceMemo(kept.frequencies, forget=True))
    assert found == whole


def test_the_frequencies_are_counted_again_when_many_words_were_never_counted() -> None:
    articles = _articles(30)
    kept = Kept()
    _in_batches([articles[:10]], kept)
    assert kept.frequencies is not None and kept.frequencies.statements == 10
    _, change = incremental_sources(articles, kept.memo(), kept)
    # Three times the bodies counted: counted again, every body compared.
    assert change.fresh and change.frequencies is not None and change.frequencies.statements == 30
    assert set(change.bodies) == {d.id for d in articles}
