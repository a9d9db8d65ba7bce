"""crosscheck: compare news articles about one story, claim by claim, with citations.

    import crosscheck
    report = crosscheck.build_report("seeds")             # a Report: sources, claims, findings
    checked = crosscheck.run_check("seeds")               # the report, its check and the reviews
    markdown = crosscheck.render_markdown(checked.report, check=checked.assessment)
    crosscheck.write_report(checked.report, Path("reports"), checked.assessment)  # .md, .json, .html

The heavy parts (torch, spaCy) load on first use, so `import crosscheck` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from crosscheck.check import Assessment
    from crosscheck.domain import Report
    from crosscheck.embed import Embedder
    from crosscheck.names import NameReader
    from crosscheck.pipeline import CheckedReport, Warn
    from crosscheck.settings import Settings

__all__ = ["__version__", "build_report", "render_json", "render_markdown", "run_check", "write_report"]


def build_report(
    seeds: str | Path,
    settings: Settings | None = None,
    *,
    embedder: Embedder | None = None,
    names: NameReader | None = None,
    warn: Warn | None = None,
) -> Report:
    """Read every article under `seeds` and compare their claims (crosscheck.pipeline.build_report)."""
    from crosscheck.pipeline import build_report as build

    return build(Path(seeds), settings, embedder=embedder, names=names, warn=warn)


def run_check(
    seeds: str | Path,
    settings: Settings | None = None,
    *,
    previous: str | Path | None = None,
    embedder: Embedder | None = None,
    names: NameReader | None = None,
    warn: Warn | None = None,
) -> CheckedReport:
    """The report, checked against the reviews file and a previous JSON report
    (crosscheck.pipeline.run_check): what `crosscheck check` computes before writing."""
    from crosscheck.pipeline import run_check as run

    before = Path(previous) if previous is not None else None
    return run(Path(seeds), settings, previous=before, embedder=embedder, names=names, warn=warn)


def render_markdown(report: Report, links_from: Path | None = None, check: Assessment | None = None) -> str:
    """The Markdown report (crosscheck.report.markdown.render_markdown); `links_from`: the folder
    it will be written to, for relative links; `check`: adds review statuses and changes."""
    from crosscheck.report.markdown import render_markdown as render

    return render(report, links_from, check)


def render_json(report: Report, links_from: Path | None = None, check: Assessment | None = None) -> str:
    """The JSON report (crosscheck.report.jsonreport.render_json), valid against its schema."""
    from crosscheck.report.jsonreport import render_json as render

    return render(report, links_from, check)


def write_report(report: Report, out: str | Path, check: Assessment | None = None) -> list[Path]:
    """Every format (Markdown, JSON, the HTML report and its source pages) written atomically
    under `out` (crosscheck.report.write_report); returns the files written."""
    from crosscheck.report import write_report as write

    return write(report, Path(out), check)
