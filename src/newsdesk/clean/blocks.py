"""Block rules: furniture that spans several lines (link widgets, generated filler, trailers)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from newsdesk.clean.lines import (
    Line,
    ends_sentence,
    has_punctuation,
    is_heading_shaped,
    is_list_item,
    is_table_row,
    strip_closers,
)
from newsdesk.clean.rules import date_only, relative_time_or_counter, ui_chrome, unpunctuated_prose
from newsdesk.model import RemovalReason

Marks = list[RemovalReason | None]

_RELATED_HEADER = re.compile(
    r"^(?:recommended(?: stories| for you| reading| articles)?|related(?: stories| articles| coverage| news| content| links| reading)?|"
    r"read (?:more|also|next)|see also|also read|more (?:on this story|on this topic|stories|news|from [\w ]{1,30})|"
    r"you (?:may|might) also (?:like|be interested in|want to read)|most (?:read|popular|viewed|shared)|"
    r"further reading|top stories|trending(?: now)?|what to read next|editor'?s picks|don'?t miss|popular now)\s*:?$",
    re.I,
)
_RELATED_INLINE = re.compile(r"^(?:read (?:more|also)|also read|related|see also|more|watch)\s*:\s*\S", re.I)
_LIST_COUNT = re.compile(r"\blist of (\d+) items\b", re.I)
_GLUED_ITEM = re.compile(r"^(?:[-–•*]\s*)?list \d+ of \d+", re.I)

_FILLER_HEADING = re.compile(
    r"^(?:frequently asked questions|faqs?|questions? (?:and|&) answers?|q ?& ?a|key (?:takeaways|points|facts)|"
    r"takeaways|summary|in summary|tl;?dr|quick facts|at a glance)\s*:?$",
    re.I,
)
_TIER_HEADING = re.compile(r"^[A-Z][\w ]{0,50}\b(?:questions|faqs|answers|takeaways|points)\s*:?$", re.I)
_CHATBOT = re.compile(
    r"^(?:of course|sure|certainly|absolutely|great question|here (?:is|are)|below (?:is|are)|i hope this helps|"
    r"as an ai|let me know if|feel free to)\b",
    re.I,
)
_CHATBOT_OBJECT = re.compile(
    r"\b(?:list|summary|overview|faqs?|questions|answers|key points|takeaways|breakdown)\b", re.I
)
_NUMBERED_QUESTION = re.compile(
    r"^(?:q\s?\d+|\d{1,2})\s*[.):]?\s+(?:what|why|how|is|are|does|do|did|can|could|will|would|who|whom|when|where|"
    r"which|has|have|hasnt|hasn't|isnt|isn't|should|was|were)\b",
    re.I,
)
# "Q: ...", "A1: ...", "Q3. ...", "Question 2) ..."; a bare "a)" is a list letter.
_QA_LABEL = re.compile(r"^(?:[qa]\s*\d*\s*:|q\d+[.)]|(?:question|answer)\s*\d*\s*[:.)])\s*\S", re.I)
_TRAILER = re.compile(
    r"^(?:©|\(c\)|copyright\b)|all rights reserved|^(?:latest|more|top) (?:news|stories|headlines)$|"
    r"^(?:tags|topics|filed under)\s*:|^follow us\b|^(?:sign up|subscribe) (?:to|for)\b|^comments?(?: \(\d+\))?$",
    re.I,
)
_DIGIT = re.compile(r"\d")
_QUOTE = re.compile(r"[\"“”«»]")
_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")


def mark_related_links(lines: Sequence[Line], marks: Marks) -> None:
    """A related-links header and the headline items under it; ``Read more: ...`` lines."""
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.blank or marks[index] is not None:
            index += 1
            continue
        if _RELATED_INLINE.match(line.text) and len(line.words) <= 25:
            marks[index] = RemovalReason.RELATED_LINKS
        elif _RELATED_HEADER.match(line.text) or _LIST_COUNT.search(line.text):
            index = _mark_link_items(lines, marks, index)
            continue
        index += 1


def _mark_link_items(lines: Sequence[Line], marks: Marks, header: int) -> int:
    announced = _LIST_COUNT.search(lines[header].text)
    limit = int(announced.group(1)) if announced else 15
    taken = 0
    # When the widget's first item is glued to its "list of N items" header, it counts.
    if announced and _GLUED_ITEM.search(lines[header].text[announced.end() :]):
        taken = 1
    style = _item_style(lines[header].text[announced.end() :]) if announced and taken else None
    index = header + 1
    while index < len(lines) and taken < limit:
        line = lines[index]
        if line.blank:
            if taken and style == "plain":
                break  # unmarked headlines run without gaps; a gap ends the widget
            index += 1
            continue
        item_style = _item_style(line.text)
        # An item of an established numbered or bulleted widget wins over a caption-like look.
        claimed = marks[index] is not None and not (
            marks[index] is RemovalReason.CAPTION and style not in (None, "plain") and item_style == style
        )
        if claimed or _ends_widget(line) or not _looks_like_link(line):
            break
        if style is not None and item_style != style:
            break
        style = item_style
        counted = _LIST_COUNT.search(line.text)
        if counted:  # "list of 4 items" under the header announces how many follow
            limit = taken + int(counted.group(1))
        marks[index] = RemovalReason.RELATED_LINKS
        taken += 1
        index += 1
    if taken:
        marks[header] = RemovalReason.RELATED_LINKS
    # A header with no items is left to the trailer rule (at the end) or marked later.
    return max(index, header + 1)


def _item_style(text: str) -> str:
    text = text.strip()
    if _GLUED_ITEM.match(text) or _LIST_COUNT.match(text):
        return "glued"
    if re.match(r"^\d{1,2}", text):
        return "numbered"
    if is_list_item(text):
        return "bulleted"
    return "plain"


def _ends_widget(line: Line) -> bool:
    return bool(
        (_TRAILER.search(line.text) and len(line.words) <= 15) or _RELATED_HEADER.match(line.text) or ui_chrome(line)
    )


def _looks_like_link(line: Line) -> bool:
    text = line.text
    if _GLUED_ITEM.match(text) or _LIST_COUNT.match(text):
        return True
    if len(line.words) > 22:
        return False
    body = re.sub(r"^(?:[-–—•*·▪►]\s*|\d{1,2}[.)]?\s*)", "", text)
    if not body:
        return False
    # Headlines may ask or exclaim; they do not end like a sentence of prose.
    return strip_closers(body)[-1:] in {"?", "!"} or not ends_sentence(body)


def mark_lone_related_headers(lines: Sequence[Line], marks: Marks) -> None:
    """A "Read more" header left without items inside the article is still a link widget."""
    for index, line in enumerate(lines):
        if marks[index] is None and not line.blank and _RELATED_HEADER.match(line.text):
            marks[index] = RemovalReason.RELATED_LINKS


def _filler_cue(line: Line) -> bool:
    text = line.text
    return bool(
        _FILLER_HEADING.match(text)
        or _chatbot(line)
        or _stripped_question(line)
        or _QA_LABEL.match(text)
        or (_TIER_HEADING.match(text) and len(line.words) <= 6)
    )


def _chatbot(line: Line) -> bool:
    return bool(_CHATBOT.match(line.text) and _CHATBOT_OBJECT.search(line.text))


def _stripped_question(line: Line) -> bool:
    """A numbered question with its question mark gone: "3 Why does it matter"."""
    return bool(_NUMBERED_QUESTION.match(line.text)) and not has_punctuation(line.text[3:])


def _machine_evidence(lines: Sequence[Line], block: Sequence[int]) -> int:
    """Lines no editor writes: chatbot preambles, stripped questions, unpunctuated prose.

    A human-written FAQ or list has punctuation; without such lines a block is content.
    """
    return sum(1 for i in block if _chatbot(lines[i]) or _stripped_question(lines[i]) or unpunctuated_prose(lines[i]))


def mark_generated_filler(lines: Sequence[Line], marks: Marks) -> None:
    """Machine-written blocks appended after the article: FAQs, chatbot summaries.

    A block starts at a strong cue (an FAQ heading, a chatbot preamble, a numbered question)
    or at a run of unpunctuated prose, comes after real paragraphs, runs to the end of the text,
    and most of its lines have the shape of generated text: unpunctuated, question-numbered,
    or repeating the article's topic words without any of its facts (numbers, quotations).
    """
    content = [i for i, line in enumerate(lines) if not line.blank and marks[i] is None]
    paragraphs_before = 0
    for position, index in enumerate(content):
        line = lines[index]
        if paragraphs_before >= 2 and _starts_filler(lines, content[position:]):
            topic = _topic_words(lines, content[:position])
            block = list(content[position:])
            # Page furniture after the filler ("Most read", "Share") keeps its own reason.
            while block and _ends_widget(lines[block[-1]]):
                block.pop()
            shaped = sum(1 for i in block if _filler_shaped(lines[i], topic))
            if len(block) >= 3 and shaped >= 0.6 * len(block) and _machine_evidence(lines, block) >= 2:
                for i in range(index, block[-1] + 1):
                    if marks[i] is None and not lines[i].blank:
                        marks[i] = RemovalReason.GENERATED_FILLER
                return
        if ends_sentence(line.text) and len(line.words) >= 8:
            paragraphs_before += 1


def _starts_filler(lines: Sequence[Line], rest: Sequence[int]) -> bool:
    if _filler_cue(lines[rest[0]]):
        return True
    # Lists are unpunctuated by nature (award winners, fixtures); filler prose is not a list.
    run = rest[:3]
    return len(run) == 3 and all(
        unpunctuated_prose(lines[i]) and not is_list_item(lines[i].text) and not is_table_row(lines[i].text)
        for i in run
    )


def _filler_shaped(line: Line, topic: set[str]) -> bool:
    if is_table_row(line.text):
        return False
    if _filler_cue(line) or unpunctuated_prose(line, min_words=6):
        return True
    text = line.text
    if len(line.words) <= 5 and not ends_sentence(text):
        return True  # a label inside the block ("It could mean", "Basics")
    # Generic prose: the article's topic words, none of its facts.
    if _DIGIT.search(text) or _QUOTE.search(text):
        return False
    words = [w.lower() for w in _CONTENT_WORD.findall(text)]
    return bool(words) and sum(w in topic for w in words) >= 0.5 * len(words) and has_punctuation(text)


def _topic_words(lines: Sequence[Line], indexes: Sequence[int]) -> set[str]:
    counts = Counter(w.lower() for i in indexes for w in _CONTENT_WORD.findall(lines[i].text))
    return {word for word, _ in counts.most_common(60)}


def mark_trailer(lines: Sequence[Line], marks: Marks) -> None:
    """Short page-furniture lines after the last paragraph of the article."""
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if line.blank or marks[index] is not None:
            continue
        furniture = _TRAILER.search(line.text) and len(line.words) <= 15
        if furniture or ui_chrome(line) or _RELATED_HEADER.match(line.text):
            marks[index] = RemovalReason.TRAILER
            continue
        return


def mark_chrome(lines: Sequence[Line], marks: Marks) -> None:
    """Interface labels elsewhere in the page ("Share", "Advertisement") are navigation."""
    for index, line in enumerate(lines):
        if marks[index] is None and not line.blank and ui_chrome(line):
            marks[index] = RemovalReason.NAVIGATION


def heading_lines(lines: Sequence[Line], marks: Marks) -> list[int]:
    """Kept lines shaped like a headline or sub-heading; the first line may be longer, and may end
    with a period when it stands alone above the paragraph it heads (see ``_period_headline``)."""
    found: list[int] = []
    kept = [i for i, line in enumerate(lines) if not line.blank and marks[i] is None]
    for position, index in enumerate(kept):
        line = lines[index]
        if is_dateline(line):
            continue
        first = position == 0 or (position == 1 and is_dateline(lines[kept[0]]))
        if is_heading_shaped(line, max_words=25 if first else 14) and not has_only_symbols(line):
            found.append(index)
        elif first and position + 1 < len(kept) and _period_headline(lines, index, kept[position + 1]):
            found.append(index)
        elif first and _brand_headline(line):
            found.append(index)
    return found


_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3}(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?\s*(?:\([^()]{1,30}\))?\s*[—–-]{1,2}\s*$"
)


_ABBREVIATION = re.compile(r"\b(?:[A-Z][a-z]{0,2}|[A-Z](?:\.[A-Z])*)\.\s")


def is_dateline(line: Line) -> bool:
    """A dateline left alone on its line ("WASHINGTON —", "PARIS, Texas --"): it heads nothing."""
    return is_dateline_text(line.text)


def is_dateline_text(text: str) -> bool:
    return bool(_DATELINE.match(text.strip()))


def _period_headline(lines: Sequence[Line], index: int, following: int) -> bool:
    """A headline that ends like a sentence, on the first line of the article, set apart by a
    blank line from a longer paragraph: printed with a full stop (and then it shares words with
    the lead, which restates its headline), asked as a question, or trailing off ("...")."""
    line, lead = lines[index], lines[following]
    text = strip_closers(line.text)
    words = line.words
    if not 3 <= len(words) <= 16 or not _capitalised_start(text.lstrip(_OPENING_MARKS)):
        return False
    if following == index + 1 or len(lead.words) <= len(words) or not ends_sentence(lead.text):
        return False
    body = text.rstrip(".?!…")
    if re.search(r"[.!?]\s+[A-Z]", _ABBREVIATION.sub("", body + " ")):
        return False  # two sentences: a paragraph
    if text.endswith(("?", "...", "…")):
        # A question or an ellipsis states nothing, so taking it for a heading loses no claim.
        return len(words) <= 12 and not any(q in line.text for q in '"“”')
    if not text.endswith(".") or text.endswith(".."):
        return False
    own = {w.lower() for w in _CONTENT_WORD.findall(line.text)}
    shared = own & {w.lower() for w in _CONTENT_WORD.findall(lead.text)}
    return len(shared) >= 2


def _brand_headline(line: Line) -> bool:
    """A first line shaped like a headline but for its first character: "$1m payoff for ...",
    "iPods sell out"."""
    text = line.text
    return (
        len(line.words) <= 25
        and not ends_sentence(text)
        and not is_list_item(text)
        and not text[:1].isupper()
        and _capitalised_start(text.lstrip(_OPENING_MARKS))
    )


_OPENING_MARKS = "\"'“‘«"


def _capitalised_start(text: str) -> bool:
    """A capital, a digit, a currency sign or a brand in camel case ("iPod", "eBay")."""
    first = text[:1]
    return first.isupper() or first.isdigit() or first in "$£€¥&" or bool(re.match(r"[a-z]+[A-Z]", text))


def has_only_symbols(line: Line) -> bool:
    return not any(ch.isalpha() for ch in line.text)


def is_prose(line: Line) -> bool:
    return len(line.words) >= 8 and ends_sentence(line.text)


def keep_dated_subheadings(lines: Sequence[Line], marks: Marks) -> None:
    """A date line between paragraphs heads a schedule or a diary entry; only the
    datelines above the first paragraph or below the last are page furniture."""
    prose = [i for i, line in enumerate(lines) if marks[i] is None and is_prose(line)]
    if not prose:
        return
    for index in range(prose[0] + 1, prose[-1]):
        line = lines[index]
        if marks[index] is RemovalReason.TIMESTAMP and date_only(line) and not relative_time_or_counter(line):
            marks[index] = None
