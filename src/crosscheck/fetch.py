"""Getting a web page's bytes: over HTTP(S) with a deadline, a size cap and few redirects, or from a saved file."""

from __future__ import annotations

import datetime as dt
import re
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from crosscheck import __version__
from crosscheck.errors import FetchError, InputError, PageError

if TYPE_CHECKING:
    import urllib.request
    from email.message import Message

# Says who is asking, so a publisher can tell a fact-checking tool from a crawler.
USER_AGENT = f"crosscheck/{__version__} (news article consistency checker; one page per request)"
SCHEMES = ("http", "https")
HTML_TYPES = ("text/html", "application/xhtml+xml")
WEB_PAGE_SUFFIXES = (".html", ".htm", ".xhtml")  # a page saved from a browser
# A news page with its scripts inlined is a few hundred KB; 10 MB leaves room for the heaviest
# while keeping a wrong link (a video, a dump) from filling memory.
MAX_BYTES = 10 * 1024 * 1024
# Seconds for the whole fetch, redirects included: each step (connecting, each read) may take
# what is left, and a server that trickles a byte at a time is caught between reads.
TIMEOUT_S = 20.0
# http -> https -> www. -> the article is three; more is a loop or a tracker chain.
MAX_REDIRECTS = 5
REDIRECT_CODES = (301, 302, 303, 307, 308)
CHUNK_BYTES = 64 * 1024


@dataclass(frozen=True)
class Limits:
    """How much a fetch may cost: seconds in all, bytes of body, redirects followed."""

    timeout_s: float = TIMEOUT_S
    max_bytes: int = MAX_BYTES
    max_redirects: int = MAX_REDIRECTS


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Page:
    """A page's bytes exactly as served or saved, with where they came from."""

    source: str  # the URL asked for, or the file's path
    url: str | None  # the URL the bytes came from, after redirects; None for a saved file
    body: bytes
    charset: str | None  # from the Content-Type header, if it names one
    fetched: dt.datetime  # when the bytes were read (UTC)


def is_url(text: str) -> bool:
    """Whether a command-line argument names a URL (any scheme) rather than a file."""
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", text) is not None


def get_page(source: str, limits: Limits = DEFAULT_LIMITS, *, now: dt.datetime | None = None) -> Page:
    """The page at `source`: fetched when it is a URL, read when it is a saved .html file."""
    return fetch(source, limits, now=now) if is_url(source) else read_saved(Path(source), limits, now=now)


def read_saved(path: Path, limits: Limits = DEFAULT_LIMITS, *, now: dt.datetime | None = None) -> Page:
    """A page saved from a browser: the same checks as a fetch, without the network."""
    if path.suffix.lower() not in WEB_PAGE_SUFFIXES:
        raise PageError(str(path), f"is not a saved web page (expected {', '.join(WEB_PAGE_SUFFIXES)})")
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise PageError(str(path), f"is {size:,} bytes, over the {limits.max_bytes:,}-byte limit")
        body = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(path, "no such file") from exc
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror})") from exc
    return Page(str(path), None, body, None, now or _now())


def fetch(url: str, limits: Limits = DEFAULT_LIMITS, *, now: dt.datetime | None = None) -> Page:
    """GET `url` within `limits`, following redirects one by one (each to http or https only).
    Raises FetchError (network, status, timeout, redirects) or PageError (not HTML, too large)."""
    # Imported here: urllib.request loads ssl and http.client, which `crosscheck --help` and
    # `report` (ingest reads WEB_PAGE_SUFFIXES from here) never need.
    import urllib.error

    deadline = time.monotonic() + limits.timeout_s
    opener = _opener()
    current = url
    for _ in range(limits.max_redirects + 1):
        _check_scheme(url, current)
        try:
            return _get(opener, url, current, limits, deadline, now)
        except urllib.error.HTTPError as exc:
            location = exc.headers.get("Location") if exc.code in REDIRECT_CODES else None
            exc.close()
            if location is None:
                raise FetchError(url, f"the server answered HTTP {exc.code} {exc.reason}") from exc
            current = urllib.parse.urljoin(current, location)
    raise FetchError(url, f"more than {limits.max_redirects} redirects (the last to {current})")


def _get(
    opener: urllib.request.OpenerDirector,
    url: str,
    current: str,
    limits: Limits,
    deadline: float,
    now: dt.datetime | None,
) -> Page:
    """One request, no redirect followed: a redirect comes back as an HTTPError to the caller."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(current, headers={"User-Agent": USER_AGENT, "Accept": ", ".join(HTML_TYPES)})
    try:
        with opener.open(request, timeout=max(deadline - time.monotonic(), 0.001)) as response:
            headers: Message = response.headers
            _check_type(url, headers)
            body = _read_body(url, response, headers, limits, deadline)
            return Page(url, response.geturl(), body, headers.get_content_charset(), now or _now())
    except urllib.error.HTTPError:
        raise
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise FetchError(url, f"no answer within {limits.timeout_s:g} s") from exc
        raise FetchError(url, f"cannot connect ({exc.reason})") from exc
    except TimeoutError as exc:  # waiting for the headers, or the body
        raise FetchError(url, f"no complete answer within {limits.timeout_s:g} s") from exc
    except (OSError, ValueError) as exc:  # a reset connection, a malformed URL or response
        raise FetchError(url, f"the fetch failed ({exc})") from exc


def _read_body(url: str, response: IO[bytes], headers: Message, limits: Limits, deadline: float) -> bytes:
    length = headers.get("Content-Length")
    if length is not None and length.strip().isdigit() and int(length) > limits.max_bytes:
        raise PageError(url, f"is {int(length):,} bytes, over the {limits.max_bytes:,}-byte limit")
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError
        chunk = response.read(CHUNK_BYTES)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limits.max_bytes:  # a server that sends no length, or a wrong one
            raise PageError(url, f"is over the {limits.max_bytes:,}-byte limit")
        chunks.append(chunk)


def _check_scheme(asked: str, url: str) -> None:
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in SCHEMES:
        where = "" if asked == url else f" (redirected to {url})"
        raise FetchError(asked, f"only http and https pages are fetched, not {scheme}:{where}")


def _check_type(url: str, headers: Message) -> None:
    # A server that names no type is given the benefit of the doubt; the extraction judges.
    if headers.get("Content-Type") is None:
        return
    kind = headers.get_content_type()
    if kind not in HTML_TYPES:
        raise PageError(url, f"is {kind}, not an HTML page")


def _opener() -> urllib.request.OpenerDirector:
    """urllib's opener, with every redirect handed back as an HTTPError: `fetch` follows them
    itself, counting them and checking each target's scheme (urllib would follow ten, and to ftp:)."""
    import urllib.request

    class NoRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    return urllib.request.build_opener(NoRedirects())


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
