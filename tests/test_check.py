"""`crosscheck check` in-process: exit codes by policy and reviews, statuses, stale reviews, changes."""

from __future__ import annotations

import json
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from crosscheck import cli
from crosscheck.check import assess, flag_reasons
from crosscheck.config import resolve_settings
from crosscheck.domain import Claim, Conflict, ConflictType, Finding, Label, Report, Side, Source
from crosscheck.embed import SentenceTransformerEmbedder
from crosscheck.errors import ConfigError, ReviewsError
from crosscheck.reviews import Review, Reviews, Verdict, read_reviews, write_reviews
from tests.conftest import WriteArticles
from tests.story import STORY, UNRELATED, B


def check(capsys: pytest.CaptureFixture[str], seeds: Path, *flags: str) -> tuple[int, str, dict[str, Any], str]:
    """Run `crosscheck check`; return the exit code, stdout, the JSON and the Markdown report."""
    out = seeds.parent / "reports"
    code = cli.main(["check", str(seeds), "--out", str(out), "--quiet", *flags])
    stdout = capsys.readouterr().out
    data = json.loads((out / "consistency.json").read_text(encoding="utf-8"))
    schema = json.loads(resources.files("crosscheck").joinpath("schema/consistency.schema.json").read_text())
    jsonschema.validate(data, schema)
    return code, stdout, data, (out / "consistency.md").read_text(encoding="utf-8")


def conflicts(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in data["findings"] if f["label"] == "conflicting"]


def dismiss(seeds: Path, fingerprints: list[str], note: str = "a false alarm") -> None:
    reviews = Reviews(seeds / "reviews.toml")
    for fp in fingerprints:
        reviews = reviews.with_review(Review(fp, Verdict.DISMISSED, note=note, reviewer="Ana"))
    write_reviews(reviews)


def test_unreviewed_conflicts_fail_with_exit_1(
    write_articles: WriteArticles, capsys: pytest.CaptureFixture[str]
) -> None:
    code, stdout, data, markdown = check(capsys, write_articles(STORY))
    assert code == cli.EXIT_FINDINGS == 1
    assert stdout.startswith("crosscheck check FAILED: 2 flagged findings without a review")
    assert len(stdout.splitlines()) < 25  # one screen
    assert all(f["status"] == "new" and f["flagged_by"] == ["conflicting"] for f in conflicts(data))
    assert all(f["fingerprint"] in stdout for f in conflicts(data))
    assert markdown.count("**Review: new**") == 2 and "**Check failed**" in markdown
    assert data["check"]["passed"] is False and data["check"]["failing"] == 2


def test_dismissed_conflicts_pass_and_show_as_dismissed(
    write_articles: WriteArticles, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = write_articles(STORY)
    _, _, data, _ = check(capsys, seeds)
    dismiss(seeds, [f["fingerprint"] for f in conflicts(data)], note="the vote took two days")
    code, stdout, data, markdown = check(capsys, seeds)
    assert code == cli.EXIT_OK
    assert stdout.startswith("crosscheck check passed")
    assert all(f["status"] == "dismissed" and f["review"]["note"] == "the vote took two days" for f in conflicts(data))
    assert markdown.count("**Review: dismissed** by Ana: “the vote took two days”") == 2
    # Renaming an article keeps the verdicts.
    (seeds / "a.txt").rename(seeds / "renamed.txt")
    assert check(capsys, seeds)[0] == cli.EXIT_OK


def test_a_review_of_an_edited_claim_is_stale_and_the_finding_is_new_again(
    write_articles: WriteArticles, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = write_articles(STORY)
    _, _, data, _ = check(capsys, seeds)
    old = {f["fingerprint"] for f in conflicts(data)}
    dismiss(seeds, sorted(old))
    (seeds / "b.txt").write_text(B.replace("on Wednesday", "on Thursday"), encoding="utf-8")
    code, stdout, data, markdown = check(capsys, seeds)
    assert code == cli.EXIT_FINDINGS
    (stale,) = data["check"]["stale_reviews"]
    assert stale["fingerprint"] in old and stale["verdict"] == "dismissed"
    assert "## Stale reviews (1)" in markdown and stale["fingerprint"] in markdown
    assert "1 stale" in stdout and stale["fingerprint"] in stdout
    assert sorted(f["status"] for f in conflicts(data)) == ["dismissed", "new"]


def test_what_changed_opens_the_report(write_articles: WriteArticles, capsys: pytest.CaptureFixture[str]) -> None:
    seeds = write_articles(STORY)
    markdown = check(capsys, seeds)[3]
    assert "What changed" not in markdown  # no previous report yet
    (seeds / "b.txt").write_text(B.replace("on Wednesday", "on Thursday"), encoding="utf-8")
    (seeds / "c.txt").write_text(UNRELATED, encoding="utf-8")
    _, stdout, data, markdown = check(capsys, seeds)
    changes = {f["change"] for f in data["findings"] if "change" in f}
    assert changes == {"new", "changed"}
    assert [f["change"] for f in data["findings"] if f.get("change") == "changed"] == ["changed"]
    assert sum(f.get("change") == "new" for f in data["findings"]) == 2  # the unrelated article's claims
    section = markdown.split("## What changed since the previous report", 1)[1].split("\n## ", 1)[0]
    assert "2 new, 1 changed" in section and "1 of the previous report's findings gone" in section
    assert markdown.index("## What changed") < markdown.index("## Sources")
    assert "since the previous report: 2 new, 1 changed, 1 gone" in stdout


def test_fail_on_unique_flags_only_claims_of_new_sources(
    write_articles: WriteArticles, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = write_articles(STORY)
    check(capsys, seeds)  # the baseline
    (seeds / "b.txt").rename(seeds / "b-renamed.txt")  # same content: not a new source
    (seeds / "c.txt").write_text(UNRELATED, encoding="utf-8")
    code, _, data, _ = check(capsys, seeds, "--fail-on", "unique")
    assert code == cli.EXIT_FINDINGS
    assert data["check"]["new_sources"] == ["c.txt"]
    failing = [f for f in data["findings"] if f.get("status") == "new"]
    claims = {c["id"]: c for c in data["claims"]}
    assert len(failing) == 2 and all(claims[f["claims"][0]]["source"] == "c.txt" for f in failing)


def test_malformed_reviews_file_stops_before_any_report(
    write_articles: WriteArticles, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = write_articles(STORY)
    (seeds / "reviews.toml").write_text("[fp-0123456789abcdef]\nverdict = 'maybe'\n", encoding="utf-8")
    code = cli.main(["check", str(seeds), "--out", str(seeds.parent / "reports")])
    err = capsys.readouterr().err
    assert code == cli.EXIT_INPUT
    assert "reviews.toml" in err and "verdict must be one of" in err
    assert not (seeds.parent / "reports").exists()


def test_an_unreadable_previous_report_is_a_warning(
    write_articles: WriteArticles, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    previous = tmp_path / "previous.json"
    previous.write_text("{not json", encoding="utf-8")
    out = tmp_path / "reports"
    code = cli.main(["report", str(write_articles(STORY)), "--out", str(out), "--previous", str(previous)])
    assert code == cli.EXIT_OK
    assert "ignoring the previous report" in capsys.readouterr().err


def test_help_documents_check_review_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["check", "--help"])
    out = capsys.readouterr().out
    assert "--fail-on" in out and "--annotations" in out and "review" in out
    for code in (cli.EXIT_FINDINGS, cli.EXIT_INTERRUPTED):
        assert f"\n  {code} " in cli.EPILOG


# Policy and settings: pure logic, no model.


@pytest.mark.parametrize("kind", [ConflictType.UNRESOLVED, ConflictType.UPDATE])
def test_conflicting_fails_only_on_disagreements_and_fail_on_names_the_rest(kind: ConflictType) -> None:
    claims = (Claim("c-a", "a.txt", "x one two", 0, 1, 1), Claim("c-b", "b.txt", "y one two", 0, 1, 1))
    conflict = Conflict(kind, Side("c-a", "Tuesday"), Side("c-b", "November 4"))
    finding = Finding("f-1", Label.CONFLICTING, ("c-a", "c-b"), (conflict,))
    report = Report((Source("a.txt", "a.txt", "0" * 64), Source("b.txt", "b.txt", "0" * 64)), claims, (finding,), {})
    assert not kind.disagrees
    assert flag_reasons(report, finding, ["conflicting"], []) == ()
    assert flag_reasons(report, finding, ["conflicting", kind.value], []) == (kind.value,)
    assert assess(report, Reviews(Path("r.toml")), None, [kind.value]).passed is False
    date = replace(finding, conflicts=(replace(conflict, type=ConflictType.DATE),))
    assert flag_reasons(report, date, ["conflicting"], []) == ("conflicting",)


def test_fail_on_and_reviews_settings(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.crosscheck]\nfail_on = ['unique', 'Conflicting']\nreviews = 'data/reviews.toml'\n")
    settings = resolve_settings(path, {})
    assert settings.fail_on == ("conflicting", "unique")
    assert Path(settings.reviews) == tmp_path / "data" / "reviews.toml"
    assert "fail_on" not in settings.as_dict() and "reviews" not in settings.as_dict()
    assert resolve_settings(path, {"fail_on": []}).fail_on == ()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("fail_on = ['conflicts']", "fail_on entry 'conflicts' is unknown"),
        ("fail_on = 'conflicting'", "'fail_on' must be a list of strings"),
        ("reviews = 3", "'reviews' must be a str"),
    ],
)
def test_bad_check_settings_name_the_key(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(f"[tool.crosscheck]\n{body}\n")
    with pytest.raises(ConfigError, match=message):
        resolve_settings(path, {})


TWO_CONFLICTS = {
    "a.txt": "The city council led by Mayor Jane Ortiz voted on Tuesday to close the Elm Street bridge.\n",
    "b.txt": "The city council led by Mayor Ann Lee voted on Wednesday to close the Elm Street bridge.\n",
}


def review_conflicts(seeds: Path, fingerprint: str, **verdicts: str) -> None:
    judged = tuple(sorted((kind, Verdict(v)) for kind, v in verdicts.items()))
    write_reviews(Reviews(seeds / "reviews.toml").with_review(Review(fingerprint, Verdict.DISMISSED, conflicts=judged)))


def test_each_conflict_of_a_finding_gets_its_own_verdict(
    write_articles: WriteArticles, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = write_articles(TWO_CONFLICTS)
    _, _, data, _ = check(capsys, seeds)
    (finding,) = conflicts(data)
    assert {c["type"] for c in finding["conflicts"]} == {"date", "person"}

    review_conflicts(seeds, finding["fingerprint"], date="confirmed")  # the person conflict is unjudged
    code, _, data, markdown = check(capsys, seeds)
    assert code == cli.EXIT_FINDINGS and conflicts(data)[0]["status"] == "new"
    assert "**1 conflicting** (1 open, 0 confirmed, 0 dismissed)" in markdown

    review_conflicts(seeds, finding["fingerprint"], date="confirmed", person="dismissed")
    code, _, data, markdown = check(capsys, seeds)
    assert code == cli.EXIT_OK
    (reviewed,) = conflicts(data)
    assert reviewed["status"] == "confirmed"  # one real conflict makes the finding a confirmed one
    assert reviewed["review"]["conflicts"] == {"date": "confirmed", "person": "dismissed"}
    assert "**Review: confirmed** (date confirmed, person dismissed)" in markdown
    assert "**1 conflicting** (0 open, 1 confirmed, 0 dismissed)" in markdown


def test_per_conflict_verdicts_survive_the_file(tmp_path: Path) -> None:
    path = tmp_path / "reviews.toml"
    review = Review(
        "fp-0123456789abcdef", Verdict.CONFIRMED, conflicts=(("date", Verdict.CONFIRMED), ("person", Verdict.DISMISSED))
    )
    write_reviews(Reviews(path).with_review(review))
    assert 'conflicts = { date = "confirmed", person = "dismissed" }' in path.read_text(encoding="utf-8")
    assert read_reviews(path).items == (review,)
    path.write_text('[fp-0123456789abcdef]\nconflicts = { date = "confirmed", colour = "dismissed" }\n')
    with pytest.raises(ReviewsError, match="'colour' is not a conflict type"):
        read_reviews(path)
    path.write_text('[fp-0123456789abcdef]\nconflicts = { date = "dismissed" }\n')  # no verdict: from the conflicts'
    assert read_reviews(path).items[0].verdict is Verdict.DISMISSED


def test_a_check_runs_from_python_without_the_cli(
    write_articles: WriteArticles, embedder: SentenceTransformerEmbedder
) -> None:
    import crosscheck

    seeds = write_articles(STORY)
    checked = crosscheck.run_check(str(seeds), embedder=embedder)
    assert not checked.assessment.passed and len(checked.assessment.failing) == 2
    assert checked.reviews.path == seeds / "reviews.toml" and len(checked.reviews) == 0
    markdown = crosscheck.render_markdown(checked.report, check=checked.assessment)
    assert markdown.count("**Review: new**") == 2
    dismiss(seeds, [c.fingerprint for c in checked.assessment.failing])
    assert crosscheck.run_check(seeds, embedder=embedder).assessment.passed
