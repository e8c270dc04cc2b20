"""Do two statements say the same thing? The verifier every merge of the claims stage must pass
(``newsdesk.corpus.verifier.v1``).

Each statement is read as its proposition (:class:`Reading`): the predicate's lemma and classes,
who or what each argument is (the entity ids the entity stage resolved in it, and the stems of
its head word and the words before it), polarity, modality, the dates and amounts inside the
clause, and the TF-IDF vector of the statement's sentence. :func:`features` compares two
readings; every feature is symmetric. A logistic regression over them (weights kept to their
expected signs, so that an agreement never lowers the probability), calibrated by Platt scaling,
gives the probability that the two say the same thing (:class:`Verifier`); the operating point
stored beside the weights was chosen for precision on out-of-fold scores of the training topics
(``eval/train_verifier.py``; figures in docs/EVALUATION.md).

Some disagreements are never one claim whatever the model says: opposite polarity, dates that
cannot be the same day, different amounts of one unit, subjects that share nothing. ``accepts`` refuses
them; :meth:`Verifier.contradicts` tells the pairs that would be one claim but for their polarity
(one outlet says X did, another that X did not).

Pure and cheap: no spaCy, no numpy at scoring time, no global state beyond the cached word lists
and the weights file read once per :class:`Verifier`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib.resources import files
from pathlib import Path

from newsdesk.corpus.concepts import concept_of, concepts
from newsdesk.corpus.happenings import KIND_OF
from newsdesk.corpus.similarity import tokens
from newsdesk.model import Entity, Modality, Polarity, Proposition, Span, Statement
from newsdesk.nlp.arguments import LIGHT_VERBS
from newsdesk.nlp.cues import SPEECH_VERBS
from newsdesk.time.calendar import interval

EXTRACTOR = "newsdesk.corpus.verifier.v1"
WEIGHTS = "verifier.json"
# Words are compared by their first letters, a crude stem ("protecting", "protection"), as the
# claims stage does; units too ("people" is not "person", but "arrests" is "arrest").
STEM = 5
# Predicates that say little alone ("X is Y", "X has Y", "X said Y"): two of them are one predicate
# only when their objects or complements share a key as well ("is a priority", "is a blow").
GENERIC = (
    frozenset({"be", "have", "do", "make", "get", "take", "give", "go", "come", "become", "remain", "seem"})
    | SPEECH_VERBS
)
_COMPLEMENTS = ("object", "complement")
# The mark of a key that is an entity (or a name), not a head word.
NAMED = "@"
# Arguments that name nobody by themselves: they never agree or conflict with another.
_EMPTY_HEADS = frozenset(
    """
    i me you he him she her it we us they them this that these those who whom which what one ones
    someone somebody something anyone anybody anything everyone everybody everything itself himself
    herself themselves there here
    """.split()
)

# The features, in the order of the weight vector. Each is symmetric in its two readings and
# lies in [0, 1].
FEATURES = (
    "same_lemma",  # the predicates' lemmas are equal (a generic one's with an object in common)
    "same_class",  # ... or at least of one class of happening or of newsroom paraphrase, or one stem
    "subject_same",  # the subjects share a key (an entity, a stem of the head or of a word before it)
    "subject_conflict",  # both have a subject with keys, and they share none
    "object_same",
    "object_conflict",
    "arguments_shared",  # share of argument keys in common, roles aside (Jaccard)
    "names_shared",  # an argument of each names one entity, roles aside
    "actors_shared",  # share of the statements' actors in common (Jaccard)
    "polarity_differs",
    "modality_differs",
    "dates_equal",  # a date value in common
    "dates_overlap",  # dates of different granularity that overlap ("2021", "2021-02-03")
    "dates_conflict",  # both dated, no overlap at all
    "numbers_equal",  # an amount of one unit in common
    "numbers_conflict",  # the same unit, different amounts, none in common
    "tfidf",  # cosine of the statements' TF-IDF vectors
    "class_and_tfidf",  # same_class * tfidf: words in common count for more under one predicate
    "class_and_actors",  # same_class * actors_shared
    "class_and_names",  # same_class * names_shared
    "embedding",  # MiniLM cosine when both readings carry an embedding, else 0
)


@dataclass(frozen=True, slots=True)
class Reading:
    """One statement as the verifier compares it.

    ``classes`` are the predicate's classes (:func:`predicate_classes`). ``roles`` maps an argument
    role (``subject``, ``object``, ``complement``, a preposition) to the keys of what fills it:
    ``@`` and each entity id named in it, and the stems of its head word and the words before
    it. ``dates`` are TimeML values, ``numbers`` (amount, unit stem) pairs, both from inside the
    proposition's clause. ``vector`` is the L2-normalised TF-IDF vector of the statement's
    sentence (:func:`terms`); ``embedding`` its unit-length sentence embedding, when computed."""

    lemma: str
    classes: frozenset[str] = frozenset()
    roles: Mapping[str, frozenset[str]] = field(default_factory=dict)
    actors: frozenset[str] = frozenset()
    polarity: Polarity = Polarity.AFFIRMED
    modality: Modality = Modality.ASSERTED
    dates: tuple[str, ...] = ()
    numbers: tuple[tuple[str, str], ...] = ()
    vector: Mapping[str, float] = field(default_factory=dict)
    embedding: Sequence[float] | None = None


def terms(text: str) -> list[str]:
    """The terms of a statement's TF-IDF vector as the verifier was trained on them: its stemmed
    content words and their classes (``concepts.tsv``); fit a ``TfidfModel`` on the story's
    sentences' terms and give each reading the vector of its sentence."""
    words = tokens(text)
    return [w[:STEM] for w in words] + concepts(words)


def predicate_classes(lemma: str, objects: Iterable[str] = ()) -> frozenset[str]:
    """The classes of a predicate: its kind of happening ("arrest" and "detain" are a seizure), its
    class of newsroom paraphrase (``concepts.tsv``), else its stem. A light verb ("carried out a
    raid", "held talks") also takes the classes of its objects' head words: the noun names the
    happening."""
    word = lemma.lower().split(" ", 1)[0]
    if not word:
        return frozenset()
    found = {c for c in (KIND_OF.get(word), concept_of(word)) if c is not None} or {word[:STEM]}
    if word in LIGHT_VERBS:
        for head in objects:
            found |= {c for c in (KIND_OF.get(head), concept_of(head)) if c is not None}
    return frozenset(found)


def read(
    proposition: Proposition | None,
    vector: Mapping[str, float],
    names_in: Callable[[Span], Iterable[str]],
    actors: Iterable[str] = (),
    dates: Iterable[tuple[str, Span]] = (),
    numbers: Iterable[tuple[str, str, Span]] = (),
    embedding: Sequence[float] | None = None,
) -> Reading:
    """The reading of a proposition: ``names_in(span)`` gives the entity ids (or normalised names)
    named inside a span of its text; dates and numbers outside the proposition's clause are left
    out. Without a proposition the reading has no predicate and compares by words and actors only."""
    if proposition is None:
        return Reading(
            lemma="",
            actors=frozenset(actors),
            dates=tuple(dict.fromkeys(v for v, _ in dates)),
            numbers=tuple(dict.fromkeys((_amount(n), _unit(u)) for n, u, _ in numbers)),
            vector=vector,
            embedding=embedding,
        )
    clause = proposition.span
    roles: dict[str, set[str]] = {}
    for argument in proposition.arguments:
        keys = {NAMED + name for name in names_in(argument.span)} | _head_words(argument.text, argument.head)
        if keys:
            roles.setdefault(argument.role, set()).update(keys)
    return Reading(
        lemma=proposition.lemma.lower(),
        classes=predicate_classes(
            proposition.lemma, [a.head.lower() for a in proposition.arguments if a.role == "object"]
        ),
        roles={role: frozenset(keys) for role, keys in roles.items()},
        actors=frozenset(actors),
        polarity=proposition.polarity,
        modality=proposition.modality,
        dates=tuple(dict.fromkeys(v for v, span in dates if _inside(span, clause))),
        numbers=tuple(dict.fromkeys((_amount(n), _unit(u)) for n, u, span in numbers if _inside(span, clause))),
        vector=vector,
        embedding=embedding,
    )


def reading_of(
    statement: Statement,
    vector: Mapping[str, float],
    at: Mapping[tuple[str, int], Entity] | None = None,
    stands: Mapping[str, Sequence[str]] | None = None,
    embedding: Sequence[float] | None = None,
) -> Reading:
    """The reading of a newsdesk statement (one that carries its proposition): ``vector`` is the
    TF-IDF vector of the sentence holding it, over the story's sentences' :func:`terms` (as the
    model was trained); ``at`` the entity at each character (``model.entity_at``), for the
    arguments; each actor and argument entity counts with what it ``stands`` for (a seat of
    government for its state). The statement's dates and amounts count where they lie inside the proposition."""
    stands = stands or {}

    def names_in(span: Span) -> list[str]:
        if at is None:
            return []
        found = {e.id for p in range(span.start, span.end) if (e := at.get((statement.doc, p))) is not None}
        return [key for entity in sorted(found) for key in (entity, *stands.get(entity, ()))]

    actors = [key for actor in statement.actors for key in (actor, *stands.get(actor, ()))]
    return read(statement.proposition, vector, names_in, actors, statement.dates, statement.numbers, embedding)


def features(a: Reading, b: Reading) -> list[float]:
    """The comparison of two readings, one value per name in :data:`FEATURES`; symmetric."""
    generic = a.lemma.split(" ", 1)[0] in GENERIC or b.lemma.split(" ", 1)[0] in GENERIC
    if generic:
        same_lemma = a.lemma == b.lemma and bool(_filling(a, _COMPLEMENTS) & _filling(b, _COMPLEMENTS))
        same_class = same_lemma
    else:
        same_lemma = bool(a.lemma) and a.lemma == b.lemma
        same_class = same_lemma or bool(a.classes & b.classes)
    subject_same, subject_conflict = _role(a, b, "subject")
    object_same, object_conflict = _role(a, b, "object")
    keys_a = frozenset().union(*a.roles.values()) if a.roles else frozenset()
    keys_b = frozenset().union(*b.roles.values()) if b.roles else frozenset()
    dates_equal, dates_overlap, dates_conflict = _dates(a.dates, b.dates)
    numbers_equal, numbers_conflict = _numbers(a.numbers, b.numbers)
    names_shared = any(k.startswith(NAMED) for k in keys_a & keys_b)
    actors_shared = _jaccard(a.actors, b.actors)
    lexical = _cosine(a.vector, b.vector)
    embedded = 0.0
    if a.embedding is not None and b.embedding is not None:
        embedded = min(1.0, max(0.0, math.fsum(x * y for x, y in zip(a.embedding, b.embedding, strict=True))))
    return [
        float(same_lemma),
        float(same_class),
        float(subject_same),
        float(subject_conflict),
        float(object_same),
        float(object_conflict),
        _jaccard(keys_a, keys_b),
        float(names_shared),
        actors_shared,
        float(bool(a.lemma and b.lemma) and a.polarity != b.polarity),
        float(bool(a.lemma and b.lemma) and a.modality != b.modality),
        float(dates_equal),
        float(dates_overlap),
        float(dates_conflict),
        float(numbers_equal),
        float(numbers_conflict),
        lexical,
        float(same_class) * lexical,
        float(same_class) * actors_shared,
        float(same_class and names_shared),
        embedded,
    ]


def conflicts(a: Reading, b: Reading) -> tuple[str, ...]:
    """What keeps two readings from being one claim whatever else they share: ``polarity``,
    ``dates``, ``numbers``, ``subject``."""
    found = []
    if a.lemma and b.lemma and a.polarity != b.polarity:
        found.append("polarity")
    if _dates(a.dates, b.dates)[2]:
        found.append("dates")
    if _numbers(a.numbers, b.numbers)[1]:
        found.append("numbers")
    if _role(a, b, "subject")[1]:
        found.append("subject")
    return tuple(found)


@dataclass(frozen=True)
class Verifier:
    """The calibrated pair classifier: logistic regression over :func:`features`, Platt scaling,
    and the operating point chosen for precision. Build with :meth:`load`."""

    names: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    platt: tuple[float, float]
    threshold: float
    vetoes: tuple[str, ...] = ("polarity", "dates", "numbers", "subject")
    about: Mapping[str, object] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None = None) -> Verifier:
        """The weights shipped with newsdesk (``verifier.json``), or those in ``path``."""
        if path is None:
            text = files("newsdesk.corpus").joinpath(WEIGHTS).read_text(encoding="utf-8")
        else:
            text = path.read_text(encoding="utf-8")
        return cls.from_json(json.loads(text))

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Verifier:
        names = tuple(str(n) for n in _list(data["features"]))
        unknown = set(names) - set(FEATURES)
        if unknown:
            raise ValueError(f"verifier weights name unknown features: {sorted(unknown)}")
        weights = tuple(_number(w) for w in _list(data["weights"]))
        if len(weights) != len(names):
            raise ValueError("verifier weights: one weight per feature")
        platt = _list(data["platt"])
        return cls(
            names=names,
            weights=weights,
            bias=_number(data["bias"]),
            platt=(_number(platt[0]), _number(platt[1])),
            threshold=_number(data["threshold"]),
            vetoes=tuple(str(v) for v in _list(data.get("vetoes", []))),
            about={k: v for k, v in data.items() if k not in _FIELDS},
        )

    def to_json(self) -> dict[str, object]:
        return {
            **self.about,
            "features": list(self.names),
            "weights": list(self.weights),
            "bias": self.bias,
            "platt": list(self.platt),
            "threshold": self.threshold,
            "vetoes": list(self.vetoes),
        }

    def score(self, values: Sequence[float]) -> float:
        """The calibrated probability for a full :data:`FEATURES` vector."""
        index = _INDEX
        z = self.bias + sum(w * values[index[n]] for n, w in zip(self.names, self.weights, strict=True))
        return _sigmoid(self.platt[0] * z + self.platt[1])

    def probability(self, a: Reading, b: Reading) -> float:
        """The calibrated probability that ``a`` and ``b`` say the same thing."""
        return self.score(features(a, b))

    def accepts(self, a: Reading, b: Reading) -> bool:
        """Whether the two may be one claim: probability at the operating point, and no veto."""
        if set(conflicts(a, b)) & set(self.vetoes):
            return False
        return self.probability(a, b) >= self.threshold

    def contradicts(self, a: Reading, b: Reading) -> bool:
        """Whether the two say one thing with opposite polarity: the pair would be accepted if
        both were affirmed."""
        if not (a.lemma and b.lemma) or a.polarity == b.polarity:
            return False
        return self.accepts(replace(a, polarity=Polarity.AFFIRMED), replace(b, polarity=Polarity.AFFIRMED))


_INDEX = {name: i for i, name in enumerate(FEATURES)}
_FIELDS = frozenset({"features", "weights", "bias", "platt", "threshold", "vetoes"})


def _number(value: object) -> float:
    if not isinstance(value, int | float):
        raise ValueError(f"verifier weights: expected a number, got {value!r}")
    return float(value)


def _list(value: object) -> list[object]:
    if not isinstance(value, list):
        raise ValueError(f"verifier weights: expected a list, got {value!r}")
    return value


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def _inside(span: Span, clause: Span) -> bool:
    return clause.start <= span.start and span.end <= clause.end


def _unit(word: str) -> str:
    return word.lower()[:STEM]


_AMOUNTS = {
    w: str(n) for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())
} | {"dozen": "12", "hundred": "100", "thousand": "1000", "million": "1000000", "billion": "1000000000"}


def _amount(number: str) -> str:
    """An amount as digits: "two" and "2", "1,200" and "1200" are one amount."""
    number = number.lower().replace(",", "")
    return _AMOUNTS.get(number, number)


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """The cosine of two L2-normalised sparse vectors, in [0, 1], the same whichever comes first
    (an exactly rounded sum does not depend on the order of its terms)."""
    if len(a) > len(b):
        a, b = b, a
    return min(1.0, max(0.0, math.fsum(w * b[t] for t, w in a.items() if t in b)))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _head_words(text: str, head: str) -> set[str]:
    """The stems of a phrase's head word and of the words before it ("rescue teams in boats":
    rescue, teams), so that "the company's board" and "Norvale Hydro's board" share the board, and
    "rescue teams" and "rescuers" share the rescue; a pronoun gives nothing."""
    head = head.lower()
    if not head or head in _EMPTY_HEADS or not any(c.isalnum() for c in head):
        return set()
    words = tokens(text)
    for end, word in enumerate(words):
        if word[:4] == head[:4]:
            words = words[: end + 1]
            break
    else:
        words = [head]
    return {w[:STEM] for w in words if w not in _EMPTY_HEADS}


def _filling(reading: Reading, roles: Sequence[str]) -> frozenset[str]:
    return frozenset().union(*(reading.roles.get(role, frozenset()) for role in roles))


def _role(a: Reading, b: Reading, role: str) -> tuple[bool, bool]:
    """(the fillers of ``role`` share a key, both are filled and share none)."""
    keys_a, keys_b = a.roles.get(role), b.roles.get(role)
    if not keys_a or not keys_b:
        return False, False
    shared = bool(keys_a & keys_b)
    return shared, not shared


def _dates(a: Sequence[str], b: Sequence[str]) -> tuple[bool, bool, bool]:
    """(a value in common, overlapping values of different granularity, both dated and disjoint)."""
    if not a or not b:
        return False, False, False
    if set(a) & set(b):
        return True, False, False
    spans_a = [s for v in a if (s := interval(v)) is not None]
    spans_b = [s for v in b if (s := interval(v)) is not None]
    if not spans_a or not spans_b:
        return False, False, False
    overlap = any(x[0] <= y[1] and y[0] <= x[1] for x in spans_a for y in spans_b)
    return False, overlap, not overlap


def _numbers(a: Sequence[tuple[str, str]], b: Sequence[tuple[str, str]]) -> tuple[bool, bool]:
    """(an amount of one unit in common, amounts of a shared unit that all differ)."""
    if not a or not b:
        return False, False
    if set(a) & set(b):
        return True, False
    units = {u for _, u in a} & {u for _, u in b}
    return False, bool(units)
