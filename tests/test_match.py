"""Matching logic: grouping by average linkage, candidates and their features, the pair model's file.

Grouping and features are pure functions tested on hand-built inputs; the shipped pair model is
loaded for real."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from crosscheck.domain import Claim
from crosscheck.errors import ModelError
from crosscheck.match import average_linkage, group_pairs
from crosscheck.pair_features import FEATURES, Candidates, Lexicon, candidate_pairs
from crosscheck.pair_model import MODEL_PATH, MODEL_SHA256, PairModel
from crosscheck.settings import Settings
from crosscheck.text import content_words


def claims(sources: str, texts: list[str] | None = None) -> list[Claim]:
    texts = texts or [f"text {i}" for i in range(len(sources))]
    return [Claim(f"c{i}", s, t, 0, 1, 1) for i, (s, t) in enumerate(zip(sources, texts, strict=True))]


def pairs(*edges: tuple[int, int, float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    i, j, p = zip(*edges, strict=True)
    return np.array(i), np.array(j), np.array(p, float)


def test_a_chain_of_neighbours_does_not_become_one_group() -> None:
    # a~b and b~c are sure, a~c is no candidate (counts 0): the mean over a, b, c's three pairs
    # is (0.9 + 0.9 + 0) / 3 = 0.6 < 0.7, so c stays out.
    clusters = average_linkage(list("abc"), *pairs((0, 1, 0.95), (1, 2, 0.9)), 0.7)
    assert clusters == [[0, 1], [2]]


def test_a_group_may_hold_several_claims_of_one_source() -> None:
    # A headline (0) and a body sentence (1) of source a both state what b's claim 2 states.
    clusters = average_linkage(list("aab"), *pairs((0, 2, 0.9), (1, 2, 0.8)), 0.7)
    assert clusters == [[0, 1, 2]]


def test_pairs_within_one_source_count_in_neither_sum_nor_count() -> None:
    # Once {0, 2} is a group, claim 1 (source a, like 0) has one cross pair with it, (1, 2):
    # the pair (0, 1) of one source neither counts as a missing 0 nor adds to the mean.
    clusters = average_linkage(list("aab"), *pairs((0, 2, 0.9), (1, 2, 0.75)), 0.7)
    assert clusters == [[0, 1, 2]]
    clusters = average_linkage(list("aab"), *pairs((0, 2, 0.9), (1, 2, 0.4)), 0.7)
    assert clusters == [[0, 2], [1]]


def test_grouping_is_independent_of_the_order_of_candidates() -> None:
    rng = np.random.default_rng(3)
    sources = list("abcd" * 10)
    i, j = np.triu_indices(40, 1)
    keep = np.array([sources[a] != sources[b] for a, b in zip(i, j, strict=True)])
    i, j = i[keep], j[keep]
    p = rng.random(len(i))
    first = average_linkage(sources, i, j, p, 0.6)
    order = rng.permutation(len(i))
    assert average_linkage(sources, i[order], j[order], p[order], 0.6) == first
    assert sorted(k for cluster in first for k in cluster) == list(range(40))


def test_groups_carry_the_mean_probability_and_unique_claims_their_possible_match() -> None:
    items = claims("aabc")
    candidates = Candidates(
        np.array([0, 0, 1]),
        np.array([2, 3, 3]),
        np.array([0.8, 0.5, 0.4], np.float32),
        np.zeros((3, len(FEATURES)), np.float32),
    )
    probability = np.array([0.9, 0.3, 0.1])
    settings = replace(Settings(), match_probability=0.7, possible_match_probability=0.2)
    matching = group_pairs(items, candidates, probability, settings)
    assert [g.members for g in matching.groups] == [(0, 2), (1,), (3,)]
    assert matching.groups[0].probability == pytest.approx(0.9)
    assert matching.groups[0].similarity == pytest.approx(0.8)
    assert matching.groups[0].matched_pairs == ((0, 2),)  # the pairs whose values are compared
    # Claim 3's best candidate is claim 0 (0.3 >= 0.2); claim 1's best (0.1) is under the floor.
    assert set(matching.possible) == {3}
    assert (matching.possible[3].partner, matching.possible[3].probability) == (0, 0.3)


def unit_vectors(n: int, seed: int) -> np.ndarray:
    vectors = np.random.default_rng(seed).normal(size=(n, 16)).astype(np.float32)
    return np.asarray(vectors / np.linalg.norm(vectors, axis=1, keepdims=True), np.float32)


def test_candidates_are_cross_source_sorted_and_featured() -> None:
    items = claims("aaabbbccc", [f"Claim number {k} about Anytown and the Widget Act" for k in range(9)])
    found = candidate_pairs(items, unit_vectors(9, 1))
    keys = list(zip(found.i.tolist(), found.j.tolist(), strict=True))
    assert keys == sorted(set(keys))
    assert all(i < j and items[i].source != items[j].source for i, j in keys)
    assert found.features.shape == (len(found), len(FEATURES))
    assert np.allclose(found.features[:, FEATURES.index("cosine")], found.cosine)
    assert np.all(found.features[:, FEATURES.index("margin_best")] <= 1e-6)


def test_changing_a_value_leaves_the_word_features_alone() -> None:
    """Values must not decide sameness: a number, a weekday or a month changed on one side
    gives the same word features, so the pair can still be compared and found to conflict."""
    texts = ["The Senate passed the bill 97-1 on Tuesday in March.", "The final tally in the Senate was 97-1."]
    changed = ["The Senate passed the bill 96-3 on Wednesday in April.", texts[1]]
    vectors = unit_vectors(2, 5)
    words = ("overlap", "shared_names", "length_min", "length_max")
    before = candidate_pairs(claims("ab", texts), vectors)
    after = candidate_pairs(claims("ab", changed), vectors)
    for name in words:
        k = FEATURES.index(name)
        assert before.features[0, k] == pytest.approx(after.features[0, k]), name


def test_overlap_counts_spelling_variants_and_weighs_rare_words() -> None:
    words = [content_words(t) for t in ("wartime operational control", "wartime operations control", "the control")]
    lexicon = Lexicon.of(words)
    assert "operations" in lexicon.variants["operational"]
    assert lexicon.weights["wartime"] > lexicon.weights["control"]
    full = lexicon.overlaps(words, [0, 0], [1, 2])
    assert full[0] == pytest.approx(1.0)
    assert 0 < full[1] < full[0]


def test_the_shipped_pair_model_loads_verified_and_scores() -> None:
    model = PairModel.load()
    assert model.sha256 == MODEL_SHA256 == hashlib.sha256(MODEL_PATH.read_bytes()).hexdigest()
    assert model.features == FEATURES
    assert model.to_json() == MODEL_PATH.read_text()  # the file is the model's own canonical form
    rows = np.zeros((2, len(FEATURES)), np.float32)
    rows[1, FEATURES.index("cosine")] = 1.0
    p = model.probability(rows)
    assert np.all((p > 0) & (p < 1))
    assert p[1] > p[0]  # more alike, more likely the same fact


def test_a_damaged_or_missing_pair_model_is_a_clear_error(tmp_path: Path) -> None:
    damaged = tmp_path / "pair_model.json"
    damaged.write_text(MODEL_PATH.read_text().replace("cosine", "cosines", 1))
    with pytest.raises(ModelError, match="sha256"):
        PairModel.load(damaged)
    with pytest.raises(ModelError, match="other features"):
        PairModel.load(damaged, sha256=None)
    with pytest.raises(ModelError, match="missing"):
        PairModel.load(tmp_path / "absent.json")
    damaged.write_text("{not json")
    with pytest.raises(ModelError, match="cannot be read"):
        PairModel.load(damaged, sha256=None)
    assert json.loads(MODEL_PATH.read_text())["kind"] == "logistic-regression"


def test_a_reprinted_article_pairs_each_sentence_with_its_copy_only() -> None:
    """Wire copy on two sites shares its whole context with the original, so every pair of its
    sentences scores high; a claim printed verbatim in the other article is compared there with
    its copy only, and the two sentences stay two findings."""
    texts = ["The minister resigned on Monday.", "Parliament will vote on a successor."]
    items = claims("aabb", texts + texts)
    i, j = np.array([0, 0, 1, 1]), np.array([2, 3, 2, 3])
    candidates = Candidates(i, j, np.full(4, 0.8, np.float32), np.zeros((4, len(FEATURES)), np.float32))
    probability = np.array([0.99, 0.9, 0.9, 0.99])  # 0-3 and 1-2 are different sentences
    matching = group_pairs(items, candidates, probability, Settings())
    assert [g.members for g in matching.groups] == [(0, 2), (1, 3)]
