"""The story's sections regrouped for the pages: voices by speaker, claims ranked, contradictions
paired, the coverage matrix. Plain data; the templates escape everything they show."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from newsdesk.web.view import Record, StoryView


@dataclass(slots=True)
class Voice:
    name: str
    entity: str | None
    quotes: list[Record] = field(default_factory=list)

    @property
    def role(self) -> str | None:
        roles = Counter(q["speaker"]["description"] for q in self.quotes if q["speaker"]["description"])
        return roles.most_common(1)[0][0] if roles else None

    @property
    def channels(self) -> list[str]:
        return sorted({q["channel"] for q in self.quotes if q["channel"]})

    @property
    def kinds(self) -> list[tuple[str, int]]:
        return Counter(q["kind"] for q in self.quotes).most_common()

    @property
    def articles(self) -> int:
        return len({q["doc"] for q in self.quotes})


def voices(view: StoryView) -> list[Voice]:
    """Quotes grouped by speaker (the entity when known, else the name), most quoted first; the
    quotes nobody is named for last. Scare quotes are nobody's words and stay out."""
    order = {doc: number for number, doc in enumerate(view.article)}
    grouped: dict[str, Voice] = {}
    unattributed = Voice("Unattributed", None)
    for quote in view.section("quotes"):
        if quote["kind"] == "scare":
            continue
        speaker = quote["speaker"]
        if not speaker["name"]:
            unattributed.quotes.append(quote)
            continue
        key = speaker["entity"] or f"name:{speaker['name']}"
        grouped.setdefault(key, Voice(speaker["name"], speaker["entity"])).quotes.append(quote)
    ranked = sorted(grouped.values(), key=lambda v: (-len(v.quotes), v.name))
    if unattributed.quotes:
        ranked.append(unattributed)
    for voice in ranked:
        voice.quotes.sort(key=lambda q: (order.get(q["doc"], 0), q["start"]))
    return ranked


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
class Side:
    """One side of a contradiction: the differing words, in the statement that says them."""

    evidence: Record
    before: str
    words: str
    after: str


@dataclass(frozen=True, slots=True)
class Contradiction:
    why: str
    claim: str
    other: str
    ours: Side
    theirs: Side


def contradictions(view: StoryView) -> list[Contradiction]:
    """Every conflict once (the two claims list each other's), with the evidence of both sides."""
    claims = {claim["id"]: claim for claim in view.section("claims")}
    found: list[Contradiction] = []
    seen: set[frozenset[tuple[str, int, int]]] = set()
    for claim in claims.values():
        for conflict in claim["conflicts"]:
            ours, theirs = conflict["ours"], conflict["theirs"]
            if "start" not in ours or "start" not in theirs or ours["doc"] not in view.story.documents:
                continue
            pair = frozenset(
                {(ours["doc"], ours["start"], ours["end"]), (theirs["doc"], theirs["start"], theirs["end"])}
            )
            if pair in seen or theirs["doc"] not in view.story.documents:
                continue
            seen.add(pair)
            other = claims.get(conflict["claim"], claim)
            found.append(
                Contradiction(
                    conflict["why"],
                    claim["id"],
                    conflict["claim"],
                    _side(view, ours, claim),
                    _side(view, theirs, other),
                )
            )
    return found


def _side(view: StoryView, evidence: Record, claim: Record, reach: int = 90) -> Side:
    """The statement of ``claim`` around ``evidence`` (else some words either side of it)."""
    text: str = view.story.documents[evidence["doc"]]["text"]
    start, end = evidence["start"], evidence["end"]
    around = next(
        (s for s in claim["statements"] if s["doc"] == evidence["doc"] and s["start"] <= start and end <= s["end"]),
        None,
    )
    first, last = (around["start"], around["end"]) if around else (max(0, start - reach), min(len(text), end + reach))
    before, after = text[first:start], text[end:last]
    if len(before) > reach:
        before = "…" + before[-reach:].split(" ", 1)[-1]
    if len(after) > reach:
        after = after[:reach].rsplit(" ", 1)[0] + "…"
    return Side(evidence, before, text[start:end], after)


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
        carrying = Counter(doc for claim in chosen for doc in dict.fromkeys(e["doc"] for e in claim["evidence"]))
        kept = {doc for doc, _ in carrying.most_common(most_articles)}
        docs = [doc for doc in docs if doc in kept]
    rows = []
    for claim in chosen:
        first: dict[str, Record] = {}
        for statement in claim["evidence"]:
            first.setdefault(statement["doc"], statement)
        rows.append(CoverageRow(claim, tuple(first.get(doc) for doc in docs)))
    return rows, docs


def voices_by_doc(view: StoryView) -> dict[str, list[tuple[str, int]]]:
    """Per article, whom it quotes and how often, most quoted first (as the coverage section
    counts them: every quote with a speaker's name but scare quotes)."""
    counts: dict[str, Counter[str]] = {}
    for quote in view.section("quotes"):
        name = quote["speaker"]["name"]
        if name and quote["kind"] != "scare":
            counts.setdefault(quote["doc"], Counter())[name] += 1
    return {doc: sorted(found.items(), key=lambda item: -item[1]) for doc, found in counts.items()}
