"""Labelling groups of matched claims: agreeing, unique or conflicting, with the values at odds."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

from crosscheck.domain import Claim, Conflict, Finding, Label, Side
from crosscheck.match import Group
from crosscheck.names import extract_names
from crosscheck.values import Values, compare, extract_values

LABEL_ORDER = {Label.CONFLICTING: 0, Label.AGREEING: 1, Label.UNIQUE: 2}


def label_groups(groups: Sequence[Group], claims: Sequence[Claim]) -> list[Finding]:
    """One finding per group, conflicting first, then agreeing, then unique, each in file order."""
    # Only claims that another source's claim was matched to are compared, so only they are parsed.
    compared = sorted({i for g in groups if len({claims[i].source for i in g.members}) > 1 for i in g.members})
    names = extract_names([claims[i].text for i in compared])
    values = {i: extract_values(claims[i].text, found) for i, found in zip(compared, names, strict=True)}
    findings = [_finding(group, claims, values) for group in groups]
    position = {c.id: i for i, c in enumerate(claims)}
    return sorted(findings, key=lambda f: (LABEL_ORDER[f.label], position[f.claims[0]]))


def finding_id(claim_ids: Sequence[str]) -> str:
    digest = hashlib.sha256("\x00".join(sorted(claim_ids)).encode()).hexdigest()
    return f"f-{digest[:12]}"


def _finding(group: Group, claims: Sequence[Claim], values: Mapping[int, Values]) -> Finding:
    members = [claims[i] for i in group.members]
    ids = tuple(c.id for c in members)
    if len({c.source for c in members}) == 1:
        return Finding(finding_id(ids), Label.UNIQUE, ids)
    conflicts: list[Conflict] = []
    for x, i in enumerate(group.members):
        for j in group.members[x + 1 :]:
            if claims[i].source == claims[j].source:
                continue
            for d in compare(values[i], values[j]):
                conflict = Conflict(d.type, Side(claims[i].id, d.a), Side(claims[j].id, d.b))
                if conflict not in conflicts:
                    conflicts.append(conflict)
    label = Label.CONFLICTING if conflicts else Label.AGREEING
    similarity = None if group.similarity is None else round(group.similarity, 3)
    return Finding(finding_id(ids), label, ids, tuple(conflicts), similarity)
