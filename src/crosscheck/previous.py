"""The previous JSON report: which findings and sources the last run saw, to say what changed.

Fingerprints are recomputed from the previous report's claim texts and conflict types rather
than read from it, so a report written before fingerprints existed works as a baseline too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crosscheck.errors import PreviousReportError
from crosscheck.fingerprint import fingerprint_texts, normalize_claim


@dataclass(frozen=True)
class PreviousReport:
    """What a baseline offers: its findings' fingerprints and claim texts, and its sources."""

    path: Path
    fingerprints: frozenset[str]
    claim_texts: frozenset[str]  # normalized (fingerprint.normalize_claim) texts of every claim
    source_ids: frozenset[str]
    source_hashes: frozenset[str]


def read_previous(path: Path) -> PreviousReport | None:
    """The report at `path`, None if there is none. Raises PreviousReportError with the reason."""
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return _parse(path, data)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise PreviousReportError(f"{path}: not a crosscheck JSON report ({exc!r})") from exc


def _parse(path: Path, data: Any) -> PreviousReport:
    texts = {c["id"]: str(c["text"]) for c in data["claims"]}
    fingerprints = frozenset(
        fingerprint_texts(
            (texts[c] for c in finding["claims"]),
            (str(conflict["type"]) for conflict in finding.get("conflicts", [])),
        )
        for finding in data["findings"]
    )
    return PreviousReport(
        path=path,
        fingerprints=fingerprints,
        claim_texts=frozenset(normalize_claim(t) for t in texts.values()),
        source_ids=frozenset(str(s["id"]) for s in data["sources"]),
        source_hashes=frozenset(str(s["sha256"]) for s in data["sources"]),
    )
