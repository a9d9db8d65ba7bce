"""The things crosscheck talks about: sources, claims, findings and the report that holds them."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

REPORT_VERSION = "1.0"


@dataclass(frozen=True)
class Source:
    """One article file as committed: where it is, its exact bytes' hash, its front matter."""

    id: str  # path relative to the seeds folder, POSIX separators
    path: str  # path as resolved on disk (for links in reports)
    sha256: str
    metadata: Mapping[str, Any] = field(default_factory=dict)

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
    PERSON = "person"
    PLACE = "place"
    ORGANIZATION = "organization"


@dataclass(frozen=True)
class Side:
    """One side of a conflict: a claim and the value it states, as written."""

    claim: str
    value: str


@dataclass(frozen=True)
class Conflict:
    type: ConflictType
    a: Side
    b: Side


@dataclass(frozen=True)
class Finding:
    """Claims that state one fact, and what the sources make of it."""

    id: str
    label: Label
    claims: tuple[str, ...]
    conflicts: tuple[Conflict, ...] = ()
    similarity: float | None = None  # lowest cosine among the matches that formed it


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
