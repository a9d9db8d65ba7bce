"""Settings precedence: defaults, then [tool.crosscheck] in pyproject.toml, then flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosscheck import cli
from crosscheck.config import find_pyproject, resolve_settings
from crosscheck.errors import ConfigError
from crosscheck.settings import Settings


def pyproject(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "pyproject.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_defaults_without_a_table(tmp_path: Path) -> None:
    assert resolve_settings(pyproject(tmp_path, "[project]\nname = 'x'\n"), {}) == Settings()


def test_table_overrides_defaults_and_flags_override_the_table(tmp_path: Path) -> None:
    path = pyproject(tmp_path, "[tool.crosscheck]\nmatch-probability = 1\nmodel = 'from-file'\n")
    settings = resolve_settings(path, {"model": "from-flag", "skip_invalid": None})
    assert settings.match_probability == 1.0
    assert settings.model == "from-flag"
    assert settings.skip_invalid is False


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[tool.crosscheck]\nthreshold = 0.5\n", "unknown setting 'threshold'"),
        ("[tool.crosscheck]\nbatch_size = 'big'\n", "must be a int"),
        ("[tool.crosscheck]\nskip_invalid = 1\n", "must be a bool"),
        ("[tool.crosscheck\n", "cannot be read as TOML"),
    ],
)
def test_bad_settings_are_errors_naming_the_key(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        resolve_settings(pyproject(tmp_path, body), {})


def test_nearest_pyproject_above_the_seeds(tmp_path: Path) -> None:
    path = pyproject(tmp_path, "")
    seeds = tmp_path / "stories" / "seeds"
    seeds.mkdir(parents=True)
    assert find_pyproject(seeds) == path


def test_cli_reports_a_bad_setting_with_exit_code_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pyproject(tmp_path, "[tool.crosscheck]\nthreshold = 0.5\n")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("The bridge reopened on Friday after repairs.\n")
    assert cli.main(["report", str(seeds), "--out", str(tmp_path / "r")]) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert "threshold" in err and "pyproject.toml" in err
    assert not (tmp_path / "r").exists()
