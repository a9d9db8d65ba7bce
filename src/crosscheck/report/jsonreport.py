"""The machine-readable report: the same content as the Markdown, as stable JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crosscheck.domain import Anchor, Finding, Label, Report, Side
from crosscheck.report.common import fingerprint, relative_path

if TYPE_CHECKING:
    from crosscheck.check import Assessment
    from crosscheck.reviews import Review

SCHEMA_NAME = "consistency.schema.json"


def report_to_dict(report: Report, links_from: Path | None = None, check: Assessment | None = None) -> dict[str, Any]:
    """`links_from`: the report's folder; source paths are given relative to it. With `check`,
    findings carry their review status and change, and a `check` object sums them up."""
    data: dict[str, Any] = {
        "version": report.version,
        "settings": dict(report.settings),
        "summary": {label.value: report.count(label) for label in Label}
        | {"sources": len(report.sources), "claims": len(report.claims)},
        "sources": [
            {
                "id": s.id,
                "path": relative_path(s.path, links_from),
                "sha256": s.sha256,
                "metadata": dict(s.metadata),
                "anchor": _anchor(s.anchor),
            }
            for s in report.sources
        ],
        "claims": [
            {
                "id": c.id,
                "source": c.source,
                "text": c.text,
                "start": c.start,
                "end": c.end,
                "line": c.line,
            }
            for c in report.claims
        ],
        "findings": [_finding(report, f, check) for f in report.findings],
    }
    if check is not None:
        data["check"] = _check(check)
    return data


def render_json(report: Report, links_from: Path | None = None, check: Assessment | None = None) -> str:
    """Deterministic JSON: insertion-ordered keys, floats already rounded, trailing newline."""
    return json.dumps(report_to_dict(report, links_from, check), indent=2, ensure_ascii=False) + "\n"


def _finding(report: Report, finding: Finding, check: Assessment | None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": finding.id,
        "fingerprint": fingerprint(report, finding, check),
        "label": finding.label.value,
        "claims": list(finding.claims),
    }
    if check is not None:
        data |= _status(check, finding)
    if finding.probability is not None:
        data["probability"] = finding.probability
    if finding.similarity is not None:
        data["similarity"] = finding.similarity
    if finding.possible_match is not None:
        possible = finding.possible_match
        data["possible_match"] = {
            "claim": possible.claim,
            "probability": possible.probability,
            "similarity": possible.similarity,
        }
    if finding.conflicts:
        data["conflicts"] = [
            {"type": c.type.value, "values": [_side(c.a), _side(c.b)]} | ({"reason": c.reason} if c.reason else {})
            for c in finding.conflicts
        ]
    if finding.normalized:
        data["normalized"] = [{"value": n.value, "values": [_side(n.a), _side(n.b)]} for n in finding.normalized]
    return data


def _side(side: Side) -> dict[str, Any]:
    data: dict[str, Any] = {"claim": side.claim, "value": side.value}
    if side.normalized is not None:
        data["normalized"] = side.normalized
    if side.anchor is not None:
        data["anchor"] = _anchor(side.anchor)
    if side.qualifies is not None:
        data["qualifies"] = side.qualifies
    return data


def _anchor(anchor: Anchor) -> dict[str, Any]:
    return {
        "kind": anchor.kind.value,
        "date": anchor.date.isoformat() if anchor.date else None,
        "where": anchor.where,
    }


def _status(check: Assessment, finding: Finding) -> dict[str, Any]:
    state = check.of(finding)
    data: dict[str, Any] = {}
    if state.status is not None:
        data["status"] = state.status.value
    if state.reasons:
        data["flagged_by"] = list(state.reasons)
    if state.review is not None:
        data["review"] = _review(state.review)
    if state.change is not None:
        data["change"] = state.change.value
    return data


def _review(review: Review) -> dict[str, Any]:
    data: dict[str, Any] = {
        "verdict": review.verdict.value,
        "note": review.note,
        "reviewer": review.reviewer,
        "date": review.date.isoformat() if review.date is not None else None,
    }
    if review.conflicts:
        data["conflicts"] = {kind: verdict.value for kind, verdict in review.conflicts}
    return data


def _check(check: Assessment) -> dict[str, Any]:
    return {
        "policy": list(check.policy),
        "passed": check.passed,
        "failing": len(check.failing),
        "previous_report": check.has_previous,
        "gone": check.gone,
        "new_sources": list(check.new_sources),
        "stale_reviews": [{"fingerprint": r.fingerprint, "about": r.about} | _review(r) for r in check.stale],
    }
