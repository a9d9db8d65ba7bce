"""The machine-readable report: the same content as the Markdown, as stable JSON."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from crosscheck.domain import Anchor, Finding, Label, Report, Side

SCHEMA_NAME = "consistency.schema.json"


def report_to_dict(report: Report, links_from: Path | None = None) -> dict[str, Any]:
    """`links_from`: the report's folder; source paths are given relative to it."""
    return {
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
        "findings": [_finding(f) for f in report.findings],
    }


def relative_path(path: str, links_from: Path | None) -> str:
    """POSIX path of a source relative to the report folder (absolute if none is given)."""
    target = os.path.abspath(path)
    if links_from is None:
        return Path(target).as_posix()
    return Path(os.path.relpath(target, os.path.abspath(links_from))).as_posix()


def render_json(report: Report, links_from: Path | None = None) -> str:
    """Deterministic JSON: insertion-ordered keys, floats already rounded, trailing newline."""
    return json.dumps(report_to_dict(report, links_from), indent=2, ensure_ascii=False) + "\n"


def _finding(finding: Finding) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": finding.id,
        "label": finding.label.value,
        "claims": list(finding.claims),
    }
    if finding.similarity is not None:
        data["similarity"] = finding.similarity
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
    return data


def _anchor(anchor: Anchor) -> dict[str, Any]:
    return {
        "kind": anchor.kind.value,
        "date": anchor.date.isoformat() if anchor.date else None,
        "where": anchor.where,
    }
