"""Finding article files, reading them safely, and splitting off their YAML front matter."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from crosscheck.domain import Source
from crosscheck.errors import InputError

ARTICLE_SUFFIXES = (".txt", ".md")
# Files that sit beside the articles without being one.
IGNORED_NAMES = frozenset({"readme.md", "readme.txt", "license.txt", "license.md"})
FRONT_MATTER_OPEN = re.compile(r"\ufeff?---[ \t]*\r?\n")
FRONT_MATTER = re.compile(r"\ufeff?---[ \t]*\r?\n(?P<yaml>.*?)^---[ \t]*(?:\r?\n|\Z)", re.S | re.M)


@dataclass(frozen=True)
class Article:
    """A source with its decoded text; `body_start` is where the text after front matter begins."""

    source: Source
    raw: str
    body_start: int


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


def read_article(path: Path, folder: Path) -> Article:
    """Decode one article file, refusing binary, non-UTF-8 and empty files with the reason."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror})") from exc
    if b"\x00" in data:
        raise InputError(path, "looks binary (contains NUL bytes), not a text article")
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"is not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at byte {exc.start})") from exc
    metadata, body_start = split_front_matter(raw, path)
    if not raw[body_start:].strip():
        raise InputError(path, "is empty (no article text)")
    source = Source(
        id=path.relative_to(folder).as_posix(),
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        metadata=metadata,
    )
    return Article(source=source, raw=raw, body_start=body_start)


def iter_articles(folder: Path, *, skip_invalid: bool = False) -> Iterator[Article | InputError]:
    """Every article in `folder`; with `skip_invalid`, unreadable files come back as errors."""
    for path in find_article_files(folder):
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
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise InputError(path, "front matter must be a mapping of keys to values")
    return {str(key): _plain(value) for key, value in data.items()}


def _plain(value: Any) -> Any:
    """Front matter values as JSON-ready data (YAML dates become ISO strings)."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
