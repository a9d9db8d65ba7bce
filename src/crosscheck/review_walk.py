"""The interactive review: walk a person through unreviewed flagged findings, saving each verdict.

Plain line input on any text streams (no curses), so it works in any terminal, over ssh, and
in tests with scripted input. Every verdict is written to the reviews file at once, atomically:
Ctrl-C, a closed terminal or a crash loses at most the finding on screen, never a decision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from crosscheck.check import Assessment, kind
from crosscheck.domain import Claim, Finding, Report
from crosscheck.report.common import describe_conflict, finding_numbers
from crosscheck.reviews import Review, Reviews, Verdict, record_review
from crosscheck.text import printable

KEYS = "[c]onfirm  [d]ismiss  add a [n]ote  [s]kip  [q]uit"
# Offered when a finding has conflicts of two or more types: a verdict per type.
PER_CONFLICT_KEY = "  [p]er conflict"
SKIP, QUIT = "skip", "quit"
# Characters of a context sentence shown: one terminal line.
CONTEXT_WIDTH = 100


@dataclass(frozen=True)
class WalkResult:
    reviews: Reviews
    decided: int
    skipped: int
    interrupted: bool  # Ctrl-C: every verdict before it is already saved
    remaining: int  # findings not shown because the person quit or interrupted


def pending(report: Report, check: Assessment) -> list[Finding]:
    """Flagged findings without a review, in report order (conflicts first)."""
    return [f for f in report.findings if check.of(f).failing]


def walk(
    report: Report,
    check: Assessment,
    reviews: Reviews,
    *,
    stdin: TextIO,
    stdout: TextIO,
    reviewer: str,
    today: dt.date,
    save: Callable[[Path, Review], Reviews] = record_review,
) -> WalkResult:
    """Show each pending finding and read a key; `save` records each verdict as it is given."""
    todo = pending(report, check)
    decided = skipped = 0
    numbers = finding_numbers(report)
    position = 0
    try:
        for position, finding in enumerate(todo):
            stdout.write(_show(report, check, finding, numbers[finding.id], position + 1, len(todo)))
            kinds = sorted({c.type.value for c in finding.conflicts})
            verdict, note, per_conflict = _ask(stdin, stdout, kinds)
            if verdict == SKIP:
                skipped += 1
                continue
            if not isinstance(verdict, Verdict):  # quit, or the input ended
                return WalkResult(reviews, decided, skipped, False, len(todo) - position)
            review = Review(
                fingerprint=check.of(finding).fingerprint,
                verdict=verdict,
                note=note,
                reviewer=reviewer,
                date=today,
                about=about(finding),
                quotes=tuple(quote(report, report.claim(c)) for c in finding.claims),
                conflicts=per_conflict,
            )
            reviews = save(reviews.path, review)
            decided += 1
            stdout.write(f"saved: {review.verdict.value} -> {reviews.path}\n\n")
    except KeyboardInterrupt:
        stdout.write("\ninterrupted\n")
        return WalkResult(reviews, decided, skipped, True, len(todo) - position)
    return WalkResult(reviews, decided, skipped, False, 0)


def _ask(stdin: TextIO, stdout: TextIO, kinds: list[str]) -> tuple[Verdict | str, str, tuple[tuple[str, Verdict], ...]]:
    """(verdict, note, per-conflict verdicts), or SKIP or QUIT (also at the end of the input).
    With conflicts of two or more `kinds`, [p] asks for a verdict per kind."""
    note = ""
    keys = KEYS + (PER_CONFLICT_KEY if len(kinds) > 1 else "")
    while True:
        key = _key(stdin, stdout, f"{keys} > ")
        if key is None:
            return QUIT, "", ()
        if key == "c":
            return Verdict.CONFIRMED, note, ()
        if key == "d":
            if not note:
                note = _read(stdin, stdout, "why is it a false alarm? (Enter for no note) ")
            return Verdict.DISMISSED, note, ()
        if key == "p" and len(kinds) > 1:
            judged = _per_conflict(stdin, stdout, kinds)
            if judged is None:
                return QUIT, "", ()
            if not note:
                note = _read(stdin, stdout, "note (Enter for none): ")
            return Verdict.DISMISSED, note, judged  # the Review takes its verdict from the conflicts'
        if key == "n":
            note = _read(stdin, stdout, "note: ")
        elif key == "s":
            return SKIP, "", ()
        elif key == "q":
            return QUIT, "", ()
        else:
            stdout.write(f"please type c, d, n, s{', p' if len(kinds) > 1 else ''} or q\n")


def _per_conflict(stdin: TextIO, stdout: TextIO, kinds: list[str]) -> tuple[tuple[str, Verdict], ...] | None:
    """A verdict for each conflict type; None if the input ends first."""
    judged = []
    for name in kinds:
        while True:
            key = _key(stdin, stdout, f"  {name} conflict: [c]onfirm or [d]ismiss > ")
            if key is None:
                return None
            if key in ("c", "d"):
                judged.append((name, Verdict.CONFIRMED if key == "c" else Verdict.DISMISSED))
                break
            stdout.write("  please type c or d\n")
    return tuple(judged)


def _key(stdin: TextIO, stdout: TextIO, prompt: str) -> str | None:
    """The first letter typed after `prompt`, lower-cased; None at the end of the input."""
    stdout.write(prompt)
    stdout.flush()
    line = stdin.readline()
    if not line:
        stdout.write("\n")
        return None
    return line.strip().lower()[:1]


def _read(stdin: TextIO, stdout: TextIO, prompt: str) -> str:
    stdout.write(prompt)
    stdout.flush()
    return " ".join(stdin.readline().split())


def _show(report: Report, check: Assessment, finding: Finding, number: int, index: int, total: int) -> str:
    state = check.of(finding)
    heading = f"[{index}/{total}] F{number} · {kind(finding)}"
    if finding.probability is not None:
        heading += f" · p(same fact) {finding.probability:.2f}"
    lines = [heading, f"flagged by: {', '.join(state.reasons)} · {state.fingerprint}", ""]
    for claim_id in finding.claims:
        claim = report.claim(claim_id)
        lines.append(f"  {claim.source} line {claim.line}")
        before, after = _neighbours(report, claim)
        if before is not None:
            lines.append(f"    … {_shorten(before.text)}")
        lines.append(f"  > {claim.text}")
        if before is None and after is not None:
            lines.append(f"    … {_shorten(after.text)}")
        lines.append("")
    for conflict in finding.conflicts:
        lines.append(f"  {describe_conflict(report, conflict)}")
    if finding.conflicts:
        lines.append("")
    return printable("\n".join(lines)) + "\n"  # article text may hold terminal escape sequences


def about(finding: Finding) -> str:
    """What the reviewer judged, in a few words: "date conflict: November 4 / Tuesday"."""
    if not finding.conflicts:
        return kind(finding)
    return f"{kind(finding)}: {'; '.join(f'{c.a.value} / {c.b.value}' for c in finding.conflicts)}"


def quote(report: Report, claim: Claim) -> str:
    return f"{claim.source} line {claim.line}: {claim.text}"


def _neighbours(report: Report, claim: Claim) -> tuple[Claim | None, Claim | None]:
    """The claims just before and after `claim` in its own article: a sentence of context."""
    own = [c for c in report.claims if c.source == claim.source]
    index = own.index(claim)
    before = own[index - 1] if index > 0 else None
    after = own[index + 1] if index + 1 < len(own) else None
    return before, after


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= CONTEXT_WIDTH else text[: CONTEXT_WIDTH - 1].rstrip() + "…"
