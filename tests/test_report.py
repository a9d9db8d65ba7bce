"""The seeds' report end to end: expected findings, schema, determinism, and a snapshot."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from pytest_regressions.file_regression import FileRegressionFixture

from crosscheck.domain import Anchor, ConflictType, Finding, Label, Report
from crosscheck.embed import SentenceTransformerEmbedder
from crosscheck.pipeline import build_report
from crosscheck.report.jsonreport import render_json
from crosscheck.report.markdown import escape, render_markdown
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def seeds_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(SEEDS, root / "seeds")
    return root


@pytest.fixture(scope="module")
def report(seeds_copy: Path, embedder: SentenceTransformerEmbedder) -> Report:
    return build_report(seeds_copy / "seeds", embedder=embedder)


def texts(report: Report, label: Label) -> list[list[str]]:
    return [[report.claim(c).text for c in f.claims] for f in report.findings if f.label is label]


def test_seeds_have_no_date_anchor(report: Report) -> None:
    """Neither seed has front matter, and neither has a dateline: S1 opens with "Seoul:" and no
    date, S2 with site chrome and a headline. So nothing places "Tuesday" on the calendar."""
    assert [s.anchor for s in report.sources] == [Anchor(), Anchor()]


def test_meeting_date_is_one_conflict_with_both_values(report: Report) -> None:
    conflicting = [f for f in report.findings if f.label is Label.CONFLICTING]
    assert len(conflicting) == 1
    (finding,) = conflicting
    quotes = [report.claim(c).text for c in finding.claims]
    assert any("on November 4" in q for q in quotes)
    assert any("on Tuesday" in q for q in quotes)
    (conflict,) = finding.conflicts
    assert conflict.type in (ConflictType.DATE, ConflictType.UNRESOLVED)
    assert (conflict.a.value, conflict.b.value) == ("November 4", "Tuesday")
    assert (conflict.a.normalized, conflict.b.normalized) == ("XXXX-11-04", "XXXX-WXX-2")
    assert conflict.a.anchor == conflict.b.anchor == Anchor()
    assert conflict.reason is not None and "“Tuesday”" in conflict.reason


def finding_of(report: Report, quote: str) -> Finding:
    (finding,) = [f for f in report.findings if any(quote in report.claim(c).text for c in f.claims)]
    return finding


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # Two descriptions of the SCM: the same topic, not the same statement.
        ("This year’s SCM takes place", "The SCM serves as the highest-level"),
        # The ministry announced on Monday; Hegseth arrived on Monday: two facts, one weekday.
        ("as announced by South Korea’s defense ministry on Monday", "arrived in South Korea on Monday"),
    ],
)
def test_claims_of_one_story_but_not_one_fact_stay_apart(report: Report, first: str, second: str) -> None:
    assert finding_of(report, first).id != finding_of(report, second).id


def test_a_unique_claim_shows_its_possible_match(report: Report) -> None:
    """The Department of War's release says Hegseth will co-chair the upcoming SCM; S2 says he and
    Ahn will hold it on Tuesday. That sentence already belongs to the meeting-date finding, whose
    other claims this one does not match well enough on average (average linkage), so the claim
    stays unique and the reader is shown the candidate with its probability."""
    finding = finding_of(report, "confirmed that Hegseth will co-chair the upcoming SCM")
    assert finding.label is Label.UNIQUE
    assert finding.possible_match is not None
    assert "precedes the annual Security Consultative Meeting" in report.claim(finding.possible_match.claim).text
    assert report.settings["possible_match_probability"] <= finding.possible_match.probability
    assert finding_of(report, "precedes the annual Security Consultative Meeting").id != finding.id


def test_findings_carry_the_pair_models_probability(report: Report) -> None:
    finding = finding_of(report, "on Tuesday")
    assert finding.probability is not None and finding.probability >= report.settings["match_probability"]
    assert finding.similarity is not None and 0 < finding.similarity <= 1
    assert str(report.settings["pair_model"]).startswith("sha256:")


@pytest.fixture(scope="module")
def dated_report(tmp_path_factory: pytest.TempPathFactory, embedder: SentenceTransformerEmbedder) -> Report:
    """The seeds with front matter saying both were published on Monday, November 3, 2025."""
    folder = tmp_path_factory.mktemp("dated") / "seeds"
    folder.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        (folder / path.name).write_text(f"---\npublished: 2025-11-03\n---\n{text}", encoding="utf-8")
    return build_report(folder, embedder=embedder)


def test_meeting_date_agrees_after_normalization_once_published_dates_are_known(dated_report: Report) -> None:
    assert {s.anchor.describe() for s in dated_report.sources} == {"published 2025-11-03"}
    (finding,) = [f for f in dated_report.findings if any("on Tuesday" in dated_report.claim(c).text for c in f.claims)]
    assert finding.label is Label.AGREEING
    assert finding.conflicts == ()
    (agreement,) = finding.normalized
    assert (agreement.a.value, agreement.b.value, agreement.value) == ("November 4", "Tuesday", "2025-11-04")
    assert (agreement.a.normalized, agreement.b.normalized) == ("2025-11-04", "2025-11-04")
    markdown = render_markdown(dated_report)
    assert "Agrees after normalization: “November 4”" in markdown and "both mean **2025-11-04**" in markdown


def test_dated_json_matches_its_schema(dated_report: Report) -> None:
    schema = json.loads(resources.files("crosscheck").joinpath("schema/consistency.schema.json").read_text())
    data = json.loads(render_json(dated_report))
    jsonschema.validate(data, schema)
    assert data["sources"][0]["anchor"] == {"kind": "published", "date": "2025-11-03", "where": "front matter"}
    (normalized,) = [f["normalized"] for f in data["findings"] if "normalized" in f]
    assert normalized[0]["value"] == "2025-11-04"


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


def test_same_inputs_give_identical_bytes(
    report: Report, seeds_copy: Path, embedder: SentenceTransformerEmbedder
) -> None:
    again = build_report(seeds_copy / "seeds", embedder=embedder)
    out = seeds_copy / "reports"
    assert render_markdown(again, out) == render_markdown(report, out)
    assert render_json(again, out) == render_json(report, out)


def test_markdown_snapshot(report: Report, seeds_copy: Path, file_regression: FileRegressionFixture) -> None:
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
        ("red \x1b[31malert\x1b[0m bell\x07", "red [31malert[0m bell".replace("[", "\\[")),  # 17
    ],
)
def test_article_text_cannot_break_markdown(text: str, inert: str) -> None:
    assert escape(text) == inert
