"""Sentence-boundary accuracy of candidate segmenters on ECB+ (one gold sentence per line).

Each article's lines are joined with single spaces, as a scraped paragraph would run, and
every segmenter splits the result. A predicted boundary is right when it falls where one gold
sentence ends and the next begins. Segmenters that are not installed are skipped:

    pip install -e '.[bench]'
    python benchmarks/segmentation.py
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from crosscheck.ingest import iter_articles

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ecbplus-dev"
Segmenter = Callable[[str], list[str]]


def segmenters() -> dict[str, Segmenter]:
    from crosscheck.claims import sentence_spans

    found: dict[str, Segmenter] = {
        "crosscheck": lambda text: [text[start:end] for start, end in sentence_spans(text)],
    }
    try:
        import pysbd

        found["pysbd"] = pysbd.Segmenter(language="en", clean=False).segment
    except ImportError:
        pass
    try:
        from sentencex import segment

        found["sentencex"] = lambda text: list(segment("en", text))
    except ImportError:
        pass
    try:
        import nupunkt

        found["nupunkt"] = nupunkt.sent_tokenize
    except ImportError:
        pass
    return found


def boundaries(pieces: list[str], text: str) -> set[int]:
    """Character offsets in `text` where each piece but the last ends."""
    ends, cursor = set(), 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        start = text.find(piece, cursor)
        if start < 0:
            continue
        cursor = start + len(piece)
        ends.add(cursor)
    ends.discard(len(text))
    return ends


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="ecbplus-dev folder")
    args = parser.parse_args()
    articles = []
    for folder in sorted(p for p in args.data.iterdir() if p.is_dir()):
        for article in iter_articles(folder):
            if isinstance(article, Exception):
                continue
            lines = [line.strip() for line in article.raw[article.body_start :].splitlines() if line.strip()]
            articles.append(lines)
    print(f"ECB+ dev: {len(articles)} articles, {sum(len(a) for a in articles)} gold sentences")
    for name, segment in segmenters().items():
        tp = fp = fn = 0
        started = time.perf_counter()
        for lines in articles:
            text = " ".join(lines)
            gold = boundaries(lines, text)
            predicted = boundaries(segment(text), text)
            tp += len(gold & predicted)
            fp += len(predicted - gold)
            fn += len(gold - predicted)
        seconds = time.perf_counter() - started
        p, r = tp / (tp + fp), tp / (tp + fn)
        print(f"{name:10s} P={p:.3f} R={r:.3f} F1={2 * p * r / (p + r):.3f}  {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
