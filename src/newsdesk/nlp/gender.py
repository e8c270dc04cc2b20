"""A weak gender signal for names, so that "he" and "she" find the right antecedent.

An honorific says it (Mr. Smith, Mrs. or Ms. Jones), anywhere in the article for a surname used
alone later; else a short list of common first names. Unknown is the usual answer, and then any
person may be the antecedent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from importlib import resources

from newsdesk.model import Mention

_HONORIFIC = re.compile(r"\b(?P<title>Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady)\.?[ \xa0]+$")
_TITLES = {"mr": "m", "sir": "m", "lord": "m", "mrs": "f", "ms": "f", "miss": "f", "dame": "f", "lady": "f"}
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}


@cache
def first_names() -> dict[str, str]:
    """The first names of ``first_names.txt``: name -> "m" or "f"."""
    text = resources.files("newsdesk.nlp").joinpath("first_names.txt").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {name: gender for name, gender in rows}


def name_genders(text: str, mentions: Sequence[Mention]) -> dict[str, str]:
    """Gender of each person's name (full and surname, lower case) where the article signals one;
    a surname seen with both (Mr. and Mrs. Clinton) gets none."""
    seen: dict[str, set[str]] = {}
    for mention in mentions:
        if mention.label != "PERSON":
            continue
        words = mention.text.split()
        honorific = _HONORIFIC.search(text, max(0, mention.span.start - 6), mention.span.start)
        if honorific is not None:
            gender = _TITLES[honorific.group("title").lower()]
        elif words and words[0].rstrip(".").lower() in _TITLES:
            gender = _TITLES[words[0].rstrip(".").lower()]
        else:
            gender = first_names().get(words[0].lower(), "") if len(words) > 1 else ""
        if gender:
            for key in {mention.text.lower(), words[-1].lower()}:
                seen.setdefault(key, set()).add(gender)
    return {name: next(iter(genders)) for name, genders in seen.items() if len(genders) == 1}


def gender_of(mention: Mention, genders: dict[str, str]) -> str:
    """ "m", "f", or "" when unknown."""
    return genders.get(mention.text.lower()) or genders.get(mention.text.split()[-1].lower(), "")
