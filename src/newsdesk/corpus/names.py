"""Name keys and the knowledge the resolver needs: states, their demonyms and seats, titles."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

TITLES = frozenset(
    "president presidents minister prime secretary senator sen governor gov mayor king queen prince princess pope "
    "general gen colonel col captain capt lieutenant lt sergeant sgt admiral chancellor premier ambassador judge "
    "justice dr mr mrs ms miss sir dame lord lady professor prof ayatollah sheikh imam rabbi reverend rev father "
    "supreme leader chief director ceo chairman chairwoman commander officer rep representative deputy vice former "
    "late dictator tsar czar emperor marshal field state of the foreign defence defense interior us u.s. russian "
    "ukrainian venezuelan american syrian chinese iranian opposition executive spokesman spokeswoman".split()
)
# Titles can be phrases ("Supreme Leader", "Secretary of State"); any run of these words before a
# capitalised given name is dropped: "US Secretary of State Marco Rubio" -> "Marco Rubio".
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_MINISTRY_OF = re.compile(r"\bministry of (?:the )?(\w+)(?: affairs)?\b")
# Unions of states and blocs: organisations, not places.
SUPRANATIONAL = frozenset(
    {"European Union", "United Nations", "NATO", "African Union", "Arab League", "ASEAN", "BRICS", "G7", "G20", "OPEC"}
)


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Accents, case, dots and hyphens folded away: 'Nicolás' ~ 'nicolas', 'U.S.' ~ 'us', 'al-Assad' ~ 'al assad'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _POSSESSIVE.sub("", text.strip())
    text = text.replace(".", "").replace("’", "'").replace("-", " ").replace("‐", " ")
    text = text.replace("[", "").replace("]", "")
    return " ".join(text.casefold().split())


_ARTICLE = re.compile(r"^(?:the|The)\s+")


@lru_cache(maxsize=1 << 16)
def strip_article(text: str) -> str:
    return _ARTICLE.sub("", text.strip())


def person_tokens(text: str) -> list[str]:
    """Folded name tokens of a person mention, titles removed ("Supreme Leader Ayatollah Ali Khamenei" -> ali khamenei)."""
    return list(_person_tokens(text))


@lru_cache(maxsize=1 << 16)
def _person_tokens(text: str) -> tuple[str, ...]:
    tokens = fold(strip_article(text)).split()
    while len(tokens) > 1 and tokens[0] in TITLES:
        tokens.pop(0)
    return tuple(tokens)


_LEGAL_FORM = re.compile(
    r"(?:,?\s+(?:inc|incorporated|corp|corporation|co|company|ltd|limited|plc|llc|sa|spa|ag|gmbh|nv|bv|ab|oyj|asa))+$"
)


def org_key(text: str) -> str:
    """Folded organisation name in one form: ministries ('ministry of foreign affairs' -> 'foreign
    ministry') and legal forms ('Apple Inc.' -> 'apple') folded."""
    key = fold(strip_article(text))
    key = _MINISTRY_OF.sub(lambda m: f"{m.group(1)} ministry", key).replace("defense ministry", "defence ministry")
    return _LEGAL_FORM.sub("", key) or key


def acronym(text: str) -> str:
    """Initials of the capitalised words: 'National Dam Safety Office' -> 'NDSO'."""
    return "".join(word[0] for word in strip_article(text).replace("-", " ").split() if word[:1].isupper())


@dataclass(frozen=True, slots=True)
class StateName:
    state: str
    kind: str  # name | demonym | seat


@dataclass(frozen=True, slots=True)
class States:
    by_key: dict[str, StateName]
    demonym_of: dict[str, str]

    def lookup(self, text: str) -> StateName | None:
        return self.by_key.get(fold(text)) or self.by_key.get(fold(strip_article(text)))


@lru_cache(maxsize=1)
def states() -> States:
    by_key: dict[str, StateName] = {}
    demonym_of: dict[str, str] = {}
    table = resources.files("newsdesk.corpus").joinpath("states.tsv").read_text(encoding="utf-8")
    for row in table.splitlines():
        if not row.strip() or row.startswith("#"):
            continue
        columns = [*row.split("\t"), "", "", ""][:4]
        name = columns[0]
        by_key.setdefault(fold(name), StateName(name, "name"))
        for alias in filter(None, columns[1].split("|")):
            by_key.setdefault(fold(alias), StateName(name, "name"))
        for demonym in filter(None, columns[2].split("|")):
            demonym_of.setdefault(fold(demonym), name)
            by_key.setdefault(fold(demonym), StateName(name, "demonym"))
        for seat in filter(None, columns[3].split("|")):
            by_key.setdefault(fold(seat), StateName(name, "seat"))
    return States(by_key, demonym_of)


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance, giving up (returning limit + 1) once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]
