"""Finding fingerprints: what a reviewer's verdict is attached to, stable across runs and renames.

A finding's `id` (label.finding_id) hashes claim ids, and a claim id hashes the source's path,
so renaming an article changes it. A review must outlive that, so the fingerprint hashes only
what the reviewer read and judged:

1. the text of each claim in the finding, as a sorted multiset (article order, file names and
   line numbers play no part; two sources with the same sentence count twice), each text in
   Unicode NFC with runs of whitespace collapsed to one space, so re-wrapping an article's lines
   changes nothing while any edit to a word, a digit or a punctuation mark does ("4" vs "4.5",
   "5" vs "5%": a verdict must not survive an edit that may change the meaning);
2. the sorted set of the finding's conflict types ("date", "number", ...): if the claims stay the
   same but a new kind of disagreement is found in them, the reviewer has not judged it yet.

Not hashed: the conflict values (they are derived from the texts; hashing them would void every
review whenever value extraction improves), the label (implied by the above), the similarity,
and anything about other findings, so adding an unrelated article changes no fingerprint. An
article that joins a finding adds a claim to it: that is a different finding for a reviewer
(a new source now speaks to the fact), so its fingerprint changes and it is flagged again.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable

from crosscheck.domain import Finding, Report

# Bumped if the definition above ever changes, so old and new fingerprints cannot collide.
SCHEME = "crosscheck-fingerprint-1"
PREFIX = "fp-"
# 16 hex digits (64 bits): no collision in any set of findings a person could review.
DIGITS = 16
PATTERN = re.compile(rf"^{PREFIX}[0-9a-f]{{{DIGITS}}}$")
_WHITESPACE = re.compile(r"\s+")


def fingerprint_texts(texts: Iterable[str], conflict_types: Iterable[str] = ()) -> str:
    """The fingerprint of a finding with these claim texts and conflict type names."""
    payload = [SCHEME, sorted(set(conflict_types)), sorted(normalize_claim(t) for t in texts)]
    digest = hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()
    return PREFIX + digest[:DIGITS]


def finding_fingerprint(report: Report, finding: Finding) -> str:
    return fingerprint_texts(
        (report.claim(c).text for c in finding.claims),
        (str(c.type) for c in finding.conflicts),
    )


def fingerprints(report: Report) -> dict[str, str]:
    """Finding id -> fingerprint, for every finding of the report."""
    return {f.id: finding_fingerprint(report, f) for f in report.findings}


def normalize_claim(text: str) -> str:
    """A claim's text as the fingerprint sees it: NFC, whitespace runs as one space, trimmed."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()
