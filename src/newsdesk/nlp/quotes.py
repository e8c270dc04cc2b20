"""Who said what in one article: direct, partial and indirect quotes with their cue and speaker.

Quotation marks give the direct and partial quotes (every style: “ ” " ' ‘ ’ « » „); the parse gives
the cue (a reporting verb outside the quote, or "according to") and its subject, the speaker. A
partial quote's content is the whole report it stands in ("said the plan was “a disaster”"). A
quote with no cue of its own continues the speaker before: in its cue's paragraph, or a quotation
reopened after a paragraph left it open, it is a part of the same utterance (``part_of``).
Transcript turns ("PENCE: ...") and signed quotes ('“...” ― Jane Roe') name their speaker without
a verb (``turns``). Pronouns ("he said", "they added", "Her verdict:") take the nearest fitting antecedent before them
(``speakers``), a title ("the mayor said") the one person given it, or stay unresolved. Reported
speech and attitudes without marks ("X said that ...", "according to X, ...", "X urged Y to ...",
"X's claim that ...") give the indirect quotes (``cues``). Resolution to canonical entities happens
later, at the story level, through the speaker span.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from newsdesk.intervals import Disjoint, holding
from newsdesk.model import Attributed, Mention, Quote, Span, line_of
from newsdesk.nlp.cues import (
    ATTITUDE_VERBS,
    NOUN_CUES,
    SPEECH_PAST,
    SPEECH_VERBS,
    according_content,
    is_attitude,
    noun_cue,
    noun_holder,
    possible_cues,
    reported,
    verb_cue,
    without_trailing_attribution,
)
from newsdesk.nlp.gender import name_genders
from newsdesk.nlp.models import parsed_text
from newsdesk.nlp.posts import embedded_posts
from newsdesk.nlp.quotemarks import OPENERS, Marked, quotation_marks
from newsdesk.nlp.roles import SPEAKING_THINGS
from newsdesk.nlp.speakers import PRONOUNS, antecedents, outlet_positions, person_names, resolve_speaker
from newsdesk.nlp.turns import SIGNATURE, transcript_turn, transcript_turns

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

EXTRACTOR = "newsdesk.quotes.rules.v1"
__all__ = ["ATTITUDE_VERBS", "EXTRACTOR", "SPEECH_VERBS", "find_quotes"]


# Pronouns that can be a cue's subject ("he said", "said they"); never an object ("told him").
_SUBJECT_PRONOUNS = frozenset("he she it they i we".split())
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
    in_heading = _covering(headings)
    marked = [m for m in quotation_marks(parsed_text(parsed)) if not _in_any(m.opened, in_heading)]
    quoted = [Span(m.opened, m.span.end + 1) for m in marked]
    in_quote = _covering(quoted)
    drafts = [_attribute(parsed, text, item, mentions) for item in marked]
    drafts += [q for q in transcript_turns(text, quoted, EXTRACTOR) if not _in_any(q.span.start, in_heading)]
    # A partial quote already reports its cue's whole clause.
    partial_cues = {q.cue for q in drafts if q.kind == "partial"}
    drafts += [
        q
        for q in _indirect(parsed, text, mentions, in_quote)
        if not _in_any(q.span.start, in_heading) and q.cue not in partial_cues
    ]
    # An embedded post is its account's words: what else was read inside it or its signature yields.
    # A signature shows a post even where its short unpunctuated line passed for a heading; it is
    # read on the text as written (cleaning removes a card's time stamp as furniture), and a post
    # counts only when its words are in the body.
    posts = [q for q in embedded_posts(text, EXTRACTOR) if parsed_text(parsed)[q.span.start : q.span.end] == q.text]
    in_post = _covering([_post_extent(q) for q in posts])
    drafts = [q for q in drafts if not _in_any(q.span.start, in_post)] + posts
    drafts.sort(key=lambda q: q.span.start)
    drafts = [q for q in drafts if not _nested(q, drafts)]
    said = _covering([q.span for q in drafts])
    # A name inside what somebody said is never the one who said it.
    outside = [m for m in mentions if not _in_any(m.span.start, in_quote) and not _in_any(m.span.start, said)]
    people = person_names(mentions)
    genders = name_genders(text, mentions)
    outlets = outlet_positions(text, relays)
    candidates = antecedents(parsed, text, outside, _covering(quoted + [q.span for q in drafts]), (people, genders))
    resolved: list[Quote] = []
    for draft in drafts:
        resolved.append(resolve_speaker(text, draft, mentions, candidates, resolved, outlets))
    resolved = [q for q in resolved if not _within_report(q, resolved)]
    unclosed = frozenset(m.span.end for m in marked if not m.closed)
    return tuple(_join_parts(text, resolved, unclosed))


def _within_report(quote: Quote, quotes: Sequence[Quote]) -> bool:
    """Words in quotation marks inside a report of the same statement ("the company said attacks
    were spreading “like wildfire”") are part of that report, not a quote of their own: shown apart
    they would make a word or two pass for everything the speaker said."""
    if quote.kind not in ("direct", "partial"):
        return False
    return any(
        other is not quote
        and other.kind in ("indirect", "partial", "direct")
        and other.span.start <= quote.span.start
        and quote.span.end <= other.span.end + 1
        and (other.span.end - other.span.start) > (quote.span.end - quote.span.start)
        and (quote.cue is None or quote.cue == other.cue)
        for other in quotes
    )


def _post_extent(post: Quote) -> Span:
    """A post's words with its signature or card lines, whichever side of the words they are."""
    parts = [post.span, *(s for s in (post.speaker_phrase, post.cue) if s is not None)]
    return Span(min(s.start for s in parts), max(s.end for s in parts))


def _nested(quote: Quote, drafts: Sequence[Quote]) -> bool:
    """A report inside what somebody else is reported to say ("said she thinks ...") is theirs to
    report, part of the outer content rather than an attribution of its own."""
    if quote.kind != "indirect" or quote.cue is None or not quote.attitude:
        return False
    return any(
        other is not quote
        and other.kind != "scare"
        and other.span.start <= quote.cue.start < other.span.end
        and other.span.start <= quote.span.start
        and quote.span.end <= other.span.end + 1
        for other in drafts
    )


def _join_parts(text: str, quotes: list[Quote], unclosed: frozenset[int]) -> Iterator[Quote]:
    """One utterance in several parts: the parts after the first point at the first.

    “A,” she said, “B.” (the same cue); “A,” she said. “B.” (a quote with no cue of its own in the
    same paragraph); and a quotation left open at the end of its paragraph that the next paragraph
    opens again, the convention for a quotation running over several paragraphs.
    """
    previous: Quote | None = None
    seen: set[tuple[Span, str]] = set()
    for quote in quotes:
        # A quotation found twice (by two rules) is one quote, not a part of itself; the store
        # refuses a second annotation with the same key.
        if (quote.span, quote.kind) in seen:
            continue
        seen.add((quote.span, quote.kind))
        if quote.kind in {"direct", "partial"} and previous is not None:
            same_cue = quote.cue is not None and quote.cue == previous.cue
            carried = quote.cue is None and quote.note == "continues the previous speaker"
            if (
                same_cue
                or _reopened(text, previous, quote, unclosed)
                or (carried and _continues(text, previous, quote))
            ):
                quote = dataclasses.replace(quote, part_of=previous.part_of or previous.span)
        if quote.kind in {"direct", "partial"}:
            previous = quote
        yield quote


def _continues(text: str, previous: Quote, quote: Quote) -> bool:
    return line_of(text, previous.span.start) == line_of(text, quote.span.start)


def _reopened(text: str, previous: Quote, quote: Quote, unclosed: frozenset[int]) -> bool:
    """The quotation before runs to the end of the paragraph before, unclosed, and this one opens
    the next paragraph."""
    between = text[previous.span.end : quote.span.start]
    return (
        previous.span.end in unclosed and between.count("\n") >= 1 and not between.strip(" \n\t\xa0" + "".join(OPENERS))
    )


def _covering(spans: Sequence[Span]) -> Disjoint:
    """The characters of ``spans``, for position tests that stay cheap however many there are."""
    cover = Disjoint()
    for span in spans:
        if span.end > span.start:
            cover.cover(span.start, span.end)
    return cover


def _in_any(position: int, cover: Disjoint) -> bool:
    return cover.overlaps(position, position + 1)


def _attribute(parsed: Doc, text: str, item: Marked, mentions: Sequence[Mention]) -> Quote:
    content = item.span
    words = len(content.of(text).split())
    sentence_tokens = _sentence_tokens(parsed, item)
    outside = [t for t in sentence_tokens if not (item.opened <= t.idx <= content.end)]
    cue, speaker = _cue(outside, item, mentions)
    kind, note = "direct", None
    label_cue: Token | None = None
    if cue is not None:
        if _quote_inside_complement(cue, item) and _prose_around(text, item):
            kind = "partial"
            content = _widened(text, cue, item)
    else:
        inline = sum(1 for t in outside if not t.is_punct and not t.is_space)
        if (words <= 4 and inline > 0) or (inline > 0 and _prose_around(text, item) and words <= 8):
            kind = "scare"  # a term in quotation marks, nobody's statement unless attributed
        elif (label := _label(outside, item)) is not None:
            # "Her verdict: “...”", "The answer: “...”": a label names the quote as somebody's words.
            label_cue, owner = label
            if owner is not None:
                speaker = (*_name_of(owner, mentions), _phrase(owner))
            else:
                note = "answer"
        elif (sourced := _sourced_noun(outside, item, mentions)) is not None:
            # "with a statement from Jane Roe, “...”", "the words of the mayor: “...”": whose words they are.
            label_cue, speaker = sourced
        elif (intro := _colon_intro(outside, item, mentions)) is not None:
            # "Roe continued: “...”", "Roe made the following comment: “...”": the clause before the
            # colon gives its subject the word.
            label_cue, speaker = intro
        elif item.open_paragraph or inline == 0:
            # No cue of its own: a paragraph opening with it, or a quote standing alone after
            # another, continues the speaker before.
            note = "continuation"
    speaker_span, speaker_text, speaker_kind, phrase = speaker if speaker else (None, None, None, None)
    cue_span = Span(cue.idx, cue.idx + len(cue.text)) if cue is not None else None
    cue_text = _cue_text(cue) if cue is not None else None
    if label_cue is not None and speaker is not None:
        cue_span, cue_text = Span(label_cue.idx, label_cue.idx + len(label_cue.text)), label_cue.text
    signed = SIGNATURE.match(text, content.end)
    if signed is not None and cue is None and kind != "scare":
        # '“...” ― Karen Diaz.': the name signs the quotation.
        name = Span(signed.start("name"), signed.end("name"))
        named = [m for m in holding(mentions, name.start) if m.span.start == name.start]
        name = named[0].span if named else name
        speaker_span, speaker_text, speaker_kind, phrase = name, name.of(text), "named", name
        cue_span, cue_text, note = Span(signed.start("dash"), signed.end("dash")), signed.group("dash"), None
    turn = transcript_turn(text, content.start)
    if turn is not None and cue is None:
        # '"PENCE: Well, ...': a transcript's speaker and the colon that gives them the word.
        name = Span(turn.start("name"), turn.end("name"))
        speaker_span, speaker_text, speaker_kind, phrase = name, name.of(text), "named", name
        cue_span, cue_text, note = Span(turn.end("name"), turn.end("name") + 1), ":", None
        content = Span(turn.end(), content.end)
    return Quote(
        span=content,
        text=content.of(text),
        kind=kind,
        cue=cue_span,
        cue_text=cue_text,
        speaker=speaker_span,
        speaker_text=speaker_text,
        speaker_kind=speaker_kind,
        channel=_channel(text, sentence_tokens),
        extractor=EXTRACTOR,
        note=note,
        speaker_phrase=phrase,
    )


def _widened(text: str, cue: Token, item: Marked) -> Span:
    """A partial quote's content is the whole report it stands in ("said the plan was “a disaster”"
    reports that the plan was a disaster), as far as the parse finds it on the quote's line."""
    report = reported(cue)
    if report is None:
        return item.span
    doc = cue.doc
    start = doc[report.first].idx
    end = doc[report.last].idx + len(doc[report.last].text)
    if not (start <= item.opened and item.span.end <= end + 1):
        return item.span  # the quote is not inside what the cue reports
    line = line_of(text, item.opened)
    span = _strip_mark(text, Span(max(start, line.start), max(min(end, line.end), item.span.end)))
    marks = "".join(OPENERS) + "".join(OPENERS.values()) + " "
    first, last = span.start, span.end
    while first < last and text[first] in marks:
        first += 1
    while last > first and text[last - 1] in marks + ".,;:":
        last -= 1
    return Span(first, last) if last - first > item.span.end - item.span.start else item.span


def _cue_text(cue: Token) -> str:
    return "according to" if cue.lower_ == "according" else cue.text


def _sentence_tokens(parsed: Doc, item: Marked) -> list[Token]:
    """Tokens of the sentences the quote opens and closes in, plus the rest of its paragraph's
    first sentence after it (the parser may split "...,” said X." off the quote)."""
    first = parsed.char_span(item.opened, item.opened + 1, alignment_mode="expand")
    last = parsed.char_span(max(item.span.end - 1, item.opened), item.span.end, alignment_mode="expand")
    if first is None or last is None:
        return []
    start_sent, end_sent = first[0].sent, last[-1].sent
    # Never past the quote's paragraph: the parser may run a sentence over a line break.
    paragraph_start = line_of(parsed_text(parsed), item.opened).start
    paragraph_end = line_of(parsed_text(parsed), item.span.end).end
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
    outside: list[Token], item: Marked, mentions: Sequence[Mention]
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
    """An inverted cue opens its sentence with a verb of saying in the past ("Said the mayor: ...",
    "Replied Jane Roe, ...:"); taggers often read the verb as a name, so its form is what counts."""
    opens = bool(token.is_sent_start) or line_of(parsed_text(token.doc), token.idx).start == token.idx
    return opens and token.text[:1].isupper() and token.lower_ in SPEECH_PAST


def _speaker(cue: Token, mentions: Sequence[Mention], item: Marked | None = None) -> tuple[Span, str, str, Span] | None:
    """The subject of the cue (or the object of "according to"), reduced to the name in it."""

    line = line_of(parsed_text(cue.doc), cue.idx)

    def usable(token: Token) -> bool:
        # Outside the quote, and on the cue's line: a parse may reach back over a heading.
        inside = item is not None and item.opened <= token.idx <= item.span.end
        return not inside and line.start <= token.idx < line.end

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
            # "said X" or "Replied Jane Roe, a professor ...:": a name or pronoun right after the verb
            following = cue.nbor(1)
            if _could_speak(following) and usable(following):
                subject = following.head if following.dep_ == "compound" else following
        if subject is None and cue.i > 0:
            # '”, he said' parsed without a subject: the pronoun or name just before the verb
            preceding = cue.nbor(-1)
            if _could_speak(preceding) and usable(preceding):
                subject = preceding
    if subject is not None and subject.lower_ in _RELATIVES and cue.dep_ == "relcl" and usable(cue.head):
        subject = cue.head  # "Roe, who boasted ...": the one the clause is about
    if subject is not None and line_of(parsed_text(cue.doc), subject.idx) != line_of(parsed_text(cue.doc), cue.idx):
        subject = _subject_on_line(cue)  # the parse ran over a line break ("12:15 p.m. / Roe says")
    if subject is None or _is_time(subject):
        return None  # "said Sunday": a day says nothing
    span, name, kind = _name_of(subject, mentions)
    phrase = _phrase(subject)
    start = cue.idx + len(cue.text) + 1
    if span.start == cue.idx and span.end > start:
        # "Replied Jonas Falk": the tagger took the inverted verb into the name.
        span, name = Span(start, span.end), parsed_text(cue.doc)[start : span.end]
        phrase = Span(start, phrase.end) if phrase.start <= start < phrase.end else span
    return span, name, kind, phrase


_RELATIVES = frozenset({"who", "that", "which"})
# The words of days and months: "said Sunday", "Monday said" (a parse error) name no speaker.
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight tomorrow january february "
    "march april may june july august september october november december".split()
)


def _is_time(token: Token) -> bool:
    return token.ent_type_ in {"DATE", "TIME"} or token.lower_ in _CALENDAR


def _could_speak(token: Token) -> bool:
    """A word next to a cue that may be its speaker when the parse gave the cue no subject: a name
    or a subject pronoun, never the one spoken to ("told Smith", "told him") nor a time ("said Monday")."""
    if token.dep_ in {"dobj", "dative", "iobj", "pobj", "npadvmod"} or _is_time(token):
        return False
    return token.pos_ == "PROPN" or token.lower_ in _SUBJECT_PRONOUNS


def _subject_on_line(cue: Token) -> Token | None:
    """A name or pronoun just before the cue on its own line, when the parse found none there."""
    line = line_of(parsed_text(cue.doc), cue.idx)
    before = [t for t in cue.doc[max(0, cue.i - 8) : cue.i] if t.idx >= line.start and not t.is_space]
    if before and _could_speak(before[-1]):
        return before[-1]
    return None


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
    line_start = line_of(parsed_text(subject.doc), subject.idx).start
    kept = sorted((t for t in kept if t.idx >= line_start), key=lambda t: t.i)
    return Span(kept[0].idx, kept[-1].idx + len(kept[-1].text))


def _name_of(subject: Token, mentions: Sequence[Mention]) -> tuple[Span, str, str]:
    lower = subject.lower_
    if lower in PRONOUNS or lower in _RELATIVES:
        # "who said" with no clause to hang on: a pronoun nothing here resolves.
        return Span(subject.idx, subject.idx + len(subject.text)), subject.text, "pronoun"
    named = holding(mentions, subject.idx)
    if named:
        mention = named[0]
        return mention.span, mention.text, "named"
    for child in subject.children:
        # "said the port's chief engineer Tom Ekwall": the description's name is the speaker.
        apposed = holding(mentions, child.idx) if child.dep_ == "appos" and child.i > subject.i else []
        if apposed and apposed[0].label in ("PERSON", "ORG"):
            return apposed[0].span, apposed[0].text, "named"
    if subject.pos_ == "PROPN":
        # A name the tagger missed ("Kessel wrote"): the proper noun with its compounds.
        parts = [t for t in subject.subtree if t.dep_ == "compound" and t.pos_ == "PROPN"] + [subject]
        parts.sort(key=lambda t: t.i)
        span = Span(parts[0].idx, parts[-1].idx + len(parts[-1].text))
        return span, parsed_text(subject.doc)[span.start : span.end], "named"
    # A group ("analysts", "officials in the region", "one source") or an unnamed speaker ("the
    # publication"): the noun phrase, without appositives and clauses.
    clauses = {t.i for c in subject.children if c.dep_ in {"relcl", "acl", "appos", "conj", "cc"} for t in c.subtree}
    kept = {t.i for t in subject.subtree if t.i not in clauses}
    # The phrase stays on the subject's line: a parse may reach back over a headline or dateline.
    line = line_of(parsed_text(subject.doc), subject.idx)
    kept = {i for i in kept if line.start <= subject.doc[i].idx < line.end}
    # The unbroken run of words around the subject, without a clause inside it.
    first, last = subject.i, subject.i
    while first - 1 in kept:
        first -= 1
    while last + 1 in kept:
        last += 1
    tree = [t for t in subject.doc[first : last + 1] if t.dep_ != "punct" or first < t.i < last] or [subject]
    span = Span(tree[0].idx, tree[-1].idx + len(tree[-1].text))
    head = subject.lemma_.lower()
    if head in _GROUP_HEADS or lower in _GROUP_HEADS:
        kind = "group"
    elif head in SPEAKING_THINGS or lower in SPEAKING_THINGS or subject.ent_type_:
        kind = "unnamed"
    else:
        kind = "thing"  # "the walk is meant to show ...": a subject that speaks for nobody
    return span, parsed_text(subject.doc)[span.start : span.end], kind


def _quote_inside_complement(cue: Token, item: Marked) -> bool:
    """The quote sits inside what the verb reports or names ("saying the council had reason to
    “be worried”", "called it an “act of vandalism”")."""
    for child in cue.children:
        if child.dep_ not in {"nsubj", "nsubjpass", "punct", "agent"}:
            tree = list(child.subtree)
            start, end = tree[0].idx, tree[-1].idx + len(tree[-1].text)
            if start < item.opened and item.span.end <= end + 2:
                return True
    return False


def _prose_around(text: str, item: Marked) -> bool:
    """Words of the sentence stand right before the quote, inside the same clause."""
    before = text[max(0, item.opened - 40) : item.opened]
    return bool(re.search(r"[A-Za-z]\s*$", before))


def _label(outside: list[Token], item: Marked) -> tuple[Token, Token | None] | None:
    """A short verbless phrase ending with a colon that names the quote after it as somebody's
    words ("His answer:", "The mayor's verdict:", "The response from the ministry:"): the label's
    noun, and whose words they are (the possessor, or the object of "from"/"of"), if written."""
    before = [t for t in outside if t.idx < item.opened and not t.is_space]
    if not before or before[-1].text != ":":
        return None
    line = line_of(parsed_text(before[-1].doc), before[-1].idx)
    phrase = [t for t in before[:-1] if t.idx >= line.start]
    if not phrase or len(phrase) > 7 or any(t.pos_ in {"VERB", "AUX"} for t in phrase):
        return None
    if not phrase[0].is_sent_start and phrase[0].idx != line.start:
        return None  # the label is the whole sentence before the quote
    nouns = [t for t in phrase if t.pos_ == "NOUN" and t.lemma_.lower() in _LABEL_NOUNS]
    if not nouns:
        return None
    noun = nouns[0]
    owners = [c for c in noun.children if c.dep_ == "poss"]
    owners += [
        o
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ in {"from", "of"}
        for o in c.children
        if o.dep_ == "pobj"
    ]
    return noun, (owners[0] if owners else None)


def _sourced_noun(
    outside: list[Token], item: Marked, mentions: Sequence[Mention]
) -> tuple[Token, tuple[Span, str, str, Span]] | None:
    """A noun of speech right before the quote (a comma or colon between) that says whose words
    follow: "a statement from Jane Roe, “...”", "the words of the mayor: “...”", "Roe's message: “...”"."""
    before = [t for t in outside if t.idx < item.opened and not t.is_space]
    if before and before[-1].text in {",", ":"}:
        before = before[:-1]
    if not before:
        return None
    noun = before[-1]
    owner: Token | None = None
    if noun.pos_ in {"PROPN", "NOUN", "PRON"} and noun.dep_ == "pobj" and noun.head.lower_ in {"from", "of"}:
        owner, noun = noun, noun.head.head  # "a statement from Jane Roe": the name closes the phrase
    elif noun.pos_ == "NOUN":
        owners = [c for c in noun.children if c.dep_ == "poss"]
        owner = owners[0] if owners else None
    if owner is None or noun.pos_ != "NOUN" or noun.lemma_.lower() not in _QUOTE_NOUNS:
        return None
    if _is_time(owner):
        return None
    found = _name_of(owner, mentions)
    return (noun, (*found, _phrase(owner))) if found[2] != "thing" else None


def _colon_intro(
    outside: list[Token], item: Marked, mentions: Sequence[Mention]
) -> tuple[Token, tuple[Span, str, str, Span]] | None:
    """A clause ending with a colon right before the quote, whose verb has a person (a name, a
    pronoun, a description of people) for subject: the verb and that speaker. A thing for subject
    ("The sign read:") gives nobody the word."""
    before = [t for t in outside if t.idx < item.opened and not t.is_space]
    if not before or before[-1].text != ":":
        return None
    line = line_of(parsed_text(before[-1].doc), before[-1].idx)
    verbs = [t for t in before[:-1] if t.idx >= line.start and t.pos_ == "VERB"]
    for verb in reversed(verbs):
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects:
            continue
        # The parse may hang the subject on a headline above: the name just before the verb then.
        subject = subjects[0] if line.start <= subjects[0].idx else _subject_on_line(verb)
        if subject is None or _is_time(subject):
            return None
        found = _name_of(subject, mentions)
        return (verb, (*found, _phrase(subject))) if found[2] != "thing" else None
    return None


# Nouns that name what follows as somebody's words ("a statement from", "the words of").
_QUOTE_NOUNS = frozenset("quote quotation words remark remarks message statement comment line phrase".split())

# Nouns that label what follows a colon as somebody's words.
_LABEL_NOUNS = NOUN_CUES | frozenset(
    "answer reply response retort verdict message advice explanation reaction comment take assessment "
    "question words motto slogan instruction instructions order excuse defense defence rebuttal riposte "
    "message reasoning diagnosis prognosis summary".split()
)


def _channel(text: str, tokens: Sequence[Token] | SpacySpan) -> str | None:
    """The channel named in the sentence ``tokens`` run over (a list, or spaCy's sentence, read
    without making a ``Token`` of each word)."""
    if not len(tokens):
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


def _indirect(parsed: Doc, text: str, mentions: Sequence[Mention], quoted: Disjoint) -> Iterator[Quote]:
    """Reported speech and attitudes without quotation marks: "X said (that) ...", "according to X,
    ...", "X urged Y to ...", "X criticized ...", "X's claim that ..." (see ``cues``)."""
    cues = possible_cues(parsed)  # no other token is a cue: the rest of each sentence is passed over
    for sentence in parsed.sents:
        for index in cues[bisect_left(cues, sentence.start) : bisect_left(cues, sentence.end)]:
            token = parsed[index]
            if _in_any(token.idx, quoted):
                continue
            content: SpacySpan | None = None
            form = "clause"
            if verb_cue(token) or noun_cue(token):
                report = reported(token)
                if report is not None:
                    content, form = parsed[report.first : report.last + 1], report.form
            elif token.lower_ == "according" and token.i + 1 < len(parsed) and token.nbor(1).lower_ == "to":
                content = according_content(parsed, token)
            if content is not None:
                content = without_trailing_attribution(content)
            if content is None or len(content) < _SHORTEST.get(form, 3):
                continue
            span = _one_line(text, Span(content.start_char, content.end_char), token.idx)
            if span is None or _in_any(span.start, quoted) or _in_any(span.end - 1, quoted):
                continue  # a quotation already covers it
            if token.pos_ == "NOUN":
                holder = noun_holder(token)
                speaker = (*_name_of(holder, mentions), _phrase(holder)) if holder is not None else None
            else:
                speaker = _speaker(token, mentions)
            if speaker is None and form in {"object", "preposition"}:
                continue  # "the plan was criticized", "calls for reform": nobody's stance in particular
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
                channel=_channel(text, sentence),
                extractor=EXTRACTOR,
                attitude=is_attitude(token),
                speaker_phrase=phrase,
            )


# Fewest tokens of reported content, by the form it takes: a clause or an infinitive says something;
# an object or a preposition's object may be one name ("criticized Smith").
_SHORTEST = {"clause": 3, "infinitive": 2, "noun": 2, "object": 1, "preposition": 1}


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
