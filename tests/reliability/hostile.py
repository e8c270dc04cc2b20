"""A seeded generator of hostile and odd inputs (issue 15), each with what ingest must do with it.

Every input is a file to write under a folder: a name (bytes, as a file system holds it), its
content, and the expectation: ``stored`` (an odd but readable article, stored once) or ``failed``
(a one-line reason naming it, with ``reason`` a word the line must hold). The texts are our own,
made up here from a few neutral words; none comes from a corpus.
"""

from __future__ import annotations

import json
import os
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsdesk.ingest.errors import printable
from newsdesk.ingest.paths import path_label
from newsdesk.ingest.readers import read_file
from newsdesk.model import RawArticle, document_id
from newsdesk.settings import Settings


@dataclass(frozen=True, slots=True)
class Hostile:
    kind: str
    name: bytes  # the file's name, as bytes: it may hold bytes that are not UTF-8
    content: bytes
    expect: str  # "stored", "failed", "skipped", or "mixed" (a JSON Lines file: line 1 bad, line 2 good)
    reason: str = ""  # a word the failure line holds
    sparse_size: int = 0  # write a sparse file of this many bytes instead of ``content``


_WORDS = (
    "harbour ferry council union strike bridge minister report river market school rail road vote budget "
    "court police weather storm island village factory port mayor museum library hospital crew"
).split()
_NAMES = ("Ada Brenn", "Ivo Marsh", "Maren Tolby", "Oskar Lind", "Tilde Varga", "Nils Ahl")
_JAPANESE = "港湾労働者は金曜日にストライキを終えた。組合が述べた。"
_CHINESE = "码头工人在周五结束了罢工，工会领导人表示。"
_TRADITIONAL = "碼頭工人在週五結束了罷工，工會領導人表示。"
_KOREAN = "부두 노동자들은 금요일에 파업을 끝냈다고 노조가 말했다."


def _sentence(chance: random.Random, number: int) -> str:
    words = " ".join(chance.choice(_WORDS) for _ in range(chance.randint(6, 14)))
    return f"The {words} on day {number}, said {chance.choice(_NAMES)}."


def article(chance: random.Random, number: int, sentences: int = 6) -> str:
    """A short, unique, plain article (its number keeps it unique)."""
    title = f"Report {number}: the {chance.choice(_WORDS)} {chance.choice(_WORDS)}"
    return title + "\n\n" + " ".join(_sentence(chance, number) for _ in range(sentences)) + "\n"


def _stored(kind: str, name: str | bytes, text: str | bytes) -> Hostile:
    raw_name = name.encode() if isinstance(name, str) else name
    return Hostile(kind, raw_name, text.encode() if isinstance(text, str) else text, "stored")


def _failed(kind: str, name: str | bytes, content: bytes, reason: str, sparse: int = 0) -> Hostile:
    raw_name = name.encode() if isinstance(name, str) else name
    return Hostile(kind, raw_name, content, "failed", reason, sparse)


def _deep_json(chance: random.Random, n: int) -> Hostile:
    depth = chance.choice((65, 500, 5_000, 100_000))
    opener, closer = chance.choice(((b"[", b"]"), (b'{"a":', b"}")))
    return _failed("deep-json", f"deep-{n}.jsonl", opener * depth + b"1" + closer * depth + b"\n", "nested too deeply")


def _long_text(chance: random.Random, n: int) -> Hostile:
    unit = chance.choice(("The harbour was quiet. ", "A" * 50 + " ", ". ", "Abc Def "))
    size = chance.randint(100_001, 1_500_000)
    text = f"Long {n}\n\n" + (unit * (size // len(unit) + 1))[:size]
    return _failed("long-text", f"long-{n}.txt", text.encode(), "too long")


def _many_tokens(chance: random.Random, n: int) -> Hostile:
    text = f"Marks {n}\n\n" + ". " * chance.randint(Settings().max_text_tokens + 1, 49_000)
    return _failed("many-tokens", f"marks-{n}.txt", text.encode(), "too long")


def _near_limit(chance: random.Random, n: int) -> Hostile:
    """Texts just under the limits, in the shapes that once grew faster than their length."""
    shape = chance.choice(("capitals", "word", "quotes", "dates", "lines", "news"))
    size = chance.randint(20_000, 95_000)
    unit = {
        "capitals": "Abc Def Ghi ",
        "word": "A" * size,
        "quotes": '"Yes," said Ada Brenn. ',
        "dates": "The Times said on Monday 3 May 2021 that Reuters told Mr Smith so. ",
        "lines": "Harbour\n",
        "news": article(chance, n, 3),
    }[shape]
    body = (unit * (size // len(unit) + 1))[:size]
    text = f"Near the limit {n}\n\n{body}"
    if len(re.findall(r"\w+|[^\w\s]", text)) > Settings().max_text_tokens:
        return _failed("near-limit", f"near-{n}.txt", text.encode(), "too long")
    return _stored("near-limit", f"near-{n}.txt", text)


def _capital_run(chance: random.Random, n: int) -> Hostile:
    run = "".join(chance.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(chance.randint(1_000, 50_000)))
    return _stored("capital-run", f"capitals-{n}.txt", article(chance, n, 2) + run + " said the union.\n")


def _not_utf8_name(chance: random.Random, n: int) -> Hostile:
    name = f"name-{n}-".encode() + bytes([chance.choice((0xFF, 0xE9, 0x80, 0xC3))]) + b".txt"
    return _stored("not-utf8-name", name, article(chance, n))


def _control_name(chance: random.Random, n: int) -> Hostile:
    control = chance.choice(("\x1b[2J", "\n", "\r", "\x07", "\u202e", "\x1b]0;owned\x07", "\t"))
    if chance.random() < 0.5:
        return _stored("control-name", f"ctl{control}{n}.txt", article(chance, n))
    return _failed("control-name", f"ctl{control}{n}.txt", b"", "empty file")


def _random_bytes(chance: random.Random, n: int) -> Hostile:
    """1 to 10 random bytes, one of them a control byte: no text, however they decode."""
    data = bytearray(chance.randbytes(chance.randint(1, 10)))
    data[chance.randrange(len(data))] = chance.choice((0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08))
    return _failed("random-bytes", f"random-{n}.txt", bytes(data), "")


def _no_letters(chance: random.Random, n: int) -> Hostile:
    content = chance.choice(("\u200b" * chance.randint(1, 200), "1234 5678 " * chance.randint(1, 50), "?! ... -- ##"))
    return _failed("no-letters", f"empty-{n}.txt", content.encode(), "no text")


def _binary(chance: random.Random, n: int) -> Hostile:
    magic = chance.choice((b"%PDF-1.7", b"\x89PNG\r\n\x1a\n", b"\x7fELF\x02", b"PK\x03\x04", b"\x1f\x8b\x08"))
    return _failed("binary", f"binary-{n}.txt", magic + chance.randbytes(chance.randint(10, 4000)), "binary")


def _mixed_utf8(chance: random.Random, n: int) -> Hostile:
    text = article(chance, n).encode() + "café ".encode() + b"\xff\xfe\x80" + b" more"
    return _failed("mixed-utf8", f"mixed-{n}.txt", text, "invalid UTF-8")


def _truncated_html(chance: random.Random, n: int) -> Hostile:
    html = f"<html><head><title>Story {n}</title></head><body><article><p>{article(chance, n)}"
    return _failed("truncated-html", f"cut-{n}.html", html.encode(), "truncated HTML")


def _encoded(chance: random.Random, n: int) -> Hostile:
    text, encoding = chance.choice(
        (
            (_JAPANESE, "shift_jis"),
            (_CHINESE, "gb2312"),
            (_CHINESE, "gbk"),
            (_TRADITIONAL, "big5"),
            (_KOREAN, "euc_kr"),
            (None, "utf-16-le"),
            (None, "utf-16-be"),
        )
    )
    body = article(chance, n) if text is None else f"{n}\n\n" + text * chance.randint(3, 8) + f" {n}\n"
    return _stored("encoding", f"encoded-{n}.txt", body.encode(encoding))


def _jsonl_mix(chance: random.Random, n: int) -> Hostile:
    """One good record between bad ones: the good one is stored, each bad line is its own failure."""
    good = json.dumps({"text": article(chance, n), "title": f"Record {n}"})
    bad = chance.choice(('{"text": ', "[1, 2]", '{"text": 5}', "[" * 200 + "]" * 200))
    return Hostile("jsonl-mix", f"feed-{n}.jsonl".encode(), (bad + "\n" + good + "\n").encode(), "mixed", "line 1")


def _empty(chance: random.Random, n: int) -> Hostile:
    content = chance.choice((b"", b"   \n\n\t", b"\n" * 50))
    return _failed("empty", f"blank-{n}.txt", content, "")


def _unsupported(chance: random.Random, n: int) -> Hostile:
    suffix = chance.choice((".pdf", ".docx", ".exe"))
    # In a folder, a file of another format is skipped (counted in the summary), not failed.
    return Hostile("unsupported", f"file-{n}{suffix}".encode(), b"text", "skipped")


def _huge(chance: random.Random, n: int) -> Hostile:
    return _failed("huge", f"huge-{n}.txt", b"", "too large", sparse=chance.randint(21, 400) * 2**20)


# Kind, weight: the cheap refusals are most of the inputs; the kinds that reach spaCy are fewer.
KINDS: tuple[tuple[Callable[[random.Random, int], Hostile], int], ...] = (
    (_deep_json, 8),
    (_long_text, 3),
    (_many_tokens, 2),
    (_near_limit, 1),
    (_capital_run, 2),
    (_not_utf8_name, 6),
    (_control_name, 10),
    (_random_bytes, 14),
    (_no_letters, 10),
    (_binary, 10),
    (_mixed_utf8, 8),
    (_truncated_html, 6),
    (_encoded, 6),
    (_jsonl_mix, 6),
    (_empty, 6),
    (_unsupported, 4),
    (_huge, 1),
)


def generate(seed: int, count: int, start: int = 0) -> Iterator[Hostile]:
    """``count`` hostile inputs from ``seed``; numbers from ``start`` keep their texts unique."""
    chance = random.Random(seed)
    makers = [maker for maker, _ in KINDS]
    weights = [weight for _, weight in KINDS]
    for number in range(start, start + count):
        yield chance.choices(makers, weights)[0](chance, number)


def write(folder: Path, item: Hostile) -> Path:
    """Write ``item`` under ``folder`` (a sparse file when it stands for a huge one)."""
    path = Path(os.fsdecode(os.fsencode(folder) + b"/" + item.name))
    with open(path, "wb") as handle:
        if item.sparse_size:
            handle.truncate(item.sparse_size)
        else:
            handle.write(item.content)
    return path


@dataclass(slots=True)
class Check:
    """What one or more batches showed, against what each input expected."""

    inputs: int = 0
    good_files: int = 0
    tracebacks: int = 0
    stray_lines: int = 0
    bad_without_reason: list[str] = field(default_factory=list)
    good_not_stored_once: list[str] = field(default_factory=list)
    bad_stored: list[str] = field(default_factory=list)
    failure_lines: int = 0

    @property
    def ok(self) -> bool:
        return not (
            self.tracebacks
            or self.stray_lines
            or self.bad_without_reason
            or self.good_not_stored_once
            or self.bad_stored
        )


def stored_once(path: Path, sources: dict[str, int], ids: dict[str, int]) -> bool:
    """A good file is stored once under its own name, or, when another file holds the same text
    (the BBC corpus has a few such copies), its text is stored once under the other's."""
    if sources.get(path_label(path)) == 1:
        return True
    read = [item for item in read_file(path, Settings()) if isinstance(item, RawArticle)]
    return len(read) == 1 and ids.get(document_id(read[0].text)) == 1


def check_batch(
    check: Check,
    items: list[tuple[Hostile, Path]],
    good: list[Path],
    stderr: str,
    sources: list[str],
    ids: dict[str, int] | None = None,
) -> None:
    """Add to ``check`` what one ingest's error output and the stored sources (and document ids) show."""
    ids = ids or {}
    lines = stderr.splitlines()
    check.inputs += len(items)
    check.good_files += len(good)
    check.tracebacks += stderr.count("Traceback")
    failures = [line for line in lines if line.startswith("failed ")]
    check.failure_lines += len(failures)
    check.stray_lines += sum(
        1 for line in lines if not line.startswith(("failed ", "stored ", "newsdesk: finishing", "warning: "))
    )
    stored: dict[str, int] = {}
    for source in sources:
        stored[source] = stored.get(source, 0) + 1

    def failed_once(label: str, reason: str) -> bool:
        shown = printable(label)
        matching = [line for line in failures if line.startswith(f"failed {shown}: ") and reason in line]
        return len(matching) == 1

    for item, path in items:
        label = path_label(path)
        if item.expect == "stored":
            if stored.get(label) != 1:
                check.good_not_stored_once.append(f"{item.kind} {label!r}")
        elif item.expect == "skipped":
            if label in stored:
                check.bad_stored.append(f"{item.kind} {label!r}")
        elif item.expect == "failed":
            # A JSON Lines file fails line by line: its one record is line 1.
            if not failed_once(f"{label}:1" if item.name.endswith(b".jsonl") else label, item.reason):
                check.bad_without_reason.append(f"{item.kind} {label!r}")
            if label in stored:
                check.bad_stored.append(f"{item.kind} {label!r}")
        else:  # a JSON Lines file: line 1 bad, line 2 good
            if not failed_once(f"{label}:1", ""):
                check.bad_without_reason.append(f"{item.kind} {label!r}:1")
            if stored.get(f"{label}:2") != 1:
                check.good_not_stored_once.append(f"{item.kind} {label!r}:2")
    skipped = sum(item.expect == "skipped" for item, _ in items)
    summary = [line for line in lines if line.startswith("stored ")]
    if skipped and not (summary and f"skipped {skipped} " in summary[-1]):
        check.bad_without_reason.append(f"{skipped} skipped files not counted in the summary")
    for path in good:
        if not stored_once(path, stored, ids):
            check.good_not_stored_once.append(f"good {path_label(path)!r}")
