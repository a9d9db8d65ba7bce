"""A web page's article: its text as paragraphs and its metadata, read offline by trafilatura."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Any

from crosscheck.clean import SENTENCE_END, is_chrome
from crosscheck.errors import PageError
from crosscheck.fetch import Page

# An article holds prose: at least this many words in paragraphs that end like a sentence. A
# two-sentence wire brief has about 30; a section front's teasers and menus end without a stop,
# so what slips through of them counts nothing.
MIN_ARTICLE_WORDS = 20
# Where the HTML standard's prescan looks for <meta charset>: the first 1,024 bytes.
CHARSET_PRESCAN_BYTES = 1024
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
# The HTML standard's fallback for a page that names no encoding and is not UTF-8.
LEGACY_CHARSET = "windows-1252"
# htmldate, as trafilatura calls it: the original publication date from the page's markup
# (meta tags, JSON-LD, <time>, the URL), never a guess from free text. Its extensive search
# would read "© 2025" in a footer as 2025-01-01 and anchor "on Tuesday" to a wrong week.
DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}


@dataclass(frozen=True)
class Extracted:
    """What a page says: its article's paragraphs and the metadata it states (None: not stated)."""

    paragraphs: tuple[str, ...]
    dropped: tuple[str, ...]  # lines trafilatura kept that the chrome rules removed
    title: str | None
    author: str | None
    outlet: str | None  # the site's name, else its host name
    published: str | None  # YYYY-MM-DD
    url: str | None  # canonical: the page's own <link rel="canonical"> or og:url, else where it was fetched


def decode(page: Page) -> str:
    """The page's text: the charset the server named, else a byte-order mark, else <meta charset>,
    else UTF-8 when the bytes are UTF-8, else Windows-1252 (what browsers do)."""
    candidates: list[str] = []
    if page.charset:
        candidates.append(page.charset)
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if page.body.startswith(bom):
            candidates.append(name)
    meta = META_CHARSET.search(page.body[:CHARSET_PRESCAN_BYTES])
    if meta is not None:
        candidates.append(meta.group(1).decode("ascii"))
    for name in candidates:
        try:
            return page.body.decode(_codec(name))
        except (LookupError, UnicodeDecodeError):
            continue  # a wrong or unknown label: browsers fall through to the next clue too
    try:
        return page.body.decode("utf-8")
    except UnicodeDecodeError:
        return page.body.decode(LEGACY_CHARSET, errors="replace")


def _codec(label: str) -> str:
    # Browsers read pages labelled Latin-1 or ASCII as Windows-1252 (the WHATWG encoding
    # standard); Python's latin-1 would turn its curly quotes into control characters.
    return LEGACY_CHARSET if codecs.lookup(label).name in ("latin-1", "iso8859-1", "ascii") else label


def extract(page: Page) -> Extracted:
    """The article on `page`. Raises PageError when the page holds no article text."""
    import trafilatura  # imported here: lxml and its models load in about a second
    from trafilatura.settings import Document

    html = decode(page)
    document = trafilatura.bare_extraction(
        # lxml refuses text that declares its own encoding; the text is decoded already.
        re.sub(r"^\s*<\?xml[^>]*\?>", "", html),
        url=page.url,
        with_metadata=True,
        # Precision over recall: chrome that slips in becomes claims with citations, while a
        # lost paragraph only narrows the comparison.
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=DATE_PARAMS,
    )
    if not isinstance(document, Document):  # None: nothing found
        raise PageError(page.source, "no article text found on the page")
    title = _clean(document.title)
    paragraphs = [p for p in (_clean(line) for line in (document.text or "").splitlines()) if p]
    if paragraphs and title is not None and paragraphs[0] == title:
        paragraphs = paragraphs[1:]  # trafilatura keeps the <h1>; the title is written once, from the metadata
    # What slips past trafilatura ("Read more: …" inside the story body) is dropped with the
    # same rules `report` cleans articles by, so the file holds only what could become a claim.
    dropped = tuple(p for p in paragraphs if is_chrome(p))
    paragraphs = [p for p in paragraphs if not is_chrome(p)]
    prose = sum(len(p.split()) for p in paragraphs if p[-1] in SENTENCE_END)
    if prose < MIN_ARTICLE_WORDS:
        raise PageError(
            page.source,
            f"no article text found on the page ({prose} words of prose; an article has at least {MIN_ARTICLE_WORDS})",
        )
    return Extracted(
        paragraphs=tuple(paragraphs),
        dropped=dropped,
        title=title,
        author=_clean(document.author),
        outlet=_clean(document.sitename) or _clean(document.hostname),
        published=_clean(document.date),
        url=_clean(document.url) or page.url,
    )


def _clean(text: str | None) -> str | None:
    """One line of text, spaces collapsed; None for nothing."""
    if text is None:
        return None
    return " ".join(text.split()) or None
