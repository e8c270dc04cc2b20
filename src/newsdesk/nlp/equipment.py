"""Equipment and product designations: S-300, Buk-M2, Su-30, AK-47, MiG-29, F-16."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsdesk.model import Span

EXTRACTOR = "newsdesk.nlp.equipment.v1"
# A capitalised stem, a hyphen, then a designation that holds a digit: "Buk-2MA", "S-300", "Su-30".
_DESIGNATION = re.compile(
    r"(?<![\w-])(?P<stem>[A-Z][A-Za-z]{0,9})-(?P<model>[A-Z]{0,4}\d[A-Z0-9]{0,5}(?:-[A-Z0-9]{1,4})?)(?![\w-])"
)
# Designations that name other things: years, pandemics, groupings, ranks.
_NOT_EQUIPMENT = re.compile(
    r"^(?:COVID|Covid|G|P|BRICS|Title|Article|Section|Chapter|Level|Grade|Class|Category|Type|Phase|Stage|Round|Week|Day|No|Nr)$"
)


def find_equipment(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[Span, str]]:
    """Spans of designations in ``text[start:end]`` and their stem ("Buk" for "Buk-M2")."""
    for match in _DESIGNATION.finditer(text, start, len(text) if end is None else end):
        if _NOT_EQUIPMENT.match(match.group("stem")):
            continue
        yield Span(match.start(), match.end()), match.group("stem")
