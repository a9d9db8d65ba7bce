"""Deciding which claims of different articles state the same fact, and grouping them.

1. Candidates: pairs of claims from articles of one story, close in embedding space or sharing
   a rare anchor (crosscheck.pair_features), each with the features the pair model reads.
2. The pair model (crosscheck.pair_model, trained on ECB+) gives each candidate p(same fact).
3. Average linkage over those probabilities: two groups merge while the mean probability over
   all their cross-source pairs, a pair that is no candidate counting 0, reaches
   settings.match_probability. A group may hold several claims of one source (a headline, a lead
   and a body sentence often state one fact), and a chain of neighbours A~B~C does not pull A
   and C together unless the group as a whole holds.
4. A claim left alone whose best candidate reaches settings.possible_match_probability keeps that
   candidate as its possible match, so a reader can judge what stays unique.

A claim printed verbatim in another article is compared there with its copy only (_shadowed).
A sentence printed in DENSE_COPIES articles or more (wire copy run by many sites) is matched once,
as its first claim, and its copies join whatever group that claim joins (`collapse_copies`): the
cost follows the distinct statements, and every source that prints it is cited.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from crosscheck.domain import Claim
from crosscheck.embed import Vectors
from crosscheck.pair_features import Candidates, candidate_pairs
from crosscheck.pair_model import PairModel
from crosscheck.settings import Settings
from crosscheck.text import normalize

# Pairs the model all but rules out count 0 in the means, as non-candidates do: on ECB+ that
# leaves a quarter of the candidates to the grouping, and no group changed (at 0.02 x the pairs
# between two groups, their sum could move a mean by 0.02 at the very most).
NEGLIGIBLE_PROBABILITY = 0.02


# A sentence in this many articles, word for word, is matched once for all of them. Two is an
# ordinary reprint, left to the pair model (and _shadowed) as before; from three on, every copy
# would be a candidate of every other (8 sites running 250 stories gave 3.7 million candidates).
DENSE_COPIES = 3

# The candidates of a run and their p(same fact): `candidate_pairs` and the pair model, or
# something that gives the same (crosscheck.incremental reuses earlier runs' scores).
Scorer = Callable[[Sequence[Claim], Vectors], tuple[Candidates, npt.NDArray[np.float64]]]

# How a run clusters its kept candidates: `average_linkage`, or something that gives the same
# clusters (crosscheck.incremental reuses those of connected components an earlier run saw).
Clusterer = Callable[
    [Sequence[str], npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64], float], list[list[int]]
]


@dataclass(frozen=True)
class Group:
    """Indices of claims that state one fact (one index: a claim no other source states).

    `probability` is the mean p(same fact) over the group's cross-source pairs, the number the
    grouping decided on; `similarity` the lowest cosine among its candidate pairs.

    `matched_pairs` are the pairs (i, j), i < j, that the pair model itself matches (p reaches the
    match threshold): a claim's values are compared with those of the claims it matches, not with
    every claim of its group. A group may hold a fact's headline, lead and body sentence, and a
    neighbouring sentence that joined through one of them; its dates and numbers belong to another
    fact. Average linkage merges two groups only when some pair between them reaches the threshold,
    so these pairs connect every member. None: every cross-source pair (a sentence alone with its
    verbatim copies, which no model decided)."""

    members: tuple[int, ...]
    probability: float | None = None
    similarity: float | None = None
    matched_pairs: tuple[tuple[int, int], ...] | None = None


@dataclass(frozen=True)
class BestCandidate:
    """The best candidate of a claim left alone: its possible match."""

    partner: int
    probability: float
    similarity: float


@dataclass(frozen=True)
class Matching:
    groups: list[Group]  # every claim in exactly one, sorted by first member
    possible: dict[int, BestCandidate]  # claim index (a group of one) -> its possible match


def group_claims(
    claims: Sequence[Claim],
    vectors: Vectors,
    settings: Settings,
    model: PairModel | None = None,
    *,
    score: Scorer | None = None,
    cluster: Clusterer | None = None,
) -> Matching:
    """Every claim in exactly one group; `model` defaults to the shipped pair model. Dense
    copies are matched once (`collapse_copies`); `score` and `cluster` replace the candidates'
    scoring and `average_linkage` with something that gives the same."""
    kept, copies = collapse_copies(claims)
    matched = [claims[k] for k in kept]
    if score is None:
        pair_model = model or PairModel.load()

        def score(some: Sequence[Claim], their_vectors: Vectors) -> tuple[Candidates, npt.NDArray[np.float64]]:
            candidates = candidate_pairs(some, their_vectors)
            return candidates, pair_model.probability(candidates.features)

    candidates, probability = score(matched, vectors[kept])
    return _with_copies(group_pairs(matched, candidates, probability, settings, cluster), kept, copies)


def collapse_copies(claims: Sequence[Claim]) -> tuple[npt.NDArray[np.int64], dict[int, tuple[int, ...]]]:
    """The claims to match (indices, in order) and, for each matched claim printed word for word
    in DENSE_COPIES articles or more, its copies: the claims of the other articles."""
    holders: dict[str, list[int]] = {}
    for k, claim in enumerate(claims):
        holders.setdefault(normalize(claim.text), []).append(k)
    copies = {ks[0]: tuple(ks[1:]) for ks in holders.values() if len({claims[k].source for k in ks}) >= DENSE_COPIES}
    dropped = {k for others in copies.values() for k in others}
    return np.array([k for k in range(len(claims)) if k not in dropped], np.int64), copies


def _with_copies(matching: Matching, kept: npt.NDArray[np.int64], copies: dict[int, tuple[int, ...]]) -> Matching:
    """`matching` of the kept claims, in the run's indices, each group with its claims' copies.
    A group's figures are its kept claims' (a sentence alone with its copies has none: no model
    decided it); a claim with copies is no longer alone, so it has no possible match."""
    index = kept.tolist()
    groups = []
    for group in matching.groups:
        members = [index[m] for m in group.members]
        members += [c for m in members for c in copies.get(m, ())]
        groups.append(
            Group(tuple(sorted(members)), group.probability, group.similarity, _copied_pairs(group, index, copies))
        )
    possible = {
        index[k]: BestCandidate(index[b.partner], b.probability, b.similarity)
        for k, b in matching.possible.items()
        if index[k] not in copies
    }
    return Matching(sorted(groups, key=lambda g: g.members[0]), possible)


def _copied_pairs(
    group: Group, index: list[int], copies: dict[int, tuple[int, ...]]
) -> tuple[tuple[int, int], ...] | None:
    """`group.matched_pairs` in the run's indices, a copy matching what its sentence matches and
    every other copy of it."""
    if group.matched_pairs is None:
        return None
    pairs = set()
    for a, b in group.matched_pairs:
        for x in (index[a], *copies.get(index[a], ())):
            for y in (index[b], *copies.get(index[b], ())):
                pairs.add((min(x, y), max(x, y)))
    for m in group.members:
        same = (index[m], *copies.get(index[m], ()))
        pairs.update((x, y) for x in same for y in same if x < y)
    return tuple(sorted(pairs))


def group_pairs(
    claims: Sequence[Claim],
    candidates: Candidates,
    probability: npt.NDArray[np.float64],
    settings: Settings,
    cluster: Clusterer | None = None,
) -> Matching:
    """Groups from candidates already scored (training and benchmarks score them other ways);
    `cluster` defaults to `average_linkage`."""
    sources = [c.source for c in claims]
    probability = np.where(_shadowed(claims, candidates), 0.0, probability)
    kept = probability >= NEGLIGIBLE_PROBABILITY
    clusters = (cluster or average_linkage)(
        sources, candidates.i[kept], candidates.j[kept], probability[kept], settings.match_probability
    )
    group_of = np.empty(len(claims), np.int64)
    for g, members in enumerate(clusters):
        group_of[members] = g
    inside = group_of[candidates.i] == group_of[candidates.j]
    totals = np.bincount(group_of[candidates.i][inside], weights=probability[inside], minlength=len(clusters))
    lowest = np.full(len(clusters), np.inf)
    np.minimum.at(lowest, group_of[candidates.i][inside], candidates.cosine[inside])
    matched: list[list[tuple[int, int]]] = [[] for _ in clusters]
    direct = np.flatnonzero(inside & (probability >= settings.match_probability))
    for a, b in zip(candidates.i[direct].tolist(), candidates.j[direct].tolist(), strict=True):
        matched[group_of[a]].append((min(a, b), max(a, b)))
    groups = []
    for g, members in enumerate(clusters):
        if len(members) == 1:
            groups.append(Group(tuple(members)))
            continue
        cross = _cross_pairs(Counter(sources[k] for k in members))
        probability_g, lowest_g = round(float(totals[g]) / cross, 3), round(float(lowest[g]), 3)
        groups.append(Group(tuple(members), probability_g, lowest_g, tuple(sorted(matched[g]))))
    alone = {members[0] for members in clusters if len(members) == 1}
    return Matching(groups, _possible_matches(alone, candidates, probability, settings.possible_match_probability))


def average_linkage(
    sources: Sequence[str],
    i: npt.NDArray[np.int64],
    j: npt.NDArray[np.int64],
    probability: npt.NDArray[np.float64],
    threshold: float,
) -> list[list[int]]:
    """Clusters of claim indices, sorted, each cluster sorted, by average linkage with a stop.

    Two clusters merge, best first, while sum(p over their pairs) / (their cross-source pairs)
    reaches `threshold`; pairs of one source count in neither sum. Only clusters joined by some
    candidate can merge, so the work follows the candidates, not the square of the claims.
    Ties go to the lower indices: the same inputs give the same clusters."""
    n = len(sources)
    members: list[list[int]] = [[k] for k in range(n)]
    per_source: list[Counter[str]] = [Counter({sources[k]: 1}) for k in range(n)]
    links: list[dict[int, float]] = [{} for _ in range(n)]
    for a, b, p in zip(i.tolist(), j.tolist(), probability.tolist(), strict=True):
        links[a][b] = links[a].get(b, 0.0) + p
        links[b][a] = links[b].get(a, 0.0) + p

    def mean(a: int, b: int) -> float:
        return links[a][b] / _cross_pairs(per_source[a], per_source[b])

    # Every claim starts alone and candidates join two sources: a pair's mean is its p.
    heap = [(-p, a, b) for a in range(n) for b, p in links[a].items() if a < b and p >= threshold]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if not members[a] or not members[b] or b not in links[a] or -negative != mean(a, b):
            continue  # merged away, or its mean changed since (a fresher entry holds it)
        members[a] += members[b]
        members[b] = []
        per_source[a] += per_source[b]
        del links[a][b], links[b][a]
        for c, p in links[b].items():
            links[a][c] = links[a].get(c, 0.0) + p
            del links[c][b]
            links[c][a] = links[a][c]
        links[b] = {}
        for c in links[a]:
            if (merged := mean(a, c)) >= threshold:
                heapq.heappush(heap, (-merged, min(a, c), max(a, c)))
    return sorted(sorted(m) for m in members if m)


def _shadowed(claims: Sequence[Claim], candidates: Candidates) -> npt.NDArray[np.bool_]:
    """Candidates (i, j) where i's very words are also in j's article, as another claim than j
    (or the other way round): i's counterpart there is its verbatim copy, and j is another
    sentence of that article. They count as no candidate. Without this, a reprinted article
    (wire copy on two sites) shares its whole context with the original, every pair of its
    different sentences scores high, and its sentences chain into one finding."""
    if not len(candidates):
        return np.zeros(0, bool)
    # Arrays, not a loop over the candidates: a thousand articles give millions of them.
    _, text = np.unique(np.array([normalize(c.text) for c in claims]), return_inverse=True)
    _, source = np.unique(np.array([c.source for c in claims]), return_inverse=True)
    width = int(text.max()) + 1
    held, copies = np.unique(source.astype(np.int64) * width + text, return_counts=True)  # (source, text) -> claims
    reprinted = np.bincount(held % width, minlength=width) > 1  # a text in more than one source

    def copied(claim: npt.NDArray[np.int64], other: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        """Whether `claim`'s text is held in `other`'s source by a claim other than `other`."""
        query = source[other].astype(np.int64) * width + text[claim]
        at = np.minimum(np.searchsorted(held, query), len(held) - 1)
        there = np.where(held[at] == query, copies[at], 0) - (text[other] == text[claim])
        found: npt.NDArray[np.bool_] = reprinted[text[claim]] & (there > 0)
        return found

    return copied(candidates.i, candidates.j) | copied(candidates.j, candidates.i)


def _cross_pairs(first: Counter[str], second: Counter[str] | None = None) -> int:
    """Pairs of claims from two different sources: between two clusters, or within one."""
    if second is None:
        total = sum(first.values())
        return (total * total - sum(v * v for v in first.values())) // 2
    return sum(first.values()) * sum(second.values()) - sum(v * second[s] for s, v in first.items())


def _possible_matches(
    alone: set[int], candidates: Candidates, probability: npt.NDArray[np.float64], floor: float
) -> dict[int, BestCandidate]:
    """Each claim of `alone`'s best candidate reaching `floor`: highest probability (to 3
    decimals) first, ties to the earlier partner. In arrays: a run has millions of candidates."""
    chosen = np.flatnonzero(probability >= floor)
    lonely = np.zeros(len(candidates.i) and int(max(candidates.i.max(), candidates.j.max())) + 1, bool)
    lonely[[k for k in alone if k < len(lonely)]] = True
    claim = np.concatenate([candidates.i[chosen], candidates.j[chosen]])
    partner = np.concatenate([candidates.j[chosen], candidates.i[chosen]])
    rows = np.concatenate([chosen, chosen])
    mine = lonely[claim] if len(claim) else np.zeros(0, bool)
    claim, partner, rows = claim[mine], partner[mine], rows[mine]
    p = _round3(probability[rows])
    best = np.lexsort((partner, -p, claim))
    first = best[np.r_[True, claim[best][1:] != claim[best][:-1]]] if len(best) else best
    return {
        int(claim[k]): BestCandidate(
            int(partner[k]), float(p[k]), float(_round3(candidates.cosine[rows[k : k + 1]])[0])
        )
        for k in first.tolist()
    }


def _round3(values: npt.NDArray[np.floating[Any]]) -> npt.NDArray[np.float64]:
    """Python's round(v, 3) of each value, exactly: numpy's rounding scales by 1,000 first, which
    can land a value within a rounding error of a half on the wrong side; those few are
    rounded by Python."""
    values = np.asarray(values, np.float64)
    scaled = values * 1000.0
    rounded = np.round(scaled) / 1000.0
    near_half = np.flatnonzero(np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6)
    for k in near_half.tolist():
        rounded[k] = round(float(values[k]), 3)
    return rounded
