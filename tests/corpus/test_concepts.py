"""The word classes of ``concepts.tsv`` are general (generated from WordNet by
eval/concepts_wordnet.py), and inflections find their class."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsdesk.corpus.concepts import concept_of, concepts

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("word", "name"),
    [
        ("arrested", "seize"),
        ("bombing", "attack"),
        ("negotiations", "consult"),
        ("condemned", "condemn"),
        ("treaty", "agreement"),
        ("rescued", "help"),
    ],
)
def test_a_word_finds_its_class(word: str, name: str) -> None:
    assert concept_of(word) == name


def test_paraphrases_share_a_class() -> None:
    assert set(concepts(["police", "arrested", "mayor"])) & set(concepts(["officers", "apprehended", "mayor"]))
    assert not set(concepts(["the", "weather", "was", "mild"]))


@pytest.mark.skipif(not Path("/usr/share/wordnet/data.verb").exists(), reason="wordnet-base not installed")
def test_the_file_is_what_the_generator_writes() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "eval" / "concepts_wordnet.py"), "--check"], check=False)
    assert done.returncode == 0, "concepts.tsv was edited by hand or WordNet changed: regenerate it"
