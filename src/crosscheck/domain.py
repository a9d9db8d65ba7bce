"""The things crosscheck talks about: sources, claims, findings and the report that holds them."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

REPORT_VERSION = "1.0"


class AnchorKind(enum.StrEnum):
    """Where an article's date came from: relative dates ("on Tuesday") are read from it."""

    PUBLISHED = "published"  # front matter `published`
    DATELINE = "dateline"  # a date line near the top of the text ("November 3, 2025", "Updated: ...")
    NONE = "none"  # neither: relative dates stay unresolved


@dataclass(frozen=True)
class Anchor:
    """The date an article's relative dates are read from, and where it was found."""

    kind: AnchorKind = AnchorKind.NONE
    date: dt.date | None = None
    where: str | None = None  # "front matter", or the dateline's line and text
    # The publication time, when the front matter gives one ("2025-11-03T23:30:00-05:00"):
    # orders two reports of one day, to tell an update from a contradiction.
    time: dt.datetime | None = None

    def describe(self) -> str:
        """For people: "published 2025-11-03", "dateline 2025-11-03 (line 3)", "none"."""
        if self.date is None:
            return self.kind.value
        return f"{self.kind.value} {self.date.isoformat()}"


@dataclass(frozen=True)
class Source:
    """One article file as committed: where it is, its exact bytes' hash, its front matter."""

    id: str  # path relative to the seeds folder, POSIX separators
    path: str  # path as resolved on disk (for links in reports)
    sha256: str
    metadata: Mapping[str, Any] = field(default_factory=dict)
    anchor: Anchor = Anchor()
    # The decoded file (front matter included), which claims' offsets index: the HTML report
    # shows it line by line. Left out of comparisons: sha256 already stands for it.
    text: str = field(default="", repr=False, compare=False)

    @property
    def title(self) -> str | None:
        value = self.metadata.get("title")
        return str(value) if value is not None else None


@dataclass(frozen=True)
class Claim:
    """One statement, with its exact place in the raw source file.

    `start`/`end` are character offsets into the file's decoded text, so
    `raw[start:end]` is the quote as committed (line breaks that the cleaner
    repaired are still in it). `line` is the 1-based line of `start`.
    """

    id: str
    source: str
    text: str
    start: int
    end: int
    line: int


class Label(enum.StrEnum):
    """What a finding says about the sources that state it."""

    CONFLICTING = "conflicting"
    AGREEING = "agreeing"
    UNIQUE = "unique"


class ConflictType(enum.StrEnum):
    """Which kind of value two matched claims disagree on."""

    DATE = "date"
    TIME = "time"
    NUMBER = "number"
    NEGATION = "negation"
    # The values cannot be placed on one scale ("Tuesday" with no article date vs "November 4"):
    # not a contradiction, but nothing shows they agree either; `Conflict.reason` says why.
    UNRESOLVED = "unresolved"
    # A running tally (dead, injured, arrested, votes counted) that the later source gives
    # higher: news moving on, not outlets disagreeing; `Conflict.reason` says which is later.
    UPDATE = "update"
    # Values that differ between two matched claims that the event verifier reads as two events
    # of one story ("killed Wednesday night" / "identified the victim Thursday"): shown, since the
    # verifier can be wrong, but not said to disagree; `Conflict.reason` gives the value type and
    # the verifier's probability (crosscheck.verifier).
    TWO_EVENTS = "two-events"

    @property
    def disagrees(self) -> bool:
        """Whether a conflict of this type says the sources disagree. `unresolved` (values that
        cannot be compared), `update` (a tally a later report raised) and `two-events` (values
        of two events of the story) do not: the default `conflicting` policy does not fail on
        them, and `fail_on` can name each of them."""
        return self not in (ConflictType.UNRESOLVED, ConflictType.UPDATE, ConflictType.TWO_EVENTS)

    PERSON = "person"
    PLACE = "place"
    ORGANIZATION = "organization"


@dataclass(frozen=True)
class Side:
    """One side of a conflict: a claim, the value it states as written, and for dates the
    normalized value and the anchor it was read from."""

    claim: str
    value: str
    normalized: str | None = None  # TimeML value ("2025-11-04", "XXXX-WXX-2" when unanchored)
    anchor: Anchor | None = None  # set for date values only
    qualifies: str | None = None  # what the value dates or counts, from the parse ("vote", "kill")


@dataclass(frozen=True)
class Conflict:
    type: ConflictType
    a: Side
    b: Side
    reason: str | None = None  # why an unresolved conflict could not be decided; which report of an update is later


@dataclass(frozen=True)
class Normalized:
    """Agrees after normalization: two phrasings that differ as written ("Tuesday", "November 4")
    but name the same time once read from their anchors; `value` is the time they share."""

    value: str
    a: Side
    b: Side


@dataclass(frozen=True)
class PossibleMatch:
    """A unique claim's best candidate partner in another source, which the pair model judged
    too uncertain to call the same fact: shown so a reader can judge what stays unique."""

    claim: str
    probability: float
    similarity: float  # cosine of the two claims' embeddings


@dataclass(frozen=True)
class Finding:
    """Claims that state one fact, and what the sources make of it."""

    id: str
    label: Label
    claims: tuple[str, ...]
    conflicts: tuple[Conflict, ...] = ()
    # The pair model's mean p(same fact) over the finding's cross-source pairs: what decided it.
    probability: float | None = None
    similarity: float | None = None  # lowest cosine among its candidate pairs
    normalized: tuple[Normalized, ...] = ()
    possible_match: PossibleMatch | None = None  # unique findings only


@dataclass(frozen=True)
class Report:
    """Everything the renderers need; nothing they must recompute."""

    sources: tuple[Source, ...]
    claims: tuple[Claim, ...]
    findings: tuple[Finding, ...]
    settings: Mapping[str, Any]
    version: str = REPORT_VERSION

    def claim(self, claim_id: str) -> Claim:
        return self._claims_by_id[claim_id]

    def source(self, source_id: str) -> Source:
        return self._sources_by_id[source_id]

    @cached_property
    def _claims_by_id(self) -> dict[str, Claim]:
        return {c.id: c for c in self.claims}

    @cached_property
    def _sources_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    def count(self, label: Label) -> int:
        return sum(1 for f in self.findings if f.label is label)
