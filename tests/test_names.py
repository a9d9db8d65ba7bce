"""Names: comparison keys, variants of one name, and the same-slot rule for name conflicts."""

from __future__ import annotations

import pytest

from crosscheck import names as names_module
from crosscheck.conflicts import Disagreement, compare, extract_values
from crosscheck.domain import ConflictType
from crosscheck.names import (
    Name,
    NameType,
    Role,
    SpacyNames,
    _names,
    _nlp,
    name_key,
    name_type,
    place,
    read_names,
    same_key,
    surnames_as_people,
)

# --- keys and variants (pure) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("U.S.", ("united", "states")),
        ("the United States", ("united", "states")),
        ("US", ("united", "states")),
        ("Republic of Korea", ("south", "korea")),
        ("President Obama", ("obama",)),
        ("Reid's", ("reid",)),
        ("Ahn Gyu-back", ("ahn", "gyu", "back")),
        ("Det. Sgt. Jane Roe", ("jane", "roe")),
        ("Sgt", ()),  # a rank alone names nobody (the tagger types it a person)
    ],
)
def test_name_key_drops_titles_and_resolves_aliases(text: str, key: tuple[str, ...]) -> None:
    assert name_key(text) == key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ahn Gyu-back", "Ahn"),  # one part of the full name
        ("U.S.", "United States"),  # alias table
        ("South Korea", "Republic of Korea"),  # alias table
        ("SCM", "Security Consultative Meeting"),  # acronym
        ("Gaddafi", "Qaddafi"),  # spelling, rapidfuzz 85.7
        ("Lindsay Lohan", "Lohan"),
        ("USGS", "the US Geological Survey"),  # acronym keeping a short word whole
        ("Matanuska Maid", "Mat Maid"),  # short form
    ],
)
def test_variants_name_the_same_one(a: str, b: str) -> None:
    assert same_key(name_key(a), name_key(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Regina Benjamin", "Sanjay Gupta"),
        ("North Korea", "South Korea"),
        ("Pete Hegseth", "Pete Buttigieg"),
        ("Seoul", "Busan"),
    ],
)
def test_different_names_differ(a: str, b: str) -> None:
    assert not same_key(name_key(a), name_key(b))


def name(text: str, kind: NameType = NameType.PERSON, verb: str = "attend", preposition: str = "") -> Name:
    return Name(text, kind, name_key(text), 0, len(text), Role(verb, preposition))


def name_conflicts(a: tuple[Name, ...], b: tuple[Name, ...]) -> list[Disagreement]:
    return compare(extract_values("", names=a), extract_values("", names=b))


def test_more_names_in_one_claim_is_no_conflict() -> None:
    assert name_conflicts((name("Hegseth"), name("Ahn")), (name("Ahn"),)) == []


def test_different_names_in_one_slot_conflict() -> None:
    assert name_conflicts(
        (name("Obama", verb="name"), name("Regina Benjamin", verb="name")),
        (name("Obama", verb="name"), name("Sanjay Gupta", verb="name")),
    ) == [Disagreement(ConflictType.PERSON, "Regina Benjamin", "Sanjay Gupta")]


def test_different_names_in_different_slots_do_not_conflict() -> None:
    a = (name("Seoul", NameType.PLACE, "hold", "in"),)
    b = (name("Busan", NameType.PLACE, "arrive", "in"),)
    assert name_conflicts(a, b) == []


def test_a_shared_name_typed_differently_is_still_shared() -> None:
    a = (name("Betty Ford Clinic", NameType.ORGANIZATION, "enter"),)
    b = (name("Betty Ford Clinic", NameType.PLACE, "enter"),)
    assert name_conflicts(a, b) == []


def test_place_conflict_is_typed_place() -> None:
    a = (name("Seoul", NameType.PLACE, "hold", "in"),)
    b = (name("Busan", NameType.PLACE, "hold", "in"),)
    assert name_conflicts(a, b) == [Disagreement(ConflictType.PLACE, "Seoul", "Busan")]


# --- extraction (spaCy model) ----------------------------------------------------------------


def test_names_are_typed_and_slotted() -> None:
    (names,) = read_names(["Lindsay Lohan checked into the Betty Ford Clinic in Rancho Mirage, California."])
    by_text = {n.text: n for n in names}
    assert by_text["Lindsay Lohan"].type is NameType.PERSON
    assert by_text["Lindsay Lohan"].role == Role("check", "", "subject")
    assert by_text["Rancho Mirage"].type is NameType.PLACE
    assert by_text["Rancho Mirage"].role == Role("check", "in")


def test_a_conjunct_takes_the_slot_of_the_first() -> None:
    (names,) = read_names(["Hegseth and Ahn will attend the meeting."])
    assert {(n.text, n.role) for n in names} == {
        ("Hegseth", Role("attend", "", "subject")),
        ("Ahn", Role("attend", "", "subject")),
    }


def test_extract_names_of_nothing_is_empty() -> None:
    assert read_names([]) == []


def test_a_claim_without_a_verb_has_names_without_a_verb() -> None:
    # A headline's root is a noun: the walk up to a verb must stop there.
    (names,) = read_names(["Tara Reid, the actress from Malibu."])
    assert [(n.text, n.role) for n in names] == [("Tara Reid", Role("", "")), ("Malibu", Role("", "from"))]


def test_find_leaves_roles_unknown_and_a_slot_cannot_be_read() -> None:
    (names,) = SpacyNames().find(["President Obama named Regina Benjamin surgeon general."])
    assert [(n.text, n.role) for n in names] == [("Obama", None), ("Regina Benjamin", None)]
    with pytest.raises(ValueError, match="not parsed"):
        _ = names[0].slot


def test_names_without_the_parser_are_the_full_pipelines() -> None:
    # `find` skips tagger and parser; the recognizer must see the same thing without them.
    texts = [
        "Lindsay Lohan checked into the Betty Ford Clinic in Rancho Mirage, California, on Friday.",
        "The United Nations said that 4,000 people fled Goma after M23 rebels took the airport.",
        "Apple's Tim Cook unveiled the new MacBook Pro at the Moscone Center in San Francisco.",
        "Hegseth and Ahn will attend the 57th Security Consultative Meeting in Seoul.",
    ]
    full = [tuple(_names(doc.ents)) for doc in _nlp().pipe(texts)]
    assert SpacyNames().find(texts) == full
    assert all(full)  # the check compares names, not empty tuples


def test_place_gives_every_found_name_its_role() -> None:
    reader = SpacyNames()
    texts = ["Hegseth and Ahn will attend the meeting in Seoul."]
    placed = place(reader.find(texts)[0], reader.parse(texts)[0])
    assert [(n.text, n.role) for n in placed] == [
        ("Hegseth", Role("attend", "", "subject")),
        ("Ahn", Role("attend", "", "subject")),
        ("Seoul", Role("attend", "in")),
    ]


def test_worker_processes_read_the_same_names(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [
        "Lindsay Lohan checked into the Betty Ford Clinic in Rancho Mirage.",
        "Hegseth and Ahn will attend the meeting in Seoul.",
        "The United Nations said rebels took Goma.",
    ]
    reader = SpacyNames()
    alone = reader.find(texts), reader.parse(texts)
    monkeypatch.setattr(names_module, "PARALLEL_MIN_TEXTS", 2)
    monkeypatch.setattr(names_module, "_cores", lambda: 2)
    assert (reader.find(texts), reader.parse(texts)) == alone
    assert all(alone[0]) and all(alone[1])


def test_a_surname_typed_as_an_organization_is_the_person_named_in_full() -> None:
    subryan = Name("Subryan", NameType.ORGANIZATION, ("subryan",), 0, 7)
    toyota = Name("Toyota", NameType.ORGANIZATION, ("toyota",), 0, 6)
    full = Name("Vishwanand Subryan", NameType.PERSON, ("vishwanand", "subryan"), 0, 18)
    washington = Name("Washington", NameType.PLACE, ("washington",), 0, 10)
    george = Name("George Washington", NameType.PERSON, ("george", "washington"), 0, 17)
    retyped = surnames_as_people([(subryan, toyota), (full, george), (washington,)])
    assert [n.type for n in retyped[0]] == [NameType.PERSON, NameType.ORGANIZATION]
    assert retyped[2] == (washington,)  # a place stays a place
    assert surnames_as_people([(subryan,)]) == [(subryan,)]  # no person of that name: as tagged


@pytest.mark.parametrize(
    ("label", "text", "kind"),
    [
        ("PERSON", "Wayne State", NameType.ORGANIZATION),
        ("PERSON", "the Obama White House", NameType.ORGANIZATION),
        ("PERSON", "DeShawn Wynn", NameType.PERSON),
        ("PERSON", "Margaret Court", NameType.PERSON),  # a surname that is also an institution's word
        ("PERSON", "State", NameType.PERSON),  # one word: no name around the head
        ("GPE", "Ohio State", NameType.PLACE),  # only a "person" is retyped
        ("DATE", "Monday", None),
        ("ORG", "Fort Coffee", NameType.PLACE),
        ("ORG", "Mount Cook National Park", NameType.PLACE),
        ("ORG", "Fulton County", NameType.PLACE),
        ("ORG", "Fort Smith Police", NameType.ORGANIZATION),  # an institution's word ends it
        ("ORG", "Microsoft", NameType.ORGANIZATION),
    ],
)
def test_a_name_is_typed_by_its_words_where_the_tagger_errs(label: str, text: str, kind: NameType | None) -> None:
    """A "person" named like an institution is an organization; an "organization" named like a
    place (the tagger's usual error on "Fort ..." and "... County") is a place."""
    assert name_type(label, name_key(text)) is kind
