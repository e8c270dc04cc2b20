"""Names the tagger missed that a gazetteer knows, and the article a tagged name does not own.

The small tagger misses many names in lists, tables and headlines ("Hereford 1 Doncaster 0").
A run of proper nouns that the name table (``corpus/name_types.tsv``) knows well, seen often and
nearly always typed one way, is a mention too. Precision comes first: every word must be tagged a
proper noun (or stand in a line of capitals), and a word the article also writes in lower case
("Reading", "Nice") is a common word, not a name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsdesk.corpus.name_types import name_types
from newsdesk.corpus.names import states
from newsdesk.model import Mention, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

EXTRACTOR = "newsdesk.nlp.known_names.v1"
_LONGEST = 5
_LABEL = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
_MIN_SEEN = 3
_MIN_SHARE = 0.9


def tidy_name(text: str, span: Span) -> Span:
    """A tagged name without a lower-case article before it ("the United Nations" -> "United
    Nations"; a capital "The" may belong to the name, "The Hague") and without an opened bracket
    that the span does not close ("World Health Organisation (WHO" -> "World Health Organisation")."""
    start, end = span.start, span.end
    if text.startswith("the ", start) and end - start > 4 and text[start + 4 : start + 5].isupper():
        start += 4
    name = text[start:end]
    opened = name.rfind("(")
    if opened > 0 and ")" not in name[opened:]:
        end = start + len(name[:opened].rstrip())
    return Span(start, end) if end > start else span


def known_name_mentions(parsed: Doc, text: str, found: Sequence[Mention]) -> list[Mention]:
    """Mentions of well-known names that no tagged mention covers."""
    taken = [(m.span.start, m.span.end) for m in found]
    tokens = list(parsed)  # spaCy makes a new Token object at each step of every pass: one pass
    lower_words = {token.text for token in tokens if token.text[:1].islower()}
    table = name_types()
    mentions: list[Mention] = []
    # Each token's test, once: a name starts and ends with a name word, with joining words inside.
    named = [_name_word(token, lower_words) for token in tokens]
    joined = [name or token.lower_ in {"of", "de", "-", "&"} for name, token in zip(named, tokens, strict=True)]
    index = 0
    while index < len(parsed):
        match = None
        for end in range(min(len(parsed), index + _LONGEST), index, -1):
            if not (named[index] and named[end - 1] and all(joined[index:end])):
                continue
            words = parsed[index:end]
            known = table.usual_type([words.text], min_seen=_MIN_SEEN, min_share=_MIN_SHARE)
            label = _label(known.type, words.text) if known else None
            if label is not None:
                match = (end, label)
                break
        if match is None:
            index += 1
            continue
        end, label = match
        start_char, end_char = parsed[index].idx, parsed[end - 1].idx + len(parsed[end - 1].text)
        if not any(s < end_char and start_char < e for s, e in taken) and not _inside_longer_name(parsed, index, end):
            span = Span(start_char, end_char)
            mentions.append(Mention(span=span, text=span.of(text), label=label, extractor=EXTRACTOR))
        index = end
    return mentions


def _inside_longer_name(parsed: Doc, start: int, end: int) -> bool:
    """The match is part of a longer capitalised name the table does not know: "Ealing North",
    "Hearts of Oak", "Mexican Open"."""
    before = parsed[start - 1] if start > 0 else None
    after = parsed[end] if end < len(parsed) else None
    if before is not None and _capitalised(before) and not before.is_sent_start and "\n" not in before.whitespace_:
        return True
    if after is not None and "\n" not in parsed[end - 1].whitespace_:
        if _capitalised(after):
            return True
        following = parsed[end + 1] if end + 1 < len(parsed) else None
        return after.lower_ in {"of", "de", "del", "la"} and following is not None and _capitalised(following)
    return False


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and token.text.isalpha() and not token.is_upper


def _name_word(token: Token, lower_words: set[str]) -> bool:
    if not token.text[:1].isupper() or token.text.lower() in lower_words:
        return False
    shouting = token.is_upper and len(token.text) > 1
    return token.pos_ == "PROPN" or shouting


def _label(kind: str, name: str) -> str | None:
    if kind in _LABEL:
        return _LABEL[kind]
    state = states().lookup(name)
    return "NORP" if state is not None and state.kind == "demonym" else None
