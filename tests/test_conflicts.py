"""Values a claim states (dates, times, numbers, negation) and when two claims disagree on them."""

from __future__ import annotations

import datetime as dt

import pytest

from crosscheck.conflicts import Disagreement, Values, compare, date_agreement, extract_values
from crosscheck.domain import ConflictType


def disagreements(a: str, b: str) -> list[Disagreement]:
    return compare(extract_values(a), extract_values(b))


# --- extraction --------------------------------------------------------------------------


def test_dates_are_extracted_with_normalized_values() -> None:
    values = extract_values("The talks on November 4 follow a visit on Tuesday and a meeting on 2025-10-28.")
    assert [(d.text, d.value.value) for d in values.dates] == [
        ("November 4", "XXXX-11-04"),
        ("Tuesday", "XXXX-WXX-2"),
        ("2025-10-28", "2025-10-28"),
    ]


def test_dates_are_read_from_the_anchor() -> None:
    values = extract_values("The talks will be held on Tuesday, not November 5.", dt.date(2025, 11, 3))
    assert [(d.text, d.value.value) for d in values.dates] == [("Tuesday", "2025-11-04"), ("November 5", "2025-11-05")]


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


@pytest.mark.parametrize("written", ["5 p.m.", "5 p. m."])  # the second as some sites (and ECB+) space it
def test_times_are_not_read_as_numbers(written: str) -> None:
    values = extract_values(f"The parade starts at {written} on the square.")
    assert [t.text for t in values.times] == [written]
    assert values.quantities == ()


def test_scores_told_at_different_moments_of_the_game_are_not_compared() -> None:
    """A score told at a moment of the game clock runs on: "leading 83-58 with 5:33 to play" is
    no other figure for "leading 24-20" earlier on. Final scores, and scores at one moment, are
    compared."""
    late = "Hansbrough left the game with the Tar Heels leading 83-58 with 5:33 to play."
    assert disagreements("Hansbrough missed a dunk 23 seconds later with UNC leading 24-20.", late) == []
    assert disagreements("The Tar Heels were leading 81-58 with 5:33 to play.", late) != []
    (found,) = disagreements("North Carolina beat Evansville 91-73.", "North Carolina beat Evansville 91-75.")
    assert (found.type, found.a, found.b) == (ConflictType.NUMBER, "73", "75")


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        ("A quake killed more than 1, 000 people.", [1000.0]),
        ("The tsunami killed 230, 000 people.", [230000.0]),
        ("In the storm of 2009, 100 people died.", [100.0]),
    ],
)
def test_a_spaced_thousands_group_is_one_number(text: str, amounts: list[float]) -> None:
    """ "1, 000" as some sites space it is a thousand: a group with a leading zero after a comma
    is a thousands group; any other group after a comma and a space is a number of its own."""
    assert [q.low for q in extract_values(text).quantities] == amounts


def test_a_game_clock_is_compared_only_with_a_game_clock() -> None:
    """ "with 13:41 to play" is on the game clock: compared with another game clock ("7:41
    left" / "7:42 left" disagree), never with a time of day; a scheduled break named by its
    clock ("the under-16:00 media timeout") is no time at all, nor two numbers."""
    evening = "Artino dunked at 9:30 p.m. in the first half."
    assert disagreements("Creighton opened a 45-36 lead with 13:41 to play.", evening) == []
    timeout = extract_values("Artino broke a 12-12 tie at the under-16:00 media timeout.")
    assert timeout.times == () and not any(q.text in ("16", "00") for q in timeout.quantities)
    (found,) = disagreements(
        "Hansbrough broke the record with 7:41 left in the first half.",
        "Hansbrough broke the record with 7:42 left in the first half.",
    )
    assert (found.type, found.a, found.b) == (ConflictType.TIME, "7:41", "7:42")


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        ("The fire was knocked down by 6:40 a.m.", "The fire was extinguished by 7 a.m.", False),
        ("The fire was out at 6:40 a.m.", "The fire was out by 7 a.m.", False),
        ("The fire was out by 6:40 a.m.", "The fire was out at 7:30 a.m.", True),
    ],
)
def test_a_time_written_by_is_a_deadline(a: str, b: str, conflict: bool) -> None:
    """ "by 7 a.m." is at 7 or before: "by 6:40" and "at 6:40" fit it, "at 7:30" does not fit "by 6:40"."""
    assert bool(disagreements(a, b)) is conflict


def test_negation_names_the_negated_verb() -> None:
    (negation,) = extract_values("He will not attend the summit.").negations
    assert negation.text == "not attend"


# --- comparison --------------------------------------------------------------------------


def test_date_and_weekday_without_anchor_are_unresolved() -> None:
    (found,) = disagreements("The meeting will be held on November 4.", "The meeting will be held on Tuesday.")
    assert (found.type, found.a, found.b) == (ConflictType.UNRESOLVED, "November 4", "Tuesday")
    assert (found.normalized_a, found.normalized_b) == ("XXXX-11-04", "XXXX-WXX-2")
    assert found.reason is not None and "“Tuesday” (XXXX-WXX-2)" in found.reason


MONDAY = dt.date(2025, 11, 3)


def anchored(
    a: str, b: str, anchor_a: dt.date | None = MONDAY, anchor_b: dt.date | None = MONDAY
) -> tuple[Values, Values]:
    return extract_values(a, anchor_a), extract_values(b, anchor_b)


def test_weekday_and_date_agree_after_normalization() -> None:
    a, b = anchored("The meeting will be held on November 4.", "The meeting will be held on Tuesday.")
    assert compare(a, b) == []
    agreement = date_agreement(a, b)
    assert agreement is not None
    assert (agreement.a.text, agreement.b.text, agreement.value) == ("November 4", "Tuesday", "2025-11-04")


def test_weekday_and_another_date_conflict_once_anchored() -> None:
    a, b = anchored("The meeting will be held on November 5.", "The meeting will be held on Tuesday.")
    (found,) = compare(a, b)
    assert (found.type, found.normalized_a, found.normalized_b) == (ConflictType.DATE, "2025-11-05", "2025-11-04")


def test_one_side_without_anchor_is_unresolved() -> None:
    a, b = anchored("The meeting was held on November 4.", "The meeting was held last week.", anchor_b=None)
    assert [d.type for d in compare(a, b)] == [ConflictType.UNRESOLVED]


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("The talks are set for early next month.", "The talks are set for December 4.", True),
        ("The talks are set for early next month.", "The talks are set for December 24.", False),
        ("The talks are set for next month.", "The talks are set for mid-December.", True),
        ("The talks were held last week.", "The talks were held on October 29.", True),
        ("The talks were held last week.", "The talks were held on November 4.", False),
    ],
)
def test_intervals_agree_when_they_overlap(a: str, b: str, agree: bool) -> None:
    assert (compare(*anchored(a, b)) == []) is agree


def test_vague_times_never_conflict() -> None:
    assert compare(*anchored("Talks recently resumed, officials said.", "Talks resumed on November 1.")) == []


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
    ) == [Disagreement(ConflictType.DATE, "November 4", "November 5", "XXXX-11-04", "XXXX-11-05")]


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
    assert [(d.type, d.a, d.b) for d in disagreements(a, b)] == [(ConflictType.NUMBER, *values)]


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


def test_unanchored_weekday_is_checked_against_a_full_date() -> None:
    fits = anchored("The meeting will be held on Tuesday.", "The meeting will be held on November 4, 2025.", None)
    assert compare(*fits) == []
    (found,) = compare(*anchored("The talks opened on Tuesday.", "The talks opened on November 10, 2011.", None))
    assert (found.type, found.normalized_a, found.normalized_b) == (ConflictType.DATE, "XXXX-WXX-2", "2011-11-10")


def test_same_weekday_with_one_anchor_missing_agrees() -> None:
    assert compare(*anchored("The fire broke out on Thursday.", "Fire broke out on Thursday night.", None)) == []


def test_two_different_weekdays_conflict_without_anchors() -> None:
    (found,) = disagreements("The council voted on Tuesday.", "The council voted on Wednesday.")
    assert (found.type, found.normalized_a, found.normalized_b) == (ConflictType.DATE, "XXXX-WXX-2", "XXXX-WXX-3")


def test_negated_function_word_is_no_negation() -> None:
    assert disagreements("The money is not for the schools.", "The money is for the schools.") == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Nobody in the league scored more points than Smith this season.", "Smith scored more points this season."),
        ("No other budget has been as large as this one.", "This budget is the largest on record."),
        ("The plan is not only cheaper but faster.", "The plan is cheaper and faster."),
        ("None of the ministers objected.", "The ministers objected to nothing in the plan."),
    ],
)
def test_quantifiers_and_comparisons_do_not_flip_polarity(a: str, b: str) -> None:
    assert [d for d in disagreements(a, b) if d.type is ConflictType.NEGATION] == []


def test_a_negative_quantifier_without_a_comparison_still_negates() -> None:
    (found,) = disagreements("Nobody attended the summit in Paris.", "The ministers attended the summit in Paris.")
    assert found.type is ConflictType.NEGATION


def test_a_rank_is_not_compared_with_a_count() -> None:
    assert disagreements("She scored her 11th point on a free throw.", "She finished with 23 points.") == []
    (found,) = disagreements("He won his 16th straight fight.", "He won his 15th straight fight.")
    assert (found.type, found.a, found.b) == (ConflictType.NUMBER, "16th", "15th")


@pytest.mark.parametrize("day", ["Saturday", "Sunday"])
def test_a_weekend_day_fits_the_weekend(day: str) -> None:
    assert disagreements(f"The teenager was shot on {day}.", "The teenager was shot at the weekend.") == []


def test_a_weekday_is_not_the_weekend() -> None:
    (found,) = disagreements("The teenager was shot on Tuesday.", "The teenager was shot at the weekend.")
    assert found.type in (ConflictType.DATE, ConflictType.UNRESOLVED)
