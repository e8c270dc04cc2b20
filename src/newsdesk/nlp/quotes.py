"""Who said what in one article: direct, partial and indirect quotes with their cue and speaker.

Quotation marks give the direct and partial quotes (every style: “ ” " ' ‘ ’ « » „); the parse gives
the cue (a reporting verb outside the quote, or "according to") and its subject, the speaker.
A quote with no cue of its own continues the speaker of the paragraph before when the paragraph
opens with it; pronouns ("he said", "it added", "His answer:") take the nearest speaker or name
before them. Reported speech without marks ("X said that ...", "according to X, ...") gives the
indirect quotes. Resolution to canonical entities happens later, at the story level, through the
speaker span.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.model import Attributed, Mention, Quote, Span, line_of
from newsdesk.nlp.roles import describes_organisation

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

EXTRACTOR = "newsdesk.quotes.rules.v1"

SPEECH_VERBS = frozenset(
    "say tell write add note argue warn ask claim insist explain comment recall suggest state declare announce "
    "report reply respond answer acknowledge admit deny confirm emphasize emphasise stress point observe remark "
    "predict caution complain boast tweet post believe think contend maintain assert allege reveal recount "
    "describe quip joke concede estimate urge call conclude".split()
)
# "believe", "think": attitudes, not speech; kept apart so the evaluation can report them separately.
ATTITUDE_VERBS = frozenset(
    "believe think fear hope expect doubt worry suspect feel consider show find want cite question agree plan "
    "support oppose insist know learn see".split()
)
_OPENERS = {"“": "”", "«": "»", "„": "“", "‘": "’", '"': '"', "'": "'"}
_PRONOUNS = {
    "he": "person",
    "she": "person",
    "him": "person",
    "her": "person",
    "his": "person",
    "it": "thing",
    "its": "thing",
    "they": "group",
    "them": "group",
    "their": "group",
}
_GROUP_HEADS = frozenset(
    "analysts analyst officials official sources source observers experts expert critics residents diplomats people "
    "authorities observers commentators insiders aides voices some others many".split()
)
_CHANNEL = re.compile(
    r"\b(?:on|via|in a post on|in a message on|in a video on|told|in)\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,3})?"
    r"(?P<channel>Telegram|X|Twitter|Facebook|Instagram|YouTube|TikTok|Truth Social|VK|Weibo|podcast|radio|television|TV)\b"
    r"|\b(?:in|wrote)\s+(?:an?\s+)?(?P<piece>opinion piece|op-ed|column|article|essay|blog post|statement|interview)"
    r"(?:\s+for\s+(?P<venue>(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*))?"
    r"|\b(?:before|to|told)\s+(?:a|the)\s+(?P<committee>(?:Congressional|Senate|House|parliamentary)\s+committee)",
)


@dataclass(frozen=True, slots=True)
class _Marked:
    """A quotation as marked in the text: content span, and whether it lacked its closing mark."""

    span: Span
    opened: int
    open_paragraph: bool


def find_quotes(
    parsed: Doc,
    text: str,
    mentions: Sequence[Mention],
    headings: Sequence[Span] = (),
    relays: Sequence[Attributed] = (),
) -> tuple[Quote, ...]:
    """All quotes of one article; ``parsed`` is spaCy's parse of the masked body (same offsets).

    First every quotation and every reported statement with the speaker as written; then, in
    reading order, pronouns take the nearest fitting name before them (never one inside a quote),
    cue-less quotes continue the speaker before, and "the publication" becomes the outlet relayed.
    """
    marked = [m for m in _quotation_marks(parsed.text) if not _in_any(m.opened, headings)]
    quoted = [Span(m.opened, m.span.end + 1) for m in marked]
    drafts = [_attribute(parsed, text, item, mentions) for item in marked]
    drafts += [q for q in _indirect(parsed, text, mentions, quoted) if not _in_any(q.span.start, headings)]
    drafts.sort(key=lambda q: q.span.start)
    said = [q.span for q in drafts]
    # A name inside what somebody said is never the one who said it.
    outside = [m for m in mentions if not _in_any(m.span.start, quoted) and not _in_any(m.span.start, said)]
    people = _person_names(mentions)
    outlets = _outlet_positions(text, relays)
    resolved: list[Quote] = []
    for draft in drafts:
        resolved.append(_resolve(text, draft, outside, resolved, people, outlets))
    return tuple(_join_split_quotes(resolved))


def _join_split_quotes(quotes: list[Quote]) -> Iterator[Quote]:
    """“A,” she said, “B.” is one utterance: the part after the cue points at the part before."""
    first: Quote | None = None
    for quote in quotes:
        previous = first
        if (
            previous is not None
            and quote.kind in {"direct", "partial"}
            and previous.kind in {"direct", "partial"}
            and quote.cue is not None
            and quote.cue == previous.cue
        ):
            yield dataclasses.replace(quote, part_of=previous.part_of or previous.span)
            continue
        first = quote if quote.kind in {"direct", "partial"} else first
        yield quote


def _person_names(mentions: Sequence[Mention]) -> frozenset[str]:
    """Every name the tagger read as a person's somewhere in the article, and its surname: a
    "Trump" tagged ORG here is a person when "Donald Trump" is one there."""
    names: set[str] = set()
    for mention in mentions:
        if mention.label == "PERSON":
            names.add(mention.text.lower())
            names.add(mention.text.split()[-1].lower())
    return frozenset(names)


_BACK_REFERENCES = (
    "the publication",
    "the outlet",
    "the media",
    "according",
    "the newspaper",
    "the agency",
    "the magazine",
)


def _outlet_positions(text: str, relays: Sequence[Attributed]) -> list[tuple[int, Span, str]]:
    """Where the article names each outlet it relays: (position, name span, outlet)."""
    found = []
    for relay in relays:
        for span in relay.evidence:
            written = span.of(text)
            if written.lower().startswith(_BACK_REFERENCES):
                continue
            name = written[: len(relay.value)] if written.startswith(relay.value) else written.split()[0]
            found.append((span.start, Span(span.start, span.start + len(name)), relay.value))
    return sorted(found, key=lambda item: item[0])


def _in_any(position: int, spans: Sequence[Span]) -> bool:
    return any(span.start <= position < span.end for span in spans)


def _resolve(
    text: str,
    quote: Quote,
    mentions: Sequence[Mention],
    before: list[Quote],
    people: frozenset[str],
    outlets: list[tuple[int, Span, str]],
) -> Quote:
    """Give a pronoun its antecedent, "the publication" its outlet, a cue-less quote its speaker."""
    if quote.speaker_kind == "pronoun" and quote.speaker is not None:
        span, name, kind = _antecedent(text, quote.speaker, mentions, people)
        return dataclasses.replace(quote, speaker=span, speaker_text=name, speaker_kind=kind)
    if quote.speaker_kind == "unnamed" and quote.speaker_text and _DESIGNATOR.match(quote.speaker_text):
        earlier = [item for item in outlets if item[0] < (quote.cue or quote.span).start]
        if earlier:
            _, span, outlet = earlier[-1]
            return dataclasses.replace(
                quote, speaker=span, speaker_text=span.of(text), speaker_kind="outlet", note=f"relays {outlet}"
            )
    if quote.note in {"continuation", "answer"}:
        previous = next((q for q in reversed(before) if q.speaker is not None and q.kind != "scare"), None)
        if previous is None:
            return dataclasses.replace(quote, note=None)
        why = "answer of the previous speaker" if quote.note == "answer" else "continues the previous speaker"
        return dataclasses.replace(
            quote,
            speaker=previous.speaker,
            speaker_text=previous.speaker_text,
            speaker_kind=previous.speaker_kind,
            channel=quote.channel or previous.channel,
            note=why,
            speaker_phrase=None,  # nothing names the speaker here: it carries over
        )
    return quote


_DESIGNATOR = re.compile(
    r"^(?:the\s+)?(?:media\s+)?(?:publication|outlet|newspaper|paper|agency|news agency|magazine|article|report|"
    r"material|authors of the material|authors)\b",
    re.I,
)


def _quotation_marks(text: str) -> Iterator[_Marked]:
    """Top-level quotations, paragraph by paragraph; an unclosed one ends with its paragraph."""
    offset = 0
    for paragraph in text.split("\n"):
        index = 0
        while index < len(paragraph):
            char = paragraph[index]
            closer = _OPENERS.get(char)
            if closer is None or not _opens(paragraph, index):
                index += 1
                continue
            end = _closing(paragraph, index + 1, char, closer)
            content_end = end if end is not None else len(paragraph.rstrip())
            start = index + 1
            while start < content_end and paragraph[start].isspace():
                start += 1
            stop = content_end
            while stop > start and paragraph[stop - 1].isspace():
                stop -= 1
            if stop - start >= 2:
                yield _Marked(Span(offset + start, offset + stop), offset + index, paragraph[:index].strip() == "")
            index = (end + 1) if end is not None else len(paragraph)
        offset += len(paragraph) + 1


def _opens(paragraph: str, index: int) -> bool:
    """A mark opens a quote at the start, or after a space, a dash, a colon or a bracket;
    an apostrophe inside a word ("don’t", "Putin’s") never does."""
    before = paragraph[index - 1] if index > 0 else " "
    after = paragraph[index + 1] if index + 1 < len(paragraph) else " "
    if after.isspace():
        return False
    return before.isspace() or before in "([—–-:;,/"


def _closing(paragraph: str, start: int, opener: str, closer: str) -> int | None:
    depth = 0
    index = start
    while index < len(paragraph):
        char = paragraph[index]
        if opener != closer and char == opener and _opens(paragraph, index):
            depth += 1
        elif char == closer:
            after = paragraph[index + 1] if index + 1 < len(paragraph) else " "
            word_inside = closer in "’'" and after.isalpha()  # an apostrophe: "Russia’s"
            if not word_inside:
                if depth == 0:
                    return index
                depth -= 1
        index += 1
    return None


def _attribute(parsed: Doc, text: str, item: _Marked, mentions: Sequence[Mention]) -> Quote:
    content = item.span
    words = len(content.of(text).split())
    sentence_tokens = _sentence_tokens(parsed, item)
    outside = [t for t in sentence_tokens if not (item.opened <= t.idx <= content.end)]
    cue, speaker = _cue(outside, item, mentions)
    kind, note = "direct", None
    if cue is not None:
        if _quote_inside_complement(cue, item) and _prose_around(text, item):
            kind = "partial"
    else:
        inline = sum(1 for t in outside if not t.is_punct and not t.is_space)
        if (words <= 4 and inline > 0) or (inline > 0 and _prose_around(text, item) and words <= 8):
            kind = "scare"  # a term in quotation marks, nobody's statement unless attributed
        elif _answer_cue(text, item):
            note = "answer"
        elif item.open_paragraph or inline == 0:
            # No cue of its own: a paragraph opening with it, or a quote standing alone after
            # another, continues the speaker before.
            note = "continuation"
    speaker_span, speaker_text, speaker_kind, phrase = speaker if speaker else (None, None, None, None)
    return Quote(
        span=content,
        text=content.of(text),
        kind=kind,
        cue=Span(cue.idx, cue.idx + len(cue.text)) if cue is not None else None,
        cue_text=_cue_text(cue) if cue is not None else None,
        speaker=speaker_span,
        speaker_text=speaker_text,
        speaker_kind=speaker_kind,
        channel=_channel(text, sentence_tokens),
        extractor=EXTRACTOR,
        note=note,
        speaker_phrase=phrase,
    )


def _cue_text(cue: Token) -> str:
    return "according to" if cue.lower_ == "according" else cue.text


def _sentence_tokens(parsed: Doc, item: _Marked) -> list[Token]:
    """Tokens of the sentences the quote opens and closes in, plus the rest of its paragraph's
    first sentence after it (the parser may split "...,” said X." off the quote)."""
    first = parsed.char_span(item.opened, item.opened + 1, alignment_mode="expand")
    last = parsed.char_span(max(item.span.end - 1, item.opened), item.span.end, alignment_mode="expand")
    if first is None or last is None:
        return []
    start_sent, end_sent = first[0].sent, last[-1].sent
    # Never past the quote's paragraph: the parser may run a sentence over a line break.
    paragraph_start = line_of(parsed.text, item.opened).start
    paragraph_end = line_of(parsed.text, item.span.end).end
    tokens = [t for t in parsed[start_sent.start : end_sent.end] if paragraph_start <= t.idx < paragraph_end]
    follow: list[Token] = list(parsed[end_sent.end : end_sent.end + 30])
    # '”, he said.' may be parsed as its own sentence: include a short tail on the same line.
    tail: list[Token] = []
    for token in follow:
        if token.idx >= paragraph_end or token.is_space:
            break
        tail.append(token)
        if token.text in ".!?":
            break
    if tail and any(t.lemma_ in SPEECH_VERBS for t in tail):
        tokens += tail
    return tokens


def _cue(
    outside: list[Token], item: _Marked, mentions: Sequence[Mention]
) -> tuple[Token | None, tuple[Span, str, str, Span] | None]:
    """The reporting verb outside the quote that governs it and has a speaker, else the nearest
    one, or "according to"; with that speaker."""
    candidates = [t for t in outside if _reporting(t) or _inverted(t)]
    candidates += [t for t in outside if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.nbor(1).lower_ == "to"]

    speakers = {token.i: _speaker(token, mentions, item) for token in candidates}

    def rank(token: Token) -> tuple[bool, bool, bool, int]:
        governs = any(item.opened <= d.idx <= item.span.end for d in token.subtree)
        speaks = speakers[token.i] is not None
        # '“...,” X wrote' is the convention: a verb right after the quote beats one before it.
        after = token.idx > item.span.end
        return (not governs, not speaks, not after, min(abs(token.idx - item.opened), abs(token.idx - item.span.end)))

    if not candidates:
        return None, None
    cue = min(candidates, key=rank)
    return cue, speakers[cue.i]


def _reporting(token: Token) -> bool:
    """A verb of saying; "conclude" only without an object ("concluded a pact" reports nothing)."""
    lemma = token.lemma_.lower()
    if lemma not in SPEECH_VERBS or token.pos_ not in {"VERB", "AUX"}:
        return False
    return lemma != "conclude" or not any(c.dep_ == "dobj" for c in token.children)


def _inverted(token: Token) -> bool:
    """An inverted cue ("Added Sam Greene, ...:") opens its sentence; taggers read it as a name."""
    return (
        bool(token.is_sent_start) and token.text[:1].isupper() and token.lower_ in {"added", "said", "wrote", "asked"}
    )


def _speaker(
    cue: Token, mentions: Sequence[Mention], item: _Marked | None = None
) -> tuple[Span, str, str, Span] | None:
    """The subject of the cue (or the object of "according to"), reduced to the name in it."""

    def usable(token: Token) -> bool:
        return item is None or not (item.opened <= token.idx <= item.span.end)

    subject: Token | None = None
    if cue.lower_ == "according":
        objects = [t for t in cue.nbor(1).children if t.dep_ == "pobj"]
        subject = objects[0] if objects else None
    else:
        subjects = [t for t in cue.children if t.dep_ in {"nsubj", "nsubjpass", "agent"} and usable(t)]
        subject = subjects[0] if subjects else None
        if subject is None and cue.dep_ in {"advcl", "conj", "xcomp"}:
            # "..., saying ...": the speaker is the subject of the verb it hangs on
            subjects = [t for t in cue.head.children if t.dep_ in {"nsubj", "nsubjpass"} and usable(t)]
            subject = subjects[0] if subjects else None
        if subject is None and cue.i + 1 < len(cue.doc):
            # "said X" or "Added Sam Greene, a professor ...:": a name or pronoun right after the verb
            following = cue.nbor(1)
            if (following.pos_ == "PROPN" or following.lower_ in _PRONOUNS) and usable(following):
                subject = following.head if following.dep_ == "compound" else following
        if subject is None and cue.i > 0:
            # '”, he said' parsed without a subject: the pronoun or name just before the verb
            preceding = cue.nbor(-1)
            if (preceding.pos_ == "PROPN" or preceding.lower_ in _PRONOUNS) and usable(preceding):
                subject = preceding
    if subject is None:
        return None
    return (*_name_of(subject, mentions), _phrase(subject))


def _attitude(token: Token) -> bool:
    """A verb of belief, finding or wish ("the survey shows that", "she wants the agency to"): its
    complement is reported as an ``indirect`` quote marked ``attitude``, not as speech."""
    return token.lemma_.lower() in ATTITUDE_VERBS and token.pos_ == "VERB"


def _phrase(subject: Token) -> Span:
    """The speaker as written: the subject's noun phrase, without appositives and clauses."""
    skip = {"appos", "relcl", "acl", "punct", "cc", "conj"}
    kept = [subject]
    stack = list(subject.children)
    while stack:
        token = stack.pop()
        if token.dep_ in skip:
            continue
        kept.append(token)
        stack.extend(token.children)
    line_start = line_of(subject.doc.text, subject.idx).start
    kept = sorted((t for t in kept if t.idx >= line_start), key=lambda t: t.i)
    return Span(kept[0].idx, kept[-1].idx + len(kept[-1].text))


def _name_of(subject: Token, mentions: Sequence[Mention]) -> tuple[Span, str, str]:
    lower = subject.lower_
    if lower in _PRONOUNS:
        return Span(subject.idx, subject.idx + len(subject.text)), subject.text, "pronoun"
    named = [m for m in mentions if m.span.start <= subject.idx < m.span.end]
    if named:
        mention = named[0]
        return mention.span, mention.text, "named"
    if subject.pos_ == "PROPN":
        # A name the tagger missed ("Notte wrote"): the proper noun with its compounds.
        parts = [t for t in subject.subtree if t.dep_ == "compound" and t.pos_ == "PROPN"] + [subject]
        parts.sort(key=lambda t: t.i)
        span = Span(parts[0].idx, parts[-1].idx + len(parts[-1].text))
        return span, subject.doc.text[span.start : span.end], "named"
    # A group ("analysts", "officials in Venezuela", "one source") or an unnamed speaker ("the
    # publication"): the noun phrase, without appositives and clauses.
    tree = [t for t in subject.subtree if t.i <= subject.i or t.dep_ in {"prep", "pobj", "amod", "compound"}]
    tree = [t for t in tree if t.dep_ != "punct"] or [subject]
    # The phrase stays on the subject's line: a parse may reach back over a headline or dateline.
    line = line_of(subject.doc.text, subject.idx)
    tree = [t for t in tree if line.start <= t.idx < line.end] or [subject]
    span = Span(tree[0].idx, tree[-1].idx + len(tree[-1].text))
    kind = "group" if subject.lemma_.lower() in _GROUP_HEADS or lower in _GROUP_HEADS else "unnamed"
    return span, subject.doc.text[span.start : span.end], kind


def _antecedent(
    text: str, pronoun: Span, mentions: Sequence[Mention], people: frozenset[str]
) -> tuple[Span | None, str | None, str | None]:
    """He/she: the nearest person named before the pronoun outside anything said; it: the nearest
    organisation (or a "person" the article describes as a channel or a company); they: a group.

    In a trailing attribution (", he said.") the names earlier in the same sentence belong to what
    was said, so the search starts before that sentence.
    """
    word = pronoun.of(text).lower()
    kind = _PRONOUNS.get(word, "person")
    if kind == "group":
        return pronoun, pronoun.of(text), "group"
    limit = pronoun.start
    if text[max(0, pronoun.start - 2) : pronoun.start].strip() in {",", "”,", '",'}:
        limit = max(text.rfind(mark, 0, pronoun.start) for mark in (". ", "? ", "! ", "\n", ".” ", '." ')) + 1
    for mention in reversed([m for m in mentions if m.span.end <= limit]):
        if mention.label in {"GPE", "NORP", "LOC", "PRODUCT", "FAC"}:
            continue
        organisation = _described_as_organisation(text, mention)
        person = (mention.label == "PERSON" or mention.text.lower() in people) and not organisation
        if (kind == "person") == person:
            return mention.span, mention.text, "named"
    return pronoun, pronoun.of(text), "pronoun"


def _described_as_organisation(text: str, mention: Mention) -> bool:
    """A name tagged as a person but described as a channel or a company ("the pro-Kremlin
    Telegram channel Dva Mayora") is an "it"; "the head of the dockers' union" is a person."""
    return mention.description is not None and describes_organisation(mention.description.of(text))


def _quote_inside_complement(cue: Token, item: _Marked) -> bool:
    """The quote sits inside what the verb reports or names ("saying Moscow had reason to “be
    jealous”", "called it an “act of aggression”")."""
    for child in cue.children:
        if child.dep_ not in {"nsubj", "nsubjpass", "punct", "agent"}:
            tree = list(child.subtree)
            start, end = tree[0].idx, tree[-1].idx + len(tree[-1].text)
            if start < item.opened and item.span.end <= end + 2:
                return True
    return False


def _prose_around(text: str, item: _Marked) -> bool:
    """Words of the sentence stand right before the quote, inside the same clause."""
    before = text[max(0, item.opened - 40) : item.opened]
    return bool(re.search(r"[A-Za-z]\s*$", before))


def _answer_cue(text: str, item: _Marked) -> bool:
    before = text[max(0, item.opened - 30) : item.opened].strip()
    return bool(re.search(r"\b(?:His|Her|Their|The) (?:answer|reply|response)\s*:$", before))


def _channel(text: str, tokens: list[Token]) -> str | None:
    if not tokens:
        return None
    sentence = text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
    match = _CHANNEL.search(sentence)
    if not match:
        return None
    if match.group("channel"):
        return match.group("channel")
    if match.group("committee"):
        return match.group("committee")
    piece = match.group("piece")
    venue = match.group("venue")
    return f"{piece} for {venue}" if venue else piece


def _indirect(parsed: Doc, text: str, mentions: Sequence[Mention], quoted: Sequence[Span]) -> Iterator[Quote]:
    """Reported speech without quotation marks: "X said (that) ...", "according to X, ..."."""
    for sentence in parsed.sents:
        for token in sentence:
            if _in_any(token.idx, quoted):
                continue
            content: SpacySpan | None = None
            if _reporting(token) or _attitude(token):
                complements = [c for c in token.children if c.dep_ == "ccomp"]
                if complements:
                    tree = list(complements[0].subtree)
                    content = parsed[tree[0].i : tree[-1].i + 1]
            elif token.lower_ == "according" and token.i + 1 < len(parsed) and token.nbor(1).lower_ == "to":
                head = token.head
                if head.i != token.i:
                    phrase_end = max(c.i for c in token.subtree)
                    tree = [t for t in head.subtree if not (token.i <= t.i <= phrase_end)]
                    tree = [t for t in tree if t.dep_ != "punct" or tree[0].i < t.i < tree[-1].i]
                    if tree:
                        content = parsed[tree[0].i : tree[-1].i + 1]
            if content is None or len(content) < 3:
                continue
            span = _one_line(text, Span(content.start_char, content.end_char), token.idx)
            if span is None or _in_any(span.start, quoted) or _in_any(span.end - 1, quoted):
                continue  # a quotation already covers it
            speaker = _speaker(token, mentions)
            speaker_span, speaker_text, speaker_kind, phrase = speaker if speaker else (None, None, None, None)
            span = _strip_mark(text, span)
            yield Quote(
                span=span,
                text=span.of(text),
                kind="indirect",
                cue=Span(token.idx, token.idx + len(token.text)),
                cue_text=_cue_text(token),
                speaker=speaker_span,
                speaker_text=speaker_text,
                speaker_kind=speaker_kind,
                channel=_channel(text, list(sentence)),
                extractor=EXTRACTOR,
                attitude=token.lemma_.lower() in ATTITUDE_VERBS,
                speaker_phrase=phrase,
            )


def _one_line(text: str, span: Span, anchor: int) -> Span | None:
    """Reported content stays on its cue's line: the parser may run a sentence over a heading."""
    line = line_of(text, anchor)
    start, end = max(span.start, line.start), min(span.end, line.end)
    return Span(start, end) if end - start >= 3 else None


def _strip_mark(text: str, span: Span) -> Span:
    """Drop a leading "that" and trailing punctuation from reported content."""
    start, end = span.start, span.end
    match = re.match(r"that\s+", text[start:end])
    if match:
        start += match.end()
    while end > start and text[end - 1] in ".,;: ":
        end -= 1
    return Span(start, end)
