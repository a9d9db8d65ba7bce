"""Labelling groups of matched claims: agreeing, unique or conflicting, with the values at odds."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace

from crosscheck.domain import (
    Anchor,
    Claim,
    Conflict,
    ConflictType,
    Finding,
    Label,
    Normalized,
    PossibleMatch,
    Side,
)
from crosscheck.match import Group, Matching
from crosscheck.names import NameReader, SpacyNames, place
from crosscheck.syntax import Syntax
from crosscheck.values import Disagreement, Values, compare, date_agreement, extract_values, needs_parse

LABEL_ORDER = {Label.CONFLICTING: 0, Label.AGREEING: 1, Label.UNIQUE: 2}
DATE_TYPES = frozenset({ConflictType.DATE, ConflictType.UNRESOLVED})
UPDATE_HOURS = 48  # gaps shorter than this are told in hours
NO_ANCHOR = Anchor()


def label_groups(
    matching: Matching,
    claims: Sequence[Claim],
    anchors: Mapping[str, Anchor] | None = None,
    *,
    names: NameReader | None = None,
) -> list[Finding]:
    """One finding per group, conflicting first, then agreeing, then unique, each in file order;
    a unique claim carries its possible match, if it has one.

    `anchors` maps a source id to the date its relative dates are read from (none if absent);
    `names` reads the claims' names (spaCy's, by default).
    """
    anchors = anchors or {}
    groups = matching.groups
    values = _values(groups, claims, anchors, names or SpacyNames())
    findings = [_finding(group, claims, values, anchors) for group in groups]
    for k, finding in enumerate(findings):
        partner = matching.possible.get(groups[k].members[0]) if finding.label is Label.UNIQUE else None
        if partner is not None:
            possible = PossibleMatch(claims[partner.partner].id, partner.probability, partner.similarity)
            findings[k] = replace(finding, possible_match=possible)
    position = {c.id: i for i, c in enumerate(claims)}
    return sorted(findings, key=lambda f: (LABEL_ORDER[f.label], position[f.claims[0]]))


def _values(
    groups: Sequence[Group], claims: Sequence[Claim], anchors: Mapping[str, Anchor], reader: NameReader
) -> dict[int, Values]:
    """The values of every compared claim (one matched to another source's). Claims are read
    from their words first; those in a pair whose values could conflict (`needs_parse`) are
    parsed and read again, so each value knows what it qualifies and each name its role."""
    pairs = [pair for group in groups for pair in _pairs(group, claims)]
    compared = sorted({i for pair in pairs for i in pair})
    names = dict(zip(compared, reader.find([claims[i].text for i in compared]), strict=True))

    def read(i: int, syntax: Syntax | None = None) -> Values:
        found = names[i] if syntax is None else place(names[i], syntax)
        return extract_values(claims[i].text, anchors.get(claims[i].source, NO_ANCHOR).date, found, syntax)

    values = {i: read(i) for i in compared}
    parsed = sorted({i for a, b in pairs if needs_parse(values[a], values[b]) for i in (a, b)})
    syntaxes = reader.parse([claims[i].text for i in parsed])
    return values | {i: read(i, syntax) for i, syntax in zip(parsed, syntaxes, strict=True)}


def _pairs(group: Group, claims: Sequence[Claim]) -> Iterator[tuple[int, int]]:
    """The group's pairs of claims from two different sources, in member order."""
    for x, i in enumerate(group.members):
        for j in group.members[x + 1 :]:
            if claims[i].source != claims[j].source:
                yield i, j


def finding_id(claim_ids: Sequence[str]) -> str:
    digest = hashlib.sha256("\x00".join(sorted(claim_ids)).encode()).hexdigest()
    return f"f-{digest[:12]}"


def _finding(
    group: Group, claims: Sequence[Claim], values: Mapping[int, Values], anchors: Mapping[str, Anchor]
) -> Finding:
    members = [claims[i] for i in group.members]
    ids = tuple(c.id for c in members)
    if len({c.source for c in members}) == 1:  # a claim alone (a group never joins one source only)
        return Finding(finding_id(ids), Label.UNIQUE, ids)
    conflicts: list[Conflict] = []
    normalized: list[Normalized] = []
    for i, j in _pairs(group, claims):
        anchor_i, anchor_j = anchors.get(claims[i].source, NO_ANCHOR), anchors.get(claims[j].source, NO_ANCHOR)
        for d in compare(values[i], values[j]):
            conflict = _conflict(d, claims[i], claims[j], anchor_i, anchor_j)
            if conflict not in conflicts:
                conflicts.append(conflict)
        agreement = date_agreement(values[i], values[j])
        if agreement is not None:
            a = Side(claims[i].id, agreement.a.text, agreement.a.value.label, anchor_i)
            b = Side(claims[j].id, agreement.b.text, agreement.b.value.label, anchor_j)
            normalized.append(Normalized(agreement.value, a, b))
    label = Label.CONFLICTING if conflicts else Label.AGREEING
    return Finding(
        finding_id(ids), label, ids, tuple(conflicts), group.probability, group.similarity, tuple(normalized)
    )


def _conflict(d: Disagreement, a: Claim, b: Claim, anchor_a: Anchor, anchor_b: Anchor) -> Conflict:
    if d.type in DATE_TYPES:
        side_a = Side(a.id, d.a, d.normalized_a, anchor_a, d.qualifies_a)
        side_b = Side(b.id, d.b, d.normalized_b, anchor_b, d.qualifies_b)
        return Conflict(d.type, side_a, side_b, d.reason)
    side_a, side_b = Side(a.id, d.a, qualifies=d.qualifies_a), Side(b.id, d.b, qualifies=d.qualifies_b)
    later = _later(anchor_a, anchor_b) if d.tally is not None else None
    if d.tally is None or later is None:
        return Conflict(d.type, side_a, side_b)
    gap, b_is_later = later
    (old, new), (old_side, new_side), (old_claim, new_claim) = (
        (d.tally, (d.a, d.b), (a, b)) if b_is_later else ((d.tally[1], d.tally[0]), (d.b, d.a), (b, a))
    )
    when = f"“{new_side}” ({new_claim.source}) was published {gap} after “{old_side}” ({old_claim.source})"
    if new > old:
        return Conflict(ConflictType.UPDATE, side_a, side_b, f"{when}: a running tally that grew")
    # A tally that can only grow, lower in the later report: the outlets disagree.
    return Conflict(d.type, side_a, side_b, f"{when}, yet a running tally only grows")


def _later(a: Anchor, b: Anchor) -> tuple[str, bool] | None:
    """How much later one report was published than the other, in words, and whether it is b;
    None when their order is unknown (no publication date, or one day without times)."""
    if a.time is not None and b.time is not None and a.time != b.time:
        hours = abs(b.time - a.time).total_seconds() / 3600
        gap = f"{hours:.0f} hour{'s' * (round(hours) != 1)}" if hours < UPDATE_HOURS else f"{hours / 24:.0f} days"
        return gap, b.time > a.time
    if a.date is not None and b.date is not None and a.date != b.date:
        days = abs((b.date - a.date).days)
        return f"{days} day{'s' * (days != 1)}", b.date > a.date
    return None
