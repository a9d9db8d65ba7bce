"""The report formats: every one renders the same `Report` (and, from a check, its `Assessment`)
through one signature, and `render_report` writes them all.

    markdown.py     reports/consistency.md, for people
    jsonreport.py   reports/consistency.json, for machines (schema in crosscheck/schema/)
    html.py         reports/consistency.html and a page per source, to browse (templates/)
    summary.py      the one-screen summary `crosscheck check` prints
    annotations.py  GitHub workflow annotations on the articles' lines
    common.py       what they share: numbers, names, paths, fingerprints, conflict wording
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from crosscheck.report.html import SOURCE_PAGES, render_html, render_source_pages
from crosscheck.report.jsonreport import render_json
from crosscheck.report.markdown import render_markdown
from crosscheck.write import remove_others, write_reports

if TYPE_CHECKING:
    from crosscheck.check import Assessment
    from crosscheck.domain import Report

# What every file format is: the report (with the check's view of it, if any) and the folder the
# file goes to, for relative links, in; the file's text out.
Render = Callable[["Report", "Path | None", "Assessment | None"], str]
# A format's further files, by their path relative to the report folder (the HTML's source pages).
Pages = Callable[["Report", "Path | None", "Assessment | None"], Mapping[str, str]]


@dataclass(frozen=True)
class Format:
    file_name: str
    render: Render
    pages: Pages | None = None
    # The folder (under the report folder) that holds `pages` and nothing else: a page an
    # earlier run left there, for a source no longer reported, is removed after a write.
    pages_folder: str | None = None


FORMATS: Mapping[str, Format] = {
    "markdown": Format("consistency.md", render_markdown),
    "json": Format("consistency.json", render_json),
    "html": Format("consistency.html", render_html, render_source_pages, SOURCE_PAGES),
}


def render_report(report: Report, out: Path, check: Assessment | None = None) -> dict[Path, str]:
    """Every format's files under `out` and their text, rendered in full before anything is written."""
    files = {}
    for f in FORMATS.values():
        files[out / f.file_name] = f.render(report, out, check)
        if f.pages is not None:
            files |= {out / name: text for name, text in f.pages(report, out, check).items()}
    return files


def write_report(report: Report, out: Path, check: Assessment | None = None) -> list[Path]:
    """Render every format, then replace the files together (crosscheck.write.write_reports);
    the formats' own folders then lose the pages this run did not write."""
    files = render_report(report, out, check)
    write_reports(files)
    for f in FORMATS.values():
        if f.pages_folder is not None:
            remove_others(out / f.pages_folder, set(files))
    return list(files)
