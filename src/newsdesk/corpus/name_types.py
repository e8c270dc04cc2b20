"""What kind of name a name usually is, from a table built from annotated news (a gazetteer).

``name_types.tsv`` counts how CoNLL-2003's annotators typed each recurring name in its *train*
split (``eval/build_name_types.py`` builds it). A name counts as known only when it was seen
often enough and nearly always typed one way: "Galatasaray" is a club, "Nicosia" a place, while
"Chicago" (a city in datelines, a team in results) is known as nothing and left to other evidence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from newsdesk.corpus.names import fold, strip_article

# The table's types and the tagger's labels they stand for.
PLACE_LABELS = ("GPE", "LOC", "FAC")
MISC_LABELS = ("NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE")
_TYPES = ("PER", "ORG", "LOC", "MISC")


@dataclass(frozen=True, slots=True)
class KnownType:
    """A name's usual type in the table (PER, ORG, LOC or MISC), with how many times it was seen
    and the share of those typed this way."""

    type: str
    seen: int
    share: float


@dataclass(frozen=True, slots=True)
class NameTypes:
    counts: dict[str, tuple[int, int, int, int]]

    def tally(self, names: Iterable[str]) -> Counter[str]:
        """The table's counts over the distinct folded forms of ``names``."""
        total: Counter[str] = Counter()
        for key in {fold(strip_article(name)) for name in names}:
            for kind, count in zip(_TYPES, self.counts.get(key, (0, 0, 0, 0)), strict=True):
                total[kind] += count
        return total

    def usual_type(self, names: Iterable[str], *, min_seen: int = 2, min_share: float = 0.8) -> KnownType | None:
        """The type these forms of one name nearly always had, or None when the table does not know
        them or they were typed several ways."""
        total = self.tally(names)
        seen = sum(total.values())
        if seen < min_seen:
            return None
        kind, count = max(total.items(), key=lambda item: (item[1], item[0]))
        share = count / seen
        return KnownType(kind, seen, share) if share >= min_share else None


@cache
def name_types() -> NameTypes:
    text = resources.files("newsdesk.corpus").joinpath("name_types.tsv").read_text(encoding="utf-8")
    counts: dict[str, tuple[int, int, int, int]] = {}
    for row in text.splitlines():
        if not row or row.startswith("#"):
            continue
        name, *numbers = row.split("\t")
        per, org, loc, misc = (int(n) for n in numbers)
        counts[name] = (per, org, loc, misc)
    return NameTypes(counts)


def tagger_label(known: KnownType, votes: dict[str, int]) -> str | None:
    """The tagger's label that the table's type stands for: the place or miscellaneous label the
    tagger used most when it used one, else the usual one; None for MISC when the tagger never
    saw a miscellaneous name there (too many kinds to guess one)."""
    if known.type == "PER":
        return "PERSON"
    if known.type == "ORG":
        return "ORG"
    group, default = (PLACE_LABELS, "GPE") if known.type == "LOC" else (MISC_LABELS, None)
    used = [label for label in group if votes.get(label)]
    return max(used, key=lambda label: votes[label]) if used else default
