"""The report for people: Markdown that reads well on GitHub, conflicts first, every claim cited."""

from __future__ import annotations

import html
import re
from pathlib import Path

from crosscheck.check import Assessment, Change, Status, kind
from crosscheck.domain import Anchor, AnchorKind, Claim, Finding, Label, PossibleMatch, Report, Side, Source
from crosscheck.report.common import file_href, finding_numbers, fingerprint, source_names
from crosscheck.reviews import Review
from crosscheck.text import printable

SECTIONS = (
    (
        Label.CONFLICTING,
        "Conflicting",
        "Several sources state this fact with incompatible values. Read these first.",
    ),
    (
        Label.AGREEING,
        "Agreeing",
        "Several sources state this fact and their values are compatible.",
    ),
    (
        Label.UNIQUE,
        "Unique",
        "Only one source states this. A possible match is the closest claim of another source, "
        "too uncertain to call the same fact (p is the pair model's probability that it is).",
    ),
)
# Characters that Markdown or GitHub would read as syntax inside running text.
MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]|~#])")


def render_markdown(report: Report, links_from: Path | None = None, check: Assessment | None = None) -> str:
    """The whole report as one string; `links_from` is the folder the file will be written to.
    With `check`, it also says the check's outcome, what changed since the previous report,
    each flagged finding's review status, and the stale reviews."""
    names = source_names(report)
    numbers = finding_numbers(report)
    out = ["# Consistency report", ""]
    out.append(
        f"{len(report.sources)} sources, {len(report.claims)} claims, {len(report.findings)} findings: "
        f"**{report.count(Label.CONFLICTING)} conflicting**{_by_status(report, check)}, "
        f"{report.count(Label.AGREEING)} agreeing, {report.count(Label.UNIQUE)} unique."
    )
    if check is not None:
        out += ["", *_check_summary(check)]
        if check.has_previous:
            out += ["", *_what_changed(report, check, numbers, names)]
    out += [
        "",
        "## Sources",
        "",
        "| | File | Title | Outlet | Published | Date anchor | SHA-256 |",
        "|---|---|---|---|---|---|---|",
    ]
    for source in report.sources:
        out.append(_source_row(names[source.id], source, links_from))
    for label, title, explanation in SECTIONS:
        findings = [f for f in report.findings if f.label is label]
        out += ["", f"## {title} ({len(findings)})", "", f"_{explanation}_"]
        if not findings:
            out += ["", "None."]
        elif label is Label.UNIQUE:
            out += _unique(report, findings, numbers, names, links_from, check)
        else:
            for finding in findings:
                out += ["", *_finding(report, finding, numbers[finding.id], names, links_from, check)]
    if check is not None and check.stale:
        out += ["", *_stale(check.stale)]
    out += [
        "",
        "---",
        "",
        f"crosscheck report format {report.version}; model {escape(str(report.settings.get('model')))}.",
    ]
    return "\n".join(out) + "\n"


def escape(text: str) -> str:
    """Article text as inert Markdown: no HTML, links, emphasis, tables or headings."""
    text = " ".join(printable(text).split())
    return MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(text, quote=False))


def _source_row(name: str, source: Source, links_from: Path | None) -> str:
    meta = source.metadata
    cells = [
        name,
        f"[{escape(source.id)}]({_link(source, None, links_from)})",
        escape(str(meta.get("title", ""))),
        escape(str(meta.get("outlet", ""))),
        escape(str(meta.get("published", ""))),
        escape(_anchor_cell(source.anchor)),
        f"`{source.sha256[:12]}…`",
    ]
    return "| " + " | ".join(cells) + " |"


def _finding(
    report: Report,
    finding: Finding,
    number: int,
    names: dict[str, str],
    links_from: Path | None,
    check: Assessment | None = None,
) -> list[str]:
    claims = [report.claim(c) for c in finding.claims]
    heading = f"### F{number}"
    if finding.conflicts:
        kinds = sorted({c.type.value for c in finding.conflicts})
        heading += f" · {' and '.join(kinds)} conflict"
    if finding.probability is not None:
        # What decided the grouping: the pair model's mean p(same fact) over the finding's
        # cross-source pairs. One near the threshold is a reason to read the quotes first.
        heading += f" · p(same fact) {finding.probability:.2f}"
    lines = [heading, ""]
    if check is not None and (status := _status_line(check, finding)):
        lines += [status, ""]
    for claim in claims:
        source = report.source(claim.source)
        cite = f"[{names[source.id]} {escape(source.id)}, line {claim.line}]({_link(source, claim, links_from)})"
        lines.append(f"- {cite}: “{escape(claim.text)}”")
    if finding.conflicts:
        # One row per side: what the value qualifies, the phrase as written, what it was
        # normalized to, and from which date.
        lines += [
            "",
            "| Type | Source | Qualifies | As written | Normalized value | Anchor |",
            "|---|---|---|---|---|---|",
        ]
        for conflict in finding.conflicts:
            lines.append(f"| {conflict.type.value} | {_side_cells(report, conflict.a, names)} |")
            lines.append(f"| | {_side_cells(report, conflict.b, names)} |")
        for conflict in finding.conflicts:
            if conflict.reason:
                lines += ["", f"_{conflict.type.value.capitalize()}: {escape(conflict.reason)}._"]
    for agreement in finding.normalized:
        a, b = agreement.a, agreement.b
        lines += [
            "",
            f"Agrees after normalization: “{escape(a.value)}” ({_where(report, a, names)}, {_anchor_text(a.anchor)}) "
            f"and “{escape(b.value)}” ({_where(report, b, names)}, {_anchor_text(b.anchor)}) "
            f"both mean **{escape(agreement.value)}**.",
        ]
    lines += ["", f"<sub>{finding.id} · {fingerprint(report, finding, check)}</sub>"]
    return lines


def _side_cells(report: Report, side: Side, names: dict[str, str]) -> str:
    qualifies = escape(side.qualifies) if side.qualifies else "—"
    normalized = escape(side.normalized) if side.normalized else "—"
    anchor = escape(side.anchor.describe()) if side.anchor is not None else "—"
    return f"{_where(report, side, names)} | {qualifies} | {escape(side.value)} | {normalized} | {anchor}"


def _where(report: Report, side: Side, names: dict[str, str]) -> str:
    claim = report.claim(side.claim)
    return f"{names[claim.source]} line {claim.line}"


def _anchor_text(anchor: Anchor | None) -> str:
    return "no anchor" if anchor is None or anchor.date is None else f"anchor {anchor.describe()}"


def _anchor_cell(anchor: Anchor) -> str:
    """The sources table: which date relative dates were read from, and for a dateline where."""
    if anchor.date is None:
        return "none"
    if anchor.kind is AnchorKind.DATELINE and anchor.where:
        return f"{anchor.describe()} ({anchor.where.split(':')[0]})"  # "dateline 2025-11-03 (line 3)"
    return anchor.describe()


def _unique(
    report: Report,
    findings: list[Finding],
    numbers: dict[str, int],
    names: dict[str, str],
    links_from: Path | None,
    check: Assessment | None = None,
) -> list[str]:
    """Unique claims, listed per source: one line each, as that is what a reader scans."""
    lines: list[str] = []
    by_source: dict[str, list[Finding]] = {}  # one pass: a scan per source is quadratic at 10,000 articles
    for finding in findings:
        by_source.setdefault(report.claim(finding.claims[0]).source, []).append(finding)
    for source in report.sources:
        own = by_source.get(source.id, [])
        if not own:
            continue
        lines += ["", f"### Only in {names[source.id]} {escape(source.id)} ({len(own)})", ""]
        for finding in own:
            claim = report.claim(finding.claims[0])
            cite = f"[line {claim.line}]({_link(source, claim, links_from)})"
            status = _status_line(check, finding) if check is not None else ""
            lines.append(
                f"- F{numbers[finding.id]}, {cite}: “{escape(claim.text)}”{' ' + status if status else ''} "
                f"<sub>{finding.id} · {fingerprint(report, finding, check)}</sub>"
            )
            if finding.possible_match is not None:
                lines.append(f"  - {_possible_match(report, finding.possible_match, names, links_from)}")
    return lines


def _possible_match(report: Report, possible: PossibleMatch, names: dict[str, str], links_from: Path | None) -> str:
    """The unique claim's closest candidate, under the threshold: the reader judges."""
    partner = report.claim(possible.claim)
    source = report.source(partner.source)
    cite = f"[{names[source.id]} line {partner.line}]({_link(source, partner, links_from)})"
    return f"possible match (p {possible.probability:.2f}): {cite} “{escape(_shorten(partner.text))}”"


def _check_summary(check: Assessment) -> list[str]:
    """The check's outcome and the review counts, right under the totals."""
    policy = ", ".join(check.policy) or "nothing"
    failing = len(check.failing)
    if failing:
        outcome = f"**Check failed**: {failing} flagged finding{'s' if failing != 1 else ''} without a review"
    else:
        outcome = "**Check passed**: every flagged finding has a review"
    counts = ", ".join(f"{check.count(status)} {status.value}" for status in Status)
    hint = " Record verdicts with `crosscheck review`." if failing else ""
    return [f"{outcome} (fails on: {escape(policy)}). Reviews: {counts}, {len(check.stale)} stale.{hint}"]


def _what_changed(report: Report, check: Assessment, numbers: dict[str, int], names: dict[str, str]) -> list[str]:
    """Findings whose fingerprint the previous report did not have, in report order."""
    changed = check.changed()
    lines = ["## What changed since the previous report", ""]
    gone = f"{check.gone} of the previous report's findings gone"
    if not changed:
        return [*lines, f"No finding is new or changed; {gone}."]
    new = sum(1 for c in changed if c.change is Change.NEW)
    lines += [f"{new} new, {len(changed) - new} changed (a claim or conflict type differs); {gone}.", ""]
    findings = {f.id: f for f in report.findings}
    for state in changed:
        finding = findings[state.finding]
        first = report.claim(finding.claims[0])
        sources = ", ".join(dict.fromkeys(names[report.claim(c).source] for c in finding.claims))
        lines.append(
            f"- F{numbers[finding.id]} ({state.change.value if state.change else ''}, {kind(finding)}, {sources}): "
            f"“{escape(_shorten(first.text))}”"
        )
    return lines


def _status_line(check: Assessment, finding: Finding) -> str:
    state = check.of(finding)
    if state.status is None:
        return ""
    if state.review is None:
        return "**Review: new**, not reviewed yet."
    per_conflict = ", ".join(f"{kind} {verdict.value}" for kind, verdict in state.review.conflicts)
    judged = f" ({escape(per_conflict)})" if per_conflict else ""
    return f"**Review: {state.status.value}**{judged}{_by(state.review)}"


def _by_status(report: Report, check: Assessment | None) -> str:
    """The conflicting findings by review status: a dismissed one is no open conflict."""
    if check is None or not report.count(Label.CONFLICTING):
        return ""
    statuses = [check.of(f).status for f in report.findings if f.label is Label.CONFLICTING]
    confirmed, dismissed = statuses.count(Status.CONFIRMED), statuses.count(Status.DISMISSED)
    return f" ({len(statuses) - confirmed - dismissed} open, {confirmed} confirmed, {dismissed} dismissed)"


def _by(review: Review) -> str:
    who = f" by {escape(review.reviewer)}" if review.reviewer else ""
    when = f" on {review.date.isoformat()}" if review.date is not None else ""
    note = f": “{escape(review.note)}”" if review.note else "."
    return f"{who}{when}{note}"


def _stale(stale: tuple[Review, ...]) -> list[str]:
    lines = [
        f"## Stale reviews ({len(stale)})",
        "",
        "_These reviews match no finding of this run: a claim they judged was edited or removed, "
        "or a new conflict type was found. Review the finding again, then delete the old table "
        "from the reviews file._",
    ]
    for review in stale:
        about = f" {escape(review.about)}." if review.about else ""
        lines += ["", f"- `{review.fingerprint}` {review.verdict.value}{_by(review)}{about}"]
        lines += [f"  - “{escape(_shorten(q))}”" for q in review.quotes]
    return lines


def _shorten(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _link(source: Source, claim: Claim | None, links_from: Path | None) -> str:
    target = file_href(source.path, links_from)
    if claim is None:
        return target
    # GitHub renders .md files, where line anchors only work on the plain view.
    plain = "?plain=1" if target.lower().endswith(".md") else ""
    return f"{target}{plain}#L{claim.line}"
