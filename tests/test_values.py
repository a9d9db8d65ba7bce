"""Values a claim states (dates, times, numbers, negation) and when two claims disagree on them."""

from __future__ import annotations

import pytest

from crosscheck.domain import ConflictType
from crosscheck.values import Disagreement, compare, extract_values


def disagreements(a: str, b: str) -> list[Disagreement]:
    return compare(extract_values(a), extract_values(b))


# --- extraction --------------------------------------------------------------------------


def test_dates_are_extracted_with_comparison_keys() -> None:
    values = extract_values("The talks on November 4 follow a visit on Tuesday and a meeting on 2025-10-28.")
    assert [(d.text, d.kind, d.key) for d in values.dates] == [
        ("November 4", "month_day", "XXXX-11-04"),
        ("Tuesday", "weekday", "weekday:tuesday"),
        ("2025-10-28", "iso", "2025-10-28"),
    ]


def test_quantity_carries_hedge_interval_and_unit() -> None:
    (quantity,) = extract_values("The mission of about 28,000 American troops may change.").quantities
    assert quantity.text == "about 28,000"
    assert quantity.low == pytest.approx(25_200)
    assert quantity.high == pytest.approx(30_800)
    assert "troop" in quantity.units


@pytest.mark.parametrize(
    "text",
    [
        "North Korea unveiled the Hwasong-20 missile at the parade.",
        "The air force will buy more F-35 jets.",
    ],
)
def test_digits_inside_names_are_not_quantities(text: str) -> None:
    assert extract_values(text).quantities == ()


def test_times_are_not_read_as_numbers() -> None:
    values = extract_values("The parade starts at 5 p.m. on the square.")
    assert values.times == ("5 p.m.",)
    assert values.quantities == ()


def test_negation_names_the_negated_verb() -> None:
    (negation,) = extract_values("He will not attend the summit.").negations
    assert negation.text == "not attend"


# --- comparison --------------------------------------------------------------------------


def test_date_and_weekday_cannot_be_reconciled() -> None:
    assert disagreements(
        "The meeting will be held on November 4.",
        "The meeting will be held on Tuesday.",
    ) == [Disagreement(ConflictType.DATE, "November 4", "Tuesday")]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The meeting will be held on November 4.", "The meeting will be held on November 4th."),
        ("The meeting will be held on November 4.", "The meeting will be held on 4 November."),
        ("The meeting will be held in 2025.", "The meeting will be held on 2025-11-04."),
        ("The meeting will be held on Tuesday.", "The meeting will be held on Tuesday, officials said."),
    ],
)
def test_same_date_written_differently_agrees(a: str, b: str) -> None:
    assert disagreements(a, b) == []


def test_different_days_of_one_month_disagree() -> None:
    assert disagreements(
        "The meeting will be held on November 4.",
        "The meeting will be held on November 5.",
    ) == [Disagreement(ConflictType.DATE, "November 4", "November 5")]


def test_date_without_year_agrees_with_the_same_date_with_year() -> None:
    assert (
        disagreements(
            "The meeting will be held on November 4.",
            "The meeting will be held on Nov. 4, 2025.",
        )
        == []
    )


def test_date_without_year_disagrees_with_another_day_with_year() -> None:
    found = disagreements("The meeting will be held on November 4.", "The meeting will be held on November 11, 2025.")
    assert [d.type for d in found] == [ConflictType.DATE]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # "about" widens 28,000 by 10%, which admits 28,500.
        (
            "The mission of the 28,500 U.S. troops may change.",
            "The mission of about 28,000 American troops may change.",
        ),
        # "more than 100" is an open interval that admits 150.
        ("The fire killed more than 100 people.", "The fire killed 150 people."),
        # Different units: years of a term and troops are not one scale.
        ("During his five-year term he will act.", "The army has 450,000 active troops."),
        ("The blast left five dead.", "The blast left 5 dead."),
    ],
    ids=["hedge", "more-than", "units", "word-vs-digit"],
)
def test_compatible_numbers_do_not_disagree(a: str, b: str) -> None:
    assert disagreements(a, b) == []


@pytest.mark.parametrize(
    ("a", "b", "values"),
    [
        (
            "The mission of the 28,500 U.S. troops may change.",
            "The mission of 25,000 troops may change.",
            ("28,500", "25,000"),
        ),
        ("The blast left five dead.", "The blast left 24 dead.", ("five", "24")),
        ("The fire killed more than 100 people.", "The fire killed 50 people.", ("more than 100", "50")),
        ("Prices rose 3% in October.", "Prices rose 5 percent in October.", ("3%", "5 percent")),
    ],
    ids=["troops", "word-vs-digit", "more-than", "percent"],
)
def test_incompatible_numbers_disagree(a: str, b: str, values: tuple[str, str]) -> None:
    assert disagreements(a, b) == [Disagreement(ConflictType.NUMBER, *values)]


def test_different_times_disagree() -> None:
    assert disagreements(
        "The parade starts at 5 p.m. on the square.",
        "The parade starts at 7 p.m. on the square.",
    ) == [Disagreement(ConflictType.TIME, "5 p.m.", "7 p.m.")]


def test_same_time_written_differently_agrees() -> None:
    assert disagreements("The parade starts at 5 p.m. on the square.", "The parade starts at 5pm on the square.") == []


@pytest.mark.parametrize(
    ("a", "b", "values"),
    [
        ("He will not attend the summit.", "He will attend the summit.", ("not attend", "attend")),
        ("He will attend the summit.", "He will not attend the summit.", ("attend", "not attend")),
        ("He won't attend the summit.", "He will be attending the summit.", ("won't attend", "attending")),
    ],
    ids=["negated-first", "negated-second", "contraction"],
)
def test_negation_against_affirmation_disagrees(a: str, b: str, values: tuple[str, str]) -> None:
    assert disagreements(a, b) == [Disagreement(ConflictType.NEGATION, *values)]


def test_both_negated_agree() -> None:
    assert disagreements("He will not attend the summit.", "He did not attend the summit in Seoul.") == []


def test_claims_without_values_agree() -> None:
    assert disagreements("Hegseth visited the border.", "Hegseth toured the heavily fortified border.") == []


def test_negated_function_word_is_no_negation() -> None:
    assert disagreements("The money is not for the schools.", "The money is for the schools.") == []
