"""Labelling groups of matched claims: agreeing, unique or conflicting, with the values at odds."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from crosscheck.conflicts import (
    Stated,
    Values,
    dated_words,
    extract_values,
    find_conflicts,
    needs_confirmation,
    needs_parse,
    nested_place,
    normalized_agreement,
    one_doing,
    restated,
    superseded,
)
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
from crosscheck.names import NameReader, SpacyNames, place, surnames_as_people
from crosscheck.syntax import Syntax
from crosscheck.verifier import (
    CONFIRMING_PROBABILITY,
    ONE_EVENT_PROBABILITY,
    PairVerifier,
    default_verifier,
    event_text,
)

T = TypeVar("T")
LABEL_ORDER = {Label.CONFLICTING: 0, Label.AGREEING: 1, Label.UNIQUE: 2}
NO_ANCHOR = Anchor()


def label_groups(
    matching: Matching,
    claims: Sequence[Claim],
    anchors: Mapping[str, Anchor] | None = None,
    *,
    names: NameReader | None = None,
    verifier: PairVerifier | None = None,
) -> list[Finding]:
    """One finding per group, conflicting first, then agreeing, then unique, each in file order;
    a unique claim carries its possible match, if it has one.

    `anchors` maps a source id to the date its relative dates are read from (none if absent);
    `names` reads the claims' names (spaCy's, by default); `verifier` says whether two claims
    whose values differ state one event (crosscheck.verifier's, by default).
    """
    findings = label_findings(matching.groups, claims, anchors, names=names, verifier=verifier)
    return order_findings(findings, matching, claims)


def label_findings(
    groups: Sequence[Group],
    claims: Sequence[Claim],
    anchors: Mapping[str, Anchor] | None = None,
    *,
    names: NameReader | None = None,
    verifier: PairVerifier | None = None,
) -> list[Finding]:
    """Each group's finding, in group order, without its possible match. A finding depends on
    its group's claims, their anchors and the group's figures only: crosscheck.incremental
    keeps findings of groups that an earlier run saw."""
    anchors = anchors or {}
    values = _values(groups, claims, anchors, names or SpacyNames())
    articles = source_texts(claims)
    compared = [_compare(group, claims, values, anchors, articles) for group in groups]
    one_event = _one_event(compared, claims, {claims[i].id: v for i, v in values.items()}, verifier)
    return [_finding(group, claims, comparison, one_event) for group, comparison in zip(groups, compared, strict=True)]


def source_texts(claims: Sequence[Claim]) -> dict[str, str]:
    """Each source's claims as one text, one claim per line: what a finding reads of its sources
    beyond its own claims (a place another sentence names is no conflict, `nested_place`)."""
    said: dict[str, list[str]] = {}
    for claim in claims:
        said.setdefault(claim.source, []).append(claim.text)
    return {source: "\n".join(texts) for source, texts in said.items()}


def order_findings(findings: Sequence[Finding], matching: Matching, claims: Sequence[Claim]) -> list[Finding]:
    """`label_findings` of `matching.groups`, each unique one with its possible match, in report order."""
    groups = matching.groups
    done = list(findings)
    for k, finding in enumerate(done):
        partner = matching.possible.get(groups[k].members[0]) if finding.label is Label.UNIQUE else None
        if partner is not None:
            possible = PossibleMatch(claims[partner.partner].id, partner.probability, partner.similarity)
            done[k] = replace(finding, possible_match=possible)
    position = {c.id: i for i, c in enumerate(claims)}
    return sorted(done, key=lambda f: (LABEL_ORDER[f.label], position[f.claims[0]]))


def _values(
    groups: Sequence[Group], claims: Sequence[Claim], anchors: Mapping[str, Anchor], reader: NameReader
) -> dict[int, Values]:
    """The values of every compared claim (one matched to another source's). Claims are read
    from their words first; those in a pair whose values could conflict (`needs_parse`) are
    parsed and read again, so each value knows what it qualifies and each name its role."""
    pairs = [pair for group in groups for pair in _pairs(group, claims)]
    # Every claim of a finding of two sources or more: a finding reads all its claims' dates
    # (`dated_words`), also those of a claim its matched pairs leave out.
    compared = sorted({i for g in groups if len({claims[k].source for k in g.members}) > 1 for i in g.members})
    found = surnames_as_people(_per_text(reader.find, [claims[i].text for i in compared]))
    names = dict(zip(compared, found, strict=True))
    # A sentence republished by many sites is read once per article date, not once per copy.
    known: dict[tuple[str, dt.date | None, bool], Values] = {}

    def read(i: int, syntax: Syntax | None = None) -> Values:
        date = anchors.get(claims[i].source, NO_ANCHOR).date
        key = (claims[i].text, date, syntax is None)
        if key not in known:
            found = names[i] if syntax is None else place(names[i], syntax)
            known[key] = extract_values(claims[i].text, date, found, syntax)
        return known[key]

    values = {i: read(i) for i in compared}
    parsed = {i for a, b in pairs if _differ(values, a, b) and needs_parse(values[a], values[b]) for i in (a, b)}
    # A date conflict is weighed against every date its finding's sources give (`superseded`
    # reads what each date qualifies), so in a finding with a parsed claim, every claim with a
    # date is parsed too.
    parsed |= {i for g in groups if parsed.intersection(g.members) for i in g.members if values[i].dates}
    ordered = sorted(parsed)
    syntaxes = _per_text(reader.parse, [claims[i].text for i in ordered])
    return values | {i: read(i, syntax) for i, syntax in zip(ordered, syntaxes, strict=True)}


def _per_text(read: Callable[[Sequence[str]], Sequence[T]], texts: Sequence[str]) -> list[T]:
    """`read(texts)`, each distinct text read once (what a reader says depends on the text alone)."""
    distinct = list(dict.fromkeys(texts))
    found = dict(zip(distinct, read(distinct), strict=True))
    return [found[text] for text in texts]


def _differ(values: Mapping[int, Values], i: int, j: int) -> bool:
    """Whether two claims may say something different: not one sentence read on one date (copies
    share one Values object). Values compared with themselves never conflict, never agree only
    once normalized and need no parse, so a wire story's many copies cost nothing pairwise."""
    return values[i] is not values[j]


def _pairs(group: Group, claims: Sequence[Claim]) -> Iterator[tuple[int, int]]:
    """The pairs of claims from two different sources whose values are compared: those the pair
    model matched (`Group.matched_pairs`), or, where no model decided, every such pair of the
    group, in member order."""
    if group.matched_pairs is not None:
        yield from ((i, j) for i, j in group.matched_pairs if claims[i].source != claims[j].source)
        return
    for x, i in enumerate(group.members):
        for j in group.members[x + 1 :]:
            if claims[i].source != claims[j].source:
                yield i, j


def finding_id(claim_ids: Sequence[str]) -> str:
    digest = hashlib.sha256("\x00".join(sorted(claim_ids)).encode()).hexdigest()
    return f"f-{digest[:12]}"


@dataclass(frozen=True)
class Comparison:
    """A group's values compared along its matched pairs: their conflicts, in pair order, before
    the event verifier reads those that disagree, and what agrees once normalized."""

    conflicts: tuple[Conflict, ...] = ()
    normalized: tuple[Normalized, ...] = ()


def _compare(
    group: Group,
    claims: Sequence[Claim],
    values: Mapping[int, Values],
    anchors: Mapping[str, Anchor],
    articles: Mapping[str, str],
) -> Comparison:
    """The conflicts of each matched pair of the group; `articles` holds each source's claims."""
    members = [claims[i] for i in group.members]
    if len({c.source for c in members}) == 1:  # a claim alone (a group never joins one source only)
        return Comparison()
    conflicts: list[Conflict] = []
    seen: set[Conflict] = set()  # a set beside the list: a finding of many copies can hold thousands
    normalized: list[Normalized] = []
    dated: dict[str, frozenset[str]] = {}
    stated: dict[str, list[Claim]] = {}
    for i in group.members:
        dated[claims[i].source] = dated.get(claims[i].source, frozenset()) | dated_words(values[i])
        stated.setdefault(claims[i].source, []).append(claims[i])

    def others(source: str, claim_id: str) -> str:
        return "\n".join(c.text for c in stated[source] if c.id != claim_id)

    for i, j in _pairs(group, claims):
        if not _differ(values, i, j):
            continue
        a = Stated(claims[i], values[i], anchors.get(claims[i].source, NO_ANCHOR))
        b = Stated(claims[j], values[j], anchors.get(claims[j].source, NO_ANCHOR))
        source_a, source_b = claims[i].source, claims[j].source
        found = [
            c
            for c in find_conflicts(a, b)
            if c not in seen
            and not superseded(c, dated[source_a], dated[source_b])
            and not nested_place(c, articles[source_a], articles[source_b])
            and not restated(c, others(source_a, c.a.claim), others(source_b, c.b.claim))
        ]
        conflicts += found
        seen.update(found)
        agreement = normalized_agreement(a, b)
        if agreement is not None:
            normalized.append(agreement)
    return Comparison(tuple(conflicts), tuple(normalized))


def _one_event(
    compared: Sequence[Comparison],
    claims: Sequence[Claim],
    values: Mapping[str, Values],
    verifier: PairVerifier | None,
) -> OneEvent:
    """The event verifier's p(one event) for each conflict it is asked about (`_event_texts`),
    except where the two values qualify verbs of one doing (`one_doing`); the model loads only
    when there is one. `values` are the compared claims', by claim id."""
    texts = {claim.id: claim.text for claim in claims}

    def doing(conflict: Conflict) -> bool:
        a, b = values.get(conflict.a.claim), values.get(conflict.b.claim)
        return (
            not needs_confirmation(conflict)
            and a is not None
            and b is not None
            and one_doing(a, conflict.a.qualifies, b, conflict.b.qualifies)
        )

    asked = list(
        dict.fromkeys(
            key
            for comparison in compared
            for conflict in comparison.conflicts
            if (key := _event_texts(conflict, texts)) is not None and not doing(conflict)
        )
    )
    if not asked:
        return OneEvent({}, texts)
    found = (verifier or default_verifier()).probability(asked)
    return OneEvent(dict(zip(asked, found.tolist(), strict=True)), texts)


@dataclass(frozen=True)
class OneEvent:
    """What the verifier said, by the two texts it read."""

    probability: Mapping[tuple[str, str], float]
    texts: Mapping[str, str]  # claim id -> text

    def of(self, conflict: Conflict) -> float:
        """p(one event) of a conflict's two values; 1 where the verifier was not asked."""
        key = _event_texts(conflict, self.texts)
        return 1.0 if key is None else self.probability.get(key, 1.0)


def _event_texts(conflict: Conflict, texts: Mapping[str, str]) -> tuple[str, str] | None:
    """What the verifier reads of a conflict: what each value qualifies, in its sentence (for a
    denial in other words, the two verbs); None for a conflict that does not say the sources
    disagree, whose values qualify nothing the parse found (a time, a name, a word-for-word
    negation: their words are the event itself), or that qualify one word on both sides."""
    a, b = conflict.a, conflict.b
    if not conflict.type.disagrees or not a.qualifies or not b.qualifies:
        return None
    if set(a.qualifies.split("; ")) & set(b.qualifies.split("; ")):
        return None  # one word on both sides: the verifier never read two events there (docs/event-verifier.md)
    return event_text(a.qualifies, texts[a.claim]), event_text(b.qualifies, texts[b.claim])


def _finding(group: Group, claims: Sequence[Claim], comparison: Comparison, one_event: OneEvent) -> Finding:
    """The group's label and conflicts. A date or number whose two values the verifier reads
    as qualifying two events stays listed, as a `two-events` entry that does not say the
    sources disagree."""
    ids = tuple(claims[i].id for i in group.members)
    if len({claims[i].source for i in group.members}) == 1:
        return Finding(finding_id(ids), Label.UNIQUE, ids)
    conflicts = _explained(
        [
            judged
            for conflict in comparison.conflicts
            if (judged := _judged(conflict, one_event.of(conflict))) is not None
        ]
    )
    label = Label.CONFLICTING if conflicts else Label.AGREEING
    return Finding(
        finding_id(ids), label, ids, tuple(conflicts), group.probability, group.similarity, comparison.normalized
    )


def _explained(conflicts: list[Conflict]) -> list[Conflict]:
    """Two-events entries for the date conflicts of two words that the finding's other entries
    already explain: where the verifier read a claim's date, against the same date of the other
    article, as another event ("identified the victim on Thursday" against "was killed Wednesday
    night"), the same two dates are another event too where the parse hung the Wednesday on a
    weaker word ("was walking ... around 7 p.m. Wednesday"). Not numbers: an age is the
    person's, whatever event its sentence tells ("charged 27-year-old ..." / "trial is set for
    26-year-old ...")."""
    keys = {
        _value_key(side, other): conflict
        for conflict in conflicts
        if conflict.type is ConflictType.TWO_EVENTS and conflict.a.normalized and conflict.b.normalized
        for side, other in ((conflict.a, conflict.b), (conflict.b, conflict.a))
    }
    out = []
    for conflict in conflicts:
        a, b = conflict.a, conflict.b
        shown = (
            conflict.type is ConflictType.DATE
            and a.qualifies
            and b.qualifies
            and not set(a.qualifies.split("; ")) & set(b.qualifies.split("; "))
            and (keys.get(_value_key(a, b)) or keys.get(_value_key(b, a)))
        )
        if shown:
            reason = (
                f"the {conflict.type.value} values differ, but the event verifier reads “{shown.a.qualifies}” "
                f"“{shown.a.value}” and “{shown.b.qualifies}” “{shown.b.value}” as two events of the story"
            )
            conflict = Conflict(ConflictType.TWO_EVENTS, a, b, reason)
        out.append(conflict)
    return out


def _value_key(side: Side, other: Side) -> tuple[str, str, str]:
    """One side's claim and value, and the other side's value (normalized where it has one)."""
    return side.claim, side.value, other.normalized or other.value


def _judged(conflict: Conflict, p: float) -> Conflict | None:
    """The conflict as the verifier leaves it: a denial in other words stands only where the
    two words name one event (p reaches CONFIRMING_PROBABILITY), and is dropped otherwise (they
    are two facts, not a disagreement to list); any other conflict is `_demoted` or kept."""
    if not needs_confirmation(conflict):
        return _demoted(conflict, p)
    if p < CONFIRMING_PROBABILITY:
        return None
    reason = (
        f"“{conflict.a.value}” and “{conflict.b.value}” use different words; the event verifier reads "
        f"“{conflict.a.qualifies}” and “{conflict.b.qualifies}” as one event (p(one event) {p:.2f})"
    )
    return replace(conflict, reason=reason)


def _demoted(conflict: Conflict, p: float) -> Conflict:
    """The conflict as it stands, or a two-events entry where p(one event) is under the threshold."""
    if p >= ONE_EVENT_PROBABILITY:
        return conflict
    reason = (
        f"the {conflict.type.value} values differ, but the event verifier reads “{conflict.a.qualifies}” "
        f"and “{conflict.b.qualifies}” as two events of the story (p(one event) {p:.2f})"
    )
    return Conflict(ConflictType.TWO_EVENTS, conflict.a, conflict.b, reason)
