"""A rule's ``starts`` class (``grammar.rule``) must admit every character its pattern can begin
with, or it would drop matches: checked on the parsed pattern, alternative by alternative."""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as parser
from typing import Any

import pytest

from newsdesk.time.expressions import RULES
from newsdesk.time.grammar import rule

_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
# A character each category can begin with, to try against the class.
_CATEGORY_SAMPLES = {sre.CATEGORY_DIGIT: "0٣", sre.CATEGORY_SPACE: " \n", sre.CATEGORY_WORD: "a_é"}


def _first(items: Any) -> tuple[set[str], bool]:
    """The characters (samples of them) a sequence of parsed items can begin with, and whether it
    can match nothing at all."""
    found: set[str] = set()
    for op, av in items:
        chars, empty = _one(op, av)
        found |= chars
        if not empty:
            return found, False
    return found, True


def _one(op: Any, av: Any) -> tuple[set[str], bool]:
    if op is sre.LITERAL:
        return {chr(av)}, False
    if op is sre.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is sre.LITERAL:
                chars.add(chr(value))
            elif kind is sre.RANGE:
                chars |= {chr(c) for c in range(value[0], value[1] + 1)}
            elif kind is sre.CATEGORY:
                chars |= set(_CATEGORY_SAMPLES[value])
            else:
                raise AssertionError(f"no sample for {kind} in a class")
        return chars, False
    if op is sre.SUBPATTERN:
        return _first(av[3])
    if op is sre.BRANCH:
        chars, empty = set(), False
        for alternative in av[1]:
            more, none = _first(alternative)
            chars |= more
            empty = empty or none
        return chars, empty
    if op in _REPEATS:
        chars, empty = _first(av[2])
        return chars, empty or av[0] == 0
    if op in _ZERO_WIDTH:
        return set(), True
    if op is sre.CATEGORY:
        return set(_CATEGORY_SAMPLES[av]), False
    raise AssertionError(f"no first characters known for {op}")


def _checked(pattern: re.Pattern[str]) -> set[str]:
    """The first characters of the pattern behind its lead-in class, each checked against it."""
    lead, rest = pattern.pattern.split(")(?:", 1)
    starts = re.compile(f"{lead})", pattern.flags)
    chars, empty = _first(parser.parse(rest[:-1], pattern.flags).data)
    assert not empty
    missing = sorted(c for c in chars if starts.match(c) is None)
    assert missing == [], f"{pattern.pattern[:60]}: can begin with {missing}"
    return chars


@pytest.mark.parametrize("item", [r for r in RULES if r.pattern.pattern.startswith("(?=[")], ids=lambda r: r.name)
def test_starts_admit_every_first_character(item: Any) -> None:
    assert _checked(item.pattern)


def test_a_class_missing_a_first_letter_is_caught() -> None:
    # "beginning of last year" begins with "b": a class without it would lose the match.
    wrong = rule("relative-unit", r"(?:(?:the )?beginning of\s+)?last\s+year", lambda m, c: None, starts="l")
    assert wrong.pattern.search("the beginning of last year").group() == "last year"
    with pytest.raises(AssertionError, match="can begin with"):
        _checked(wrong.pattern)
