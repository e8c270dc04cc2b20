"""The story's sections regrouped for the whole-story pages: claims ranked, voices per article, the
coverage matrix. Plain data; the templates escape everything they show."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from newsdesk.web.view import Record, StoryView


def ranked_claims(view: StoryView, shared_only: bool = False, kind: str | None = None) -> list[Record]:
    """Reported facts, then views (two lists), each with most independent sources first, then
    most articles; the export's order after. ``kind`` keeps one of the two."""
    claims = view.section("claims")
    if shared_only:
        claims = [c for c in claims if len(c["documents"]) > 1]
    if kind is not None:
        claims = [c for c in claims if c.get("kind", "fact") == kind]
    return sorted(
        claims, key=lambda c: (c.get("kind", "fact") != "fact", -c["independent_sources"], -len(c["documents"]))
    )


@dataclass(frozen=True, slots=True)
class CoverageRow:
    claim: Record
    cells: tuple[Record | None, ...]  # per article (the story's order): its evidence, or None


# The matrix a page can show: the best corroborated shared claims, and the articles carrying
# most of them (a story of thousands of articles would otherwise make a page of gigabytes).
MATRIX_CLAIMS = 40
MATRIX_ARTICLES = 40


def coverage_matrix(
    view: StoryView, most_claims: int = MATRIX_CLAIMS, most_articles: int = MATRIX_ARTICLES
) -> tuple[list[CoverageRow], list[str]]:
    """Rows: the claims more than one article carries, best corroborated first (at most
    ``most_claims``); columns: the articles, in the story's order, or the ``most_articles`` of
    them that carry most of those claims."""
    chosen = ranked_claims(view, shared_only=True)[:most_claims]
    docs = list(view.article)
    if len(docs) > most_articles:
        kept = most_carrying(chosen, most_articles)
        docs = [doc for doc in docs if doc in kept]
    return matrix_rows(chosen, docs), docs


def most_carrying(claims: list[Record], most: int) -> set[str]:
    """The ``most`` articles carrying most of ``claims``."""
    carrying = Counter(doc for claim in claims for doc in dict.fromkeys(e["doc"] for e in claim["evidence"]))
    return {doc for doc, _ in carrying.most_common(most)}


def matrix_rows(claims: list[Record], docs: list[str]) -> list[CoverageRow]:
    """A row per claim: its first statement in each article of ``docs``, or None."""
    rows = []
    for claim in claims:
        first: dict[str, Record] = {}
        for statement in claim["evidence"]:
            first.setdefault(statement["doc"], statement)
        rows.append(CoverageRow(claim, tuple(first.get(doc) for doc in docs)))
    return rows


def voices_by_doc(view: StoryView) -> dict[str, list[tuple[str, int]]]:
    """Per article, whom it quotes and how often, most quoted first (as the coverage section
    counts them: every quote with a speaker's name but scare quotes)."""
    by_doc: dict[str, list[Record]] = {}
    for quote in view.section("quotes"):
        by_doc.setdefault(quote["doc"], []).append(quote)
    found = {doc: voices_of(quotes) for doc, quotes in by_doc.items()}
    return {doc: voices for doc, voices in found.items() if voices}


def voices_of(quotes: list[Record]) -> list[tuple[str, int]]:
    """Whom these quotes (of one article) quote and how often, most quoted first."""
    counts: Counter[str] = Counter()
    for quote in quotes:
        name = quote["speaker"]["name"]
        if name and quote["kind"] != "scare":
            counts[name] += 1
    return sorted(counts.items(), key=lambda item: -item[1])
