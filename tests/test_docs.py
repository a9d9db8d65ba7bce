"""The README's promises that a test can hold it to."""

from __future__ import annotations

import re
from pathlib import Path

from crosscheck import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quick_start_has_two_commands_and_ci_runs_the_test_one() -> None:
    commands = quick_start_commands()
    assert len(commands) == 2
    report_command, test_command = commands
    assert report_command.endswith("crosscheck report")
    assert test_command.endswith("pytest")
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_documents_every_exit_code() -> None:
    codes = (cli.EXIT_OK, cli.EXIT_FINDINGS, cli.EXIT_USAGE, cli.EXIT_INPUT, cli.EXIT_MODEL, cli.EXIT_OUTPUT)
    for code in (*codes, cli.EXIT_INTERNAL, cli.EXIT_INTERRUPTED):
        assert re.search(rf"\b{code} [a-z]", README), f"exit code {code} missing from README"
        assert re.search(rf"^  {code}\s", cli.EPILOG, re.M), f"exit code {code} missing from --help"
