"""The report to browse: consistency.html and one page per source, drawn by Jinja2 templates.

The index (`render_html`) holds the summary, then the findings, conflicts first, each source's
claims side by side with the differing values marked inside the quotes; the source pages
(`render_source_pages`) show each article line by line, every claim an anchor the index links
to. Both are static files that work from disk: relative links, CSS and the filters' script
inline, and a Content-Security-Policy that lets only that script run. Article text reaches the
page only through the templates' autoescaping, never as markup.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
import urllib.parse
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from markupsafe import Markup

from crosscheck.check import Status
from crosscheck.domain import Anchor, Claim, Finding, Label, Report, Side, Source
from crosscheck.report.common import file_href, finding_numbers, fingerprint, source_names
from crosscheck.text import LINE_BREAK, printable

if TYPE_CHECKING:
    from crosscheck.check import Assessment
    from crosscheck.reviews import Review

INDEX = "consistency.html"
# The source pages' folder, beside the index; the HTML format owns it (stale pages are removed).
SOURCE_PAGES = "consistency-sources"
UNFLAGGED = "unflagged"  # the status filter's value for findings no policy flags and nobody reviewed
SECTIONS = (
    (Label.CONFLICTING, "Conflicting", "Several sources state this fact with incompatible values. Read these first."),
    (Label.AGREEING, "Agreeing", "Several sources state this fact and their values are compatible."),
    (
        Label.UNIQUE,
        "Unique",
        "Only one source states this. A possible match is the closest claim of another source, "
        "too uncertain to call the same fact (p is the pair model's probability that it is).",
    ),
)
# A file name keeps these characters of the source's id; the rest become "_" (a hash keeps names apart).
UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
PAGE_NAME_CHARS = 60
# Front matter `url` becomes a link only with these schemes: `javascript:` stays text.
LINK_SCHEMES = ("http", "https")


# What the templates draw. Built here from the Report, so that templates only lay out.


@dataclass(frozen=True)
class Piece:
    """A stretch of a quote: marked (`mark` is the CSS class: the conflict type, or "same") or plain."""

    text: str
    mark: str | None = None


@dataclass(frozen=True)
class ValueNote:
    """A value the finding compares, under its quote: type, as written, normalized, anchor."""

    type: str
    value: str
    normalized: str | None
    anchor: str | None
    qualifies: str | None
    found: bool  # whether it is marked inside the quote


@dataclass(frozen=True)
class Quote:
    claim: str
    line: int
    href: str
    pieces: tuple[Piece, ...]
    values: tuple[ValueNote, ...] = ()


@dataclass(frozen=True)
class Column:
    """One source's claims in a finding: the findings' sources stand side by side."""

    source: str  # S1
    file: str
    href: str
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class SideRow:
    where: str  # "S1 line 2"
    href: str
    qualifies: str | None
    value: str
    normalized: str | None
    anchor: str | None


@dataclass(frozen=True)
class ConflictRow:
    type: str
    a: SideRow
    b: SideRow
    reason: str | None


@dataclass(frozen=True)
class ReviewNote:
    status: str
    verdicts: str  # per conflict type, "date dismissed, number confirmed"; "" for one verdict
    reviewer: str
    date: str | None
    note: str
    fingerprint: str
    about: str  # what was judged (stale reviews show it)


@dataclass(frozen=True)
class Possible:
    probability: str
    source: str
    line: int
    href: str
    text: str


@dataclass(frozen=True)
class FindingView:
    number: int
    id: str
    fingerprint: str
    label: str
    status: str
    types: str  # conflict types, space-separated (filter data)
    sources: str  # S-names, space-separated (filter data)
    kind: str  # "date conflict", "" for agreeing and unique findings
    probability: str | None
    review: ReviewNote | None
    change: str | None
    columns: tuple[Column, ...]
    conflicts: tuple[ConflictRow, ...] = ()
    agreements: tuple[str, ...] = ()
    possible: Possible | None = None


@dataclass(frozen=True)
class SourceView:
    name: str  # S1
    file: str
    page: str  # from the index
    raw_href: str  # the article file as committed, from the index
    title: str
    outlet: str
    url: str
    url_is_link: bool
    published: str
    anchor: str
    sha256: str
    claims: int


@dataclass(frozen=True)
class UniqueGroup:
    source: SourceView
    findings: tuple[FindingView, ...]


@dataclass(frozen=True)
class Section:
    label: str
    title: str
    explanation: str
    findings: tuple[FindingView, ...]
    groups: tuple[UniqueGroup, ...] = ()  # unique findings, by source


@dataclass(frozen=True)
class CountRow:
    label: str
    total: int
    by_status: tuple[int, ...]  # in the order of Summary.statuses


@dataclass(frozen=True)
class Summary:
    sources: int
    claims: int
    findings: int
    statuses: tuple[str, ...]  # () without a check
    rows: tuple[CountRow, ...]
    outcome: str | None  # the check's, in words
    stale: int


@dataclass(frozen=True)
class Segment:
    """A stretch of one line of a source page: plain text, or (part of) a claim."""

    text: str
    claim: str | None = None
    label: str | None = None
    anchor: bool = False  # the claim's first stretch carries its id


@dataclass(frozen=True)
class Reference:
    number: int
    label: str


@dataclass(frozen=True)
class Line:
    number: int
    segments: tuple[Segment, ...]
    refs: tuple[Reference, ...]  # findings of the claims that start on this line


@dataclass(frozen=True)
class Assets:
    css: Markup
    js: Markup
    csp: str


def render_html(report: Report, links_from: Path | None = None, check: Assessment | None = None) -> str:
    """The index page, consistency.html; `links_from` is the folder it is written to."""
    names = source_names(report)
    numbers = finding_numbers(report)
    counts = _claim_counts(report)
    sources = {s.id: _source_view(s, names[s.id], counts[s.id], links_from) for s in report.sources}
    views = {f.id: _finding_view(report, f, numbers[f.id], names, check) for f in report.findings}
    sections = []
    for label, title, explanation in SECTIONS:
        findings = tuple(views[f.id] for f in report.findings if f.label is label)
        groups: tuple[UniqueGroup, ...] = ()
        if label is Label.UNIQUE:
            groups = _unique_groups(report, sources, views)
        sections.append(Section(label.value, title, explanation, findings, groups))
    return _template("index.html.j2").render(
        assets=_assets(),
        summary=_summary(report, check),
        sources=tuple(sources.values()),
        sections=tuple(sections),
        types=sorted({t for f in report.findings for t in (c.type.value for c in f.conflicts)}),
        changed=tuple(views[c.finding] for c in check.changed()) if check is not None and check.has_previous else None,
        gone=check.gone if check is not None else 0,
        stale=tuple(_review_note(r, r.verdict.value) for r in check.stale) if check is not None else (),
        version=report.version,
        model=str(report.settings.get("model")),
    )


def render_source_pages(
    report: Report, links_from: Path | None = None, check: Assessment | None = None
) -> dict[str, str]:
    """One page per source, by its path relative to the report folder. (`check` is in the
    renderers' signature; review statuses are on the index, which every line links back to.)"""
    names = source_names(report)
    numbers = finding_numbers(report)
    finding_of = {c: f for f in report.findings for c in f.claims}
    claims_of: dict[str, list[Claim]] = {}
    for claim in report.claims:
        claims_of.setdefault(claim.source, []).append(claim)
    pages_folder = links_from / SOURCE_PAGES if links_from is not None else None
    template = _template("source.html.j2")
    pages = {}
    for source in report.sources:
        claims = claims_of.get(source.id, [])
        view = _source_view(source, names[source.id], len(claims), links_from)
        pages[f"{SOURCE_PAGES}/{page_name(source)}"] = template.render(
            assets=_assets(),
            source=view,
            raw_href=file_href(source.path, pages_folder),
            metadata=[(str(k), _plain(v)) for k, v in source.metadata.items()],
            lines=_lines(source.text, claims, finding_of, numbers),
            index=f"../{INDEX}",
        )
    return pages


def page_name(source: Source) -> str:
    """The source page's file name: readable, safe on any file system, one per source id (the
    hash keeps "a b.txt" and "a_b.txt", or names differing in case only, apart)."""
    readable = UNSAFE_NAME.sub("_", source.id)[-PAGE_NAME_CHARS:].strip("._") or "source"
    digest = hashlib.sha256(source.id.encode("utf-8")).hexdigest()[:10]
    return f"{readable}-{digest}.html"


def highlight(text: str, values: Iterable[tuple[str, str]]) -> tuple[tuple[Piece, ...], frozenset[str]]:
    """`text` in pieces with each value marked where it is written, and the values found.

    `values` are (value as written, CSS class). A value of several phrases ("3 p.m.; 5 p.m.")
    marks each; a phrase is found as a whole word, case aside, at its first place not marked yet.
    """
    spans: list[tuple[int, int, str]] = []
    found = set()
    for value, mark in values:
        phrases = [p for p in (part.strip() for part in value.split("; ")) if p]
        missing = not phrases
        for phrase in phrases:
            hit = _first_free(text, phrase, spans)
            if hit is None:
                missing = True
            else:
                spans.append((*hit, mark))
        if not missing:
            found.add(value)
    pieces, at = [], 0
    for start, end, mark in sorted(spans):
        if start > at:
            pieces.append(Piece(text[at:start]))
        pieces.append(Piece(text[start:end], mark))
        at = end
    if at < len(text) or not pieces:
        pieces.append(Piece(text[at:]))
    return tuple(pieces), frozenset(found)


def _first_free(text: str, phrase: str, taken: Sequence[tuple[int, int, str]]) -> tuple[int, int] | None:
    for match in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.IGNORECASE):
        if not any(match.start() < end and start < match.end() for start, end, _ in taken):
            return match.start(), match.end()
    return None


def _claim_counts(report: Report) -> dict[str, int]:
    """Claims per source, in one pass (a pass per source is quadratic at 1,000 articles)."""
    counts = dict.fromkeys((s.id for s in report.sources), 0)
    for claim in report.claims:
        counts[claim.source] += 1
    return counts


def _source_view(source: Source, name: str, claims: int, links_from: Path | None) -> SourceView:
    meta = source.metadata
    url = _plain(meta.get("url", ""))
    return SourceView(
        name=name,
        file=printable(source.id),
        page=f"{SOURCE_PAGES}/{page_name(source)}",
        raw_href=file_href(source.path, links_from),
        title=_plain(meta.get("title", "")),
        outlet=_plain(meta.get("outlet", "")),
        url=url,
        url_is_link=urllib.parse.urlsplit(url).scheme.lower() in LINK_SCHEMES,
        published=_plain(meta.get("published", "")),
        anchor=_anchor_text(source.anchor),
        sha256=source.sha256,
        claims=claims,
    )


def _finding_view(
    report: Report, finding: Finding, number: int, names: dict[str, str], check: Assessment | None
) -> FindingView:
    state = check.of(finding) if check is not None else None
    status = state.status.value if state is not None and state.status is not None else UNFLAGGED
    values: dict[str, list[tuple[Side, str]]] = {}  # by claim: the sides it states, with their type
    for conflict in finding.conflicts:
        for side in (conflict.a, conflict.b):
            values.setdefault(side.claim, []).append((side, conflict.type.value))
    for agreement in finding.normalized:
        for side in (agreement.a, agreement.b):
            values.setdefault(side.claim, []).append((side, "same"))
    columns: dict[str, list[Quote]] = {}
    for claim_id in finding.claims:
        claim = report.claim(claim_id)
        columns.setdefault(claim.source, []).append(_quote(report, claim, values.get(claim.id, [])))
    possible = None
    if finding.possible_match is not None:
        partner = report.claim(finding.possible_match.claim)
        possible = Possible(
            probability=f"{finding.possible_match.probability:.2f}",
            source=names[partner.source],
            line=partner.line,
            href=_claim_href(report, partner),
            text=printable(partner.text),
        )
    return FindingView(
        number=number,
        id=finding.id,
        fingerprint=fingerprint(report, finding, check),
        label=finding.label.value,
        status=status,
        types=" ".join(sorted({c.type.value for c in finding.conflicts})),
        sources=" ".join(names[s] for s in columns),
        kind=" and ".join(sorted({c.type.value for c in finding.conflicts})),
        probability=f"{finding.probability:.2f}" if finding.probability is not None else None,
        review=_review_note(state.review, status) if state is not None and state.review is not None else None,
        change=state.change.value if state is not None and state.change is not None else None,
        columns=tuple(
            Column(names[s], printable(s), f"{SOURCE_PAGES}/{page_name(report.source(s))}", tuple(q))
            for s, q in columns.items()
        ),
        conflicts=tuple(
            ConflictRow(c.type.value, _side_row(report, c.a, names), _side_row(report, c.b, names), c.reason)
            for c in finding.conflicts
        ),
        agreements=tuple(
            f"“{a.a.value}” ({_where(report, a.a, names)}) and “{a.b.value}” ({_where(report, a.b, names)}) "
            f"both mean {a.value}"
            for a in finding.normalized
        ),
        possible=possible,
    )


def _quote(report: Report, claim: Claim, sides: Sequence[tuple[Side, str]]) -> Quote:
    text = printable(claim.text)
    pieces, found = highlight(text, [(side.value, mark) for side, mark in sides])
    notes = tuple(
        ValueNote(
            type=mark,
            value=side.value,
            normalized=side.normalized,
            anchor=side.anchor.describe() if side.anchor is not None else None,
            qualifies=side.qualifies,
            found=side.value in found,
        )
        for side, mark in sides
    )
    return Quote(claim.id, claim.line, _claim_href(report, claim), pieces, notes)


def _side_row(report: Report, side: Side, names: dict[str, str]) -> SideRow:
    return SideRow(
        where=_where(report, side, names),
        href=_claim_href(report, report.claim(side.claim)),
        qualifies=side.qualifies,
        value=side.value,
        normalized=side.normalized,
        anchor=side.anchor.describe() if side.anchor is not None else None,
    )


def _where(report: Report, side: Side, names: dict[str, str]) -> str:
    claim = report.claim(side.claim)
    return f"{names[claim.source]} line {claim.line}"


def _claim_href(report: Report, claim: Claim) -> str:
    return f"{SOURCE_PAGES}/{page_name(report.source(claim.source))}#{claim.id}"


def _review_note(review: Review, status: str) -> ReviewNote:
    return ReviewNote(
        status=status,
        verdicts=", ".join(f"{kind} {verdict.value}" for kind, verdict in review.conflicts),
        reviewer=review.reviewer,
        date=review.date.isoformat() if review.date is not None else None,
        note=review.note,
        fingerprint=review.fingerprint,
        about=review.about,
    )


def _unique_groups(
    report: Report, sources: Mapping[str, SourceView], views: Mapping[str, FindingView]
) -> tuple[UniqueGroup, ...]:
    by_source: dict[str, list[FindingView]] = {}
    for finding in report.findings:
        if finding.label is Label.UNIQUE:
            by_source.setdefault(report.claim(finding.claims[0]).source, []).append(views[finding.id])
    return tuple(UniqueGroup(sources[s.id], tuple(by_source[s.id])) for s in report.sources if s.id in by_source)


def _summary(report: Report, check: Assessment | None) -> Summary:
    """Findings by label, and with a check, by review status as well."""
    statuses = (*(s.value for s in Status), UNFLAGGED) if check is not None else ()
    rows = []
    for label in Label:
        findings = [f for f in report.findings if f.label is label]
        of = [_status(check, f) for f in findings]
        rows.append(CountRow(label.value, len(findings), tuple(of.count(s) for s in statuses)))
    outcome = None
    if check is not None:
        policy = ", ".join(check.policy) or "nothing"
        failing = len(check.failing)
        plural = "s" if failing != 1 else ""
        outcome = (
            f"Check failed: {failing} flagged finding{plural} without a review (fails on: {policy})"
            if failing
            else f"Check passed: every flagged finding has a review (fails on: {policy})"
        )
    return Summary(
        sources=len(report.sources),
        claims=len(report.claims),
        findings=len(report.findings),
        statuses=statuses,
        rows=tuple(rows),
        outcome=outcome,
        stale=len(check.stale) if check is not None else 0,
    )


def _status(check: Assessment | None, finding: Finding) -> str:
    status = check.of(finding).status if check is not None else None
    return status.value if status is not None else UNFLAGGED


def _lines(
    text: str, claims: Sequence[Claim], finding_of: Mapping[str, Finding], numbers: Mapping[str, int]
) -> list[Line]:
    """The article line by line, each claim's stretches marked with its finding's label. Claims
    never overlap in one source; should two ever do, the later one starts where the first ends,
    so that every claim keeps its anchor."""
    bounds, at = [], 0
    for match in LINE_BREAK.finditer(text):
        bounds.append((at, match.start()))
        at = match.end()
    if at < len(text) or not bounds:
        bounds.append((at, len(text)))
    spans, end = [], 0
    for claim in sorted(claims, key=lambda c: (c.start, c.end)):
        start = min(max(claim.start, end), len(text))
        end = max(min(claim.end, len(text)), start)
        spans.append((start, end, claim))
    lines, next_span = [], 0
    for number, (line_start, line_end) in enumerate(bounds, start=1):
        segments: list[Segment] = []
        refs: list[Reference] = []
        at = line_start
        last = number == len(bounds)
        index = next_span
        while index < len(spans):
            start, end, claim = spans[index]
            if start > line_end or (start == line_end and not last and start < end):
                break  # starts on a later line
            label = finding_of[claim.id].label.value if claim.id in finding_of else None
            begins_here = start >= line_start
            piece_start, piece_end = max(start, line_start), min(end, line_end)
            if piece_start > at:
                segments.append(Segment(printable(text[at:piece_start])))
            if piece_end > piece_start or begins_here:
                segments.append(Segment(printable(text[piece_start:piece_end]), claim.id, label, begins_here))
            at = max(at, piece_end)
            if begins_here and claim.id in finding_of:
                refs.append(Reference(numbers[finding_of[claim.id].id], label or ""))
            if end > line_end and not last:
                break  # continues on the next line
            index += 1
        next_span = index
        if at < line_end:
            segments.append(Segment(printable(text[at:line_end])))
        lines.append(Line(number, tuple(segments), tuple(refs)))
    return lines


def _anchor_text(anchor: Anchor) -> str:
    if anchor.date is None:
        return "none"
    return f"{anchor.describe()} ({anchor.where})" if anchor.where else anchor.describe()


def _plain(value: object) -> str:
    """A front matter value as one line of text (markup stays text: the template escapes it)."""
    if value is None:
        return ""
    return " ".join(printable(str(value)).split())


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("crosscheck.report", "templates"),
        autoescape=True,  # every value is escaped; only the assets below are markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _template(name: str) -> jinja2.Template:
    return _environment().get_template(name)


@functools.cache
def _assets() -> Assets:
    """The stylesheet and the script, inlined in every page, and the policy that allows exactly
    them: their sha256, as CSP's hash sources take it, over the exact text between the tags."""
    folder = resources.files("crosscheck.report").joinpath("templates")
    css = folder.joinpath("report.css").read_text(encoding="utf-8")
    js = folder.joinpath("report.js").read_text(encoding="utf-8")
    csp = (
        f"default-src 'none'; style-src '{_csp_hash(css)}'; script-src '{_csp_hash(js)}'; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    # Markup: our own files, shipped with the package, the only text these pages do not escape.
    return Assets(Markup(css), Markup(js), csp)


def _csp_hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
