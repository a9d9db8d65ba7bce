"""The command line, in-process: exit codes, messages naming the file, nothing half-written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crosscheck import cli
from tests.conftest import WriteArticles


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = cli.main(list(args))
    return code, capsys.readouterr().err


def test_help_explains_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["report", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "exit codes" in out and "SEEDS_DIR" in out and "--out" in out


def test_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, "report", str(tmp_path / "nope"), "--out", str(tmp_path / "r"))
    assert code == cli.EXIT_INPUT
    assert "nope" in err and "does not exist" in err
    assert not (tmp_path / "r").exists()


def test_folder_without_articles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.csv").write_text("a,b\n")
    code, err = run(capsys, "report", str(tmp_path), "--out", str(tmp_path / "r"))
    assert code == cli.EXIT_INPUT and "no articles" in err


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        ("Caf\u00e9 owners said the fire started at noon.".encode("latin-1"), "not UTF-8"),
        (b"---\ntitle: [unclosed\n---\nBody text here.\n", "front matter"),
    ],
)
def test_bad_article_stops_with_its_name(
    write_articles: WriteArticles,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    reason: str,
) -> None:
    seeds = write_articles({"good.txt": "The bridge reopened on Friday after repairs.", "bad.txt": content})
    out = tmp_path / "reports"
    code, err = run(capsys, "report", str(seeds), "--out", str(out))
    assert code == cli.EXIT_INPUT
    assert "bad.txt" in err and reason in err
    assert not out.exists()


def test_skip_invalid_warns_and_reports_the_rest(
    write_articles: WriteArticles,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    seeds = write_articles({"good.txt": "The bridge reopened on Friday after repairs.", "bad.txt": b"\x00\x01"})
    out = tmp_path / "reports"
    code, err = run(capsys, "report", str(seeds), "--out", str(out), "--skip-invalid")
    assert code == cli.EXIT_OK
    assert "warning" in err and "bad.txt" in err
    data = json.loads((out / "consistency.json").read_text())
    assert [s["id"] for s in data["sources"]] == ["good.txt"]


def test_existing_report_survives_a_failed_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "reports"
    out.mkdir()
    (out / "consistency.md").write_text("previous report\n")
    code, _ = run(capsys, "report", str(tmp_path / "missing"), "--out", str(out))
    assert code == cli.EXIT_INPUT
    assert (out / "consistency.md").read_text() == "previous report\n"
    assert sorted(p.name for p in out.iterdir()) == ["consistency.md"]


def test_writes_both_reports(write_articles: WriteArticles, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seeds = write_articles(
        {"a.md": "---\ntitle: Bridge\noutlet: Daily\n---\nThe bridge reopened on Friday after repairs.\n"}
    )
    out = tmp_path / "reports"
    code, err = run(capsys, "report", str(seeds), "--out", str(out))
    assert code == cli.EXIT_OK, err
    markdown = (out / "consistency.md").read_text()
    assert "Bridge" in markdown and "a.md?plain=1#L5" in markdown
    assert json.loads((out / "consistency.json").read_text())["claims"][0]["line"] == 5


def test_unknown_model_is_a_model_error(
    write_articles: WriteArticles, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = write_articles({"a.txt": "The bridge reopened on Friday after repairs."})
    code, err = run(capsys, "report", str(seeds), "--out", str(tmp_path / "r"), "--model", str(tmp_path / "no-model"))
    assert code == cli.EXIT_MODEL
    assert "no-model" in err and "never downloads" in err


def test_a_bug_exits_70_without_writing(
    write_articles: WriteArticles,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("crosscheck.pipeline.build_report", broken)
    seeds = write_articles({"a.txt": "The bridge reopened on Friday after repairs."})
    code, err = run(capsys, "report", str(seeds), "--out", str(tmp_path / "r"))
    assert code == cli.EXIT_INTERNAL
    assert "boom" in err and "internal error" in err
    assert not (tmp_path / "r").exists()


def test_a_hostile_file_name_cannot_hide_the_report(
    write_articles: WriteArticles, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Reliability case 14: a line break and "<!--" in a name hid the rest of the report; "#"
    and ")" broke the links. Case 17: control characters never reach the report."""
    seeds = write_articles(
        {
            "a\n<!--.txt": "The council voted on Tuesday to close the bridge.\x1b[2J",
            "b #1 (x).txt": "The council voted on Tuesday to close the bridge.",
        }
    )
    code, _ = run(capsys, "report", str(seeds), "--out", str(tmp_path / "r"), "--no-cache")
    assert code == 0
    markdown = (tmp_path / "r" / "consistency.md").read_text()
    assert "<!--" not in markdown and "\x1b" not in markdown
    assert "a%0A%3C%21--.txt" in markdown and "b%20%231%20%28x%29.txt#L1" in markdown
    assert "## Agreeing (1)" in markdown
