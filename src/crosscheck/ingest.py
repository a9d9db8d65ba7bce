"""Finding article files, reading them safely, and splitting off their YAML front matter."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from crosscheck.domain import Anchor, AnchorKind, Source
from crosscheck.errors import InputError
from crosscheck.temporal import MONTH_PATTERN, normalize

ARTICLE_SUFFIXES = (".txt", ".md")
# Files that sit beside the articles without being one.
IGNORED_NAMES = frozenset({"readme.md", "readme.txt", "license.txt", "license.md"})
FRONT_MATTER_OPEN = re.compile(r"\ufeff?---[ \t]*\r?\n")
FRONT_MATTER = re.compile(r"\ufeff?---[ \t]*\r?\n(?P<yaml>.*?)^---[ \t]*(?:\r?\n|\Z)", re.S | re.M)
# A dateline sits above or at the start of the story; scraped pages put menus first, so the
# first dozen non-empty lines are searched (the seeds' S2 has eight lines of chrome).
DATELINE_LINES = 12
# Values front matter may hold, counted after YAML aliases are expanded (a real article's front
# matter has a dozen; this bounds what an alias bomb can make of a few hundred bytes).
FRONT_MATTER_MAX_VALUES = 10_000
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


@dataclass(frozen=True)
class Article:
    """A source with its decoded text; `body_start` is where the text after front matter begins.
    `warnings` are what a reader should know about the file but that does not stop the run."""

    source: Source
    raw: str
    body_start: int
    warnings: tuple[str, ...] = ()


def find_article_files(folder: Path) -> list[Path]:
    """Article files under `folder`, in a stable order; hidden and `_`-prefixed entries skipped."""
    if not folder.exists():
        raise InputError(folder, "folder does not exist")
    if not folder.is_dir():
        raise InputError(folder, "not a folder")
    files = [
        path
        for path in folder.rglob("*")
        if path.is_file()
        and path.suffix.lower() in ARTICLE_SUFFIXES
        and path.name.lower() not in IGNORED_NAMES
        and not any(part.startswith((".", "_")) for part in path.relative_to(folder).parts)
    ]
    if not files:
        raise InputError(folder, f"no articles found (looked for {', '.join(ARTICLE_SUFFIXES)} files)")
    return sorted(files, key=lambda p: p.relative_to(folder).as_posix())


class OutsideLink(InputError):
    """An article file that is a link leading outside the articles folder: always skipped (an
    article linked to /etc/passwd must not be quoted in a report), with a warning."""


def read_article(path: Path, folder: Path) -> Article:
    """Decode one article file, refusing binary, non-UTF-8 and empty files with the reason."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror})") from exc
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise InputError(path, "is UTF-16 text; save it as UTF-8 (citations count characters of the file as committed)")
    if b"\x00" in data:
        raise InputError(path, "looks binary (contains NUL bytes), not a text article")
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"is not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at byte {exc.start})") from exc
    metadata, body_start = split_front_matter(raw, path)
    if not raw[body_start:].strip():
        raise InputError(path, "is empty (no article text)")
    warnings = _check_published(metadata.get("published"), path)
    source = Source(
        id=path.relative_to(folder).as_posix(),
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        metadata=metadata,
        anchor=find_anchor(metadata, raw, body_start),
    )
    return Article(source=source, raw=raw, body_start=body_start, warnings=warnings)


def _check_published(value: Any, path: Path) -> tuple[str, ...]:
    """Refuse a relative `published` ("yesterday": its date would change with the day of the
    run); warn about one that is no date at all, since relative dates then go unanchored."""
    if value is None or published_date(value) is not None:
        return ()
    if isinstance(value, str) and _relative_date(value):
        raise InputError(
            path,
            f"front matter published: {value!r} is relative to the day of the run; write the date, e.g. 2025-11-03",
        )
    return (
        f"front matter published: {str(value)[:80]!r} is not a date crosscheck can read (write e.g. 2025-11-03); "
        "the article's relative dates are read from a dateline, if any",
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


def _relative_date(value: str) -> bool:
    import dateparser

    return dateparser.parse(value, languages=["en"], settings={"PARSERS": ["relative-time"]}) is not None


def dateline_date(line: str) -> dt.date | None:
    """The date of a dateline (a line that is a full date, or "CITY, Nov. 3, 2025 (Agency) --")."""
    for pattern in DATELINES:
        match = pattern.match(line)
        if match is not None:
            value = normalize(match["date"].replace(".", ""), None)  # "May. 3" is written too
            if value is not None and value.start is not None and value.start == value.end:
                return value.start
    return None


def iter_articles(folder: Path, *, skip_invalid: bool = False) -> Iterator[Article | InputError]:
    """Every article in `folder`; with `skip_invalid`, unreadable files come back as errors.
    A file that links outside `folder` always comes back as an OutsideLink, never read."""
    for path in find_article_files(folder):
        if not path.resolve().is_relative_to(folder.resolve()):
            yield OutsideLink(path, f"is a link leading outside {folder}; skipped")
            continue
        try:
            yield read_article(path, folder)
        except InputError as error:
            if not skip_invalid:
                raise
            yield error


def split_front_matter(raw: str, path: Path) -> tuple[dict[str, Any], int]:
    """Parse a leading `---` YAML block (safe loader); return its mapping and the body's offset."""
    if not FRONT_MATTER_OPEN.match(raw):
        return {}, 0
    closed = FRONT_MATTER.match(raw)
    if closed is None:
        raise InputError(path, "front matter opens with '---' on line 1 but is never closed")
    return _parse_yaml(closed.group("yaml"), path), closed.end()


def _parse_yaml(block: str, path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" on line {mark.line + 2}" if mark is not None else ""
        raise InputError(path, f"front matter is not valid YAML{where}") from exc
    except ValueError as exc:  # a timestamp off the calendar: "published: 2025-13-45"
        raise InputError(path, f"front matter has a value YAML cannot read ({exc})") from exc
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise InputError(path, "front matter must be a mapping of keys to values")
    budget = [FRONT_MATTER_MAX_VALUES]
    return {str(key): _plain(value, path, budget) for key, value in data.items()}


def _plain(value: Any, path: Path, budget: list[int]) -> Any:
    """Front matter values as JSON-ready data (YAML dates become ISO strings). Only plain scalars,
    lists and maps are accepted, and at most FRONT_MATTER_MAX_VALUES of them once YAML's
    aliases are expanded: 300 bytes of nested aliases would otherwise expand to gigabytes."""
    budget[0] -= 1
    if budget[0] < 0:
        raise InputError(
            path, f"front matter expands to more than {FRONT_MATTER_MAX_VALUES} values (nested YAML aliases?)"
        )
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v, path, budget) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v, path, budget) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        raise InputError(path, f"front matter value {value!r} is not a finite number")
    if value is None or isinstance(value, str | bool | int | float):
        return value
    raise InputError(
        path,
        f"front matter holds a {type(value).__name__} value; only text, numbers, dates, lists and maps are accepted",
    )
