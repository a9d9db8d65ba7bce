"""The reviews file: people's verdicts on flagged findings, keyed by fingerprint, as readable TOML.

One table per reviewed finding, committed beside the articles (default `SEEDS_DIR/reviews.toml`):

    [fp-0f1e2d3c4b5a6978]
    verdict = "dismissed"            # or "confirmed"
    note = "Tuesday is November 4: the article is dated October 30."
    reviewer = "Ana"
    date = 2026-11-24
    about = "date conflict: November 4 / Tuesday"
    quotes = ["000.txt line 2: ...", "004.txt line 19: ..."]

A finding with several conflicts may get one verdict per conflict type instead, e.g. when its
date conflict is real and its person conflict a misread name:

    [fp-0f1e2d3c4b5a6978]
    verdict = "confirmed"            # written by crosscheck: confirmed if any conflict is
    conflicts = { date = "confirmed", person = "dismissed" }

A finding reviewed this way is reviewed once every conflict type it has holds a verdict; a type
that appears later (the articles changed) makes it need a review again.

Only the key, `verdict` and `conflicts` decide anything; `about` and `quotes` are there so a
person reading the file, or its diff in a pull request, sees what was judged without running
crosscheck. The writer is
deterministic (tables sorted by fingerprint, fixed key order), so a verdict is a one-table diff.
"""

from __future__ import annotations

import datetime as dt
import enum
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from crosscheck.domain import ConflictType
from crosscheck.errors import ReviewsError
from crosscheck.fingerprint import PATTERN as FINGERPRINT
from crosscheck.write import write_atomic

FILE_NAME = "reviews.toml"
HEADER = """\
# crosscheck reviews: verdicts on flagged findings, one table per finding fingerprint.
# verdict: "confirmed" (the conflict is real) or "dismissed" (a false alarm); note, reviewer and
# date say why, who and when. about and quotes are for people: only the key and verdict count.
# `crosscheck review` adds tables; editing by hand is fine. A table whose fingerprint matches
# no finding any more is reported as stale: its claims changed, so look again.
"""


class Verdict(enum.StrEnum):
    """What a person decided about a flagged finding."""

    CONFIRMED = "confirmed"  # a real conflict; known, so it no longer fails `crosscheck check`
    DISMISSED = "dismissed"  # a false alarm (e.g. "Tuesday" is "November 4")


@dataclass(frozen=True)
class Review:
    """One verdict on one finding."""

    fingerprint: str
    verdict: Verdict
    note: str = ""
    reviewer: str = ""
    date: dt.date | None = None
    about: str = ""  # what was judged, e.g. "date conflict: November 4 / Tuesday"
    quotes: tuple[str, ...] = ()
    # One verdict per conflict type, sorted by type; () when the verdict is on the whole finding.
    conflicts: tuple[tuple[str, Verdict], ...] = ()

    def __post_init__(self) -> None:
        if self.conflicts:  # the finding's verdict is its conflicts': confirmed if any is real
            object.__setattr__(self, "verdict", _overall(self.conflicts))

    def covers(self, conflict_types: Iterable[str]) -> bool:
        """Whether this review judges every one of these conflict types."""
        return not self.conflicts or set(conflict_types) <= {kind for kind, _ in self.conflicts}


@dataclass(frozen=True)
class Reviews:
    """The reviews in one file; `items` sorted by fingerprint."""

    path: Path
    items: tuple[Review, ...] = field(default=())

    @cached_property
    def _by_fingerprint(self) -> dict[str, Review]:
        return {r.fingerprint: r for r in self.items}

    def get(self, fingerprint: str) -> Review | None:
        return self._by_fingerprint.get(fingerprint)

    def __len__(self) -> int:
        return len(self.items)

    def with_review(self, review: Review) -> Reviews:
        """These reviews with `review` added, replacing any earlier one of the same finding."""
        others = [r for r in self.items if r.fingerprint != review.fingerprint]
        return replace(self, items=tuple(sorted([*others, review], key=lambda r: r.fingerprint)))


# Each field a table may have -> what its value must be (said in errors).
_FIELDS: Mapping[str, str] = {
    "verdict": "one of " + ", ".join(repr(v.value) for v in Verdict),
    "note": "a string",
    "reviewer": "a string",
    "date": "a date (2026-11-24)",
    "about": "a string",
    "quotes": "a list of strings",
    "conflicts": 'a table of conflict type = verdict, e.g. { date = "confirmed", person = "dismissed" }',
}


def read_reviews(path: Path) -> Reviews:
    """The reviews in `path`; a missing file is no reviews. Raises ReviewsError naming the file."""
    if not path.exists():
        return Reviews(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ReviewsError(path, f"is not valid TOML ({exc})") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewsError(path, f"cannot be read ({exc})") from exc
    reviews = [_review(path, key, value) for key, value in data.items()]
    return Reviews(path, tuple(sorted(reviews, key=lambda r: r.fingerprint)))


def _review(path: Path, key: str, table: Any) -> Review:
    if not FINGERPRINT.match(key):
        raise ReviewsError(path, f"{key!r} is not a finding fingerprint (fp- and 16 hex digits)")
    if not isinstance(table, dict):
        raise ReviewsError(path, f"[{key}] must be a table with a verdict")
    unknown = sorted(set(table) - set(_FIELDS))
    if unknown:
        raise ReviewsError(path, f"[{key}] has unknown field {unknown[0]!r} (known: {', '.join(_FIELDS)})")
    conflicts = _conflict_verdicts(path, key, table.get("conflicts", {}))
    if "verdict" not in table and not conflicts:
        raise ReviewsError(path, f"[{key}] has no verdict")

    def bad(name: str) -> ReviewsError:
        return ReviewsError(path, f"[{key}] {name} must be {_FIELDS[name]}, not {table[name]!r}")

    verdict = table.get("verdict", _overall(conflicts).value)
    if verdict not in {v.value for v in Verdict}:
        raise bad("verdict")
    for name in ("note", "reviewer", "about"):
        if not isinstance(table.get(name, ""), str):
            raise bad(name)
    date = table.get("date")
    if date is not None and (not isinstance(date, dt.date) or isinstance(date, dt.datetime)):
        raise bad("date")
    quotes = table.get("quotes", [])
    if not isinstance(quotes, list) or not all(isinstance(q, str) for q in quotes):
        raise bad("quotes")
    return Review(
        fingerprint=key,
        verdict=Verdict(verdict),
        note=table.get("note", ""),
        reviewer=table.get("reviewer", ""),
        date=date,
        about=table.get("about", ""),
        quotes=tuple(quotes),
        conflicts=conflicts,
    )


def _conflict_verdicts(path: Path, key: str, table: Any) -> tuple[tuple[str, Verdict], ...]:
    kinds = [t.value for t in ConflictType]
    if not isinstance(table, dict):
        raise ReviewsError(path, f"[{key}] conflicts must be {_FIELDS['conflicts']}, not {table!r}")
    for kind, verdict in table.items():
        if kind not in kinds:
            raise ReviewsError(path, f"[{key}] conflicts: {kind!r} is not a conflict type (known: {', '.join(kinds)})")
        if verdict not in {v.value for v in Verdict}:
            raise ReviewsError(path, f"[{key}] conflicts: {kind} must be {_FIELDS['verdict']}, not {verdict!r}")
    return tuple(sorted((kind, Verdict(verdict)) for kind, verdict in table.items()))


def _overall(conflicts: Iterable[tuple[str, Verdict]]) -> Verdict:
    """A finding's verdict from its conflicts': confirmed if any of them is real."""
    return Verdict.CONFIRMED if any(v is Verdict.CONFIRMED for _, v in conflicts) else Verdict.DISMISSED


def render_reviews(reviews: Iterable[Review]) -> str:
    """The reviews file's text: header, then one table per review sorted by fingerprint."""
    out = [HEADER]
    for review in sorted(reviews, key=lambda r: r.fingerprint):
        out.append(f"[{review.fingerprint}]")
        out.append(f"verdict = {toml_string(review.verdict.value)}")
        if review.conflicts:
            judged = ", ".join(f"{kind} = {toml_string(verdict.value)}" for kind, verdict in review.conflicts)
            out.append(f"conflicts = {{ {judged} }}")
        out.append(f"note = {toml_string(review.note)}")
        out.append(f"reviewer = {toml_string(review.reviewer)}")
        if review.date is not None:
            out.append(f"date = {review.date.isoformat()}")
        if review.about:
            out.append(f"about = {toml_string(review.about)}")
        if review.quotes:
            out.append("quotes = [")
            out += [f"    {toml_string(q)}," for q in review.quotes]
            out.append("]")
        out.append("")
    return "\n".join(out)


def write_reviews(reviews: Reviews) -> None:
    """Replace the file atomically: an interrupted write leaves the previous file whole."""
    write_atomic(reviews.path, render_reviews(reviews.items))


def record_review(path: Path, review: Review) -> Reviews:
    """Add `review` to the file at `path` as it is now, and write it back atomically.

    Re-reading first keeps what changed on disk since the walk began (a hand edit, another
    reviewer's session on the same checkout) instead of overwriting it with an older copy."""
    reviews = read_reviews(path).with_review(review)
    write_reviews(reviews)
    return reviews


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters (DEL too) escaped."""
    chars = []
    for ch in text:
        if ch in _ESCAPES:
            chars.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            chars.append(f"\\u{ord(ch):04X}")
        else:
            chars.append(ch)
    return '"' + "".join(chars) + '"'


def reviews_path(setting: str, seeds: Path) -> Path:
    """The reviews file: the `reviews` setting if given, else reviews.toml in the seeds folder."""
    return Path(setting) if setting else seeds / FILE_NAME
