"""`crosscheck add`: pages fetched from a local server (or read from disk) become articles with provenance."""

from __future__ import annotations

import datetime as dt
import hashlib
import http.server
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from crosscheck import cli
from crosscheck.add import add_article
from crosscheck.errors import FetchError, PageError
from crosscheck.fetch import USER_AGENT, Limits
from crosscheck.ingest import split_front_matter
from tests.pages import BRIDGE, SCM_ANNOUNCED, SCM_ARRIVED, Page, all_pages

PAGES = {page.name: page for page in all_pages()}
# Small, so that the slow pages cost the suite a second, not twenty.
TIMEOUT_S = 0.5


@dataclass(frozen=True)
class Route:
    """What the server answers at one path."""

    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "text/html; charset=utf-8"),)
    delay_s: float = 0.0  # before the status line
    trickle_s: float = 0.0  # between chunks of the body
    send_length: bool = True


@dataclass
class Site:
    """A local web server on 127.0.0.1 that serves `routes` and records the requests it got."""

    base: str
    routes: dict[str, Route]
    requests: list[dict[str, str]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"{self.base}{path}"


def page_route(page: Page) -> Route:
    return Route(body=page.body, headers=(("Content-Type", f"text/html; charset={page.charset}"),))


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    monkeypatch.setenv("no_proxy", "127.0.0.1")  # a proxy set on the machine must not see the tests' requests
    routes = {f"/{name}": page_route(page) for name, page in PAGES.items()}
    routes |= {
        "/old": Route(301, headers=(("Location", "/moved"),)),
        "/moved": Route(302, headers=(("Location", "/scm-arrived"),)),
        "/loop": Route(302, headers=(("Location", "/loop"),)),
        "/to-ftp": Route(302, headers=(("Location", "ftp://127.0.0.1/file.html"),)),
        "/broken": Route(500, b"<h1>Internal Server Error</h1>"),
        "/slow": Route(body=PAGES["scm-announced"].body, delay_s=3 * TIMEOUT_S),
        "/trickle": Route(body=PAGES["scm-announced"].body * 4, trickle_s=TIMEOUT_S / 2, send_length=False),
        "/huge": Route(body=b"<html>" + b"x" * 200_000),
        "/huge-unsized": Route(body=b"<html>" + b"x" * 200_000, send_length=False),
        "/feed.json": Route(body=b'{"items": []}', headers=(("Content-Type", "application/json"),)),
        "/bridge-undated-copy": page_route(PAGES["bridge-undated"]),
    }
    site = Site("", routes)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"  # the connection closes after each answer: a body needs no length

        def do_GET(self) -> None:
            site.requests.append({"path": self.path, **dict(self.headers.items())})
            route = site.routes.get(self.path, Route(404, b"<h1>Not Found</h1>"))
            time.sleep(route.delay_s)
            try:
                self.send_response(route.status)
                for name, value in route.headers:
                    self.send_header(name, value)
                if route.send_length:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                chunk = 4096 if route.trickle_s else len(route.body) or 1
                for start in range(0, len(route.body), chunk):
                    self.wfile.write(route.body[start : start + chunk])
                    self.wfile.flush()
                    time.sleep(route.trickle_s)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (too large, too slow): what the test wants

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.block_on_close = False  # a slow route's thread must not hold up the next test
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()


def add(
    capsys: pytest.CaptureFixture[str], folder: Path, *sources: str, flags: tuple[str, ...] = ()
) -> tuple[int, str]:
    code = cli.main(["add", *sources, "--to", str(folder), "--timeout", str(TIMEOUT_S), *flags])
    return code, capsys.readouterr().err


def add_one(capsys: pytest.CaptureFixture[str], folder: Path, source: str, *flags: str) -> tuple[Path, str]:
    """Add one page, which must succeed; the folder's one article and what was printed."""
    code, err = add(capsys, folder, source, flags=flags)
    assert code == cli.EXIT_OK, err
    (path,) = articles(folder)
    return path, err


def front_matter(path: Path) -> dict[str, object]:
    metadata, _ = split_front_matter(path.read_text(encoding="utf-8"), path)
    return metadata


def articles(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.md"))


def written(folder: Path) -> list[Path]:
    """Every file under `folder`, hidden ones included: what an add left behind."""
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


# --- a page becomes an article -----------------------------------------------------------------


def test_a_fetched_page_becomes_a_markdown_article_with_provenance(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "seeds"
    path, err = add_one(capsys, folder, site.url("/scm-announced"))
    assert path.name == "seoul-wire-defense-chiefs-of-south-korea-and-us-to-hold-annual.md"
    page = PAGES["scm-announced"]
    sha256 = hashlib.sha256(page.body).hexdigest()
    metadata = front_matter(path)
    fetched = metadata.pop("fetched")
    assert isinstance(fetched, str)
    when = dt.datetime.strptime(fetched, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    assert abs(dt.datetime.now(dt.UTC) - when) < dt.timedelta(minutes=5)
    assert metadata == {
        "title": SCM_ANNOUNCED.title,
        "outlet": "Seoul Wire",
        "author": "Kim Min-ji",
        "url": "https://seoulwire.example/politics/defense-chiefs-to-hold-security-talks-in-seoul",
        "published": "2025-10-27",
        "sha256": sha256,
    }
    body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    # The title as a heading, then each paragraph on its own line; no menu, banner or share button.
    assert [line for line in body.splitlines() if line] == [f"# {SCM_ANNOUNCED.title}", *SCM_ANNOUNCED.paragraphs]
    raw = folder / ".raw" / f"{sha256}.html"
    assert raw.read_bytes() == page.body
    assert f"as {path}" in err and str(raw) in err
    (request,) = site.requests
    assert request["User-Agent"] == USER_AGENT and USER_AGENT.startswith("crosscheck/")


@pytest.mark.parametrize(
    ("name", "published"),
    [("scm-announced", "2025-10-27"), ("scm-arrived", "2025-11-03"), ("bridge-time", "2025-06-10")],
    ids=["meta-published-time", "json-ld-date-published", "time-element"],
)
def test_the_publication_date_is_read_wherever_the_page_puts_it(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, published: str
) -> None:
    folder = tmp_path / "seeds"
    path, _ = add_one(capsys, folder, site.url(f"/{name}"))
    assert front_matter(path)["published"] == published


def test_redirects_are_followed_and_the_canonical_url_recorded(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "seeds"
    path, _ = add_one(capsys, folder, site.url("/old"))
    assert front_matter(path)["url"] == "https://pacificledger.example/world/asia/hegseth-arrives-in-south-korea"
    assert [r["path"] for r in site.requests] == ["/old", "/moved", "/scm-arrived"]


def test_a_page_in_a_legacy_charset_is_decoded_by_its_header(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "seeds"
    assert PAGES["cafe-cp1252"].charset == "windows-1252"
    path, _ = add_one(capsys, folder, site.url("/cafe-cp1252"))
    text = path.read_text(encoding="utf-8")
    assert "# Zürich’s oldest café reopens" in text
    assert "renovations that cost €2.4 million" in text and "“We kept every mirror" in text
    assert front_matter(path)["author"] == "Léa Müller"


def test_a_saved_page_is_read_like_a_fetched_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A page saved from a browser: no server, no header; its <meta charset> names the encoding."""
    saved = tmp_path / "saved.html"
    saved.write_bytes(PAGES["cafe-cp1252"].body)
    folder = tmp_path / "seeds"
    path, _ = add_one(capsys, folder, str(saved))
    assert "Café Odéon" in path.read_text(encoding="utf-8")
    assert front_matter(path)["url"] == "https://alpinecourier.example/local/zurich-cafe-reopens"


def test_without_a_date_the_article_is_added_with_a_warning(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "seeds"
    path, err = add_one(capsys, folder, site.url("/bridge-undated"))
    assert "published" not in front_matter(path)
    assert "warning" in err and "no publication date" in err and "published: YYYY-MM-DD" in err


def test_no_raw_keeps_only_the_article(site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "seeds"
    assert add(capsys, folder, site.url("/scm-arrived"), flags=("--no-raw",))[0] == cli.EXIT_OK
    assert written(folder) == articles(folder) and len(articles(folder)) == 1


@pytest.mark.parametrize("page", [p for p in PAGES.values() if p.story is not None], ids=lambda p: p.name)
def test_every_article_paragraph_is_kept_and_no_chrome_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], page: Page
) -> None:
    """The gate for benchmarks/extraction.py's figures on these pages: recall 1, nothing leaked."""
    assert page.story is not None
    saved = tmp_path / f"{page.name}.html"
    saved.write_bytes(page.body)
    folder = tmp_path / "seeds"
    path, _ = add_one(capsys, folder, str(saved))
    body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    assert [line for line in body.splitlines() if line] == [f"# {page.story.title}", *page.story.paragraphs]
    assert {k: v for k, v in front_matter(path).items() if k in page.metadata} == page.metadata


# --- duplicates --------------------------------------------------------------------------------


def test_a_second_add_of_the_same_page_is_refused_then_forced(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "seeds"
    path, _ = add_one(capsys, folder, site.url("/scm-announced"))
    first = path.read_text(encoding="utf-8")

    code, err = add(capsys, folder, site.url("/scm-announced"))
    assert code == cli.EXIT_DUPLICATE
    assert f"already added as {path}" in err and "same URL" in err and "--force" in err
    assert path.read_text(encoding="utf-8") == first

    # The publisher corrects the page: --force replaces the article in place.
    corrected = PAGES["scm-announced"].body.replace(b"first in-person talks", b"first face-to-face talks")
    site.routes["/scm-announced"] = Route(body=corrected)
    code, err = add(capsys, folder, site.url("/scm-announced"), flags=("--force",))
    assert code == cli.EXIT_OK, err
    assert articles(folder) == [path]
    assert "first face-to-face talks" in path.read_text(encoding="utf-8")
    assert front_matter(path)["sha256"] == hashlib.sha256(corrected).hexdigest()


def test_the_same_text_at_another_url_is_a_duplicate(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "seeds"
    assert add(capsys, folder, site.url("/bridge-undated"))[0] == cli.EXIT_OK
    code, err = add(capsys, folder, site.url("/bridge-undated-copy"))
    assert code == cli.EXIT_DUPLICATE and "the same text" in err
    assert len(articles(folder)) == 1


# --- failures write nothing --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "code", "reason"),
    [
        ("/missing", cli.EXIT_FETCH, "the server answered HTTP 404 Not Found"),
        ("/broken", cli.EXIT_FETCH, "the server answered HTTP 500 Internal Server Error"),
        ("/loop", cli.EXIT_FETCH, "more than 5 redirects"),
        ("/to-ftp", cli.EXIT_FETCH, "only http and https pages are fetched, not ftp: (redirected to ftp://"),
        ("/slow", cli.EXIT_FETCH, f"no complete answer within {TIMEOUT_S:g} s"),
        ("/trickle", cli.EXIT_FETCH, f"no complete answer within {TIMEOUT_S:g} s"),
        ("/feed.json", cli.EXIT_PAGE, "is application/json, not an HTML page"),
        ("/section-front", cli.EXIT_PAGE, "no article text found on the page"),
    ],
)
def test_a_failed_add_names_the_reason_and_writes_nothing(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str], path: str, code: int, reason: str
) -> None:
    folder = tmp_path / "seeds"
    started = time.monotonic()
    got, err = add(capsys, folder, site.url(path))
    assert got == code, err
    assert f"{site.url(path)}: {reason}" in err
    assert "Traceback" not in err
    assert written(folder) == []
    assert time.monotonic() - started < 2 * TIMEOUT_S + 1  # a slow server is given up on, not waited out


@pytest.mark.parametrize("path", ["/huge", "/huge-unsized"], ids=["with-length", "without-length"])
def test_a_page_over_the_size_limit_is_refused(site: Site, tmp_path: Path, path: str) -> None:
    with pytest.raises(PageError, match="over the 100,000-byte limit"):
        add_article(site.url(path), tmp_path / "seeds", limits=Limits(max_bytes=100_000))
    assert written(tmp_path / "seeds") == []


def test_other_schemes_are_refused_before_any_fetch(tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="only http and https pages are fetched, not file:"):
        add_article("file:///etc/hostname", tmp_path / "seeds")


def test_bad_local_files_and_an_unwritable_folder(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a page", encoding="utf-8")
    assert add(capsys, tmp_path / "seeds", str(tmp_path / "gone.html"))[0] == cli.EXIT_INPUT
    code, err = add(capsys, tmp_path / "seeds", str(notes))
    assert code == cli.EXIT_PAGE and "is not a saved web page" in err
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    code, err = add(capsys, blocked, site.url("/scm-arrived"))
    assert code == cli.EXIT_OUTPUT and "cannot write" in err
    assert written(tmp_path / "seeds") == []


def test_each_page_stands_alone_and_the_first_failure_sets_the_exit_code(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "seeds"
    code, err = add(capsys, folder, site.url("/missing"), site.url("/scm-arrived"), site.url("/section-front"))
    assert code == cli.EXIT_FETCH
    assert [front_matter(p)["title"] for p in articles(folder)] == [SCM_ARRIVED.title]
    assert "HTTP 404" in err and "no article text" in err


def test_timeout_must_be_positive(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["add", "http://127.0.0.1/x", "--to", str(tmp_path), "--timeout", "0"])
    assert exited.value.code == cli.EXIT_USAGE
    assert "positive number of seconds" in capsys.readouterr().err


# --- report reads what add wrote ---------------------------------------------------------------


def test_report_refuses_a_saved_page_with_a_hint_to_add_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "a.txt").write_text("\n".join(BRIDGE.paragraphs) + "\n", encoding="utf-8")
    (folder / "page.html").write_bytes(PAGES["bridge-time"].body)
    code = cli.main(["report", str(folder), "--out", str(tmp_path / "reports"), "--quiet"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_INPUT
    assert f"{folder / 'page.html'}: is a web page, not an article; run `crosscheck add" in err
    assert not (tmp_path / "reports").exists()


def test_added_pages_resolve_the_seeds_meeting_date(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The seeds' one conflict: "November 4" in one article, "Tuesday" in the other, unresolved
    for want of their dates (tests/test_report.py). Added from their pages, both articles carry
    the date the page gives, so "Tuesday" is read as November 4 and the sources agree."""
    folder = tmp_path / "seeds"
    code, err = add(capsys, folder, site.url("/scm-announced"), site.url("/scm-arrived"))
    assert code == cli.EXIT_OK, err
    out = tmp_path / "reports"
    code = cli.main(["report", str(folder), "--out", str(out), "--quiet"])
    assert code == cli.EXIT_OK, capsys.readouterr().err
    data = json.loads((out / "consistency.json").read_text(encoding="utf-8"))

    assert [(s["anchor"]["kind"], s["anchor"]["date"]) for s in data["sources"]] == [
        ("published", "2025-11-03"),  # pacific-ledger-…
        ("published", "2025-10-27"),  # seoul-wire-…
    ]
    assert all(s["path"].endswith(".md") for s in data["sources"])  # .raw/ is not read
    claims = {c["id"]: c["text"] for c in data["claims"]}
    (meeting,) = [
        f for f in data["findings"] if any("on November 4" in claims[c] for c in f["claims"]) and len(f["claims"]) > 1
    ]
    assert any("on Tuesday" in claims[c] for c in meeting["claims"])
    assert meeting["label"] == "agreeing"
    assert "conflicts" not in meeting
    (normalized,) = meeting["normalized"]
    assert normalized["value"] == "2025-11-04"
    assert sorted(v["value"] for v in normalized["values"]) == ["November 4", "Tuesday"]
    assert [f for f in data["findings"] if f["label"] == "conflicting"] == []


def test_front_matter_is_plain_yaml_with_every_value_on_one_line(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "seeds"
    path, _ = add_one(capsys, folder, site.url("/cafe-cp1252"))
    block = path.read_text(encoding="utf-8").split("---\n")[1]
    assert list(yaml.safe_load(block)) == ["title", "outlet", "author", "url", "published", "fetched", "sha256"]
    assert len(block.splitlines()) == 7
