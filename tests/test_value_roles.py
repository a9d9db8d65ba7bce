"""Values read with the claim's parse (issue 11): each value compared only with one that
qualifies the same thing, values as multisets, tense from the clause's finite verb, and
polarity only where the fact itself is negated. Invented sentences, spaCy's real parses."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from crosscheck.conflicts import (
    Disagreement,
    Values,
    compare,
    dated_words,
    extract_values,
    needs_confirmation,
    needs_parse,
    nested_place,
    restated,
    superseded,
)
from crosscheck.domain import Claim, Conflict, ConflictType, Label, Side
from crosscheck.label import label_findings
from crosscheck.match import Group
from crosscheck.names import SpacyNames, place
from crosscheck.syntax import Tense, tense
from crosscheck.text import sentence_case, title_case
from tests.conftest import FixedVerifier

THURSDAY = dt.date(2013, 9, 26)


def parsed(text: str, anchor: dt.date | None = THURSDAY) -> Values:
    reader = SpacyNames()
    (names,), (syntax,) = reader.find([text]), reader.parse([text])
    return extract_values(text, anchor, place(names, syntax), syntax)


def disagreements(a: str, b: str) -> list[Disagreement]:
    return compare(parsed(a), parsed(b))


def test_the_day_a_statement_was_made_is_not_the_day_of_the_event() -> None:
    (found,) = disagreements(
        "Officials said on Monday that the vote took place on Wednesday.", "The vote took place on Tuesday."
    )
    assert (found.type, found.a, found.b) == (ConflictType.DATE, "Wednesday", "Tuesday")


def test_a_date_of_the_statement_alone_does_not_conflict_with_the_event() -> None:
    assert (
        disagreements(
            "The ministry announced on Monday that the bridge had reopened.", "The bridge reopened on Tuesday."
        )
        == []
    )


def test_values_with_an_equal_counterpart_are_never_in_conflict() -> None:
    a = "Hoyer keeps the No. 2 post and Clyburn keeps the No. 3 post."
    b = "Clyburn keeps the No. 3 post, and Hoyer keeps the No. 2 post."
    assert disagreements(a, b) == []


def test_numbers_of_different_doers_are_not_compared() -> None:
    a = "Charles rushed for 226 yards while Hillis added 101 yards."
    b = "Hillis added 101 yards for the Chiefs, who had 352 yards in the game."
    assert [d for d in disagreements(a, b) if d.type is ConflictType.NUMBER] == []


def test_a_changed_count_of_the_same_thing_still_conflicts() -> None:
    (found,) = disagreements("The quake killed 12 people in Aceh.", "The quake killed 18 people in Aceh.")
    assert (found.type, found.a, found.b) == (ConflictType.NUMBER, "12", "18")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The House voted 348-77 to override the veto Wednesday afternoon.", Tense.PAST),
        ("The House will vote to override the veto Wednesday.", Tense.FUTURE),
        ("The House is scheduled to vote on the veto Wednesday.", Tense.FUTURE),
        ("Voting to override the veto on Wednesday, the House rebuked the president.", Tense.PAST),
    ],
)
def test_tense_is_the_clauses_finite_verb(text: str, expected: Tense) -> None:
    (syntax,) = SpacyNames().parse([text])
    start = text.index("Wednesday")
    assert tense(syntax, start, start + len("Wednesday")) is expected


def test_a_bare_weekday_in_a_past_report_is_the_previous_one() -> None:
    (date,) = parsed("The House voted 348-77 to override the veto Wednesday afternoon.").dates
    assert date.value.value == "2013-09-25"  # the day before the Thursday it was published


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "He has done more for the city than any other candidate.",
            "No candidate has done more for the city than he has.",
        ),
        ("I don't think we were executing the plan.", "I think we weren't executing the plan."),
        ("The young players did not develop under O'Brien.", "Dalembert, a developing center, played under O'Brien."),
    ],
)
def test_only_a_negated_fact_is_a_polarity_conflict(a: str, b: str) -> None:
    assert [d for d in disagreements(a, b) if d.type is ConflictType.NEGATION] == []


def test_a_negated_main_verb_conflicts_with_the_same_verb_affirmed() -> None:
    (found,) = disagreements("Cheeks was not fired on Saturday.", "Cheeks was fired on Saturday.")
    assert (found.type, found.a, found.b) == (ConflictType.NEGATION, "not fired", "fired")


@pytest.mark.parametrize(
    ("a", "b", "denied"),
    [
        ("Simpson is not guilty of murder.", "Simpson is guilty of murder.", "not guilty"),
        ("Prosecutors say she was not pregnant.", "Prosecutors say she was pregnant.", "not pregnant"),
        ("He was not a suspect in the case.", "He was a suspect in the case.", "not suspect"),
    ],
)
def test_a_negated_copula_denies_what_it_predicates(a: str, b: str, denied: str) -> None:
    (found,) = disagreements(a, b)
    assert (found.type, found.a, found.b) == (ConflictType.NEGATION, denied, denied.removeprefix("not "))
    # Stated as no predicate ("a suspect was arrested"), the word is not what the other denies.
    assert disagreements("He was not a suspect in the case.", "Police said a suspect was arrested.") == []
    # A comparison is no denial: "has never been better" praises.
    assert disagreements("Brees has never been better.", "Brees has been better before.") == []


def test_a_title_case_headline_is_parsed_as_a_sentence() -> None:
    headline = "Microsoft Releases Emergency Patch For IE Users"
    # Read in sentence case, letter for letter the same length (the parse's offsets hold); acronyms kept.
    assert title_case(headline) and sentence_case(headline) == "Microsoft releases emergency patch for IE users"
    (found,) = disagreements("Microsoft has not released the patch.", headline)
    assert (found.type, found.a, found.b) == (ConflictType.NEGATION, "not released", "releases")


def test_a_negation_in_the_same_clause_under_the_same_word_is_a_conflict() -> None:
    told = "Prosecutors allege Simpson shot Flynn after she told him she was{} pregnant."
    (found,) = disagreements(told.format(" not"), told.format(""))
    assert (found.type, found.a, found.b) == (ConflictType.NEGATION, "not pregnant", "pregnant")
    walking = "The climber had been dropped off by helicopter and was{} walking to a hut when he fell."
    (found,) = disagreements(walking.format(" not"), walking.format(""))
    assert (found.a, found.b) == ("not walking", "walking")
    # The same word in another clause, of another participant, is another fact.
    assert (
        disagreements(
            "Smith, who was not injured, scored twice in the game.", "Jones, who was injured, watched the game."
        )
        == []
    )


def test_the_same_doing_denied_in_one_clause_and_told_in_another_is_a_conflict() -> None:
    """The same verb with the same doers and objects is one doing, whichever clause each
    sentence tells it in; with another doer it is another fact."""
    placed = "Bush has been placed on injured reserve, meaning {} will not miss the final two games."
    affirmed = "Bush has been placed on injured reserve and will miss the final two games."
    (found,) = disagreements(placed.format("he"), affirmed)
    assert (found.type, found.a, found.b) == (ConflictType.NEGATION, "not miss", "miss")
    assert disagreements(placed.format("Smith"), affirmed) == []


def test_a_denial_in_other_words_is_a_negation_that_waits_for_the_verifier() -> None:
    (found,) = disagreements(
        "Pierre Thomas was placed on injured reserve.", "Pierre Thomas is not headed to injured reserve."
    )
    assert (found.type, found.a, found.b) == (ConflictType.NEGATION, "placed", "not headed")
    assert (found.qualifies_a, found.qualifies_b) == ("place", "head")  # what the verifier is asked about
    side = Side("a", found.a, qualifies=found.qualifies_a), Side("b", found.b, qualifies=found.qualifies_b)
    assert needs_confirmation(Conflict(ConflictType.NEGATION, *side))
    # The same word on both sides needs no verifier.
    (same,) = disagreements("Cheeks was not fired on Saturday.", "Cheeks was fired on Saturday.")
    assert not needs_confirmation(Conflict(ConflictType.NEGATION, Side("a", same.a), Side("b", same.b)))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # A verb that itself says something did not happen: both sides agree.
        (
            "Jenkins and Graham sat out practice on Wednesday.",
            "Jenkins and Graham did not participate in practice on Wednesday.",
        ),
        ("The jury acquitted Simpson of murder.", "The jury did not convict Simpson of murder."),
        # No participant in common: two doings of one story.
        ("Klitschko won the fight in the sixth round.", "The challenger never recovered."),
        # A copula's complement is no event to compare with a verb.
        ("Capaldi appeared in the series in 2008.", "Capaldi is not new to the series."),
        # "was" states no event to deny.
        ("The victim was a grandmother from Queens.", "The grandmother did not see the car."),
    ],
)
def test_a_denial_in_other_words_needs_the_same_participants_and_an_affirmed_event(a: str, b: str) -> None:
    assert [d for d in disagreements(a, b) if d.type is ConflictType.NEGATION] == []


def test_the_same_surname_with_another_given_name_is_another_person() -> None:
    (found,) = disagreements("Rep. Loretta Sanchez won the caucus vote.", "Rep. Linda Sánchez won the caucus vote.")
    assert (found.type, found.a, found.b) == (ConflictType.PERSON, "Loretta Sanchez", "Linda Sánchez")


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        # Who sued and who was sued are two roles of one verb: no organization conflict.
        ("Apple sued the company over the patent.", "The company sued Samsung over the patent.", None),
        ("Apple sued Google over the patent.", "Samsung sued Google over the patent.", ("Apple", "Samsung")),
        ("The firm was sued by Apple over the patent.", "Samsung sued the firm over the patent.", ("Apple", "Samsung")),
    ],
)
def test_organizations_conflict_only_in_the_same_role(a: str, b: str, conflict: tuple[str, str] | None) -> None:
    found = [(d.a, d.b) for d in disagreements(a, b) if d.type is ConflictType.ORGANIZATION]
    assert found == ([conflict] if conflict else [])


def test_a_date_is_compared_with_the_other_sources_date_of_the_same_word() -> None:
    """A finding holds "will attend ... on November 4" (S1) and, from S2, "arrived on Monday" and
    "will attend ... on Tuesday": November 4 is compared with the attendance's Tuesday, not the
    arrival's Monday; without that date in S2, the arrival's Monday stays compared."""
    meeting = parsed("Hegseth will attend the meeting in Seoul on November 4.", None)
    arrival = parsed("Hegseth arrived in Seoul on Monday.", None)
    later = parsed("Hegseth will attend the talks in Seoul on Tuesday.", None)
    (crosswise,) = compare(meeting, arrival)
    conflict = Conflict(
        crosswise.type,
        Side("a", crosswise.a, qualifies=crosswise.qualifies_a),
        Side("b", crosswise.b, qualifies=crosswise.qualifies_b),
    )
    assert (crosswise.qualifies_a, crosswise.qualifies_b) == ("attend", "arrive")
    assert dated_words(later) == {"attend"}
    assert superseded(conflict, dated_words(meeting), dated_words(arrival) | dated_words(later))
    assert not superseded(conflict, dated_words(meeting), dated_words(arrival))


def test_a_place_the_other_article_names_too_is_a_nested_place_not_a_conflict() -> None:
    """ "sentenced in Fulton County" / "sentenced in Atlanta": when the Atlanta article names Fulton
    County elsewhere (or the other way round), the places nest; when neither does, they conflict."""
    conflict = Conflict(ConflictType.PLACE, Side("a", "Atlanta"), Side("b", "Fulton County"))
    county_story = "Nichols was sentenced in Fulton County.\nThe courthouse is downtown."
    atlanta_story = "Nichols was sentenced in Atlanta."
    assert nested_place(conflict, atlanta_story + "\nThe Fulton County jury deliberated.", county_story)
    assert nested_place(conflict, "Nichols was sentenced in Atlanta.", county_story + "\nAtlanta police said so.")
    assert not nested_place(conflict, "Nichols was sentenced in Atlanta.", county_story)
    assert not nested_place(conflict, "Nichols was sentenced in Atlantana.", "in Fulton Countyside")
    date = Conflict(ConflictType.DATE, Side("a", "Atlanta"), Side("b", "Fulton County"))
    assert not nested_place(date, "Atlanta Fulton County", "Atlanta Fulton County")


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        # Two words in a row in common: one place or body, or one in the other.
        ("The climber died near Aoraki Mount Cook.", "The climber died near Mount Cook National Park.", None),
        ("The singer checked into the Harmon Lake Center.", "The singer checked into the Harmon Lake Clinic.", None),
        ("The climber died in South Sudan.", "The climber died in South Africa.", ("South Sudan", "South Africa")),
    ],
)
def test_places_and_bodies_sharing_two_words_are_one(a: str, b: str, conflict: tuple[str, str] | None) -> None:
    found = [(d.a, d.b) for d in disagreements(a, b) if d.type is not ConflictType.DATE]
    assert found == ([conflict] if conflict else [])


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Whom the statement was told, or who passed it on: two outlets, one statement.
        (
            "Her publicist told Variety that the singer checked into rehab.",
            "Her publicist told The Post that the singer checked into rehab.",
        ),
        ("Kim Lee checked into rehab, according to Variety.", "Kim Lee checked into rehab, according to Reuters."),
        (
            "Her rep confirmed to NBC News that Kim Lee checked into rehab.",
            "Her rep confirmed to CBS News that Kim Lee checked into rehab.",
        ),
        # A headline in title case: the tagger reads its verbs as names.
        ("Lindsay Lohan Checks Into Rehab", "Lindsay Lohan Checks Out Of Rehab"),
        ("Marla Quinn Checks Into Rehab At Harmon Center", "Dana Cole Checks Out"),
        # Titles in quotation marks name works, not people.
        ('Kim Lee, the star of "Van Wilder," entered rehab.', 'Kim Lee, the star of "Danny Vale," entered rehab.'),
        ("The star of “Danny Vale,” the sitcom, entered rehab.", "The star of “Van Wilder,” the film, entered rehab."),
    ],
)
def test_names_that_are_no_participants_do_not_conflict(a: str, b: str) -> None:
    assert [d for d in disagreements(a, b) if d.type is not ConflictType.DATE] == []


def test_a_name_after_an_attribution_and_a_clause_is_a_participant() -> None:
    """ "told reporters that Kim Lee won": Kim Lee is the fact's, not whom it was told."""
    (found,) = disagreements(
        "Her rep told reporters that Kim Lee won the award.", "Her rep told reporters that Dana Cole won the award."
    )
    assert (found.type, found.a, found.b) == (ConflictType.PERSON, "Kim Lee", "Dana Cole")


def test_the_same_role_with_another_person_still_conflicts_outside_those() -> None:
    (found,) = disagreements(
        "Variety reported that Marla Quinn won the award.", "Variety reported that Dana Cole won the award."
    )
    assert (found.type, found.a, found.b) == (ConflictType.PERSON, "Marla Quinn", "Dana Cole")


def test_a_date_in_a_relative_clause_is_a_participants_past_not_the_facts_date() -> None:
    a = "The team fired the coach, who signed the contract when he was hired on April 21, 2004."
    assert disagreements(a, "The team fired the coach on Monday.") == []
    # A relative clause that states the other claim's fact is compared.
    (found,) = disagreements(
        "Kim Lee, who has launched a fashion line called Aura in September, spoke about her image.",
        "Kim Lee launched a fashion line called Aura in December.",
    )
    assert (found.type, found.a, found.b) == (ConflictType.DATE, "September", "December")
    # The same date on the fact itself conflicts.
    (found,) = disagreements("The team fired the coach on April 21, 2004.", "The team fired the coach on Monday.")
    assert found.type in (ConflictType.DATE, ConflictType.UNRESOLVED)


def test_a_friday_night_is_the_weekends() -> None:
    """Without an article date: "Friday" is one of the weekend's days, "Wednesday" is none."""
    weekend = parsed("The church burned this weekend.", None)
    assert compare(parsed("The church burned on Friday night.", None), weekend) == []
    (found,) = compare(parsed("The church burned on Wednesday night.", None), weekend)
    assert found.type is ConflictType.DATE


def test_not_until_says_when_not_whether() -> None:
    """ "could not be rescued until the next morning" was rescued, later: no negation conflict."""
    rescued = "Three climbers were rescued after spending the night on the mountain."
    assert disagreements("The climbers could not be rescued until the next morning.", rescued) == []
    (found,) = disagreements("The climbers could not be rescued.", rescued)
    assert found.type is ConflictType.NEGATION


def test_an_unanchored_weekend_holds_a_saturday_but_not_a_tuesday() -> None:
    weekend = parsed("Gray was shot dead by two officers over the weekend.", None)
    assert compare(parsed("Gray was shot dead by two officers on Saturday.", THURSDAY), weekend) == []
    (found,) = compare(parsed("Gray was shot dead by two officers on Tuesday.", THURSDAY), weekend)
    assert found.type is ConflictType.DATE


def test_a_value_the_other_source_states_elsewhere_in_the_finding_is_restated_not_in_conflict() -> None:
    """One article: "stopped Thompson in the 6th round" and "in 2008 he stopped him in the 11th";
    the other: "stopped Thompson in the 6th round". The 11th against the other's 6th is two
    fights, since the first article states the 6th too; with no other claim, it stays a conflict."""
    conflict = Conflict(ConflictType.NUMBER, Side("old", "11th"), Side("new", "6th"))
    sixth = "Klitschko stops Tony Thompson in 6th round to retain world heavyweight titles"
    assert restated(conflict, sixth, "")
    assert not restated(conflict, "", "")
    assert not restated(conflict, "He fought a 16th time.", "")
    negation = Conflict(ConflictType.NEGATION, Side("a", "not rescued"), Side("b", "rescued"))
    assert not restated(negation, "They were rescued.", "They were not rescued.")


def test_two_outlets_quoting_two_spokesmen_do_not_disagree() -> None:
    """The subject of a reporting verb is the outlet's source, not the fact; the same role of
    the fact's own verb still conflicts."""
    assert (
        disagreements(
            "The inmate was caught in Houston, said Alfredo Perez, a spokesman for the Marshals Service.",
            "The inmate was caught in Houston, said John Moriarty, the inspector general.",
        )
        == []
    )
    named = "Obama named {} surgeon general."
    (found,) = disagreements(named.format("Regina Benjamin"), named.format("Sanjay Gupta"))
    assert found.type is ConflictType.PERSON


def test_values_are_compared_only_between_claims_the_model_matched() -> None:
    """Outlet c's sentence on the next day's rallies joined the arrests through outlet a's undated
    arrest sentence (p 0.7), not through b's (p 0.3; their mean, 0.5, let it in). Its Sunday is
    compared with what the model matched it with only, so it is no date conflict with b's
    Saturday; compared with every claim of the group, it would be."""
    claims = [
        Claim("a1", "a", "Police arrested twelve protesters.", 0, 1, 1),
        Claim("b1", "b", "Twelve protesters were arrested by police on Saturday.", 0, 1, 1),
        Claim("c1", "c", "The students announced new rallies on Sunday.", 0, 1, 1),
    ]
    matched = Group((0, 1, 2), 0.63, 0.5, ((0, 1), (0, 2)))
    one_event = FixedVerifier(1.0)  # which pairs are compared, whatever the event verifier says of them
    (finding,) = label_findings([matched], claims, verifier=one_event)
    assert finding.label is Label.AGREEING
    (every_pair,) = label_findings([replace(matched, matched_pairs=None)], claims, verifier=one_event)
    assert [c.type for c in every_pair.conflicts] == [ConflictType.DATE]
    # A claim no matched pair holds (a mean can round past a threshold its best pair misses)
    # is still read with its finding, and compared with nothing.
    (partial,) = label_findings([replace(matched, matched_pairs=((0, 1),))], claims, verifier=one_event)
    assert partial.label is Label.AGREEING and len(partial.claims) == 3


def test_a_difference_is_no_amount() -> None:
    """ "five rounds sooner" and "two more bodies" say by how much, not how many."""
    assert (
        disagreements("Klitschko finished the fight five rounds sooner.", "Klitschko won the fight in six rounds.")
        == []
    )
    assert disagreements("Rescuers found two more bodies on Sunday.", "Rescuers found five bodies on Sunday.") == []
    (found,) = disagreements("Rescuers found two bodies on Sunday.", "Rescuers found five bodies on Sunday.")
    assert found.type is ConflictType.NUMBER
    (found,) = disagreements("The storm killed 12 people more than a week ago.", "The storm killed 15 people.")
    assert found.type is ConflictType.NUMBER


def test_the_event_a_temporal_preposition_relates_the_fact_to_has_its_own_date() -> None:
    """ "clashes ... since the shooting on Saturday" dates the shooting, not what the other claim
    dates ("announced rallies on Sunday"); the shooting's own date still meets the shooting's."""
    since = "Clashes have gone on for six days since the police shooting of a teenager in Athens on Saturday."
    assert disagreements(since, "Students announced new rallies in Athens on Sunday.") == []
    (found,) = disagreements(
        since, "Clashes have gone on for six days since the police shooting of a teenager on Friday."
    )
    assert (found.type, found.qualifies_a, found.qualifies_b) == (ConflictType.DATE, "shoot", "shoot")


def test_a_date_written_on_the_subject_dates_its_verb() -> None:
    """ "The commission on Tuesday rejected the results" dates the rejecting, not the commission,
    so it meets the vote's date as another verb's (which the event verifier reads); a date within
    the subject's own phrase stays the subject's ("Tuesday's quake")."""
    rejected = "The country's election commission on Tuesday formally rejected the results of a disputed vote."
    (date,) = parsed(rejected).dates
    assert date.attachment is not None and (date.attachment.word, date.attachment.main) == ("reject", True)
    (found,) = disagreements(rejected, "The disputed vote was held on Sunday.")
    assert (found.qualifies_a, found.qualifies_b) == ("reject", "hold")
    (date,) = parsed("Tuesday's quake killed five people.").dates
    assert date.attachment is not None and date.attachment.word == "quake"


def test_a_date_written_with_a_time_or_another_date_qualifies_what_they_qualify() -> None:
    """ "around 7 p.m. Wednesday", "on Thursday, November 10th": the parser hangs the second on
    the first; both date the verb."""
    dates = parsed("On Thursday, November 10th at about 3 pm, the refugee camp was bombed.").dates
    assert [d.attachment.word for d in dates if d.attachment] == ["bomb", "bomb"]
    (date,) = parsed("The woman was struck in the crosswalk around 7 p.m. Wednesday.").dates
    assert date.attachment is not None and date.attachment.word == "strike"


def test_a_claims_only_date_dates_the_fact_wherever_the_parser_hangs_it() -> None:
    """One date on each side: "on Saturday" hung on "climbing" still dates the fall. Not so for
    the day a statement was made, nor for a date of a noun ("the April 2012 shooting death")."""
    (found,) = disagreements(
        "Robert Buckley, 32, fell about 600 metres while climbing to a small hut on Mount Sefton on Saturday.",
        "On Monday, 32-year-old Robert Buckley fell about 600 metres while climbing to a hut on Mount Sefton.",
    )
    assert found.type is ConflictType.DATE
    assert (
        disagreements(
            "Thomas was put on injured reserve, the team announced Wednesday.",
            "The Saints placed Thomas on injured reserve on Friday.",
        )
        == []
    )
    assert disagreements("Simpson was charged in the April 2012 shooting.", "Simpson was charged on Friday.") == []


def test_a_claims_only_date_the_parser_hangs_on_nothing_dates_its_main_predicate() -> None:
    """The parser ends the sentence at "Blvd." and leaves "on Wednesday night" hanging on
    nothing; compared as the claim's only date, it dates the claim's fact, which is what the
    event verifier reads and the report shows."""
    (found,) = disagreements(
        "Jane Roe was struck as she walked into the store at 200 W. Main Blvd. on Wednesday night.",
        "Police identified the woman on Thursday.",
    )
    assert (found.type, found.qualifies_a, found.qualifies_b) == (ConflictType.DATE, "strike", "identify")


@pytest.mark.parametrize(
    ("a", "deed"),
    [
        ("A woman was killed while visiting a neighbor to welcome his new daughter-in-law Friday evening.", "kill"),
        ("A woman was struck and killed by a motorist when she was crossing the street on Friday.", "kill"),
        ("A grandmother crossing a street to attend a religious service Friday was mowed down by a driver.", "mow"),
    ],
    ids=["while-clause", "when-clause", "subject's-participle"],
)
def test_a_participles_only_date_dates_the_doing_it_tells_the_circumstances_of(a: str, deed: str) -> None:
    """The date the parser hangs on a participle or an infinitive ("to welcome ... Friday
    evening") dates the doing around it: that is the word the event verifier reads."""
    (found,) = disagreements(a, "A woman was killed on Sunday night.")
    assert (found.type, found.qualifies_a, found.qualifies_b) == (ConflictType.DATE, deed, "kill")


def test_a_past_participles_date_is_its_own() -> None:
    """ "A man arrested Friday": the arrest, an earlier event than the charge."""
    (date,) = [d for d in parsed("A man arrested Friday was charged with murder.").dates]
    assert date.attachment is not None and (date.attachment.word, date.attachment.deed) == ("arrest", "arrest")


def test_one_of_several_events_keeps_its_values() -> None:
    """ "The first quake" is one of several: its time is no other figure for "the quake" another
    claim tells of; two claims about the first quake are compared."""
    first = "The first quake, magnitude 7.6, struck at 4:43 a.m. local time."
    assert disagreements("The quake struck off the coast at 7:48 a.m. local time.", first) == []
    (found,) = disagreements("The first quake struck at 7:48 a.m. local time.", first)
    assert (found.type, found.a, found.b) == (ConflictType.TIME, "7:48 a.m.", "4:43 a.m.")


def test_a_claims_only_count_of_a_thing_is_compared_wherever_it_hangs() -> None:
    (found,) = disagreements(
        "Hansbrough scored 30 points Thursday night in a 91-73 win.",
        "Hansbrough's 20 points and the 91-73 win were afterthoughts.",
    )
    assert (found.type, found.a, found.b) == (ConflictType.NUMBER, "30", "20")


@pytest.mark.parametrize(
    "other",
    ["74-year-old Arcade Comeaux Jr. escaped from a prison van.", "Arcade Comeaux Jr., 74, escaped from a prison van."],
)
def test_an_age_is_compared_however_it_is_written(other: str) -> None:
    (found,) = disagreements("Arcade Comeaux Jr., 49, escaped from a prison van in Baytown.", other)
    assert (found.type, found.a, found.b) == (ConflictType.NUMBER, "49", "74")
    assert (
        disagreements("Comeaux Jr., 49, escaped from a prison van.", "49-year-old Comeaux escaped from a prison van.")
        == []
    )


def test_ages_of_two_people_are_not_compared() -> None:
    assert (
        disagreements("26-year-old Christopher Simpson shot Ka'Loni Flynn.", "Simpson shot 20-year-old Ka'Loni Flynn.")
        == []
    )


def test_a_number_in_a_name_is_no_amount() -> None:
    assert (
        disagreements("The flaw affects Internet Explorer 7 and IE6.", "The flaw affects Internet Explorer 5 and IE8.")
        == []
    )
    # A headline in title case capitalizes every word: "Kills 12" still counts.
    (found,) = disagreements("Powerful Quake Kills 12 People In Aceh", "Powerful Quake Kills 18 People In Aceh")
    assert (found.type, found.a, found.b) == (ConflictType.NUMBER, "12", "18")


def test_a_recurring_day_dates_nothing() -> None:
    assert (
        disagreements(
            "Microsoft releases its patches on the second Tuesday of every month.",
            "Microsoft releases its patches every Wednesday.",
        )
        == []
    )


def test_a_number_in_a_nouns_phrase_counts_for_that_noun() -> None:
    """The old record's 2,290 points belong to the record, not to the night's 20."""
    record = "Phil Ford's school mark of 2,290 points set in 1978 held strong until Hansbrough moved into the top spot."
    assert disagreements(record, "Hansbrough scored 20 points to break the record.") == []


def test_the_figures_of_one_word_are_the_ones_reported() -> None:
    (found,) = disagreements(
        "Hansbrough finished with 20 points and now has 2,302 for his career.",
        "Hansbrough now has 2,301 career points as a Tar Heel.",
    )
    assert (found.a, found.b) == ("2,302", "2,301")


def test_a_hyphenated_measure_is_its_own_unit() -> None:
    assert disagreements("Echenique scored two three-point plays.", "Echenique scored 11 points.") == []
    (found,) = disagreements("The senator served a six-year term.", "The senator served a five-year term.")
    assert (found.type, found.a, found.b) == (ConflictType.NUMBER, "six", "five")


def test_a_clock_time_without_am_or_pm_fits_either() -> None:
    assert disagreements("Creighton plays a 1:35 semifinal.", "Creighton plays a 1:35 p.m. semifinal.") == []
    (found,) = disagreements("Creighton plays a 2:35 semifinal.", "Creighton plays a 1:35 p.m. semifinal.")
    assert found.type is ConflictType.TIME


def test_the_same_figure_read_with_other_words_is_no_conflict() -> None:
    assert (
        disagreements(
            "Echenique scored five of Creighton's first eight points in the second half.",
            "Creighton got five points from Echenique early in the second half.",
        )
        == []
    )
    # An age is no such figure: a 30-year-old record is not the night's 30 points.
    (found,) = disagreements(
        "Hansbrough scored 30 points on Thursday night.", "Hansbrough scored 20 points to break a 30-year-old mark."
    )
    assert (found.a, found.b) == ("30", "20")


def test_a_count_over_a_span_is_compared_only_with_one_over_a_span() -> None:
    """ "three times since October" counts part of what "four times" counts; "during the run"
    bounds every verb it is coordinated with. Two counts since a date still conflict."""
    since = "Gray had been arrested three times since October."
    assert disagreements(since, "Gray had been arrested four times on charges of grand larceny.") == []
    during = "During the deciding 15-2 run, Echenique scored two baskets and blocked two shots."
    assert disagreements(during, "Echenique scored 11 points and blocked six shots.") == []
    (found,) = disagreements(since, "Gray had been arrested four times since October.")
    assert (found.a, found.b) == ("three", "four")


def test_a_count_still_to_come_is_not_compared_with_one_done() -> None:
    """ "will miss the final two games" and "missed four games after the injury" are two spells
    of missing; the same tense on both sides still conflicts, and so do ages."""
    assert disagreements("Smith will miss the final two games.", "Smith missed four games after the injury.") == []
    (found,) = disagreements("Smith missed two games after the injury.", "Smith missed four games after the injury.")
    assert (found.type, found.a, found.b) == (ConflictType.NUMBER, "two", "four")
    # An age is the person's, whatever the clause's tense.
    (found,) = disagreements(
        "Trial is set for June 17 for 26-year-old Jim Smith of Tulsa.",
        "A jury has found 27 year old Jim Smith guilty of murder.",
    )
    assert (found.type, found.a, found.b) == (ConflictType.NUMBER, "26", "27")


@pytest.mark.parametrize(
    ("a", "b", "values"),
    [
        (
            "The quake struck 72 kilometres south of the town.",
            "The quake struck 108 km south of the town.",
            ("72", "108"),
        ),
        ("The crater was 10 meters wide.", "The crater was 14 metres wide.", ("10", "14")),
        ("The wave was 30 feet high.", "The wave was 50 ft high.", ("30", "50")),
    ],
    ids=["abbreviated", "spelling", "plural"],
)
def test_one_unit_is_compared_however_it_is_written(a: str, b: str, values: tuple[str, str]) -> None:
    (found,) = disagreements(a, b)
    assert (found.type, found.a, found.b) == (ConflictType.NUMBER, *values)


def test_a_classifier_counts_what_its_of_names() -> None:
    """ "two counts of murder" counts what "four murder charges" counts; "counts of arson" are
    another thing, though both are counts."""
    counts = "The man was found guilty of two counts of first-degree murder."
    (found,) = disagreements(counts, "The man was found guilty on four first-degree murder charges.")
    assert (found.type, found.a, found.b) == (ConflictType.NUMBER, "two", "four")
    assert disagreements(counts, "The man was found guilty of four counts of arson.") == []
    # A year on a singular noun is no count: "a 1998 ... assault conviction" is one conviction.
    serving = "Comeaux was serving a life sentence for {}."
    assert (
        disagreements(
            serving.format("a 1998 aggravated sexual assault conviction"),
            serving.format("two counts of aggravated assault with a deadly weapon"),
        )
        == []
    )


def test_tallies_of_different_kinds_are_not_compared() -> None:
    """The injured and the dead are two counts, though both count people; the dead counted as
    "killed" or "dead" are one."""
    injured = "The quake injured more than 200 people and damaged 300 houses, the agency said."
    assert disagreements(injured, "Twelve people were killed by landslides, the agency said.") == []
    assert disagreements("Police arrested 14 people after the march.", "Four people were hurt in the march.") == []
    (found,) = disagreements("The quake killed 12 people.", "The quake left 20 people dead.")
    assert (found.type, found.a, found.b) == (ConflictType.NUMBER, "12", "20")
    (found,) = disagreements("The quake injured 200 people.", "The quake wounded 60 people.")
    assert (found.a, found.b) == ("200", "60")


def test_an_approximate_or_rounded_clock_time_fits_a_close_one() -> None:
    assert (
        disagreements(
            "Shortly after 3:30 Tuesday morning someone reported a fire.", "At 3:33 a.m. someone reported a fire."
        )
        == []
    )
    assert disagreements("The fire was reported at 10:00.", "The fire was reported at 10:03.") == []
    (found,) = disagreements("The fire was reported at 10:10.", "The fire was reported at 10:03.")
    assert found.type is ConflictType.TIME
    (found,) = disagreements("The fire was reported at 3:30 a.m.", "The fire was reported at 3:30 p.m.")
    assert found.type is ConflictType.TIME


def test_a_date_is_compared_only_within_its_frame() -> None:
    """ "since 2010" starts a period and dates no event; "a third straight night Wednesday" is one
    night of a series. Each meets only a date of the same frame."""
    assert (
        disagreements("Capaldi was named the 12th Doctor on Sunday.", "Matt Smith has been the Doctor since 2010.")
        == []
    )
    (found,) = disagreements("Smith has been the Doctor since 2010.", "Smith has been the Doctor since 2009.")
    assert found.type is ConflictType.DATE
    third = "Protesters poured into Brooklyn streets for a third straight night Wednesday."
    assert disagreements(third, "Anger over the shooting fueled a riot in Brooklyn on Monday.") == []
    (found,) = disagreements(third, "Protesters poured into Brooklyn streets for a third straight night Thursday.")
    assert found.type is ConflictType.DATE


def test_a_day_counted_from_the_claims_other_date_is_read() -> None:
    """ "the night before" a Tuesday is a Monday: the rampage's Monday meets the march's."""
    seen = "On Tuesday, investigators were seen inside the store where, the night before, a group rampaged."
    assert disagreements("On Monday a group marched to the precinct and trashed the store.", seen) == []
    later = parsed("The storm hit on Friday and the rescue began a day later.", None)
    assert [(d.text, d.value.value) for d in later.dates] == [("Friday", "XXXX-WXX-5"), ("a day later", "XXXX-WXX-6")]
    # Without one other date to count from, "the day before" dates nothing.
    assert parsed("He was arrested the day before.", None).dates == ()


def test_no_subject_negates_its_verb() -> None:
    """ "No gun has been recovered" = "The gun has not been recovered". It denies no particular
    thing, so it makes no conflict either ("No decision has been reached" / "reached a deal")."""
    assert disagreements("No gun has been recovered.", "The gun has not been recovered.") == []
    assert disagreements("No decision has been reached on the staff.", "The team reached a deal with the coach.") == []
    # A superlative is no negation.
    assert disagreements("No candidate has raised more than she has.", "She has raised more than any candidate.") == []


def test_clock_times_in_two_zones_are_compared_in_one() -> None:
    kickoff = "New Orleans plays at Seattle on Saturday"
    assert disagreements(f"{kickoff} at 4:30 p.m. ET.", f"{kickoff} at 1:30 p.m. PST.") == []
    # One outlet's local time against a zoned one: whole hours apart fit.
    assert disagreements(f"{kickoff} at 3:30 p.m.", f"{kickoff} at 4:30 p.m. ET.") == []
    (found,) = disagreements(f"{kickoff} at 4:30 p.m. ET.", f"{kickoff} at 2:30 p.m. PST.")
    assert found.type is ConflictType.TIME
    (found,) = disagreements(f"{kickoff} at 3:45 p.m.", f"{kickoff} at 4:30 p.m. ET.")
    assert found.type is ConflictType.TIME


@pytest.mark.parametrize(
    "denied",
    [
        "The Bulldogs wouldn't score again for almost eight minutes.",
        "The Bulldogs did not score for eight minutes after the break.",
    ],
)
def test_a_negation_for_a_spell_denies_nothing(denied: str) -> None:
    assert disagreements(denied, "The Bulldogs scored 14 points in the second half.") == []


def test_a_negation_in_a_condition_denies_nothing() -> None:
    placed = "The Saints placed Bush on injured reserve on Wednesday."
    assert (
        disagreements(
            "The Saints would not have placed Bush on injured reserve if they were still in contention.", placed
        )
        == []
    )
    assert (
        disagreements("If Bush had not been hurt, the Saints would have kept him.", "Bush was hurt in Chicago.") == []
    )
    (found,) = disagreements("The Saints did not place Bush on injured reserve on Wednesday.", placed)
    assert found.type is ConflictType.NEGATION


def test_a_relative_date_inside_a_quotation_is_the_speakers() -> None:
    """Two articles of two days quote one chant with "today": no date of either article."""
    chant = 'Marchers chanted "how many kids will you kill today" outside the precinct.'
    monday, tuesday = (
        parsed(chant, dt.date(2013, 3, 11)),
        parsed(chant.replace("Marchers", "Dozens"), dt.date(2013, 3, 12)),
    )
    assert compare(monday, tuesday) == []
    # Outside the quotation, "today" is the article's day.
    (found,) = compare(
        parsed("Marchers rallied today.", dt.date(2013, 3, 11)), parsed("Marchers rallied today.", dt.date(2013, 3, 12))
    )
    assert found.type is ConflictType.DATE


def test_a_number_after_a_nouns_of_is_that_nouns_figure() -> None:
    """ "a mother of 12" counts the mother's children: it meets another mother's figure, whatever
    verb each sentence hangs the mother on, and no count of people."""
    (found,) = disagreements(
        "Prosecutors released a video of the men accused of killing a Brownsville mother of 18 in Oct. 2011.",
        "A jury convicted one of the men accused of murdering a Brownsville mother of 12.",
    )
    assert (found.type, found.a, found.b, found.qualifies_a) == (ConflictType.NUMBER, "18", "12", "mother")
    assert disagreements("The crash killed a mother of two.", "The crash killed three people.") == []


def test_a_number_after_a_nouns_of_is_read_before_any_parse() -> None:
    """The first pass reads words only; "mother of 18 in Oct." must still ask for the parse."""
    a = extract_values("Two men are accused of killing a mother of 18 in Oct. 2011.")
    b = extract_values("Two men are accused of murdering a mother of 12.")
    assert needs_parse(a, b)


def test_a_count_is_of_what_befell_the_counted() -> None:
    """ "reports of 60 Palestinians killed" count the killed, not the reports; "left 40 people
    dead" counts the dead."""
    (found,) = disagreements(
        "The toll rose with reports of 60 Palestinians killed at the school.",
        "Israeli shells killed 40 Palestinians at the school.",
    )
    assert (found.type, found.a, found.b, found.qualifies_a) == (ConflictType.NUMBER, "60", "40", "kill")
    (found,) = disagreements("The blast left 40 people dead, officials said.", "The blast left 60 dead.")
    assert (found.a, found.b) == ("40", "60")
    assert disagreements("The blast injured 40 people.", "The blast left 60 dead.") == []


def test_ages_in_a_list_of_names_belong_to_each_name() -> None:
    (found,) = disagreements(
        "The suspects, Andrew Lopez, 30 and Jonathan Carrasquillo, 24, were arrested.",
        "Police arrested Jonathan Carrasquillo, 24, and Andrew Lopez, 20, on Friday.",
    )
    assert (found.type, found.a, found.b) == (ConflictType.NUMBER, "30", "20")


def test_a_count_of_what_befell_the_counted_keeps_its_span() -> None:
    """ "68 punches thrown during the round" counts a round's punches, not the fight's 369."""
    assert (
        disagreements(
            "Klitschko landed 28 of his 68 punches thrown during the round.",
            "Klitschko landed 178 of 369 punches thrown in the fight.",
        )
        == []
    )


def test_a_passive_subject_fills_the_object_role() -> None:
    """ "Heller has been placed on injured reserve" is what "the Saints placed Bush" says of Bush:
    two people in one role. "Apple was sued by Samsung" is "Samsung sued Apple"."""
    (found,) = disagreements(
        "Mark Heller has been placed on injured reserve, ending his season.",
        "The New Orleans Saints placed Reggie Bush on injured reserve, ending his season.",
    )
    assert (found.type, found.a, found.b) == (ConflictType.PERSON, "Mark Heller", "Reggie Bush")
    assert disagreements("Apple was sued by Samsung in California.", "Samsung sued Apple in California.") == []
