"""Train and calibrate the claim verifier (``newsdesk.corpus.verifier``) on ECB+ event coreference.

    .venv/bin/python eval/train_verifier.py [--limit N] [--out src/newsdesk/corpus/verifier.json]

Labelled pairs: every pair of gold event mentions (``eval/xdoc_ecbplus.py`` reads them) of two
different documents of one topic; a pair is positive when both mentions belong to one
``CROSS_DOC_COREF`` instance. The negatives are hard ones, like the claims stage's: same topic,
often the same predicate, a different happening (each topic holds two sub-topics, two real events
of one kind). Each mention is read as the proposition whose predicate is its gold trigger's head
(``newsdesk.nlp.propositions.proposition_at`` on spaCy's parse of its sentence), with the names,
dates and amounts of its sentence and the sentence's TF-IDF vector over the topic's sentences.

The split, fixed before any figure was seen:

* topics 1-24 train (``TRAIN``; 15 and 17 do not exist): the logistic regression is fitted on all
  of them; Platt scaling and the operating point come from their out-of-fold scores (six folds
  by topic, each scored by a model fitted on the other five), so no pair calibrates the model
  that saw it;
* topics 25-35 are held out (``HELD_OUT``): only ``eval/verifier_ecbplus.py`` reads them, after
  the weights are written. Features, regularisation and threshold are chosen on 1-24 alone.

The operating point is the lowest threshold on the calibrated probability at which the precision
of the accepted calibration pairs (vetoes applied, at least ``SUPPORT`` of them) is at least
``PRECISION``.

Hand-read pairs (``tests/golden/*/claim_pairs*.json``, format in ``eval/verifier_story.py``) are
not fitted on: they need the stored statements of their story, and ``eval/verifier_story.py``
scores the verifier on them. The demo corpus's were read while the model was being changed, so
they are development data.
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from xdoc_ecbplus import DATA, Article, Mention, head_token, parse_sentences, read_corpus

from newsdesk.corpus.similarity import TfidfModel
from newsdesk.corpus.verifier import EXTRACTOR, FEATURES, Reading, Verifier, conflicts, features, read, terms
from newsdesk.model import Proposition, Span, TimeType

if TYPE_CHECKING:
    from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parent.parent
WEIGHTS = ROOT / "src" / "newsdesk" / "corpus" / "verifier.json"
COMMAND = ".venv/bin/python eval/train_verifier.py"
TRAIN = frozenset(range(1, 25))
FOLDS = 6
HELD_OUT = frozenset(range(25, 36))
PRECISION = 0.95
# Fewest accepted calibration pairs a precision estimate may rest on.
SUPPORT = 30
L2 = 1.0
# Whose words and names a mention's reading takes: its sentence's, not only its proposition's
# clause (out of fold on topics 1-24, recall at precision 0.95 was 0.060 with the sentence's,
# 0.021 with the clause's; --select --context clause).
CONTEXT = "sentence"
# Features left out of the shipped model: the embedding needs the optional MiniLM encoder.
DEFAULT_FEATURES = tuple(f for f in FEATURES if f != "embedding")
# Bumped when the readings built here change, so that a cache of older ones is not used.
_VERSION = 4  # readings; features are computed from them at each run
_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})


@dataclass
class Corpus:
    """ECB+ gold event mentions with their readings."""

    mentions: list[Mention]
    readings: list[Reading]
    heads: list[str]  # the trigger's head lemma (the lemma baseline's key)
    articles: dict[str, Article]


def read_ecbplus(
    limit: int | None = None, cache: Path | None = None, context: str = "sentence", embed: bool = False
) -> Corpus:
    """Every gold event mention of topics 1-35 read as a proposition (cached in ``cache``).
    ``context``: whether its words and names are those of the proposition's clause or of its whole
    sentence; ``embed``: whether the readings carry the MiniLM embedding of that context."""
    key = (limit, EXTRACTOR, _extractor(), context, embed, _VERSION)
    if cache is not None and cache.exists():
        with cache.open("rb") as handle:
            stored = pickle.load(handle)
        if stored.get("key") == key:
            corpus: Corpus = stored["corpus"]
            return corpus
    from spacy.tokens import Token

    from newsdesk.nlp.propositions import proposition_at

    article_list, mentions, _ = read_corpus(limit)
    articles = {a.name: a for a in article_list}
    parsed = parse_sentences(articles, mentions)
    parts = {key: _sentence_parts(doc) for key, doc in parsed.items()}
    heads: list[str] = []
    found: list[Proposition | None] = []
    for mention in mentions:
        doc = parsed[mention.sentence]
        head = head_token(doc, articles[mention.doc], mention)
        heads.append(head.lemma_.lower() if isinstance(head, Token) else mention.text.lower())
        found.append(proposition_at(head, doc.text) if isinstance(head, Token) else None)
    # The words of each mention's context, and a TF-IDF model per topic (a story's statements).
    scopes = [
        p.span if p is not None and context == "clause" else Span(0, len(parsed[m.sentence].text))
        for m, p in zip(mentions, found, strict=True)
    ]
    words = [terms(scope.of(parsed[m.sentence].text)) for m, scope in zip(mentions, scopes, strict=True)]
    by_topic: dict[int, list[int]] = defaultdict(list)
    for index, mention in enumerate(mentions):
        by_topic[mention.topic].append(index)
    vectors: list[dict[str, float]] = [{} for _ in mentions]
    for indices in by_topic.values():
        model = TfidfModel.fit([words[i] for i in indices])
        for i in indices:
            vectors[i] = model.vector(words[i])
    embedded: list[tuple[float, ...] | None] = [None] * len(mentions)
    if embed:
        from newsdesk.corpus.embeddings import Encoder

        texts = [scope.of(parsed[m.sentence].text) for m, scope in zip(mentions, scopes, strict=True)]
        unique = sorted(set(texts))
        rows = dict(zip(unique, Encoder().embed(unique), strict=True))
        embedded = [tuple(float(v) for v in rows[t]) for t in texts]
    readings = []
    for mention, proposition, scope, vector, embedding in zip(mentions, found, scopes, vectors, embedded, strict=True):
        names, dates, numbers = parts[mention.sentence]

        def names_in(span: Span, names: list[tuple[Span, str]] = names) -> list[str]:
            return [name for where, name in names if where.start < span.end and span.start < where.end]

        readings.append(read(proposition, vector, names_in, names_in(scope), dates, numbers, embedding))
    corpus = Corpus(mentions, readings, heads, articles)
    if cache is not None:
        with cache.open("wb") as handle:
            pickle.dump({"key": key, "corpus": corpus}, handle)
    return corpus


def _extractor() -> str:
    from newsdesk.nlp import propositions

    return propositions.EXTRACTOR


_Parts = tuple[list[tuple[Span, str]], list[tuple[str, Span]], list[tuple[str, str, Span]]]


def _sentence_parts(doc: Doc) -> _Parts:
    """A sentence's names (span, normalised name), dates (TimeML value, span) and amounts
    (number, unit word, span)."""
    from newsdesk.time.expressions import find_times

    text = doc.text
    names = [(Span(e.start_char, e.end_char), _name(e.text, e.label_)) for e in doc.ents if e.label_ in _NAMED]
    dates = [
        (t.value, t.span)
        for t in find_times(text)
        if t.type in (TimeType.DATE, TimeType.TIME) and t.value and re.match(r"\d{4}", t.value)
    ]
    numbers = [
        (t.text, t.head.text, Span(t.idx, t.idx + len(t.text)))
        for t in doc
        if t.like_num and t.dep_ in ("nummod", "quantmod") and t.head.pos_ in ("NOUN", "PROPN")
    ]
    return names, dates, numbers


def _name(text: str, label: str) -> str:
    """A name as a key: a person by the last word of the name ("Lohan" is "Lindsay Lohan"), others
    whole, lowercased, without "the"."""
    words = [w for w in re.findall(r"[^\W_]+", text.lower()) if w not in ("the", "s")]
    if not words:
        return text.lower()
    return words[-1] if label == "PERSON" else " ".join(words)


# --- labelled pairs -------------------------------------------------------------------------------------------


def cross_document_pairs(corpus: Corpus, topics: Iterable[int]) -> list[tuple[int, int]]:
    """Every pair of mentions of two different documents of one of ``topics``."""
    chosen = set(topics)
    by_topic: dict[int, list[int]] = defaultdict(list)
    for index, mention in enumerate(corpus.mentions):
        if mention.topic in chosen:
            by_topic[mention.topic].append(index)
    pairs: list[tuple[int, int]] = []
    for indices in by_topic.values():
        for x, i in enumerate(indices):
            doc = corpus.mentions[i].doc
            pairs.extend((i, j) for j in indices[x + 1 :] if corpus.mentions[j].doc != doc)
    return pairs


def table(corpus: Corpus, pairs: Sequence[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features (one row per pair, :data:`FEATURES` order), labels, and whether a veto applies."""
    rows = np.empty((len(pairs), len(FEATURES)))
    labels = np.empty(len(pairs), dtype=bool)
    vetoed = np.empty(len(pairs), dtype=bool)
    for row, (i, j) in enumerate(pairs):
        a, b = corpus.readings[i], corpus.readings[j]
        rows[row] = features(a, b)
        labels[row] = corpus.mentions[i].cluster == corpus.mentions[j].cluster
        vetoed[row] = bool(conflicts(a, b))
    return rows, labels, vetoed


# --- logistic regression and calibration ----------------------------------------------------------------------


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2, steps: int = 50) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method (the bias is not penalised)."""
    n, d = x.shape
    design = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    penalty = np.full(d + 1, l2)
    penalty[-1] = 0.0
    target = y.astype(np.float64)
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(design @ w)))
        gradient = design.T @ (p - target) + penalty * w
        hessian = (design * (p * (1 - p))[:, None]).T @ design + np.diag(penalty) + 1e-9 * np.eye(d + 1)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def fit_signed(x: np.ndarray, y: np.ndarray, names: Sequence[str], l2: float = L2) -> tuple[np.ndarray, float]:
    """Logistic regression whose weights keep their expected signs (an agreement never lowers the
    probability, a conflict never raises it): a feature whose weight comes out the wrong way is
    dropped (weight 0) and the rest refitted, until none does."""
    active = list(range(len(names)))
    while True:
        w_active, bias = fit_logistic(x[:, active], y, l2)
        wrong = [k for k, w in zip(active, w_active, strict=True) if w * _sign(names[k]) < 0]
        if not wrong:
            w = np.zeros(len(names))
            w[active] = w_active
            return w, bias
        worst = min(wrong, key=lambda k: float(w_active[active.index(k)]) * _sign(names[k]))
        active.remove(worst)


def _sign(name: str) -> int:
    """The expected sign of a feature's weight."""
    return -1 if name.endswith(("_conflict", "_differs")) else 1


def fit_platt(z: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Platt scaling of scores ``z``, with Platt's smoothed targets."""
    positives, negatives = int(y.sum()), int((~y).sum())
    target = np.where(y, (positives + 1) / (positives + 2), 1 / (negatives + 2))
    a, b = 1.0, 0.0
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(a * z + b)))
        r = p - target
        g = np.array([np.sum(r * z), np.sum(r)])
        s = p * (1 - p)
        h = np.array([[np.sum(s * z * z), np.sum(s * z)], [np.sum(s * z), np.sum(s)]]) + 1e-9 * np.eye(2)
        step = np.linalg.solve(h, g)
        a, b = a - float(step[0]), b - float(step[1])
        if np.abs(step).max() < 1e-10:
            break
    return a, b


def operating_point(p: np.ndarray, y: np.ndarray, vetoed: np.ndarray, precision: float = PRECISION) -> float:
    """The lowest threshold at which the accepted pairs (vetoes applied), at least ``SUPPORT`` of
    them, have precision >= ``precision``; 1.0 when there is none."""
    order = np.argsort(-p, kind="stable")
    keep = order[~vetoed[order]]
    hits = np.cumsum(y[keep])
    counts = np.arange(1, len(keep) + 1)
    best = 1.0
    for k in range(SUPPORT - 1, len(keep)):
        # Only where the threshold can fall: after the last pair of a run of equal scores.
        if k + 1 < len(keep) and p[keep[k + 1]] == p[keep[k]]:
            continue
        if hits[k] / counts[k] >= precision:
            best = float(p[keep[k]])
    return best


def precision_recall(accepted: np.ndarray, y: np.ndarray) -> tuple[float, float, int]:
    hits = int((accepted & y).sum())
    taken = int(accepted.sum())
    return (hits / taken if taken else 0.0), (hits / int(y.sum()) if y.sum() else 0.0), taken


def out_of_fold(x: np.ndarray, y: np.ndarray, fold: np.ndarray, names: Sequence[str], l2: float) -> np.ndarray:
    """Each pair's logistic score (log-odds) from the model fitted on the other folds."""
    columns = [FEATURES.index(n) for n in names]
    z = np.empty(len(y))
    for k in np.unique(fold):
        w, bias = fit_signed(x[fold != k][:, columns], y[fold != k], names, l2)
        z[fold == k] = x[fold == k][:, columns] @ w + bias
    return z


def train(
    corpus: Corpus, names: Sequence[str] = DEFAULT_FEATURES, l2: float = L2
) -> tuple[Verifier, dict[str, object]]:
    """Fit on the training topics; calibrate (Platt) and choose the operating point on their
    out-of-fold scores (``FOLDS`` folds by topic)."""
    columns = [FEATURES.index(n) for n in names]
    topics = sorted({m.topic for m in corpus.mentions} & TRAIN)
    fold_of = {t: k % FOLDS for k, t in enumerate(topics)}
    pairs = cross_document_pairs(corpus, topics)
    x, y, vetoed = table(corpus, pairs)
    fold = np.array([fold_of[corpus.mentions[i].topic] for i, _ in pairs])
    z = out_of_fold(x, y, fold, names, l2)
    platt = fit_platt(z, y)
    p = 1.0 / (1.0 + np.exp(-(platt[0] * z + platt[1])))
    threshold = operating_point(p, y, vetoed)
    accepted = (p >= threshold) & ~vetoed
    cv_p, cv_r, taken = precision_recall(accepted, y)
    curve = []
    for level in (0.5, 0.7, 0.8, 0.9, 0.95, threshold):
        level_p, level_r, level_n = precision_recall((p >= level) & ~vetoed, y)
        curve.append([round(level, 3), round(level_p, 4), round(level_r, 4), level_n])
    w, bias = fit_signed(x[:, columns], y, names, l2)
    about: dict[str, object] = {
        "extractor": EXTRACTOR,
        "trained_on": "ECB+ topics 1-24: every pair of gold event mentions of two documents of one topic",
        "calibrated_on": f"the same topics' out-of-fold scores ({FOLDS} folds by topic), Platt scaling",
        "held_out": "ECB+ topics 25-35",
        "command": COMMAND,
        "l2": l2,
        "pairs": len(pairs),
        "positives": int(y.sum()),
        "target_precision": PRECISION,
        "out_of_fold_precision": round(cv_p, 4),
        "out_of_fold_recall": round(cv_r, 4),
        "out_of_fold_accepted": taken,
        "out_of_fold_curve": curve,
    }
    return Verifier(tuple(names), tuple(float(v) for v in w), bias, platt, threshold, about=about), about


def cross_validate(corpus: Corpus, options: Mapping[str, Sequence[str]], l2s: Sequence[float] = (L2,)) -> None:
    """``FOLDS`` folds by topic over the training topics: for each feature set and L2 weight, the mean
    out-of-fold log-loss, and recall at precision ``PRECISION`` over the pooled out-of-fold
    scores (printed). Held-out topics are not touched."""
    topics = sorted({m.topic for m in corpus.mentions} & TRAIN)
    fold_of = {t: k % FOLDS for k, t in enumerate(topics)}
    pairs = cross_document_pairs(corpus, topics)
    x, y, vetoed = table(corpus, pairs)
    fold = np.array([fold_of[corpus.mentions[i].topic] for i, _ in pairs])
    for name, names in options.items():
        for l2 in l2s:
            p = 1.0 / (1.0 + np.exp(-out_of_fold(x, y, fold, names, l2)))
            log_loss = float(-np.mean(np.where(y, np.log(p + 1e-12), np.log(1 - p + 1e-12))))
            threshold = operating_point(p, y, vetoed)
            precision, recall, taken = precision_recall((p >= threshold) & ~vetoed, y)
            print(
                f"{name:28} l2={l2:<5} log-loss {log_loss:.4f}  at P>={PRECISION}: threshold {threshold:.3f} "
                f"P {precision:.3f} R {recall:.3f} ({taken} pairs)",
                file=sys.stderr,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="documents per topic (both halves together, in name order)")
    parser.add_argument("--out", type=Path, default=WEIGHTS, help="where to write the weights (JSON)")
    parser.add_argument("--cache", type=Path, help="keep the parsed mentions here between runs (pickle)")
    parser.add_argument("--select", action="store_true", help="compare feature sets by cross-validation first")
    parser.add_argument("--context", choices=("clause", "sentence"), default=CONTEXT, help="words and names of")
    parser.add_argument("--embeddings", action="store_true", help="with the MiniLM cosine (needs make embeddings)")
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"{DATA}: evaluation data not found (it comes with ../shared)")
    started = time.perf_counter()
    corpus = read_ecbplus(args.limit, args.cache, args.context, args.embeddings)
    print(f"read {len(corpus.mentions)} mentions in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    if args.select:
        options = {
            "all (no embedding)": DEFAULT_FEATURES,
            "no interactions": tuple(f for f in DEFAULT_FEATURES if not f.startswith("class_and")),
            "lemma + tfidf only": ("same_lemma", "same_class", "tfidf", "class_and_tfidf"),
            "no arguments": tuple(
                f for f in DEFAULT_FEATURES if not f.startswith(("subject", "object", "arguments", "names"))
            ),
        }
        if args.embeddings:
            options = {"all (no embedding)": DEFAULT_FEATURES, "with embedding": FEATURES}
        cross_validate(corpus, options, (0.1, 1.0, 10.0))
    verifier, about = train(corpus)
    print(json.dumps(about, indent=2))
    args.out.write_text(json.dumps(verifier.to_json(), indent=1) + "\n", encoding="utf-8")
    hand = sorted((ROOT / "tests" / "golden").glob("*/claim_pairs*.json"))
    print(
        f"hand-read pair files: {', '.join(str(p.relative_to(ROOT)) for p in hand) or 'none'} "
        "(not fitted on; eval/verifier_story.py scores them)",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
