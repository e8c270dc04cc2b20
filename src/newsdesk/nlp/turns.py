"""Quotations whose speaker is written beside them, with no verb: transcript turns ("PENCE: ...",
"HOST: ...") and quotations signed after a dash ('“...” ― Karen Diaz.')."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from newsdesk.model import Quote, Span

# A quotation signed by its speaker after a dash, ending the paragraph.
SIGNATURE = re.compile(
    r"[”\"’'»]?[ \xa0]*(?P<dash>[―—–]|--)[ \xa0]*(?P<name>[A-Z][\w.'’-]*(?: [\w.'’-]+){0,5}?)[.,]?[ \xa0]*(?=\n|$)"
)
# A transcript turn: "PENCE: ...", "SEN. WARREN: ...", "HOST: ...".
_TURN = re.compile(r"(?P<name>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):[ \xa0]+(?=\S)")
# Capitals before a colon that label a paragraph rather than give somebody the word.
_NOT_SPEAKERS = frozenset(
    "NOTE UPDATE UPDATED CORRECTION CLARIFICATION EDITOR'S EDITOR’S WATCH READ VIDEO PHOTO PHOTOS BREAKING FACT "
    "CLAIM RELATED MORE ALSO SEE LISTEN SOURCE SOURCES CREDIT WARNING".split()
)


def transcript_turn(text: str, position: int) -> re.Match[str] | None:
    """The speaker's name in capitals and the colon at ``position``, if a turn starts there."""
    match = _TURN.match(text, position)
    if match is None:
        return None
    name = match.group("name")
    if sum(c.isalpha() for c in name) < 2 or set(name.split()) & _NOT_SPEAKERS:
        return None
    return match


def transcript_turns(text: str, quoted: Sequence[Span], extractor: str) -> Iterator[Quote]:
    """Paragraphs of a transcript printed without quotation marks: "HOST: Welcome back."."""
    offset = 0
    for paragraph in text.split("\n"):
        start = offset + len(paragraph) - len(paragraph.lstrip())
        offset += len(paragraph) + 1
        turn = transcript_turn(text, start)
        if turn is None or any(span.start <= start < span.end for span in quoted):
            continue
        end = start + len(paragraph.strip())
        while end > turn.end() and text[end - 1] in ".,;: ":
            end -= 1
        if end - turn.end() < 2:
            continue
        content = Span(turn.end(), end)
        name = Span(turn.start("name"), turn.end("name"))
        yield Quote(
            span=content,
            text=content.of(text),
            kind="direct",
            cue=Span(name.end, name.end + 1),
            cue_text=":",
            speaker=name,
            speaker_text=name.of(text),
            speaker_kind="named",
            channel=None,
            extractor=extractor,
            speaker_phrase=name,
        )
