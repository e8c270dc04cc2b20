"""People of a story: full names, their variants, and which full name a bare surname stands for.

Precision comes first. A surname ("Scott", "Mr. Scott") joins a full name only on evidence:
the one person of that surname the article has introduced so far, or the only one in the story
when the article introduces none; an honorific must agree with a known gender ("Mrs. Scott" is
not Rodney Scott). When several people share the surname (a son and his stepfather, a wife, a
brother) and none of them clearly dominates, the surname is left unresolved rather than guessed.
Variants of one full name join: a middle initial ("Rodney S. Scott"), an accent or one letter of
transliteration ("Zelensky", "Zelenskyy"), a title ("Ayatollah Ali Khamenei"); a generational
suffix ("Jr.") keeps two people apart.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from newsdesk.corpus.names import edit_distance, person_tokens
from newsdesk.model import Document, Mention
from newsdesk.nlp.gender import first_names

SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_PARTICLES = frozenset("al el bin ibn ben abu de del della da di van von der le la du dos das".split())
# A holder of a shared surname takes it only with this many times the mentions of all the others.
DOMINANCE = 3
_HONORIFIC = re.compile(r"\b(?P<title>Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady)\.?[ \xa0]*$")
_GENDER = {"mr": "m", "sir": "m", "lord": "m", "mrs": "f", "ms": "f", "miss": "f", "dame": "f", "lady": "f"}

Pair = tuple[Document, Mention]


@cache
def given_names() -> frozenset[str]:
    """Folded first names: ``nlp/first_names.txt`` and ``corpus/given_names.txt`` (from annotated news)."""
    text = resources.files("newsdesk.corpus").joinpath("given_names.txt").read_text(encoding="utf-8")
    listed = {line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")}
    return frozenset(listed | set(first_names()))


@dataclass(frozen=True, slots=True)
class NameParts:
    first: str
    middle: tuple[str, ...]
    last: str
    suffix: tuple[str, ...]

    @property
    def surname_key(self) -> str:
        return self.last


def name_parts(tokens: list[str]) -> NameParts:
    """'rodney s scott jr' -> first 'rodney', middle ('s',), last 'scott', suffix ('jr',)."""
    core = list(tokens)
    suffix: list[str] = []
    while len(core) > 2 and core[-1] in SUFFIXES:
        suffix.insert(0, core.pop())
    return NameParts(core[0], tuple(core[1:-1]), core[-1], tuple(suffix))


def honorific_gender(document: Document, mention: Mention) -> str:
    """'m' or 'f' when an honorific stands before the name or opens it ("Mrs. Scott"), else ''."""
    words = mention.text.split()
    if len(words) > 1 and words[0].rstrip(".").lower() in _GENDER:
        return _GENDER[words[0].rstrip(".").lower()]
    found = _HONORIFIC.search(document.text, max(0, mention.span.start - 6), mention.span.start)
    return _GENDER[found.group("title").lower()] if found else ""


class PersonIndex:
    """Full names of people in the story, and the surname-only mentions assigned to them."""

    def __init__(self) -> None:
        self.full: dict[str, list[Pair]] = {}
        self.alone: dict[str, list[Pair]] = {}
        self.unresolved: dict[str, list[Pair]] = {}
        self.by_last: dict[str, set[str]] = defaultdict(set)
        self.forms: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        self.by_first: dict[str, list[str]] = defaultdict(list)

    def add_full(self, document: Document, mention: Mention) -> None:
        key = " ".join(person_tokens(mention.text))
        self.full.setdefault(key, []).append((document, mention))

    def add_alone(self, document: Document, mention: Mention) -> None:
        self.alone.setdefault(" ".join(person_tokens(mention.text)), []).append((document, mention))

    def add_unresolved(self, document: Document, mention: Mention) -> None:
        """A surname several people of the story share: kept to its article, linked to nobody."""
        key = f"unresolved {document.id} {' '.join(person_tokens(mention.text))}"
        self.unresolved.setdefault(key, []).append((document, mention))

    def merge_variants(self) -> None:
        """One person written several ways joins under the fullest form, but only when the shorter
        form fits exactly one longer one ("George Bush" stays apart from both "George H. W. Bush"
        and "George W. Bush")."""
        buckets: dict[str, list[str]] = defaultdict(list)
        for key in self.full:
            buckets[name_parts(key.split()).last[:3]].append(key)
        for bucket in buckets.values():
            for key in sorted(bucket, key=lambda k: (len(k.split()), k)):
                if key not in self.full:
                    continue
                longer = [
                    other
                    for other in bucket
                    if other != key
                    and other in self.full
                    and len(other.split()) >= len(key.split())
                    and same_person(other.split(), key.split())
                ]
                # "Charger Jamal Williams": words before the name that are no first names describe
                # the person; such forms join the plain name, however many there are.
                for other in [o for o in longer if descriptor_extension(o.split(), key.split())]:
                    self.full[key].extend(self.full.pop(other))
                    longer.remove(other)
                if len(longer) == 1:
                    self.full[longer[0]].extend(self.full.pop(key))
        # Every written form counts: "Mr. Forsythe" finds "Frederick Forsyth" spelt "Frederic Forsythe".
        self.by_last = defaultdict(set)
        self.forms = defaultdict(set)
        self.by_first = defaultdict(list)
        for key, pairs in self.full.items():
            self.by_first[key.split()[0]].append(key)
            for tokens in {tuple(person_tokens(m.text)) for _, m in pairs} | {tuple(key.split())}:
                if len(tokens) >= 2:
                    self.by_last[name_parts(list(tokens)).last].add(key)
                    self.forms[key].add(tokens)

    def resolve_surname(self, document: Document, mention: Mention) -> str | None:
        """The key of the full name a surname stands for, ``"?"`` when several people could be
        meant, or None when it is not a surname of anyone in the story."""
        tokens = person_tokens(mention.text)
        if not tokens or len(tokens) > 2 or not (mention.text[:1].isupper() or "-" in mention.text[:4]):
            return None
        parts = name_parts(tokens) if len(tokens) == 2 and tokens[-1] in SUFFIXES else None
        last = parts.first if parts else tokens[-1]
        candidates = [
            key
            for key in sorted(self.by_last.get(last, ()))
            if any(_ends_with(list(form), tokens) for form in self.forms.get(key, {tuple(key.split())}))
        ]
        if not candidates:
            return None
        gender = honorific_gender(document, mention)
        if gender:
            candidates = [key for key in candidates if self._gender(key) in {gender, ""}]
            if not candidates:
                return "?"
        here = [key for key in candidates if any(d.id == document.id for d, _ in self.full[key])]
        before = [key for key in here if self._count(key, document, mention.span.start)]
        pool = before or here or candidates
        if len(pool) == 1:
            return pool[0]
        counts = {key: self._count(key, document if here else None, mention.span.start) for key in pool}
        top = max(pool, key=lambda key: (counts[key], key))
        others = sum(counts.values()) - counts[top]
        return top if counts[top] > 0 and counts[top] >= DOMINANCE * others else "?"

    def resolve_first_name(self, document: Document, mention: Mention) -> str | None:
        """ "Sharon" after "Sharon Osbourne": a lone name tagged as a person, which is nobody's surname,
        goes to the one person of the article with that first name (one named elsewhere in the story
        is not enough)."""
        tokens = person_tokens(mention.text)
        if len(tokens) != 1:
            return None
        here = {key for key in self.by_first.get(tokens[0], ()) if any(d.id == document.id for d, _ in self.full[key])}
        return here.pop() if len(here) == 1 else None

    def _count(self, key: str, document: Document | None, before: int) -> int:
        """Mentions of a person so far in one article (all of them in the story when ``document`` is None)."""
        return sum(1 for d, m in self.full[key] if document is None or (d.id == document.id and m.span.start < before))

    def _gender(self, key: str) -> str:
        """What the person's honorifics in the story say, else their first name, else ''."""
        said = {honorific_gender(d, m) for d, m in self.full[key]} - {""}
        if len(said) == 1:
            return said.pop()
        return first_names().get(key.split()[0], "") if not said else ""

    def groups(self) -> Iterable[tuple[str, list[Pair]]]:
        yield from self.full.items()
        yield from self.alone.items()
        yield from self.unresolved.items()


def _ends_with(key_tokens: list[str], tokens: list[str]) -> bool:
    """'rodney scott' ends with 'scott'; 'donald trump jr' ends with 'trump' (its surname) and 'trump jr'."""
    if key_tokens[-len(tokens) :] == tokens:
        return True
    parts = name_parts(key_tokens)
    return tokens == [parts.last] and len(key_tokens) >= 2


def descriptor_extension(tokens: list[str], theirs: list[str]) -> bool:
    """``tokens`` is ``theirs`` with describing words before it ("charger jamal williams" and
    "jamal williams"), none of them a first name ("john paul smith" is another person)."""
    extra = len(tokens) - len(theirs)
    return (
        extra > 0
        and len(theirs) >= 2
        and theirs[0] not in _PARTICLES  # "al-Assad" is the end of "Bashar al-Assad", not a name
        and tokens[extra:] == theirs
        and not any(word in given_names() for word in tokens[:extra])
    )


def same_person(tokens: list[str], theirs: list[str]) -> bool:
    """``theirs`` is a shorter or differently written form of ``tokens``."""
    if tokens == theirs:
        return False
    mine, other = name_parts(tokens), name_parts(theirs)
    if mine.suffix != other.suffix:
        return False
    if len(theirs) < len(tokens) and tokens[-len(theirs) :] == theirs and len(theirs) >= 2:
        # "Ali Khamenei" within "Ayatollah Ali Khamenei"
        return True
    if not (_same_word(mine.last, other.last, 6) and _same_first(mine.first, other.first)):
        return False
    if mine.middle == other.middle:
        return True
    # "Rodney S. Scott" = "Rodney Scott" = "Rodney Stephen Scott"; never two different middles.
    return _middles_agree(mine.middle, other.middle)


def _middles_agree(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    if len(shorter) > len(longer):
        longer, shorter = shorter, longer
    if not shorter:
        return all(len(word) == 1 for word in longer) or len(longer) == 1
    return len(longer) == len(shorter) and all(
        a[0] == b[0] and (len(a) == 1 or len(b) == 1 or a == b) for a, b in zip(longer, shorter, strict=True)
    )


def _same_word(a: str, b: str, min_length: int) -> bool:
    """Equal, or one letter apart when the longer is at least ``min_length`` letters."""
    return a == b or (max(len(a), len(b)) >= min_length and edit_distance(a, b, 1) <= 1)


def _same_first(a: str, b: str) -> bool:
    """One letter of spelling between long first names (Frederic, Frederick), but not another
    final vowel, which often marks another person (Mario, Maria)."""
    gendered = len(a) == len(b) and a[:-1] == b[:-1] and a[-1] in "aeiouy" and b[-1] in "aeiouy"
    return a == b or (_same_word(a, b, 5) and not gendered)


def looks_like_a_person(text: str, titled_surnames: Collection[str] = ()) -> bool:
    """A name of two or three capitalised words that opens with a known first name, or ends in a
    surname the story writes after a title, and has no organisation's word: "Natalia Voronova"
    tagged as an organisation."""
    if not person_shaped(text):
        return False
    tokens = person_tokens(text)
    return tokens[0] in given_names() or tokens[-1] in titled_surnames


def person_shaped(text: str) -> bool:
    """Two or three capitalised words, the last no organisation's word: what a name must look like
    for ``looks_like_a_person``, whatever its first word."""
    from newsdesk.nlp.roles import ORG_NAME_WORDS

    words = text.split()
    tokens = person_tokens(text)
    if not 2 <= len(tokens) <= 3 or len(words) != len(tokens):
        return False
    if not all(word[:1].isupper() and word.replace("-", "").replace(".", "").isalpha() for word in words):
        return False
    return tokens[-1] not in ORG_NAME_WORDS and not text.isupper()
