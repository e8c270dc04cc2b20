"""The search language of SQLite's FTS5, read into a PostgreSQL ``tsquery``.

Users type one query language whichever store holds their articles: words (all must match),
``"a phrase"``, ``AND``, ``OR``, ``NOT`` (binary: ``a NOT b``), ``prefix*`` and parentheses, with
FTS5's precedence (NOT binds tightest, then AND, then OR). Each word goes to ``to_tsquery`` quoted,
so PostgreSQL's own parser splits and normalises it exactly as it did the indexed text.

Where the two stores differ (said in the README's "Scaling out"):
- PostgreSQL's parser keeps some tokens whole that FTS5 splits: ``U.S.``, ``3.5``, a hyphenated
  ``well-known`` (indexed whole and as its parts, so either form matches).
- FTS5's column filters (``title:word``), ``NEAR(...)``, ``^`` and ``+`` are refused here with the
  reason, rather than read as something else.
- A prefix after a phrase (``"ferry serv"*``) applies to its last word, as in FTS5.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r'\s*(?:(?P<paren>[()])|"(?P<phrase>[^"]*)"(?P<pstar>\*)?|(?P<word>[^\s()"]+))')
_OPERATORS = {"AND", "OR", "NOT"}
_UNSUPPORTED = ("NEAR", "^", "+")


class QueryError(ValueError):
    """The query is not one the search language allows; the message says where."""


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "(" | ")" | "AND" | "OR" | "NOT" | "term"
    text: str = ""


def to_tsquery(query: str) -> str:
    """The ``to_tsquery`` text for an FTS5-style ``query``; QueryError when it is malformed."""
    tokens = _tokens(query)
    if not tokens:
        raise QueryError("an empty query")
    parser = _Parser(tokens)
    result = parser.expression()
    if parser.position != len(tokens):
        raise QueryError(f"unexpected {tokens[parser.position].text or tokens[parser.position].kind!r}")
    return result


def _tokens(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(query):
        if query[position:].strip() == "":
            break
        match = _TOKEN.match(query, position)
        if match is None or match.end() == position:
            raise QueryError(f"unbalanced quotes near {query[position:].strip()[:20]!r}")
        position = match.end()
        if match.group("paren"):
            tokens.append(_Token(match.group("paren")))
        elif match.group("phrase") is not None:
            words = match.group("phrase").split()
            if words:
                tokens.append(_Token("term", _phrase(words, prefix=bool(match.group("pstar")))))
        else:
            word = match.group("word")
            if word in _OPERATORS:
                tokens.append(_Token(word))
                continue
            if word.startswith(_UNSUPPORTED) or ":" in word:
                raise QueryError(f"{word!r}: column filters, NEAR, ^ and + are not supported on PostgreSQL")
            prefix = word.endswith("*")
            word = word.rstrip("*")
            if not word:
                raise QueryError("a lone '*'")
            tokens.append(_Token("term", _phrase([word], prefix=prefix)))
    return tokens


def _phrase(words: list[str], prefix: bool) -> str:
    """Words in a row (``<->``), each quoted for ``to_tsquery``; the last one a prefix if asked."""
    quoted = ["'" + word.replace("\\", "\\\\").replace("'", "''") + "'" for word in words]
    if prefix:
        quoted[-1] += ":*"
    return quoted[0] if len(quoted) == 1 else "(" + " <-> ".join(quoted) + ")"


class _Parser:
    """Recursive descent over FTS5's grammar: or := and (OR and)*; and := not ([AND] not)*;
    not := primary (NOT primary)*; primary := term | ( or )."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.position = 0

    def _peek(self) -> str | None:
        return self.tokens[self.position].kind if self.position < len(self.tokens) else None

    def expression(self) -> str:
        parts = [self._conjunction()]
        while self._peek() == "OR":
            self.position += 1
            parts.append(self._conjunction())
        return parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"

    def _conjunction(self) -> str:
        parts = [self._negation()]
        while self._peek() in ("AND", "term", "("):
            if self._peek() == "AND":
                self.position += 1
            parts.append(self._negation())
        return parts[0] if len(parts) == 1 else "(" + " & ".join(parts) + ")"

    def _negation(self) -> str:
        result = self._primary()
        while self._peek() == "NOT":
            self.position += 1
            result = f"({result} & !{self._primary()})"
        return result

    def _primary(self) -> str:
        kind = self._peek()
        if kind == "term":
            self.position += 1
            return self.tokens[self.position - 1].text
        if kind == "(":
            self.position += 1
            inner = self.expression()
            if self._peek() != ")":
                raise QueryError("a '(' without its ')'")
            self.position += 1
            return inner
        if kind is None:
            raise QueryError("the query ends where a word was expected")
        raise QueryError(f"{kind!r} where a word was expected")
