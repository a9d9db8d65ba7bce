"""The check: which findings the policy flags, what people said about them, and what changed.

`assess` joins three inputs that the report itself knows nothing about: the reviews file, the
previous report (the baseline) and the policy (`fail_on`). Its result feeds the renderers and
decides `crosscheck check`'s exit code: the check fails while a flagged finding has no review.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from crosscheck.domain import ConflictType, Finding, Label, Report
from crosscheck.errors import ConfigError
from crosscheck.fingerprint import finding_fingerprint, normalize_claim
from crosscheck.previous import PreviousReport
from crosscheck.reviews import Review, Reviews

# Policy entries (`fail_on`). Conflict types are keyed by their string names, so a type added
# to the values stage (say "unresolved": values that could not be put on one scale) can be named
# in a policy without a change here.
# A conflicting finding with at least one conflict that says the sources disagree
# (ConflictType.disagrees: not `unresolved`, not `update`).
CONFLICTING = "conflicting"
UNIQUE = "unique"  # a unique claim from a source that is new since the previous report
DEFAULT_POLICY = (CONFLICTING,)


def policy_entries() -> list[str]:
    """Every name `fail_on` accepts: conflicting, unique and each conflict type (unresolved among them)."""
    return sorted({CONFLICTING, UNIQUE} | {t.value for t in ConflictType})


def parse_policy(entries: Iterable[str], where: str) -> tuple[str, ...]:
    """`fail_on` entries, checked and de-duplicated in a stable order; ConfigError names a bad one."""
    known = policy_entries()
    checked = []
    for entry in entries:
        name = entry.strip().lower()
        if name not in known:
            raise ConfigError(where, f"fail_on entry {entry!r} is unknown (known: {', '.join(known)})")
        checked.append(name)
    return tuple(sorted(set(checked)))


class Status(enum.StrEnum):
    """A flagged or reviewed finding's review status."""

    NEW = "new"  # flagged and not reviewed: fails the check
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"


class Change(enum.StrEnum):
    """How a finding differs from the previous report (by fingerprint)."""

    NEW = "new"  # none of its claims was in the previous report
    CHANGED = "changed"  # some of its claims were, in a finding with other claims or conflicts


@dataclass(frozen=True)
class FindingCheck:
    """One finding as the check sees it."""

    finding: str  # Finding.id
    fingerprint: str
    reasons: tuple[str, ...]  # the policy entries that flag it; () when it is not flagged
    review: Review | None  # None also when a per-conflict review leaves one of its types unjudged
    change: Change | None  # None: unchanged, or no previous report to compare with

    @property
    def status(self) -> Status | None:
        """confirmed/dismissed when reviewed, new when flagged without a review, else None."""
        if self.review is not None:
            return Status(self.review.verdict.value)
        return Status.NEW if self.reasons else None

    @property
    def failing(self) -> bool:
        return bool(self.reasons) and self.review is None


@dataclass(frozen=True)
class Assessment:
    """The check's view of a report: per finding (in report order), stale reviews, changes."""

    policy: tuple[str, ...]
    findings: tuple[FindingCheck, ...]
    stale: tuple[Review, ...]  # reviews whose fingerprint matches no finding of this run
    has_previous: bool
    gone: int  # findings of the previous report whose fingerprint is not in this one
    new_sources: tuple[str, ...]  # source ids new since the previous report

    @cached_property
    def _by_id(self) -> dict[str, FindingCheck]:
        return {c.finding: c for c in self.findings}

    def of(self, finding: Finding) -> FindingCheck:
        return self._by_id[finding.id]

    @property
    def failing(self) -> list[FindingCheck]:
        return [c for c in self.findings if c.failing]

    @property
    def passed(self) -> bool:
        return not self.failing

    def count(self, status: Status) -> int:
        return sum(1 for c in self.findings if c.status is status)

    def changed(self) -> list[FindingCheck]:
        return [c for c in self.findings if c.change is not None]


def assess(
    report: Report,
    reviews: Reviews,
    previous: PreviousReport | None,
    policy: Sequence[str] = DEFAULT_POLICY,
) -> Assessment:
    """Flag findings by `policy`, attach reviews by fingerprint, compare with `previous`."""
    new_sources = _new_sources(report, previous)
    checks = []
    for finding in report.findings:
        fingerprint = finding_fingerprint(report, finding)
        review = reviews.get(fingerprint)
        if review is not None and not review.covers(str(c.type) for c in finding.conflicts):
            review = None  # a conflict type no verdict judges: the finding needs a look again
        checks.append(
            FindingCheck(
                finding=finding.id,
                fingerprint=fingerprint,
                reasons=flag_reasons(report, finding, policy, new_sources),
                review=review,
                change=_change(report, finding, fingerprint, previous),
            )
        )
    current = {c.fingerprint for c in checks}
    return Assessment(
        policy=tuple(policy),
        findings=tuple(checks),
        stale=tuple(r for r in reviews.items if r.fingerprint not in current),
        has_previous=previous is not None,
        gone=0 if previous is None else len(previous.fingerprints - current),
        new_sources=tuple(sorted(new_sources)),
    )


def kind(finding: Finding) -> str:
    """A finding in two or three words: "date conflict", "date and number conflict", "unique claim"."""
    if finding.conflicts:
        return f"{' and '.join(sorted({str(c.type) for c in finding.conflicts}))} conflict"
    return f"{finding.label.value} claim"


def flag_reasons(
    report: Report, finding: Finding, policy: Sequence[str], new_sources: Iterable[str]
) -> tuple[str, ...]:
    """The policy entries that flag `finding`, in policy order."""
    types = {str(c.type) for c in finding.conflicts}
    reasons = []
    for entry in policy:
        if entry == CONFLICTING:
            hit = finding.label is Label.CONFLICTING and any(c.type.disagrees for c in finding.conflicts)
        elif entry == UNIQUE:
            hit = finding.label is Label.UNIQUE and report.claim(finding.claims[0]).source in set(new_sources)
        else:
            hit = entry in types
        if hit:
            reasons.append(entry)
    return tuple(reasons)


def _new_sources(report: Report, previous: PreviousReport | None) -> set[str]:
    """Sources the previous report did not have, by name or by content (a renamed file is not
    new). With no previous report every source is new: nothing was reported before."""
    if previous is None:
        return {s.id for s in report.sources}
    return {s.id for s in report.sources if s.id not in previous.source_ids and s.sha256 not in previous.source_hashes}


def _change(report: Report, finding: Finding, fingerprint: str, previous: PreviousReport | None) -> Change | None:
    if previous is None or fingerprint in previous.fingerprints:
        return None
    texts = (normalize_claim(report.claim(c).text) for c in finding.claims)
    return Change.CHANGED if any(t in previous.claim_texts for t in texts) else Change.NEW
