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

from crosscheck.dates.anchor import find_anchor, published_date, relative_date
from crosscheck.domain import Source
from crosscheck.errors import InputError
from crosscheck.fetch import WEB_PAGE_SUFFIXES

ARTICLE_SUFFIXES = (".txt", ".md")
# Saved web pages (fetch.WEB_PAGE_SUFFIXES) are never read as articles, since a citation must point
# into text a person can read and commit; `crosscheck add` extracts their article into a Markdown file.
ADD_HINT = "run `crosscheck add {page} --to {folder}` to extract its article into a Markdown file"
# Files that sit beside the articles without being one.
IGNORED_NAMES = frozenset({"readme.md", "readme.txt", "license.txt", "license.md"})
FRONT_MATTER_OPEN = re.compile(r"\ufeff?---[ \t]*\r?\n")
FRONT_MATTER = re.compile(r"\ufeff?---[ \t]*\r?\n(?P<yaml>.*?)^---[ \t]*(?:\r?\n|\Z)", re.S | re.M)
# Values front matter may hold, counted after YAML aliases are expanded (a real article's front
# matter has a dozen; this bounds what an alias bomb can make of a few hundred bytes).
FRONT_MATTER_MAX_VALUES = 10_000


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
    files = listed_files(folder, ARTICLE_SUFFIXES)
    if not files:
        pages = listed_files(folder, WEB_PAGE_SUFFIXES)
        hint = f"; {pages[0]} is a web page: {ADD_HINT.format(page=pages[0], folder=folder)}" if pages else ""
        raise InputError(folder, f"no articles found (looked for {', '.join(ARTICLE_SUFFIXES)} files){hint}")
    return files


def listed_files(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Files under `folder` with one of `suffixes`, in a stable order; hidden (`.raw/`) and
    `_`-prefixed entries and README or LICENSE files skipped."""
    files = [
        path
        for path in folder.rglob("*")
        if path.is_file()
        and path.suffix.lower() in suffixes
        and path.name.lower() not in IGNORED_NAMES
        and not any(part.startswith((".", "_")) for part in path.relative_to(folder).parts)
    ]
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
        text=raw,
    )
    return Article(source=source, raw=raw, body_start=body_start, warnings=warnings)


def _check_published(value: Any, path: Path) -> tuple[str, ...]:
    """Refuse a relative `published` ("yesterday": its date would change with the day of the
    run); warn about one that is no date at all, since relative dates then go unanchored."""
    if value is None or published_date(value) is not None:
        return ()
    if isinstance(value, str) and relative_date(value):
        raise InputError(
            path,
            f"front matter published: {value!r} is relative to the day of the run; write the date, e.g. 2025-11-03",
        )
    return (
        f"front matter published: {str(value)[:80]!r} is not a date crosscheck can read (write e.g. 2025-11-03); "
        "the article's relative dates are read from a dateline, if any",
    )


def iter_articles(folder: Path, *, skip_invalid: bool = False) -> Iterator[Article | InputError]:
    """Every article in `folder`; with `skip_invalid`, unreadable files come back as errors.
    A file that links outside `folder` always comes back as an OutsideLink, never read. A saved
    web page is an error (skipped, with `skip_invalid`) whose message says how to add it."""
    articles = find_article_files(folder)
    for page in listed_files(folder, WEB_PAGE_SUFFIXES):
        error = InputError(
            page,
            f"is a web page, not an article; {ADD_HINT.format(page=page, folder=folder)} "
            "(citations must point into the text as committed)",
        )
        if not skip_invalid:
            raise error
        yield error
    for path in articles:
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
