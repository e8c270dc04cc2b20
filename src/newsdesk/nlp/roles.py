"""Role words: what a description says someone or something is ("an expert", "the operator")."""

from __future__ import annotations

ORG_NOUNS = frozenset(
    "company operator firm agency group bank ministry office party union channel newspaper outlet broadcaster "
    "regulator authority organisation organization corporation utility network council committee court university "
    "institute tank alliance coalition army navy force forces movement federation association foundation center "
    "centre fund club team league station publication magazine website service department board".split()
)
ORG_NAME_WORDS = ORG_NOUNS | frozenset(
    "hydro energy holdings inc corp ltd plc llc gmbh airlines airways motors partners capital media systems "
    "technologies industries endowment bureau commission secretariat".split()
)
PERSON_NOUNS = frozenset(
    "expert analyst professor president minister leader spokesman spokeswoman spokesperson teacher engineer "
    "resident entrepreneur billionaire researcher director head governor mayor commander hydrologist lawyer "
    "official diplomat colonel general chief executive founder author journalist reporter editor mother father "
    "son daughter wife husband student doctor nurse farmer worker propagandist dictator senator lawmaker judge "
    "mp member chairman chairwoman counterpart predecessor successor ally mentor adviser advisor organiser "
    "organizer activist campaigner veteran economist scientist historian politician candidate nominee "
    "strategist pollster consultant correspondent commentator columnist blogger lawyer attorney prosecutor "
    "activist owner manager partner".split()
)


_NP_END = frozenset("of with at in for who whom whose which that from on by to and since after".split())


def head_noun(description: str) -> str | None:
    """The role word of a description's first noun phrase: 'a retired supreme court judge' -> judge,
    'head of the ... Authority' -> head."""
    words: list[str] = []
    for raw in description.split():
        if raw.endswith(("'s", "’s")):
            words = []  # "the League's leading rusher": the head follows the possessor
            continue
        word = raw.strip(".,;:'’()").lower()
        if word in _NP_END:
            break
        words.append(word)
    # The head is the phrase's last word; an unknown one says nothing (no guessing from a modifier:
    # in "union organiser" the union is not what the person is).
    head = words[-1] if words else None
    return head if head in ORG_NOUNS or head in PERSON_NOUNS else None


def describes_organisation(description: str) -> bool:
    return head_noun(description) in ORG_NOUNS


# Words of a title before a name ("Russian President", "Gen."): a description, not part of the name.
TITLES = frozenset(
    "president presidents minister ministers prime secretary senator governor mayor king queen prince princess "
    "pope general gen colonel col captain lieutenant sergeant admiral chancellor premier ambassador judge justice "
    "dr mr mrs ms sir dame lord lady professor prof ayatollah sheikh leader supreme chief director ceo chairman "
    "spokesman spokeswoman spokesperson commander officer rep representative deputy vice former dictator state".split()
)
