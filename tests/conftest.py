"""Shared fixtures: the seed articles and corpora live in ../shared, beside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
BBC = SHARED / "corpus" / "bbc"
DEMO = ROOT / "demo" / "corpus"
GOLDEN = Path(__file__).resolve().parent / "golden"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not here: it comes with ../shared beside the repository (CI has it; a clone may not)")
    return path


@pytest.fixture
def seeds() -> Path:
    return need(SEEDS)


@pytest.fixture
def bbc() -> Path:
    return need(BBC)
