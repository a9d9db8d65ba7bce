"""The interactive review, in-process with scripted input: verdicts saved at once, Ctrl-C safe."""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import pytest

from crosscheck import cli
from crosscheck.check import assess
from crosscheck.domain import Report
from crosscheck.embed import SentenceTransformerEmbedder
from crosscheck.pipeline import build_report
from crosscheck.review_walk import pending, walk
from crosscheck.reviews import Reviews, Verdict, read_reviews
from tests.conftest import WriteArticles
from tests.story import STORY

TODAY = dt.date(2026, 11, 24)


class Keys(io.StringIO):
    """Scripted keyboard: one line per readline; KeyboardInterrupt stands for Ctrl-C there."""

    def __init__(self, *lines: str | type[KeyboardInterrupt]) -> None:
        super().__init__()
        self.lines = list(lines)

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]  # StringIO reads str
        if not self.lines:
            return ""
        line = self.lines.pop(0)
        if not isinstance(line, str):
            raise line()
        return line + "\n"


@pytest.fixture
def story(write_articles: WriteArticles, embedder: SentenceTransformerEmbedder) -> tuple[Report, Path]:
    seeds = write_articles(STORY)
    return build_report(seeds, embedder=embedder), seeds / "reviews.toml"


def review(report: Report, path: Path, keys: Keys) -> tuple[Reviews, str, bool, int]:
    out = io.StringIO()
    reviews = read_reviews(path)
    result = walk(report, assess(report, reviews, None), reviews, stdin=keys, stdout=out, reviewer="Ana", today=TODAY)
    return result.reviews, out.getvalue(), result.interrupted, result.decided


def test_ctrl_c_midway_keeps_every_verdict_already_given(story: tuple[Report, Path]) -> None:
    report, path = story
    assert len(pending(report, assess(report, Reviews(path), None))) == 2
    keys = Keys("n", "both dates are right: the vote took two days", "d", KeyboardInterrupt)
    reviews, shown, interrupted, decided = review(report, path, keys)
    assert interrupted and decided == 1
    saved = read_reviews(path)
    assert saved == reviews and len(saved) == 1
    (verdict,) = saved.items
    assert verdict.verdict is Verdict.DISMISSED and verdict.note == "both dates are right: the vote took two days"
    assert verdict.reviewer == "Ana" and verdict.date == TODAY
    assert verdict.about == "date conflict: Tuesday / Wednesday"
    assert [q.split(":")[0] for q in verdict.quotes] == ["a.txt line 1", "b.txt line 1"]
    # What the reviewer saw: both quotes, a line of context each, the conflict and its values.
    assert "> The city council voted on Tuesday" in shown and "> The city council voted on Wednesday" in shown
    assert "… The repairs will cost 4 million dollars" in shown
    assert "date: “Tuesday” (a.txt line 1) vs “Wednesday” (b.txt line 1)" in shown
    # The next walk starts at the finding that was on screen.
    reviews, shown, interrupted, decided = review(report, path, Keys("c"))
    assert not interrupted and decided == 1 and "number" in shown.splitlines()[0]
    assert sorted(r.verdict.value for r in read_reviews(path).items) == ["confirmed", "dismissed"]


def test_skip_quit_and_unknown_keys_decide_nothing(story: tuple[Report, Path]) -> None:
    report, path = story
    _, shown, interrupted, decided = review(report, path, Keys("x", "s", "q"))
    assert decided == 0 and not interrupted and not path.exists()
    assert "please type c, d, n, s or q" in shown


def test_dismiss_asks_why_when_no_note_was_given(story: tuple[Report, Path]) -> None:
    report, path = story
    review(report, path, Keys("d", "same vote, two reports", "d", ""))
    notes = sorted(r.note for r in read_reviews(path).items)
    assert notes == ["", "same vote, two reports"]


def test_cli_review_then_check_passes(
    story: tuple[Report, Path],
    embedder: SentenceTransformerEmbedder,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, path = story
    seeds = path.parent
    monkeypatch.setattr(sys, "stdin", io.StringIO("c\nd\nrounding\n"))
    assert cli.main(["review", str(seeds), "--reviewer", "Bo", "--quiet"]) == cli.EXIT_OK
    assert "2 verdict(s) saved" in capsys.readouterr().err
    assert {r.reviewer for r in read_reviews(path).items} == {"Bo"}
    assert cli.main(["check", str(seeds), "--out", str(seeds.parent / "reports"), "--quiet"]) == cli.EXIT_OK
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert cli.main(["review", str(seeds), "--quiet"]) == cli.EXIT_OK
    assert "nothing to review" in capsys.readouterr().err


def test_cli_review_interrupted_exits_130_with_the_verdicts_saved(
    story: tuple[Report, Path],
    embedder: SentenceTransformerEmbedder,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, path = story
    monkeypatch.setattr(sys, "stdin", Keys("d", "same vote", KeyboardInterrupt))
    assert cli.main(["review", str(path.parent), "--reviewer", "Bo", "--quiet"]) == cli.EXIT_INTERRUPTED
    assert "1 verdict(s) saved" in capsys.readouterr().err
    assert [r.note for r in read_reviews(path).items] == ["same vote"]


def test_a_finding_with_two_conflict_types_gets_a_verdict_per_type(
    write_articles: WriteArticles, embedder: SentenceTransformerEmbedder
) -> None:
    seeds = write_articles(
        {
            "a.txt": "The city council led by Mayor Jane Ortiz voted on Tuesday to close the Elm Street bridge.\n",
            "b.txt": "The city council led by Mayor Ann Lee voted on Wednesday to close the Elm Street bridge.\n",
        }
    )
    report, path = build_report(seeds, embedder=embedder), seeds / "reviews.toml"
    keys = Keys("p", "x", "c", "d", "the mayor's name is misread")
    reviews, shown, _, decided = review(report, path, keys)
    assert "[p]er conflict" in shown and "please type c or d" in shown
    (saved,) = read_reviews(path).items
    assert decided == 1 and saved.conflicts == (("date", Verdict.CONFIRMED), ("person", Verdict.DISMISSED))
    assert saved.verdict is Verdict.CONFIRMED and saved.note == "the mayor's name is misread"
    assert "saved: confirmed" in shown
    assert not pending(report, assess(report, reviews, None))
