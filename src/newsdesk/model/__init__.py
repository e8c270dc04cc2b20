"""The typed data spine: every extracted item points into a document's text by offsets.

This module imports nothing else of newsdesk; everything else imports it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class RemovalReason(StrEnum):
    """Why a span of the text as read is not part of the article body."""

    NAVIGATION = "navigation"
    RELATED_LINKS = "related-links"
    CAPTION = "caption"
    TIMESTAMP = "timestamp"
    TRAILER = "trailer"
    GENERATED_FILLER = "generated-filler"


class Granularity(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    MINUTE = "minute"


class DateHow(StrEnum):
    """How a date was obtained, so that a guess is never presented as a fact."""

    METADATA = "metadata"
    TEXT = "text"
    INFERRED = "inferred"


class TitleHow(StrEnum):
    """How a document's title was found: given with the article, its headline line, or made from
    the lead sentence because the text has no headline (a made title is not the outlet's)."""

    METADATA = "metadata"
    HEADLINE = "headline"
    LEAD = "lead-sentence"


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into one document's ``text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class RemovedSpan:
    span: Span
    reason: RemovalReason
    extractor: str


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to some granularity: ``2026``, ``2026-01``, ``2026-01-15`` or ``2026-01-15T18:18``."""

    value: str
    granularity: Granularity

    def __post_init__(self) -> None:
        widths = {
            Granularity.YEAR: 4,
            Granularity.MONTH: 7,
            Granularity.DAY: 10,
            Granularity.MINUTE: 16,
        }
        if len(self.value) != widths[self.granularity]:
            raise ValueError(f"{self.value!r} is not a {self.granularity.value} value")


@dataclass(frozen=True, slots=True)
class Published:
    """When an article was published, with how we know and the characters that say so.

    ``date`` is the best value: for ``inferred`` it is the earliest date consistent with
    what the article reports (``earliest``), and ``latest`` bounds it from above when known.
    """

    date: PartialDate
    how: DateHow
    evidence: tuple[Span, ...] = ()
    latest: PartialDate | None = None
    basis: str | None = None


class TimeType(StrEnum):
    """TimeML's four kinds of temporal expression."""

    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class TimeHow(StrEnum):
    """How a temporal expression got its value: as written, from a reference date, or from an
    inferred reference date (so the value is only as good as that inference)."""

    EXPLICIT = "explicit"
    RELATIVE = "relative"
    INFERRED = "inferred"


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A temporal expression in one document, normalised to a TimeML value.

    ``value`` is a TimeML / ISO 8601 value: ``2026-01-03``, ``2025-05``, ``2011``, ``201`` (a
    decade), ``2025-SU`` (a season), ``2013-W11``, ``P4Y`` (a duration), ``XXXX-WI`` (a set),
    ``PRESENT_REF``; ``None`` when it needs a reference date nobody knows yet. ``anchor`` is the
    reference date a relative form was resolved against; ``mod`` is TimeML's modifier (``START``,
    ``MID``, ``END``, ``APPROX``, ...: "late December" is ``2025-12`` with ``END``); ``tense``
    says which way a relative form was read (``past`` or ``future``). For a range ("from April
    2017 to July 2019") the first expression's ``range_to`` is the span of the second.
    """

    span: Span
    text: str
    type: TimeType
    value: str | None
    how: TimeHow
    anchor: str | None = None
    mod: str | None = None
    tense: str | None = None
    range_to: Span | None = None
    extractor: str = ""


@dataclass(frozen=True, slots=True)
class Attributed:
    """A value found in the text (an outlet name, say), how it was found, and where."""

    value: str
    how: str
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Failure:
    """An input (a file, or one record of it) that did not become a document, and why, in one line."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True, slots=True)
class RawArticle:
    """What a reader hands over: the text as read plus whatever metadata the format carried."""

    source: str
    text: str
    encoding: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention in one document, as the tagger saw it, with the syntax around it.

    ``governor`` is the lemma of the word the mention depends on and ``role`` its dependency
    (``nsubj`` of "said", ``pobj`` of "in"); ``description`` is an appositive or modifier that
    says who or what it is ("head of the London-based ... think tank").
    """

    span: Span
    text: str
    label: str
    extractor: str
    role: str | None = None
    governor: str | None = None
    description: Span | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """Something somebody said, in one document: the words (without quotation marks), how it is
    reported (``direct``, ``partial``, ``indirect``, or ``scare`` for a term in quotation marks that
    nobody is said to have said), the cue, and the speaker as the text names it.

    ``speaker`` is the span of the name (or group) the speech is attributed to; a pronoun is
    replaced by its antecedent's span. The story-level entity is found through that span.
    """

    span: Span
    text: str
    kind: str
    cue: Span | None
    cue_text: str | None
    speaker: Span | None
    speaker_text: str | None
    speaker_kind: str | None  # named | outlet | group | unnamed | pronoun (unresolved) | thing (speaks for nobody)
    channel: str | None
    extractor: str
    note: str | None = None
    attitude: bool = False
    speaker_phrase: Span | None = None  # the speaker as written: "longtime pollster Jane Roe", "he"
    part_of: Span | None = None  # the first part of a quote split by its cue: “A,” she said, “B.”


@dataclass(frozen=True, slots=True)
class Event:
    """A dated happening in one document: the sentence, the word that names it (``trigger``),
    the temporal expression that dates it (``time``, a span of one of the document's times),
    the mentions taking part, and its modality: ``happened``, ``scheduled``, ``reported``
    (a claim somebody makes), ``hypothetical``, ``habitual`` ("has often broken down since 2019")
    or ``negated``."""

    span: Span
    trigger: Span
    trigger_text: str
    lemma: str
    time: Span
    participants: tuple[Span, ...]
    modality: str
    extractor: str


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed tie between two named actors in one document, read from the syntax: ``source`` is
    the agent (who supplied, captured, fled, condemned), ``target`` the patient, recipient or
    destination, both spans of the document's mentions; ``trigger`` the word naming the tie,
    ``span`` its sentence. ``directed`` is false for a tie that runs both ways (an alliance, a
    meeting: source and target are then in text order). ``time`` is the span of the temporal
    expression that the events stage found dating the trigger's clause, if any; ``modality`` is
    ``happened``, ``scheduled``, ``reported``, ``hypothetical`` or ``negated``."""

    span: Span
    kind: str
    source: Span
    target: Span
    trigger: Span
    trigger_text: str
    directed: bool
    modality: str
    time: Span | None
    extractor: str


class Polarity(StrEnum):
    """Whether a proposition says its predicate holds ("did") or not ("did not", "failed to")."""

    AFFIRMED = "affirmed"
    NEGATED = "negated"


class Modality(StrEnum):
    """How firmly a proposition is put: as fact, as possible ("may", "could", "unlikely"), on a
    condition ("if ..."), as what will or should happen, or as what happens as a rule ("usually",
    "typically": a habit, not one happening)."""

    ASSERTED = "asserted"
    POSSIBLE = "possible"
    HYPOTHETICAL = "hypothetical"
    FUTURE = "future"
    HABITUAL = "habitual"


class ClaimKind(StrEnum):
    """A reported fact or happening (independent sources count), or a view somebody holds
    (voices count)."""

    FACT = "fact"
    VIEW = "view"


@dataclass(frozen=True, slots=True)
class Argument:
    """What a proposition is about or says of it: its ``role`` (``subject``, ``object``,
    ``complement``), the phrase, and the lemma of the phrase's head word."""

    role: str
    span: Span
    text: str
    head: str


@dataclass(frozen=True, slots=True)
class Proposition:
    """One clause of an article's body read as a proposition: the predicate (its word and
    lemma), its arguments, its polarity and modality, and, for attributed content, the holder
    as the text names them (``holder``, a span of the speaker or of the subject of a cue such as
    "believes", "found") kept apart from the content. ``span`` is the clause: the evidence."""

    span: Span
    predicate: Span
    lemma: str
    arguments: tuple[Argument, ...] = ()
    polarity: Polarity = Polarity.AFFIRMED
    modality: Modality = Modality.ASSERTED
    holder: Span | None = None
    holder_text: str | None = None
    cue: Span | None = None
    extractor: str = ""


@dataclass(frozen=True, slots=True)
class Document:
    """One stored article: the text as read and everything the per-document stages found in it."""

    id: str
    source: str
    text: str
    removed: tuple[RemovedSpan, ...] = ()
    headings: tuple[Span, ...] = ()
    title: str | None = None
    title_span: Span | None = None
    title_how: TitleHow | None = None
    outlet: Attributed | None = None
    published: Published | None = None
    language: str | None = None
    reported_from: tuple[Attributed, ...] = ()
    encoding: str | None = None
    url: str | None = None
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    events: tuple[Event, ...] = ()
    extractors: tuple[str, ...] = field(default=())
    relations: tuple[Relation, ...] = ()
    propositions: tuple[Proposition, ...] = ()

    @property
    def body_spans(self) -> tuple[Span, ...]:
        """The kept ranges of ``text``: its complement of the removed spans."""
        return complement(self.removed, len(self.text))

    @property
    def body(self) -> str:
        return "".join(span.of(self.text) for span in self.body_spans)


def stripped(text: str, start: int, end: int) -> Span:
    """``[start, end)`` without the whitespace at either end."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def without_outlet(title: str, outlets: Iterable[str | None]) -> str:
    """A page title without the outlet name it ends with ("... - The Post", "... | The Post"),
    when that name is one of ``outlets`` and enough headline is left; else the title as it is."""
    for outlet in outlets:
        for mark in (" - ", " | ", " – ", " — "):
            if outlet and title.endswith(mark + outlet) and len(title) > len(mark + outlet) + 10:
                return title[: -len(mark + outlet)]
    return title


def line_of(text: str, position: int) -> Span:
    """The line (paragraph, in scraped text) that holds ``position``, without its newline."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return Span(start, len(text) if end < 0 else end)


def masked_body(document: Document) -> str:
    """The text with every removed span blanked out (newlines kept): same length and offsets
    as ``text``, so an annotator sees only the article and its offsets need no mapping."""
    chars = list(document.text)
    for item in document.removed:
        for index in range(item.span.start, item.span.end):
            if chars[index] != "\n":
                chars[index] = " "
    return "".join(chars)


def complement(removed: tuple[RemovedSpan, ...], length: int) -> tuple[Span, ...]:
    kept: list[Span] = []
    cursor = 0
    for item in sorted(removed, key=lambda r: r.span.start):
        if item.span.start > cursor:
            kept.append(Span(cursor, item.span.start))
        cursor = max(cursor, item.span.end)
    if cursor < length:
        kept.append(Span(cursor, length))
    return tuple(kept)


def make_id(prefix: str, *parts: object, length: int = 12) -> str:
    """The one id maker (followthemoney's ``make_id``): a kind's letter and the start of the
    SHA-256 of the parts joined by ":", so the same content gives the same id on every run and
    re-ingesting is idempotent. Document "d", entity "e", claim "c", timeline entry and time
    expression "t", happening "v", quote "q", correction "k", story "s"."""
    return prefix + hashlib.sha256(":".join(map(str, parts)).encode("utf-8")).hexdigest()[:length]


def quote_id(doc: str, start: int, end: int, kind: str) -> str:
    """A quote's id: from its document, span and kind, the same on every run."""
    return make_id("q", doc, start, end, kind)


def document_id(text: str) -> str:
    """A content-derived id: the same article text gives the same id from any path.

    Line endings and trailing whitespace are normalised first, so a copy saved on
    another system is recognised as the same article.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    canonical = "\n".join(line.rstrip() for line in lines).strip()
    return make_id("d", canonical, length=16)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Characters of one document: ``doc`` is its id."""

    doc: str
    span: Span


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A mention of an entity; ``sense`` says how it refers: by ``name``, or as a place name
    standing for a ``government`` ("the Kremlin said"), or as a ``demonym`` ("Russian")."""

    doc: str
    span: Span
    text: str
    sense: str = "name"


@dataclass(frozen=True, slots=True)
class EntityLink:
    target: str
    relation: str  # stands-for | demonym-of | possibly-same
    why: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Entity:
    """One actor or thing of the story across all its articles."""

    id: str
    name: str
    type: str
    mentions: tuple[EntityMention, ...]
    description: str | None = None
    description_evidence: Evidence | None = None
    descriptions: tuple[tuple[str, Evidence], ...] = ()
    type_votes: tuple[tuple[str, int], ...] = ()
    type_why: str | None = None
    links: tuple[EntityLink, ...] = ()
    extractor: str = ""

    @property
    def aliases(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.text for m in self.mentions))

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.doc for m in self.mentions))


def entity_at(entities: list[Entity] | tuple[Entity, ...]) -> dict[tuple[str, int], Entity]:
    """Every character of every entity mention, keyed by (document id, offset): the entity that a
    span found by another stage (a speaker, a participant) refers to."""
    found: dict[tuple[str, int], Entity] = {}
    for known in entities:
        for mention in known.mentions:
            for position in range(mention.span.start, mention.span.end):
                found.setdefault((mention.doc, position), known)
    return found


@dataclass(frozen=True, slots=True)
class ReferenceDate:
    """The day an article's relative dates are read against: its publication day when known
    (``how`` is ``published``), otherwise ``inferred``, with the reasoning in ``basis`` and the
    characters it rests on (in this and other articles) in ``evidence``."""

    doc: str
    date: str
    how: str  # published | inferred
    basis: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """One article's report of a timeline entry: its event and the value that article gives."""

    doc: str
    event: Span
    trigger: Span
    time: Span | None  # None for an article that reports the happening without dating it
    value: str | None
    how: str  # explicit | relative | inferred | undated


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One real-world happening on the story's timeline, with every article that reports it.

    ``value`` is the date most reports give (TimeML value), ``dates`` every distinct value
    reported, so that a disagreement ("2024" here, "2025" there) is shown rather than hidden."""

    id: str
    value: str
    granularity: str
    label: str
    kind: str
    reports: tuple[TimelineEvent, ...]
    participants: tuple[str, ...] = ()
    disagreement: str | None = None

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(report.doc for report in self.reports))

    @property
    def dates(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(report.value for report in self.reports if report.value))


@dataclass(frozen=True, slots=True)
class Statement:
    """One article's statement (a sentence of its body), the evidence a claim rests on.

    ``speaker`` is the entity id (or, unresolved, the name) of whoever the article says made the
    statement when it is a quote, else None (the article's own voice); ``actors`` are the entity
    ids named in it; ``dates`` the values of its temporal expressions; ``numbers`` the amounts it
    gives, as (number, the word it counts); ``quoted`` whether it stands inside quotation marks
    (somebody's words even when the article does not say whose)."""

    doc: str
    span: Span
    text: str
    speaker: str | None = None
    actors: tuple[str, ...] = ()
    dates: tuple[tuple[str, Span], ...] = ()
    numbers: tuple[tuple[str, str, Span], ...] = ()
    proposition: Proposition | None = None
    quoted: bool = False


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two statements that disagree about a date, a number or the name of one thing."""

    claim: str  # the claim the other statement belongs to (the same claim for a conflict within it)
    why: str
    ours: Evidence
    theirs: Evidence


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement made by one or more articles, its statements grouped across articles.

    ``sources`` are the independent sources behind it: an article that relays another outlet
    counts as that outlet, articles of one outlet or one wire text count once."""

    id: str
    text: str
    statements: tuple[Statement, ...]
    sources: tuple[str, ...]
    conflicts: tuple[Conflict, ...] = ()
    extractor: str = ""
    kind: ClaimKind = ClaimKind.FACT
    holders: tuple[str, ...] = ()  # for a view: who holds it (entity ids, else names as written)
    # Claims of other articles worded much like this one but not verified to say the same thing,
    # with their similarity: suggestions for an analyst to merge or keep apart, never counted.
    related: tuple[tuple[str, float], ...] = ()

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.doc for s in self.statements))


class CorrectionAction(StrEnum):
    """What an analyst said about the story's grouping: these claims are one, this claim is two,
    these two claims are not the same; these entities are one, these mentions are another entity."""

    CLAIMS_MERGE = "claims-merge"
    CLAIMS_SPLIT = "claims-split"
    CLAIMS_DISTINCT = "claims-distinct"
    ENTITIES_MERGE = "entities-merge"
    ENTITIES_SPLIT = "entities-split"


@dataclass(frozen=True, slots=True)
class Withdrawal:
    """An analyst's withdrawal of a correction: who, when (UTC ISO time) and why."""

    who: str
    when: str
    why: str


@dataclass(frozen=True, slots=True)
class Correction:
    """An analyst's correction, kept against keys that survive recomputation (claim and entity
    ids do not): statement keys ``DOCID:START`` for claims, mention keys ``DOCID:START`` for
    entities, in ``groups``:

    - ``claims-merge``: one group per claim merged (its statements); all are one claim.
    - ``claims-split``: the statements moved out, then the rest; no statement of the one is the
      same claim as one of the other.
    - ``claims-distinct``: the statements of each of the two claims; the same, across them.
    - ``entities-merge``: one group per entity merged (its mentions); all are one entity.
    - ``entities-split``: one group, the mentions that form an entity of their own.

    ``targets`` are the claim or entity ids acted on, as they were then (for the record only);
    ``when`` is a UTC ISO time; ``id`` is derived from everything else (:func:`correction_id`).
    A ``withdrawn`` correction is kept, for the record, and no longer replayed."""

    id: str
    action: CorrectionAction
    groups: tuple[tuple[str, ...], ...]
    targets: tuple[str, ...]
    who: str
    when: str
    why: str
    withdrawn: Withdrawal | None = None

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(key for group in self.groups for key in group)


def correction_id(action: CorrectionAction, groups: tuple[tuple[str, ...], ...], who: str, when: str, why: str) -> str:
    """The same correction made at the same time by the same person gives the same id."""
    canonical = "\n".join((action.value, "|".join(",".join(g) for g in groups), who, when, why))
    return make_id("k", canonical)


def statement_key(doc: str, start: int) -> str:
    """The stable key of a statement or an entity mention: its document id and start offset."""
    return f"{doc}:{start}"


class CorrectionState(StrEnum):
    """Where a stored correction stands against the story as now computed: the grouping shows
    it, the grouping does not (a later correction undid it, or two corrections conflict), the
    statements or mentions it names are no longer there, or an analyst withdrew it."""

    IN_EFFECT = "in effect"
    NOT_IN_EFFECT = "not in effect"
    NOT_APPLICABLE = "not applicable"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True, slots=True)
class Story:
    """A story as the store lists it: articles that report the same happening. ``documents`` are
    the articles whose main story it is (oldest first), ``others`` those that also touch it (a
    roundup); ``first`` and ``last`` are the earliest and latest publication dates of its
    articles (as precise as they are known); ``merged_from`` lists the stories merged into it,
    whose ids now lead here."""

    id: str
    title: str | None
    first: str | None
    last: str | None
    documents: tuple[str, ...]
    others: tuple[str, ...]
    outlets: tuple[str, ...]
    merged_from: tuple[str, ...]


class StoryAction(StrEnum):
    """What an analyst said about the grouping of articles into stories."""

    MOVE = "story-move"  # these articles belong to that story
    MERGE = "stories-merge"  # these stories are one
    SPLIT = "story-split"  # these articles of a story are a story of their own


@dataclass(frozen=True, slots=True)
class StoryCorrection:
    """An analyst's correction of the stories, kept against document and story ids (both stable:
    a story merged into another leads to it) and replayed after every run of the story stage:

    - ``story-move``: ``documents`` belong to the story ``stories[0]``;
    - ``stories-merge``: ``stories`` are one story (the oldest keeps its id and lists the others);
    - ``story-split``: ``documents`` of the story ``stories[0]`` are a story of their own, whose
      id is ``split_story(id)``.

    ``when`` is a UTC ISO time; ``id`` is derived from everything else."""

    id: str
    action: StoryAction
    stories: tuple[str, ...]
    documents: tuple[str, ...]
    who: str
    when: str
    why: str


def story_correction_id(
    action: StoryAction, stories: tuple[str, ...], documents: tuple[str, ...], who: str, when: str, why: str
) -> str:
    """The same story correction made at the same time by the same person gives the same id."""
    return make_id("k", action.value, ",".join(stories), ",".join(documents), who, when, why)


def split_story(correction: str) -> str:
    """The id of the story a split (correction ``correction``) makes: the same in every replay."""
    return make_id("s", "split", correction)
