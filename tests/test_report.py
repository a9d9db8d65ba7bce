"""The seeds' report end to end: expected findings, schema, determinism, and a snapshot."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from crosscheck.domain import ConflictType, Label, Report
from crosscheck.pipeline import build_report
from crosscheck.report_json import render_json
from crosscheck.report_markdown import escape, render_markdown
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def seeds_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(SEEDS, root / "seeds")
    return root


@pytest.fixture(scope="module")
def report(seeds_copy: Path, embedder) -> Report:  # type: ignore[no-untyped-def]
    return build_report(seeds_copy / "seeds", embedder=embedder)


def texts(report: Report, label: Label) -> list[list[str]]:
    return [[report.claim(c).text for c in f.claims] for f in report.findings if f.label is label]


def test_meeting_date_is_one_conflict_with_both_values(report: Report) -> None:
    conflicting = [f for f in report.findings if f.label is Label.CONFLICTING]
    assert len(conflicting) == 1
    (finding,) = conflicting
    quotes = [report.claim(c).text for c in finding.claims]
    assert any("on November 4" in q for q in quotes)
    assert any("on Tuesday" in q for q in quotes)
    assert {c.type for c in finding.conflicts} == {ConflictType.DATE}
    values = {(c.a.value, c.b.value) for c in finding.conflicts}
    assert ("November 4", "Tuesday") in values


@pytest.mark.parametrize(
    "fact",
    [
        "28,500 U.S. troops",  # only S2
        "Hwasong-20",  # only S1
        "Demilitarized Zone (DMZ)",  # only S2
    ],
)
def test_facts_one_article_states_are_unique(report: Report, fact: str) -> None:
    (finding,) = [f for f in report.findings if any(fact in report.claim(c).text for c in f.claims)]
    assert finding.label is Label.UNIQUE


def test_no_site_chrome_and_no_broken_word_is_a_claim(report: Report) -> None:
    joined = "\n".join(c.text for c in report.claims)
    for chrome in (
        "Menu",
        "Search",
        "Market Data",
        "Welcome to EconoTimes",
        "Sign up",
        "Wikimedia",
    ):
        assert chrome not in joined
    assert "separate release" in joined and "South Korea has expressed" in joined
    assert "sep arate" not in joined and "Kore a" not in joined


def test_headline_repeated_as_caption_counts_once(report: Report) -> None:
    headline = "U.S. Defense Secretary Pete Hegseth Visits South Korea for High-Level Security Talks"
    assert sum(headline in c.text for c in report.claims) == 1


def test_every_claim_quotes_its_file(report: Report) -> None:
    for claim in report.claims:
        raw = Path(report.source(claim.source).path).read_text(encoding="utf-8")
        quoted = raw[claim.start : claim.end]
        assert quoted.replace("\n", "") == claim.text or quoted.replace("\n", " ") == claim.text
        assert raw.count("\n", 0, claim.start) + 1 == claim.line


def test_json_matches_its_schema(report: Report, seeds_copy: Path) -> None:
    schema = json.loads(resources.files("crosscheck").joinpath("schema/consistency.schema.json").read_text())
    data = json.loads(render_json(report, seeds_copy / "reports"))
    jsonschema.validate(data, schema)
    assert data["summary"]["conflicting"] == 1
    assert [s["path"] for s in data["sources"]] == [
        "../seeds/000_a16d3e919ed222d1.txt",
        "../seeds/004_003c5a0a42b00c2a.txt",
    ]


def test_same_inputs_give_identical_bytes(report: Report, seeds_copy: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    again = build_report(seeds_copy / "seeds", embedder=embedder)
    out = seeds_copy / "reports"
    assert render_markdown(again, out) == render_markdown(report, out)
    assert render_json(again, out) == render_json(report, out)


def test_markdown_snapshot(report: Report, seeds_copy: Path, file_regression) -> None:  # type: ignore[no-untyped-def]
    """Refresh after an intended change with: pytest tests/test_report.py --force-regen"""
    file_regression.check(render_markdown(report, seeds_copy / "reports"), extension=".md")


@pytest.mark.parametrize(
    ("text", "inert"),
    [
        ("a | b", r"a \| b"),
        ("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"),
        ("[click](http://x)", r"\[click\](http://x)"),
        ("*bold* _it_ `code`", r"\*bold\* \_it\_ \`code\`"),
        ("line\nbreak", "line break"),
    ],
)
def test_article_text_cannot_break_markdown(text: str, inert: str) -> None:
    assert escape(text) == inert
