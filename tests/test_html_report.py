"""The HTML report without a browser: escaping of hostile articles, the CSP, determinism, the
source pages' lines and anchors, and the pages a format owns."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from crosscheck.domain import Claim, ConflictType, Label, Report, Source
from crosscheck.embed import SentenceTransformerEmbedder
from crosscheck.pipeline import build_report
from crosscheck.report import FORMATS, render_report, write_report
from crosscheck.report.html import SOURCE_PAGES, Piece, _lines, highlight, page_name, render_html
from crosscheck.settings import Settings
from tests.conftest import WriteArticles
from tests.hostile import write_hostile


class Page(HTMLParser):
    """Every element of a page with its attributes, and the text of its scripts and styles."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.title = ""
        self._in: str | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        if tag in ("script", "style", "title"):
            self._in = tag
            if tag == "script":
                self.scripts.append("")
            if tag == "style":
                self.styles.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts[-1] += data
        elif self._in == "style":
            self.styles[-1] += data
        elif self._in == "title":
            self.title += data

    def tags(self) -> set[str]:
        return {tag for tag, _ in self.elements}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, embedder: SentenceTransformerEmbedder) -> tuple[Report, Path]:
    root = tmp_path_factory.mktemp("hostile")
    report = build_report(write_hostile(root), Settings(cache=False), embedder=embedder)
    return report, root / "reports"


def test_the_hostile_story_still_has_its_conflicts(hostile: tuple[Report, Path]) -> None:
    """Otherwise the escaping tests below would not reach the side-by-side quotes."""
    report, _ = hostile
    types = {c.type for f in report.findings for c in f.conflicts}
    assert {ConflictType.DATE, ConflictType.NUMBER} <= types


def test_hostile_articles_add_no_element_script_or_link(hostile: tuple[Report, Path]) -> None:
    report, out = hostile
    files = render_report(report, out)
    pages = [text for path, text in files.items() if path.suffix == ".html"]
    assert len(pages) == 1 + len(report.sources)
    for text in pages:
        page = Page(text)
        assert len(page.scripts) == 1 and len(page.styles) == 1
        assert page.tags() <= ALLOWED_TAGS, page.tags() - ALLOWED_TAGS
        for tag, attrs in page.elements:
            assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
            for name in ("href", "src", "action"):
                assert not attrs.get(name, "").strip().lower().startswith("javascript:"), (tag, attrs)
        # The hostile text is there, as text: escaped in the file, whole once parsed.
        assert "&lt;script&gt;window.__pwned" in text
        assert "<script>window" not in text and "</style><img" not in text


# Every element the templates write; an injected one (img, svg, a second script) is not among them.
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4", "p", "a", "section",
    "table", "thead", "tbody", "tr", "th", "td", "form", "label", "select", "option", "button", "span",
    "article", "div", "blockquote", "mark", "ul", "li", "em", "strong", "details", "summary", "code",
    "footer", "script",
}  # fmt: skip


def test_hostile_front_matter_stays_text(hostile: tuple[Report, Path]) -> None:
    report, out = hostile
    (source,) = [s for s in report.sources if s.title]
    page = Page(render_report(report, out)[out / SOURCE_PAGES / page_name(source)])
    assert page.title.startswith('S1 a"><img src=x onerror=')
    links = [attrs["href"] for tag, attrs in page.elements if tag == "a"]
    assert not [h for h in links if "pwned" in h and "%" not in h]  # the script URL is no link
    text = render_report(report, out)[out / SOURCE_PAGES / page_name(source)]
    assert "javascript:window.__pwned = &#34;url&#34;" in text  # shown, as text


def test_the_policy_allows_exactly_the_pages_own_script_and_style(hostile: tuple[Report, Path]) -> None:
    report, out = hostile
    for text in (t for p, t in render_report(report, out).items() if p.suffix == ".html"):
        page = Page(text)
        (policy,) = [a["content"] for tag, a in page.elements if a.get("http-equiv") == "Content-Security-Policy"]
        rules = dict(rule.strip().split(" ", 1) for rule in policy.split(";"))
        assert rules["default-src"] == "'none'"
        assert rules["script-src"] == f"'{sha256(page.scripts[0])}'"
        assert rules["style-src"] == f"'{sha256(page.styles[0])}'"


def sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def test_same_report_gives_byte_identical_html(
    hostile: tuple[Report, Path], write_articles: WriteArticles, embedder: SentenceTransformerEmbedder
) -> None:
    report, out = hostile
    again = build_report(Path(report.sources[0].path).parent, Settings(cache=False), embedder=embedder)
    first, second = render_report(report, out), render_report(again, out)
    assert [p for p in first if p.suffix == ".html"] == [p for p in second if p.suffix == ".html"]
    assert first == second


def test_html_is_one_of_the_formats_and_written_with_them(hostile: tuple[Report, Path], tmp_path: Path) -> None:
    report, _ = hostile
    assert FORMATS["html"].file_name == "consistency.html"
    out = tmp_path / "reports"
    written = write_report(report, out)
    assert sorted(p.name for p in out.iterdir()) == [
        "consistency-sources",
        *sorted(f.file_name for f in FORMATS.values()),
    ]
    assert sorted(p.relative_to(out).as_posix() for p in written if p.parent != out) == sorted(
        f"{SOURCE_PAGES}/{page_name(s)}" for s in report.sources
    )


def test_a_page_of_a_source_no_longer_reported_is_removed(hostile: tuple[Report, Path], tmp_path: Path) -> None:
    report, _ = hostile
    out = tmp_path / "reports"
    write_report(report, out)
    kept = report.sources[0]
    fewer = Report((kept,), tuple(c for c in report.claims if c.source == kept.id), (), report.settings)
    (out / SOURCE_PAGES / "notes.txt").write_text("kept? no: the folder is the report's")
    write_report(fewer, out)
    assert sorted(p.name for p in (out / SOURCE_PAGES).iterdir()) == [page_name(kept)]


def test_each_conflict_value_is_marked_inside_its_quote(hostile: tuple[Report, Path]) -> None:
    report, out = hostile
    text = render_html(report, out)
    quotes = re.findall(r'<blockquote class="quote"[^>]*>(.*?)</blockquote>', text, re.S)
    marked = [m for q in quotes for m in re.findall(r'<mark class="value [a-z]+">(.*?)</mark>', q)]
    values = {side.value for f in report.findings for c in f.conflicts for side in (c.a, c.b)}
    assert values and values <= set(marked)
    assert text.count('<mark class="value') == len(marked)  # no mark outside a quote


@pytest.mark.parametrize(
    ("text", "values", "pieces", "found"),
    [
        (
            "Voted on Tuesday, not Wednesday.",
            [("Tuesday", "date")],
            [Piece("Voted on "), Piece("Tuesday", "date"), Piece(", not Wednesday.")],
            {"Tuesday"},
        ),
        # Case aside, whole words only: "4" is not the 4 of "40".
        (
            "40 beams, 4 MILLION",
            [("4 million", "number")],
            [Piece("40 beams, "), Piece("4 MILLION", "number")],
            {"4 million"},
        ),
        # A value of several phrases marks each; one not written verbatim is reported, not guessed.
        (
            "At 3 p.m. and 5 p.m.",
            [("3 p.m.; 5 p.m.", "time"), ("noon", "time")],
            [Piece("At "), Piece("3 p.m.", "time"), Piece(" and "), Piece("5 p.m.", "time")],
            {"3 p.m.; 5 p.m."},
        ),
        # Two sides with one value in one claim: the second takes the next place.
        (
            "4 and 4",
            [("4", "number"), ("4", "number")],
            [Piece("4", "number"), Piece(" and "), Piece("4", "number")],
            {"4"},
        ),
        ("", [("x", "date")], [Piece("")], set()),
    ],
)
def test_highlight(text: str, values: list[tuple[str, str]], pieces: list[Piece], found: set[str]) -> None:
    assert highlight(text, values) == (tuple(pieces), frozenset(found))


def claim(claim_id: str, start: int, end: int, text: str) -> Claim:
    return Claim(claim_id, "a.txt", text[start:end], start, end, text.count("\n", 0, start) + 1)


@pytest.mark.parametrize(
    "text",
    [
        "One claim here.\nA claim that runs\nover two lines. And a third.\n",
        "Windows lines.\r\nMac lines.\rLast line without a break",
        "",  # a hand-built report without the article's text: every claim still has its anchor
    ],
)
def test_source_lines_keep_the_text_and_give_every_claim_one_anchor(text: str) -> None:
    spans = [(m.start(), m.end()) for m in re.finditer(r"[A-Z][^.]*\.", text)] or [(0, 5), (2, 9)]
    claims = [claim(f"c-{n}", start, end, text) for n, (start, end) in enumerate(spans)]
    lines = _lines(text, claims, {}, {})
    assert ["".join(s.text for s in line.segments) for line in lines] == re.split(r"\r\n|\r|\n", text.rstrip("\n"))
    anchors = [s.claim for line in lines for s in line.segments if s.anchor]
    assert anchors == [c.id for c in claims]
    for c in claims:  # each claim's stretches, joined, are its quote (line breaks aside)
        stretches = "".join(s.text for line in lines for s in line.segments if s.claim == c.id)
        assert stretches == re.sub(r"\r\n|\r|\n", "", c.text)
        if text:
            anchor_line = next(line.number for line in lines for s in line.segments if s.anchor and s.claim == c.id)
            assert anchor_line == c.line


def test_page_names_are_safe_and_distinct() -> None:
    names = [page_name(Source(i, i, "0" * 64)) for i in ("a b.txt", "a_b.txt", "A_b.txt", "x/../<y>.txt")]
    assert len(set(names)) == 4
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+\.html", n) for n in names)


def test_sections_count_their_findings(hostile: tuple[Report, Path]) -> None:
    report, out = hostile
    text = render_html(report, out)
    for label in Label:
        heading = re.search(rf'<section id="{label.value}">\n<h2>\w+ \((\d+)\)</h2>', text)
        assert heading is not None and int(heading.group(1)) == report.count(label)


def test_without_javascript_every_finding_shows_and_the_filters_stay_hidden(hostile: tuple[Report, Path]) -> None:
    """The script only adds the filters: a reader with JavaScript off gets the whole report."""
    report, out = hostile
    page = Page(render_html(report, out))
    (form,) = [attrs for tag, attrs in page.elements if attrs.get("id") == "filters"]
    assert "hidden" in form
    findings = [attrs for tag, attrs in page.elements if "finding" in attrs.get("class", "").split()]
    assert len(findings) == len(report.findings)
    assert not [f for f in findings if "hidden" in f]
