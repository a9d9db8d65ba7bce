"""Claims from articles: citations back into the raw file, stable ids, sentence splitting."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crosscheck.claims import article_claims
from crosscheck.domain import Claim
from crosscheck.ingest import Article, read_article

SEEDS = Path(__file__).parent.parent / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
HEADLINE = (
    "U.S. Defense Secretary Pete Hegseth Visits South Korea for High-Level Security Talks Amid Rising Regional Tensions"
)
YONHAP, ECONOTIMES = SEED_FILES  # 000_… (hard line breaks), 004_… (site chrome)


def write(tmp_path: Path, name: str, text: str) -> Article:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_article(path, tmp_path)


def claims_of(path: Path) -> list[Claim]:
    return article_claims(read_article(path, path.parent))


def assert_cites_raw(raw: str, claim: Claim) -> None:
    """raw[start:end] is the claim once each line break is removed or turned into a space."""
    assert "\n" not in claim.text
    quoted = raw[claim.start : claim.end]
    assert re.sub(r"\s+", "", quoted) == re.sub(r"\s+", "", claim.text), (quoted, claim.text)
    # Stricter: each line break (with the indentation around it) is either nothing or one space.
    lines = re.split(r"[ \t\u00a0\r]*\n[ \t\u00a0]*", quoted)
    assert re.fullmatch(" ?".join(map(re.escape, lines)), claim.text), (quoted, claim.text)


def assert_line_is_right(raw: str, claim: Claim) -> None:
    assert claim.line == raw.count("\n", 0, claim.start) + 1


# --- citations ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_seed_claims_cite_their_raw_text_and_line(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    claims = claims_of(path)
    assert len(claims) >= 10
    for claim in claims:
        assert_cites_raw(raw, claim)
        assert_line_is_right(raw, claim)


def test_claims_come_in_file_order() -> None:
    claims = claims_of(YONHAP)
    assert [c.start for c in claims] == sorted(c.start for c in claims)
    assert all(c.start < c.end for c in claims)


def test_repaired_word_is_cited_across_its_line_break() -> None:
    raw = YONHAP.read_text(encoding="utf-8")
    claims = claims_of(YONHAP)
    texts = [c.text for c in claims]
    assert not any("sep arate" in t for t in texts)
    assert not any("South Kore a" in t for t in texts)
    (separate,) = [c for c in claims if "separate release" in c.text]
    assert "sep\narate" in raw[separate.start : separate.end]
    assert separate.line == 3  # the line it starts on, not the one "arate" sits on


def test_small_file_claims_cite_raw_text_and_lines(tmp_path: Path) -> None:
    raw = (
        "Menu\n\n"
        "The ministry issued a sep\narate release on the talks.\n"
        "Officials said the most important\nissues are trade and security.\n\n"
        "Talks will be held in Seoul. They start on Monday morning."
    )
    article = write(tmp_path, "small.txt", raw)
    claims = article_claims(article)
    assert [c.text for c in claims] == [
        "The ministry issued a separate release on the talks.",
        "Officials said the most important issues are trade and security.",
        "Talks will be held in Seoul.",
        "They start on Monday morning.",
    ]
    assert [c.line for c in claims] == [3, 5, 8, 8]
    for claim in claims:
        assert_cites_raw(raw, claim)
        assert_line_is_right(raw, claim)


# --- ids ---------------------------------------------------------------------------------


def test_ids_are_stable_across_runs() -> None:
    for path in SEED_FILES:
        first = [c.id for c in claims_of(path)]
        second = [c.id for c in claims_of(path)]
        assert first == second
        assert len(set(first)) == len(first)
        assert all(re.fullmatch(r"c-[0-9a-f]{12}", claim_id) for claim_id in first)


def test_same_sentence_in_two_sources_gets_different_ids(tmp_path: Path) -> None:
    text = "The talks will be held in Seoul on Monday."
    (a,) = article_claims(write(tmp_path, "a.txt", text))
    (b,) = article_claims(write(tmp_path, "b.txt", text))
    assert a.text == b.text
    assert (a.source, b.source) == ("a.txt", "b.txt")
    assert a.id != b.id


def test_seed_ids_differ_between_sources() -> None:
    ids_a = {c.id for c in claims_of(YONHAP)}
    ids_b = {c.id for c in claims_of(ECONOTIMES)}
    assert not ids_a & ids_b


def test_id_does_not_depend_on_position(tmp_path: Path) -> None:
    sentence = "The talks will be held in Seoul on Monday."
    (alone,) = article_claims(write(tmp_path, "story.txt", sentence))
    shifted = article_claims(write(tmp_path, "story.txt", "Officials confirmed the schedule today.\n\n" + sentence))
    assert shifted[1].text == sentence
    assert shifted[1].id == alone.id


# --- sentence splitting and filtering -----------------------------------------------------


def test_us_abbreviation_does_not_end_a_sentence(tmp_path: Path) -> None:
    claims = article_claims(
        write(tmp_path, "us.txt", "The South Korea-U.S. alliance faces challenges. Talks begin in Seoul on Monday.")
    )
    assert [c.text for c in claims] == [
        "The South Korea-U.S. alliance faces challenges.",
        "Talks begin in Seoul on Monday.",
    ]


def test_headline_repeated_as_credited_caption_counts_once(tmp_path: Path) -> None:
    raw = (
        "Title Words Here Now\n\n"
        "Title Words Here Now. Source: X, Public domain, via Wikimedia Commons\n\n"
        "Body sentence one is here."
    )
    claims = article_claims(write(tmp_path, "caption.txt", raw))
    assert [c.text for c in claims] == ["Title Words Here Now", "Body sentence one is here."]
    assert [c.line for c in claims] == [1, 5]


def test_seed_headline_appears_once_and_credit_never() -> None:
    texts = [c.text for c in claims_of(ECONOTIMES)]
    assert texts[0] == HEADLINE
    assert sum(HEADLINE in t for t in texts) == 1
    assert not any("Wikimedia" in t or "Public domain" in t for t in texts)


@pytest.mark.parametrize("chrome", ["Menu", "Market Data", "Welcome to EconoTimes", "Sign up", "Politics", "Close"])
def test_no_seed_claim_contains_site_chrome(chrome: str) -> None:
    assert not any(chrome in c.text for c in claims_of(ECONOTIMES))


def test_fragments_are_not_claims(tmp_path: Path) -> None:
    claims = article_claims(write(tmp_path, "short.txt", "Reuters.\n\nThe talks will be held in Seoul."))
    assert [c.text for c in claims] == ["The talks will be held in Seoul."]


@pytest.mark.parametrize(
    "stamp",
    ["26 September 2013, 10:00 (GMT+05:00)", "Updated Monday, November 3, 2025 at 9:41 am ET", "Posted: 11:32 AM EST"],
)
def test_a_line_that_only_dates_the_page_is_no_claim(tmp_path: Path, stamp: str) -> None:
    """Three outlets' page timestamps would otherwise group as one fact and conflict on the time."""
    claims = article_claims(write(tmp_path, "stamped.txt", f"{stamp}\n\nThe talks were held in Seoul on Monday."))
    assert [c.text for c in claims] == ["The talks were held in Seoul on Monday."]


# --- front matter ------------------------------------------------------------------------


def test_front_matter_is_metadata_and_lines_count_it(tmp_path: Path) -> None:
    raw = (
        "---\ntitle: X\npublished: 2025-11-03\n---\n"
        "The ministry issued a sep\narate release on Monday.\n"
        "The talks will be held in Seoul.\n"
    )
    article = write(tmp_path, "dated.txt", raw)
    assert dict(article.source.metadata) == {"title": "X", "published": "2025-11-03"}
    assert article.source.title == "X"
    assert article.body_start == raw.index("The ministry")

    claims = article_claims(article)
    assert [c.text for c in claims] == [
        "The ministry issued a separate release on Monday.",
        "The talks will be held in Seoul.",
    ]
    assert [c.line for c in claims] == [5, 7]
    for claim in claims:
        assert claim.start >= article.body_start
        assert_cites_raw(raw, claim)
        assert_line_is_right(raw, claim)


def test_front_matter_text_is_never_a_claim(tmp_path: Path) -> None:
    raw = "---\ntitle: The talks will be held in Seoul\n---\nOfficials confirmed the schedule today.\n"
    claims = article_claims(write(tmp_path, "fm.txt", raw))
    assert [c.text for c in claims] == ["Officials confirmed the schedule today."]
    assert claims[0].line == 4


def test_a_claim_may_mix_joined_words_and_soft_wraps(tmp_path: Path) -> None:
    raw = "The ministry issued a sep\narate release on the most important\nissues of the alliance."
    (claim,) = article_claims(write(tmp_path, "mixed.txt", raw))
    assert claim.text == "The ministry issued a separate release on the most important issues of the alliance."
    assert (claim.start, claim.end, claim.line) == (0, len(raw), 1)
    assert_cites_raw(raw, claim)
