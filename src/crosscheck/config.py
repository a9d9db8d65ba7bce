"""Resolving the one Settings object: defaults, then [tool.crosscheck], then command-line flags."""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from crosscheck.errors import ConfigError
from crosscheck.settings import Settings

TABLE = ("tool", "crosscheck")


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above `start` (a folder or a file in one)."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        if (candidate / "pyproject.toml").is_file():
            return candidate / "pyproject.toml"
    return None


def resolve_settings(pyproject: Path | None, flags: Mapping[str, Any]) -> Settings:
    """Precedence, lowest first:
    1. the defaults in Settings;
    2. [tool.crosscheck] in `pyproject` (unknown keys and wrong types are errors);
    3. `flags`, the command-line options the user gave (None means not given).
    """
    settings = Settings()
    if pyproject is not None:
        table = _read_table(pyproject)
        if isinstance(table.get("reviews"), str) and table["reviews"]:
            # A path in pyproject.toml is relative to that file, wherever crosscheck runs from.
            table["reviews"] = str(pyproject.parent / table["reviews"])
        settings = _apply(settings, table, where=f"{pyproject} [tool.crosscheck]")
    given = {key: value for key, value in flags.items() if value is not None}
    return _apply(settings, given, where="command line")


def _read_table(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(path, f"cannot be read as TOML ({exc})") from exc
    table: Any = data
    for key in TABLE:
        table = table.get(key, {}) if isinstance(table, dict) else {}
    if not isinstance(table, dict):
        raise ConfigError(path, "[tool.crosscheck] must be a table")
    return {key.replace("-", "_"): value for key, value in table.items()}


def _apply(settings: Settings, values: Mapping[str, Any], *, where: str) -> Settings:
    known = {f.name: f for f in fields(Settings)}
    defaults = Settings()
    checked: dict[str, Any] = {}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(where, f"unknown setting {key!r} (known: {', '.join(sorted(known))})")
        expected = type(getattr(defaults, key))
        if expected is tuple:
            checked[key] = _string_list(key, value, where)
            continue
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or (expected is not bool and isinstance(value, bool)):
            raise ConfigError(where, f"setting {key!r} must be a {expected.__name__}, not {value!r}")
        _check_range(key, value, known[key].metadata.get("range"), where)
        checked[key] = value
    return replace(settings, **checked)


def _check_range(key: str, value: Any, bounds: tuple[float, float | None] | None, where: str) -> None:
    """A number within the setting's range (Settings field metadata), and finite: a NaN
    threshold would compare false with everything and write invalid JSON."""
    if bounds is None:
        return
    low, high = bounds
    if not math.isfinite(value) or value < low or (high is not None and value > high):
        allowed = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise ConfigError(where, f"setting {key!r} must be {allowed}, not {value!r}")


def _string_list(key: str, value: Any, where: str) -> tuple[str, ...]:
    """A list-of-names setting (`fail_on`); each name is checked where it is defined."""
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ConfigError(where, f"setting {key!r} must be a list of strings, not {value!r}")
    if key == "fail_on":
        from crosscheck.check import parse_policy

        return parse_policy(value, where)
    return tuple(value)
