"""Candidate pairs of claims and what the pair model reads about each: one definition for training and run time.

A candidate is a pair of claims from two articles of one story (each article's STORY_NEIGHBOURS
most similar articles, by the mean of their claims' embeddings), where one claim is among the
other's PER_SOURCE_CANDIDATES closest claims in that article, or the two share a rare anchor
(a number such as "97-1", a capitalised rare word). Candidate recall on ECB+ is measured in
training/train_pair_model.py and printed by benchmarks/ecbplus_matching.py.

Features are about how the two sentences relate, never about which values they state: numbers,
weekdays and months are left out of the word features, and a pair's story context leaves out
the pair's own two claims, so that a changed date, number or name leaves the pair as likely to
be one fact, and the disagreement stays a conflict instead of becoming "a different fact".
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from scipy import sparse
from wordfreq import zipf_frequency

from crosscheck.domain import Claim
from crosscheck.embed import Vectors
from crosscheck.text import content_words

# An article's candidate partners are its this-many most similar articles (mean claim embedding);
# a seeds folder of one story has all its articles in reach. With PER_SOURCE_CANDIDATES, measured
# on ECB+ dev (496 articles of 42 events in one run): 30 and 8 reach 0.969 of the gold pairs with
# 201 candidates per claim; 30 and 6, 0.951; 20 and 8, 0.947; 20 and 6, 0.930.
STORY_NEIGHBOURS = 30
# Each claim's closest claims in each reachable article that become candidates (either direction).
PER_SOURCE_CANDIDATES = 8
# Below this cosine a pair is no candidate unless it shares a rare anchor (99% of ECB+ dev's gold
# pairs have a cosine of 0.16 or more).
CANDIDATE_FLOOR = 0.10
# A word is a rare anchor when at most this share of the run's claims use it.
RARE_ANCHOR_SHARE = 0.01
# Claims sharing one rare anchor become candidates only when the anchor is this rare in absolute
# terms too (a word in 40 claims of one story links 780 pairs and says little).
RARE_ANCHOR_MAX_CLAIMS = 12
NUMBER = re.compile(r"\d")
VALUE_WORD = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:january|february|march|april|may|june|july|"
    r"august|september|october|november|december|yesterday|today|tomorrow)\b"
)
# Word rarity: RARITY_CEILING minus the word's Zipf frequency (7 is a word of every few hundred;
# unknown words and names score 0 and weigh most), never below MIN_RARITY.
RARITY_CEILING = 7.0
MIN_RARITY = 0.5
# rapidfuzz ratio at which two words count as the same word ("operational"/"operations" = 86).
SAME_WORD_RATIO = 85.0
# Pairs whose overlap is computed at once: 65,536 pairs' sparse rows stay well under 100 MB.
PAIR_CHUNK = 65_536
# Articles whose sums are multiplied with every claim at once (256 x 100,000 claims is 200 MB).
ARTICLE_BLOCK = 256
# Words compared with each other per rapidfuzz call when finding spelling variants.
WORD_BLOCK = 2048

FEATURES = (
    "cosine",
    "rank_best",  # 1 / (1 + rank) of the better-ranked direction: is each the other's best match there?
    "rank_worst",
    "margin_best",  # cosine minus the best cosine either claim has in the other article (<= 0)
    "margin_worst",
    # The story around the pair: each article without the pair's own two claims, so that what
    # the two claims say (a name, a number) never decides whether they state one fact, and an
    # article of one sentence has no context (context = 0, and the three below are 0).
    "context",
    "context_cosine",  # the rest of the two articles, mean embeddings: same story or only same topic
    "context_words",  # the same over content words, weighted by rarity in English
    "context_names",  # the same over names and numbers only: another earthquake has other places
    "overlap",  # rarity-weighted share of content words both use (spelling variants count)
    "shared_names",  # rarity-weighted sum of shared capitalised words (a number is a value: masked)
    "shared_distinctive",  # the same over shared words no other claim of either article uses
    "length_min",  # log word counts of the shorter and longer claim
    "length_max",
)
# Not a feature: a claim's position in its article. It was the strongest one on ECB+ (leads
# state the main event), but mostly because ECB+ annotated early sentences more completely; it
# scored two late restatements of one fact at p 0.00, and dropping it cost no held-out F1.


@dataclass(frozen=True)
class Candidates:
    """Candidate pairs i < j (claim indices, different sources) and their feature matrix."""

    i: npt.NDArray[np.int64]
    j: npt.NDArray[np.int64]
    cosine: npt.NDArray[np.float32]
    features: npt.NDArray[np.float32]  # len(i) x len(FEATURES)

    def __len__(self) -> int:
        return len(self.i)


@dataclass(frozen=True)
class StoryLinks:
    """Which article pairs a run compares, and the claim pairs that a rare anchor adds to each.

    Everything else a candidate's features read comes from its two articles alone, so the
    candidates of one article pair are the same in any run that links the pair with the same
    anchors: crosscheck.incremental keeps them, keyed by the two articles' claims."""

    source_of: npt.NDArray[np.intp]  # claim -> article number (articles in sorted id order)
    members: tuple[npt.NDArray[np.int64], ...]  # article -> its claims, in order
    partners: tuple[npt.NDArray[np.int64], ...]  # article a -> the articles b > a it is compared with
    anchored: dict[tuple[int, int], list[tuple[int, int]]]  # (a, b) -> claims' positions in a and b


def candidate_pairs(claims: Sequence[Claim], vectors: Vectors) -> Candidates:
    """Candidates of one run, with features, sorted by (i, j)."""
    if not claims:
        return _empty()
    return linked_candidates(claims, vectors, story_links(claims, vectors))


def story_links(claims: Sequence[Claim], vectors: Vectors) -> StoryLinks:
    """The run-wide part of candidate search: each article's story partners, and rare anchors
    (whose rarity is counted over the whole run)."""
    _, source_of = np.unique(np.array([c.source for c in claims]), return_inverse=True)
    members = tuple(np.flatnonzero(source_of == s) for s in range(source_of.max() + 1))
    anchored = _anchor_pairs(_rare_anchors(claims, [content_words(c.text) for c in claims]), source_of)
    return StoryLinks(source_of, members, tuple(_story_partners(_doc_vectors(members, vectors))), anchored)


def linked_candidates(claims: Sequence[Claim], vectors: Vectors, links: StoryLinks) -> Candidates:
    """Candidates of the article pairs `links` names, with features, sorted by (i, j)."""
    source_of, members = links.source_of, links.members
    found = [
        _article_candidates(a, partners, members, vectors, links.anchored)
        for a, partners in enumerate(links.partners)
        if len(partners)
    ]
    if not found:
        return _empty()
    words = [content_words(c.text) for c in claims]
    i, j, pair_features = (np.concatenate(part) for part in zip(*found, strict=True))
    order = np.lexsort((j, i))
    i, j, pair_features = i[order], j[order], pair_features[order]
    cosine = pair_features[:, 0]
    lengths = np.array([math.log1p(len(c.text.split())) for c in claims], np.float32)
    features = np.column_stack(
        [
            pair_features,
            _context_features(claims, source_of, vectors, i, j),
            _lexical_features(claims, words, source_of, i, j),
            np.minimum(lengths[i], lengths[j]),
            np.maximum(lengths[i], lengths[j]),
        ]
    ).astype(np.float32)
    return Candidates(i, j, cosine, features)


def _article_candidates(
    a: int,
    partners: npt.NDArray[np.int64],
    members: Sequence[npt.NDArray[np.int64]],
    vectors: Vectors,
    anchored: dict[tuple[int, int], list[tuple[int, int]]],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """Candidates between article `a` and its story partners (all numbered above `a`): claim
    indices and the features read from the cosine block (cosine, ranks, margins)."""
    ia = members[a]
    sizes = np.array([len(members[b]) for b in partners])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    ib = np.concatenate([members[b] for b in partners])
    segment = np.repeat(np.arange(len(partners)), sizes)
    block = vectors[ia] @ vectors[ib].T
    # Each of a's claims ranks each partner's claims (row order by segment, then cosine); each
    # partner claim ranks a's claims (column order). Ties go to the earlier claim.
    by_row = np.lexsort((-block, np.broadcast_to(segment, block.shape)), axis=1)
    rank_row = np.empty_like(by_row)
    np.put_along_axis(rank_row, by_row, np.arange(len(ib)) - starts[segment[by_row]], axis=1)
    rank_col = np.argsort(np.argsort(-block, axis=0, kind="stable"), axis=0, kind="stable")
    near = (np.minimum(rank_row, rank_col) < PER_SOURCE_CANDIDATES) & (block >= CANDIDATE_FLOOR)
    for k, b in enumerate(partners.tolist()):
        for x, y in anchored.get((a, b), ()):
            near[x, starts[k] + y] = True
    r, c = np.nonzero(near)
    row_best = np.maximum.reduceat(block, starts, axis=1)  # a's claim x partner: best cosine there
    col_best = block.max(axis=0)
    cosine = block[r, c]
    best, worst = np.minimum(rank_row[r, c], rank_col[r, c]), np.maximum(rank_row[r, c], rank_col[r, c])
    margin_i, margin_j = cosine - row_best[r, segment[c]], cosine - col_best[c]
    features = np.column_stack(
        [
            cosine,
            1.0 / (1.0 + best),
            1.0 / (1.0 + worst),
            np.maximum(margin_i, margin_j),
            np.minimum(margin_i, margin_j),
        ]
    ).astype(np.float32)
    first, second = ia[r].astype(np.int64), ib[c].astype(np.int64)
    return np.minimum(first, second), np.maximum(first, second), features


def _empty() -> Candidates:
    none = np.zeros(0, np.int64)
    return Candidates(none, none, np.zeros(0, np.float32), np.zeros((0, len(FEATURES)), np.float32))


@functools.lru_cache(maxsize=1 << 18)
def rarity(word: str) -> float:
    """How much sharing `word` says, from its frequency in English (wordfreq's Zipf scale, 0-8),
    not from this run's articles: two articles or two thousand, a word weighs the same."""
    return max(MIN_RARITY, RARITY_CEILING - zipf_frequency(word, "en"))


def _context_features(
    claims: Sequence[Claim],
    source_of: npt.NDArray[np.intp],
    vectors: Vectors,
    i: npt.NDArray[np.int64],
    j: npt.NDArray[np.int64],
) -> npt.NDArray[np.float32]:
    """context, context_cosine, context_words, context_names of each pair (FEATURES)."""
    a, b = source_of[i], source_of[j]
    counts = np.bincount(source_of)
    context = (counts[a] > 1) & (counts[b] > 1)
    columns = [context.astype(np.float32)]
    words = _claim_bags(claims, content_words)
    names = _claim_bags(claims, lambda text: sorted(_marked_words(text)))
    for per_claim in (vectors, words, names):
        columns.append(np.where(context, _leave_pair_out_cosine(per_claim, source_of, i, j), 0.0))
    return np.column_stack(columns).astype(np.float32)


def _claim_bags(claims: Sequence[Claim], tokens: Callable[[str], Sequence[str]]) -> sparse.csr_matrix:
    """Claims x tokens, each token a claim uses weighted by its rarity."""
    bags = [dict.fromkeys(tokens(claim.text)) for claim in claims]
    # Columns in sorted token order, not order of first use: a pair's sums then add the same
    # terms in the same order in any run, so its features never depend on the other articles.
    vocabulary = {token: k for k, token in enumerate(sorted({t for bag in bags for t in bag}))}
    rows, cols, data = [], [], []
    for row, bag in enumerate(bags):
        for token in bag:
            rows.append(row)
            cols.append(vocabulary[token])
            data.append(rarity(token))
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(claims), max(len(vocabulary), 1)))


def _leave_pair_out_cosine(
    per_claim: Vectors | sparse.csr_matrix,
    source_of: npt.NDArray[np.intp],
    i: npt.NDArray[np.int64],
    j: npt.NDArray[np.int64],
) -> npt.NDArray[np.float64]:
    """Cosine of (article of i's sum, less claim i) and (article of j's sum, less claim j).

    With S the article sums and x the claims' rows: (S_a - x_i)·(S_b - x_j) expands into four
    products, and each squared norm into three, so no per-pair article vector is ever built."""
    membership = sparse.csr_matrix(
        (np.ones(len(source_of)), (source_of, np.arange(len(source_of)))), shape=(source_of.max() + 1, len(source_of))
    )
    sums = membership @ per_claim
    sums = sparse.csr_matrix(sums) if sparse.issparse(sums) else np.asarray(sums)
    a, b = source_of[i], source_of[j]
    own = _row_dot(per_claim, per_claim)
    article_norms = _row_dot(sums, sums)
    cross = np.zeros(len(i))
    for start in range(0, len(i), PAIR_CHUNK):
        part = slice(start, start + PAIR_CHUNK)
        cross[part] = _row_dot(per_claim[i[part]], per_claim[j[part]])
    dot = _gather(sums, sums, a, b) - _gather(sums, per_claim, a, j) - _gather(sums, per_claim, b, i) + cross
    norm_a = article_norms[a] - 2 * _gather(sums, per_claim, a, i) + own[i]
    norm_b = article_norms[b] - 2 * _gather(sums, per_claim, b, j) + own[j]
    norms = np.sqrt(np.clip(norm_a, 0, None) * np.clip(norm_b, 0, None))
    return np.divide(dot, norms, out=np.zeros(len(dot)), where=norms > 1e-9)


def _gather(
    left: npt.NDArray[np.float32] | sparse.csr_matrix,
    right: npt.NDArray[np.float32] | sparse.csr_matrix,
    rows: npt.NDArray[np.int64],
    cols: npt.NDArray[np.int64],
) -> npt.NDArray[np.float64]:
    """left[rows[k]] · right[cols[k]] for every k, from products of ARTICLE_BLOCK rows of `left`
    with all of `right` at a time: memory stays at one block's products."""
    result = np.zeros(len(rows))
    order = np.argsort(rows, kind="stable")
    bounds = np.searchsorted(rows[order], np.arange(0, left.shape[0] + ARTICLE_BLOCK, ARTICLE_BLOCK))
    for n, start in enumerate(range(0, left.shape[0], ARTICLE_BLOCK)):
        chosen = order[bounds[n] : bounds[n + 1]]
        if not len(chosen):
            continue
        result[chosen] = _dense(left[start : start + ARTICLE_BLOCK] @ right.T)[rows[chosen] - start, cols[chosen]]
    return result


def _dense(matrix: Any) -> npt.NDArray[np.float64]:
    return np.asarray(matrix.toarray() if sparse.issparse(matrix) else matrix, np.float64)


def _row_dot(
    first: npt.NDArray[np.floating[Any]] | sparse.csr_matrix, second: npt.NDArray[np.floating[Any]] | sparse.csr_matrix
) -> npt.NDArray[np.float64]:
    """first[k] · second[k] for every row k."""
    if sparse.issparse(first):
        return np.asarray(sparse.csr_matrix(first).multiply(second).sum(axis=1), np.float64).ravel()
    products: npt.NDArray[np.float64] = np.einsum("ij,ij->i", first, second, dtype=np.float64)
    return products


def _doc_vectors(members: Sequence[npt.NDArray[np.int64]], vectors: Vectors) -> npt.NDArray[np.float32]:
    docs = np.stack([vectors[m].mean(axis=0) for m in members]).astype(np.float32)
    norms = np.linalg.norm(docs, axis=1, keepdims=True)
    unit: npt.NDArray[np.float32] = (docs / np.where(norms > 0, norms, 1.0)).astype(np.float32)
    return unit


def _story_partners(docs: npt.NDArray[np.float32]) -> list[npt.NDArray[np.int64]]:
    """Per article a, the articles b > a where either is among the other's STORY_NEIGHBOURS."""
    count = len(docs)
    if count - 1 <= STORY_NEIGHBOURS:
        return [np.arange(a + 1, count) for a in range(count)]
    similarity = docs @ docs.T
    np.fill_diagonal(similarity, -np.inf)
    # Ties broken by index so that the story never depends on anything but the inputs.
    nearest = np.argsort(-similarity, axis=1, kind="stable")[:, :STORY_NEIGHBOURS]
    linked = np.zeros((count, count), bool)
    linked[np.repeat(np.arange(count), STORY_NEIGHBOURS), nearest.ravel()] = True
    linked |= linked.T
    return [a + 1 + np.flatnonzero(linked[a, a + 1 :]) for a in range(count)]


def _rare_anchors(claims: Sequence[Claim], words: Sequence[Sequence[str]]) -> list[frozenset[str]]:
    """Per claim, its words that are rare in this run and are numbers or capitalised in the text."""
    frequency = Counter(w for claim in words for w in claim)
    limit = min(RARE_ANCHOR_MAX_CLAIMS, max(2, int(RARE_ANCHOR_SHARE * len(claims))))
    anchors = []
    for claim, claim_words in zip(claims, words, strict=True):
        marked = _marked_words(claim.text)
        anchors.append(frozenset(w for w in claim_words if frequency[w] <= limit and w in marked))
    return anchors


def _marked_words(text: str) -> set[str]:
    """Lower-cased words written with a digit, or capitalised after the first word."""
    tokens = re.findall(r"\w+", text)
    return {t.casefold() for k, t in enumerate(tokens) if NUMBER.search(t) or (k > 0 and t[:1].isupper())}


def _anchor_pairs(
    anchors: Sequence[frozenset[str]], source_of: npt.NDArray[np.intp]
) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """Claims of two articles sharing a rare anchor, keyed by (article a < b), as positions of the
    claims within their articles."""
    offset = np.zeros(len(source_of), np.int64)
    seen: Counter[int] = Counter()
    for k, s in enumerate(source_of.tolist()):
        offset[k] = seen[s]
        seen[s] += 1
    holders: dict[str, list[int]] = {}
    for k, words in enumerate(anchors):
        for w in words:
            holders.setdefault(w, []).append(k)
    found: dict[tuple[int, int], set[tuple[int, int]]] = {}
    for claim_list in holders.values():
        for x, p in enumerate(claim_list):
            for q in claim_list[x + 1 :]:
                sp, sq = int(source_of[p]), int(source_of[q])
                if sp == sq:
                    continue
                first, second = (p, q) if sp < sq else (q, p)
                key = (min(sp, sq), max(sp, sq))
                found.setdefault(key, set()).add((int(offset[first]), int(offset[second])))
    return {key: sorted(value) for key, value in found.items()}


def _lexical_features(
    claims: Sequence[Claim],
    words: Sequence[Sequence[str]],
    source_of: npt.NDArray[np.intp],
    i: npt.NDArray[np.int64],
    j: npt.NDArray[np.int64],
) -> npt.NDArray[np.float32]:
    """overlap, shared_names and shared_distinctive of each pair, with values left out: a pair
    that differs in one number or weekday scores as one that does not.

    A distinctive word is one only these two claims use in their two articles: "wartime" in
    the two sentences about wartime command says they state one fact, while "SCM", in every
    other sentence of a story about the SCM, says only that they belong to the story."""
    masked_words = [tuple(w for w in claim if not _is_value_word(w)) for claim in words]
    lexicon = Lexicon.of(masked_words)
    overlap = lexicon.overlaps(masked_words, i.tolist(), j.tolist())
    names = [{w for w in _marked_words(c.text) if not _is_value_word(w)} for c in claims]
    own = [frozenset(claim) for claim in masked_words]
    once: dict[int, frozenset[str]] = {}  # article -> words exactly one of its claims uses
    for article in np.unique(source_of).tolist():
        counts = Counter(w for k in np.flatnonzero(source_of == article).tolist() for w in own[k])
        once[article] = frozenset(w for w, n in counts.items() if n == 1)
    shared_names = np.zeros(len(i), np.float32)
    distinctive = np.zeros(len(i), np.float32)
    for k, (a, b) in enumerate(zip(i.tolist(), j.tolist(), strict=True)):
        common = names[a] & names[b]
        if common:
            shared_names[k] = sum(rarity(w) for w in common)
        both = own[a] & own[b]
        if both:
            distinctive[k] = sum(rarity(w) for w in both & once[source_of[a]] & once[source_of[b]])
    return np.column_stack([overlap, shared_names, distinctive]).astype(np.float32)


def _is_value_word(word: str) -> bool:
    return bool(NUMBER.search(word)) or VALUE_WORD.fullmatch(word) is not None


@dataclass(frozen=True)
class Lexicon:
    """The content words of one run: how rare each is in English, and which others of the run
    count as the same word (spelling variants and inflections, found with rapidfuzz)."""

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
        return cls({w: rarity(w) for w in vocabulary}, variants)

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
