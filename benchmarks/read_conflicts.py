"""Print every conflicting finding of crosscheck runs on ECB+ dev story folders, to read by hand.

Each event folder of ECB+ dev (one event, several outlets: a story as a user would collect it)
is one run. Folders of the test topics (3, 7, 11, ...; the pair model's threshold was not chosen
on them) are taken in name order until at least --articles articles have been read. The judgement
of each finding is kept in docs/conflicts.md.

    python benchmarks/read_conflicts.py [--articles 100] [--data DIR]
    python benchmarks/read_conflicts.py --skip 100   # the next folders
    python benchmarks/read_conflicts.py --topics tune   # the tune topics' folders (1, 5, 9, ...)

The conflict rules were written from readings of the test topics (docs/conflicts.md), so the
tune topics' folders are the sample no rule was written from; the same-fact adapter was trained
on them, which makes their matching better than on new stories.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from ecbplus_matching import DEFAULT_DATA, is_tune_topic, topic_number

from crosscheck.domain import Label
from crosscheck.pipeline import build_report
from crosscheck.settings import Settings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the ecbplus-dev folder")
    parser.add_argument("--articles", type=int, default=100, help="read folders until this many articles (100)")
    parser.add_argument(
        "--skip", type=int, default=0, help="first pass over folders until this many articles, unread (0)"
    )
    parser.add_argument("--topics", choices=("test", "tune"), default="test", help="which topics' folders (test)")
    args = parser.parse_args()
    tune = args.topics == "tune"
    folders = sorted(
        (p for p in args.data.iterdir() if p.is_dir() and is_tune_topic(topic_number(p.name)) == tune),
        key=lambda p: (topic_number(p.name), p.name),
    )
    skipped = 0
    while folders and skipped < args.skip:
        skipped += sum(1 for f in folders.pop(0).iterdir() if f.is_file() and f.suffix in (".txt", ".md"))
    articles = findings = number = 0
    for folder in folders:
        if articles >= args.articles:
            break
        with tempfile.TemporaryDirectory() as scratch:
            story = Path(scratch) / folder.name
            shutil.copytree(folder, story)
            report = build_report(story, Settings(cache=False))
        articles += len(report.sources)
        conflicting = [f for f in report.findings if f.label is Label.CONFLICTING]
        findings += len(conflicting)
        print(f"# {folder.name}: {len(report.sources)} articles, {len(conflicting)} conflicting findings\n")
        for finding in conflicting:
            number += 1
            print(f"## C{number}. {folder.name} {finding.id} · p(same fact) {finding.probability:.2f}")
            for claim_id in finding.claims:
                claim = report.claim(claim_id)
                print(f"- {Path(claim.source).stem}:{claim.line}: {claim.text}")
            for c in finding.conflicts:
                a = f"{c.a.qualifies}: " if c.a.qualifies else ""
                b = f"{c.b.qualifies}: " if c.b.qualifies else ""
                print(f"  * {c.type.value}: {a}“{c.a.value}” ({c.a.normalized}) vs {b}“{c.b.value}” ({c.b.normalized})")
            print()
    print(f"{findings} conflicting findings in {articles} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
