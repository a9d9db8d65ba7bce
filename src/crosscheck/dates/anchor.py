"""The date an article's relative dates are read from: front matter `published`, else a
dateline near the top ("November 3, 2025", "SEOUL, Nov. 3, 2025 (Yonhap) --"), else none."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from crosscheck.dates.grammar import MONTH_PATTERN, normalize
from crosscheck.domain import Anchor, AnchorKind

# A dateline sits above or at the start of the story; scraped pages put menus first, so the
# first dozen non-empty lines are searched (the seeds' S2 has eight lines of chrome).
DATELINE_LINES = 12
_MONTH = MONTH_PATTERN
_FULL_DATE = (
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"  # "Monday," or "Fri.,"
    rf"(?P<date>{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
)
_CLOCK = r"(?:[\s,|·•–—-]*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}|\s*(?:UTC|GMT)[+-]?\d*)?)?"
DATELINES = (
    # A line that is only a date, maybe labelled and timed: "November 3, 2025",
    # "Updated: 2025-11-03 10:15 KST", "Published Monday, Nov. 3, 2025".
    re.compile(rf"^(?:(?:Last\s+)?(?:Updated|Published|Posted|Date)(?:\s+on)?\s*:?\s*)?{_FULL_DATE}{_CLOCK}\s*$", re.I),
    # Wire-service style at the head of the first paragraph: "SEOUL, Nov. 3, 2025 (Yonhap) --".
    re.compile(rf"^[A-Z][A-Za-z .'-]{{1,40}},\s+{_FULL_DATE}\s*(?:\([^)]{{1,40}}\))?\s*(?:--|—|–|-|:)"),
)

# A page stamp glued to the end of a headline: a date with its year, then a clock time ("...
# Drunk Driver on September 14, 2013 11:41am | Updated on September 14, 2013 11:41am"; "... In
# AFC Playoffs on Dec 23 2012, 5:03p"). Prose puts a time before its date ("at 5 p.m. on May 3").
# Cleaning drops it from the headline (crosscheck.clean); its date dates the page, as a dateline's.
TRAILING_STAMP = re.compile(
    rf"\s+(?:(?:posted|updated|published)\s+)?(?:on\s+)?(?P<date>{MONTH_PATTERN}\.?\s+\d{{1,2}},?\s+\d{{4}}),?"
    r"\s+\d{1,2}:\d\d\s*[ap]?\.?\s?m?\.?(?:\s*\|.*)?$",
    re.IGNORECASE,
)


def find_anchor(metadata: Mapping[str, Any], raw: str, body_start: int = 0) -> Anchor:
    """The article's date: front matter `published`, else a dateline near the top, else none."""
    published = published_date(metadata.get("published"))
    if published is not None:
        return Anchor(AnchorKind.PUBLISHED, published, "front matter", published_time(metadata.get("published")))
    first_line = raw.count("\n", 0, body_start) + 1
    lines = [(n, line.strip()) for n, line in enumerate(raw[body_start:].splitlines(), first_line) if line.strip()]
    for number, line in lines[:DATELINE_LINES]:
        day = dateline_date(line)
        if day is not None:
            return Anchor(AnchorKind.DATELINE, day, f"line {number}: {line[:80]}")
    for number, line in lines[:DATELINE_LINES]:
        stamp = TRAILING_STAMP.search(line)
        day = None if stamp is None else _one_day(stamp["date"])
        if day is not None:
            return Anchor(AnchorKind.DATELINE, day, f"line {number}: {line[:80]}")
    return Anchor()


def published_time(value: Any) -> dt.datetime | None:
    """The time of a front matter `published` that gives one (a YAML timestamp, or ISO 8601 with
    a time); naive times are read as UTC, so that any two can be ordered."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip()) if "T" in value or ":" in value else None
        except ValueError:
            return None
    if not isinstance(value, dt.datetime):
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def published_date(value: Any) -> dt.date | None:
    """A front matter date: YAML gives a date (or datetime) object, an ISO string, or free text."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    iso = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)  # "2025-11-03T23:30:00-05:00": the date as written
    if iso is not None:
        try:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            return None
    import dateparser  # imported here: loading its language data costs a second that most runs skip

    parsed = dateparser.parse(
        value,
        languages=["en"],
        # No relative phrases ("yesterday", "2 days ago"): they depend on the day of the run.
        settings={
            "REQUIRE_PARTS": ["day", "month", "year"],
            "RETURN_AS_TIMEZONE_AWARE": False,
            "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
        },
    )
    return None if parsed is None else parsed.date()


def relative_date(value: str) -> bool:
    """Whether a date is written relative to the day it is read ("yesterday", "2 days ago")."""
    import dateparser

    return dateparser.parse(value, languages=["en"], settings={"PARSERS": ["relative-time"]}) is not None


def dateline_date(line: str) -> dt.date | None:
    """The date of a dateline (a line that is a full date, or "CITY, Nov. 3, 2025 (Agency) --")."""
    for pattern in DATELINES:
        match = pattern.match(line)
        if match is not None and (day := _one_day(match["date"])) is not None:
            return day
    return None


def _one_day(written: str) -> dt.date | None:
    """The day a full date names ("Nov. 3, 2025"), or None."""
    value = normalize(written.replace(".", ""), None)  # "May. 3" is written too
    return value.start if value is not None and value.start is not None and value.start == value.end else None
