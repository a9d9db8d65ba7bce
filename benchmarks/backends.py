"""Encoding speed of each embedding backend on the same real claims, interleaved.

    pip install optimum-onnx onnxruntime     # in a separate venv: they pin transformers 4.x
    python benchmarks/backends.py [--claims 1024] [--rounds 3]

Claims are the first N of ECB+ dev (crosscheck's own segmentation). Each round encodes them
with every backend in turn, so load from other jobs on this shared machine hits all backends
alike; the best round per backend is printed (claims/s), with model load (ONNX: export, and
for int8 quantization, included) and the cosine of each backend's vectors to torch's. Match
quality per backend: benchmarks/ecbplus_matching.py --backend NAME.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from onnx_backend import BACKENDS, embedder_for

from crosscheck.claims import extract_claims
from crosscheck.ingest import Article, iter_articles

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ecbplus-dev"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=1024)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--backends", nargs="+", default=list(BACKENDS))
    args = parser.parse_args()
    articles = [a for f in sorted(DATA.iterdir()) if f.is_dir() for a in iter_articles(f) if isinstance(a, Article)]
    texts = [c.text for c in extract_claims(articles)][: args.claims]
    embedders = {}
    for backend in args.backends:
        t = time.perf_counter()
        embedders[backend] = embedder_for(backend)
        embedders[backend].encode(["warm-up"])
        print(f"{backend}: model load {time.perf_counter() - t:.1f} s", flush=True)
    best = dict.fromkeys(embedders, float("inf"))
    vectors = {}
    for _ in range(args.rounds):
        for backend, embedder in embedders.items():
            t = time.perf_counter()
            vectors[backend] = embedder.encode(texts)
            best[backend] = min(best[backend], time.perf_counter() - t)
    for backend in embedders:
        agreement = ""
        if "torch" in vectors:
            cosines = np.einsum("ij,ij->i", vectors[backend], vectors["torch"])
            agreement = f", cosine to torch: mean {cosines.mean():.4f}, min {cosines.min():.4f}"
        print(
            f"{backend:10} {len(texts)} claims: best {best[backend]:.1f} s = {len(texts) / best[backend]:.0f} claims/s"
            f" ({best['torch'] / best[backend]:.2f}x torch){agreement}"
            if "torch" in best
            else f"{backend}: {len(texts) / best[backend]:.0f} claims/s",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
