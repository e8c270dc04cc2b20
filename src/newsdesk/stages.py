"""The stage registry's shape: a stage is a name, a version, what it reads (``requires``) and what
it writes (``assigns``), and a pure function. A chain of stages is checked before it runs, the way
spaCy's ``analyze_pipes`` checks a pipeline: every name a stage requires must be assigned by an
earlier stage or be given at the start.

Two levels use it. Per-document stages (``newsdesk.pipeline``: clean, meta, time, then the spaCy
parse and what is read off it) turn one raw article into a document; story stages
(``newsdesk.corpus.stages``: entities, speaker links, story time and timeline, sources, claims)
turn the stored documents into the story's tables. Adding a stage is one module and one registration.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

# What a stage adds to (a document, a story) and what it reads besides (settings, a parse).
Item = TypeVar("Item")
Context = TypeVar("Context")


@dataclass(frozen=True, slots=True)
class Stage(Generic[Item, Context]):
    """One registered stage. ``name`` is the producing extractor recorded on what it assigns
    (``newsdesk.quotes.rules.v1``); ``version`` is the name's last part, kept apart so that a
    check can compare versions without parsing names."""

    name: str
    requires: frozenset[str]
    assigns: frozenset[str]
    run: Callable[[Item, Context], Item]

    @property
    def version(self) -> str:
        last = self.name.rsplit(".", 1)[-1]
        return last if last[:1] == "v" and last[1:].isdigit() else "v1"


def stage(
    name: str, requires: Iterable[str], assigns: Iterable[str], run: Callable[[Item, Context], Item]
) -> Stage[Item, Context]:
    return Stage(name, frozenset(requires), frozenset(assigns), run)


def check_stages(stages: Sequence[Stage[Item, Context]], given: Iterable[str]) -> frozenset[str]:
    """Fail early when a stage needs something no earlier stage assigns, or when two stages assign
    one thing (the later would silently overwrite the earlier); returns everything assigned."""
    available = set(given)
    assigned: dict[str, str] = {}
    for item in stages:
        missing = item.requires - available
        if missing:
            raise ValueError(f"stage {item.name} needs {sorted(missing)}, which no earlier stage assigns")
        for name in item.assigns:
            if name in assigned:
                raise ValueError(f"stage {item.name} assigns {name}, which stage {assigned[name]} assigns already")
            assigned[name] = item.name
        available |= item.assigns
    return frozenset(available)
