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
    add_codes = (cli.EXIT_FETCH, cli.EXIT_PAGE, cli.EXIT_DUPLICATE)
    for code in (*codes, *add_codes, cli.EXIT_INTERNAL, cli.EXIT_INTERRUPTED):
        assert re.search(rf"\b{code} [a-z]", README), f"exit code {code} missing from README"
        assert re.search(rf"^  {code}\s", cli.EPILOG, re.M), f"exit code {code} missing from --help"


def test_every_add_flag_and_exit_code_is_documented() -> None:
    page = (ROOT / "docs" / "adding-pages.md").read_text(encoding="utf-8")
    commands = next(a for a in cli.build_parser()._actions if a.dest == "command")
    add = commands.choices["add"]  # type: ignore[index]
    flags = [option for action in add._actions for option in action.option_strings if option.startswith("--")]
    assert flags == ["--help", "--to", "--force", "--no-raw", "--timeout", "--quiet"]
    for flag in flags[1:]:
        assert f"`{flag}" in page, f"{flag} missing from docs/adding-pages.md"
    codes = (cli.EXIT_OK, cli.EXIT_USAGE, cli.EXIT_INPUT, cli.EXIT_OUTPUT, cli.EXIT_FETCH, cli.EXIT_PAGE)
    for code in (*codes, cli.EXIT_DUPLICATE, cli.EXIT_INTERRUPTED):
        assert f"| {code} |" in page, f"exit code {code} missing from docs/adding-pages.md"
