"""Local versus Ray engine, end to end: `crosscheck report` wall time on the scale corpus, and the same bytes.

    python benchmarks/engines.py                 # 100 articles
    python benchmarks/engines.py --sizes 100 1000

Per size it builds the scale benchmark's corpus (benchmarks/scale.py: real ECB+ dev articles,
perturbed copies past 496), then runs `crosscheck report --no-cache --quiet` once per engine,
each in its own process: `--engine local`, then `--engine ray` (a local Ray started by the run,
on every core of this machine). Wall time includes process start, model load and, for Ray,
starting the cluster and its actors: the fixed cost a single machine pays for the Ray engine.
It checks that both wrote byte-identical report files, and prints both times and their ratio.
One run each on a shared machine: other jobs run beside it, so read the ratio, not the seconds.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import DATA, build_corpus

ENGINES = ("local", "ray")


def run(seeds: Path, out: Path, engine: str) -> float:
    """Seconds of one `crosscheck report` with `engine`."""
    command = [sys.executable, "-m", "crosscheck", "report", str(seeds), "--out", str(out)]
    command += ["--no-cache", "--quiet", "--engine", engine]
    start = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - start


def files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"ECB+ dev articles not found at {args.data}", file=sys.stderr)
        return 2
    print("| articles | local s | ray s | ray / local | same bytes |")
    print("|---:|---:|---:|---:|---|")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            seeds = Path(tmp) / "seeds"
            build_corpus(size, seeds, args.data)
            seconds = {engine: run(seeds, Path(tmp) / engine, engine) for engine in ENGINES}
            same = files(Path(tmp) / "local") == files(Path(tmp) / "ray")
        local, ray = seconds["local"], seconds["ray"]
        print(f"| {size} | {local:.1f} | {ray:.1f} | {ray / local:.2f} | {'yes' if same else 'NO'} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
