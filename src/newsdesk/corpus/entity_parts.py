"""The story's mentions in independent parts, so that a new batch re-resolves only the parts it touches.

Two mentions fall in one part when entity resolution (``corpus.entities``) could let one bear on
the other; the keys below are what the resolver compares, read from it:

- the folded surface form (the story's tag votes, names introduced as outlets, the cluster of a
  name) and an organisation's key with its state ("Norland foreign ministry");
- a state of the gazetteer (its name, demonym and seat are linked), a known or introduced outlet,
  an equipment designation (products of one stem, "Buk-M2" and "Buk-2MA", are linked across parts,
  after resolution: the link joins no mentions);
- for people: a surname as written last (a surname joins the full names ending in it; a name after
  a title makes that surname a person's), and the first three letters of a full name's surname
  (the bucket in which variants of one name are merged);
- for organisations: the words after a state's name ("customs and border protection"), one word
  deleted or left of a name of several words (spelling variants one letter apart), initials (and
  what an article writes in brackets after a name), and a short form's first word, linked only when
  some mention of that one word is tagged an organisation;
- a lone first name and the full names starting with it that have a mention in its article;
- the mentions one entity correction finds.

Resolving the mentions of any union of whole parts gives, for them, the entities that resolving
every mention gives (``tests/corpus/test_entity_parts.py`` checks it). A part's id is a digest of
its mentions and of the corrections replayed on them: a part whose id is stored with its entities
has not changed since they were resolved, so they are kept as stored.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from newsdesk.corpus.corrections import ENTITY_ACTIONS, BadCorrection, KeyIndex, parse_key
from newsdesk.corpus.entities import (
    EXTRACTOR,
    POSSIBLY_SAME,
    Placed,
    StoryVotes,
    bracketed_after,
    introduced_as_outlet,
    link_possibly_same,
    organisation_signal,
    place,
    qualified_key,
    resolve_entities,
    short_form_movable,
    state_prefixes,
    titled,
)
from newsdesk.corpus.names import acronym, fold, org_key, person_tokens, states, strip_article
from newsdesk.corpus.people import name_parts, person_shaped
from newsdesk.model import Correction, Document, Entity, Mention, make_id

# Bumped when the keys change: every stored part is then resolved again.
VERSION = "1"
MentionKey = tuple[str, int, int]
# A hub's anchors and other members, by their number in the story's order.
Hub = tuple[list[int], list[int]]


def linking_keys(document: Document, mention: Mention, placed: Placed) -> Iterator[str]:
    """The keys that link ``mention`` (put by the resolver's first pass where ``placed`` says) to
    every other mention holding one of them."""
    text = mention.text
    # The story's votes on a written form decide where each of its mentions goes.
    yield f"form:{fold(strip_article(text))}"
    if placed.kind not in {"full", "deferred"}:
        yield f"{placed.kind}:{placed.key}"
        if placed.kind in {"seat", "demonym"} and (state := states().lookup(text)) is not None:
            yield f"state:{state.state}"  # linked to the state's entity
        return
    tokens = person_tokens(text)
    if tokens and (titled(document, mention) or (mention.label in {"ORG", "NORP", "GPE"} and person_shaped(text))):
        yield f"titled:{tokens[-1]}"  # a surname after a title makes a name ending in it a person's
    if len(tokens) >= 2 and (placed.kind == "full" or len(tokens) == 2):
        yield f"ending:{' '.join(tokens[-2:])}"  # a surname of two words finds the full names ending so
    if placed.kind == "full":
        # Variants of one person's name: one surname, or two one letter apart.
        last = name_parts(tokens).last
        yield f"surname:{last}"
        if len(last) >= 6:
            yield from (f"surname:{last[:i]}{last[i + 1 :]}" for i in range(len(last)))
        return
    for name in _names(document, mention):
        yield f"name:{name}"
        if len(name.split()) >= 2:
            yield from _spelling_keys(name.split())


def hub_keys(document: Document, mention: Mention, placed: Placed) -> Iterator[tuple[str, bool]]:
    """The keys that link their mentions only when one of them is an anchor (True): a one-word
    surname (the full names whose surname it is), an acronym (the names of those initials), a name
    of several words (the same name after a state's name), a one-word name (the organisations that
    begin with that word, when the name may be an organisation's)."""
    if placed.kind not in {"full", "deferred"}:
        return
    text = mention.text
    tokens = person_tokens(text)
    names = _names(document, mention) if placed.kind == "deferred" else set()
    if placed.kind == "full":
        yield f"lone:{name_parts(tokens).last}", False
    elif len(tokens) == 1 and (text[:1].isupper() or "-" in text[:4]):
        yield f"lone:{tokens[0]}", True
    if placed.kind == "deferred":
        yield from _initials_keys(document, mention)
    for name in names:
        if len(name.split()) >= 2:
            yield f"rest:{name}", True
            for prefix in state_prefixes(name):
                yield f"rest:{name[len(prefix) + 1 :]}", False
    firsts = {name.split()[0] for name in names if len(name.split()) >= 2}
    firsts |= {tokens[0]} if len(tokens) >= 2 else set()
    firsts |= {org_key(text).split()[0]} if len(org_key(text).split()) >= 2 else set()
    yield from ((f"short:{word}", False) for word in firsts)
    yield from ((f"short:{name}", True) for name in names if len(name.split()) == 1)


def _names(document: Document, mention: Mention) -> set[str]:
    """The keys the resolver may give the mention's name cluster."""
    names = {fold(strip_article(mention.text))}
    if (qualified := qualified_key(document, mention)) is not None:
        names.add(qualified)
    return names


def _spelling_keys(words: list[str]) -> Iterator[str]:
    """Names one letter apart in one long word share a key: that word with one letter deleted (or
    none) at its place."""
    for at, word in enumerate(words):
        if len(word) < 5:
            continue
        for variant in {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}:
            yield "spelling:" + " ".join([*words[:at], f"{at}={variant}", *words[at + 1 :]])


def _initials_keys(document: Document, mention: Mention) -> Iterator[tuple[str, bool]]:
    """An acronym that may be a name cluster's (anchor), and the initials of a name of several
    words and what an article writes in brackets after a name."""
    text = mention.text
    if len(text.split()) >= 2:
        form = strip_article(text)
        words = form.split()
        yield f"initials:{acronym(form)}", False
        inside = states().lookup(re.sub(r"(?:'s|’s)$", "", words[0]))
        if inside is not None and inside.kind in {"name", "demonym"} and len(words) > 2:
            yield f"initials:{acronym(' '.join(words[1:]))}", False
    if text.isupper() and 2 <= len(text) <= 8:
        yield f"initials:{text}", True
    for short in bracketed_after(document, mention):
        yield f"initials:{short}", False


class _Parts:
    """Union-find over the mentions (numbered in the story's order)."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: int, b: int) -> bool:
        first, second = self.find(a), self.find(b)
        if first == second:
            return False
        self.parent[max(first, second)] = min(first, second)
        return True


@dataclass(frozen=True, slots=True)
class Keyed:
    """What the partition needs of one mention, worked out once (most of the partition's time) and
    stored with its part: the mention as tagged (``sig``; a stored record of another is stale), its
    votes on its written form, where the first pass puts it (``kind``), its linking and hub keys,
    the names its cluster may take, whether it may move as a short form and whether it may type a
    person's cluster an organisation."""

    key: MentionKey
    sig: tuple[str, str, str, str | None, str | None, int | None, int | None]
    form: str
    label: str
    tokens: tuple[str, ...]
    outlet: str | None  # the name, when the text introduces it as a news outlet
    titled: str | None  # the surname, when the name follows a title
    kind: str = ""
    links: tuple[str, ...] = ()
    hubs: tuple[tuple[str, bool], ...] = ()
    names: tuple[str, ...] = ()
    movable: bool = False
    signal: bool = False

    def dumps(self) -> str:
        return json.dumps([getattr(self, f.name) for f in dataclasses.fields(self)])

    @classmethod
    def loads(cls, text: str) -> Keyed:
        key, sig, form, label, tokens, outlet, titled_name, kind, links, hubs, names, movable, signal = json.loads(text)
        return cls(
            (key[0], key[1], key[2]),
            (sig[0], sig[1], sig[2], sig[3], sig[4], sig[5], sig[6]),
            form,
            label,
            tuple(tokens),
            outlet,
            titled_name,
            kind,
            tuple(links),
            tuple((k, bool(anchor)) for k, anchor in hubs),
            tuple(names),
            movable,
            signal,
        )


def _sig(mention: Mention) -> tuple[str, str, str, str | None, str | None, int | None, int | None]:
    described = mention.description
    return (
        mention.text,
        mention.label,
        mention.extractor,
        mention.role,
        mention.governor,
        described.start if described else None,
        described.end if described else None,
    )


def _voting(document: Document, mention: Mention) -> Keyed:
    """A mention's record before it is placed: what it says of its written form."""
    tokens = tuple(person_tokens(mention.text))
    return Keyed(
        (document.id, mention.span.start, mention.span.end),
        _sig(mention),
        fold(strip_article(mention.text)),
        mention.label,
        tokens,
        strip_article(mention.text) if introduced_as_outlet(document.text, mention) else None,
        tokens[-1] if tokens and titled(document, mention) else None,
    )


def _keyed(document: Document, mention: Mention, record: Keyed, votes: StoryVotes) -> Keyed:
    placed = place(document, mention, votes)
    return dataclasses.replace(
        record,
        kind=placed.kind,
        links=tuple(linking_keys(document, mention, placed)),
        hubs=tuple(hub_keys(document, mention, placed)),
        names=tuple(sorted(_names(document, mention))),
        movable=placed.kind == "deferred" and short_form_movable(mention),
        signal=organisation_signal(document, mention),
    )


def _votes(records: Iterable[Keyed]) -> StoryVotes:
    """The story's votes (``StoryVotes.of``) from its mentions' records, in the story's order."""
    surface_labels: dict[str, Counter[str]] = defaultdict(Counter)
    outlets: dict[str, str] = {}
    surnames: set[str] = set()
    for record in records:
        surface_labels[record.form][record.label] += 1
        if record.outlet is not None:
            outlets[record.form] = record.outlet
        if record.titled is not None:
            surnames.add(record.titled)
    return StoryVotes(surface_labels, outlets, frozenset(surnames))


def _mostly_person(votes: StoryVotes, form: str) -> bool:
    labels = votes.surface_labels.get(form, Counter())
    return labels["PERSON"] * 2 >= sum(labels.values())


class PartSource(Protocol):
    """Where the runs before kept the partition (the store: ``Store.entity_keys`` and the rest)."""

    def entity_key_counts(self) -> dict[str, int]:
        """How many mentions' records each document has stored."""
        ...

    def entity_keys(
        self, parts: Sequence[str] | None = None, documents: Sequence[str] | None = None
    ) -> list[tuple[str, str]]:
        """The stored records (JSON) with their parts, of those ``parts`` or ``documents``."""
        ...

    def key_parts(self, keys: Sequence[str]) -> list[tuple[str, str]]:
        """The stored parts holding each of ``keys``: (key, part)."""
        ...


def index_keys(record: Keyed) -> set[str]:
    """The keys a mention's part is found by: its linking keys, its hub keys (written with "+"
    first too where it anchors the hub), and its first name ("first:", anchored by a lone first
    name, holding the full names starting with it)."""
    found = set(record.links) | _first_keys(record)
    for key, anchor in record.hubs:
        found |= {key, f"+{key}"} if anchor else {key}
    return found


def _first_keys(record: Keyed) -> set[str]:
    first = record.tokens[0] if record.tokens else ""
    if record.kind == "full":
        return {f"first:{first}"}
    if record.kind == "deferred" and record.label == "PERSON" and len(record.tokens) == 1:
        return {f"first:{first}", f"+first:{first}"}
    return set()


def _conditional(record: Keyed) -> set[str]:
    """The keys whose parts may join when the story grows anywhere else: the short forms' hubs and
    the first names (their condition asks of the articles' other mentions)."""
    return {key for key, _ in record.hubs if key.startswith("short:")} | {
        key for key in _first_keys(record) if not key.startswith("+")
    }


@dataclass(frozen=True, slots=True)
class Keying:
    """The records of the mentions the partition is computed over, in the story's order: every
    mention's (``read`` None: none was stored, or what was stored no longer fits the story), or
    the new mentions' and those of the stored parts they may join (``read``: those parts). The
    others' parts are as stored. ``keyed``: the mentions keyed by this run."""

    records: list[Keyed]
    keyed: set[MentionKey]
    read: set[str] | None
    # The documents new to the stored partition, with the count of their mentions.
    documents: dict[str, int] = dataclasses.field(default_factory=dict)


def key_story(
    documents: Sequence[Document], source: PartSource | None = None, corrections: Sequence[Correction] = ()
) -> Keying:
    """The records of the story's mentions that a new batch may move. With the partition the runs
    before stored (``source``), only the new documents' mentions are keyed (with those whose
    placement the new votes on their written form, or a surname's new title, change); the stored
    parts they join are found by their keys and read: those holding a key of a new mention (a hub's
    key only where the hub is anchored), then, from every mention read, those holding a short
    form's or a first name's key, until none is left; and the parts of the mentions an entity
    correction may find. Every other part keeps its mentions: none of their keys meets the batch."""
    pairs = [(d, m) for d in documents for m in d.mentions]
    counts = source.entity_key_counts() if source is not None else {}
    sizes = {d.id: len(d.mentions) for d in documents}
    if source is None or not counts or any(sizes.get(doc) != count for doc, count in counts.items()):
        voting = [_voting(d, m) for d, m in pairs]
        votes = _votes(voting)
        records = [_keyed(d, m, r, votes) for (d, m), r in zip(pairs, voting, strict=True)]
        return Keying(records, {r.key for r in records}, None, {d.id: len(d.mentions) for d in documents if d.mentions})
    order = {(d.id, m.span.start, m.span.end): n for n, (d, m) in enumerate(pairs)}
    new = [(d, m) for d, m in pairs if d.id not in counts]
    voting = [_voting(d, m) for d, m in new]
    read: dict[str, list[Keyed]] = {}

    def read_parts(parts: Iterable[str]) -> set[str]:
        wanted = sorted(set(parts) - set(read))
        for part in wanted:
            read[part] = []
        for part, text in source.entity_keys(parts=wanted) if wanted else ():
            read[part].append(Keyed.loads(text))
        return set(wanted)

    person_like = {"ORG", "NORP", "GPE"}
    seeds = {f"form:{r.form}" for r in voting} | {
        f"titled:{r.tokens[-1]}"
        for r in voting
        if r.tokens and (r.titled or (r.label in person_like and person_shaped(r.sig[0])))
    }
    read_parts(part for _, part in source.key_parts(sorted(seeds)))
    corrected = sorted({_document_of(key) for c in corrections if c.action in ENTITY_ACTIONS for key in c.keys})
    read_parts(part for part, _ in source.entity_keys(documents=corrected) if corrected)
    old = sorted((r for records in read.values() for r in records), key=lambda r: order[r.key])
    before = _votes(old)
    votes = _votes(sorted([*old, *voting], key=lambda r: order[r.key]))
    changed = {
        f
        for f in {r.form for r in voting}
        if _mostly_person(before, f) != _mostly_person(votes, f)
        or before.introduced_outlets.get(f) != votes.introduced_outlets.get(f)
    }
    gained = votes.titled_surnames - before.titled_surnames
    placed_anew = [
        r for r in old if r.form in changed or (r.label in person_like and r.tokens and r.tokens[-1] in gained)
    ]
    by_doc = {d.id: d for d in documents}
    fresh = [_keyed(d, m, r, votes) for (d, m), r in zip(new, voting, strict=True)]
    fresh += [_keyed(by_doc[r.key[0]], _mention_of(by_doc[r.key[0]], r), r, votes) for r in placed_anew]
    keyed = {r.key for r in fresh}
    # Follow the keys to the parts they join.
    anchored = {key for r in fresh for key in index_keys(r) if key.startswith("+")}
    links = {key for r in fresh for key in r.links}
    hubs = {key for r in fresh for key, _ in r.hubs} | {key for r in [*fresh, *old] for key in _conditional(r)}
    seen: set[str] = set()
    while links or hubs:
        asked = sorted((links | hubs) - seen)
        seen |= links | hubs
        found: dict[str, set[str]] = defaultdict(set)
        for key, part in source.key_parts(asked + [f"+{key}" for key in asked if key in hubs]) if asked else ():
            found[key].add(part)
        joined = {part for key in asked if key in links for part in found[key]}
        joined |= {
            part for key in asked if key in hubs and (f"+{key}" in anchored or found[f"+{key}"]) for part in found[key]
        }
        links, hubs = set(), set()
        for part in read_parts(joined):
            hubs |= {key for r in read[part] for key in _conditional(r)} - seen
    kept = [r for records in read.values() for r in records if r.key not in keyed]
    added = {d.id: len(d.mentions) for d in documents if d.mentions and d.id not in counts}
    return Keying(sorted([*kept, *fresh], key=lambda r: order[r.key]), keyed, set(read), added)


def _document_of(key: str) -> str:
    """The document a correction's key names ("" when it names none)."""
    try:
        return parse_key(key)[0]
    except BadCorrection:
        return ""


def _mention_of(document: Document, record: Keyed) -> Mention:
    return next(m for m in document.mentions if (m.span.start, m.span.end) == record.key[1:] and _sig(m) == record.sig)


@dataclass(frozen=True, slots=True)
class Partition:
    """Each mention's part (by its (document, start, end)), and each part's mentions."""

    part_of: dict[MentionKey, str]
    mentions: dict[str, list[MentionKey]]


def partition(documents: Sequence[Document], corrections: Sequence[Correction] = ()) -> Partition:
    """The story's mentions in parts that resolution cannot link (the module says how)."""
    return partition_records(key_story(documents).records, corrections)


def partition_records(records: Sequence[Keyed], corrections: Sequence[Correction] = ()) -> Partition:
    """The parts of the mentions of these records (the story's, in its order)."""
    keys = [r.key for r in records]
    parts = _Parts(len(records))
    first_with: dict[str, int] = {}
    hubs: dict[str, Hub] = defaultdict(lambda: ([], []))
    movable: dict[str, set[str]] = defaultdict(set)
    for number, record in enumerate(records):
        for key in (f"mention:{record.key}", *record.links):
            parts.union(number, first_with.setdefault(key, number))
        for key, anchor in record.hubs:
            hubs[key][0 if anchor else 1].append(number)
        if record.movable:
            for name in record.names:
                movable[name].add(record.key[0])
    for key, (anchors, members) in hubs.items():
        if anchors and not key.startswith("short:"):
            for number in (*anchors, *members):
                parts.union(anchors[0], number)
    short_forms = _join_short_forms(records, hubs, movable, parts)
    while _join_first_names(records, parts) | next(short_forms):
        pass
    applied: dict[int, list[str]] = defaultdict(list)
    index = KeyIndex(keys)
    for correction in corrections:
        if correction.withdrawn or correction.action not in ENTITY_ACTIONS:
            continue
        found = sorted({number for key in correction.keys for number in index.find(key)})
        for number in found:
            parts.union(found[0], number)
        if found:
            applied[found[0]].append(correction.id)
    grouped: dict[int, list[int]] = defaultdict(list)
    for number in range(len(records)):
        grouped[parts.find(number)].append(number)
    by_root: dict[int, list[str]] = defaultdict(list)
    for number, ids in applied.items():
        by_root[parts.find(number)] += ids
    part_of: dict[MentionKey, str] = {}
    mentions: dict[str, list[MentionKey]] = {}
    for root, numbers in grouped.items():
        found_keys = sorted({keys[number] for number in numbers})
        part = make_id("p", EXTRACTOR, VERSION, *found_keys, *sorted(by_root[root]))
        mentions[part] = found_keys
        for mention_key in found_keys:
            part_of[mention_key] = part
    return Partition(part_of, mentions)


def _join_short_forms(
    records: Sequence[Keyed],
    hubs: Mapping[str, Hub],
    movable: Mapping[str, set[str]],
    parts: _Parts,
) -> Iterator[bool]:
    """Each time it is asked, links the hubs of one-word names whose mentions may move now: a short
    form moves only in an article that names its organisation too, so a hub links once an article
    holding a movable mention of the one-word name (``movable``: the articles by name; or of an
    acronym that joins it first, "Newcastle (S&N)") holds a mention of a part of the hub's longer
    names. A person's full name counts among those only in a part with a mention that may make it an
    organisation's (``organisation_signal``): the others are never a short form's organisation.
    Yields whether any part grew."""
    pending: dict[str, tuple[list[int], list[int], set[str]]] = {}
    for key, (anchors, members) in hubs.items():
        if not key.startswith("short:") or not anchors:
            continue
        articles = set(movable.get(key.removeprefix("short:"), set()))
        acronyms = {k for a in anchors for k, _ in records[a].hubs if k.startswith("initials:")}
        for initials in acronyms:
            for n in hubs.get(initials, ([], []))[0]:
                for name in records[n].names:
                    articles |= movable.get(name, set())
        if articles:
            pending[key] = (anchors, members, articles)
    signals = [n for n, record in enumerate(records) if record.signal]
    while True:
        roots: dict[str, set[int]] = defaultdict(set)
        for number, record in enumerate(records):
            roots[record.key[0]].add(parts.find(number))
        signalled = {parts.find(n) for n in signals}
        grown = False
        for anchors, members, articles in pending.values():
            longer = [n for n in members if records[n].kind != "full" or parts.find(n) in signalled]
            if any(roots[article] & {parts.find(n) for n in longer} for article in articles):
                for number in (*anchors, *longer):
                    grown |= parts.union(anchors[0], number)
        yield grown


def _join_first_names(records: Sequence[Keyed], parts: _Parts) -> bool:
    """A lone first name tagged as a person goes to the one full name starting with it that has a
    mention in its article: it joins every part holding a full name of that first word whose
    surname's first three letters (the bucket its variants are merged in, and where the surnames
    that join it are found) a mention of that part in the article has. Whether any part grew."""
    starts: dict[tuple[str, str], set[int]] = defaultdict(set)
    here: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    lone = []
    for number, record in enumerate(records):
        root = parts.find(number)
        tokens = list(record.tokens)
        if record.kind == "full":
            starts[(tokens[0], name_parts(tokens).last[:3])].add(root)
        elif record.kind == "deferred" and record.label == "PERSON" and len(tokens) == 1:
            lone.append((number, record.key[0], tokens[0]))
        if record.kind in {"full", "deferred"}:
            for bucket in _buckets(tokens):
                here[record.key[0]][bucket].add(root)
    grown = False
    for number, article, first in lone:
        for bucket, roots in here[article].items():
            for root in sorted(roots & starts.get((first, bucket), set())):
                grown |= parts.union(number, root)
    return grown


def _buckets(tokens: list[str]) -> set[str]:
    """The surname buckets a mention of these tokens may be counted in."""
    if not tokens:
        return set()
    found = {tokens[-1][:3], name_parts(tokens).last[:3]}
    return found | {tokens[0][:3]} if len(tokens) == 2 else found


@dataclass(frozen=True, slots=True)
class Resolved:
    """The story's entities with each one's part, how many parts were resolved or kept, the
    records of the mentions partitioned again with their parts, which mentions this run keyed
    (the others' records were stored) and which stored parts it read (None: every part made anew)."""

    entities: list[Entity]
    parts: dict[str, str]
    resolved_parts: int
    kept_parts: int
    records: list[tuple[str, Keyed]] = dataclasses.field(default_factory=list)
    keyed: set[MentionKey] = dataclasses.field(default_factory=set)
    read: set[str] | None = None
    documents: dict[str, int] = dataclasses.field(default_factory=dict)

    def changed_records(self) -> tuple[set[str] | None, list[tuple[str, Keyed]], list[tuple[str, str]]]:
        """What to store of the partition (with ``documents``, those new to it): the parts whose
        stored records and keys go (None: all), the records to write (of the parts made anew, and
        of those holding a mention keyed anew) and their parts' keys."""
        now = {part for part, _ in self.records}
        if self.read is None:
            written = now
        else:
            written = (now - self.read) | {part for part, record in self.records if record.key in self.keyed}
        records = [(part, record) for part, record in self.records if part in written]
        keys = sorted({(key, part) for part, record in records for key in index_keys(record)})
        gone = None if self.read is None else (self.read - now) | written
        return gone, records, keys


def resolve_by_parts(
    documents: Sequence[Document],
    *,
    corrections: Sequence[Correction] = (),
    kept: Mapping[str, Sequence[Entity]] | None = None,
    source: PartSource | None = None,
) -> Resolved:
    """The story's entities: those of the parts in ``kept`` (entities by part id, as stored) as they
    are, and the mentions of every other part resolved (all of them together, in one run of the
    resolver over the documents cut down to those mentions). With the partition the runs before
    stored (``source``), only the parts a new batch may join are partitioned again (``key_story``);
    the others, and their entities in ``kept``, are as stored."""
    kept = kept or {}
    keying = key_story(documents, source, corrections)
    found = partition_records(keying.records, corrections)
    untouched = set(kept) - keying.read if keying.read is not None else set()
    unchanged = {part for part in found.mentions if part in kept} | untouched
    stale = {key for key, part in found.part_of.items() if part not in unchanged}
    cut = [
        dataclasses.replace(d, mentions=tuple(m for m in d.mentions if (d.id, m.span.start, m.span.end) in stale))
        for d in documents
    ]
    resolved = resolve_entities([d for d in cut if d.mentions], corrections=corrections)
    parts = {
        e.id: found.part_of[(e.mentions[0].doc, e.mentions[0].span.start, e.mentions[0].span.end)] for e in resolved
    }
    entities = list(resolved)
    for part in sorted(unchanged):
        for entity in kept[part]:
            entities.append(entity)
            parts[entity.id] = part
    # Which products may be the same is asked across parts (a stem is no link between mentions).
    entities = [
        dataclasses.replace(e, links=tuple(link for link in e.links if link.relation != POSSIBLY_SAME))
        for e in entities
    ]
    link_possibly_same(entities)
    records = [(found.part_of[r.key], r) for r in keying.records]
    return Resolved(
        entities,
        parts,
        len(found.mentions) - len(unchanged & set(found.mentions)),
        len(unchanged),
        records,
        keying.keyed,
        keying.read,
        keying.documents,
    )


class StoredPartition:
    """A partition kept in memory as the store keeps it (``PartSource``), counting the parts read:
    what the tests and benches give ``resolve_by_parts`` in place of a store."""

    def __init__(self) -> None:
        self.records: dict[str, list[tuple[str, Keyed]]] = {}
        self.keys: dict[str, set[str]] = defaultdict(set)
        self.documents: dict[str, int] = {}
        self.parts_read: set[str] = set()

    def store(self, resolved: Resolved) -> None:
        gone, records, keys = resolved.changed_records()
        if gone is None:
            gone = set(self.records)
            self.documents = {}
        self.documents.update(resolved.documents)
        for part in gone:
            self.records.pop(part, None)
        for key in self.keys:
            self.keys[key] -= gone
        for part, record in records:
            self.records.setdefault(part, []).append((part, record))
        for key, part in keys:
            self.keys[key].add(part)

    def entity_key_counts(self) -> dict[str, int]:
        return dict(self.documents)

    def entity_keys(
        self, parts: Sequence[str] | None = None, documents: Sequence[str] | None = None
    ) -> list[tuple[str, str]]:
        chosen = set(self.records) if parts is None else set(parts) & set(self.records)
        if parts is not None:
            self.parts_read |= chosen
        found = [(p, r) for part in sorted(chosen) for p, r in self.records[part]]
        return [(p, r.dumps()) for p, r in found if documents is None or r.key[0] in documents]

    def key_parts(self, keys: Sequence[str]) -> list[tuple[str, str]]:
        return [(key, part) for key in keys for part in sorted(self.keys.get(key, ()))]
