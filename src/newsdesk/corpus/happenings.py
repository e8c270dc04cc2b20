"""Kinds of happening: words that name the same sort of event, so that "the raid", "was
detained" and "carried out an operation" reported by three articles can be one timeline entry."""

from __future__ import annotations

import re

from newsdesk.nlp.themes import ACTOR, LEGISLATURE, LEGISLATURES, TRANSFER_VERBS, theme_classes

_KINDS: dict[str, tuple[str, ...]] = {
    "seizure": (
        "raid capture seize seizure detain detention arrest abduct abduction kidnap kidnapping snatch "
        "extract extraction operation grab apprehend drag",
    ),
    "attack": ("attack strike bomb bombing shell shelling invade invasion offensive assault airstrike",),
    # A fall or collapse is a downfall only when an actor falls (the events stage marks it).
    "downfall": ("topple oust ouster overthrow depose resign resignation",),
    "collapse": ("collapse burst breach rupture crumble", "give way"),
    "flight": ("flee flight escape",),
    "gathering": ("march protest demonstration rally vigil procession caravan",),
    "meeting": ("meet meeting summit visit talk talks",),
    "agreement": ("sign agreement deal pact treaty accord ceasefire truce",),
    "statement": (
        "say tell state statement comment write note announce announcement claim warn add echo boast "
        "speak remark declare declaration",
    ),
    "court": ("plead hearing trial charge indict indictment arraign arraignment sentence convict court",),
    "inquiry": ("inquiry testify testimony",),
    "supply": ("deliver delivery supply transfer sell sale provide ship shipment",),
    "death": ("die kill killing death assassinate assassination",),
    # A vote is not an election (a parliament votes on a bill), nor is any win.
    "election": ("elect election inaugurate inauguration",),
}
# A line of two words is one phrase ("give way"); other lines are lists of single words.
KIND_OF: dict[str, str] = {
    word: kind
    for kind, lines in _KINDS.items()
    for line in lines
    for word in ([line] if len(line.split()) == 2 else line.split())
}


# Kinds a trigger names only when its argument allows (the events stage appends the argument's
# class to the lemma): a fall of an actor is a downfall; a hearing a legislature holds an inquiry.
_BY_ARGUMENT = {
    ("fall", ACTOR): "downfall",
    ("collapse", ACTOR): "downfall",
    ("crumble", ACTOR): "downfall",
    ("give way", ACTOR): "give way",  # a person or government that gives way yields; nothing falls
    ("hearing", LEGISLATURE): "inquiry",
    ("hearings", LEGISLATURE): "inquiry",
}
# Kinds that a verb names only with a material theme: "provided testimony" is no supply.
_THEMED = frozenset({"supply"})


def kind_of(lemma: str) -> str:
    """The kind of happening a trigger's lemma names; an unknown word is its own kind. A lemma the
    events stage gave with its argument's class is judged by it: a transfer verb by its object
    ("provide testimony" names a statement, not a supply), a fall by what falls, a hearing by
    who holds it."""
    lemma = lemma.lower()
    head, _, argument = lemma.rpartition(" ")
    if head and (head, argument) in _BY_ARGUMENT:
        return _BY_ARGUMENT[(head, argument)]
    verb, _, theme = lemma.partition(" ")
    if theme and verb in TRANSFER_VERBS and theme in theme_classes():
        return theme_classes()[theme]
    return KIND_OF.get(lemma, lemma)


def _forms(word: str) -> set[str]:
    stem = word[:-1] if word.endswith("e") else word
    return {word, word + "s", word + "es", stem + "ed", stem + "ing", word + "d", word + "ped", word + "ned"}


# Word forms of each kind, for finding undated reports of a happening in plain text.
_FORMS = {
    kind: {form for line in lines if len(line.split()) != 2 for word in line.split() for form in _forms(word)}
    for kind, lines in _KINDS.items()
}
_IRREGULAR = {
    "seizure": {"seized", "caught"},
    "flight": {"fled"},
    "meeting": {"met"},
    "supply": {"sold"},
}
for _kind, _words in _IRREGULAR.items():
    _FORMS[_kind] |= _words
_WORD = re.compile(r"[A-Za-z]+")


def names_kind(sentence: str, kind: str) -> re.Match[str] | None:
    """The first word of ``sentence`` that names a happening of ``kind``, if any."""
    forms = _FORMS.get(kind)
    if not forms:
        return None
    for match in _WORD.finditer(sentence):
        if (
            match.group().lower() in forms
            and not _abstract_theme(sentence, match, kind)
            and not _month(sentence, match)
        ):
            return match
    return None


_THEME_REACH = 4  # words after a transfer verb where its object's head stands ("provided detailed testimony")


def _abstract_theme(sentence: str, verb: re.Match[str], kind: str) -> bool:
    """Whether the word's arguments, read in plain text, rule out ``kind``: a transfer verb whose
    object (or, after a recipient, its ``with`` object) is of speech or evidence; a hearing in a
    sentence that names a legislature."""
    if kind == "court" and verb.group().lower().startswith("hearing"):
        return any(w.group().lower() in LEGISLATURES for w in _WORD.finditer(sentence))
    if kind not in _THEMED:
        return False
    # The object runs to the clause's next break: "sold tanks, details of which ..." hands over tanks;
    # "provided the committee with testimony" hands over what follows "with".
    parts = _OBJECT_END.split(sentence[verb.end() :], maxsplit=1)
    phrase = parts[0]
    after = sentence[verb.end() + len(phrase) :]
    if after.lower().startswith(" with "):
        phrase += " " + _OBJECT_END.split(after[len(" with ") :], maxsplit=1)[0]
    following = [m.group().lower() for m in _WORD.finditer(phrase)]
    classes = theme_classes()
    return any(word in classes for word in following[:_THEME_REACH] + following[-_THEME_REACH:])


_OBJECT_END = re.compile(r"[,;:.!?()—–]|\s(?:to|for|with|and|or|but|that|which|about|on|of)\s", re.I)


_KINDS_OF_FORM: dict[str, list[str]] = {}
for _kind, _forms_of_kind in _FORMS.items():
    for _form in _forms_of_kind:
        _KINDS_OF_FORM.setdefault(_form, []).append(_kind)


def kinds_named(sentence: str) -> dict[str, re.Match[str]]:
    """Every kind of happening ``sentence`` names, with the first word naming it."""
    found: dict[str, re.Match[str]] = {}
    for kind, match in kinds_at(sentence):
        found.setdefault(kind, match)
    return found


def kinds_at(sentence: str) -> list[tuple[str, re.Match[str]]]:
    """Each word of ``sentence`` that names a kind of happening, with the kind, in text order."""
    found = []
    for match in _WORD.finditer(sentence):
        for kind in _KINDS_OF_FORM.get(match.group().lower(), ()):
            if not _abstract_theme(sentence, match, kind) and not _month(sentence, match):
                found.append((kind, match))
    return found


_MONTH_AROUND = re.compile(r"\b(?:in|on|of|since|until|by|from|to|last|next|early|late|mid|this)[\s-]+$", re.I)


def _month(sentence: str, word: re.Match[str]) -> bool:
    """ "March 3", "in March", "March 2019": the month, not a march."""
    if word.group() not in ("March", "MARCH"):
        return False
    return bool(re.match(r"[\s,]+\d", sentence[word.end() :]) or _MONTH_AROUND.search(sentence[: word.start()]))
