"""GitHub workflow-command annotations: one line per claim of a flagged finding, on its article line.

GitHub reads `::warning file=PATH,line=N,title=T::MESSAGE` lines on a step's output and shows
them on the pull request's changed files. An unreviewed flagged finding is a warning on each of
its claims' lines, a confirmed one a notice; a dismissed one says nothing. (GitHub shows at most
10 warnings and 10 notices per step, 50 per job; the Markdown report in the job summary has all.)
"""

from __future__ import annotations

from pathlib import Path

from crosscheck.check import Assessment, Status, kind
from crosscheck.domain import Finding, Report
from crosscheck.report.common import finding_numbers, relative_path


def escape_data(text: str) -> str:
    """A command's message, escaped as GitHub's toolkit does: %, CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file, title): the message escapes plus ':' and ','."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, *, file: str, line: int, title: str) -> str:
    """One workflow command line, e.g. `::warning file=seeds/a.txt,line=3,title=T::message`."""
    props = f"file={escape_property(file)},line={line},title={escape_property(title)}"
    return f"::{level} {props}::{escape_data(message)}"


def github_annotations(report: Report, check: Assessment, root: Path) -> list[str]:
    """Annotation lines for the flagged findings, paths relative to `root` (the repository)."""
    numbers = finding_numbers(report)
    lines = []
    for finding in report.findings:
        state = check.of(finding)
        if state.status is Status.NEW:
            level, what = "warning", "not reviewed yet: run `crosscheck review`"
        elif state.status is Status.CONFIRMED:
            level, what = "notice", "confirmed by a review"
        else:
            continue
        title = f"crosscheck F{numbers[finding.id]}: {kind(finding)}"
        for claim_id in finding.claims:
            claim = report.claim(claim_id)
            path = relative_path(report.source(claim.source).path, root)
            message = f"{kind(finding)}, {what} ({state.fingerprint}).{_values(report, finding, claim_id, root)}"
            lines.append(command(level, message, file=path, line=claim.line, title=title))
    return lines


def _values(report: Report, finding: Finding, claim_id: str, root: Path) -> str:
    """What this claim says against the others: '“Tuesday” here vs “November 4” in seeds/a.txt line 2'."""
    parts = []
    for conflict in finding.conflicts:
        for here, there in ((conflict.a, conflict.b), (conflict.b, conflict.a)):
            if here.claim == claim_id:
                other = report.claim(there.claim)
                where = f"{relative_path(report.source(other.source).path, root)} line {other.line}"
                parts.append(f"{conflict.type.value}: “{here.value}” here vs “{there.value}” in {where}")
    return "".join(f"\n{p}" for p in parts)
