"""The event verifier: its use in labelling (a stand-in verifier) and the shipped model itself."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from crosscheck.domain import Claim, ConflictType, Label
from crosscheck.errors import ModelError
from crosscheck.label import label_findings
from crosscheck.match import Group
from crosscheck.verifier import (
    CONFIRMING_PROBABILITY,
    ONE_EVENT_PROBABILITY,
    VERIFIER_PATH,
    EventVerifier,
    PairVerifier,
    default_verifier,
    event_text,
)
from tests.conftest import FixedVerifier

KILLED = "A woman was killed Wednesday night in a hit-and-run crash on the east side."
IDENTIFIED = "Police identified the woman on Thursday as a 45-year-old nurse."


def finding_of(first: str, second: str, verifier: PairVerifier) -> tuple[Label, list[ConflictType], list[str]]:
    claims = [Claim("a1", "a", first, 0, 1, 1), Claim("b1", "b", second, 0, 1, 1)]
    (finding,) = label_findings([Group((0, 1), 0.7, 0.6, ((0, 1),))], claims, verifier=verifier)
    return finding.label, [c.type for c in finding.conflicts], [c.reason or "" for c in finding.conflicts]


def test_dates_of_two_events_stay_listed_without_saying_the_sources_disagree() -> None:
    label, types, (reason,) = finding_of(KILLED, IDENTIFIED, FixedVerifier(0.05))
    assert label is Label.CONFLICTING  # listed, so a reviewer sees both dates
    assert types == [ConflictType.TWO_EVENTS] and not ConflictType.TWO_EVENTS.disagrees
    assert "date" in reason and "“kill”" in reason and "“identify”" in reason and "0.05" in reason


def test_dates_of_one_event_stay_a_conflict() -> None:
    verifier = FixedVerifier(0.9)
    assert finding_of(KILLED, IDENTIFIED, verifier)[1] == [ConflictType.DATE]
    # The verifier reads what each date qualifies, in its sentence.
    assert verifier.asked == [(event_text("kill", KILLED), event_text("identify", IDENTIFIED))]


class KillingApart:
    """Reads the killing as another event than the identification, anything else as one."""

    def probability(self, pairs: Sequence[tuple[str, str]]) -> npt.NDArray[np.float64]:
        return np.array([0.05 if any(text.startswith("kill:") for text in pair) else 0.9 for pair in pairs])


def test_a_date_the_finding_already_reads_as_another_event_is_that_event_elsewhere_too() -> None:
    """Article a dates the killing Wednesday twice, once on a weaker word ("walking"); against
    b's "identified ... on Thursday", the killing is read as two events, so the walk's Wednesday
    is too."""
    walking = "She was walking into the store with her husband around 7 p.m. Wednesday."
    claims = [
        Claim("a1", "a", KILLED, 0, 1, 1),
        Claim("a2", "a", walking, 0, 2, 2),
        Claim("b1", "b", IDENTIFIED, 0, 1, 1),
    ]
    (finding,) = label_findings([Group((0, 1, 2), 0.7, 0.6, ((0, 2), (1, 2)))], claims, verifier=KillingApart())
    assert [(c.type, c.a.qualifies) for c in finding.conflicts] == [
        (ConflictType.TWO_EVENTS, "kill"),
        (ConflictType.TWO_EVENTS, "walk"),
    ]
    # Alone, the walk's Wednesday stays a date conflict.
    (alone,) = label_findings([Group((1, 2), 0.7, 0.6, ((1, 2),))], claims, verifier=KillingApart())
    assert [c.type for c in alone.conflicts] == [ConflictType.DATE]


def test_the_verifier_is_asked_only_about_values_that_disagree_and_qualify_something() -> None:
    agreeing = FixedVerifier(0.0)
    assert finding_of(KILLED, KILLED.replace("A woman", "One woman"), agreeing)[0] is Label.AGREEING
    # A negation's word is the event itself: nothing to ask.
    negated = FixedVerifier(0.0)
    _, types, _ = finding_of(
        "The president will attend the summit in Paris.", "The president will not attend the summit in Paris.", negated
    )
    assert types == [ConflictType.NEGATION]
    assert agreeing.asked == [] and negated.asked == []


def test_one_doing_in_two_words_is_not_asked_about() -> None:
    # The same subject and object: one doing, whatever the verifier would read of the verbs.
    verifier = FixedVerifier(0.0)
    label, types, _ = finding_of(
        "Microsoft released an emergency patch on Friday.", "Microsoft issued the patch on Wednesday.", verifier
    )
    assert (label, types, verifier.asked) == (Label.CONFLICTING, [ConflictType.DATE], [])
    # Another doer: asked, and demoted.
    assert finding_of(KILLED, IDENTIFIED, verifier)[1] == [ConflictType.TWO_EVENTS]


ENTERED = "Tara Reid has entered a rehab clinic in Malibu, her publicist said."
NOT_CHECKED_IN = "Tara Reid has not checked into a rehab clinic in Malibu, her publicist said."


def test_a_denial_in_other_words_conflicts_only_where_the_verifier_reads_one_event() -> None:
    sure = FixedVerifier(CONFIRMING_PROBABILITY)
    label, types, (reason,) = finding_of(ENTERED, NOT_CHECKED_IN, sure)
    assert (label, types) == (Label.CONFLICTING, [ConflictType.NEGATION])
    assert "“enter”" in reason and "“check”" in reason and "one event" in reason
    assert sure.asked == [(event_text("enter", ENTERED), event_text("check", NOT_CHECKED_IN))]
    # Less sure: two facts of a story, not a disagreement to list (not even as two events).
    assert finding_of(ENTERED, NOT_CHECKED_IN, FixedVerifier(CONFIRMING_PROBABILITY - 0.01))[:2] == (Label.AGREEING, [])


def test_the_shipped_verifier_confirms_a_reworded_denial_and_not_a_denial_of_another_fact() -> None:
    verifier = default_verifier()
    assert finding_of(ENTERED, NOT_CHECKED_IN, verifier)[1] == [ConflictType.NEGATION]
    quake = finding_of(
        "A magnitude 6.1 earthquake hit the coast of Aceh on Tuesday.",
        "The quake did not strike the coast of Aceh on Tuesday.",
        verifier,
    )
    assert quake[1] == [ConflictType.NEGATION]
    unidentified = finding_of(
        "A driver killed the woman on Wednesday night.",
        "Police have not identified the driver who killed the woman.",
        verifier,
    )
    assert unidentified[:2] == (Label.AGREEING, [])


def test_the_shipped_verifier_tells_two_facts_of_a_story_from_one_fact_told_twice() -> None:
    verifier = default_verifier()
    two_facts, changed_toll, synonyms = verifier.probability(
        [
            (event_text("kill", KILLED), event_text("identify", IDENTIFIED)),
            (
                event_text("kill", "The earthquake in Aceh killed 12 people on Tuesday, officials said."),
                event_text("kill", "Tuesday's earthquake killed 18 people in Aceh province."),
            ),
            (
                event_text("hit", "A magnitude 6.1 earthquake hit Aceh on Tuesday."),
                event_text("strike", "The quake struck the province of Aceh on Wednesday morning."),
            ),
        ]
    )
    assert two_facts < ONE_EVENT_PROBABILITY
    assert changed_toll >= ONE_EVENT_PROBABILITY  # a changed value does not make two events
    assert synonyms >= ONE_EVENT_PROBABILITY  # nor a changed verb


def test_a_pairs_probability_does_not_depend_on_what_else_is_asked() -> None:
    verifier = default_verifier()
    pair = (event_text("kill", KILLED), event_text("identify", IDENTIFIED))
    alone = verifier.probability([pair])
    together = verifier.probability([(event_text("say", "He said so."), event_text("say", "She said no.")), pair])
    assert alone[0] == together[1]


def test_a_damaged_or_missing_verifier_is_a_clear_error(tmp_path: Path) -> None:
    damaged = tmp_path / "event_verifier.safetensors"
    damaged.write_bytes(VERIFIER_PATH.read_bytes()[:-1] + b"\x00")
    with pytest.raises(ModelError, match="sha256"):
        EventVerifier(damaged).probability([("a: b", "c: d")])
    with pytest.raises(ModelError, match="missing"):
        EventVerifier(tmp_path / "absent.safetensors").probability([("a: b", "c: d")])
