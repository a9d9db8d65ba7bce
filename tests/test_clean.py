"""Cleaning scraped text: line-break repair, paragraph splitting, chrome removal, offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosscheck.clean import Paragraph, clean_paragraphs, is_chrome, is_time_stamp

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
HEADLINE = (
    "U.S. Defense Secretary Pete Hegseth Visits South Korea for High-Level Security Talks Amid Rising Regional Tensions"
)


def texts(raw: str, body_start: int = 0) -> list[str]:
    return [p.text for p in clean_paragraphs(raw, body_start)]


def assert_offsets_map_back(raw: str, paragraphs: list[Paragraph]) -> None:
    """Every clean character sits at its offset in the raw text; a space may stand for a line break."""
    for p in paragraphs:
        assert len(p.offsets) == len(p.text)
        assert list(p.offsets) == sorted(set(p.offsets)), "offsets must strictly increase"
        for i, ch in enumerate(p.text):
            if ch == " ":
                assert raw[p.offsets[i]].isspace()
            else:
                assert raw[p.offsets[i]] == ch, (p.text, i)


# --- line-break repair -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "The ministry issued a sep\narate release on the talks.",
            "The ministry issued a separate release on the talks.",
        ),
        (
            "Additionally, South Kore\na has expressed its intent.",
            "Additionally, South Korea has expressed its intent.",
        ),
    ],
    ids=["separate", "South Korea"],
)
def test_word_split_by_hard_line_break_is_rejoined(raw: str, expected: str) -> None:
    assert texts(raw) == [expected]


def test_soft_wrap_between_words_becomes_a_space() -> None:
    raw = "Updates on the most important\nstories unfolding in the global economy."
    assert texts(raw) == ["Updates on the most important stories unfolding in the global economy."]


def test_windows_line_ending_is_a_soft_wrap_too() -> None:
    raw = "Talks were held\r\nin the capital on Monday."
    assert texts(raw) == ["Talks were held in the capital on Monday."]


def test_line_end_hyphen_is_dropped_when_the_solid_word_is_common() -> None:
    # wordfreq knows "cooperate" well (zipf ~3.8), so "co-" / "operate" is one unhyphenated word.
    assert texts("The two navies will co-\noperate closely this year.") == [
        "The two navies will cooperate closely this year."
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("It is a well-\nknown fact among the experts.", "It is a well-known fact among the experts."),
        ("It is a long-\nterm plan for the whole region.", "It is a long-term plan for the whole region."),
    ],
)
def test_line_end_hyphen_is_kept_when_the_solid_word_is_rare(raw: str, expected: str) -> None:
    assert texts(raw) == [expected]


# --- paragraph breaks --------------------------------------------------------------------


def test_blank_line_separates_paragraphs() -> None:
    raw = "first paragraph has several words\n\nsecond paragraph has several words"
    assert texts(raw) == ["first paragraph has several words", "second paragraph has several words"]


def test_line_ending_a_sentence_closes_the_paragraph() -> None:
    raw = "The first sentence ends here.\nand the next line is its own paragraph."
    assert texts(raw) == ["The first sentence ends here.", "and the next line is its own paragraph."]


def test_line_starting_with_a_capital_opens_a_new_paragraph() -> None:
    raw = "Seoul announced the talks on Monday\nThe meeting is set for next month."
    assert texts(raw) == ["Seoul announced the talks on Monday", "The meeting is set for next month."]


# --- chrome ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "paragraph",
    [
        "Menu",
        "Search",
        "Close",
        "\u00a0\u00a0|\u00a0\u00a0 Politics",
        "  \u2022 Market Data\nClose",
        "Welcome to EconoTimes",
        "Sign up for daily updates for the most important stories unfolding in the global economy.",
        "Subscribe to our newsletter for the latest headlines every morning.",
        "",
        " | ",
    ],
)
def test_chrome_is_recognised(paragraph: str) -> None:
    assert is_chrome(paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [
        HEADLINE,
        "Hegseth arrived in Seoul on Monday.",
        "He resigned.",  # short, but a sentence
        "Seoul, 2025",  # short, but it states a number
        "Menu prices rose sharply in Seoul last year.",  # starts like chrome, is a sentence
    ],
)
def test_article_text_is_not_chrome(paragraph: str) -> None:
    assert not is_chrome(paragraph)


# Written in the styles of news sites' page stamps (invented times).
@pytest.mark.parametrize(
    "line",
    [
        "Posted: Oct 14, 2024 6:05 PM",
        "Posted October 13, 2024 - 4:12pm Updated October 14, 2024 - 7:40am",
        "UPDATED: 18:22 GMT, 3 June 2024",
        "First Posted: 09/12/24 07:31 PM ET Updated: 09/13/24 06:02 AM ET",
        "WEDNESDAY, JUNE 5, 2024, 11:48 AM",
        "8:05 a. m. Jan. 9, 2024",
        "Mon Feb 05 2024, 13:27 hrs",
        "Published time: May 21, 2024 03:16",
        "21 May 2024 @ 10:41 pm",
        "Updated 8:14 AM",
        "2025-11-03 10:15 KST",
        "Nov 3, 2025",
    ],
)
def test_time_stamps_of_the_page_are_chrome(line: str) -> None:
    assert is_time_stamp(line)
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "The talks open on November 4.",
        "May 3 was a Tuesday, officials said.",
        "On Tuesday at 5 p.m. the talks began.",
        "Last updated at the mayor's office on May 3, 2024",  # a sentence that mentions updating
        "The Sixers won 105-98 on Saturday.",
        "2024",  # a number with no date or clock in it
        "1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16-17-18-19-20-21-22-23-24-25 pm am 5:50 and more",
    ],
)
def test_sentences_with_dates_are_not_time_stamps(line: str) -> None:
    assert not is_time_stamp(line)


def test_chrome_paragraphs_are_dropped_and_the_headline_kept() -> None:
    raw = (
        "Menu\n\nSearch\n\n\u00a0\u00a0|\u00a0\u00a0 Politics\n\n"
        "Hegseth Visits South Korea for High-Level Security Talks\n\n"
        "Hegseth arrived in Seoul on Monday for talks.\n\n"
        "  \u2022 Market Data\nClose\n\n"
        "Welcome to EconoTimes\n\n"
        "Sign up for daily updates for the most important\nstories unfolding in the global economy."
    )
    assert texts(raw) == [
        "Hegseth Visits South Korea for High-Level Security Talks",
        "Hegseth arrived in Seoul on Monday for talks.",
    ]


# --- offsets -----------------------------------------------------------------------------


def test_offsets_map_back_through_repairs() -> None:
    raw = (
        "Menu\n\n"
        "  The ministry issued a sep\narate release, and South Kore\n"
        "a will co-\noperate on the most important\nissues.  \n\n"
        "A well-\nknown second paragraph follows here."
    )
    paragraphs = clean_paragraphs(raw)
    assert [p.text for p in paragraphs] == [
        "The ministry issued a separate release, and South Korea will cooperate on the most important issues.",
        "A well-known second paragraph follows here.",
    ]
    assert_offsets_map_back(raw, paragraphs)


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_offsets_map_back_in_seed_articles(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    paragraphs = clean_paragraphs(raw)
    assert paragraphs
    assert_offsets_map_back(raw, paragraphs)


def test_raw_span_covers_the_repaired_word() -> None:
    raw = "The ministry issued a sep\narate release on the talks."
    (paragraph,) = clean_paragraphs(raw)
    start = paragraph.text.index("separate")
    raw_start, raw_end = paragraph.raw_span(start, start + len("separate"))
    assert raw[raw_start:raw_end] == "sep\narate"


def test_body_start_skips_the_text_before_it_and_offsets_stay_absolute() -> None:
    head = "---\ntitle: Menu of the Day With Many Words\n---\n"
    raw = head + "The ministry issued a sep\narate release.\n\nSearch\n\nTalks will be held in Seoul."
    paragraphs = clean_paragraphs(raw, body_start=len(head))
    assert [p.text for p in paragraphs] == ["The ministry issued a separate release.", "Talks will be held in Seoul."]
    assert all(offset >= len(head) for p in paragraphs for offset in p.offsets)
    assert paragraphs[0].offsets[0] == len(head)
    assert_offsets_map_back(raw, paragraphs)


def test_body_start_in_the_middle_of_a_line() -> None:
    raw = "IGNORED PREFIX The talks will be held in Seoul."
    body_start = raw.index("The")
    paragraphs = clean_paragraphs(raw, body_start)
    assert [p.text for p in paragraphs] == ["The talks will be held in Seoul."]
    assert_offsets_map_back(raw, paragraphs)


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        (
            "Woman Killed in Queens Hit-And-Run, Police Arrest Driver on September 14, 2013 11:41am"
            " | Updated on September 14, 2013 11:41am",
            "Woman Killed in Queens Hit-And-Run, Police Arrest Driver",
        ),
        (
            "Colts Clinch Playoff Spot with 20-13 Win Over Chiefs on Dec 23 2012, 6:11p",
            "Colts Clinch Playoff Spot with 20-13 Win Over Chiefs",
        ),
        # Not a stamp: prose puts the time before the date, and a sentence ends with a stop.
        ("Quake Hits Aceh at 5:03 p.m. on Dec 23 2012", "Quake Hits Aceh at 5:03 p.m. on Dec 23 2012"),
        ("The talks ended on Dec 23, 2012, 6:11 p.m.", "The talks ended on Dec 23, 2012, 6:11 p.m."),
    ],
)
def test_a_stamp_glued_to_a_headline_is_dropped(line: str, headline: str) -> None:
    (paragraph,) = clean_paragraphs(f"{line}\n")
    assert paragraph.text == headline
    assert paragraph.raw_span(0, len(paragraph.text)) == (0, len(headline))
