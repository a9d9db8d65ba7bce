"""The reviews file: a deterministic round trip, and clear errors naming the file and reason."""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from pathlib import Path

import pytest

from crosscheck.errors import ReviewsError
from crosscheck.reviews import (
    Review,
    Reviews,
    Verdict,
    read_reviews,
    record_review,
    render_reviews,
    toml_string,
    write_reviews,
)

FP1 = "fp-0123456789abcdef"
FP2 = "fp-fedcba9876543210"


def test_round_trip_keeps_every_field_and_sorts_by_fingerprint(tmp_path: Path) -> None:
    tricky = 'He said "no" \\ then\nleft\ttwice \x7f and 東京 “quoted”'
    reviews = Reviews(tmp_path / "reviews.toml").with_review(
        Review(FP2, Verdict.CONFIRMED, note=tricky, reviewer="Ana", date=dt.date(2026, 11, 24))
    )
    reviews = reviews.with_review(
        Review(FP1, Verdict.DISMISSED, about="date conflict: November 4 / Tuesday", quotes=("a.txt line 2: x", tricky))
    )
    write_reviews(reviews)
    again = read_reviews(reviews.path)
    assert again == reviews
    text = reviews.path.read_text(encoding="utf-8")
    assert text.index(f"[{FP1}]") < text.index(f"[{FP2}]")
    assert text == render_reviews(reversed(reviews.items))  # order of input does not matter


def test_a_new_verdict_replaces_the_old_one(tmp_path: Path) -> None:
    reviews = Reviews(tmp_path / "r.toml").with_review(Review(FP1, Verdict.CONFIRMED))
    reviews = reviews.with_review(Review(FP1, Verdict.DISMISSED, note="false alarm"))
    assert len(reviews) == 1 and reviews.get(FP1) == Review(FP1, Verdict.DISMISSED, note="false alarm")


def test_missing_file_is_no_reviews(tmp_path: Path) -> None:
    assert len(read_reviews(tmp_path / "reviews.toml")) == 0


@pytest.mark.parametrize("text", ["", "plain", "\x00\x1f\x7f\u2028", 'a"b\\c', "tab\there"])
def test_toml_strings_read_back_as_written(text: str) -> None:
    assert tomllib.loads(f"x = {toml_string(text)}")["x"] == text


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (f"[{FP1}\nverdict = 'dismissed'\n", "is not valid TOML"),
        ("[fp-123]\nverdict = 'dismissed'\n", "'fp-123' is not a finding fingerprint"),
        (f"{FP1} = 'dismissed'\n", "must be a table"),
        (f"[{FP1}]\nverdict = 'dismissed'\nreviwer = 'Ana'\n", "unknown field 'reviwer'"),
        (f"[{FP1}]\nnote = 'x'\n", "has no verdict"),
        (f"[{FP1}]\nverdict = 'ok'\n", "verdict must be one of 'confirmed', 'dismissed'"),
        (f"[{FP1}]\nverdict = 'confirmed'\ndate = '24 Nov'\n", "date must be a date"),
        (f"[{FP1}]\nverdict = 'confirmed'\ndate = 2026-11-24T10:00:00\n", "date must be a date"),
        (f"[{FP1}]\nverdict = 'confirmed'\nquotes = 'a'\n", "quotes must be a list of strings"),
        (f"[{FP1}]\nverdict = 'confirmed'\nnote = 3\n", "note must be a string"),
    ],
)
def test_malformed_file_names_the_file_and_the_reason(tmp_path: Path, body: str, reason: str) -> None:
    path = tmp_path / "reviews.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ReviewsError, match=reason) as error:
        read_reviews(path)
    assert str(path) in str(error.value)


def test_an_interrupted_write_leaves_the_previous_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reviews = Reviews(tmp_path / "reviews.toml").with_review(Review(FP1, Verdict.DISMISSED, note="kept"))
    write_reviews(reviews)
    before = reviews.path.read_bytes()

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_reviews(reviews.with_review(Review(FP2, Verdict.CONFIRMED)))
    assert reviews.path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["reviews.toml"]  # no temporary file left behind


def test_recording_a_verdict_keeps_what_changed_on_disk_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "reviews.toml"
    started = read_reviews(path)  # a review session starts with no reviews
    write_reviews(Reviews(path).with_review(Review(FP1, Verdict.CONFIRMED, note="by hand")))  # someone else
    saved = record_review(started.path, Review(FP2, Verdict.DISMISSED))
    assert [r.fingerprint for r in saved.items] == [FP1, FP2] and read_reviews(path) == saved
