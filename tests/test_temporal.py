"""Normalizing temporal expressions on an anchor date, and finding an article's anchor (pure logic)."""

from __future__ import annotations

import datetime as dt
import socket

import pytest

from crosscheck.dates.anchor import dateline_date, find_anchor, published_date
from crosscheck.domain import Anchor, AnchorKind
from crosscheck.temporal import Tense, WeekdayRule, find_temporal, normalize, tense_at

MONDAY = dt.date(2025, 11, 3)


@pytest.mark.parametrize(
    ("phrase", "value", "label"),
    [
        ("November 4", "2025-11-04", "2025-11-04"),
        ("Nov. 4, 2024", "2024-11-04", "2024-11-04"),
        ("4 November", "2025-11-04", "2025-11-04"),
        ("2025-10-28", "2025-10-28", "2025-10-28"),
        ("December 28", "2025-12-28", "2025-12-28"),
        ("yesterday", "2025-11-02", "2025-11-02"),
        ("a week ago", "2025-10-27", "2025-10-27"),
        ("last week", "2025-W44", "2025-W44"),
        ("this weekend", "2025-W45-WE", "2025-W45-WE"),
        ("next month", "2025-12", "2025-12"),
        ("early next month", "2025-12", "2025-12-01..2025-12-10"),
        ("late 2024", "2024", "2024-09-01..2024-12-31"),
        ("the third quarter", "2025-Q3", "2025-Q3"),
        ("the fourth quarter of 2005", "2005-Q4", "2005-Q4"),
        ("last September", "2025-09", "2025-09"),
        ("October of next year", "2026-10", "2026-10"),
        ("March of 2019", "2019-03", "2019-03"),  # "of" between a month and its year
        ("the 1980s", "198", "198"),
        ("recently", "PAST_REF", "PAST_REF"),
        ("six years", "P6Y", "P6Y"),
        ("ninth consecutive week", "2025-W45", "2025-W45"),  # a streak given alone: the anchor's week
        ("week", "2025-W45", "2025-W45"),  # a bare unit given alone ("their best [week]")
        ("at a later stage", "XXXX-XX-XX", "XXXX-XX-XX"),  # a date not yet set, not FUTURE_REF
        ("in recent Irish political history", "PAST_REF", "PAST_REF"),  # "recent ... history" is the past
    ],
)
def test_normalize_on_anchor(phrase: str, value: str, label: str) -> None:
    result = normalize(phrase, MONDAY)
    assert result is not None
    assert (result.value, result.label) == (value, label)


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        # A week belongs to the month that holds its Thursday, as ISO 8601 gives it to the year:
        # December 2024 starts on a Sunday, so its first week is 2-8 December.
        ("the first week of December 2024", "2024-W49"),
        # The last Thursday of February 2025 is the 27th: that week runs into March.
        ("the last week of February 2025", "2025-W09"),
        ("the second week of October", "2025-W41"),
    ],
)
def test_week_of_a_month_is_the_week_of_its_nth_thursday(phrase: str, value: str) -> None:
    result = normalize(phrase, MONDAY)
    assert result is not None and result.value == value


@pytest.mark.parametrize(
    ("phrase", "value", "mod"),
    [
        ("this fiscal year", "FY2025", None),
        ("last financial year", "FY2024", None),
        ("the end of the fiscal year", "FY2025", "END"),
    ],
)
def test_relative_fiscal_year_is_named_for_the_anchor_year_and_never_compared(
    phrase: str, value: str, mod: str | None
) -> None:
    result = normalize(phrase, MONDAY)
    assert result is not None and (result.value, result.mod, result.vague) == (value, mod, True)


def test_year_less_date_takes_the_year_nearest_the_anchor() -> None:
    result = normalize("December 28", dt.date(2026, 1, 5))
    assert result is not None and result.value == "2025-12-28"


@pytest.mark.parametrize(
    ("phrase", "value"),
    [("Tuesday", "XXXX-WXX-2"), ("November 4", "XXXX-11-04"), ("next month", "XXXX-XX"), ("2025", "2025")],
)
def test_without_anchor_relative_expressions_stay_unresolved(phrase: str, value: str) -> None:
    result = normalize(phrase, None)
    assert result is not None and result.value == value
    assert result.resolved is (value == "2025")


@pytest.mark.parametrize(
    ("tense", "rule", "expected"),
    [
        (Tense.FUTURE, WeekdayRule.TENSE, dt.date(2025, 11, 7)),  # "will meet on Friday": ahead
        (Tense.PAST, WeekdayRule.TENSE, dt.date(2025, 10, 31)),  # "met on Friday": the one before
        (Tense.PRESENT, WeekdayRule.TENSE, dt.date(2025, 10, 31)),  # nearest: 3 days back vs 4 ahead
        (Tense.PAST, WeekdayRule.WEEK, dt.date(2025, 11, 7)),  # the anchor's Monday-to-Sunday week
    ],
)
def test_weekday_direction(tense: Tense, rule: WeekdayRule, expected: dt.date) -> None:
    result = normalize("Friday", MONDAY, tense, rule)
    assert result is not None and result.start == expected


@pytest.mark.parametrize(
    ("sentence", "phrase", "tense"),
    [
        ("Ministers will meet on Tuesday.", "Tuesday", Tense.FUTURE),
        ("Ministers met on Tuesday.", "Tuesday", Tense.PAST),
        ("Hegseth arrived in South Korea on Monday for talks.", "Monday", Tense.PAST),
        ("The visit precedes the meeting on Tuesday, where they will talk.", "Tuesday", Tense.PRESENT),
        ("The deal should be completed in October.", "October", Tense.FUTURE),
    ],
)
def test_tense_of_the_clause_around_the_expression(sentence: str, phrase: str, tense: Tense) -> None:
    start = sentence.index(phrase)
    assert tense_at(sentence, start, start + len(phrase)) is tense


def test_find_temporal_gives_spans_and_values() -> None:
    text = "Hegseth arrived on Monday; the SCM follows on Tuesday, early next month by one account."
    found = [(m.text, m.value.label) for m in find_temporal(text, MONDAY)]
    assert found == [
        ("Monday", "2025-11-03"),
        ("Tuesday", "2025-11-04"),
        ("early next month", "2025-12-01..2025-12-10"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The ministers may meet again.",  # a modal
        "Theresa May met the minister.",  # a name
        "The 2000 troops left the base.",  # a count
        "She is in her 20s.",  # an age
        "He won car of the year.",  # a generic year
        "Shares may fall further after a large fall in sales.",  # a drop, not the season
    ],
)
def test_running_text_that_is_no_date(text: str) -> None:
    assert find_temporal(text, MONDAY) == []


def test_context_word_is_not_part_of_the_expression() -> None:
    text = "Deliveries run from 2009 to 2011 and resume in May."
    assert [(m.text, text[m.start : m.end]) for m in find_temporal(text, MONDAY)] == [
        ("2009", "2009"),
        ("2011", "2011"),
        ("May", "May"),
    ]


def test_tokenized_comma_before_the_year_keeps_the_year() -> None:
    # Tokenized corpora write "March 9 , 1999"; without the year the date would move to 2025.
    found = [(m.text, m.value.value) for m in find_temporal("The plant opened on March 9 , 1999 .", MONDAY)]
    assert found == [("March 9 , 1999", "1999-03-09")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # A streak or a record counts up to the day or week reported on: the anchor's, vague.
        ("Oil prices climbed for a fifth straight day.", [("a fifth straight day", "2025-11-03")]),
        ("Bond yields rose for a third week in a row.", [("a third week", "2025-W45")]),
        ("The index had its worst day since March.", [("day", "2025-11-03"), ("March", "2025-03")]),
        # No streak word: an ordinal day of something named is not the report's day.
        ("Delegates argued on the second day of the summit.", []),
    ],
)
def test_streaks_and_records_end_on_the_reported_day_or_week(text: str, found: list[tuple[str, str]]) -> None:
    mentions = find_temporal(text, MONDAY)
    assert [(m.text, m.value.value) for m in mentions] == found
    assert all(m.value.vague for m in mentions if m.text != "March")


def test_a_later_date_in_running_text_is_one_unset_date() -> None:
    found = [(m.text, m.value.value) for m in find_temporal("The vote was put off to a later date.", MONDAY)]
    assert found == [("a later date", "XXXX-XX-XX")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # Part of a period makes "the year" the calendar's, as "this" would; "car of the year" stays none.
        ("Stocks fell at the end of the year.", [("the end of the year", "2025-09-01..2025-12-31")]),
        # A month coordinated with a month is a month, though "and" alone is no date word ("and May said").
        ("Exports fell between May and July.", [("May", "2025-05"), ("July", "2025-07")]),
        # The month takes its year from "of next year", and "next year" stays a mention of its own.
        ("The lease runs until March of next year.", [("March", "2026-03"), ("next year", "2026")]),
        ("Rates rose in June of 2019.", [("June of 2019", "2019-06")]),
        # "fall" is the season after "in the" or before a year, as "a fall in sales" is not.
        ("The plant opens in the fall, as it did in fall 2019.", [("the fall", "2025-FA"), ("fall 2019", "2019-FA")]),
    ],
)
def test_running_text_months_and_years_read_with_their_neighbours(text: str, found: list[tuple[str, str]]) -> None:
    assert [(m.text, m.value.label) for m in find_temporal(text, MONDAY)] == found


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # "The same period last year" is the period named before it, a year back.
        ("Exports rose 12 % in August from the same month a year earlier.", "2024-08"),
        ("Profit doubled in the second quarter from the year-ago quarter.", "2024-Q2"),
        ("Its budget for this fiscal year exceeds the same period of the previous year.", "FY2024"),
        ("Turnover on 29 February 2024 beat the same day a year before.", "2023-02-28"),
        # Nothing named before it: somewhere in the year before the anchor's.
        ("Sales fell against the same quarter last year.", "2024"),
    ],
)
def test_the_same_period_last_year_is_the_period_named_before_a_year_back(text: str, value: str) -> None:
    last = find_temporal(text, MONDAY)[-1]
    assert last.text.startswith("the ") and (last.value.value, last.value.vague) == (value, True)


def test_past_weekend_said_on_a_weekday_is_the_one_before() -> None:
    (mention,) = find_temporal("Talks took place over the weekend.", MONDAY)
    assert mention.value.value == "2025-W44-WE"


# --- anchors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        dt.date(2025, 11, 3),
        dt.datetime(2025, 11, 3, 9, 30),
        "2025-11-03",
        "2025-11-03T23:30:00-05:00",
        "November 3, 2025",
    ],
)
def test_published_date_from_yaml_object_or_string(value: object) -> None:
    assert published_date(value) == MONDAY


@pytest.mark.parametrize("value", [None, "", "soon", 42])
def test_published_date_refuses_what_is_not_a_date(value: object) -> None:
    assert published_date(value) is None


@pytest.mark.parametrize(
    "line",
    [
        "November 3, 2025",
        "Updated: 2025-11-03 10:15 KST",
        "Published Monday, Nov. 3, 2025",
        "3 November 2025",
        "Mon., Nov. 3, 2025 11:45 AM PST",
        "Updated Monday, Nov. 3, 2025 | 5:00 PM",
        "SEOUL, Nov. 3, 2025 (Yonhap) -- South Korea's defense chief said",
    ],
)
def test_dateline_forms(line: str) -> None:
    assert dateline_date(line) == MONDAY


@pytest.mark.parametrize(
    "line",
    [
        "The meeting on November 4, 2025 will be the first.",  # a date inside a sentence is no dateline
        "SEOUL, Nov. 3 (Yonhap) -- South Korea's defense chief said",  # no year: not placed
    ],
)
def test_not_a_dateline(line: str) -> None:
    assert dateline_date(line) is None


def test_anchor_prefers_published_then_dateline_then_none() -> None:
    body = "Menu\n\nNovember 2, 2025\n\nThe talks will be held on Tuesday."
    assert find_anchor({"published": "2025-11-03"}, body) == Anchor(AnchorKind.PUBLISHED, MONDAY, "front matter")
    assert find_anchor({}, body) == Anchor(AnchorKind.DATELINE, dt.date(2025, 11, 2), "line 3: November 2, 2025")
    assert find_anchor({}, "The talks will be held on Tuesday.") == Anchor()


def test_a_stamp_glued_to_the_headline_dates_the_page() -> None:
    headline = "Police Arrest Driver on September 14, 2013 11:41am | Updated on September 14, 2013 11:41am"
    anchor = find_anchor({}, f"{headline}\n\nThe woman was struck on Friday.")
    assert (anchor.kind, anchor.date) == (AnchorKind.DATELINE, dt.date(2013, 9, 14))
    # A headline that dates its event in prose is no stamp: the time comes before the date.
    assert find_anchor({}, "Quake Hits Aceh at 5:03 p.m. on Dec 23 2012\n\nText.") == Anchor()


def test_dateline_line_numbers_count_the_front_matter() -> None:
    raw = "---\ntitle: x\n---\nNovember 2, 2025\nText."
    anchor = find_anchor({"title": "x"}, raw, raw.index("November"))
    assert anchor.where == "line 4: November 2, 2025"


def test_published_date_parsing_stays_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert published_date("Mon, 03 Nov 2025 10:00:00 GMT") == MONDAY
