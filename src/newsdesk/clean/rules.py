"""Line rules: each looks at one line's shape and says which kind of page furniture it is."""

from __future__ import annotations

import re

from newsdesk.clean.lines import Line, ends_sentence, has_punctuation, is_table_row
from newsdesk.clean.shapes import caption_shaped, promo_headline
from newsdesk.model import RemovalReason

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
_DATE_WORDS = frozenset(
    f"{_MONTHS}|{_WEEKDAYS}|am|pm|a.m|p.m|gmt|utc|cet|cest|eet|eest|msk|est|edt|et|bst|pt|pst|pdt|"
    "updated|update|published|posted|modified|edited|last|on|at|date|time|am.|pm.|today|yesterday".split("|")
)
_NUMERIC_DATE = re.compile(
    r"^(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}[./-]\d{1,2}[./-]\d{1,2}(?:t\d{1,2}:\d{2}(?::\d{2})?z?)?|"
    r"\d{1,2}:\d{2}(?::\d{2})?|\d{1,2}(?:st|nd|rd|th)?|\d{4})$"
)
_DATE_ANCHOR = re.compile(
    rf"\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}:\d{{2}}|\b(?:{_MONTHS})\b", re.I
)
_RELATIVE_TIME = re.compile(
    r"^(?:(?:updated|published|posted|edited)\s*:?\s*)?(?:\d+|an?|one|two|three|four|five|a few)\s*"
    r"(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mos?|months?|y|yrs?|years?)\s+ago$"
    r"|^(?:just now|yesterday|today)$|^\d+\s*(?:min|minute)s?\s+read$",
    re.I,
)
_COUNTER = re.compile(
    r"^\d{1,4}(?:[.,]\d)?[km]?(?:\s*(?:shares?|views?|likes?|reactions?))?$|^(?:shares?|views?)\s*\(?\d+\)?$",
    re.I,
)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_LANGUAGE_SWITCHER = re.compile(r"^(?:[A-Z]{2,3}(?:\s*[|/·•]\s*|\s+)){1,11}[A-Z]{2,3}$")
_MENU_SEPARATORS = re.compile(r"\s+[|•·›»>/]\s+|\s*[|›»]\s*|\s{2,}|\t+")
_BREADCRUMB = re.compile(r"[›»>]")
_UI_LINE = re.compile(
    r"^(?:(?:skip|jump) to (?:the )?(?:main )?(?:content|article)|skip navigation|(?:main |open |close )?menu|search|sign in|log ?in|register|"
    r"subscribe(?: now)?|home|toggle navigation|back to top|share(?: this(?: article| story| page)?| on [\w ]{1,24})?|print|"
    r"comments?(?: \(\d+\))?|"
    r"copy link|listen(?: to this article)?|font size|advertisement|advert|sponsored(?: content)?|ad)$",
    re.I,
)
_CAPTION_PREFIX = re.compile(
    r"^\(?\s*(?:photos?|images?|pictures?|video|caption|photograph|illustration|credits?|pictured|photo credit|"
    r"image source|image caption|media caption|file photo|graphic|gallery)\s*[:,|–—]\s*\S",
    re.I,
)
_AGENCIES = (
    r"getty(?: images)?|afp|reuters|ap(?: photo)?|associated press|epa(?:-efe)?|efe|shutterstock|alamy|anadolu(?: agency)?|"
    r"tass|sputnik|xinhua|ria novosti|pa(?: media| wire)?|dpa|ansa|kyodo|photo|photograph|image|file|courtesy|handout"
)
_CREDIT_SUFFIX = re.compile(
    rf"\((?:[^()]{{0,80}}?)\b(?:{_AGENCIES})\b[^()]{{0,40}}\)\s*$"
    rf"|\b(?:photo|photograph|image|picture|credit)s?\s*(?:by)?\s*:\s*[^.!?]{{1,80}}$"
    rf"|/\s*(?:{_AGENCIES})\s*$",
    re.I,
)


def timestamp(line: Line) -> bool:
    return relative_time_or_counter(line) or date_only(line)


def relative_time_or_counter(line: Line) -> bool:
    text = line.text
    if _YEAR.match(text):
        return False  # a lone year heads a list of that year's items; it counts nothing
    return bool(_RELATIVE_TIME.match(text) or _COUNTER.match(text))


def date_only(line: Line) -> bool:
    """A line of nothing but a date and time: a dateline at the top or the bottom of a page."""
    text = line.text
    if not any(map(str.isdigit, text)) or not _DATE_ANCHOR.search(text):
        return False
    tokens = [t for t in re.split(r"[\s,|•·()\[\]–—]+", text.lower()) if t]
    if not tokens:
        return False
    return all(t.rstrip(".:") in _DATE_WORDS or _NUMERIC_DATE.match(t.rstrip(".:")) for t in tokens)


def navigation(line: Line) -> bool:
    text = line.text
    if _LANGUAGE_SWITCHER.match(text):
        return True
    items = [item for item in _MENU_SEPARATORS.split(text) if item.strip()]
    needed = 2 if _BREADCRUMB.search(text) else 3
    if len(items) >= needed and len(line.words) <= 24:
        return all(len(item.split()) <= 4 and not ends_sentence(item) for item in items)
    return False


# Words that page furniture is made of; a short line of nothing else is a button or a label.
_UI_WORDS = frozenset(
    "a about accept advertisement all also an and app apps article back comment comments contact content cookie "
    "cookies copy coverage download editor's editors email error facebook feedback follow for full get headlines "
    "home in instagram latest like link linkedin listen live log login main may media menu more most network news "
    "newsletter next now on open our page picks podcast podcasts policy popular previous print privacy read "
    "recommended reddit register related report reserved rights search see settings share sign skip social "
    "sponsored stories story subscribe tags telegram terms the this to top topics trending twitter up updates us "
    "video videos view viewed watch whatsapp x you youtube".split()
)

_FUNCTION_WORDS = frozenset(
    "a about all also an and for in like may more most next now on our see the this to up us you".split()
)


def ui_chrome(line: Line) -> bool:
    """Buttons and labels of the page around the article ("Share", "Advertisement", "Most read")."""
    if _UI_LINE.match(line.text):
        return True
    words = [w.lower() for w in line.words if not w.isdigit()]
    return 0 < len(words) <= 6 and all(w in _UI_WORDS for w in words) and not all(w in _FUNCTION_WORDS for w in words)


def caption(line: Line) -> bool:
    text = line.text
    if len(line.words) > 50:
        return False
    if _CAPTION_PREFIX.match(text):
        return True
    return bool(_CREDIT_SUFFIX.search(text)) and not text.rstrip().endswith(".")


def classify_line(line: Line) -> RemovalReason | None:
    """The reason a single line is furniture, judged on its own; block rules come later."""
    if line.blank or is_table_row(line.text):
        return None
    if timestamp(line):
        return RemovalReason.TIMESTAMP
    if navigation(line):
        return RemovalReason.NAVIGATION
    if caption(line) or caption_shaped(line):
        return RemovalReason.CAPTION
    if promo_headline(line):
        return RemovalReason.RELATED_LINKS
    return None


def unpunctuated_prose(line: Line, min_words: int = 8) -> bool:
    """A long line with no punctuation at all: machine-stripped text, not edited prose."""
    return (
        len(line.words) >= min_words
        and not has_punctuation(line.text)
        and "'" not in line.text
        and "’" not in line.text
    )
