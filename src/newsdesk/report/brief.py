"""The story briefing: what happened, the key claims and how many independent sources carry them,
who said what, where the articles disagree, what each outlet carries, and the actor network.

Every line cites its evidence as ``[A2:1234-1290]``: article A2 of the source list, characters
1234 to 1290 of its text. The Markdown and the HTML come from one briefing object; the HTML is
one self-contained file in which every citation links to the cited characters, shown with their
article, and all article text is escaped.
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from newsdesk.report.render import md_escape
from newsdesk.report.when import readable


@dataclass(frozen=True, slots=True)
class Cite:
    article: str  # "A2"
    doc: str
    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        return f"{self.article}:{self.start}-{self.end}"


@dataclass(slots=True)
class Line:
    text: str
    cites: list[Cite] = field(default_factory=list)


@dataclass(slots=True)
class Briefing:
    title: str
    sources: list[tuple[str, str]]  # (A1, "title — outlet, date"); a long story's ends with ("…", "and N more ...")
    sections: list[tuple[str, list[Line]]]
    cites: dict[str, Cite] = field(default_factory=dict)
    documents: list[str] = field(default_factory=list)  # the document of each source ("" for "and N more")


@dataclass(slots=True)
class Voice:
    """One speaker's quotes as the briefing tells them, gathered one quote at a time."""

    name: str
    count: int
    best: dict[str, Any]
    role: str | None
    channels: set[str]
    first: list[dict[str, Any]]


class Voices:
    """Who said what, gathered quote by quote in the story's order (a pass over every quote holds
    one :class:`Voice` per speaker, not the quotes)."""

    def __init__(self) -> None:
        self.by_name: dict[str, Voice] = {}

    def add(self, quote: dict[str, Any]) -> None:
        name = quote["speaker"]["name"]
        if quote["kind"] not in ("direct", "indirect", "partial") or not name or quote.get("attitude"):
            return
        voice = self.by_name.get(name)
        if voice is None:
            voice = self.by_name[name] = Voice(name, 0, quote, quote["speaker"]["description"], set(), [])
        voice.count += 1
        # Their own words when they said something of substance; a quoted word or two ("exploit")
        # is no sample of what they said.
        if _substance(quote) > _substance(voice.best):
            voice.best = quote
        if quote["channel"]:
            voice.channels.add(quote["channel"])
        if len(voice.first) < 3:
            voice.first.append(quote)

    def top(self, limit: int) -> list[Voice]:
        return sorted(self.by_name.values(), key=lambda v: -v.count)[:limit]


def _substance(quote: dict[str, Any]) -> tuple[bool, int]:
    return (quote["kind"] == "direct" and len(quote["text"].split()) >= 4, len(quote["text"]))


EdgeKey = tuple[str, str, str, bool, bool]


@dataclass(slots=True)
class Edge:
    count: int
    dates: set[str]
    first: list[dict[str, Any]]


class Network:
    """The actor network's ties, gathered one relation at a time: "A → B" when A acts on B, "A — B"
    for a tie of both; a denied tie ("did not condemn") kept as such, a hypothetical one ("could
    supply") left out."""

    def __init__(self) -> None:
        self.edges: dict[EdgeKey, Edge] = {}

    def add(self, relation: dict[str, Any]) -> None:
        modality = relation.get("modality")
        if modality == "hypothetical":
            return
        key = (
            relation["source"],
            relation["target"],
            relation["kind"],
            bool(relation.get("directed")),
            modality == "negated",
        )
        edge = self.edges.setdefault(key, Edge(0, set(), []))
        edge.count += 1
        if relation.get("date"):
            edge.dates.add(relation["date"])
        if len(edge.first) < 2:
            edge.first.append(relation)

    def top(self, limit: int) -> list[tuple[EdgeKey, Edge]]:
        return sorted(self.edges.items(), key=lambda item: -item[1].count)[:limit]


@dataclass(slots=True)
class Whole:
    """What the briefing tells of the whole story, beyond the items it lists: counts, the date
    span, the outlets, every disagreement, and the top voices and ties. Worked out from an export
    object (:func:`whole_of`) or read from the store page by page (``newsdesk.story.brief``).
    ``openings``: the articles whose headlines the first line cites; ``more_sources``: articles
    left out of the source list (a long story's list is bounded)."""

    articles: int
    first_date: str | None
    last_date: str | None
    outlets: list[str]
    openings: list[str]
    shared_claims: int
    conflicts: list[dict[str, Any]]
    conflict_kinds: dict[str, int]
    conflicts_total: int
    voices: list[Voice]
    edges: list[tuple[EdgeKey, Edge]]
    more_sources: int = 0
    article: dict[str, str] = field(default_factory=dict)  # doc -> "A2", beyond the export's documents


def whole_of(export: dict[str, Any], limit: int) -> Whole:
    """The :class:`Whole` of an export object that holds the whole story."""
    documents = export["documents"]
    dates = sorted(d["reference_date"]["date"] for d in documents if d.get("reference_date"))
    outlets = {_outlet(d) for d in documents}
    conflicts = unique_conflicts(export)
    voices = Voices()
    for quote in export["quotes"]:
        voices.add(quote)
    network = Network()
    for relation in export.get("relations", []):
        network.add(relation)
    return Whole(
        articles=len(documents),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        outlets=sorted(o for o in outlets if o),
        openings=[d["id"] for d in documents],
        shared_claims=sum(1 for c in export["claims"] if c["independent_sources"] > 1),
        conflicts=conflicts,
        conflict_kinds=conflict_kinds(conflicts),
        conflicts_total=len(conflicts),
        voices=voices.top(limit),
        edges=network.top(limit),
    )


def conflict_kinds(conflicts: list[dict[str, Any]]) -> dict[str, int]:
    kinds: dict[str, int] = defaultdict(int)
    for conflict in conflicts:
        kinds[conflict["why"].split(":")[0]] += 1
    return dict(kinds)


def _outlet(document: dict[str, Any]) -> str | None:
    return document["outlet"] or (document["reported_from"][0] if document["reported_from"] else None)


def build_briefing(
    export: dict[str, Any], limit: int = 12, *, happenings: frozenset[str], whole: Whole | None = None
) -> Briefing:
    """The briefing of an export object, ``limit`` items per section; ``happenings`` are the kinds
    of happening the story stages name (a timeline entry of another kind is told only when
    several articles report it). ``newsdesk.story.brief.build_briefing`` passes them. ``whole``:
    what the briefing tells of the whole story, when ``export`` holds only the items it may list
    and the articles they cite (``newsdesk.story.brief.store_briefing``)."""
    if whole is None:
        whole = whole_of(export, limit)
    documents = export["documents"]
    article = whole.article or {d["id"]: f"A{number}" for number, d in enumerate(documents, start=1)}
    texts = {d["id"]: d["text"] for d in documents}
    names = {e["id"]: e["name"] for e in export["entities"]}
    # An actor named by its demonym ("Norlandic") is the country it is of.
    names |= {
        e["id"]: names[link["entity"]]
        for e in export["entities"]
        for link in e["links"]
        if link["relation"] == "demonym-of" and link["entity"] in names
    }
    outlet = {d["id"]: _outlet(d) for d in documents}
    briefing = Briefing(story_title(export, names, whole.articles), [], [])
    for d in sorted(documents, key=lambda d: int(article[d["id"]][1:])):
        reference = d["reference_date"] or {}
        when = reference.get("date") or d["published"] or "undated"
        how = " (inferred)" if reference.get("how") == "inferred" else ""
        basis = (d.get("published_detail") or {}).get("basis") or ""
        if not reference.get("date") and d["published_how"] == "inferred" and basis.startswith("not before"):
            # Only a lower bound from the article's own dates: never shown as the date itself.
            when, how = f"not before {d['published']}", " (inferred)"
        briefing.documents.append(d["id"])
        briefing.sources.append(
            (
                article[d["id"]],
                f"{_shown_title(d)} — {outlet[d['id']] or 'outlet unknown'}, {when}{how}",
            )
        )
    if whole.more_sources:
        briefing.documents.append("")
        briefing.sources.append(("…", f"and {whole.more_sources} more articles (newsdesk export lists them all)"))

    def cite(doc: str, start: int, end: int) -> Cite:
        found = Cite(article[doc], doc, start, end, texts[doc][start:end])
        briefing.cites[found.key] = found
        return found

    # The happenings most articles report (then those with most actors), told in date order.
    # A happening of a known kind (a seizure, a meeting), or one several articles report; a date
    # on any verb ("tried over the past year") is not news on its own.
    ranked = sorted(
        (
            t
            for t in export["timeline"]
            if t["granularity"] in ("day", "month", "year", "minute", "hour")
            and (t["kind"] in happenings or len(t["documents"]) > 1)
        ),
        key=lambda t: (-len(t["documents"]), -len(t["participants"]), t["value"]),
    )
    told: set[tuple[str, int]] = set()
    chosen = []
    for entry in ranked:
        first = entry["reports"][0]
        if (first["doc"], first["start"]) in told:
            continue  # one sentence dating two things ("on January 4 ... late last month"): told once
        told.add((first["doc"], first["start"]))
        chosen.append(entry)
    happened = sorted(chosen[:limit], key=lambda t: t["value"])
    # Facts are ranked by verified independent sources; views are listed apart, by voices.
    shared = [c for c in export["claims"] if len(c["documents"]) > 1]
    key_claims = [c for c in shared if c.get("kind", "fact") == "fact"][:limit]
    views = [c for c in shared if c.get("kind") == "view"][:limit]
    briefing.sections.append(("In brief", _in_brief(export, whole, key_claims, names, cite)))
    briefing.sections.append(
        (
            "What happened",
            [
                Line(
                    f"{readable(t['value'])}, {t['kind']} ({_actors(t, names)}): {_short(t['label'], 140)} "
                    f"({_count(len(t['documents']), 'article')}"
                    + (f"; {_with_articles(t['disagreement'], article)}" if t["disagreement"] else "")
                    + ")",
                    [cite(r["doc"], r["start"], r["end"]) for r in t["reports"][:3]],
                )
                for t in happened
            ],
        )
    )
    by_source = {d["source"]: article[d["id"]] for d in documents}  # an outlet-less article is its own source
    briefing.sections.append(
        (
            "Key claims",
            [
                Line(
                    f"{_short(c['text'])}{_said_by(c, article)} — {_count(len(c['documents']), 'article')}, "
                    f"{_count(c['independent_sources'], 'independent source')} "
                    f"({', '.join(by_source.get(name, name) for name in c['sources'])})",
                    [cite(e["doc"], e["start"], e["end"]) for e in c["evidence"][:4]],
                )
                for c in key_claims
            ],
        )
    )
    briefing.sections.append(
        (
            "Views held in several articles",
            [
                Line(
                    f"{_short(c['text'])} — held by {', '.join(c['holders'][:4]) or 'unattributed voices'}"
                    f" ({_count(len(c['holders']), 'voice')}, {_count(c['independent_sources'], 'outlet')})",
                    [cite(e["doc"], e["start"], e["end"]) for e in c["evidence"][:4]],
                )
                for c in views
            ],
        )
    )
    briefing.sections.append(("Who said what", _voices(whole.voices, cite)))
    conflicts = [
        Line(
            f"{conflict['why']}: “{ours['text']}” ({article[ours['doc']]}) against “{theirs['text']}” ({article[theirs['doc']]})",
            [cite(ours["doc"], ours["start"], ours["end"]), cite(theirs["doc"], theirs["start"], theirs["end"])],
        )
        for conflict in whole.conflicts
        for ours, theirs in [(conflict["ours"], conflict["theirs"])]
    ]
    if whole.conflicts_total > len(whole.conflicts):
        conflicts.append(Line(f"and {whole.conflicts_total - len(whole.conflicts)} more disagreements"))
    briefing.sections.append(("Where the articles disagree", conflicts))
    briefing.sections.append(("Coverage by outlet", _coverage(export, key_claims, article, cite)))
    briefing.sections.append(("Actor network", _network(whole.edges, names, cite)))
    return briefing


STANDS = frozenset({"stands-for", "demonym-of"})


def _file_name(source: str) -> str:
    """An article without a headline is named by its file (a URL or FILE:LINE stays whole)."""
    return source if "://" in source else PurePath(source.replace("\\", "/")).name


def _actors(entry: dict[str, Any], names: dict[str, str]) -> str:
    """The happening's first four actors, each once ("Norlandic" is Norland)."""
    return ", ".join(list(dict.fromkeys(names.get(p, p) for p in entry["participants"]))[:4]) or "actors not named"


def _in_brief(
    export: dict[str, Any],
    whole: Whole,
    key_claims: list[dict[str, Any]],
    names: dict[str, str],
    cite: Any,
) -> list[Line]:
    """Four lines an editor reads first: the sources, the main happening, how well the claims are
    corroborated, and how much the articles disagree."""
    documents = {d["id"]: d for d in export["documents"]}
    lines = []
    openings = []
    for doc in whole.openings:
        d = documents[doc]
        title = d["title_span"] or {"start": 0, "end": min(len(d["text"]), 80)}
        openings.append(cite(d["id"], title["start"], title["end"]))
    span = (
        f", dated {whole.first_date} to {whole.last_date}"
        if whole.first_date is not None and whole.first_date != whole.last_date
        else ""
    )
    named = whole.outlets
    lines.append(
        Line(
            f"{_count(whole.articles, 'article')}{span}, from "
            f"{', '.join(named) or 'outlets not named'}"
            + (" and articles of unknown outlet" if len(named) < whole.articles else "")
            + ".",
            openings,
        )
    )
    timeline = sorted(export["timeline"], key=lambda t: (-len(t["documents"]), t["value"]))
    if timeline:
        top = timeline[0]
        lines.append(
            Line(
                f"Most reported: {top['kind']} on {readable(top['value'])} ({_actors(top, names)}), "
                f"told by {_count(len(top['documents']), 'article')}"
                + (f"; {top['disagreement']}" if top["disagreement"] else "")
                + ".",
                [cite(r["doc"], r["start"], r["end"]) for r in top["reports"][:3]],
            )
        )
    if key_claims:
        lines.append(
            Line(
                f"{_count(whole.shared_claims, 'claim')} rest on two or more independent sources; the best corroborated "
                f"({key_claims[0]['independent_sources']} sources): {_short(key_claims[0]['text'], 160)}",
                [cite(e["doc"], e["start"], e["end"]) for e in key_claims[0]["evidence"][:3]],
            )
        )
    if whole.conflicts:
        first = whole.conflicts[0]
        lines.append(
            Line(
                f"{_count(whole.conflicts_total, 'disagreement')} between articles ("
                + ", ".join(f"{n} over a {k}" for k, n in sorted(whole.conflict_kinds.items()))
                + "), listed below.",
                [cite(first[side]["doc"], first[side]["start"], first[side]["end"]) for side in ("ours", "theirs")],
            )
        )
    return lines


def unique_conflicts(
    export: dict[str, Any], seen: set[tuple[tuple[str, int], ...]] | None = None
) -> list[dict[str, Any]]:
    """Each conflict once: both claims of a conflicting pair list it (``seen``: the pairs found
    before, in earlier pages of the claims; those found here are added)."""
    seen = set() if seen is None else seen
    found = []
    for claim in export["claims"]:
        for conflict in claim["conflicts"]:
            pair = tuple(sorted((side["doc"], side["start"]) for side in (conflict["ours"], conflict["theirs"])))
            if pair not in seen:
                seen.add(pair)
                found.append(conflict)
    return found


def _said_by(claim: dict[str, Any], article: dict[str, str]) -> str:
    """Who the articles say makes the claim, each with the article saying so, when its statements
    are quotes: "(said by Ana Reyes in A2; the ministry in A4, A5)"."""
    speakers: dict[str, list[str]] = {}
    for statement in claim["statements"]:
        if statement["speaker"]["entity"]:
            keys = speakers.setdefault(statement["speaker"]["name"], [])
            if article[statement["doc"]] not in keys:
                keys.append(article[statement["doc"]])
    said = [f"{name} in {', '.join(keys)}" for name, keys in list(speakers.items())[:3]]
    return f" (said by {'; '.join(said)})" if said else ""


def _with_articles(text: str, article: dict[str, str]) -> str:
    for doc, key in article.items():
        text = text.replace(doc, key)
    return text


def _shown_title(document: dict[str, Any]) -> str:
    """The title as the article gives it; one made from the lead sentence says so."""
    if not document["title"]:
        return _file_name(document["source"])
    if document.get("title_how") == "lead-sentence":
        return f"{document['title']}… (no headline; from the lead sentence)"
    return str(document["title"])


def story_title(export: dict[str, Any], names: dict[str, str], articles: int | None = None) -> str:
    """The top four actors (the export's entities, most mentioned first) and how many articles."""
    # A capital and a seat of government stand for their state: name the actor once.
    actors = [e for e in export["entities"] if not any(link["relation"] in STANDS for link in e["links"])]
    top = [e["name"] for e in actors[:4]]
    counted = len(export["documents"]) if articles is None else articles
    return f"Story briefing: {', '.join(top)} ({_count(counted, 'article')})"


def _voices(voices: list[Voice], cite: Any) -> list[Line]:
    return [
        Line(
            f"{voice.name}"
            + (f", {_short(voice.role, 70)}" if voice.role else "")
            + (f" (on {', '.join(sorted(voice.channels))})" if voice.channels else "")
            + f": “{_short(voice.best['text'], 150)}” — {_count(voice.count, 'quote')}",
            [cite(q["doc"], q["start"], q["end"]) for q in voice.first],
        )
        for voice in voices
    ]


def _coverage(
    export: dict[str, Any], key_claims: list[dict[str, Any]], article: dict[str, str], cite: Any
) -> list[Line]:
    """Per independent source: how many of the key claims its articles carry, and whom they quote.
    A row may name some of its articles only (``more_documents``: how many it leaves out) and then
    carries the outlets and sources of all of them (``outlets``, ``doc_sources``)."""
    documents = {d["id"]: d for d in export["documents"]}
    keys = [c["id"] for c in key_claims]
    lines = []
    for row in export["coverage_by_source"]:
        carried = [c for c in key_claims if c["id"] in set(row["claims"])]
        quoted = ", ".join(v["name"] for v in row["voices"][:5]) or "nobody"
        label = _source_label(row, documents, article)
        cites = [
            cite(e["doc"], e["start"], e["end"]) for c in carried for e in c["evidence"] if e["doc"] in row["documents"]
        ][:3]
        if not cites:  # nothing of the key claims: cite the first article's headline (or its opening)
            d = documents[row["documents"][0]]
            title = d["title_span"] or {"start": 0, "end": min(len(d["text"]), 80)}
            cites = [cite(d["id"], title["start"], title["end"])]
        lines.append(
            Line(
                f"{label}: carries {len(carried)} of the {len(keys)} key claims "
                f"(leaves out {len(keys) - len(carried)}); quotes {quoted}",
                cites,
            )
        )
    return lines


def _source_label(row: dict[str, Any], documents: dict[str, Any], article: dict[str, str]) -> str:
    """ "Bloomberg (A5)", "Foreign Affairs, relayed by A2", or "A3 (outlet unknown)"."""
    keys = ", ".join(article[doc] for doc in row["documents"])
    if row.get("more_documents"):
        keys += f" and {row['more_documents']} more"
    own = row["outlets"] if "outlets" in row else {documents[doc]["outlet"] for doc in row["documents"]}
    sources = row["doc_sources"] if "doc_sources" in row else {documents[doc]["source"] for doc in row["documents"]}
    if row["source"] in own:
        return f"{row['source']} ({keys})"
    if row["source"] in documents or row["source"] in sources:
        return f"{keys} (outlet unknown)"
    return f"{row['source']}, relayed by {keys}"


def _network(edges: list[tuple[EdgeKey, Edge]], names: dict[str, str], cite: Any) -> list[Line]:
    """The actor network's strongest ties (gathered by :class:`Network`)."""
    lines = []
    for (source, target, kind, directed, negated), edge in edges:
        arrow = "→" if directed else "—"
        dates = sorted(edge.dates)
        lines.append(
            Line(
                f"{names.get(source, source)} {arrow} {names.get(target, target)}: {'not ' if negated else ''}{kind}"
                + (f", {', '.join(readable(date) for date in dates)}" if dates else "")
                + f" ({_count(edge.count, 'statement')})",
                [cite(i["evidence"]["doc"], i["evidence"]["start"], i["evidence"]["end"]) for i in edge.first],
            )
        )
    return lines


def _short(text: str, width: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def to_markdown(briefing: Briefing) -> str:
    lines = [f"# {md_escape(briefing.title)}", ""]
    for heading, items in briefing.sections:
        lines += [f"## {heading}", ""]
        if not items:
            lines.append("*(nothing found)*")
        for item in items:
            lines.append(f"- {md_escape(item.text)} " + " ".join(f"\\[{c.key}\\]" for c in item.cites))
        lines.append("")
    lines += ["## Sources", ""]
    lines += [f"- **{key}** {md_escape(label)}" for key, label in briefing.sources]
    lines += ["", "Citations are [article:start-end], character offsets into the article's text as read.", ""]
    return "\n".join(lines)


_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
a.cite{font-size:.8em;text-decoration:none;color:#0645ad;margin-left:.2em}
.evidence{border-left:3px solid #ccc;padding:.3rem .8rem;margin:.6rem 0;background:#fafafa}
.evidence:target{border-color:#e6a700;background:#fff8e1}.meta{color:#666;font-size:.85em}
"""


def to_html(briefing: Briefing) -> str:
    esc = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>{esc(briefing.title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{esc(briefing.title)}</h1>",
    ]
    for heading, items in briefing.sections:
        parts.append(f"<h2>{esc(heading)}</h2><ul>")
        if not items:
            parts.append("<li><em>nothing found</em></li>")
        for item in items:
            links = "".join(f'<a class="cite" href="#{_anchor(c)}">[{esc(c.key)}]</a>' for c in item.cites)
            parts.append(f"<li>{esc(item.text)}{links}</li>")
        parts.append("</ul>")
    parts.append("<h2>Sources</h2><ul>")
    parts += [f"<li><b>{esc(key)}</b> {esc(label)}</li>" for key, label in briefing.sources]
    parts.append("</ul><h2>Evidence</h2>")
    for cite in sorted(briefing.cites.values(), key=lambda c: (int(c.article[1:]), c.start)):
        parts.append(
            f'<div class="evidence" id="{_anchor(cite)}"><div class="meta">{esc(cite.article)}, characters '
            f"{cite.start}–{cite.end} (document {esc(cite.doc)})</div>{esc(cite.text)}</div>"
        )
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _anchor(cite: Cite) -> str:
    return f"{cite.article}-{cite.start}-{cite.end}"
