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


# Words for people, as the head of a description that can say something ("a migrant", "the
# marchers", "one official"): the role words above and the everyday ones.
HUMAN_NOUNS = PERSON_NOUNS | frozenset(
    "man woman boy girl child kid teenager person individual migrant immigrant emigrant refugee asylum-seeker "
    "seeker marcher protester protestor demonstrator voter supporter opponent critic resident witness victim "
    "survivor citizen neighbor neighbour friend relative parent grandmother grandfather sister brother cousin "
    "official source aide staffer volunteer organiser organizer participant passenger driver officer agent "
    "soldier trooper guard legislator representative observer insider analyst employee worker customer user "
    "patient fan player coach priest pastor bishop rabbi imam nun monk spokesman spokeswoman secretary "
    "ambassador envoy negotiator delegate investigator detective sheriff deputy inspector clerk "
    "administrator commissioner superintendent principal student pupil graduate shopkeeper vendor merchant "
    "owner landlord tenant homeowner farmer fisherman miner dockworker nurse medic paramedic firefighter "
    "rescuer attendee visitor tourist traveller traveler pilgrim caller viewer reader listener architect "
    "designer artist actor actress singer musician writer poet novelist comedian host anchor presenter "
    "broadcaster filmmaker director producer athlete entrepreneur investor developer banker trader "
    "accountant contractor builder officer trustee donor backer admirer rival challenger incumbent "
    "somebody someone".split()
)
# Collective words for people that take "they": "the police said", "people say".
GROUP_NOUNS = frozenset("people police staff personnel folks".split())
# Heads of a description that may say, find or hold something: people, organisations, bodies of
# government, and what they write ("the report found", "the campaign said", "the letter reads").
SPEAKING_THINGS = (
    HUMAN_NOUNS
    | GROUP_NOUNS
    | ORG_NOUNS
    | frozenset(
        "government administration campaign cabinet parliament congress senate house legislature assembly "
        "embassy consulate military ministry regime state city county municipality town village country nation "
        "side camp opposition majority minority caucus delegation panel jury family household crowd public "
        "report study survey poll memo memorandum letter statement document email e-mail tweet post filing "
        "complaint lawsuit suit ruling decision order analysis data research paper review audit investigation "
        "probe inquiry book article editorial column interview video transcript message note notice release "
        "indictment affidavit testimony record records evidence figures numbers estimate estimates model "
        "forecast assessment brief briefing guidance policy plan proposal bill law measure resolution ad advert "
        "advertisement commercial spot speech remarks website site page blog podcast show programme program".split()
    )
)
