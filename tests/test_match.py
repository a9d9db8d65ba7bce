"""Matching logic on hand-built vectors: pure functions, no model needed."""

from __future__ import annotations

import numpy as np
import pytest

from crosscheck import match
from crosscheck.domain import Claim
from crosscheck.match import Pair, build_groups, select_matches, similar_pairs
from crosscheck.settings import Settings
from crosscheck.text import content_words


def claims(sources: str) -> list[Claim]:
    return [Claim(f"c{i}", s, f"text {i}", 0, 1, 1) for i, s in enumerate(sources)]


def test_blockwise_similarity_equals_the_full_matrix(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(37, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    items = claims("abcab" * 7 + "ab")
    full = vectors @ vectors.T
    expected = [
        (i, j, float(full[i, j]))
        for i in range(37)
        for j in range(i + 1, 37)
        if items[i].source != items[j].source and full[i, j] >= 0.2
    ]
    monkeypatch.setattr(match, "SIMILARITY_BLOCK", 5)
    found = similar_pairs(items, vectors, 0.2)
    assert [(i, j) for i, j, _ in found] == [(i, j) for i, j, _ in expected]
    assert np.allclose([c for *_, c in found], [c for *_, c in expected], atol=1e-6)


def test_each_claim_matches_at_most_one_claim_per_other_source() -> None:
    items = claims("abb")
    pairs = [Pair(0, 1, 0.9, 0.0), Pair(0, 2, 0.8, 0.0)]
    chosen = select_matches(pairs, items, Settings())
    assert [(p.i, p.j) for p in chosen] == [(0, 1)]


def test_complete_linkage_refuses_a_chain_of_neighbours() -> None:
    items = claims("abc")
    # a~b and b~c match, a~c does not: no finding may hold all three.
    groups = build_groups(items, [Pair(0, 1, 0.9, 0.0), Pair(1, 2, 0.8, 0.0)])
    assert [g.members for g in groups] == [(0, 1), (2,)]


def test_three_sources_that_all_match_form_one_group() -> None:
    items = claims("abc")
    matches = [Pair(0, 1, 0.9, 0.0), Pair(1, 2, 0.8, 0.0), Pair(0, 2, 0.7, 0.0)]
    (group,) = build_groups(items, matches)
    assert group.members == (0, 1, 2)
    assert group.similarity == pytest.approx(0.7)


def clustered_vectors(n: int, seed: int) -> np.ndarray:
    """Unit vectors in tight clusters, as claims of one story are: many pairs clear a threshold."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(n // 20, 32))
    vectors = centres[rng.integers(0, len(centres), n)] + 0.6 * rng.normal(size=(n, 32))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors.astype(np.float32)


def test_approximate_search_finds_the_exact_pairs_and_is_deterministic(monkeypatch: pytest.MonkeyPatch) -> None:
    vectors = clustered_vectors(1500, 3)
    items = claims("abcdefghij" * 150)
    exact = similar_pairs(items, vectors, 0.3)
    monkeypatch.setattr(match, "EXACT_SEARCH_LIMIT", 100)
    monkeypatch.setattr(match, "ANN_NEIGHBOURS", 8)  # small, so the doubling of k is exercised
    approximate = similar_pairs(items, vectors, 0.3)
    assert approximate == similar_pairs(items, vectors, 0.3)
    found = {(i, j) for i, j, _ in approximate}
    truth = {(i, j) for i, j, _ in exact}
    assert found <= truth
    assert len(found) >= 0.99 * len(truth)
    assert approximate == sorted(approximate)


def test_spelling_variants_found_by_length_bands_equal_the_full_comparison() -> None:
    from rapidfuzz import fuzz

    words = [["operational", "operations", "operation"], ["korea", "korean", "koreas"], ["a", "ab", "abc", "abcd"]]
    words += [[w + "x" * k for w in ("wartime", "control")] for k in range(6)]
    lexicon = match.Lexicon.of(words)
    vocabulary = sorted({w for claim in words for w in claim})
    for word in vocabulary:
        expected = {o for o in vocabulary if o != word and fuzz.ratio(word, o) >= match.SAME_WORD_RATIO}
        assert lexicon.variants.get(word, frozenset()) == expected


def test_overlaps_of_all_pairs_at_once_equal_the_overlap_of_each() -> None:
    texts = [
        "The wartime operational control transfer was discussed in Seoul.",
        "Ministers discussed transferring wartime operations control.",
        "North Korea fired a ballistic missile on Tuesday.",
        "Pyongyang fired ballistic missiles into the sea.",
        "",
        "Korea Korea Korea.",
    ]
    words = [content_words(t) for t in texts]
    lexicon = match.Lexicon.of(words)
    pairs = [(i, j) for i in range(len(texts)) for j in range(len(texts)) if i != j]
    overlaps = lexicon.overlaps(words, [i for i, _ in pairs], [j for _, j in pairs])
    expected = [lexicon.overlap(words[i], words[j]) for i, j in pairs]
    assert overlaps.tolist() == pytest.approx(expected, abs=1e-12)
    assert max(expected) > 0.3  # the variants ("operational" / "operations") are in the sum
