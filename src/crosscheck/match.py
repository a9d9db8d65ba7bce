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
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from scipy import sparse

from crosscheck.domain import Claim
from crosscheck.embed import Vectors
from crosscheck.settings import Settings
from crosscheck.text import content_words

# rapidfuzz ratio at which two words count as the same word ("operational"/"operations" = 86).
SAME_WORD_RATIO = 85.0
# Rows of the similarity matrix held at once: 2,048 x 100,000 claims is 0.8 GB of float32.
SIMILARITY_BLOCK = 2048
# Above this many claims, candidate pairs come from an approximate nearest-neighbour index
# instead of exact search. Measured (benchmarks/ann.py, 14,798 claims of the 1,000-article scale
# corpus): exact search 15-22 s and 206 candidates per claim on average, growing with the corpus;
# the ANN threshold query pays off in the per-pair work after it once a claim's exact candidates
# outnumber ANN_MAX_NEIGHBOURS (256), about 18,000 claims there; rounded up to 20,000.
EXACT_SEARCH_LIMIT = 20_000
# First number of neighbours each claim asks the index for; doubled for claims whose farthest
# neighbour still clears candidate_similarity (benchmarks/ann.py: recall against exact search).
ANN_NEIGHBOURS = 64
# The most neighbours a claim gets, however dense its topic: without a cap the candidate set of
# a threshold query grows with the square of a corpus where one story has many copies (1,000
# ECB+-derived articles already give 206 candidates >= 0.30 per claim). What the cap costs in
# final matches is measured in benchmarks/ann.py.
ANN_MAX_NEIGHBOURS = 256
# HNSW graph parameters (faiss IndexHNSWFlat): links per node, and candidate-list sizes when
# building and searching; larger is slower and closer to exact. faiss over usearch and hnswlib:
# same recall, fastest build + threshold query in benchmarks/ann.py, wheels on PyPI (hnswlib
# compiles from source).
HNSW_M = 16
HNSW_EF_CONSTRUCTION = 200
HNSW_EF_SEARCH = 128
HNSW_SEED = 100  # hnswlib random seed, for benchmarks/ann.py; faiss on one thread needs none
# Pairs whose cosine is recomputed at once: 65,536 x 2 x 384 float32 is 200 MB.
PAIR_CHUNK = 65_536
# Words compared with each other per rapidfuzz call when finding spelling variants.
WORD_BLOCK = 2048


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
    similar = similar_pairs(claims, vectors, settings.candidate_similarity)
    overlaps = Lexicon.of(words).overlaps(words, [p[0] for p in similar], [p[1] for p in similar])
    return [Pair(i, j, cosine, overlap) for (i, j, cosine), overlap in zip(similar, overlaps.tolist(), strict=True)]


def similar_pairs(claims: Sequence[Claim], vectors: Vectors, threshold: float) -> list[tuple[int, int, float]]:
    """(i, j, cosine) with i < j, different sources, cosine >= threshold, sorted by (i, j).

    Exact search up to EXACT_SEARCH_LIMIT claims; above it an approximate nearest-neighbour
    index (recall of the exact set measured in benchmarks/ann.py), since exact search grows
    with the square of the claims."""
    _, source_index = np.unique(np.array([c.source for c in claims]), return_inverse=True)
    if len(claims) > EXACT_SEARCH_LIMIT:
        return _approximate_pairs(vectors, source_index, threshold)
    return exact_pairs(vectors, source_index, threshold)


def exact_pairs(vectors: Vectors, source_index: npt.NDArray[np.intp], threshold: float) -> list[tuple[int, int, float]]:
    """Every qualifying pair, computed in row blocks so memory stays at SIMILARITY_BLOCK rows of
    the matrix, not the whole n x n of it."""
    n = len(vectors)
    found: list[tuple[int, int, float]] = []
    for start in range(0, n, SIMILARITY_BLOCK):
        block = vectors[start : start + SIMILARITY_BLOCK] @ vectors.T
        rows = np.arange(start, start + len(block))[:, None]
        keep = (block >= threshold) & (np.arange(n)[None, :] > rows)
        keep &= source_index[rows] != source_index[None, :]
        r, j = np.nonzero(keep)
        found.extend(zip((r + start).tolist(), j.tolist(), block[r, j].tolist(), strict=True))
    return found


def _approximate_pairs(
    vectors: Vectors, source_index: npt.NDArray[np.intp], threshold: float
) -> list[tuple[int, int, float]]:
    """A threshold query on an HNSW graph: each claim asks for ANN_NEIGHBOURS neighbours, and
    asks again with twice as many while its farthest answer still clears the threshold, up to
    ANN_MAX_NEIGHBOURS. Cosines are recomputed exactly."""
    try:
        import faiss  # lazily: only big corpora need it (pip install 'crosscheck[scale]')
    except ImportError:  # slower, never wrong: exact search gives a superset of the ANN's pairs
        return exact_pairs(vectors, source_index, threshold)
    n, dim = vectors.shape
    index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)  # one thread: the same graph every run
    try:
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    finally:
        faiss.omp_set_num_threads(threads)
    codes: list[npt.NDArray[np.int64]] = []  # pair (i, j), i < j, as i * n + j
    pending = np.arange(n)
    k = ANN_NEIGHBOURS
    while len(pending):
        k = min(k, n)
        index.hnsw.efSearch = max(k, HNSW_EF_SEARCH)
        similarities, labels = index.search(vectors[pending], k)
        rows = np.repeat(pending, k)
        cols = labels.astype(np.int64).ravel()  # a missing neighbour is -1
        valid = (cols >= 0) & (cols < n) & (rows != cols)
        valid &= source_index[rows] != source_index[np.where(valid, cols, 0)]
        low, high = np.minimum(rows, cols)[valid], np.maximum(rows, cols)[valid]
        codes.append(low * n + high)
        # Ask again where the k-th neighbour still clears the threshold.
        pending = pending[(similarities[:, -1] >= threshold) & (k < min(n, ANN_MAX_NEIGHBOURS))]
        k *= 2
    unique = np.unique(np.concatenate(codes)) if codes else np.zeros(0, np.int64)  # sorted: (i, j) order
    found: list[tuple[int, int, float]] = []
    for chunk in range(0, len(unique), PAIR_CHUNK):
        a, b = np.divmod(unique[chunk : chunk + PAIR_CHUNK], n)
        cosines = np.einsum("ij,ij->i", vectors[a], vectors[b])
        keep = cosines >= threshold
        found.extend(zip(a[keep].tolist(), b[keep].tolist(), cosines[keep].tolist(), strict=True))
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
        # Complete linkage: every cross-source pair of the merged group must be a chosen match
        # (stops at the first that is not).
        cross = (
            (min(a, b), max(a, b)) for a in members[gi] for b in members[gj] if claims[a].source != claims[b].source
        )
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
        # Words sorted by length: two words can only reach SAME_WORD_RATIO when their lengths are
        # close (ratio <= 200 * shorter / (shorter + longer)), so each block of words is compared
        # with the band of lengths that can match it, in rapidfuzz calls over whole blocks. Memory
        # stays at one block's scores, not vocabulary x vocabulary.
        vocabulary = sorted({w for claim in words for w in claim}, key=lambda w: (len(w), w))
        lengths = np.array([len(w) for w in vocabulary])
        stretch = 200.0 / SAME_WORD_RATIO - 1.0  # longest/shortest length ratio that can still match
        linked: dict[str, set[str]] = {}
        for start in range(0, len(vocabulary), WORD_BLOCK):
            rows = vocabulary[start : start + WORD_BLOCK]
            lo = int(np.searchsorted(lengths, math.floor(len(rows[0]) / stretch), side="left"))
            hi = int(np.searchsorted(lengths, math.ceil(len(rows[-1]) * stretch), side="right"))
            cols = vocabulary[lo:hi]
            scores = process.cdist(rows, cols, scorer=fuzz.ratio, score_cutoff=SAME_WORD_RATIO, workers=-1)
            for row, col in zip(*np.nonzero(scores), strict=True):
                if rows[row] != cols[col]:
                    linked.setdefault(rows[row], set()).add(cols[col])
        variants = {word: frozenset(others) for word, others in linked.items()}
        return cls(_rarity_weights(words), variants)

    def overlap(self, a: Sequence[str], b: Sequence[str]) -> float:
        """Soft Dice: the rarity-weighted share of each side's words that the other side has."""
        if not a or not b:
            return 0.0
        shared = self._shared(a, frozenset(b)) + self._shared(b, frozenset(a))
        total = sum(self.weights[w] for w in a) + sum(self.weights[w] for w in b)
        return shared / total if total else 0.0

    def overlaps(
        self, words: Sequence[Sequence[str]], first: Sequence[int], second: Sequence[int]
    ) -> npt.NDArray[np.float64]:
        """`overlap(words[i], words[j])` for each i, j of `first`, `second`, as sparse row products.

        A claim's word w counts as shared with claim b when w is in b's *reach*: b's words and
        their variants (the variant relation is symmetric). So with W the claims x words matrix
        of rarity weights and R the 0/1 matrix of reaches, the shared weight of a pair is
        W[i]·R[j] + W[j]·R[i], and its total is the row sums of W[i] and W[j].
        """
        vocabulary = {w: k for k, w in enumerate(self.weights)}
        weighted = _claims_by_words(words, vocabulary, lambda claim: {w: self.weights[w] for w in claim})
        empty: frozenset[str] = frozenset()
        reach = _claims_by_words(
            words,
            vocabulary,
            lambda claim: dict.fromkeys({*claim, *(v for w in claim for v in self.variants.get(w, empty))}, 1.0),
        )
        totals = np.asarray(weighted.sum(axis=1)).ravel()
        a, b = np.asarray(first, dtype=np.int64), np.asarray(second, dtype=np.int64)
        result = np.zeros(len(a))
        for start in range(0, len(a), PAIR_CHUNK):
            i, j = a[start : start + PAIR_CHUNK], b[start : start + PAIR_CHUNK]
            shared = weighted[i].multiply(reach[j]).sum(axis=1) + weighted[j].multiply(reach[i]).sum(axis=1)
            total = totals[i] + totals[j]
            result[start : start + len(i)] = np.divide(
                np.asarray(shared).ravel(), total, out=np.zeros(len(i)), where=total > 0
            )
        return result

    def _shared(self, words: Sequence[str], others: frozenset[str]) -> float:
        empty: frozenset[str] = frozenset()
        return sum(self.weights[w] for w in words if w in others or not self.variants.get(w, empty).isdisjoint(others))


def _claims_by_words(
    words: Sequence[Sequence[str]], vocabulary: dict[str, int], values: Callable[[Sequence[str]], dict[str, float]]
) -> sparse.csr_matrix:
    """A claims x vocabulary sparse matrix whose row i holds `values(words[i])`."""
    rows, cols, data = [], [], []
    for row, claim in enumerate(words):
        for word, value in values(claim).items():
            rows.append(row)
            cols.append(vocabulary[word])
            data.append(value)
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(words), len(vocabulary)))


def _rarity_weights(words: Sequence[Sequence[str]]) -> dict[str, float]:
    """Inverse document frequency of each word over this run's claims (smoothed, always > 0)."""
    frequency = Counter(w for claim in words for w in claim)
    n = len(words)
    return {w: math.log((n + 1) / (df + 1)) + 1.0 for w, df in frequency.items()}
