"""GitHub annotation lines: escaped as GitHub's toolkit does, one per claim of a flagged finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosscheck.check import assess
from crosscheck.domain import Claim, Conflict, ConflictType, Finding, Label, Report, Side, Source
from crosscheck.fingerprint import finding_fingerprint
from crosscheck.report.annotations import command, escape_data, escape_property, github_annotations
from crosscheck.reviews import Review, Reviews, Verdict


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("100% sure", "100%25 sure", "100%25 sure"),
        ("two\r\nlines", "two%0D%0Alines", "two%0D%0Alines"),
        ("F1: date, time", "F1: date, time", "F1%3A date%2C time"),
        ("%0A literal", "%250A literal", "%250A literal"),
    ],
)
def test_escaping_follows_githubs_rules(text: str, data: str, prop: str) -> None:
    assert escape_data(text) == data
    assert escape_property(text) == prop


def test_command_line_shape() -> None:
    line = command("warning", "50% off,\nnow", file="seeds/a,b.txt", line=19, title="F1: date")
    assert line == "::warning file=seeds/a%2Cb.txt,line=19,title=F1%3A date::50%25 off,%0Anow"


def story(root: Path) -> Report:
    sources = tuple(Source(name, str(root / "seeds" / name), "0" * 64) for name in ("a.txt", "b.txt"))
    claims = (
        Claim("c-a", "a.txt", "The vote was on Tuesday.", 0, 24, 1),
        Claim("c-b", "b.txt", "The vote was on Wednesday, 100% sure.", 10, 40, 3),
        Claim("c-u", "b.txt", "The mayor left early.", 41, 60, 4),
    )
    conflict = Conflict(ConflictType.DATE, Side("c-a", "Tuesday"), Side("c-b", "Wednesday"))
    findings = (
        Finding("f-1", Label.CONFLICTING, ("c-a", "c-b"), (conflict,), 0.9),
        Finding("f-2", Label.UNIQUE, ("c-u",)),
    )
    return Report(sources, claims, findings, settings={})


def test_an_unreviewed_conflict_is_a_warning_on_each_claims_line(tmp_path: Path) -> None:
    report = story(tmp_path)
    check = assess(report, Reviews(tmp_path / "r.toml"), None, ["conflicting"])
    fp = finding_fingerprint(report, report.findings[0])
    assert github_annotations(report, check, tmp_path) == [
        "::warning file=seeds/a.txt,line=1,title=crosscheck F1%3A date conflict::date conflict, not reviewed yet: "
        f"run `crosscheck review` ({fp}).%0Adate: “Tuesday” here vs “Wednesday” in seeds/b.txt line 3",
        "::warning file=seeds/b.txt,line=3,title=crosscheck F1%3A date conflict::date conflict, not reviewed yet: "
        f"run `crosscheck review` ({fp}).%0Adate: “Wednesday” here vs “Tuesday” in seeds/a.txt line 1",
    ]


@pytest.mark.parametrize(("verdict", "level"), [(Verdict.CONFIRMED, "::notice "), (Verdict.DISMISSED, None)])
def test_reviewed_conflicts_are_a_notice_or_nothing(tmp_path: Path, verdict: Verdict, level: str | None) -> None:
    report = story(tmp_path)
    reviews = Reviews(tmp_path / "r.toml").with_review(Review(finding_fingerprint(report, report.findings[0]), verdict))
    lines = github_annotations(report, assess(report, reviews, None, ["conflicting"]), tmp_path)
    if level is None:
        assert lines == []
    else:
        assert len(lines) == 2 and all(line.startswith(level) and "confirmed by a review" in line for line in lines)


def test_unique_claims_are_annotated_when_the_policy_flags_them(tmp_path: Path) -> None:
    report = story(tmp_path)
    lines = github_annotations(report, assess(report, Reviews(tmp_path / "r.toml"), None, ["unique"]), tmp_path)
    assert len(lines) == 1
    assert lines[0].startswith("::warning file=seeds/b.txt,line=4,title=crosscheck F2%3A unique claim::")
