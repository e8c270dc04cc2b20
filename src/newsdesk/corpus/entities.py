"""Resolve the mentions of all articles into the story's entities (a corpus stage, pure).

Evidence, not strings alone, decides: a surname joins the full name introduced in the story
(the one in the same article, nearest before it, when two people share it); accents, titles,
possessives and acronyms are folded; a capital used as the subject or owner of an action stands
for its government; a demonym is linked to its state without being merged into it; two
designations of one stem ("Buk-M2", "Buk-2MA") are linked as possibly the same.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsdesk.corpus.corrections import KeyIndex
from newsdesk.corpus.name_types import name_types, tagger_label
from newsdesk.corpus.names import (
    SUPRANATIONAL,
    acronym,
    edit_distance,
    fold,
    org_key,
    person_tokens,
    states,
    strip_article,
)
from newsdesk.corpus.people import PersonIndex, descriptor_extension, honorific_gender, looks_like_a_person
from newsdesk.meta.outlets import known_outlets
from newsdesk.model import (
    Correction,
    CorrectionAction,
    Document,
    Entity,
    EntityLink,
    EntityMention,
    Evidence,
    Mention,
    line_of,
    make_id,
)
from newsdesk.nlp.equipment import EXTRACTOR as EQUIPMENT
from newsdesk.nlp.roles import ORG_NAME_WORDS, ORG_NOUNS, TITLES, head_noun

EXTRACTOR = "newsdesk.corpus.entities.v1"
POSSIBLY_SAME = "possibly-same"
# Verbs whose subject is someone: a tagger's ORG that "said" or "fled" is a person when it also
# has a person's name shape.
_PERSON_VERBS = frozenset(
    "say tell add write argue believe warn claim insist note suggest explain ask answer flee topple kill "
    "meet visit urge comment deny admit describe recall complain boast praise".split()
)
_PLACE_PREPOSITIONS = frozenset("in to from at near into inside outside across around via through".split())
_COUNTERPART_PREPOSITIONS = frozenset("with against toward towards by".split())
_GOVERNMENT_ROLES = frozenset({"nsubj", "nsubjpass", "poss", "agent", "compound"})
_QUALIFIER = re.compile(r"(?P<word>[A-Z][\w.]*?)(?:'s|’s)?\s+$")


@dataclass
class _Cluster:
    kind: str  # person | unresolved | state | demonym | seat | outlet | name | product
    key: str
    mentions: list[tuple[Document, Mention]] = field(default_factory=list)
    name: str | None = None
    links: list[EntityLink] = field(default_factory=list)

    @property
    def labels(self) -> Counter[str]:
        return Counter(m.label for _, m in self.mentions)


def resolve_entities(documents: Sequence[Document], *, corrections: Sequence[Correction] = ()) -> list[Entity]:
    """The story's entities; ``corrections`` are the analysts' merges and splits, replayed last
    in the order made (the other kinds of correction are ignored here)."""
    clusters: dict[tuple[str, str], _Cluster] = {}
    people = PersonIndex()
    deferred: list[tuple[Document, Mention]] = []

    def add(kind: str, key: str, document: Document, mention: Mention, name: str | None = None) -> None:
        cluster = clusters.setdefault((kind, key), _Cluster(kind, key, name=name))
        cluster.mentions.append((document, mention))

    votes = StoryVotes.of(documents)
    # Pass 1: names that carry their own identity.
    for document in documents:
        for mention in document.mentions:
            placed = place(document, mention, votes)
            if placed.kind == "full":
                people.add_full(document, mention)
            elif placed.kind == "deferred":
                deferred.append((document, mention))
            else:
                add(placed.kind, placed.key, document, mention, name=placed.name)

    people.merge_variants()
    # Pass 2: surnames join a full name; the rest cluster by their own key.
    for document, mention in deferred:
        is_titled = titled(document, mention)
        person = people.resolve_surname(document, mention)
        if person == "?" and (mention.label == "PERSON" or votes.mostly_person(mention) or is_titled):
            people.add_unresolved(document, mention)
        elif person is not None and person != "?":
            people.full[person].append((document, mention))
        elif mention.label == "PERSON" and (first := people.resolve_first_name(document, mention)) is not None:
            people.full[first].append((document, mention))
        elif is_titled or (
            mention.label == "PERSON"
            and votes.mostly_person(mention)
            and ("name", fold(strip_article(mention.text))) not in clusters
        ):
            people.add_alone(document, mention)
        elif (qualified := qualified_key(document, mention)) is not None:
            add("name", qualified, document, mention)
        else:
            # The tag is only a vote: "Kelmi" as ORG here and GPE there is one place.
            add("name", fold(strip_article(mention.text)), document, mention)

    for index_key, group in people.groups():
        if index_key.startswith("unresolved "):
            clusters[("person", index_key)] = _Cluster("unresolved", index_key, mentions=group)
            continue
        key = " ".join(person_tokens(group[0][1].text))
        clusters[("person", key)] = _Cluster("person", key, mentions=group)
    _merge_spelling_variants(clusters)
    _merge_country_prefixes(clusters)
    _merge_acronyms(clusters)
    _merge_short_forms(clusters)
    _apply_corrections(clusters, corrections)
    return _entities(clusters)


@dataclass(frozen=True, slots=True)
class StoryVotes:
    """What the whole story says of a written form, which decides where each of its mentions goes."""

    # How the tagger labelled each surface form across the story: a two-word name tagged PERSON
    # once but GPE five times ("Sri Lanka") is not a person's full name.
    surface_labels: dict[str, Counter[str]]
    # A name the story introduces as a news outlet ("the news agency Notimex") is one everywhere.
    introduced_outlets: dict[str, str]
    # Surnames the story writes after a title ("Mr Senanayake"): whatever the tagger said, a name
    # ending in one is a person's.
    titled_surnames: frozenset[str]

    @classmethod
    def of(cls, documents: Sequence[Document]) -> StoryVotes:
        surface_labels: dict[str, Counter[str]] = defaultdict(Counter)
        for document in documents:
            for mention in document.mentions:
                surface_labels[fold(strip_article(mention.text))][mention.label] += 1
        introduced_outlets = {
            fold(strip_article(m.text)): strip_article(m.text)
            for document in documents
            for m in document.mentions
            if introduced_as_outlet(document.text, m)
        }
        titled_surnames = frozenset(
            person_tokens(m.text)[-1] for d in documents for m in d.mentions if titled(d, m) and person_tokens(m.text)
        )
        return cls(surface_labels, introduced_outlets, titled_surnames)

    def mostly_person(self, mention: Mention) -> bool:
        labels = self.surface_labels[fold(strip_article(mention.text))]
        return labels["PERSON"] * 2 >= sum(labels.values())


@dataclass(frozen=True, slots=True)
class Placed:
    """Where the first pass puts a mention: a cluster of its own identity (``kind`` product, state,
    demonym, seat or outlet, with its ``key``), a person's full name ("full"), or nowhere yet
    ("deferred": a surname, a first name or a name of its own, decided by the second pass)."""

    kind: str
    key: str = ""
    name: str | None = None


def place(document: Document, mention: Mention, votes: StoryVotes) -> Placed:
    """The first pass for one mention: names that carry their own identity."""
    # "Victoria" or "Georgia" tagged as a person, and mostly so, is a person, not a state.
    state = None if mention.label == "PERSON" and votes.mostly_person(mention) else states().lookup(mention.text)
    outlet = (
        known_outlets().lookup(strip_article(mention.text))
        or known_outlets().lookup(mention.text)
        or votes.introduced_outlets.get(fold(strip_article(mention.text)))
    )
    if (product := product_key(mention)) is not None:
        return Placed("product", product)
    if state is not None and (state.kind != "demonym" or mention.label == "NORP"):
        kind = {"name": "state", "demonym": "demonym", "seat": "seat"}[state.kind]
        key = state.state if kind != "seat" else fold(strip_article(mention.text))
        return Placed(kind, key, state.state if kind == "state" else None)
    if outlet is not None:
        return Placed("outlet", outlet, outlet)
    if mention.label == "PERSON" and len(person_tokens(mention.text)) >= 2 and votes.mostly_person(mention):
        return Placed("full")
    if (
        mention.label in {"ORG", "NORP", "GPE"}
        and looks_like_a_person(mention.text, votes.titled_surnames)
        and not _known_other(mention)
    ):
        # "Natalia Voronova" tagged as an organisation: a first name says who it is.
        return Placed("full")
    return Placed("deferred")


def product_key(mention: Mention) -> str | None:
    """The key of an equipment designation ("Buk-M2"), or None when the mention is none."""
    if mention.extractor == EQUIPMENT or (mention.label == "PRODUCT" and re.search(r"\d", mention.text)):
        return fold(mention.text).replace(" ", "-")
    return None


def _apply_corrections(clusters: dict[tuple[str, str], _Cluster], corrections: Sequence[Correction]) -> None:
    """An analyst's merge makes one cluster of every cluster holding one of its mentions (the
    largest keeps its key, so its id); a split moves its mentions into a cluster of their own,
    keyed by the correction. Mentions no longer found are passed over."""
    for correction in corrections:
        if correction.withdrawn or correction.action not in (
            CorrectionAction.ENTITIES_MERGE,
            CorrectionAction.ENTITIES_SPLIT,
        ):
            continue
        keys = list(clusters)
        where = [(key, pair) for key in keys for pair in clusters[key].mentions]
        index = KeyIndex((d.id, m.span.start, m.span.end) for _, (d, m) in where)
        found = sorted({i for key in correction.keys for i in index.find(key)})
        holding = sorted({where[i][0] for i in found}, key=lambda k: (-len(clusters[k].mentions), k))
        if correction.action is CorrectionAction.ENTITIES_MERGE:
            for other in holding[1:]:
                clusters[holding[0]].mentions.extend(clusters.pop(other).mentions)
        elif found:
            moved = [where[i][1] for i in found]
            gone = {id(pair) for pair in moved}
            for key in holding:
                clusters[key].mentions = [pair for pair in clusters[key].mentions if id(pair) not in gone]
                if not clusters[key].mentions:
                    del clusters[key]
            key = ("name", f"split:{correction.id}")
            clusters[key] = _Cluster("name", key[1], mentions=moved)


def _merge_short_forms(clusters: dict[tuple[str, str], _Cluster]) -> None:
    """'Norvale' joins 'Norvale Hydro' when that is the only organisation of the story the word
    begins (in any of its written forms) and the word is tagged as an organisation, in the articles
    that use both."""
    organisations: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, cluster in clusters.items():
        if cluster.kind in {"name", "person"} and len(key[1].split()) >= 2 and _type_of(cluster)[0] == "ORG":
            firsts = {org_key(m.text).split()[0] for _, m in cluster.mentions if len(org_key(m.text).split()) >= 2}
            for first in firsts | {key[1].split()[0]}:
                organisations[first].append(key)
    for key, cluster in list(clusters.items()):
        words = key[1].split()
        targets = organisations.get(words[0], []) if len(words) == 1 and cluster.kind == "name" else []
        if len(targets) != 1:
            continue
        full = clusters[targets[0]]
        # Only in articles that use the full name too: elsewhere the word may be something else.
        shared = {d.id for d, _ in full.mentions}
        moved = [(d, m) for d, m in cluster.mentions if d.id in shared and short_form_movable(m)]
        if moved:
            full.mentions.extend(moved)
            cluster.mentions = [pair for pair in cluster.mentions if pair not in moved]
            if not cluster.mentions:
                del clusters[key]


def short_form_movable(mention: Mention) -> bool:
    """A one-word name's mention that may join the organisation it is the short form of: tagged an
    organisation, and not the object of a place's preposition ("in Norvale")."""
    return mention.label == "ORG" and not (mention.role == "pobj" and mention.governor in _PLACE_PREPOSITIONS)


def _merge_spelling_variants(clusters: dict[tuple[str, str], _Cluster]) -> None:
    """Two organisation names of the same words but one letter in one long word ("Pueblo Sin
    Fronteras", "Pueblos Sin Fronteras") are one organisation, when no third name is as close."""
    names = [key for key, c in clusters.items() if c.kind == "name" and len(key[1].split()) >= 2]
    by_shape: dict[tuple[int, str], list[tuple[str, str]]] = defaultdict(list)
    for key in names:
        by_shape[(len(key[1].split()), key[1].split()[-1][:2])].append(key)
    for group in by_shape.values():
        for key in sorted(group, key=lambda k: (-len(clusters[k].mentions) if k in clusters else 0, k[1])):
            if key not in clusters or _type_of(clusters[key])[0] != "ORG":
                continue
            close = [o for o in group if o != key and o in clusters and _one_letter_apart(key[1], o[1])]
            if len(close) == 1 and _type_of(clusters[close[0]])[0] == "ORG":
                clusters[key].mentions.extend(clusters.pop(close[0]).mentions)


def _one_letter_apart(a: str, b: str) -> bool:
    pairs = [(x, y) for x, y in zip(a.split(), b.split(), strict=True) if x != y]
    return len(pairs) == 1 and min(len(pairs[0][0]), len(pairs[0][1])) >= 5 and edit_distance(*pairs[0], 1) <= 1


def _merge_country_prefixes(clusters: dict[tuple[str, str], _Cluster]) -> None:
    """'Customs and Border Protection' joins 'U.S. Customs and Border Protection' when that is the
    only country's version of the name in the story. A name of two words ("Foreign Ministry",
    "Supreme Court") is generic: it joins only in articles that also name the country's version."""
    qualified: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in clusters:
        if key[0] != "name":
            continue
        for state in state_prefixes(key[1]):
            qualified[key[1][len(state) + 1 :]].append(key)
    for key, cluster in list(clusters.items()):
        targets = qualified.get(key[1], []) if key[0] == "name" and len(key[1].split()) >= 2 else []
        if len(targets) != 1 or targets[0] == key:
            continue
        full = clusters[targets[0]]
        if len(key[1].split()) >= 3:
            moved = cluster.mentions
        else:
            documents = {d.id for d, _ in full.mentions}
            moved = [(d, m) for d, m in cluster.mentions if d.id in documents]
        full.mentions.extend(moved)
        cluster.mentions = [pair for pair in cluster.mentions if pair not in moved]
        if not cluster.mentions:
            del clusters[key]


def state_prefixes(key: str) -> list[str]:
    """The state names a cluster key begins with ("United States customs and border protection")."""
    words = key.split()
    found = []
    for size in (1, 2, 3):
        head = " ".join(words[:size])
        state = states().lookup(head) if len(words) > size + 1 else None
        if state is not None and state.kind == "name" and head == state.state:
            found.append(head)
    return found


_OUTLET_WORDS = r"(?:news agency|wire service|newspaper|broadcaster|news outlet|news site|news channel|TV channel)"
_OUTLET_BEFORE = re.compile(rf"\b{_OUTLET_WORDS},?\s+$", re.I)
_OUTLET_AFTER = re.compile(rf"\s+{_OUTLET_WORDS}\b", re.I)


def introduced_as_outlet(text: str, mention: Mention) -> bool:
    """ "the Mexican news agency Notimex", "Notimex news agency": the text says it is an outlet."""
    return bool(
        _OUTLET_BEFORE.search(text[max(0, mention.span.start - 40) : mention.span.start])
        or _OUTLET_AFTER.match(text, mention.span.end)
    )


def titled(document: Document, mention: Mention) -> bool:
    """The name follows or opens with an honorific: "Mr Senanayake", "Ms. Ortiz"."""
    return mention.text[:1].isupper() and bool(honorific_gender(document, mention))


def _acronym_in_prose(document: Document, mention: Mention) -> bool:
    text = mention.text
    if not (2 <= len(text) <= 6 and text.isalpha() and text.isupper()):
        return False
    line = line_of(document.text, mention.span.start).of(document.text)
    return not line.isupper()


def _known_other(mention: Mention) -> bool:
    """The name table knows this name as something other than a person ("Sheffield Wednesday")."""
    known = name_types().usual_type([mention.text])
    return known is not None and known.type != "PER"


def qualified_key(document: Document, mention: Mention) -> str | None:
    """The key of an organisation's name of several words, with the state it belongs to (None for
    a name of one word, in capitals, or not tagged an organisation or a facility)."""
    if mention.label in {"ORG", "FAC"} and not mention.text.isupper() and len(mention.text.split()) > 1:
        qualifier, name = qualified_name(document, mention)
        return f"{qualifier} {org_key(name)}".strip()
    return None


def qualified_name(document: Document, mention: Mention) -> tuple[str, str]:
    """The state an organisation belongs to and its name without it: "the Norlandic Foreign Ministry"
    and "Norland's Ministry of Foreign Affairs" are both (Norland, Foreign Ministry)."""
    words = strip_article(mention.text).split()
    inside = states().lookup(re.sub(r"(?:'s|’s)$", "", words[0])) if len(words) > 1 else None
    if inside is not None and inside.kind in {"name", "demonym"}:
        return inside.state, " ".join(words[1:])
    before = document.text[max(0, mention.span.start - 30) : mention.span.start]
    match = _QUALIFIER.search(before)
    found = states().lookup(match.group("word")) if match else None
    return (found.state if found and found.kind in {"name", "demonym"} else ""), mention.text


def _merge_acronyms(clusters: dict[tuple[str, str], _Cluster]) -> None:
    """'NDSO' joins the organisation the story defines it for ("National Dam Safety Office (NDSO)"),
    else the one organisation whose name, with or without its country ("U.S. Customs and Border
    Protection"), has those initials."""
    by_initials: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for key, cluster in clusters.items():
        if key[0] != "name":
            continue
        for form in {strip_article(m.text) for _, m in cluster.mentions if len(m.text.split()) >= 2}:
            words = form.split()
            by_initials[acronym(form)].add(key)
            inside = states().lookup(re.sub(r"(?:'s|’s)$", "", words[0]))
            if inside is not None and inside.kind in {"name", "demonym"} and len(words) > 2:
                by_initials[acronym(" ".join(words[1:]))].add(key)
    # Which clusters write which text in brackets after a name: only those are checked for an
    # acronym, instead of every mention of the story for each acronym (most of the stage's time).
    order = {key: number for number, key in enumerate(clusters)}
    bracketed: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for key, cluster in clusters.items():
        for document, mention in cluster.mentions if key[0] == "name" else ():
            for short in bracketed_after(document, mention):
                bracketed[short].add(key)
    for key, cluster in list(clusters.items()):
        text = cluster.mentions[0][1].text
        if key[0] != "name" or not (text.isupper() and 2 <= len(text) <= 8):
            continue
        defined = sorted(
            (k for k in bracketed.get(text, ()) if k != key and k in clusters and _spelled_out(clusters[k], text)),
            key=order.__getitem__,
        )
        candidates = defined or [k for k in sorted(by_initials.get(text, ())) if k != key]
        if len(candidates) == 1:
            clusters[candidates[0]].mentions.extend(cluster.mentions)
            for document, mention in cluster.mentions:
                for short in bracketed_after(document, mention):
                    bracketed[short].add(candidates[0])
            del clusters[key]


def bracketed_after(document: Document, mention: Mention) -> set[str]:
    """Each text of 2 to 8 characters that ``_spelled_out`` finds in brackets right after the
    mention ("General Motors (GM)" gives "GM")."""
    end = mention.span.end
    if "(" not in document.text[end : end + 14]:
        return set()
    found = set()
    for size in range(2, 9):
        match = re.match(rf"\s*\(\s*(.{{{size}}})\s*\)", document.text[end : end + size + 6], re.DOTALL)
        if match:
            found.add(match.group(1))
    return found


def _spelled_out(cluster: _Cluster, short: str) -> bool:
    """Some article writes the full name with the acronym right after it: 'General Motors (GM)'."""
    return any(
        re.match(
            rf"\s*\(\s*{re.escape(short)}\s*\)", document.text[mention.span.end : mention.span.end + len(short) + 6]
        )
        for document, mention in cluster.mentions
    )


def _entities(clusters: dict[tuple[str, str], _Cluster]) -> list[Entity]:
    ids = {key: _entity_id(key) for key in clusters}
    state_ids = {c.key: ids[k] for k, c in clusters.items() if c.kind == "state"}
    entities = []
    for key, cluster in clusters.items():
        entity_type, why, votes = _type_of(cluster)
        mentions = tuple(
            EntityMention(doc.id, m.span, m.text, _sense(cluster, m))
            for doc, m in sorted(cluster.mentions, key=lambda p: (p[0].id, p[1].span.start))
        )
        links = _links(cluster, mentions, state_ids)
        descriptions = _descriptions(cluster) if entity_type in {"PERSON", "ORG"} else ()
        description = _best(descriptions)
        entities.append(
            Entity(
                id=ids[key],
                name=cluster.name or _canonical_name(cluster),
                type=entity_type,
                mentions=mentions,
                description=description[0] if description else None,
                description_evidence=description[1] if description else None,
                descriptions=descriptions,
                type_votes=tuple(sorted(votes.items())),
                type_why=why,
                links=links,
                extractor=EXTRACTOR,
            )
        )
    link_possibly_same(entities)
    return sorted(entities, key=lambda e: (-len(e.mentions), e.name))


def _entity_id(key: tuple[str, str]) -> str:
    return make_id("e", key[0], key[1])


def _type_of(cluster: _Cluster) -> tuple[str, str, dict[str, int]]:
    votes = dict(cluster.labels)
    if cluster.kind == "state":
        return ("ORG" if cluster.key in SUPRANATIONAL else "GPE"), "a state or union of states (gazetteer)", votes
    if cluster.kind == "demonym":
        return "NORP", "a demonym (gazetteer)", votes
    if cluster.kind == "outlet":
        return "ORG", "a news outlet (gazetteer)", votes
    if cluster.kind == "product":
        return "PRODUCT", "an equipment designation", votes
    if cluster.kind == "unresolved":
        return "PERSON", "a surname several people of the story share: not resolved to one of them", votes
    organisation = _organisation_evidence(cluster)
    if organisation and cluster.kind in {"person", "name"}:
        return "ORG", organisation, {**votes, "ORG (evidence)": 1}
    speaks = any(m.governor in _PERSON_VERBS and m.role in {"nsubj", "nsubjpass"} for _, m in cluster.mentions)
    if cluster.kind == "person" and all(_acronym_in_prose(d, m) for d, m in cluster.mentions):
        # "BAA said": a word in capitals amid lower-case prose is an organisation's initials.
        return "ORG", "an acronym, not a person's name", votes
    # A person's full name decides, not the surname alone ("Lewis Moody" is no rating agency).
    full_forms = [m.text for _, m in cluster.mentions if len(person_tokens(m.text)) >= 2]
    forms = full_forms if cluster.kind == "person" and full_forms else [m.text for _, m in cluster.mentions]
    known = name_types().usual_type(forms) if cluster.kind in {"person", "name"} else None
    label = tagger_label(known, votes) if known else None
    placed = any(v in votes for v in ("GPE", "LOC", "FAC")) and any(
        m.role == "pobj" and m.governor in _PLACE_PREPOSITIONS for _, m in cluster.mentions
    )
    if label in {"PERSON", "ORG"} and placed:
        label = None  # "in Essex": the story uses it as a place, whatever the name usually is
    if cluster.kind == "person" and (label is None or label == "PERSON"):
        # Story evidence first; the table decides only a name it knows as something else
        # ("Sheffield Wednesday" looks like a first name and a surname).
        if any(len(person_tokens(m.text)) >= 2 for _, m in cluster.mentions):
            return "PERSON", "has a first name in the story", votes
        if speaks:
            return "PERSON", "acts as a person (said, fled, ...)", votes
    if cluster.kind == "person" and any(titled(d, m) for d, m in cluster.mentions):
        return "PERSON", "written after a title (Mr, Mrs, Ms, ...)", votes
    if known and label:
        why = f"usually a {known.type} name ({known.share:.0%} of {known.seen} in annotated news)"
        return label, why, {**votes, f"{label} (gazetteer)": known.seen}
    if cluster.kind == "person":
        if speaks or votes.get("PERSON", 0) * 2 >= sum(votes.values()):
            return "PERSON", "majority of tags" if not speaks else "acts as a person (said, fled, ...)", votes
    if (
        cluster.kind == "name"
        and len(cluster.key.split()) >= 2
        and not any(label in votes for label in ("ORG", "GPE", "LOC", "FAC", "NORP"))
        and any(m.governor in _PERSON_VERBS and m.role in {"nsubj", "nsubjpass"} for _, m in cluster.mentions)
    ):
        # "Hanna Notte ... said": a two-word name the tagger took for a title acts as a person.
        return "PERSON", "acts as a person (said, fled, ...)", votes
    if cluster.kind == "seat":
        return max(votes, key=lambda label: (votes[label], label == "GPE")), "place of government (gazetteer)", votes
    # "in Kelmi", "from Dravo" count for a place only when the tagger saw a place there at least once:
    # "at Edward D. Jones & Co" stays a company.
    place_tagged = any(label in votes for label in ("GPE", "LOC", "FAC"))
    places = place_tagged * sum(
        1 for _, m in cluster.mentions if m.role == "pobj" and m.governor in _PLACE_PREPOSITIONS
    )
    tally = dict(votes)
    if places:
        # "in Kelmi", "from Dravo": used as a place, whatever the tagger said.
        place = max(
            (label for label in votes if label in {"GPE", "LOC", "FAC"}), key=lambda label: votes[label], default="GPE"
        )
        tally[place] = tally.get(place, 0) + places
        votes = {**votes, f"{place} (place uses)": places}
    best = max(tally, key=lambda label: (tally[label], -_PREFERENCE.index(label) if label in _PREFERENCE else -99))
    return best, "majority of tags" + (f" and {places} place uses" if places else ""), votes


def organisation_signal(document: Document, mention: Mention) -> bool:
    """Whether this mention may count towards typing a person's cluster an organisation
    (``_type_of``): described, or introduced, by an organisation's noun, a name ending in an
    organisation's word, or one the name table has seen as an organisation's."""
    description = mention.description.of(document.text) if mention.description is not None else None
    before = _NOUN_BEFORE.search(document.text, max(0, mention.span.start - 40), mention.span.start)
    words = fold(strip_article(mention.text)).split()
    return (
        (description is not None and head_noun(description) in ORG_NOUNS)
        or (before is not None and before.group("noun").lower() in ORG_NOUNS)
        or (len(words) > 1 and words[-1] in ORG_NAME_WORDS)
        or name_types().tally([mention.text])["ORG"] > 0
    )


def _organisation_evidence(cluster: _Cluster) -> str | None:
    """Why a name shaped like a person's ("Norvale Hydro", "Dva Mayora") is an organisation, if it is:
    its descriptions call it a company or a channel, or its name has an organisation's word."""
    org_votes = person_votes = 0
    quoted = None
    for document, mention in cluster.mentions:
        if mention.description is None:
            continue
        head = head_noun(mention.description.of(document.text))
        if head in ORG_NOUNS:
            org_votes += 1
            quoted = quoted or mention.description.of(document.text)
        elif head is not None:
            person_votes += 1
    for document, mention in cluster.mentions:
        # "the advocacy group X", "the company X": the noun just before the name says what it is.
        before = _NOUN_BEFORE.search(document.text, max(0, mention.span.start - 40), mention.span.start)
        if before is not None and before.group("noun").lower() in ORG_NOUNS:
            org_votes += 1
            quoted = quoted or before.group(0).strip()
    if org_votes > person_votes:
        return f"described as '{quoted}'"
    names = {fold(strip_article(m.text)) for _, m in cluster.mentions}
    if person_votes == 0 and any(len(n.split()) > 1 and n.split()[-1] in ORG_NAME_WORDS for n in names):
        return "its name ends in an organisation word"
    return None


_NOUN_BEFORE = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+(?:[a-z-]+\s+)?(?P<noun>[a-z]+)\s+$")

# On a tie the more common kind of name wins.
_PREFERENCE = ("GPE", "PERSON", "ORG", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART")


def _sense(cluster: _Cluster, mention: Mention) -> str:
    if cluster.kind == "demonym":
        return "demonym"
    if cluster.kind != "seat":
        return "name"
    if mention.role == "pobj" and mention.governor in _PLACE_PREPOSITIONS:
        return "place"
    if mention.role == "pobj" and mention.governor in _COUNTERPART_PREPOSITIONS:
        return "government"  # a treaty with Brennport, sympathies toward Brennport
    return "government" if mention.role in _GOVERNMENT_ROLES or mention.label == "ORG" else "place"


def _links(cluster: _Cluster, mentions: tuple[EntityMention, ...], state_ids: dict[str, str]) -> tuple[EntityLink, ...]:
    state = states().lookup(cluster.mentions[0][1].text)
    if state is None or state.state not in state_ids or cluster.kind not in {"seat", "demonym"}:
        return ()
    if cluster.kind == "demonym":
        evidence = tuple(Evidence(m.doc, m.span) for m in mentions[:5])
        return (EntityLink(state_ids[state.state], "demonym-of", f"demonym of {state.state}", evidence),)
    governing = tuple(Evidence(m.doc, m.span) for m in mentions if m.sense == "government")
    if not governing:
        return ()
    return (EntityLink(state_ids[state.state], "stands-for", f"used for the government of {state.state}", governing),)


def _canonical_name(cluster: _Cluster) -> str:
    """The fullest form: most name tokens, then accented over plain, then most frequent."""
    forms = Counter(strip_article(m.text) for _, m in cluster.mentions)
    if cluster.kind == "person":
        # "Charger Jamal Williams" is named "Jamal Williams" when the story also writes it so.
        plain = {f: person_tokens(f) for f in forms}
        forms = Counter(
            {
                f: n
                for f, n in forms.items()
                if not any(descriptor_extension(plain[f], plain[g]) for g in forms if g != f)
            }
        )

        def rank(form: str) -> tuple[int, int, int]:
            return (len(person_tokens(form)), int(form != fold(form) and any(ord(c) > 127 for c in form)), forms[form])

        best = max(forms, key=rank).replace("[", "").replace("]", "")
        tokens = best.split()
        kept = len(person_tokens(best))
        return " ".join(tokens[-kept:])
    if cluster.kind == "demonym":
        return max(forms, key=lambda f: (forms[f], -len(f)))
    return max(forms, key=lambda f: (forms[f], len(f)))


_NOT_DESCRIPTIONS = frozenset(
    {"that", "which", "with", "if", "because", "when", "as", "and", "but", "so", "though", "although", "while"}
)


def _descriptions(cluster: _Cluster) -> tuple[tuple[str, Evidence], ...]:
    """Roles and affiliations, for people and organisations, where appositives say who they are;
    each distinct wording once, with the first place it appears."""
    if cluster.kind not in {"person", "outlet", "name"}:
        return ()  # the caller keeps them only for entities typed PERSON or ORG
    found: dict[str, Evidence] = {}
    for document, mention in sorted(cluster.mentions, key=lambda p: (p[0].id, p[1].span.start)):
        if mention.description is None:
            continue
        text = mention.description.of(document.text)
        # A clause the parser took for an appositive ("the mayor – with her conviction that the
        # council was wrong –") says something of the person, not who they are.
        if text.split()[0].lower() in _NOT_DESCRIPTIONS:
            continue
        # A role ("an analyst at ...") or a title ("Norlandic President"), not another name alone.
        if any(word[:1].islower() or word.lower().rstrip(".") in TITLES for word in text.split()):
            found.setdefault(text, Evidence(document.id, mention.description))
    return tuple(found.items())


def _best(descriptions: tuple[tuple[str, Evidence], ...]) -> tuple[str, Evidence] | None:
    """The fullest description that still reads as one (an appositive, not a paragraph)."""
    if not descriptions:
        return None
    return max(descriptions, key=lambda item: (len(item[0].split()) <= 25, len(item[0])))


def link_possibly_same(entities: list[Entity]) -> None:
    """Designations sharing a stem ("Buk-M2", "Buk-2MA") may be one system or two: link, do not merge."""
    products = [e for e in entities if e.type == "PRODUCT" and "-" in e.name]
    by_stem: dict[str, list[Entity]] = defaultdict(list)
    for entity in products:
        by_stem[fold(entity.name.split("-", 1)[0])].append(entity)
    for group in by_stem.values():
        for index, entity in enumerate(group):
            others = [o for o in group if o is not entity]
            if not others:
                continue
            links = tuple(
                EntityLink(
                    o.id,
                    POSSIBLY_SAME,
                    f"'{entity.name}' and '{o.name}' share the stem '{entity.name.split('-', 1)[0]}'",
                    (
                        Evidence(entity.mentions[0].doc, entity.mentions[0].span),
                        Evidence(o.mentions[0].doc, o.mentions[0].span),
                    ),
                )
                for o in others
            )
            position = entities.index(entity)
            entities[position] = dataclasses.replace(entity, links=entity.links + links)
            group[index] = entities[position]
