"""What the story says: each article's statements, grouped across articles into claims, with the
number of independent sources behind each (``newsdesk.corpus.claims.v1``, a corpus stage).

By default (``VERIFIED``) a statement is a proposition of an article's body (``nlp.propositions``:
a clause that says something, its holder kept apart), headings, questions and fragments left out.
Candidates are found by predicate and by the cosine of TF-IDF vectors over content words plus the
entity ids named (so "Ana Reyes" and "Reyes" are one term), through an inverted index rather than
by comparing all pairs; a pair becomes one claim only when :func:`newsdesk.corpus.sameness.verify`
accepts it, and groups are made by complete linkage, so that every member states the claim. A
claim some outlet states in its own voice is a fact; one only ever attributed is a view, with
its holders. Without ``VERIFIED`` (the design before), statements are sentences, grouped by
average link over their similarity alone.

Independent sources: an article that relays another outlet ("Bloomberg reports") counts as that
outlet; articles of one outlet count once; two articles carrying the same text (a wire story)
count once; for a fact, only the articles that state it themselves count.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import combinations

from newsdesk.corpus import claim_memo
from newsdesk.corpus.concepts import concept_of, concepts
from newsdesk.corpus.conflicts import date_conflicts, find_conflicts
from newsdesk.corpus.copies import independent_sources as independent_sources  # where it was first defined
from newsdesk.corpus.corrections import NO_CONSTRAINTS, ClaimConstraints
from newsdesk.corpus.happenings import kind_of
from newsdesk.corpus.sameness import GENERIC, OTHER_PREDICATE, Reading, Verdict, complete_link, reading_of, verify
from newsdesk.corpus.similarity import (
    Block,
    BlockScorer,
    TfidfModel,
    candidate_pairs,
    cluster,
    cosine,
    score_blocks,
    tokens,
)
from newsdesk.model import (
    Claim,
    ClaimKind,
    Conflict,
    Document,
    Entity,
    Evidence,
    Proposition,
    Span,
    Statement,
    TimelineEntry,
    TimeType,
    entity_at,
    make_id,
    stripped,
)
from newsdesk.nlp.quotemarks import quotation_marks
from newsdesk.store.memo import ClaimMemo, MemoChange, PairKey

EXTRACTOR = "newsdesk.corpus.claims.v1"

# The same claim: the statements' similarity at least this, per method; chosen by measurement
# on the seed articles (eval/claims_seeds.py, docs/EVALUATION.md).
METHOD = "tfidf"
THRESHOLDS = {"tfidf": 0.15, "embeddings": 0.5, "hybrid": 0.25}
BLOCKING = 0.05
# Terms in more statements than this are not indexed for candidates: cost stays about linear in
# the number of statements (bench/clustering.py); a story's own words are far rarer.
MAX_DF = 100
# The score of a pair known to be one claim: high enough that average link joins the clusters
# holding them even where their other members share little.
MUST = 10.0
_STANDS = frozenset({"stands-for", "demonym-of"})
# Words are compared by their first letters, a crude stem ("protecting", "protection").
STEM = 5
# Whether claims are verified propositions (newsdesk.corpus.sameness) rather than sentences grouped
# by similarity alone. Off by default until it recovers the seeds' claims: see docs/EVALUATION.md.
VERIFIED = True
# Statements of other claims worded at least this much alike are shown as possibly related (never counted).
RELATED = 0.35
MAX_RELATED = 3
# More than the longest news article's statements (the longest BBC article has about 200 sentences).
MAX_STATEMENTS = 400
# A proposition of fewer words says too little to be compared.
MIN_WORDS = 5

_ABBREVIATIONS = re.compile(
    r"(?:\b[A-Z]|\bU\.S|\bU\.K|\bMr|\bMrs|\bMs|\bDr|\bSt|\bGen|\bGov|\bSen|\bRep|\bJan|\bFeb|"
    r"\bAug|\bSept?|\bOct|\bNov|\bDec|\bNo|\bvs|\bInc|\bCo|\bCorp|\bLtd|\bJr|\bSr)\.$"
)
# A clause after a joining dash is a statement of its own when it has a subject of its own: "X is
# the port—and keeping the mayor close outweighs Y", not "You can try – and will fall".
_AUXILIARIES = "will|would|can|could|may|might|must|shall|should|is|are|was|were|has|have|had|do|does|did"
_SENTENCE_END = re.compile(
    r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|;(?=\s)"
    rf"|\s?[—–]\s?(?=(?:and|but|while) (?!(?:{_AUXILIARIES})\b))"
)
_NUMBER = re.compile(
    r"(?<![\w.,-])(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|dozen|hundreds?|thousands?|millions?|billions?)(?:\s+(?:million|billion|thousand|hundred))?"
    r"\s+(?P<unit>[a-z][a-z-]{2,})",
    re.I,
)
_NOT_COUNTED = frozenset(
    {"years", "year", "months", "month", "days", "day", "weeks", "hours", "minutes", "percent", "of"}
)


def statements_of(document: Document, at: dict[tuple[str, int], Entity], propositions: bool = False) -> list[Statement]:
    """The article's statements: its body's sentences, or with ``propositions`` one statement per
    proposition of its body (a clause that says something, the holder of attributed content
    kept apart), with who holds it and what it names; a document stored without propositions
    gives its sentences."""
    if not propositions or not document.propositions:
        return sentences_of(document, at)
    text = document.text
    headings = [(h.start, h.end) for h in document.headings]
    sentences = _sentences(text, document.body_spans)
    questions = [s for s in sentences if s.of(text).rstrip().endswith("?")]
    found: list[Statement] = []
    starts: set[int] = set()
    seen: set[str] = set()
    marked = [m.span for m in quotation_marks(text) if len(m.span.of(text).split()) >= MIN_WORDS]
    for proposition in document.propositions:
        span = proposition.span
        if span.start in starts:
            continue  # a statement is known by where it starts
        starts.add(span.start)
        clause = span.of(text)
        if any(s <= span.start < e for s, e in headings) or any(q.start <= span.start < q.end for q in questions):
            continue
        if len(clause.split()) < MIN_WORDS or not any(c.islower() for c in clause):
            continue
        if not _new_statement(clause, seen, found):
            continue
        holder = proposition.holder
        speaker = None
        if holder is not None:
            entity = at.get((document.id, holder.start))
            speaker = entity.id if entity else proposition.holder_text
        statement = _statement(document, span, at, speaker, proposition)
        first_person = any(a.role == "subject" and a.head in _FIRST_PERSON for a in proposition.arguments)
        if speaker is None and (first_person or any(m.start <= span.start and span.end <= m.end + 1 for m in marked)):
            # Words in quotation marks are somebody's, even where the article does not say whose
            # (a quote paragraph of its own, after the one that named the speaker), and so is a
            # clause in the first person (a statement pasted in without marks: "we encourage
            # customers to ..."): never the outlet's own voice.
            statement = replace(statement, quoted=True)
        found.append(statement)
    return found


def sentences_of(document: Document, at: dict[tuple[str, int], Entity]) -> list[Statement]:
    """The article's body sentences as statements (headings, questions and fragments left out),
    with who says them and what they name."""
    text = document.text
    headings = [(h.start, h.end) for h in document.headings]
    found: list[Statement] = []
    seen: set[str] = set()
    for span in _sentences(text, document.body_spans):
        sentence = span.of(text)
        if any(s <= span.start < e for s, e in headings) or sentence.rstrip().endswith("?"):
            continue
        if len(sentence.split()) < 6 or not any(c.islower() for c in sentence):
            continue
        if not _new_statement(sentence, seen, found):
            continue
        found.append(_statement(document, span, at, _speaker(document, span, at), None))
    return found


def _new_statement(text: str, seen: set[str], found: list[Statement]) -> bool:
    """Whether to keep one more statement of an article: a sentence the article repeats word for
    word says nothing new (its source is the same article), and an article's statements are
    bounded, so that one pathological text (a sentence written out a thousand times) cannot make
    the grouping, which compares statements pairwise, run out of time or memory."""
    key = " ".join(text.lower().split())
    if key in seen or len(found) >= MAX_STATEMENTS:
        return False
    seen.add(key)
    return True


def _statement(
    document: Document,
    span: Span,
    at: dict[tuple[str, int], Entity],
    speaker: str | None,
    proposition: Proposition | None,
) -> Statement:
    text = span.of(document.text)
    actors = dict.fromkeys(
        e.id for position in range(span.start, span.end) if (e := at.get((document.id, position))) is not None
    )
    return Statement(
        doc=document.id,
        span=span,
        text=text,
        speaker=speaker,
        actors=tuple(actors),
        dates=tuple(
            (t.value, t.span)
            for t in document.times
            if t.type is TimeType.DATE and t.value and span.start <= t.span.start < span.end
        ),
        numbers=tuple(
            (m["number"].lower(), m["unit"].lower(), Span(span.start + m.start(), span.start + m.end()))
            for m in _NUMBER.finditer(text)
            if m["unit"].lower() not in _NOT_COUNTED
        ),
        proposition=proposition,
    )


def _sentences(text: str, body: Sequence[Span]) -> list[Span]:
    found = []
    for span in body:
        for line in re.finditer(r"[^\n]+", text[span.start : span.end]):
            start = span.start + line.start()
            cursor = start
            for end in _SENTENCE_END.finditer(text, start, span.start + line.end()):
                if _ABBREVIATIONS.search(text, max(cursor, end.start() - 6), end.start() + 1):
                    continue
                found.append(stripped(text, cursor, end.end()))
                cursor = end.end()
            found.append(stripped(text, cursor, span.start + line.end()))
    return [s for s in found if s.end > s.start]


def _speaker(document: Document, span: Span, at: dict[tuple[str, int], Entity]) -> str | None:
    """Who the article says made the statement, when most of it is a quote with a speaker."""
    for quote in document.quotes:
        if quote.speaker is None or quote.attitude or quote.kind == "scare":
            continue
        overlap = min(span.end, quote.span.end) - max(span.start, quote.span.start)
        if overlap > 0.5 * (span.end - span.start):
            entity = at.get((document.id, quote.speaker.start))
            return entity.id if entity else quote.speaker_text
    return None


def find_claims(
    documents: Sequence[Document],
    entities: Sequence[Entity],
    threshold: float | None = None,
    sources: dict[str, str] | None = None,
    method: str = METHOD,
    timeline: Sequence[TimelineEntry] = (),
    verified: bool = VERIFIED,
    *,
    constraints: ClaimConstraints | None = None,
) -> list[Claim]:
    """Every claim of the story: statements of different articles grouped with their independent
    sources. With ``verified``, statements are propositions, grouped only where each pair of them
    passes :func:`newsdesk.corpus.sameness.verify` (a fact never with a view); without, sentences
    grouped by average link over their similarity. ``constraints`` are the analysts' corrections
    (statements known to be one claim or not), which win over both."""
    return _grouped(documents, entities, threshold, sources, method, timeline, verified, constraints)[0]


def _grouped(
    documents: Sequence[Document],
    entities: Sequence[Entity],
    threshold: float | None,
    sources: dict[str, str] | None,
    method: str,
    timeline: Sequence[TimelineEntry],
    verified: bool,
    constraints: ClaimConstraints | None = None,
    memo: ClaimMemo | None = None,
    scorer: BlockScorer = score_blocks,
) -> tuple[list[Claim], list[tuple[Statement, Statement, str]], MemoChange | None, list[Statement]]:
    """The claims, and (``verified``) the pairs of statements that would be one claim but
    disagree, with why: one says X did, the other that X did not; or they give different amounts
    of the same thing. With a ``memo`` (verified only), the TF-IDF weights come from its frozen
    frequencies (counted here when it has none) and only the pairs with a statement of a touched
    document are judged, the others taken from it (``newsdesk.corpus.claim_memo``); the change to
    the memo comes third, and (``verified``) every document's body sentences fourth (what the
    conflicts compare). Each document's statements, readings and sentences are derived only when
    the memo does not hold them as derived from the same inputs (``claim_memo.derivation_keys``)."""
    threshold = THRESHOLDS[method] if threshold is None else threshold
    if memo is not None and not verified:
        raise ValueError("only verified claims are kept between runs")
    at = entity_at(list(entities))
    # An actor also counts as what it stands for (a capital or a government stands for its state).
    stands = {e.id: [link.target for link in e.links if link.relation in _STANDS] for e in entities}
    derivations = _derivations(documents, entities, at, stands, verified, memo)
    parts = derivations.parts
    statements = [s for part in parts for s in part.statements]
    words = [w for part in parts for w in part.words]
    sentences = [s for part in parts for s in part.sentences or ()]
    frequencies = None if memo is None else memo.frequencies
    recounted = memo is not None and claim_memo.stale(frequencies, words)
    if memo is not None and (frequencies is None or recounted):
        frequencies = claim_memo.counted(words)
    model = TfidfModel.fit(words) if frequencies is None else claim_memo.model_of(frequencies)
    df = None if frequencies is None else frequencies.counts
    vectors = [model.vector(w) for w in words]
    source_of = sources if sources is not None else independent_sources(documents)
    # The analysts' corrections: must-links are known to be one claim, cannot-links never are.
    must, cannot = (constraints or NO_CONSTRAINTS).indexed([(s.doc, s.span.start, s.span.end) for s in statements])
    if not verified:
        pairs = list(scored_pairs(statements, vectors, method, threshold))
        pairs += same_happening(statements, documents, timeline, core_only=False)
        pairs += [(i, j, MUST) for i, j in must]
        groups = cluster(len(statements), pairs, threshold, linkage="average", cannot_link=cannot)
        return _claims(groups, statements, vectors, source_of, [ClaimKind.FACT] * len(statements)), [], None, []
    happening = {(i, j) for i, j, _ in same_happening(statements, documents, timeline)}
    readings = [r for part in parts for r in part.readings or ()]
    keys = [(s.doc, s.span.start) for s in statements]
    fresh = memo is None or recounted or memo.forget
    prints: dict[str, str] = {}
    touched: set[int] | None = None
    kept: dict[PairKey, float] = {}
    dropped: frozenset[str] = frozenset()
    if memo is not None:
        prints = derivations.fingerprints(memo)
        before = {} if fresh else memo.fingerprints
        changed = {doc for doc, digest in prints.items() if before.get(doc) != digest}
        dropped = frozenset(doc for doc in before if doc not in prints or doc in changed)
        prints = {doc: prints[doc] for doc in changed}
        touched = {i for i, s in enumerate(statements) if s.doc in changed}
        kept = (
            {} if fresh else {k: v for k, v in memo.pairs.items() if k[1][0] not in dropped and k[2][0] not in dropped}
        )
    candidates = blocked_pairs(statements, vectors, readings, threshold, df=df, probe=touched, scorer=scorer)
    # Each candidate's verdict as words alone propose it (kept between runs); a pair reporting one
    # timeline happening is judged again at every run, since the timeline changes as stories grow.
    judged: dict[tuple[int, int], tuple[Verdict, float]] = {}
    found: list[tuple[PairKey, float]] = []
    for (i, j), score in candidates.items():
        verdict = verify(readings[i], readings[j], score)
        if verdict is not Verdict.DIFFERENT:
            judged[(i, j)] = (verdict, score)
            found.append(((verdict.value, keys[i], keys[j]), score))
    index_of = {key: i for i, key in enumerate(keys)} if kept else {}
    for (kind, a, b), score in kept.items():
        if kind != _RELATED_KIND:
            first, second = sorted((index_of[a], index_of[b]))
            judged[(first, second)] = (Verdict(kind), score)
    accepted: list[tuple[int, int, float]] = []
    opposite: list[tuple[Statement, Statement, str]] = []
    for i, j in sorted(judged.keys() | happening):
        if (i, j) in happening:
            if (i, j) in candidates or touched is None:
                score = candidates.get((i, j), 0.0)
            else:
                score = _pair_score(i, j, statements, vectors, readings, threshold, df)
            verdict = verify(readings[i], readings[j], score, same_happening=True)
        else:
            verdict, score = judged[(i, j)]
        if verdict is Verdict.SAME:
            accepted.append((i, j, MUST if (i, j) in happening else score))
        elif verdict is Verdict.OPPOSITE:
            opposite.append((statements[i], statements[j], _POLARITY))
        elif verdict is Verdict.OTHER_AMOUNT:
            opposite.append((statements[i], statements[j], _amounts_why(statements[i], statements[j])))
    accepted += [(i, j, MUST) for i, j in must]
    refused = set(cannot)
    accepted = [(i, j, score) for i, j, score in accepted if (min(i, j), max(i, j)) not in refused]
    groups = complete_link(len(statements), accepted, [s.doc for s in statements], joined=set(must))
    claims = _claims(groups, statements, vectors, source_of, [r.kind for r in readings])
    groups_of = [s.doc for s in statements]
    related = list(candidate_pairs(vectors, RELATED, max_df=MAX_DF, groups=groups_of, df=df, probe=touched))
    found += [((_RELATED_KIND, keys[i], keys[j]), score) for i, j, score in related]
    related += [(index_of[a], index_of[b], score) for (kind, a, b), score in kept.items() if kind == _RELATED_KIND]
    change = None
    if memo is not None:
        gone = frozenset(memo.derived.keys() - {d.id for d in documents})
        renewed = derivations.renewed
        change = MemoChange(fresh, frequencies if recounted else None, prints, dropped, found, renewed, gone)
    return _with_related(claims, statements, related), opposite, change, sentences


@dataclass(frozen=True, slots=True)
class _Derivations:
    """Each document's statements, readings, terms and sentences (in the documents' order), and
    those derived in this run, packed under the key of what they came from."""

    ids: list[str]
    parts: list[claim_memo.Derived]
    renewed: dict[str, tuple[str, str]]

    def fingerprints(self, memo: ClaimMemo) -> dict[str, str]:
        """Each document's fingerprint: the stored one for a document whose derivation was kept
        (the same derivation has the same fingerprint), else computed."""
        found = {}
        for doc, part in zip(self.ids, self.parts, strict=True):
            kept = None if doc in self.renewed else memo.fingerprints.get(doc)
            if kept is None:
                kept = claim_memo.fingerprints(part.statements, part.readings or [], part.words, [doc])[doc]
            found[doc] = kept
        return found


def _derivations(
    documents: Sequence[Document],
    entities: Sequence[Entity],
    at: dict[tuple[str, int], Entity],
    stands: dict[str, list[str]],
    verified: bool,
    memo: ClaimMemo | None,
) -> _Derivations:
    """Each document's statements (propositions when ``verified``, else sentences), their terms,
    and (``verified``) their readings and the document's sentences: taken from the ``memo`` for
    a document whose key (``claim_memo.derivation_keys``) is the one kept, else derived."""
    keys = {} if memo is None else claim_memo.derivation_keys(documents, entities, stands)
    reuse = {} if memo is None or memo.forget else memo.derived
    parts: list[claim_memo.Derived] = []
    renewed: dict[str, tuple[str, str]] = {}
    for document in documents:
        stored = reuse.get(document.id)
        if stored is not None and stored[0] == keys[document.id]:
            parts.append(claim_memo.unpacked(stored[1]))
            continue
        found = statements_of(document, at, propositions=verified)
        readings = sentences = None
        if verified:
            outlets = _outlet_names(document)
            readings = [reading_of(s, at, stands, outlets, document.text) for s in found]
            sentences = sentences_of(document, at)
        part = claim_memo.Derived(found, [_terms(s, stands) for s in found], readings, sentences)
        parts.append(part)
        if memo is not None:
            renewed[document.id] = (keys[document.id], claim_memo.packed(part))
    return _Derivations([d.id for d in documents], parts, renewed)


_RELATED_KIND = "related"


def _pair_score(
    i: int,
    j: int,
    statements: Sequence[Statement],
    vectors: Sequence[dict[str, float]],
    readings: Sequence[Reading],
    threshold: float,
    df: Mapping[str, int] | None,
) -> float:
    """The candidate score :func:`blocked_pairs` gives the pair ``i, j`` (0.0 when not a
    candidate), found from the two alone: with fixed frequencies it is the same."""
    pair = [i, j]
    found = blocked_pairs(
        [statements[k] for k in pair], [vectors[k] for k in pair], [readings[k] for k in pair], threshold, df=df
    )
    return found.get((0, 1), 0.0)


_POLARITY = "polarity: one says it did, the other that it did not"
_FIRST_PERSON = frozenset({"i", "we"})


def _amounts_why(a: Statement, b: Statement) -> str:
    """ "number: 6,000 sites here, 10,000 sites there", for the first thing both count."""
    for number_a, unit, _ in a.numbers:
        others = [n for n, u, _ in b.numbers if u == unit and n.replace(",", "") != number_a.replace(",", "")]
        if others:
            return f"number: {number_a} {unit} here, {others[0]} {unit} there"
    return "number: different amounts"


def _with_related(
    claims: list[Claim], statements: Sequence[Statement], pairs: Iterable[tuple[int, int, float]]
) -> list[Claim]:
    """Each claim with the claims of other articles whose statements are worded much like one of
    its own (TF-IDF cosine at least ``RELATED``) but were not verified as the same: at most
    ``MAX_RELATED``, most similar first."""
    claim_of = {(s.doc, s.span.start): c.id for c in claims for s in c.statements}
    best: dict[str, dict[str, float]] = defaultdict(dict)
    for i, j, score in pairs:
        first = claim_of[(statements[i].doc, statements[i].span.start)]
        second = claim_of[(statements[j].doc, statements[j].span.start)]
        if first == second:
            continue
        for one, other in ((first, second), (second, first)):
            best[one][other] = max(score, best[one].get(other, 0.0))
    return [
        replace(c, related=tuple(sorted(best[c.id].items(), key=lambda item: (-item[1], item[0]))[:MAX_RELATED]))
        if c.id in best
        else c
        for c in claims
    ]


def _claims(
    groups: list[list[int]],
    statements: Sequence[Statement],
    vectors: Sequence[dict[str, float]],
    source_of: dict[str, str],
    kinds: Sequence[ClaimKind],
) -> list[Claim]:
    claims = []
    for members in groups:
        chosen = sorted((statements[i] for i in members), key=lambda s: (s.doc, s.span.start))
        key = "|".join(f"{s.doc}:{s.span.start}" for s in chosen)
        # A claim some outlet states in its own voice is a reported fact, told in that voice (not
        # in a speaker's words, which may add their own view); one only ever attributed to
        # somebody is a view, held by them.
        kind = ClaimKind.FACT if any(kinds[i] is ClaimKind.FACT for i in members) else ClaimKind.VIEW
        voiced = [i for i in members if kinds[i] is kind]
        representative = statements[voiced[_central([vectors[i] for i in voiced])]]
        claims.append(
            Claim(
                id=make_id("c", key),
                text=representative.text,
                statements=tuple(chosen),
                # A fact's independent sources are the outlets that state it themselves: an
                # article that only quotes somebody saying it adds a holder, not a source.
                sources=tuple(sorted({source_of[statements[i].doc] for i in voiced})),
                extractor=EXTRACTOR,
                kind=kind,
                holders=_distinct_holders(statements[i].speaker for i in members if kinds[i] is ClaimKind.VIEW),
            )
        )
    return sorted(claims, key=lambda c: (-len(c.sources), -len(c.documents), c.id))


_DETERMINERS = frozenset({"the", "a", "an"})


def _distinct_holders(speakers: Iterable[str | None]) -> tuple[str, ...]:
    """The holders of a view, each once: names as written that differ only in case or articles
    ("researchers at the firm", "Researchers at firm") are one holder."""
    kept: dict[str, str] = {}
    for speaker in sorted(s for s in speakers if s):
        key = " ".join(w for w in speaker.casefold().split() if w not in _DETERMINERS)
        kept.setdefault(key, speaker)
    return tuple(sorted(kept.values()))


def _outlet_names(document: Document) -> frozenset[str]:
    """The outlets an article speaks for: its own and those it relays, lowercased."""
    names = {item.value for item in document.reported_from}
    if document.outlet is not None:
        names.add(document.outlet.value)
    return frozenset(name.lower().removeprefix("the ") for name in names)


def _terms(statement: Statement, stands: dict[str, list[str]]) -> list[str]:
    """A statement's terms: its stemmed content words, the classes of those words, and the ids of
    the actors it names with what they stand for."""
    words = tokens(statement.text)
    actors = [f"@{a}" for actor in statement.actors for a in (actor, *stands.get(actor, ()))]
    return [w[:STEM] for w in words] + concepts(words) + actors


def same_happening(
    statements: Sequence[Statement],
    documents: Sequence[Document],
    timeline: Sequence[TimelineEntry],
    core_only: bool = True,
) -> list[tuple[int, int, float]]:
    """Pairs of statements that report one timeline happening. With ``core_only``, only those
    whose proposition is the happening itself (its predicate, or what the predicate is about),
    not a clause that only mentions it as background ("after the strikes, X did Y") or in a
    relative clause; without, also statements telling one happening with different dates (a
    date conflict inside the claim, which the conflict stage then shows)."""
    where: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for index, statement in enumerate(statements):
        where[statement.doc].append((statement.span.start, statement.span.end, index))

    def holding(doc: str, position: int) -> int | None:
        return next((i for start, end, i in where.get(doc, ()) if start <= position < end), None)

    links: list[tuple[int, int, float]] = []
    for entry in timeline:
        # An undated sentence naming the happening may be about something else ("another operation"),
        # or tell someone's reaction to it (a claim of its own): it counts when it names two of the
        # happening's actors and nobody is said to say it.
        actors = set(entry.participants)
        members = set()
        for report in entry.reports:
            i = holding(report.doc, report.trigger.start)
            if i is None or (core_only and not _core(statements[i], report.trigger.start)):
                continue
            statement = statements[i]
            if report.how != "undated" or (
                statement.speaker is None
                and len(actors & set(statement.actors)) >= 2
                and not _background(statement, report.trigger.start)
            ):
                members.add(i)
        links += [(i, j, MUST) for i, j in combinations(sorted(members), 2) if statements[i].doc != statements[j].doc]
    if core_only:
        return links
    dates_kind = {(d.id, e.time.start): kind_of(e.lemma) for d in documents for e in d.events}
    index_of = {(s.doc, s.span.start): i for i, s in enumerate(statements)}
    for a, b, *_ in date_conflicts(statements, dates_kind):
        i, j = sorted((index_of[(a.doc, a.span.start)], index_of[(b.doc, b.span.start)]))
        links.append((i, j, MUST))
    return links


_CORE_ROLES = frozenset({"subject", "object", "complement"})


def _core(statement: Statement, position: int) -> bool:
    """Whether ``position`` is the statement's predicate or lies in its subject, object or
    complement (a statement without its proposition: anywhere)."""
    proposition = statement.proposition
    if proposition is None:
        return True
    if proposition.predicate.start <= position < proposition.predicate.end:
        return True
    return any(a.role in _CORE_ROLES and a.span.start <= position < a.span.end for a in proposition.arguments)


_BACKGROUND = re.compile(r"(?:After|Following|Since|Before|Despite|Amid|With|Given|Because of|In the wake of)\b")


def _background(statement: Statement, position: int) -> bool:
    """Whether ``position`` lies in the sentence's opening adverbial ("After the detention of X, the
    ministry demanded..."): a happening told as the background of another claim."""
    comma = statement.text.find(",")
    return bool(_BACKGROUND.match(statement.text)) and 0 <= position - statement.span.start < comma


def anchors(reading: Reading) -> list[str]:
    """What two statements must share for :func:`newsdesk.corpus.sameness.verify` to find them one
    claim (or opposite), besides their predicate: a named subject, an unnamed subject's head, or a
    complement's head word or its class of paraphrases (``sameness._anchored``)."""
    subjects = {f"@{actor}" for actor in reading.subject_actors} | {f"h:{head}" for head in reading.subject_heads}
    return sorted(subjects | set(_complement_anchors(reading)))


def _complement_anchors(reading: Reading) -> list[str]:
    """A complement's head word and its class: what ``sameness._shared`` compares."""
    found = []
    for word in sorted(reading.complements):
        found.append(f"c:{word}")
        kind = concept_of(word)
        if kind is not None:
            found.append(f"k:{kind}")
    return found


def blocked_pairs(
    statements: Sequence[Statement],
    vectors: Sequence[dict[str, float]],
    readings: Sequence[Reading],
    threshold: float,
    max_df: int | float = MAX_DF,
    *,
    df: Mapping[str, int] | None = None,
    probe: Collection[int] | None = None,
    scorer: BlockScorer = score_blocks,
) -> dict[tuple[int, int], float]:
    """The pairs worth verifying, with their TF-IDF cosine, found block by block.

    :func:`newsdesk.corpus.sameness.verify` accepts a pair proposed by its words (as one claim, or
    as opposite) only when the two statements have one predicate (the lemma, or its class of
    paraphrases) and share an anchor (:func:`anchors`: a subject or a complement), with words at
    ``threshold``; or when one predicate is generic, they share a complement and their words reach
    ``OTHER_PREDICATE``; a statement stored without its proposition matches on words alone. So the
    blocks are (predicate, anchor) at ``threshold`` and (complement) at ``OTHER_PREDICATE``, each
    compared exactly (every pair at the threshold, no word left out of the index), and no pair
    that could pass is lost; the blocks stay small as the story grows, where leaving common words
    out of one index per predicate (the design before) lost a growing share of the pairs. Only
    statements without their proposition are compared by their words over the whole story, with
    posting lists capped at ``max_df`` as before.

    ``df`` and ``probe`` are :func:`newsdesk.corpus.similarity.candidate_pairs`'s: fixed term
    frequencies, and the statements whose pairs are wanted (blocks without one are skipped);
    ``scorer`` compares the blocks (in this process, or mapped over a cluster's workers).
    """
    groups = [s.doc for s in statements]
    blocks: dict[tuple[str | None, str], list[int]] = defaultdict(list)
    generic: dict[str, list[int]] = defaultdict(list)
    bare = False
    for index, reading in enumerate(readings):
        predicate = reading.predicate_class or reading.lemma
        if predicate is None:
            bare = True
            blocks[(None, "")].append(index)
            continue
        for anchor in anchors(reading):
            blocks[(predicate, anchor)].append(index)
        for anchor in _complement_anchors(reading):
            generic[anchor].append(index)
    found: dict[tuple[int, int], float] = {}
    jobs: list[tuple[list[int], Block, Callable[[int, int], bool]]] = []

    def compare(members: list[int], minimum: float, cap: int | float, keep: Callable[[int, int], bool]) -> None:
        looks = None if probe is None else [k for k, i in enumerate(members) if i in probe]
        if looks == [] or len({groups[i] for i in members}) < 2:
            return
        block = Block([vectors[i] for i in members], minimum, cap, [groups[i] for i in members], looks)
        jobs.append((members, block, keep))

    for (predicate, _), members in blocks.items():
        compare(members, threshold, max_df if predicate is None else 1.0, lambda i, j: True)
    for members in generic.values():
        if any(readings[i].lemma in GENERIC for i in members):
            compare(
                members, OTHER_PREDICATE, 1.0, lambda i, j: readings[i].lemma in GENERIC or readings[j].lemma in GENERIC
            )
    # Every block is compared on its own: here, or on a cluster's workers (``scorer``).
    for (members, _, keep), pairs in zip(jobs, scorer([block for _, block, _ in jobs], df), strict=True):
        for a, b, score in pairs:
            i, j = min(members[a], members[b]), max(members[a], members[b])
            if keep(i, j):
                found[(i, j)] = score
    if bare:
        for a, b, score in candidate_pairs(vectors, OTHER_PREDICATE, max_df=max_df, groups=groups, df=df, probe=probe):
            if readings[a].lemma is None or readings[b].lemma is None:
                found[(min(a, b), max(a, b))] = score
    return found


def scored_pairs(
    statements: Sequence[Statement], vectors: Sequence[dict[str, float]], method: str, threshold: float
) -> Iterator[tuple[int, int, float]]:
    """Pairs of statements of different articles scoring at least ``threshold``.

    ``tfidf``: the TF-IDF cosine. ``embeddings``: the cosine of sentence embeddings, scored only
    for pairs that share some rarer word or actor (TF-IDF cosine >= ``BLOCKING``), so the cost
    stays close to linear; ``hybrid``: the mean of the two on the same pairs.
    """
    groups = [s.doc for s in statements]
    if method == "tfidf":
        yield from candidate_pairs(vectors, threshold, max_df=MAX_DF, groups=groups)
        return
    if method not in ("embeddings", "hybrid"):
        raise ValueError(f"unknown similarity method {method!r}")
    from newsdesk.corpus import embeddings

    embedded = embeddings.embed([s.text for s in statements])
    for i, j, lexical in candidate_pairs(vectors, BLOCKING, max_df=MAX_DF, groups=groups):
        score = float(embedded[i] @ embedded[j])
        if method == "hybrid":
            score = (score + lexical) / 2
        if score >= threshold:
            yield i, j, score


def _central(vectors: list[dict[str, float]]) -> int:
    """The member most similar to the others: the claim's representative statement."""
    if len(vectors) <= 2:
        return 0
    scores = [sum(cosine(v, w) for w in vectors) for v in vectors]
    return max(range(len(vectors)), key=lambda i: scores[i])


def story_claims(
    documents: Sequence[Document],
    entities: Sequence[Entity],
    timeline: Sequence[TimelineEntry],
    sources: dict[str, str] | None = None,
    *,
    constraints: ClaimConstraints | None = None,
) -> list[Claim]:
    """The claims stage: claims with their independent sources and the conflicts between them
    (``sources``: each article's, from :func:`independent_sources`, when already known;
    ``constraints``: the analysts' corrections, replayed)."""
    return incremental_claims(documents, entities, timeline, sources, constraints=constraints)[0]


def incremental_claims(
    documents: Sequence[Document],
    entities: Sequence[Entity],
    timeline: Sequence[TimelineEntry],
    sources: dict[str, str] | None = None,
    *,
    constraints: ClaimConstraints | None = None,
    memo: ClaimMemo | None = None,
    scorer: BlockScorer = score_blocks,
) -> tuple[list[Claim], MemoChange | None]:
    """:func:`story_claims` judging only the pairs a ``memo`` of the runs before lacks
    (``newsdesk.corpus.claim_memo``), with the change to store in it; ``scorer`` compares the
    candidate blocks (:func:`blocked_pairs`)."""
    sources = sources if sources is not None else independent_sources(documents)
    claims, opposite, change, sentences = _grouped(
        documents, entities, None, sources, METHOD, timeline, VERIFIED, constraints, memo if VERIFIED else None, scorer
    )
    conflicted = find_conflicts(claims, entities, timeline, sources, documents, sentences if VERIFIED else None)
    return polarity_conflicts(conflicted, opposite, sources), change


def polarity_conflicts(
    claims: Sequence[Claim], opposite: Sequence[tuple[Statement, Statement, str]], sources: dict[str, str]
) -> list[Claim]:
    """The claims with a conflict for each pair of statements of different sources that would be
    one claim but disagree (one says what the other denies, or gives another amount of the same
    thing), the evidence of both kept."""
    claim_of = {(s.doc, s.span.start): c.id for c in claims for s in c.statements}
    found: dict[str, list[Conflict]] = defaultdict(list)
    for a, b, why in opposite:
        if sources.get(a.doc) == sources.get(b.doc):
            continue
        first, second = claim_of[(a.doc, a.span.start)], claim_of[(b.doc, b.span.start)]
        found[first].append(Conflict(second, why, Evidence(a.doc, a.span), Evidence(b.doc, b.span)))
        found[second].append(Conflict(first, why, Evidence(b.doc, b.span), Evidence(a.doc, a.span)))
    return [replace(c, conflicts=(*c.conflicts, *found[c.id])) if c.id in found else c for c in claims]
