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
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from newsdesk.corpus.corrections import ENTITY_ACTIONS, KeyIndex
from newsdesk.corpus.entities import (
    EXTRACTOR,
    POSSIBLY_SAME,
    Placed,
    StoryVotes,
    bracketed_after,
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
class Partition:
    """Each mention's part (by its (document, start, end)), and each part's mentions."""

    part_of: dict[MentionKey, str]
    mentions: dict[str, list[MentionKey]]


def partition(documents: Sequence[Document], corrections: Sequence[Correction] = ()) -> Partition:
    """The story's mentions in parts that resolution cannot link (the module says how)."""
    listed = [(d, m) for d in documents for m in d.mentions]
    keys = [(d.id, m.span.start, m.span.end) for d, m in listed]
    parts = _Parts(len(listed))
    first_with: dict[str, int] = {}
    hubs: dict[str, Hub] = defaultdict(lambda: ([], []))
    movable: dict[str, set[str]] = defaultdict(set)
    votes = StoryVotes.of(documents)
    placed = [place(document, mention, votes) for document, mention in listed]
    for number, (document, mention) in enumerate(listed):
        for key in (f"mention:{keys[number]}", *linking_keys(document, mention, placed[number])):
            parts.union(number, first_with.setdefault(key, number))
        for key, anchor in hub_keys(document, mention, placed[number]):
            hubs[key][0 if anchor else 1].append(number)
        if placed[number].kind == "deferred" and short_form_movable(mention):
            for name in _names(document, mention):
                movable[name].add(document.id)
    for key, (anchors, members) in hubs.items():
        if anchors and not key.startswith("short:"):
            for number in (*anchors, *members):
                parts.union(anchors[0], number)
    short_forms = _join_short_forms(listed, placed, hubs, movable, parts)
    while _join_first_names(listed, placed, parts) | next(short_forms):
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
    for number in range(len(listed)):
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
    listed: list[tuple[Document, Mention]],
    placed: list[Placed],
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
        acronyms = {k for a in anchors for k, _ in hub_keys(*listed[a], placed[a]) if k.startswith("initials:")}
        for initials in acronyms:
            for n in hubs.get(initials, ([], []))[0]:
                for name in _names(*listed[n]):
                    articles |= movable.get(name, set())
        if articles:
            pending[key] = (anchors, members, articles)
    signals = [n for n, (document, mention) in enumerate(listed) if organisation_signal(document, mention)]
    while True:
        roots: dict[str, set[int]] = defaultdict(set)
        for number, (document, _) in enumerate(listed):
            roots[document.id].add(parts.find(number))
        signalled = {parts.find(n) for n in signals}
        grown = False
        for anchors, members, articles in pending.values():
            longer = [n for n in members if placed[n].kind != "full" or parts.find(n) in signalled]
            if any(roots[article] & {parts.find(n) for n in longer} for article in articles):
                for number in (*anchors, *longer):
                    grown |= parts.union(anchors[0], number)
        yield grown


def _join_first_names(listed: list[tuple[Document, Mention]], placed: list[Placed], parts: _Parts) -> bool:
    """A lone first name tagged as a person goes to the one full name starting with it that has a
    mention in its article: it joins every part holding a full name of that first word whose
    surname's first three letters (the bucket its variants are merged in, and where the surnames
    that join it are found) a mention of that part in the article has. Whether any part grew."""
    starts: dict[tuple[str, str], set[int]] = defaultdict(set)
    here: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    lone = []
    for number, (document, mention) in enumerate(listed):
        root = parts.find(number)
        tokens = person_tokens(mention.text)
        if placed[number].kind == "full":
            starts[(tokens[0], name_parts(tokens).last[:3])].add(root)
        elif placed[number].kind == "deferred" and mention.label == "PERSON" and len(tokens) == 1:
            lone.append((number, document.id, tokens[0]))
        if placed[number].kind in {"full", "deferred"}:
            for bucket in _buckets(tokens):
                here[document.id][bucket].add(root)
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
    """The story's entities with each one's part, and how many parts were resolved or kept."""

    entities: list[Entity]
    parts: dict[str, str]
    resolved_parts: int
    kept_parts: int


def resolve_by_parts(
    documents: Sequence[Document],
    *,
    corrections: Sequence[Correction] = (),
    kept: Mapping[str, Sequence[Entity]] | None = None,
) -> Resolved:
    """The story's entities: those of the parts in ``kept`` (entities by part id, as stored) as they
    are, and the mentions of every other part resolved (all of them together, in one run of the
    resolver over the documents cut down to those mentions)."""
    kept = kept or {}
    found = partition(documents, corrections)
    unchanged = {part for part in found.mentions if part in kept}
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
    return Resolved(entities, parts, len(found.mentions) - len(unchanged), len(unchanged))
