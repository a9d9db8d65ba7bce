"""The report formats: every one renders the same `Report` (and, from a check, its `Assessment`)
through one signature, and `render_report` writes them all.

    markdown.py     reports/consistency.md, for people
    jsonreport.py   reports/consistency.json, for machines (schema in crosscheck/schema/)
    summary.py      the one-screen summary `crosscheck check` prints
    annotations.py  GitHub workflow annotations on the articles' lines
    common.py       what they share: numbers, names, paths, fingerprints, conflict wording
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from crosscheck.report.jsonreport import render_json
from crosscheck.report.markdown import render_markdown
from crosscheck.write import write_reports

if TYPE_CHECKING:
    from crosscheck.check import Assessment
    from crosscheck.domain import Report

# What every file format is: the report (with the check's view of it, if any) and the folder the
# file goes to, for relative links, in; the file's text out.
Render = Callable[["Report", "Path | None", "Assessment | None"], str]


@dataclass(frozen=True)
class Format:
    file_name: str
    render: Render


FORMATS: Mapping[str, Format] = {
    "markdown": Format("consistency.md", render_markdown),
    "json": Format("consistency.json", render_json),
}


def render_report(report: Report, out: Path, check: Assessment | None = None) -> dict[Path, str]:
    """Every format's file under `out` and its text, rendered in full before anything is written."""
    return {out / f.file_name: f.render(report, out, check) for f in FORMATS.values()}


def write_report(report: Report, out: Path, check: Assessment | None = None) -> list[Path]:
    """Render every format, then replace the files together (crosscheck.write.write_reports)."""
    files = render_report(report, out, check)
    write_reports(files)
    return list(files)
