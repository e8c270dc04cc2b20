"""The argument classes that decide a happening's kind (docs/EVALUATION.md, "Kinds of happening"):
noun classes of what a transfer verb hands over (``themes.txt``: an object of speech or evidence
makes "provided testimony" a statement, not a supply of goods), actors as what falls (a government
falls, a dam gives way) and legislatures as who holds a hearing (no court)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

# Verbs that name a transfer of goods only with a material object.
TRANSFER_VERBS = frozenset("supply deliver sell transfer provide ship give send hand offer furnish".split())
# Verbs and nouns of falling: a downfall only when what falls is an actor ("the government fell");
# otherwise a collapse ("the dam gave way") or, for "fall", no happening of a kind ("prices fell").
FALLING = frozenset({"fall", "collapse", "give way", "crumble"})
ACTOR = "actor"
# Nouns for those who rule or act for a state, a party or a firm.
RULERS = frozenset(
    """
    government regime administration cabinet coalition ruler dictator king queen monarch emperor president
    premier chancellor minister leader leadership junta party presidency dynasty mayor governor
    """.split()
)
# A hearing held by a legislature is an inquiry, not a court's.
HELD_BY_LEGISLATURE = frozenset({"hearing", "hearings"})
LEGISLATURE = "legislature"
LEGISLATURES = frozenset(
    """
    committee subcommittee parliament parliamentary congress congressional senate house assembly panel inquiry
    legislature legislative lawmakers legislators mps senators commission select oversight
    """.split()
)


@lru_cache(maxsize=1)
def theme_classes() -> dict[str, str]:
    """Object heads, each with the kind of happening a transfer verb names when given it."""
    classes: dict[str, str] = {}
    text = resources.files("newsdesk.nlp").joinpath("themes.txt").read_text(encoding="utf-8")
    for row in text.splitlines():
        if not row.strip() or row.startswith("#"):
            continue
        kind, _, words = row.partition(":")
        for word in words.split():
            classes.setdefault(word.lower(), kind.strip())
    return classes
