"""A transfer verb names a supply only with a material theme: testimony, evidence or assurances
handed over are statements. Checked on the lemma the events stage gives and on plain text."""

from __future__ import annotations

import pytest

from newsdesk.corpus.happenings import kind_of, kinds_named, names_kind


@pytest.mark.parametrize(
    ("lemma", "kind"),
    [
        ("provide testimony", "statement"),
        ("give evidence", "statement"),
        ("offer assurance", "statement"),
        ("provide", "supply"),
        ("deliver", "supply"),
        ("give way", "collapse"),
        ("arrest", "seizure"),
    ],
)
def test_kind_of_judges_a_transfer_by_its_object(lemma: str, kind: str) -> None:
    assert kind_of(lemma) == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "The former director provided testimony to the committee on Tuesday.",
        "She gave detailed evidence about the contracts.",
        "The ministry provided written answers to the senators.",
    ],
)
def test_speech_and_evidence_handed_over_is_no_supply(sentence: str) -> None:
    assert names_kind(sentence, "supply") is None
    assert "supply" not in kinds_named(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Norway delivered twelve howitzers to the border brigade.",
        "The company sold rifles and ammunition to the militia.",
        "The government provided the army with trucks.",
        "The firm sold 500 tanks, details of which were kept secret.",
    ],
)
def test_goods_handed_over_are_a_supply(sentence: str) -> None:
    assert names_kind(sentence, "supply") is not None
