"""Adding a web page to the articles folder: its article as Markdown with provenance, and the raw page beside it."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from crosscheck.errors import DuplicateError, InputError, OutputError
from crosscheck.extract import Extracted, extract
from crosscheck.fetch import DEFAULT_LIMITS, Limits, Page, get_page
from crosscheck.ingest import ARTICLE_SUFFIXES, listed_files, split_front_matter
from crosscheck.write import write_reports

# Raw pages live in a hidden folder, which `report` never reads (ingest skips names starting with '.').
RAW_FOLDER = ".raw"
# File names stay readable in a listing and well under any file system's limit.
MAX_SLUG_CHARS = 60


@dataclass(frozen=True)
class Added:
    """What `add_article` wrote, what it replaced, and what a reader should know."""

    source: str
    path: Path  # the Markdown article
    raw: Path | None  # the page as fetched, unless not kept
    replaced: tuple[Path, ...]  # articles --force replaced
    warnings: tuple[str, ...]


def add_article(
    source: str,
    folder: Path,
    *,
    keep_raw: bool = True,
    force: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    now: dt.datetime | None = None,
) -> Added:
    """Fetch `source` (a URL, or a saved .html file), extract its article and write it into
    `folder`. Raises FetchError, PageError, InputError, DuplicateError or OutputError, and then
    has written nothing; `force` replaces an article of the same URL or text."""
    page = get_page(source, limits, now=now)
    article = extract(page)
    sha256 = hashlib.sha256(page.body).hexdigest()
    text = render_article(article, page, sha256)
    body = text[split_front_matter(text, Path(source))[1] :]
    duplicates = list(_duplicates(folder, article.url, _text_key(body)))
    if duplicates and not force:
        existing, reason = duplicates[0]
        raise DuplicateError(source, existing, reason)
    replaced = tuple(path for path, _ in duplicates)
    path = _free_name(folder, article_name(article), replaced)
    files: dict[Path, str | bytes] = {path: text}
    raw = folder / RAW_FOLDER / f"{sha256}.html" if keep_raw else None
    if raw is not None:
        files[raw] = page.body
    write_reports(files)
    for old in replaced:
        if old != path:
            try:
                old.unlink(missing_ok=True)
            except OSError as exc:
                raise OutputError(old, f"replaced by {path}, but cannot be removed ({exc.strerror})") from exc
    warnings: tuple[str, ...] = ()
    if article.published is None:
        warnings = (
            f"{path}: the page gives no publication date, so its relative dates (“on Tuesday”) stay "
            "unresolved; add the date by hand as a line `published: YYYY-MM-DD` in the front matter",
        )
    return Added(source, path, raw, tuple(p for p in replaced if p != path), warnings)


def render_article(article: Extracted, page: Page, sha256: str) -> str:
    """The Markdown article: front matter with the page's metadata and provenance, the title as
    a heading, then one paragraph per line (a blank line between, as Markdown has them)."""
    front = {
        "title": article.title,
        "outlet": article.outlet,
        "author": article.author,
        "url": article.url,
        "published": article.published,
        "fetched": page.fetched.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "sha256": sha256,
    }
    yaml_text = yaml.safe_dump(
        {key: value for key, value in front.items() if value is not None},
        sort_keys=False,
        allow_unicode=True,
        width=1_000_000,  # one line per value: a folded title would read back the same, but diff worse
    )
    heading = [f"# {article.title}"] if article.title else []
    return f"---\n{yaml_text}---\n" + "\n\n".join([*heading, *article.paragraphs]) + "\n"


def article_name(article: Extracted) -> str:
    """outlet-title.md, in lower-case ASCII: "seoul-wire-defense-chiefs-of-south-korea-and-us.md"."""
    parts = [_slug(article.outlet or ""), _slug(article.title or "")]
    return "-".join(part for part in parts if part) or "article"


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_SLUG_CHARS:
        slug = slug[:MAX_SLUG_CHARS].rsplit("-", 1)[0]
    return slug


def _free_name(folder: Path, stem: str, replaced: tuple[Path, ...]) -> Path:
    """`folder/stem.md`, numbered when another article holds the name; an article being replaced gives it up."""
    number = 1
    while True:
        path = folder / (f"{stem}.md" if number == 1 else f"{stem}-{number}.md")
        if not path.exists() or path in replaced:
            return path
        number += 1


def _duplicates(folder: Path, url: str | None, text_key: str) -> Iterator[tuple[Path, str]]:
    """Articles in `folder` with the same canonical URL or the same text, and which it is."""
    if not folder.is_dir():
        return
    url_key = _url_key(url) if url else None
    for path in listed_files(folder, ARTICLE_SUFFIXES):
        try:
            raw = path.read_text(encoding="utf-8")
            metadata, body_start = split_front_matter(raw, path)
        except (OSError, UnicodeDecodeError, InputError):
            continue  # an unreadable article is `report`'s to name, not a duplicate
        other_url = metadata.get("url")
        if url_key is not None and isinstance(other_url, str) and _url_key(other_url) == url_key:
            yield path, f"the same URL, {url}"
        elif _text_key(raw[body_start:]) == text_key:
            yield path, "the same text"


def _url_key(url: str) -> str:
    """A URL as compared for duplicates: scheme and host in lower case, no fragment, no trailing slash."""
    parts = urllib.parse.urlsplit(url.strip())
    return urllib.parse.urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), parts.query, "")
    )


def _text_key(body: str) -> str:
    """The hash of an article's text after its front matter, spacing aside (blank lines, runs of spaces)."""
    lines = (" ".join(line.split()) for line in body.splitlines())
    return hashlib.sha256("\n".join(line for line in lines if line).encode("utf-8")).hexdigest()
