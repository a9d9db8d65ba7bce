"""The one-screen summary `crosscheck check` prints: outcome, counts, and what needs a review."""

from __future__ import annotations

from pathlib import Path

from crosscheck.check import Assessment, Change, Status
from crosscheck.domain import Finding, Label, Report
from crosscheck.report.common import describe_conflict, finding_numbers

# Lines listed per section before "... and N more": the summary must fit one terminal screen.
MAX_LISTED = 8


def render_summary(report: Report, check: Assessment, reviews_path: Path, report_path: Path) -> str:
    failing = check.failing
    if failing:
        outcome = f"FAILED: {len(failing)} flagged finding{'s' if len(failing) != 1 else ''} without a review"
    else:
        outcome = "passed: every flagged finding has a review"
    counts = ", ".join(f"{report.count(label)} {label.value}" for label in Label)
    statuses = ", ".join(f"{check.count(status)} {status.value}" for status in Status)
    lines = [
        f"crosscheck check {outcome}",
        f"  {len(report.sources)} sources, {len(report.claims)} claims, {len(report.findings)} findings: {counts}",
        f"  fails on: {', '.join(check.policy) or 'nothing'}",
        f"  reviews ({reviews_path}): {statuses}, {len(check.stale)} stale",
    ]
    if check.has_previous:
        changed = check.changed()
        new = sum(1 for c in changed if c.change is Change.NEW)
        lines.append(
            f"  since the previous report: {new} new, {len(changed) - new} changed, {check.gone} gone findings"
        )
    else:
        unique = " (so every source counts as new for fail_on unique)" if "unique" in check.policy else ""
        lines.append(f"  no previous report to compare with{unique}")
    findings = {f.id: f for f in report.findings}
    numbers = finding_numbers(report)
    if failing:
        lines.append("needs a review:")
        lines += _listed(
            [f"  F{numbers[c.finding]} {_describe(report, findings[c.finding])}  {c.fingerprint}" for c in failing]
        )
    if check.stale:
        lines.append("stale reviews (they match no finding any more):")
        lines += _listed([f"  {r.fingerprint} {r.verdict.value}: {r.about or r.note}" for r in check.stale])
    lines.append(f"report: {report_path}")
    if failing:
        lines.append("next: crosscheck review, then commit the reviews file")
    return "\n".join(lines) + "\n"


def _describe(report: Report, finding: Finding) -> str:
    if not finding.conflicts:
        claim = report.claim(finding.claims[0])
        return f"{finding.label.value}: {claim.source} line {claim.line}"
    return "; ".join(describe_conflict(report, c) for c in finding.conflicts)


def _listed(lines: list[str]) -> list[str]:
    if len(lines) <= MAX_LISTED:
        return lines
    return [*lines[:MAX_LISTED], f"  ... and {len(lines) - MAX_LISTED} more (see the report)"]
