"""Precision over everything shown: every claim the seeds and the demo corpus show as carried by
two or more articles has been read and labelled (tests/golden/claims_shown.json, locator words
only). A claim nobody has read fails here until it is read; the share labelled right must stay
at or above the issue's aim."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdesk.model import Claim, Document
from newsdesk.store import open_store

LABELS = json.loads((Path(__file__).resolve().parent.parent / "golden" / "claims_shown.json").read_text("utf-8"))
AIM = 0.95
# ECB+ topic 33 was read before two general checks were added: its figure is partly tuned (docs/EVALUATION.md).
FLOORS = {"seeds": AIM, "demo": AIM, "ecbplus-33": 0.9, "ecbplus-35": AIM}


def _key(document: Document, seeds: bool | None) -> str:
    name = Path(document.source).name
    if seeds is None:  # an ECB+ article: the last segment of its address
        return name
    return name[:3] if seeds else name.rsplit(".", 1)[0]


def _label(claim: Claim, names: dict[str, str], labels: list[dict[str, object]]) -> dict[str, object] | None:
    texts = {names[s.doc]: s.text.lower() for s in claim.statements}
    for label in labels:
        members = label["members"]
        assert isinstance(members, dict)
        if set(members) == set(texts) and all(all(w in texts[k] for w in members[k]) for k in members):
            return label
    return None


def _shown(path: Path, part: str, seeds: bool | None) -> tuple[list[Claim], list[dict[str, object]]]:
    with open_store(path) as store:
        names = {d.id: _key(d, seeds) for d in store.documents()}
        shown = [c for c in store.claims() if len(c.documents) > 1]
    labels = LABELS[part]
    unread = [[s.text for s in c.statements] for c in shown if _label(c, names, labels) is None]
    assert not unread, f"claims shown that nobody has read (label them in claims_shown.json): {unread}"
    return shown, [label for c in shown if (label := _label(c, names, labels)) is not None]


@pytest.mark.parametrize(("part", "seeds"), [("seeds", True), ("demo", False)])
def test_every_claim_shown_is_read_and_right(part: str, seeds: bool, request: pytest.FixtureRequest) -> None:
    path = request.getfixturevalue("seed_db" if seeds else "demo_db")
    shown, labels = _shown(path, part, seeds)
    right = sum(1 for label in labels if label["right"])
    assert shown, "no claim is shown as carried by several articles"
    assert right / len(labels) >= FLOORS[part], f"{right} of {len(labels)} shown claims right"


@pytest.mark.parametrize("topic", [33, 35])
def test_every_claim_shown_on_an_ecbplus_story_is_read(topic: int, tmp_path: Path) -> None:
    """Real multi-outlet stories from ECB+ (read from ../shared at test time, never copied here)."""
    from eval.ecbplus_story import ECBPLUS, article

    from newsdesk.ingest import ingest_paths
    from tests.conftest import need

    folder = need(ECBPLUS / str(topic))
    story = tmp_path / "story.jsonl"
    with story.open("w", encoding="utf-8") as out:
        for path in sorted(folder.glob(f"{topic}_*ecbplus.xml")):
            out.write(json.dumps(article(path)) + "\n")
    with open_store(tmp_path / "story.db") as store:
        ingest_paths([str(story)], store)
    part = f"ecbplus-{topic}"
    shown, labels = _shown(tmp_path / "story.db", part, None)
    right = sum(1 for label in labels if label["right"])
    assert shown and right / len(labels) >= FLOORS[part], f"{right} of {len(labels)} shown claims right"


def test_a_wrong_label_is_caught() -> None:
    """The matcher is strict: a label's words must all be in the member's statement."""
    from newsdesk.model import Span, Statement

    claim = Claim(
        id="c1",
        text="x",
        statements=(
            Statement(doc="a", span=Span(0, 5), text="the dam gave way"),
            Statement(doc="b", span=Span(0, 5), text="the dam burst"),
        ),
        sources=("A", "B"),
    )
    names = {"a": "one", "b": "two"}
    assert _label(claim, names, [{"members": {"one": ["dam", "gave"], "two": ["burst"]}, "right": True}])
    assert _label(claim, names, [{"members": {"one": ["dam", "gave"], "two": ["gave"]}, "right": True}]) is None
    assert _label(claim, names, [{"members": {"one": ["dam"]}, "right": True}]) is None
