"""Finding claims of different sources that state the same fact, and grouping them.

Three steps, each measured on ECB+ (benchmarks/ecbplus_matching.py):
1. Cosine similarity of embeddings proposes candidate pairs across sources.
2. Lexical evidence confirms them: content words the two claims share, found with rapidfuzz
   so inflections and spelling variants count ("operational" / "operations"), each weighted by how
   rare it is among the claims of this run. Words every article repeats ("Korea", "SCM") say
   little; a shared rare word ("wartime") says a lot. The pair's score is
   cosine + settings.lexical_weight * overlap.
3. Each claim matches at most one claim of each other source (best score first), and groups
   grow only by complete linkage, so a chain of topical neighbours (A~B, B~C, A!~C) does not
   become one finding.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from crosscheck.domain import Claim
from crosscheck.embed import Vectors
from crosscheck.settings import Settings
from crosscheck.text import content_words

# rapidfuzz ratio at which two words count as the same word ("operational"/"operations" = 86).
SAME_WORD_RATIO = 85.0
# Rows of the similarity matrix held at once: 2,048 x 100,000 claims is 0.8 GB of float32.
SIMILARITY_BLOCK = 2048


@dataclass(frozen=True)
class Pair:
    """A candidate match between claims `i` < `j` of different sources."""

    i: int
    j: int
    cosine: float
    overlap: float

    def score(self, settings: Settings) -> float:
        return self.cosine + settings.lexical_weight * self.overlap


@dataclass(frozen=True)
class Group:
    """Indices of claims that state one fact; `similarity` is the lowest cosine of its matches."""

    members: tuple[int, ...]
    similarity: float | None


def group_claims(claims: Sequence[Claim], vectors: Vectors, settings: Settings) -> list[Group]:
    """Every claim in exactly one group; groups of one are claims no other source states."""
    pairs = candidate_pairs(claims, vectors, settings)
    return build_groups(claims, select_matches(pairs, claims, settings))


def candidate_pairs(claims: Sequence[Claim], vectors: Vectors, settings: Settings) -> list[Pair]:
    """Cross-source pairs at or above the candidate cosine, with their lexical overlap."""
    if not claims:
        return []
    words = [content_words(c.text) for c in claims]
    lexicon = Lexicon.of(words)
    return [
        Pair(i, j, cosine, lexicon.overlap(words[i], words[j]))
        for i, j, cosine in similar_pairs(claims, vectors, settings.candidate_similarity)
    ]


def similar_pairs(claims: Sequence[Claim], vectors: Vectors, threshold: float) -> list[tuple[int, int, float]]:
    """(i, j, cosine) with i < j, different sources, cosine >= threshold. Computed in row blocks so
    memory stays at SIMILARITY_BLOCK rows of the matrix, not the whole n x n of it."""
    _, source_index = np.unique(np.array([c.source for c in claims]), return_inverse=True)
    found: list[tuple[int, int, float]] = []
    for start in range(0, len(claims), SIMILARITY_BLOCK):
        block = vectors[start : start + SIMILARITY_BLOCK] @ vectors.T
        rows = np.arange(start, start + len(block))[:, None]
        keep = (block >= threshold) & (np.arange(len(claims))[None, :] > rows)
        keep &= source_index[rows] != source_index[None, :]
        for r, j in zip(*np.nonzero(keep), strict=True):
            found.append((start + int(r), int(j), float(block[r, j])))
    return found


def select_matches(pairs: Sequence[Pair], claims: Sequence[Claim], settings: Settings) -> list[Pair]:
    """Pairs that pass the score threshold, at most one per claim and other source."""
    passing = [p for p in pairs if p.score(settings) >= settings.min_match_score]
    # Best evidence first; indices break ties so the outcome never depends on input order.
    passing.sort(key=lambda p: (-round(p.score(settings), 6), p.i, p.j))
    taken: set[tuple[int, str]] = set()
    chosen = []
    for pair in passing:
        a, b = (pair.i, claims[pair.j].source), (pair.j, claims[pair.i].source)
        if a in taken or b in taken:
            continue
        taken.update((a, b))
        chosen.append(pair)
    return chosen


def build_groups(claims: Sequence[Claim], matches: Sequence[Pair]) -> list[Group]:
    """Merge matched claims by complete linkage over the chosen matches (in the given order)."""
    linked = {(p.i, p.j): p.cosine for p in matches}
    group_of = list(range(len(claims)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(claims))}
    for pair in matches:
        gi, gj = group_of[pair.i], group_of[pair.j]
        if gi == gj:
            continue
        cross = [
            (min(a, b), max(a, b)) for a in members[gi] for b in members[gj] if claims[a].source != claims[b].source
        ]
        if not all(key in linked for key in cross):
            continue
        keep, drop = min(gi, gj), max(gi, gj)
        for k in members[drop]:
            group_of[k] = keep
        members[keep].extend(members.pop(drop))
    groups = []
    for indices in members.values():
        ordered = tuple(sorted(indices))
        cosines = [linked[(a, b)] for x, a in enumerate(ordered) for b in ordered[x + 1 :] if (a, b) in linked]
        groups.append(Group(ordered, min(cosines) if cosines else None))
    return sorted(groups, key=lambda g: g.members)


@dataclass(frozen=True)
class Lexicon:
    """The content words of one run: how rare each is, and which others count as the same word."""

    weights: dict[str, float]
    variants: dict[str, frozenset[str]]  # word -> other words of the run within SAME_WORD_RATIO

    @classmethod
    def of(cls, words: Sequence[Sequence[str]]) -> Lexicon:
        vocabulary = sorted({w for claim in words for w in claim})
        # One rapidfuzz call over the whole vocabulary instead of one per claim pair.
        scores = process.cdist(vocabulary, vocabulary, scorer=fuzz.ratio, score_cutoff=SAME_WORD_RATIO, workers=-1)
        variants: dict[str, frozenset[str]] = {}
        for row, col in zip(*np.nonzero(scores), strict=True):
            if row != col:
                variants[vocabulary[row]] = variants.get(vocabulary[row], frozenset()) | {vocabulary[col]}
        return cls(_rarity_weights(words), variants)

    def overlap(self, a: Sequence[str], b: Sequence[str]) -> float:
        """Soft Dice: the rarity-weighted share of each side's words that the other side has."""
        if not a or not b:
            return 0.0
        shared = self._shared(a, frozenset(b)) + self._shared(b, frozenset(a))
        total = sum(self.weights[w] for w in a) + sum(self.weights[w] for w in b)
        return shared / total if total else 0.0

    def _shared(self, words: Sequence[str], others: frozenset[str]) -> float:
        empty: frozenset[str] = frozenset()
        return sum(self.weights[w] for w in words if w in others or not self.variants.get(w, empty).isdisjoint(others))


def _rarity_weights(words: Sequence[Sequence[str]]) -> dict[str, float]:
    """Inverse document frequency of each word over this run's claims (smoothed, always > 0)."""
    frequency = Counter(w for claim in words for w in claim)
    n = len(words)
    return {w: math.log((n + 1) / (df + 1)) + 1.0 for w, df in frequency.items()}
