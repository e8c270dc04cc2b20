"""Outlets: who published an article, and whose reporting it relays.

An outlet is recognised from a list of known outlets, from its shape ("... Times",
"... News"), or because the article introduces it as one ("the publication Foreign
Affairs", "the RIA Novosti news agency").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from newsdesk.model import Attributed, Span

# A name starts where a word starts and is bounded in length (no outlet's name has more than ten
# words of forty letters): a pattern that ends in a verb or designator is then tried from each
# word start over a bounded stretch, so a long run of capitals costs time in proportion to its
# length, not to its square (it once took minutes on one 50 kB word).
_WORD = r"[A-Z](?:[\w'’&/-]|\.(?=\w)){0,40}"
_NAME = rf"(?<![\w'’&/.-])(?:{_WORD}|de|del|la|le|of|the|and)(?:[ \t]+(?:{_WORD}|de|del|la|le|of|and)){{0,9}}"
_DESIGNATOR = r"(?:publication|newspaper|outlet|magazine|news agency|agency|broadcaster|news site|website|daily|weekly|tabloid|paper)"
_RELAY_VERB = (
    r"(?:reports|reported|has reported|writes|wrote|notes|noted|recalls|recalled|says|said|cites|cited|claims|claimed|"
    r"adds|added|points out|pointed out|emphasizes|emphasises|emphasized|emphasised|reveals|revealed|"
    r"quotes|quoted|states|stated|informs|informed|specifies|specified|clarifies|clarified)"
)
_SHAPE_SUFFIX = re.compile(
    r"\b(?:Times|Post|Journal|News|Herald|Tribune|Gazette|Telegraph|Guardian|Chronicle|Observer|Monitor|Express|Mirror|"
    r"Standard|Review|Magazine|Agency|Press|Weekly|Courier|Bulletin|Wire|Insider|Pravda|Gazeta)$"
)
_INTRODUCED = re.compile(
    rf"\b[Tt]he\s+{_DESIGNATOR}\s+(?P<name>{_NAME})|\b(?:[Tt]he\s+)?(?P<pre>{_NAME})\s+{_DESIGNATOR}\b"
)
_BACK_REFERENCE = re.compile(
    rf"\b[Tt]he\s+(?:media\s+)?{_DESIGNATOR}\s+{_RELAY_VERB}\b|\b[Aa]ccording to the\s+(?:media\s+)?{_DESIGNATOR}\b"
)
_TOLD = re.compile(rf"\btold\s+(?P<name>{_NAME})")
_ACCORDING = re.compile(rf"\b[Aa]ccording to\s+(?P<name>{_NAME})")
_SUBJECT_VERB = re.compile(rf"(?P<name>{_NAME}),?\s+(?:has\s+|had\s+)?{_RELAY_VERB}\b")
# "DRAVO, Valdoria (CNS) -", "DRAVO, Valdoria, April 29 (CNS) -", "April 29 (UPI) --": a wire
# agency's dateline opening a paragraph (a place in capitals, a date, or both).
_WIRE_DATELINE = re.compile(
    r"^[ \t]*(?:[A-Z][A-Z .'’-]{1,40}(?:,[ \t]*[\w .'’-]{1,40}){0,2}|[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2})"
    r"[ \t]*\((?P<name>[A-Z][\w .&/-]{0,40})\)[ \t]*[-–—]",
    re.M,
)
_TITLE_SUFFIX = re.compile(r"\s+[-–—|]\s+(?P<name>[^-–—|]{2,40})$")


@dataclass(frozen=True, slots=True)
class Gazetteer:
    canonical: dict[str, str]

    def lookup(self, name: str) -> str | None:
        return self.canonical.get(_key(name))


def _key(name: str) -> str:
    return name.strip().casefold()


@lru_cache(maxsize=1)
def known_outlets() -> Gazetteer:
    canonical: dict[str, str] = {}
    text = resources.files("newsdesk.meta").joinpath("outlets.txt").read_text(encoding="utf-8")
    for row in text.splitlines():
        if not row.strip() or row.startswith("#"):
            continue
        names = [name.strip() for name in row.split("|")]
        for name in names:
            canonical.setdefault(_key(name), names[0])
    return Gazetteer(canonical)


def _trim(name: str) -> str:
    """Drop a leading article and trailing function words the name pattern let in."""
    words = name.strip().rstrip(".,;:'’").split()
    while words and words[-1] in {"of", "the", "and", "de", "del", "la", "le"}:
        words.pop()
    return " ".join(words)


class OutletFinder:
    """Recognises outlet names in one article, learning the ones it introduces as outlets."""

    def __init__(self, text: str, body: Sequence[Span]) -> None:
        self.text = text
        self.body = body
        self.gazetteer = known_outlets()
        self.introduced: dict[str, str] = {}
        for span in body:
            for match in _INTRODUCED.finditer(text, span.start, span.end):
                name = _trim(match.group("name") or match.group("pre") or "")
                if (
                    name
                    and self._plausible_introduced(name, before=bool(match.group("pre")))
                    and not _is_preceded_by_name(text, match.start())
                ):
                    self.introduced[_key(name)] = self.canonical(name) or name

    def _plausible_introduced(self, name: str, before: bool) -> bool:
        """ "The Dutch newspaper" introduces no outlet called Dutch: a lone word before the
        designator must be a known outlet or an acronym (TASS, RT)."""
        if not name[0].isupper() or "'s" in name or "’s" in name:
            return False
        single = len(name.split()) == 1
        return not (before and single) or name.isupper() or self.gazetteer.lookup(name) is not None

    def canonical(self, name: str) -> str | None:
        """The outlet a name stands for, or None when it is not an outlet."""
        name = _trim(name)
        if not name:
            return None
        words = name.split()
        # "BBC Radio", "the BBC News website": a known outlet followed by its department.
        for size in range(len(words), 0, -1):
            known = self.gazetteer.lookup(" ".join(words[:size]))
            if known:
                return known
        introduced = self.introduced.get(_key(name))
        if introduced:
            return introduced
        if len(name.split()) >= 2 and _SHAPE_SUFFIX.search(name):
            return re.sub(r"^the\s+", "The ", name) if name.lower().startswith("the ") else name
        return None

    def _longest_outlet(self, name: str) -> tuple[str, int] | None:
        """The outlet at the end of a captured name ("Foreign Affairs" in "as Foreign Affairs").

        Returns the outlet and where it starts within ``name``; a name that continues a longer
        capitalised name ("Ministry of Foreign Affairs") is not an outlet.
        """
        words = name.split()
        for first in range(len(words)):
            candidate = " ".join(words[first:])
            outlet = self.canonical(candidate)
            if outlet:
                prefix = words[:first]
                if prefix and (
                    prefix[-1] in {"of", "and", "de", "del"}
                    or (prefix[-1][:1].isupper() and prefix[-1] not in {"As", "But", "And", "The"})
                ):
                    return None
                return outlet, len(" ".join(prefix)) + (1 if prefix else 0)
        return None

    def relays(self) -> list[Attributed]:
        """Outlets whose reporting the article passes on, each with the characters that say so."""
        found: dict[str, list[Span]] = {}
        last: str | None = None
        events: list[tuple[int, str | None, Span]] = []
        for span in self.body:
            for pattern in (_SUBJECT_VERB, _ACCORDING):
                for match in pattern.finditer(self.text, span.start, span.end):
                    hit = self._longest_outlet(match.group("name"))
                    if hit is None:
                        continue
                    outlet, shift = hit
                    start = match.start("name") + shift
                    events.append((start, outlet, Span(start, match.end())))
            for match in _BACK_REFERENCE.finditer(self.text, span.start, span.end):
                events.append((match.start(), None, Span(*match.span())))
            for match in _WIRE_DATELINE.finditer(self.text, span.start, span.end):
                name = match.group("name")
                start = match.start("name")
                events.append((start, self.canonical(name) or name, Span(start, start + len(name))))
        for _, named, evidence in sorted(events, key=lambda e: e[0]):
            if named is not None:
                last = named
            if last is not None:
                found.setdefault(last, []).append(evidence)
        return [Attributed(name, "relay", tuple(spans)) for name, spans in found.items()]

    def interviews(self) -> list[Attributed]:
        """Outlets the article's own sources spoke to ("told Al Jazeera")."""
        found: dict[str, list[Span]] = {}
        for span in self.body:
            for match in _TOLD.finditer(self.text, span.start, span.end):
                hit = self._longest_outlet(match.group("name"))
                if hit:
                    outlet, shift = hit
                    start = match.start("name") + shift
                    found.setdefault(outlet, []).append(Span(start, start + len(_trim(match.group("name"))) - shift))
        return [Attributed(name, "interviews", tuple(spans)) for name, spans in found.items()]

    def title_suffix(self, title: str, title_span: Span) -> Attributed | None:
        """``Headline - Outlet`` names the outlet that stands behind the headline."""
        match = _TITLE_SUFFIX.search(title)
        if not match:
            return None
        outlet = self.canonical(match.group("name"))
        if not outlet:
            return None
        start = title_span.start + match.start("name")
        return Attributed(outlet, "title", (Span(start, start + len(match.group("name"))),))


def _is_preceded_by_name(text: str, start: int) -> bool:
    before = text[max(0, start - 20) : start].rstrip()
    return bool(re.search(r"(?:\b[A-Z]\w*|\bof)$", before))


_NAME_FILLER = frozenset({"the", "of", "and", "a"})


def short_name_of(name: str, own: str) -> bool:
    """Whether ``name`` is a short name of the outlet ``own`` ("the Times" of "The New York Times",
    "the Post" of "The Washington Post"): its words, articles aside, end the longer name's words.
    An article that cites "the Times" while published by The New York Times quotes itself."""
    short = [w for w in name.casefold().split() if w not in _NAME_FILLER]
    full = [w for w in own.casefold().split() if w not in _NAME_FILLER]
    return bool(short) and len(short) < len(full) and full[-len(short) :] == short


def not_self(relayed: Iterable[Attributed], own: Attributed | None) -> tuple[Attributed, ...]:
    """The outlets an article relays, less its own outlet under its full or a short name (the own
    outlet given as "NYT" is known by its full name first): an article does not relay itself."""
    if own is None:
        return tuple(relayed)
    names = {own.value, known_outlets().lookup(own.value) or own.value}
    return tuple(
        item
        for item in relayed
        if item.value not in names and not any(short_name_of(item.value, name) for name in names)
    )


def pick_outlet(candidates: Iterable[Attributed], relayed: Iterable[Attributed]) -> Attributed | None:
    """The publishing outlet: the first candidate that is not an outlet the article relays."""
    relayed_names = {item.value for item in relayed}
    for candidate in candidates:
        if candidate.value not in relayed_names:
            return candidate
    return None


# Second-level labels under which a country's sites register their names ("bbc.co.uk").
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go"})


def outlet_from_url(url: str | None) -> Attributed | None:
    """The site an article was taken from, by its registered domain ("www.example.co.za/news/1"
    gives "example.co.za"), when nothing in the text names the outlet: two articles of one site
    are one outlet, never two independent sources."""
    if not url:
        return None
    from urllib.parse import urlsplit

    try:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").rstrip(".")
    except ValueError:
        return None
    labels = [label for label in host.split(".") if label]
    if len(labels) < 2 or all(label.isdigit() for label in labels):
        return None
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return Attributed(".".join(labels[-keep:]), "url")
