"""Bad input and faults: each gets a clear error or warning naming the file, never a traceback.

Numbers in the comments are the cases of the reliability issue they cover. Ingest, settings and
writing checks: no model needed."""

from __future__ import annotations

import errno
import os
import stat
import time
from pathlib import Path

import pytest

from crosscheck.claims import MAX_CLAIM_CHARS, article_claims
from crosscheck.config import resolve_settings
from crosscheck.conflicts import extract_values
from crosscheck.errors import ConfigError, InputError, OutputError
from crosscheck.ingest import FRONT_MATTER_MAX_VALUES, Article, OutsideLink, iter_articles, read_article
from crosscheck.text import printable
from crosscheck.write import STALE_TEMPORARY_S, write_reports

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


def test_reports_are_replaced_together_or_not_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reliability case 2: a disk that fills while the second report is written leaves both old
    reports in place, and no temporary file behind."""
    md, js = tmp_path / "consistency.md", tmp_path / "consistency.json"
    md.write_text("old md")
    js.write_text("old json")
    real_fsync = os.fsync
    calls = []

    def full_disk(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OutputError, match="No space left"):
        write_reports({md: "new md", js: "new json"})
    assert (md.read_text(), js.read_text()) == ("old md", "old json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["consistency.json", "consistency.md"]


def test_reports_keep_their_mode_and_stale_temporaries_go(tmp_path: Path) -> None:
    """Reliability case 18: a 0644 report stays 0644 (it became 0600); a new one gets the umask's
    mode. A temporary left by a killed run is removed by the next write."""
    kept, new = tmp_path / "kept.md", tmp_path / "new.json"
    kept.write_text("old")
    kept.chmod(0o644)
    stray = tmp_path / ".kept.md.abc123.tmp"
    stray.write_text("half")
    old = time.time() - STALE_TEMPORARY_S - 60
    os.utime(stray, (old, old))
    write_reports({kept: "new", new: "{}"})
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o644
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask
    assert not stray.exists()


def test_a_link_leading_outside_the_folder_is_skipped_never_read(tmp_path: Path) -> None:  # 3
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash is a secret line here.\n")
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "a.txt").write_text(BODY)
    (folder / "passwd.txt").symlink_to(secret)
    (folder / "inside.txt").symlink_to(folder / "a.txt")  # a link within the folder is fine
    found = list(iter_articles(folder))
    skipped = [item for item in found if isinstance(item, OutsideLink)]
    assert len(skipped) == 1 and "outside" in str(skipped[0]) and "passwd.txt" in str(skipped[0])
    assert sorted(a.source.id for a in found if isinstance(a, Article)) == ["a.txt", "inside.txt"]


def test_utf16_is_named_as_such(tmp_path: Path) -> None:  # 16
    path = tmp_path / "a.txt"
    path.write_bytes(BODY.encode("utf-16"))
    with pytest.raises(InputError, match="UTF-16"):
        read_article(path, tmp_path)


def test_lone_carriage_returns_end_lines(tmp_path: Path) -> None:  # 15
    path = tmp_path / "a.txt"
    path.write_bytes(
        b"The mayor spoke to reporters at noon on Monday.\r\r"
        b"The council voted on Tuesday to close the bridge.\rIt will reopen in March next year.\r"
    )
    claims = article_claims(read_article(path, tmp_path))
    assert [c.line for c in claims] == [1, 3, 4]


def test_a_sentence_of_a_megabyte_is_cut_into_bounded_claims(tmp_path: Path) -> None:  # 8, 9
    """10,000 dates in one 'sentence' (a quadratic extraction ran past 300 s) and a megabyte
    with no space at all: claims stay under MAX_CLAIM_CHARS, their spans still quote the file."""
    dates = " and ".join(f"January {1 + k % 28}, {1990 + k % 30}" for k in range(10_000))
    path = tmp_path / "a.txt"
    path.write_text(f"The meetings were held on {dates}.\n\n{'x' * 1_000_000}\n", encoding="utf-8")
    article = read_article(path, tmp_path)
    started = time.perf_counter()
    claims = article_claims(article)
    for claim in claims[:3]:
        extract_values(claim.text, None)
    assert time.perf_counter() - started < 30
    assert claims and all(len(c.text) <= MAX_CLAIM_CHARS for c in claims)
    assert all(article.raw[c.start : c.end] == c.text for c in claims)


def test_control_characters_never_reach_a_terminal() -> None:  # 17: what `review` prints goes through it
    assert printable("a\x1b[2Jb\tc\nd\x07\x9b") == "a[2Jb\tc\nd"
