"""What every report format shares: finding numbers, source paths, fingerprints, conflict wording."""

from __future__ import annotations

import os
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING

from crosscheck.domain import Conflict, Finding, Report
from crosscheck.fingerprint import finding_fingerprint

if TYPE_CHECKING:
    from crosscheck.check import Assessment


def finding_numbers(report: Report) -> dict[str, int]:
    """F1, F2, ...: each finding's number in the report, by its id (report order)."""
    return {f.id: n for n, f in enumerate(report.findings, start=1)}


def source_names(report: Report) -> dict[str, str]:
    """S1, S2, ...: each source's short name, by its id (report order)."""
    return {s.id: f"S{n}" for n, s in enumerate(report.sources, start=1)}


def fingerprint(report: Report, finding: Finding, check: Assessment | None) -> str:
    """The finding's fingerprint: the check's, which reviews are keyed by, else computed."""
    return check.of(finding).fingerprint if check is not None else finding_fingerprint(report, finding)


def describe_conflict(report: Report, conflict: Conflict) -> str:
    """One line for people: `date: “Tuesday” (b.txt line 3) vs “November 4” (a.txt line 2)`."""
    a, b = report.claim(conflict.a.claim), report.claim(conflict.b.claim)
    return (
        f"{conflict.type.value}: “{conflict.a.value}” ({a.source} line {a.line}) "
        f"vs “{conflict.b.value}” ({b.source} line {b.line})"
    )


def relative_path(path: str, links_from: Path | None) -> str:
    """POSIX path of a source relative to the report folder (absolute if none is given)."""
    target = os.path.abspath(path)
    if links_from is None:
        return Path(target).as_posix()
    return Path(os.path.relpath(target, os.path.abspath(links_from))).as_posix()


def file_href(path: str, links_from: Path | None) -> str:
    """A link to a file from the report folder. Percent-encoded: a space, "#", ")" or a line
    break in a file name would end a Markdown link or open an HTML comment."""
    return urllib.parse.quote(relative_path(path, links_from), safe="/")
