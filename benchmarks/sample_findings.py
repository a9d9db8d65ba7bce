"""Print a seeded random sample of findings of one label from a crosscheck run on ECB+ dev, to read by hand.

All dev articles go in one run, as in benchmarks/ecbplus_matching.py (the licence files at the
top of the folder are left out). The judgements of a reading are kept in docs/ with the seed.

    python benchmarks/sample_findings.py [--label agreeing] [--n 50] [--seed 0] [--topics test] [--data DIR]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from pathlib import Path

from ecbplus_matching import is_tune_topic, topic_number

from crosscheck.domain import Label
from crosscheck.pipeline import build_report
from crosscheck.settings import Settings

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ecbplus-dev"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the ecbplus-dev folder")
    parser.add_argument("--label", choices=[label.value for label in Label], default=Label.AGREEING.value)
    parser.add_argument("--n", type=int, default=50, help="findings to draw (default 50)")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the draw (default 0)")
    parser.add_argument(
        "--topics",
        choices=("all", "tune", "test"),
        default="all",
        help="draw from findings of these topics only (by their first claim): the test topics are the "
        "ones the shipped same-fact adapter never saw",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        articles = Path(folder) / "ecbplus-dev"
        for event in sorted(p for p in args.data.iterdir() if p.is_dir()):
            shutil.copytree(event, articles / event.name)
        report = build_report(articles, Settings(cache=False))

    def wanted(topic: int) -> bool:
        return args.topics == "all" or is_tune_topic(topic) == (args.topics == "tune")

    findings = [
        f
        for f in report.findings
        if f.label.value == args.label and wanted(topic_number(Path(report.claim(f.claims[0]).source).parts[0]))
    ]
    drawn = sorted(random.Random(args.seed).sample(range(len(findings)), min(args.n, len(findings))))
    print(f"{len(findings)} {args.label} findings ({args.topics} topics); {len(drawn)} drawn with seed {args.seed}\n")
    for number, k in enumerate(drawn, start=1):
        finding = findings[k]
        print(f"## {number}. {finding.id} · p(same fact) {finding.probability} · cosine {finding.similarity}")
        for claim_id in finding.claims:
            claim = report.claim(claim_id)
            print(f"- {claim.source}:{claim.line}: {claim.text}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
