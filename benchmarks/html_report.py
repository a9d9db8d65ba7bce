"""The HTML report at scale: render time, size, and how long Chromium takes to open it.

    python benchmarks/html_report.py                  # 1,000 articles
    python benchmarks/html_report.py --sizes 100 1000

No model runs: the Report is built from scale.py's corpus (real ECB+ articles, then perturbed
copies) by crosscheck's own ingest and claims stages, and findings are made up from the claims
so that they look like a real run's: claims whose words match but for their numbers, across
sources, form one finding, conflicting (a number conflict, the two numbers as written) where the
numbers differ and agreeing where not; every other claim is unique, and every third unique
claim gets a possible match. The full pipeline at 1,000 articles takes minutes
(benchmarks/scale.py, whose render stage includes the HTML); rendering does not depend on how
findings were found.

Per size it prints the report's makeup, the time to render the index and the source pages
(and all three formats), the time to write them (one atomic writer, a fsync per file), the
index's size and the pages' total, and Chromium's load of the index: the wall time of a
navigation until the load event, the navigation timing's domContentLoaded and load, and the
first contentful paint, best of three loads (headless Chromium from Debian, tests/browser.py);
then the time for the filters to show only unique claims.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))  # tests/browser.py: the same Chromium as the browser tests
from scale import DATA, build_corpus  # noqa: E402

from crosscheck.claims import extract_claims  # noqa: E402
from crosscheck.domain import Claim, Conflict, ConflictType, Finding, Label, PossibleMatch, Report, Side  # noqa: E402
from crosscheck.pipeline import load_articles  # noqa: E402
from crosscheck.report import render_report, write_report  # noqa: E402
from crosscheck.report.html import render_html, render_source_pages  # noqa: E402
from crosscheck.settings import Settings  # noqa: E402
from crosscheck.text import normalize  # noqa: E402

NUMBER = re.compile(r"\d+")
LOADS = 3  # Chromium loads per size; the best is reported (the first also fills the disk cache)


def synthetic_report(seeds: Path) -> Report:
    articles = load_articles(seeds, Settings())
    claims = extract_claims(articles)
    groups: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        groups[NUMBER.sub("#", normalize(claim.text))].append(claim)
    conflicting, agreeing, grouped = [], [], set()
    for group in groups.values():
        if len({c.source for c in group}) < 2:
            continue
        ids = tuple(c.id for c in group)
        grouped.update(ids)
        first, other = group[0], next(c for c in group if c.source != group[0].source)
        a, b = NUMBER.findall(first.text), NUMBER.findall(other.text)
        differ = [(x, y) for x, y in zip(a, b, strict=False) if x != y]
        if differ:
            (x, y), *_ = differ
            conflict = Conflict(ConflictType.NUMBER, Side(first.id, x), Side(other.id, y))
            conflicting.append(Finding(f"f-c{len(conflicting)}", Label.CONFLICTING, ids, (conflict,), 0.8, 0.9))
        else:
            agreeing.append(Finding(f"f-a{len(agreeing)}", Label.AGREEING, ids, (), 0.9, 0.95))
    alone = [c for c in claims if c.id not in grouped]
    unique = [
        Finding(
            f"f-u{i}",
            Label.UNIQUE,
            (c.id,),
            possible_match=PossibleMatch(alone[(i + 7) % len(alone)].id, 0.45, 0.6) if i % 3 == 0 else None,
        )
        for i, c in enumerate(alone)
    ]
    return Report(
        tuple(a.source for a in articles),
        tuple(claims),
        (*conflicting, *agreeing, *unique),
        {"model": "synthetic (benchmarks/html_report.py)"},
    )


def timed(fn, *args):  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - t


def chromium_load(index: Path) -> dict[str, float]:
    from tests.browser import missing, start_chromium

    if absent := missing():
        print(f"  Chromium: skipped ({', '.join(absent)} missing)")
        return {}
    driver = start_chromium()
    try:
        runs = []
        for _ in range(LOADS):
            driver.get("about:blank")
            t = time.perf_counter()
            driver.get(index.as_uri())  # returns at the load event
            wall = time.perf_counter() - t
            timing = driver.execute_script(
                """const nav = performance.getEntriesByType("navigation")[0];
                const paint = performance.getEntriesByName("first-contentful-paint")[0];
                return [nav.domContentLoadedEventEnd, nav.loadEventEnd, paint ? paint.startTime : -1];"""
            )
            runs.append({"wall": wall, "dcl": timing[0] / 1000, "load": timing[1] / 1000, "fcp": timing[2] / 1000})
        best = min(runs, key=lambda r: r["wall"])
        filter_s = driver.execute_script(
            """const select = document.querySelector("select[name=label]");
            select.value = "unique";
            const t = performance.now();
            select.dispatchEvent(new Event("change", {bubbles: true}));
            document.body.getBoundingClientRect();  // the layout the change causes
            return (performance.now() - t) / 1000;"""
        )
        best["filter"] = float(filter_s)
        best["median_wall"] = statistics.median(r["wall"] for r in runs)
        return best
    finally:
        driver.quit()


def measure(size: int, data: Path) -> None:
    work = Path(tempfile.mkdtemp(prefix=f"crosscheck-html-{size}-"))
    try:
        seeds, out = work / "seeds", work / "reports"
        build_corpus(size, seeds, data)
        report = synthetic_report(seeds)
        counts = ", ".join(f"{report.count(label)} {label.value}" for label in Label)
        print(f"{size} articles, {len(report.claims)} claims, {len(report.findings)} findings: {counts}")
        index, t_index = timed(render_html, report, out)
        pages, t_pages = timed(render_source_pages, report, out)
        _, t_all = timed(render_report, report, out)
        _, t_write = timed(write_report, report, out)
        page_bytes = sum(len(p.encode()) for p in pages.values())
        print(
            f"  render: index {t_index:.2f} s, {len(pages)} source pages {t_pages:.2f} s; "
            f"all formats {t_all:.2f} s; write all {t_write:.2f} s"
        )
        print(
            f"  size: index {len(index.encode()) / 1e6:.2f} MB; source pages {page_bytes / 1e6:.2f} MB in all "
            f"({page_bytes / len(pages) / 1e3:.1f} kB each on average)"
        )
        load = chromium_load(out / "consistency.html")
        if load:
            print(
                f"  Chromium (best of {LOADS}): opened in {load['wall']:.2f} s (median {load['median_wall']:.2f} s); "
                f"DOMContentLoaded {load['dcl']:.2f} s, load {load['load']:.2f} s, first paint {load['fcp']:.2f} s; "
                f"filter to unique claims {load['filter']:.2f} s"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    for size in args.sizes:
        measure(size, args.data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
