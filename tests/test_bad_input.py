"""Bad input and faults: each gets a clear error or warning naming the file, never a traceback.

Numbers in the test names are the cases of the reliability issue they cover. Pure ingest and
settings checks, no model needed."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosscheck.config import resolve_settings
from crosscheck.errors import ConfigError, InputError
from crosscheck.ingest import FRONT_MATTER_MAX_VALUES, iter_articles, read_article

BODY = "The council voted on Tuesday to close the bridge.\n"


def article(tmp_path: Path, front_matter: str) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(f"---\n{front_matter}\n---\n{BODY}", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("front_matter", "reason"),
    [
        ("published: 2025-13-45", "YAML cannot read"),  # 4: a YAML date off the calendar
        ("cover: !!binary aGVsbG8=", "bytes"),  # 5: no plain value, would break the JSON later
        ("tags: !!set {a, b}", "set"),  # 5
        ("score: .nan", "finite"),  # 13: NaN would make the JSON invalid
        ("published: yesterday", "relative to the day of the run"),  # 11
        ("published: 3 days ago", "relative to the day of the run"),  # 11
    ],
)
def test_front_matter_that_cannot_be_used_stops_with_the_file_and_reason(
    tmp_path: Path, front_matter: str, reason: str
) -> None:
    path = article(tmp_path, front_matter)
    with pytest.raises(InputError, match=reason) as error:
        read_article(path, tmp_path)
    assert error.value.path == path


def test_skip_invalid_skips_front_matter_errors_too(tmp_path: Path) -> None:
    article(tmp_path, "published: 2025-13-45")
    (tmp_path / "b.txt").write_text(BODY, encoding="utf-8")
    found = list(iter_articles(tmp_path, skip_invalid=True))
    assert [type(item).__name__ for item in found] == ["InputError", "Article"]


def test_a_yaml_alias_bomb_is_refused(tmp_path: Path) -> None:  # 10
    levels = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    levels += [
        f"{name}: &{name} [{', '.join(['*' + prev] * 10)}]" for prev, name in zip("abcdef", "bcdefg", strict=True)
    ]
    path = article(tmp_path, "\n".join(levels))
    with pytest.raises(InputError, match=f"more than {FRONT_MATTER_MAX_VALUES} values"):
        read_article(path, tmp_path)


def test_an_unreadable_published_value_is_a_warning_naming_it(tmp_path: Path) -> None:  # 12
    loaded = read_article(article(tmp_path, "published: sometime in autumn"), tmp_path)
    (warning,) = loaded.warnings
    assert "sometime in autumn" in warning and "not a date" in warning
    assert loaded.source.anchor.date is None


def test_a_real_published_date_gives_no_warning(tmp_path: Path) -> None:
    loaded = read_article(article(tmp_path, "published: Mon, 03 Nov 2025 10:00 GMT"), tmp_path)
    assert loaded.warnings == ()
    assert loaded.source.anchor.date is not None and loaded.source.anchor.date.isoformat() == "2025-11-03"


def pyproject(tmp_path: Path, table: str) -> Path:
    path = tmp_path / "pyproject.toml"
    path.write_text(f"[tool.crosscheck]\n{table}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ("batch_size = 0", "batch_size"),  # 6
        ("batch_size = -3", "batch_size"),
        ("match_probability = -5", "match_probability"),  # 13
        ("match_probability = 7.5", "match_probability"),
        ("match_probability = nan", "match_probability"),
        ("possible_match_probability = inf", "possible_match_probability"),
    ],
)
def test_settings_out_of_range_are_refused(tmp_path: Path, table: str, key: str) -> None:
    with pytest.raises(ConfigError, match=key):
        resolve_settings(pyproject(tmp_path, table), {})


def test_a_flag_out_of_range_is_refused_too(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="batch_size"):
        resolve_settings(None, {"batch_size": 0})
