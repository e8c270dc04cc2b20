"""Quotes and their speakers on PolNeAR dev (../shared/eval/quotes-polnear/dev).

    .venv/bin/python eval/quotes_polnear.py [--limit N] [--write docs/EVALUATION.md] [--examples N]

Each article's text goes through ``process`` (cleaning, metadata) and ``annotate`` (spaCy, then
newsdesk's quote rules); offsets point into the file text, which is read unchanged (the dev texts
have no ``\\r``; a text with one is refused rather than silently shifted), and every gold span's text
is checked against the text at its offsets (``problems.span_text_mismatch`` counts disagreements).

Gold: the brat ``Attribution`` and ``Attribution-no-source`` events of ``dev/attributions/*.ann``
(``Content``, ``Content2``, ``Cue``, ``Source``; ``Discuss`` spans are notes and ignored). Several
annotators marked some articles: the ``.ann`` file first in sorted order (its suffix names the
annotator) is used. A discontinuous content (``T3 Content 10 20;25 40``, or a ``Content2`` role)
counts as the union of its fragments (first start to last end, gap included).

System: newsdesk quotes of kind direct, partial or indirect (``scare`` is excluded).

Spans are normalised the same way on both sides before any comparison: whitespace, quotation marks
and punctuation (``. , ; : ! ? … — – - ( ) [ ]``) trimmed from both ends, then a leading "that"
(a complementizer PolNeAR includes in the content and newsdesk drops) and trimming again.

- content exact: same normalised (start, end); each gold and each system attribution used once.
- content overlap: the usual one-to-one overlap P/R/F1: system and gold contents that share
  characters are paired greedily, pairs whose cues overlap too first (a report nested in another
  shares its words), then largest overlap first; precision = paired system / system, recall = paired
  gold / gold. ``content_overlap_any`` drops the one-to-one condition (a system content is correct
  when it overlaps any gold content, a gold one found when any system content overlaps it: a quote
  split around its cue counts twice). Citron's published overlap figure is proportional instead
  (overlapping tokens over predicted, resp. gold, tokens, summed over all pairs);
  ``content_overlap_citron_chars`` is that measure in characters: the share of system content
  characters inside some gold content fragment (fragments, not their union), and of gold characters
  inside some system content (the same as Citron's sum when no two contents overlap, and never
  above 1 when nested attributions share words). Both sides count by fragments: a system quote
  split by its cue (``part_of``) by its parts, as a discontinuous gold content by its fragments.
- sources: scored only on the overlap-paired attributions. Exact: the system speaker span equals the
  gold ``Source`` span after the trimming above plus a leading "the"/"a"/"an" and a trailing
  possessive "'s". Lenient: the two overlap, or share their head word (the last word before any
  comma). newsdesk replaces a pronoun by its antecedent; PolNeAR marks the pronoun itself and has no
  coreference, so for a third-person pronoun gold source (he, she, it, they, his, ...) lenient also
  accepts the nearest earlier gold source of the same annotation that is not a pronoun (for
  he/she/him/her/his/hers, one with a capitalised head word), a proxy for the antecedent, by the
  same overlap-or-head test. The proxy is crude (the nearest earlier source is often somebody else),
  so pronoun and other gold sources are reported apart.
  As in Citron, precision = correct / system attributions with a speaker and recall = correct / gold
  attributions with a source.
- direct vs indirect: gold direct = the content begins or ends with a quotation mark, stands
  between quotation marks in the text, or lies inside a quotation opened earlier in its paragraph
  (a transcript's '"SMITH: ...'); mixed "said the plan was “a disaster”" counts as direct;
  system direct = direct or partial. Pairing is done once over all attributions; a split's
  precision counts that split's system attributions, its recall that split's gold ones.
- speech vs other cues: a gold attribution is speech when its cue has a lemma in newsdesk's
  ``SPEECH_VERBS`` minus ``ATTITUDE_VERBS``, or is "according to", or has no letters (":" or a dash
  introducing a quotation); the rest (beliefs, attitudes, perceptions, findings: "thinks",
  "mocked", "shows") is other. Only recall is defined per gold group (a system attribution belongs
  to no gold group until paired).

Published reference (Citron, BBC, PARC 3.0 test, cue-anchored matching): source exact F1 0.82,
content exact F1 0.59, content overlap F1 0.83 (proportional). Different corpus, guidelines and
matching: a rough comparison only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsdesk.report.sections import write_section

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval" / "quotes-polnear" / "dev"
CITRON = {"source_exact_f1": 0.82, "content_exact_f1": 0.59, "content_overlap_f1": 0.83}
SYSTEM_KINDS = frozenset({"direct", "partial", "indirect"})
SPLITS = ("all", "direct", "indirect")
QUOTE_MARKS = "\"“”‘’«»„‹›'"
_TRIM = frozenset(" \t\n\r\xa0" + QUOTE_MARKS + ".,;:!?…—–-―()[]")
_THAT = re.compile(r"that\b", re.I)
_ARTICLE = re.compile(r"(?:the|a|an)\s+", re.I)
_POSSESSIVE = re.compile(r"['’]s?$")
_THIRD_PERSON = frozenset("he she it they him her them his its their hers theirs".split())
_PERSONAL = frozenset("he she him her his hers".split())
_PRONOUNS = _THIRD_PERSON | frozenset("i me my we us our you your who whom whose which that this".split())

Pair = tuple[int, int]  # start, end


@dataclass
class Gold:
    fragments: list[Pair]
    span: Pair | None  # normalised union of the fragments
    cue: Pair | None
    cue_text: str
    source: Pair | None  # normalised
    source_text: str | None
    direct: bool
    speech: bool = True
    cue_lemma: str = ""
    antecedent: Pair | None = None  # proxy for a pronoun source: the nearest earlier non-pronoun gold source
    named_before: Pair | None = None  # the nearest earlier gold source written as a name (capitalised head)


@dataclass
class System:
    span: Pair
    direct: bool
    kind: str
    speaker: Pair | None
    resolved: Pair | None
    speaker_text: str | None
    speaker_kind: str | None
    cue: Pair | None
    cue_text: str | None
    attitude: bool
    fragments: list[Pair] = field(default_factory=list)  # its parts, for a quote split by its cue


@dataclass
class Counts:
    """Matched and total counts per split, on the system side (precision) and the gold side (recall)."""

    sys_hit: Counter[str] = field(default_factory=Counter)
    sys_all: Counter[str] = field(default_factory=Counter)
    gold_hit: Counter[str] = field(default_factory=Counter)
    gold_all: Counter[str] = field(default_factory=Counter)

    def prf(self, split: str) -> dict[str, float | int]:
        p = self.sys_hit[split] / max(self.sys_all[split], 1)
        r = self.gold_hit[split] / max(self.gold_all[split], 1)
        return {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(2 * p * r / max(p + r, 1e-9), 4),
            "system": self.sys_all[split],
            "gold": self.gold_all[split],
        }

    def summary(self) -> dict[str, dict[str, float | int]]:
        return {split: self.prf(split) for split in SPLITS}


def _splits(direct: bool) -> tuple[str, str]:
    return ("all", "direct" if direct else "indirect")


# ---------------------------------------------------------------- normalisation


def trim(text: str, start: int, end: int) -> Pair | None:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return (start, end) if end > start else None


def content_span(text: str, start: int, end: int) -> Pair | None:
    """Both sides' content: trimmed, leading "that" dropped, trimmed again."""
    span = trim(text, start, end)
    if span is None:
        return None
    match = _THAT.match(text, span[0], span[1])
    if match and match.end() < span[1]:
        span = trim(text, match.end(), span[1]) or span
    return span


def source_span(text: str, start: int, end: int) -> Pair | None:
    """A speaker or source: trimmed, without a leading article or a trailing possessive."""
    span = trim(text, start, end)
    if span is None:
        return None
    match = _ARTICLE.match(text, span[0], span[1])
    if match and match.end() < span[1]:
        span = (match.end(), span[1])
    possessive = _POSSESSIVE.search(text, span[0], span[1])
    if possessive and possessive.start() > span[0]:
        span = (span[0], possessive.start())
    return trim(text, *span)


def head_word(text: str, span: Pair, fold: bool = True) -> str:
    """The last word before any comma ("Jane Roe, a professor at X" -> "roe")."""
    phrase = text[span[0] : span[1]].split(",")[0].split()
    word = _POSSESSIVE.sub("", (phrase[-1] if phrase else "").strip("".join(_TRIM)))
    return word.lower() if fold else word


def overlap(a: Pair, b: Pair) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def covered(span: Pair, others: Iterable[Pair]) -> int:
    """How many characters of ``span`` lie inside at least one of ``others``."""
    count, cursor = 0, span[0]
    for start, end in sorted((max(a, span[0]), min(b, span[1])) for a, b in others if a < span[1] and span[0] < b):
        start = max(start, cursor)
        if end > start:
            count += end - start
            cursor = end
    return count


def is_direct(text: str, start: int, end: int) -> bool:
    """Gold content that begins or ends with a quotation mark, or stands between two."""
    raw = text[start:end].strip()
    if not raw:
        return False
    if raw[0] in QUOTE_MARKS or raw[-1] in QUOTE_MARKS:
        return True
    before = text[:start].rstrip()[-1:]
    after = text[end:].lstrip(" ,.;:!?")[:1]
    if before and after and before in QUOTE_MARKS and after in QUOTE_MARKS:
        return True
    # Inside a quotation opened earlier in the paragraph ('"WALLACE: ...' in a transcript).
    opened = text[text.rfind("\n", 0, start) + 1 : start]
    return opened.count('"') % 2 == 1 or opened.count("“") > opened.count("”") or opened.count("«") > opened.count("»")


# ---------------------------------------------------------------- gold


def read_text(path: Path) -> str:
    """The file text as brat counts it; a ``\\r\\n`` text is refused rather than silently shifted."""
    with path.open(encoding="utf-8", newline="") as handle:
        text = handle.read()
    if "\r" in text:
        sys.exit(f"{path}: carriage returns; map brat offsets before normalising line endings")
    return text


def choose_annotations(stem: str) -> list[Path]:
    """Every annotator's file for one article, sorted; the first is the one scored."""
    return sorted(p for p in (DATA / "attributions").glob(f"{stem}_*.ann") if p.stem[len(stem) + 1 :].isalnum())


def read_gold(path: Path, text: str, problems: Counter[str]) -> list[Gold]:
    spans: dict[str, tuple[str, list[Pair], str]] = {}
    events: list[dict[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            kind, _, ranges = fields[1].partition(" ")
            pairs = [(int(a), int(b)) for a, b in (r.split() for r in ranges.split(";"))]
            spans[fields[0]] = (kind, pairs, fields[2] if len(fields) > 2 else "")
            written = " ".join(text[a:b] for a, b in pairs)
            if len(fields) > 2 and " ".join(written.split()) != " ".join(fields[2].split()):
                problems["span_text_mismatch"] += 1
        elif line.startswith("E") and len(fields) >= 2:
            roles: dict[str, list[str]] = {}
            for argument in fields[1].split():
                role, _, target = argument.partition(":")
                roles.setdefault(role.rstrip("0123456789"), []).append(target)
            events.append(roles)
    found: list[Gold] = []
    for roles in events:
        fragments = sorted(p for t in roles.get("Content", []) if t in spans for p in spans[t][1])
        if not fragments or not roles.get("Cue"):
            problems["event_without_content_or_cue"] += 1
            continue
        start, end = fragments[0][0], max(b for _, b in fragments)
        cue_pairs = spans[roles["Cue"][0]][1]
        source = None
        source_text = None
        if roles.get("Source") and roles["Source"][0] in spans:
            source_pairs = spans[roles["Source"][0]][1]
            source = source_span(text, source_pairs[0][0], max(b for _, b in source_pairs))
            source_text = text[source[0] : source[1]] if source else None
        found.append(
            Gold(
                fragments=fragments,
                span=content_span(text, start, end),
                cue=(cue_pairs[0][0], max(b for _, b in cue_pairs)),
                cue_text=spans[roles["Cue"][0]][2],
                source=source,
                source_text=source_text,
                direct=is_direct(text, start, end),
            )
        )
    _add_antecedents(text, found)
    return [g for g in found if g.span is not None]


def _is_pronoun(source_text: str | None) -> bool:
    return bool(source_text) and source_text.lower() in _PRONOUNS  # type: ignore[union-attr]


def _add_antecedents(text: str, golds: list[Gold]) -> None:
    """The proxy antecedent of a third-person pronoun source: the nearest earlier gold source that
    is not a pronoun, and for he/she/him/her/his/hers one whose head word is capitalised (a name)."""
    sources = sorted(g.source for g in golds if g.source and not _is_pronoun(g.source_text))
    named = [s for s in sources if head_word(text, s, fold=False)[:1].isupper()]
    for gold in golds:
        word = (gold.source_text or "").lower()
        if gold.source:
            earlier_names = [s for s in named if s[1] <= gold.source[0]]
            gold.named_before = earlier_names[-1] if earlier_names else None
        if gold.source and word in _THIRD_PERSON:
            candidates = named if word in _PERSONAL else sources
            earlier = [s for s in candidates if s[1] <= gold.source[0]]
            gold.antecedent = earlier[-1] if earlier else None


def classify_cues(golds: Sequence[Gold], nlp: object) -> None:
    """Speech or other, by the lemmas of the cue words (parsed alone, in one batch)."""
    from newsdesk.nlp.quotes import ATTITUDE_VERBS, SPEECH_VERBS

    speech = SPEECH_VERBS - ATTITUDE_VERBS
    texts = [" ".join(g.cue_text.split()) or "-" for g in golds]
    for gold, parsed in zip(golds, nlp.pipe(texts, batch_size=256), strict=True):  # type: ignore[attr-defined]
        words = [t for t in parsed if not t.is_punct and not t.is_space]
        lemmas = [t.lemma_.lower() for t in words]
        gold.cue_lemma = " ".join(lemmas) or parsed.text
        lower = parsed.text.lower()
        gold.speech = (
            not any(c.isalpha() for c in lower)
            or "according to" in lower
            or any(lemma in speech or t.lower_ in speech for lemma, t in zip(lemmas, words, strict=True))
        )


# ---------------------------------------------------------------- system


def system_attributions(document: object) -> tuple[list[System], Counter[str]]:
    text: str = document.text  # type: ignore[attr-defined]
    kinds: Counter[str] = Counter()
    found: list[System] = []
    # A quote split by its cue is one attribution: its parts' union, as PolNeAR's discontinuous content.
    ends = {}
    parts: dict[Pair, list[Pair]] = {}
    for quote in document.quotes:  # type: ignore[attr-defined]
        if quote.part_of is not None:
            ends[(quote.part_of.start, quote.part_of.end)] = max(
                ends.get((quote.part_of.start, quote.part_of.end), 0), quote.span.end
            )
            parts.setdefault((quote.part_of.start, quote.part_of.end), []).append((quote.span.start, quote.span.end))
    for quote in document.quotes:  # type: ignore[attr-defined]
        kinds[quote.kind] += 1
        if quote.kind not in SYSTEM_KINDS or quote.part_of is not None:
            continue
        end = ends.get((quote.span.start, quote.span.end), quote.span.end)
        span = content_span(text, quote.span.start, end)
        if span is None:
            continue
        # The speaker as written (PolNeAR marks sources where they are written, pronouns included);
        # the name it resolves to is kept too, for the lenient match.
        written = quote.speaker_phrase or quote.speaker
        speaker = source_span(text, written.start, written.end) if written else None
        resolved = source_span(text, quote.speaker.start, quote.speaker.end) if quote.speaker else None
        found.append(
            System(
                span=span,
                direct=quote.kind in {"direct", "partial"},
                kind=quote.kind,
                speaker=speaker,
                resolved=resolved,
                speaker_text=quote.speaker_text,
                speaker_kind=quote.speaker_kind,
                cue=(quote.cue.start, quote.cue.end) if quote.cue else None,
                cue_text=quote.cue_text,
                attitude=quote.attitude,
                fragments=[
                    f
                    for f in (
                        content_span(text, a, b)
                        for a, b in [
                            (quote.span.start, quote.span.end),
                            *parts.get((quote.span.start, quote.span.end), []),
                        ]
                    )
                    if f
                ],
            )
        )
    return found, kinds


# ---------------------------------------------------------------- matching


def exact_pairs(golds: Sequence[Gold], systems: Sequence[System]) -> list[tuple[int, int]]:
    free: dict[Pair, list[int]] = {}
    for index, item in enumerate(systems):
        free.setdefault(item.span, []).append(index)
    pairs = []
    for g, gold in enumerate(golds):
        waiting = free.get(gold.span or (-1, -1))
        if waiting:
            pairs.append((waiting.pop(0), g))
    return pairs


def overlap_pairs(golds: Sequence[Gold], systems: Sequence[System]) -> list[tuple[int, int]]:
    """One-to-one, greedily: pairs whose cues overlap too first (a nested report shares the words
    of the one around it), then by largest character overlap (ties: earlier first)."""
    candidates = [
        (
            bool(item.cue and gold.cue and overlap(item.cue, gold.cue)),
            overlap(item.span, gold.span),
            s,
            g,
        )
        for s, item in enumerate(systems)
        for g, gold in enumerate(golds)
        if gold.span and overlap(item.span, gold.span) > 0
    ]
    candidates.sort(key=lambda c: (not c[0], -c[1], c[2], c[3]))
    used_s: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, _, s, g in candidates:
        if s not in used_s and g not in used_g:
            used_s.add(s)
            used_g.add(g)
            pairs.append((s, g))
    return pairs


def source_match(text: str, item: System, gold: Gold) -> tuple[bool, bool]:
    """(exact, lenient) agreement of the system speaker with the gold source."""
    if item.speaker is None or gold.source is None:
        return False, False
    exact = item.speaker == gold.source
    targets = [gold.source] + ([gold.antecedent] if gold.antecedent else [])
    candidates = [item.speaker] + ([item.resolved] if item.resolved and item.resolved != item.speaker else [])
    lenient = exact or any(
        overlap(candidate, target) > 0 or head_word(text, candidate) == head_word(text, target)
        for candidate in candidates
        for target in targets
    )
    return exact, lenient


NAMED_KINDS = frozenset({"named", "outlet"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})


def named_right(text: str, item: System, gold: Gold) -> bool:
    """The name newsdesk gives (after resolving a pronoun) is the gold source: the spans overlap or
    share their head word; for a pronoun gold source, the proxy antecedent instead."""
    if gold.source is None or item.resolved is None:
        return False  # a name given where the annotator found no source at all
    if _described(text, item, gold):
        # "the mayor said", resolved to the mayor's name: gold marks the description and has no
        # coreference; the nearest earlier gold source written as a name is the proxy, or the words
        # of the description itself.
        return any(
            target is not None
            and (overlap(item.resolved, target) > 0 or head_word(text, item.resolved) == head_word(text, target))
            for target in (gold.source, gold.named_before)
        )
    if (gold.source_text or "").lower() in _RELATIVE and item.resolved[1] <= gold.source[0]:
        # "Jane Roe, who said ...": the relative pronoun stands for the phrase right before it.
        return not text[item.resolved[1] : gold.source[0]].strip(" ,\n")
    targets = [gold.antecedent] if _is_pronoun(gold.source_text) else [gold.source]
    return any(
        target is not None
        and (overlap(item.resolved, target) > 0 or head_word(text, item.resolved) == head_word(text, target))
        for target in targets
    )


def _described(text: str, item: System, gold: Gold) -> bool:
    """Gold writes the source as a description ("the mayor") and newsdesk resolved the same words
    to a name elsewhere."""
    if gold.source is None or _is_pronoun(gold.source_text) or item.speaker is None or item.resolved is None:
        return False
    return (
        not head_word(text, gold.source, fold=False)[:1].isupper()
        and item.resolved != item.speaker
        and overlap(item.speaker, gold.source) > 0
    )


def judge_named(tally: Tally, text: str, item: System, gold: Gold, keep: int) -> None:
    """Precision of named speakers: of the content-paired attributions where newsdesk names a
    speaker, how many name the right one; apart for gold sources written as a name or phrase (no
    proxy involved) and as a pronoun (judged against the crude proxy antecedent)."""
    if _is_pronoun(gold.source_text):
        group = "pronoun"
    elif _described(text, item, gold):
        group = "description"
    else:
        group = "name_or_phrase" if gold.source else "no_source"
    right = named_right(text, item, gold)
    for key in ("all", group):
        tally.named[f"{key}_given"] += 1
        tally.named[f"{key}_right"] += int(right)
    if not right:
        tally.error(
            "named_wrong",
            group,
            f"system {item.speaker_text!r} (written {text[item.speaker[0] : item.speaker[1]] if item.speaker else ''!r}, "
            f"cue {item.cue_text!r}) vs gold {gold.source_text!r}; cue {gold.cue_text!r}; "
            f"before the source: {text[max(0, (gold.source or gold.cue or (0, 0))[0] - 300) : (gold.cue or (0, 0))[1]]!r}",
            keep,
        )


@dataclass
class Tally:
    content_exact: Counts = field(default_factory=Counts)
    content_overlap: Counts = field(default_factory=Counts)
    content_any: Counts = field(default_factory=Counts)
    citron_chars: Counts = field(default_factory=Counts)
    source_exact: Counts = field(default_factory=Counts)
    source_lenient: Counts = field(default_factory=Counts)
    groups: dict[str, Counter[str]] = field(default_factory=dict)
    source_kinds: dict[str, Counter[str]] = field(default_factory=dict)
    named: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    paired_kinds: Counter[str] = field(default_factory=Counter)
    attitude: Counter[str] = field(default_factory=Counter)
    errors: dict[str, Counter[str]] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def error(self, kind: str, key: str, example: str | None = None, keep: int = 0) -> None:
        self.errors.setdefault(kind, Counter())[key] += 1
        if example is not None and len(self.examples.setdefault(kind, [])) < keep:
            self.examples[kind].append(example)


def score_document(
    tally: Tally, text: str, golds: list[Gold], systems: list[System], hidden: Sequence[Pair], keep: int
) -> None:
    for item in systems:
        for split in _splits(item.direct):
            for counts in (tally.content_exact, tally.content_overlap, tally.content_any):
                counts.sys_all[split] += 1
            if item.speaker is not None:
                tally.source_exact.sys_all[split] += 1
                tally.source_lenient.sys_all[split] += 1
        tally.attitude["system_attitude"] += int(item.attitude)
    for gold in golds:
        for split in _splits(gold.direct):
            for counts in (tally.content_exact, tally.content_overlap, tally.content_any):
                counts.gold_all[split] += 1
            if gold.source is not None:
                tally.source_exact.gold_all[split] += 1
                tally.source_lenient.gold_all[split] += 1

    for s, g in exact_pairs(golds, systems):
        for split in _splits(systems[s].direct):
            tally.content_exact.sys_hit[split] += 1
        for split in _splits(golds[g].direct):
            tally.content_exact.gold_hit[split] += 1

    for item in systems:
        if any(gold.span and overlap(item.span, gold.span) for gold in golds):
            for split in _splits(item.direct):
                tally.content_any.sys_hit[split] += 1
    for gold in golds:
        if any(gold.span and overlap(item.span, gold.span) for item in systems):
            for split in _splits(gold.direct):
                tally.content_any.gold_hit[split] += 1

    # Citron's proportional overlap, in characters: the share of system content characters inside
    # some gold content fragment, and of gold fragment characters inside some system content; both
    # sides by their fragments (a quote split by its cue: its parts, without the cue between them).
    fragments = {
        g: [f for f in (content_span(text, a, b) for a, b in gold.fragments) if f] for g, gold in enumerate(golds)
    }
    every_fragment = [f for spans in fragments.values() for f in spans]
    every_system_fragment = [f for item in systems for f in (item.fragments or [item.span])]
    for item in systems:
        for split in _splits(item.direct):
            for fragment in item.fragments or [item.span]:
                tally.citron_chars.sys_all[split] += fragment[1] - fragment[0]
                tally.citron_chars.sys_hit[split] += covered(fragment, every_fragment)
    for g, gold in enumerate(golds):
        for split in _splits(gold.direct):
            for fragment in fragments[g]:
                tally.citron_chars.gold_all[split] += fragment[1] - fragment[0]
                tally.citron_chars.gold_hit[split] += covered(fragment, every_system_fragment)

    pairs = overlap_pairs(golds, systems)
    paired_s = {s for s, _ in pairs}
    paired_g = {g for _, g in pairs}
    for s, g in pairs:
        item, gold = systems[s], golds[g]
        for split in _splits(item.direct):
            tally.content_overlap.sys_hit[split] += 1
        for split in _splits(gold.direct):
            tally.content_overlap.gold_hit[split] += 1
        tally.paired_kinds[f"gold {'direct' if gold.direct else 'indirect'} / system {item.kind}"] += 1
        tally.attitude["system_attitude_paired"] += int(item.attitude)
        exact, lenient = source_match(text, item, gold)
        if item.speaker_kind in NAMED_KINDS:
            judge_named(tally, text, item, gold, keep)
        for counts, hit in ((tally.source_exact, exact), (tally.source_lenient, lenient)):
            if hit:
                for split in _splits(item.direct):
                    counts.sys_hit[split] += 1
                for split in _splits(gold.direct):
                    counts.gold_hit[split] += 1
        if gold.source is not None and not lenient:
            if item.speaker is None:
                why = "no speaker found"
            elif _is_pronoun(gold.source_text):
                why = "gold source a pronoun, antecedent proxy differs"
            elif item.speaker_kind == "named" and item.cue and gold.cue and overlap(item.cue, gold.cue) == 0:
                why = "different cue (another attribution of the same words)"
            else:
                why = f"wrong speaker ({item.speaker_kind})"
            source_written = gold.source_text or ""
            tally.error(
                "source",
                why,
                f"system {item.speaker_text!r} ({item.speaker_kind}) vs gold {source_written!r}; cue {gold.cue_text!r}",
                keep,
            )
    for g, gold in enumerate(golds):
        group = "speech" if gold.speech else "other"
        counts = tally.groups.setdefault(group, Counter())
        counts["gold"] += 1
        counts["punctuation_cue"] += int(not any(c.isalpha() for c in gold.cue_text))
        counts["content_overlap"] += int(g in paired_g)
        counts["with_source"] += int(gold.source is not None)
        kind = "pronoun" if _is_pronoun(gold.source_text) else ("name_or_phrase" if gold.source else "none")
        source_counts = tally.source_kinds.setdefault(kind, Counter())
        source_counts["gold"] += 1
        if g in paired_g:
            s = next(s for s, gg in pairs if gg == g)
            exact, lenient = source_match(text, systems[s], gold)
            counts["source_lenient"] += int(lenient)
            counts["source_exact"] += int(exact)
            source_counts["content_paired"] += 1
            source_counts["source_exact"] += int(exact)
            source_counts["source_lenient"] += int(lenient)
        else:
            gold_span = gold.span or (0, 0)
            removed = sum(overlap(gold_span, h) for h in hidden) > (gold_span[1] - gold_span[0]) / 2
            if gold_span[0] < text.find("\n"):
                why = "in the headline (first line)"
            elif removed:
                why = "in the title, a heading or text newsdesk removed"
            else:
                why = f"{'direct' if gold.direct else 'indirect'}, {group} cue"
            tally.error("missed_gold", why)
            tally.error(
                "missed_gold_cue",
                f"{group}: {gold.cue_lemma}",
                f"[{'direct' if gold.direct else 'indirect'}] cue {gold.cue_text!r}: "
                f"{text[gold_span[0] : gold_span[1]][:140]!r}",
                keep,
            )
    for s, item in enumerate(systems):
        if s in paired_s:
            continue
        split = any(g in paired_g and overlap(item.span, gold.span or (0, 0)) for g, gold in enumerate(golds))
        why = "overlaps a gold content already paired (split quote or nested phrase)" if split else "no gold content"
        tally.error("unpaired_system", f"{item.kind}: {why}")
        tally.error(
            "unpaired_system_examples",
            item.kind,
            f"[{item.kind}] cue {item.cue_text!r}: {text[item.span[0] : item.span[1]][:140]!r}",
            keep,
        )
    for gold in golds:
        for split in _splits(gold.direct):
            tally.kinds[f"gold_{split}"] += 1


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--write", type=Path)
    parser.add_argument("--examples", type=int, default=0, help="print N examples of each error kind to stderr")
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"{DATA}: evaluation data not found (it comes with ../shared)")

    from newsdesk.model import RawArticle
    from newsdesk.nlp.annotate import annotate
    from newsdesk.nlp.models import load_language
    from newsdesk.pipeline import process
    from newsdesk.settings import Settings

    started = time.perf_counter()
    stems = sorted(p.stem for p in (DATA / "text").glob("*.txt"))[: args.limit]
    settings = Settings(detect_language=False)
    nlp = load_language()
    problems: Counter[str] = Counter()
    articles: list[tuple[str, str, list[Gold]]] = []
    several = 0
    annotators: Counter[str] = Counter()
    for stem in stems:
        files = choose_annotations(stem)
        if not files:
            problems["article_without_annotation"] += 1
            continue
        several += int(len(files) > 1)
        annotators[files[0].stem[len(stem) + 1 :]] += 1
        text = read_text(DATA / "text" / f"{stem}.txt")
        articles.append((stem, text, read_gold(files[0], text, problems)))
    classify_cues([g for _, _, golds in articles for g in golds], nlp)

    documents = (process(RawArticle(source=stem, text=text), settings) for stem, text, _ in articles)
    tally = Tally()
    for document, (_, text, golds) in zip(annotate(documents, nlp), articles, strict=True):
        if document.text != text:
            problems["document_text_differs"] += 1
            continue
        systems, kinds = system_attributions(document)
        tally.kinds.update({f"system_{k}": n for k, n in kinds.items()})
        hidden = [(r.span.start, r.span.end) for r in document.removed] + [(h.start, h.end) for h in document.headings]
        if document.title_span is not None:
            hidden.append((document.title_span.start, document.title_span.end))
        score_document(tally, text, golds, systems, hidden, args.examples)
    elapsed = time.perf_counter() - started

    groups = {
        group: {
            "gold": c["gold"],
            "punctuation_cues": c["punctuation_cue"],
            "recall_content_overlap": round(c["content_overlap"] / max(c["gold"], 1), 4),
            "gold_with_source": c["with_source"],
            "recall_source_exact": round(c["source_exact"] / max(c["with_source"], 1), 4),
            "recall_source_lenient": round(c["source_lenient"] / max(c["with_source"], 1), 4),
        }
        for group, c in sorted(tally.groups.items(), reverse=True)
    }
    source_kinds = {
        kind: {
            "gold": c["gold"],
            "content_paired": c["content_paired"],
            "source_exact_of_paired": round(c["source_exact"] / max(c["content_paired"], 1), 4),
            "source_lenient_of_paired": round(c["source_lenient"] / max(c["content_paired"], 1), 4),
        }
        for kind, c in sorted(tally.source_kinds.items())
    }
    summary = {
        "articles": len(articles),
        "articles_with_several_annotators": several,
        "annotator_scored": "first .ann in sorted order",
        "annotators_used": dict(annotators.most_common()),
        "gold_attributions": tally.kinds["gold_all"],
        "gold_direct": tally.kinds["gold_direct"],
        "gold_indirect": tally.kinds["gold_indirect"],
        "gold_with_source": tally.source_exact.gold_all["all"],
        "system_quotes_by_kind": {k[7:]: n for k, n in sorted(tally.kinds.items()) if k.startswith("system_")},
        "system_attributions_scored": tally.content_overlap.sys_all["all"],
        "content_exact": tally.content_exact.summary(),
        "content_overlap": tally.content_overlap.summary(),
        "content_overlap_any": tally.content_any.summary(),
        "content_overlap_citron_chars": tally.citron_chars.summary(),
        "source_exact": tally.source_exact.summary(),
        "source_lenient": tally.source_lenient.summary(),
        "source_by_gold_source_kind": source_kinds,
        "recall_by_cue_group": groups,
        "named_speaker_precision": {
            key: {
                "given": tally.named[f"{key}_given"],
                "right": tally.named[f"{key}_right"],
                "precision": round(tally.named[f"{key}_right"] / max(tally.named[f"{key}_given"], 1), 4),
            }
            for key in ("all", "name_or_phrase", "description", "pronoun", "no_source")
        },
        "paired_kinds": dict(tally.paired_kinds.most_common()),
        "system_attitude_quotes": {
            "scored": tally.attitude["system_attitude"],
            "content_paired": tally.attitude["system_attitude_paired"],
        },
        "errors": {
            "missed_gold": dict(tally.errors.get("missed_gold", Counter()).most_common()),
            "missed_gold_by_cue_lemma": dict(tally.errors.get("missed_gold_cue", Counter()).most_common(15)),
            "unpaired_system": dict(tally.errors.get("unpaired_system", Counter()).most_common()),
            "source_not_lenient": dict(tally.errors.get("source", Counter()).most_common()),
        },
        "problems": dict(problems),
        "citron_parc_published": CITRON,
        "model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}",
        "seconds": round(elapsed, 1),
    }
    print(json.dumps(summary, indent=2))
    if args.examples:
        for kind, examples in tally.examples.items():
            print(f"\n## {kind}", file=sys.stderr)
            for example in examples:
                print(f"- {example}", file=sys.stderr)
    if args.write:
        _write(args.write, summary)


def _rows(s: dict, metrics: Iterable[tuple[str, str]]) -> list[str]:  # type: ignore[type-arg]
    lines = []
    for label, key in metrics:
        cells = []
        for split in SPLITS:
            m = s[key][split]
            cells.append(f"{m['precision']:.3f} / {m['recall']:.3f} / {m['f1']:.3f}")
        lines.append(f"| {label} | {' | '.join(cells)} |")
    return lines


def _named_line(named: dict) -> str:  # type: ignore[type-arg]
    every, plain, described, pronoun, none = (
        named[k] for k in ("all", "name_or_phrase", "description", "pronoun", "no_source")
    )
    return (
        f"Precision of named speakers (a name newsdesk gives, after resolving a pronoun, must be the gold source: "
        f"the spans overlap or share their head word; judged on content-paired attributions): "
        f"**{every['precision']:.3f}** ({every['right']} of {every['given']}); where gold writes the source as a "
        f"name or phrase {plain['precision']:.3f} ({plain['right']} of {plain['given']}); where gold writes a "
        f'description that newsdesk resolved to a name ("the mayor"), against the nearest earlier named gold source, '
        f"{described['precision']:.3f} ({described['right']} of {described['given']}); where gold writes a pronoun, "
        f"against the crude proxy antecedent, {pronoun['precision']:.3f} ({pronoun['right']} of {pronoun['given']}); "
        f"where gold has no source, {none['given']} names given, all counted wrong."
    )


def _write(path: Path, s: dict) -> None:  # type: ignore[type-arg]
    groups = s["recall_by_cue_group"]
    kinds = s["source_by_gold_source_kind"]
    missed = ", ".join(f"{why} {n}" for why, n in s["errors"]["missed_gold"].items()) or "none"
    unpaired = ", ".join(f"{why} {n}" for why, n in s["errors"]["unpaired_system"].items()) or "none"
    wrong = ", ".join(f"{why} {n}" for why, n in s["errors"]["source_not_lenient"].items()) or "none"
    pronoun = kinds.get("pronoun", {"gold": 0, "source_exact_of_paired": 0.0, "source_lenient_of_paired": 0.0})
    named = kinds.get("name_or_phrase", {"gold": 0, "source_exact_of_paired": 0.0, "source_lenient_of_paired": 0.0})
    c = s["citron_parc_published"]
    lines = [
        f"`.venv/bin/python eval/quotes_polnear.py --write docs/EVALUATION.md` on PolNeAR dev "
        f"(`../shared/eval/quotes-polnear/dev`): {s['articles']} articles, {s['gold_attributions']} gold attributions "
        f"({s['gold_direct']} direct, {s['gold_indirect']} indirect, {s['gold_with_source']} with a source), "
        f"{s['system_attributions_scored']} newsdesk attributions (direct, partial, indirect; scare quotes excluded); "
        f"{s['model']}. {s['articles_with_several_annotators']} articles had several annotators: the first `.ann` "
        "in sorted order is scored. Precision / recall / F1:",
        "",
        "| measure | all | direct | indirect |",
        "|---|---|---|---|",
        *_rows(
            s,
            (
                ("content exact", "content_exact"),
                ("content overlap (one-to-one)", "content_overlap"),
                ("content overlap, any (not one-to-one)", "content_overlap_any"),
                ("content overlap, Citron's proportional measure (characters)", "content_overlap_citron_chars"),
                ("source exact (on content-paired attributions)", "source_exact"),
                ("source lenient (overlap or same head word; pronoun via proxy)", "source_lenient"),
            ),
        ),
        "",
        _named_line(s["named_speaker_precision"]),
        "",
        "Tuned, not held out: the dev split was read while writing the speaker rules of issue 16 (antecedents, "
        "titles, continuations), and the named-speaker errors it lists were looked at one by one; the train split "
        "was not used. Before that work (commit ff01195) the same measure gave 0.862 (names as written 0.944, pronouns "
        "0.660), content overlap F1 0.769 and source exact F1 0.584. CI holds floors on the first 25 dev articles "
        "(`tests/evaluation/test_quotes_gate.py`).",
        "",
        "Recall by the kind of cue (precision is not defined per gold group: a newsdesk attribution belongs to none "
        "until paired):",
        "",
        "| gold cue | gold | content overlap recall | source exact recall | source lenient recall |",
        "|---|---|---|---|---|",
        *(
            f"| {group} | {g['gold']} | {g['recall_content_overlap']:.3f} | {g['recall_source_exact']:.3f} "
            f"| {g['recall_source_lenient']:.3f} |"
            for group, g in groups.items()
        ),
        "",
        "Definitions. Both sides' spans are trimmed of whitespace, quotation marks, punctuation and a leading "
        '"that"; a discontinuous gold content counts as the union of its fragments (gap included). Exact: same '
        "trimmed span. Overlap: system and gold contents sharing characters, paired one-to-one (pairs whose cues "
        'overlap first, then by largest overlap); "any" drops the one-to-one condition, so a quote split around '
        "its cue counts twice; Citron's measure is proportional: the share of system content characters inside gold "
        "content, and of gold characters inside system content. "
        "Sources are scored on content-paired attributions only; exact after also dropping a leading article and a "
        "possessive, lenient when the spans overlap or share their head word (last word before a comma). PolNeAR "
        "marks pronoun sources as written and has no coreference, while newsdesk replaces a pronoun by its "
        "antecedent: for a third-person pronoun, lenient also accepts the nearest earlier non-pronoun gold source "
        "(for he/she, one with a capitalised head word), a crude proxy that often names somebody else, so the "
        "pronoun figure is a lower bound. "
        f"Of content-paired attributions, sources named or described in gold ({named['gold']} gold) "
        f"agree exactly in {named['source_exact_of_paired']:.3f} and leniently in "
        f"{named['source_lenient_of_paired']:.3f}; pronoun sources ({pronoun['gold']} gold) in "
        f"{pronoun['source_exact_of_paired']:.3f} and {pronoun['source_lenient_of_paired']:.3f}. Source precision "
        "counts newsdesk attributions with a speaker, recall gold attributions with a source. Gold direct: content "
        "beginning or ending with a quotation mark, standing between two, or inside a quotation opened earlier in "
        "its paragraph (mixed quotes and transcripts included); newsdesk direct: "
        "direct or partial; one pairing over all, each split's precision over its system attributions and recall "
        "over its gold ones. Speech cues: a lemma in newsdesk's `SPEECH_VERBS` minus `ATTITUDE_VERBS`, \"according "
        'to", or punctuation introducing a quotation; other: beliefs, attitudes, perceptions, findings.',
        "",
        f"Gold missed: {missed}. Unpaired newsdesk attributions: {unpaired}. Paired sources not even lenient: {wrong}.",
        "",
        f"Published reference: Citron (BBC) on PARC 3.0 test, source exact F1 {c['source_exact_f1']}, content exact "
        f"F1 {c['content_exact_f1']}, content overlap F1 {c['content_overlap_f1']} (proportional, tokens); Citron "
        "pairs by cue and PARC differs from PolNeAR in text and guidelines (PolNeAR also marks beliefs, attitudes and "
        "findings), so the comparison is rough.",
    ]
    write_section(path, "eval/quotes_polnear.py", lines)


if __name__ == "__main__":
    main()
