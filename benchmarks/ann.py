"""Approximate nearest-neighbour indexes against exact search, on real claim embeddings.

    python benchmarks/scale.py --sizes 1000 --keep /tmp/keep   # saves claims-1000.npz
    python benchmarks/ann.py /tmp/keep/claims-1000.npz

The candidate step of matching is a threshold query: every cross-source pair with cosine >=
candidate_similarity (0.30). An index answers top-k queries, so each library is asked the way
match._approximate_pairs asks hnswlib: k neighbours per claim, doubled for the claims whose
k-th neighbour still clears the threshold. For each library (hnswlib, usearch, faiss HNSW; same
M, ef_construction, ef_search) it prints build and query time and the recall of the exact
threshold set (pairs found / pairs exact search finds), overall and for cosine >= 0.5.
Builds use one thread (the same graph every run: deterministic output); queries use all cores.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from crosscheck.match import (
    ANN_MAX_NEIGHBOURS,
    ANN_NEIGHBOURS,
    HNSW_EF_CONSTRUCTION,
    HNSW_EF_SEARCH,
    HNSW_M,
    HNSW_SEED,
    Lexicon,
    Pair,
    build_groups,
    exact_pairs,
    select_matches,
)
from crosscheck.settings import Settings

Query = Callable[[npt.NDArray[np.float32], int], tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]]


def hnswlib_index(vectors: npt.NDArray[np.float32], ef: int) -> Query:
    import hnswlib

    index = hnswlib.Index(space="ip", dim=vectors.shape[1])
    index.init_index(max_elements=len(vectors), ef_construction=HNSW_EF_CONSTRUCTION, M=HNSW_M, random_seed=HNSW_SEED)
    index.add_items(vectors, np.arange(len(vectors)), num_threads=1)

    def query(q: npt.NDArray[np.float32], k: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
        index.set_ef(max(k, ef))
        labels, distances = index.knn_query(q, k=k)
        return labels.astype(np.int64), 1.0 - distances

    return query


def usearch_index(vectors: npt.NDArray[np.float32], ef: int) -> Query:
    from usearch.index import Index

    index = Index(
        ndim=vectors.shape[1],
        metric="ip",
        dtype="f32",
        connectivity=HNSW_M,
        expansion_add=HNSW_EF_CONSTRUCTION,
        expansion_search=ef,
    )
    index.add(np.arange(len(vectors)), vectors, threads=1)

    def query(q: npt.NDArray[np.float32], k: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
        index.expansion_search = max(k, ef)
        found = index.search(q, k, threads=0)
        return found.keys.astype(np.int64), 1.0 - found.distances

    return query


def faiss_index(vectors: npt.NDArray[np.float32], ef: int) -> Query:
    import faiss

    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    index = faiss.IndexHNSWFlat(vectors.shape[1], HNSW_M, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    index.add(vectors)
    faiss.omp_set_num_threads(threads)

    def query(q: npt.NDArray[np.float32], k: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
        index.hnsw.efSearch = max(k, ef)
        scores, labels = index.search(q, k)
        return labels.astype(np.int64), scores

    return query


def threshold_query(
    query: Query,
    vectors: npt.NDArray[np.float32],
    sources: npt.NDArray[np.intp],
    threshold: float,
    k0: int,
    cap: int,
) -> set[tuple[int, int]]:
    n = len(vectors)
    pending, k = np.arange(n), k0
    codes = []
    while len(pending):
        k = min(k, n)
        labels, sims = query(vectors[pending], k)
        rows = np.repeat(pending, k)
        cols = labels.ravel()
        valid = (cols >= 0) & (cols < n) & (rows != cols)
        valid &= sources[rows] != sources[np.where(valid, cols, 0)]
        codes.append(np.minimum(rows, cols)[valid] * n + np.maximum(rows, cols)[valid])
        pending = pending[(sims[:, -1] >= threshold) & (k < min(n, cap))]
        k *= 2
    a, b = np.divmod(np.unique(np.concatenate(codes)), n)
    keep = np.einsum("ij,ij->i", vectors[a], vectors[b]) >= threshold
    return set(zip(a[keep].tolist(), b[keep].tolist(), strict=True))


def final_matches(
    claims: list[Any], vectors: npt.NDArray[np.float32], pairs: set[tuple[int, int]]
) -> set[tuple[int, int]]:
    """Claim pairs that end in one finding when matching sees only `pairs` as candidates."""
    from crosscheck.text import content_words

    settings = Settings()
    words = [content_words(c.text) for c in claims]
    lexicon = Lexicon.of(words)
    candidates = [
        Pair(i, j, float(vectors[i] @ vectors[j]), lexicon.overlap(words[i], words[j])) for i, j in sorted(pairs)
    ]
    groups = build_groups(claims, select_matches(candidates, claims, settings))
    return {(a, b) for g in groups for x, a in enumerate(g.members) for b in g.members[x + 1 :]}


def corpus_claims(size: int) -> list[Any]:
    """The claims of benchmarks/scale.py's corpus of `size` articles, in the order it embeds them."""
    import tempfile

    sys.path.insert(0, str(Path(__file__).parent))
    from scale import DATA, build_corpus  # type: ignore[import-not-found]

    from crosscheck.claims import extract_claims
    from crosscheck.pipeline import load_articles

    with tempfile.TemporaryDirectory() as folder:
        build_corpus(size, Path(folder) / "seeds", DATA)
        return extract_claims(load_articles(Path(folder) / "seeds", Settings()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("npz", type=Path, help="claims-SIZE.npz from benchmarks/scale.py --keep")
    parser.add_argument("--libs", nargs="+", default=["hnswlib", "usearch", "faiss"])
    parser.add_argument("--k", type=int, nargs="+", default=[ANN_NEIGHBOURS])
    parser.add_argument("--ef", type=int, nargs="+", default=[HNSW_EF_SEARCH])
    parser.add_argument("--cap", type=int, nargs="+", default=[ANN_MAX_NEIGHBOURS])
    parser.add_argument("--rounds", type=int, default=1, help="repeat the libraries in turn (noisy machine)")
    parser.add_argument("--matches", type=int, metavar="SIZE", help="also compare final matches (corpus size)")
    args = parser.parse_args()
    data = np.load(args.npz)
    vectors = np.ascontiguousarray(data["vectors"], dtype=np.float32)
    _, sources = np.unique(data["sources"], return_inverse=True)
    threshold = Settings().candidate_similarity
    t = time.perf_counter()
    exact = exact_pairs(vectors, sources, threshold)
    exact_time = time.perf_counter() - t
    truth = {(i, j) for i, j, _ in exact}
    strong = {(i, j) for i, j, c in exact if c >= 0.5}
    print(
        f"{len(vectors)} claims, {len(truth)} exact pairs >= {threshold} ({len(truth) / len(vectors):.1f} per claim), "
        f"{len(strong)} >= 0.5; exact blockwise search {exact_time:.1f} s",
        flush=True,
    )
    claims = corpus_claims(args.matches) if args.matches else []
    exact_matches: set[tuple[int, int]] = set()
    if claims:
        assert len(claims) == len(vectors), "npz and corpus differ"
        t = time.perf_counter()
        exact_matches = final_matches(claims, vectors, truth)
        print(f"final matched pairs with exact candidates: {len(exact_matches)} ({time.perf_counter() - t:.1f} s)")
    builders = {"hnswlib": hnswlib_index, "usearch": usearch_index, "faiss": faiss_index}
    for lib in [lib for _ in range(args.rounds) for lib in args.libs]:
        for ef in args.ef:
            t = time.perf_counter()
            query = builders[lib](vectors, ef)
            build = time.perf_counter() - t
            for k in args.k:
                for cap in args.cap:
                    t = time.perf_counter()
                    found = threshold_query(query, vectors, sources, threshold, k, cap)
                    took = time.perf_counter() - t
                    recall = len(found & truth) / len(truth) if truth else 1.0
                    recall_strong = len(found & strong) / len(strong) if strong else 1.0
                    line = (
                        f"{lib:8} ef={ef:4} k0={k:4} cap={cap:5}: build {build:6.1f} s, query {took:6.1f} s, "
                        f"candidate recall {recall:.4f} (cos>=0.5: {recall_strong:.4f})"
                    )
                    if claims:
                        got = final_matches(claims, vectors, found)
                        same = len(got & exact_matches)
                        line += (
                            f"; final matches: recall {same / max(1, len(exact_matches)):.4f}, "
                            f"precision vs exact {same / max(1, len(got)):.4f}"
                        )
                    print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
