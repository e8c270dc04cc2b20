"""Embedded social-media posts printed in an article's text, credited to their account.

A page that embeds a post prints it as the post's words followed by the platform's signature:
"— Display Name (@handle) April 29, 2018" after a tweet, "A post shared by Display Name (@handle)"
after an Instagram post; or as a card: the display name and "@handle" on lines of their own, the
words, and a time stamp line ("10:05 AM · Apr 29, 2018"). Extractors such as trafilatura keep them as text, so they are not
boilerplate; they are somebody's words, and the signature says whose. The words are the paragraph
before the signature (or the text before it on the same line, after a link to the post's picture);
the speaker is the display name when it has letters, else the handle.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsdesk.model import Quote, Span, stripped

_HANDLE = r"\(?(?P<handle>@\w{1,30})\)?"
_DATE = r"(?:[A-Z][a-z]+\.? \d{1,2}, \d{4}|\d{1,2}\.? [A-Z][a-zä]+\.? \d{4})"
# "— Jane Roe (@janeroe) April 29, 2018" (also day first), at the end of a line.
_TWEET = re.compile(
    rf"(?:^|[ \xa0])(?P<cue>[—―–-]{{1,2}})[ \xa0]*(?P<name>[^\n()@]{{0,60}}?)[ \xa0]*{_HANDLE}[ \xa0]+{_DATE}[ \xa0]*$",
    re.M,
)
# "A post shared by Jane Roe (@janeroe) on Apr 29, 2018 at 10:05am PDT", on its own line.
_SHARED = re.compile(
    rf"^[ \xa0]*(?P<cue>A post shared by)[ \xa0]+(?P<name>[^\n()@]{{0,60}}?)[ \xa0]*{_HANDLE}[^\n]*$", re.M
)
# The link a tweet ends with to its picture, and other bare links, are no part of the words.
_LINK = re.compile(r"(?:https?://|pic\.twitter\.com/|www\.)\S+")
# A post is short: a paragraph longer than this before a signature is the article's own.
_LONGEST = 600
_PLATFORM = {"tweet": "X", "shared": "Instagram"}
# A card: "@handle" alone on a line (the display name may be the line above), the words, then the
# time stamp line. Both ends are marked, so a post of several lines is taken whole.
_CARD = re.compile(
    r"^[ \xa0]*(?P<handle>@\w{1,30})[ \xa0]*\n(?P<words>(?:[^\n]*\S[^\n]*\n){1,8}?)"
    r"[ \xa0]*(?P<stamp>\d{1,2}:\d{2}[ \xa0]?(?:[AaPp]\.?[Mm]\.?)?[ \xa0]*[·•|-][ \xa0]*"
    r"[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})[ \xa0]*$",
    re.M,
)
# A display name on the line above a card's handle: up to five capitalised words, no full stop.
_NAME_LINE = re.compile(r"[ \xa0]*(?P<name>[A-Z][\w'’-]*(?:\.?[ \xa0][A-Z][\w'’-]*){0,4})[ \xa0]*$")


def embedded_posts(text: str, extractor: str) -> Iterator[Quote]:
    """Every embedded post with its signature, as a direct quote of its account."""
    yield from _cards(text, extractor)
    for shape, pattern in (("tweet", _TWEET), ("shared", _SHARED)):
        for signature in pattern.finditer(text):
            words = _words_before(text, signature.start(), same_line=shape == "tweet")
            if words is None:
                continue
            speaker = _speaker(text, signature)
            yield Quote(
                span=words,
                text=words.of(text),
                kind="direct",
                cue=Span(signature.start("cue"), signature.end("cue")),
                cue_text=signature.group("cue"),
                speaker=speaker,
                speaker_text=speaker.of(text),
                speaker_kind="named",
                channel=_PLATFORM[shape],
                extractor=extractor,
                note="embedded post",
                speaker_phrase=Span(speaker.start, signature.end("handle")),
            )


def _cards(text: str, extractor: str) -> Iterator[Quote]:
    """Posts printed as cards (see the module's docstring), credited to the name above the handle."""
    for card in _CARD.finditer(text):
        words = _without_picture(text, *card.span("words"))
        start, end = words.start, words.end
        if sum(c.isalpha() for c in text[start:end]) < 3 or end - start > _LONGEST:
            continue
        speaker = Span(card.start("handle"), card.end("handle"))
        above_end = card.start() - 1
        above = _NAME_LINE.match(text, text.rfind("\n", 0, max(above_end, 0)) + 1, max(above_end, 0))
        if above_end > 0 and above is not None:
            speaker = Span(above.start("name"), above.end("name"))
        yield Quote(
            span=Span(start, end),
            text=text[start:end],
            kind="direct",
            cue=Span(card.start("stamp"), card.end("stamp")),
            cue_text=card.group("stamp"),
            speaker=speaker,
            speaker_text=speaker.of(text),
            speaker_kind="named",
            channel="X",
            extractor=extractor,
            note="embedded post",
            speaker_phrase=Span(speaker.start, card.end("handle")),
        )


def _without_picture(text: str, start: int, end: int) -> Span:
    """The post's words without the whitespace around them and without a link at their end (the
    post's picture), which is not part of what was said."""
    span = stripped(text, start, end)
    for link in reversed(list(_LINK.finditer(text, span.start, span.end))):
        if link.end() >= span.end - 1:
            span = stripped(text, span.start, link.start())
    return span


def _words_before(text: str, signature: int, same_line: bool) -> Span | None:
    """The post's words: the text before the signature on its line, or else the paragraph before."""
    line_start = text.rfind("\n", 0, signature) + 1
    start, end = line_start, signature
    if not same_line or not text[line_start:signature].strip():
        if line_start == 0:
            return None
        end = line_start - 1
        while end > 0 and not text[end - 1 : end].strip():
            end -= 1  # blank lines between the post and its signature
        start = text.rfind("\n", 0, end) + 1
    kept = _without_picture(text, start, end)
    start, end = kept.start, kept.end
    words = text[start:end]
    if sum(c.isalpha() for c in words) < 3 or len(words) > _LONGEST:
        return None
    return Span(start, end)


def _speaker(text: str, signature: re.Match[str]) -> Span:
    """The display name, trimmed of emoji and tags, when it has letters; else the handle."""
    start, end = signature.span("name")
    while end > start and not (text[end - 1].isalpha() or text[end - 1] in ".'’"):
        end -= 1
    tag = text.find(" #", start, end)
    if tag != -1:
        end = tag
    while start < end and not text[start].isalpha():
        start += 1
    if sum(c.isalpha() for c in text[start:end]) >= 2:
        return Span(start, end)
    return Span(signature.start("handle"), signature.end("handle"))
