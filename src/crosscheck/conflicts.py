"""Conflicts: the values a claim states that another source can contradict, and where two
claims of one finding really do (docs/conflicts.md).

1. `extract_values` reads a claim's dates, clock times, numbers, negations and names; with the
   claim's parse (`needs_parse` says when it is worth one), each value knows what it qualifies.
2. `compare` runs the checks, in this order, on two claims' values taken as multisets (a value
   with an equal counterpart on the other side is never in conflict):
   - dates, aligned by role; dates that cannot be placed on one calendar ("Tuesday" with no
     article date vs "November 4") are `unresolved`, not agreeing: a reviewer should see them;
   - clock times;
   - numbers that count the same thing, aligned by role;
   - negation of the fact itself, word for word ("not fired" / "fired"), or in other words
     ("has not checked into" / "has entered", same participants), which stands only once the
     event verifier reads the two words as one event (`needs_confirmation`, crosscheck.label);
   - names in the same role of one verb (person, place, organization).
3. `find_conflicts` turns what `compare` found into the report's `Conflict`s, and tells an
   `update` (a running tally that the later article raised) from a number conflict.
   `normalized_agreement` gives the dates that agree only once normalized.

Which conflict types say the sources disagree is `ConflictType.disagrees` (crosscheck.domain).
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from crosscheck.dates import TIME_PATTERN, TemporalMention, TimeValue, find_temporal
from crosscheck.domain import Anchor, Claim, Conflict, ConflictType, Normalized, Side
from crosscheck.names import Name, NameType, same_name
from crosscheck.syntax import (
    NEG_RAISING,
    NOUNS,
    REPORTING,
    Attachment,
    Syntax,
    Tense,
    attachment,
    complement,
    episode,
    governor,
    holder,
    main_predicate,
    participants,
    participle,
    predicates,
    scope,
    span_root,
    tense,
)
from crosscheck.text import STOPWORDS, title_case

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
NUMBER_PATTERN = re.compile(
    r"(?P<hedge>\b(?:about|around|approximately|roughly|some|nearly|almost|close to|more than|over|"
    r"at least|less than|under|fewer than|up to|as many as|an estimated)\s+)?"
    # "1, 000" as some sites (and ECB+) space it: a group with a leading zero after a comma can
    # only be a thousands group ("in 2009, 100 people" is two numbers, and stays two).
    r"(?P<number>\d{1,3}(?:,\d{3}|,\s0\d{2})+(?:\.\d+)?|\d+(?:\.\d+)?|\b(?:"
    + "|".join(NUMBER_WORDS)
    + r")\b)(?P<ordinal>st|nd|rd|th)?"
    r"(?:\s*(?P<scale>thousand|million|billion|trillion)\b)?(?P<percent>\s*%|\s+per\s?cent\b)?",
    re.IGNORECASE,
)
# How far a hedge widens a stated number; "about 28,000" admits 28,500.
APPROXIMATE_TOLERANCE = 0.10
HEDGES_AT_LEAST = ("more than", "over", "at least")
HEDGES_AT_MOST = ("less than", "under", "fewer than", "up to", "as many as")
HEDGES_NEARLY = ("nearly", "almost", "close to")
UNIT_WINDOW = 3  # words after a number that may name what it counts
# One unit however it is written: abbreviated, or in British or American spelling ("108 km" and
# "72 kilometres", "10 meters" and "12 metres" measure one thing). Keys are singular, as units
# are kept ("kms" is "km"). Not "m", which is also a million ("$8m").
UNIT_SPELLINGS = {
    "km": "kilometre",
    "kilometer": "kilometre",
    "meter": "metre",
    "cm": "centimetre",
    "centimeter": "centimetre",
    "mm": "millimetre",
    "millimeter": "millimetre",
    "mi": "mile",
    "ft": "foot",
    "feet": "foot",
    "yd": "yard",
    "kg": "kilogram",
    "kilo": "kilogram",
    "lb": "pound",
    "oz": "ounce",
    "liter": "litre",
    "hr": "hour",
    "min": "minute",
    "sec": "second",
    "yr": "year",
}
# Nouns that count instances of what their "of" names: "two counts of murder" counts what "two
# murder charges" does; "five cases of cholera", "three acts of vandalism".
CLASSIFIERS = frozenset("count case instance incident act round piece dose episode bout".split())
# A number right after a capitalized word that is not the sentence's first: a name's number
# ("Internet Explorer 7", "IE6", "Route 94"); not after a month, a weekday or "No." ("No. 5").
NAMED_NUMBER = re.compile(r"(?<=\S)\s+(?P<word>[A-Z][A-Za-z]*)\s?$")
NOT_NAMES = frozenset(
    [m for m in calendar.month_name if m]
    + [m for m in calendar.month_abbr if m]
    + list(calendar.day_name)
    + ["No", "Sept", "Week", "Game", "Round", "Chapter", "Section", "Article", "Page", "Grade", "Level", "Category"]
)
# Whom an outlet's source told, or who told the outlet: "her rep told People.com", "told L. A.
# Superior Court Judge James R. Dabney", "according to TMZ", "confirmed to PEOPLE". Two outlets
# that heard one statement from two places do not disagree about the fact.
# Only the verbs ignore case: the words between them and the name must be capitalized (a title,
# "L. A. Superior Court Judge"), or "told reporters that Kim Lee won" would drop Kim Lee.
ATTRIBUTION_BEFORE = re.compile(
    r"\b(?i:according\s+to|told|tells|telling|tell|reported\s+by"
    r"|(?:said|says|confirmed|confirms|reported|reports|announced|explained|wrote)\s+to)"
    r"\s+(?:(?i:the)\s+)?(?:[A-Z][\w.'’-]*\s+)*$"
)
QUOTES = "\"“”‘’'"
# A number that begins a hyphenated modifier measures the noun it describes ("a three-point play",
# "a six-year term", "the 10-0 run" is a score and left alone): its unit is the compound.
COMPOUND = re.compile(r"-(?P<word>[A-Za-z]+)\b(?!-old)")
# Words before a clock time that make it approximate, and how far each kind of time may be off.
TIME_HEDGES = re.compile(
    r"\b(?:about|around|approximately|roughly|nearly|almost|(?:shortly|just|soon) (?:after|before))\s+$",
    re.IGNORECASE,
)
TIME_HEDGE = 15  # minutes: "shortly after 3:30" fits 3:33 and 3:45, not 4:00
# A deadline: "was out by 7 a.m." says no later than 7, which "by 6:40 a.m." and "at 6:40" fit.
TIME_DEADLINE = re.compile(r"\bby\s+$", re.IGNORECASE)
YEAR = re.compile(r"(?:19|20)\d\d")
# One side of a score: "24-20", "91 - 73".
SCORE_AFTER = re.compile(r"\s?-\s?\d")
SCORE_BEFORE = re.compile(r"\d\s?-\s?$")
# A game clock, not a time of day: "with 5:33 to play", "7:41 left in the first half", "at the
# 13:41 mark"; compared only with another game clock. A scheduled break named by its clock
# ("the under-16:00 media timeout") dates nothing: no time at all (nor numbers).
GAME_CLOCK_AFTER = re.compile(r"\s+(?:to\s+(?:play|go)|left|remaining|mark)\b", re.IGNORECASE)
TIMEOUT_AFTER = re.compile(r"\s+(?:media\s+|official\s+|tv\s+)?time-?out\b", re.IGNORECASE)
ROUND_TIME = 5  # minutes: "10:00" fits 10:03 (one outlet rounds), not 10:10
# A time zone written after a clock time ("4:30 p.m. ET", "1:30 p. m. PST"), as hours from UTC.
# "ET", "CT", "MT" and "PT" are read as standard time: two of them differ by whole hours either way.
TIME_ZONES = {
    "et": -5, "est": -5, "edt": -4, "ct": -6, "cst": -6, "cdt": -5, "mt": -7, "mst": -7, "mdt": -6,
    "pt": -8, "pst": -8, "pdt": -7, "gmt": 0, "utc": 0, "bst": 1, "cet": 1, "cest": 2,
}  # fmt: skip
TIME_ZONE_AFTER = re.compile(r"\s*(?:[ap]\.?\s?m\.?\s*)?\(?(?P<zone>" + "|".join(TIME_ZONES) + r")\b", re.IGNORECASE)
# A time with a zone against one without: the other outlet may write its own zone's time, so a
# gap of whole hours up to this many fits ("3:30 p.m." in New Orleans is "4:30 p.m. ET").
ZONE_HOURS = 3
# A day counted from another date of the claim: "the night before", "a day later", "the next morning".
RELATIVE_DAY = re.compile(
    r"\b(?:the\s+(?P<unit>day|night|evening|morning|afternoon)\s+(?P<direction>before|after)"
    r"|a\s+day\s+(?P<direction2>earlier|later)"
    r"|the\s+(?P<direction3>previous|next|following)\s+(?:day|night|evening|morning|afternoon))\b",
    re.IGNORECASE,
)
# "the Doctor since 2010": the date starts a period, it dates no event.
SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)
# "for a third straight night Wednesday": the fact is one of a series, its date one instance's.
SERIES = re.compile(
    r"\b(?P<ordinal>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\s+"
    r"(?:straight|consecutive|successive)\s+(?P<unit>day|night|week|weekend|month|year|season)s?\b",
    re.IGNORECASE,
)
RECURRING_BEFORE = re.compile(r"\b(?:every|each)\s+(?:\w+\s+)?$", re.IGNORECASE)
RECURRING_AFTER = re.compile(r"\s+(?:of\s+)?(?:every|each)\b", re.IGNORECASE)
# A person's age, in the forms news writes it (`_age`).
AGE_AFTER = re.compile(r"(?:-| )years?(?:-| )old\b", re.IGNORECASE)
AGE_BEFORE = re.compile(r"\baged\s+$", re.IGNORECASE)
# "Arcade Comeaux Jr., 49, escaped": a surname (and suffix), a comma, the number, then a comma,
# or the next of a list ("Andrew Lopez, 30 and Jonathan Carrasquillo, 24,"), or the end.
APPOSED_BEFORE = re.compile(r"\b(?P<name>[A-Z][\w'’-]*)(?:,?\s+(?:Jr|Sr|II|III)\.?)?,\s+$")
APPOSED_AFTER = re.compile(r"(?:,|\)|\s+(?:and|or)\s+[A-Z]|\.?\s*$)")
# "26-year-old Christopher Kenyon Simpson": the last of the capitalized words after the age.
NAME_AFTER = re.compile(
    r"\s+(?:[A-Z][\w'’.-]*\s+)*?(?P<name>(?!(?:Jr|Sr|II|III)\b)[A-Z][\w'’-]*)(?![\w'’-])"
    r"(?:,?\s+(?:Jr|Sr|II|III)\b\.?)?(?!\s+[A-Z])"
)
# A number with a comparative right after it states a difference, not an amount: "finished the
# fight five rounds sooner", "two more bodies were found", "three points behind". It is compared
# only with another difference. "more", "fewer" and "less" followed by "than" are left out:
# "killed 12 people more than a week ago".
DIFFERENCE_WINDOW = 3
# The noun a number follows through "of" ("a mother of 12"): a unit read before any parse.
OF_BEFORE = re.compile(r"\b(?P<noun>[A-Za-z]+) of\s+$")
DIFFERENCES = frozenset(
    "sooner earlier later longer shorter higher lower ahead behind additional extra further".split()
)
INCREMENTS = frozenset({"more", "fewer", "less"})
DATE_TYPES = frozenset({ConflictType.DATE, ConflictType.UNRESOLVED})
UPDATE_HOURS = 48  # gaps shorter than this are told in hours
# What a running tally counts, as word stems: figures that only grow as a story unfolds. Each
# kind is one count ("killed" and "dead" count the dead); two kinds are two counts, though both
# count people ("injured more than 200 people" / "twelve people were killed"). "Casualties" and
# "victims" may be either the dead or the hurt, so they are a tally of no one kind.
TALLY_KINDS: dict[str, tuple[str, ...]] = {
    "dead": ("dead", "death", "die", "kill", "fatalit", "toll"),
    "hurt": ("injur", "wound", "hurt", "hospitali"),
    "held": ("arrest", "detain"),
    "missing": ("missing",),
    "moved": ("evacu", "displac"),
    "rescued": ("rescu",),
    "votes": ("vote", "ballot"),
    "cases": ("case", "infect"),
    "pages": ("page",),
}
TALLY_STEMS = (*(stem for stems in TALLY_KINDS.values() for stem in stems), "casualt", "victim")

NEGATION = re.compile(r"\b(?:not|never|no|none|nobody|nothing|neither|nor)\b|n['’]t\b", re.IGNORECASE)
# Penn tags of comparative and superlative adjectives and adverbs.
COMPARATIVES = frozenset({"JJR", "JJS", "RBR", "RBS"})
# Main predicates that state no event another claim could deny in other words ("The victim was
# a grandmother", "He has a record").
NO_EVENT = frozenset({"be", "have"})
# Verbs whose affirmation says that something did not happen: "sat out" states what "did not
# participate" states, "was acquitted" what "was not convicted" does. A denial in other words is
# no disagreement where either side's verb is one of them.
NEGATIVE_VERBS = frozenset(
    """abstain acquit avoid ban block cancel decline deny drop fail forgo halt lack lose miss
    postpone prevent quit refuse reject scrap sit skip spare stop suspend withdraw""".split()
)
# Words between a negation and the verb it negates; skipped to find that verb.
NEGATION_FILLER = frozenset(
    ["be", "been", "being", "have", "has", "had", "yet", "even", "also", "ever", "a", "an", "the", "any", "to"]
)
STEM = 5  # characters compared to tell "attend" in "attended" and "attending"
# A negative quantifier ("no", "none", "nobody", "nothing", "neither") with a comparison after it
# states a superlative, not that something did not happen: "No candidate has done more than he
# has" says what "He has done more than any other candidate" says. ("not only", "no other",
# "none of", "nothing but" negate a function word, which is never a target: see _negations.)
NEGATIVE_QUANTIFIERS = frozenset({"no", "none", "nobody", "nothing", "neither"})
COMPARISON = re.compile(r"\b(?:than|as\s+\w+\s+as)\b", re.IGNORECASE)


# Dates agree by OVERLAP: two values placed on the calendar agree when their intervals share at
# least one day ("early December" = Dec 1-10 agrees with "December 4" and with "2025"; "November"
# does not agree with "December 4"). Containment alone would be stricter than the text allows:
# "early December" and "the first week of December" overlap without either containing the other.
# Values not placed on the calendar compare the parts both state ("XXXX-11-04" vs "2025-11-04").
PARTIAL_DATE = re.compile(r"[\dX]{4}(?:-[\dX]{2}(?:-[\dX]{2})?)?")
# An unanchored weekday ("XXXX-WXX-2") against a full date: the date's own weekday decides
# ("Tuesday" fits November 4, 2025, a Tuesday, and not November 10, 2011, a Thursday).
UNANCHORED_WEEKDAY = re.compile(r"XXXX-WXX-(?P<day>[1-7])")
# A weekend, anchored or not ("2013-W10-WE", "XXXX-WXX-WE"): an unanchored Saturday or Sunday
# fits it ("shot on Saturday" vs "shot at the weekend").
WEEKEND = re.compile(r"[\dX]{4}-W[\dX]{2}-WE")
# Friday too: a Friday night is the weekend's, and news writes "went up in flames this weekend"
# of a fire another outlet dates "Friday night".
WEEKEND_DAYS = frozenset({5, 6, 7})


@dataclass(frozen=True)
class DateMention:
    text: str
    value: TimeValue
    attachment: Attachment | None = None  # what it dates, once the claim is parsed
    recurring: bool = False  # "every Tuesday", "the second Tuesday of each month": no one day
    # What the date is one of: "since" for the start of a period ("the Doctor since 2010"), an
    # instance of a series ("third night" in "for a third straight night Wednesday"), "" for
    # the date of the fact. Dates are compared within one frame only.
    frame: str = ""


@dataclass(frozen=True)
class ClockTime:
    """A clock time as written, read on a 12-hour dial: "3:30 p.m." is (3, 30, "pm"), "15:30"
    (3, 30, "pm"), "3:30" (3, 30, None); `hedged` when written "about 3:30", "shortly after 3:30"."""

    text: str
    hour: int
    minute: int
    meridiem: str | None
    hedged: bool = False
    zone: int | None = None  # hours from UTC, when a zone follows the time ("4:30 p.m. ET": -5)
    deadline: bool = False  # written "by 7 a.m.": at that time or before
    game: bool = False  # a game clock ("with 7:41 left"), not a time of day


@dataclass(frozen=True)
class Quantity:
    text: str
    low: float
    high: float
    units: frozenset[str]
    ordinal: bool = False  # "his 11th point" ranks, "23 points" counts
    attachment: Attachment | None = None  # what it counts, once the claim is parsed
    difference: bool = False  # "five rounds sooner" differs by, "in the sixth round" counts
    scope: str = ""  # "since" in "arrested three times since October": counted over a span
    tense: Tense | None = None  # its clause's, once parsed: "will miss two games" is still to come
    score: bool = False  # one side of a score ("leading [24]-20", "won 91-[73]")


@dataclass(frozen=True)
class Negation:
    text: str
    target: str  # stem of the negated word
    main: bool = True  # the negated word is the claim's main predicate (unknown unparsed: True)
    # False for "No gun has been recovered": it agrees with "the gun has not been recovered", but
    # denies no particular thing another claim affirms ("No decision has been reached on the
    # staff" / "reached a deal"), so it makes no conflict.
    denies: bool = True
    lemma: str = ""  # the denied verb's lemma, once parsed ("check" in "has not checked into"); "" for a copula's
    participants: frozenset[str] = frozenset()  # who and what fill its roles, once parsed (`participants`)
    governor: str = ""  # what governs its clause, once parsed ("tell" in "told him she was not pregnant")


@dataclass(frozen=True)
class Values:
    dates: tuple[DateMention, ...]
    times: tuple[ClockTime, ...]
    quantities: tuple[Quantity, ...]
    negations: tuple[Negation, ...]
    words: Mapping[str, str]  # stem -> first word with that stem, to quote the affirmed side
    names: tuple[Name, ...] = ()  # from a NameReader, with roles where contested_types needs them
    predicate: str | None = None  # stem of the main predicate, once the claim is parsed
    predicates: frozenset[str] = frozenset()  # stems of the verbs heading its clauses, once parsed
    predicate_lemma: str = ""  # the main predicate's lemma, once parsed ("enter")
    predicate_participants: frozenset[str] = frozenset()  # who and what fill its roles
    slots: frozenset[tuple[str, str]] = frozenset()  # (stem, governor) of each of `predicates`
    # Who does each verb and to what, by its lemma, once parsed (`participants`, doers only).
    doers: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # What singles out the fact's subject as one of several of its kind ("the first quake"), once parsed.
    episode: str = ""


@dataclass(frozen=True)
class Disagreement:
    type: ConflictType
    a: str
    b: str
    normalized_a: str | None = None  # for dates: the normalized values compared
    normalized_b: str | None = None
    reason: str | None = None  # for unresolved ones: why they could not be compared
    qualifies_a: str | None = None  # what each side's value qualifies, where the claims were parsed
    qualifies_b: str | None = None
    # For numbers: the two amounts, when both count a running tally (`is_tally`) that a later
    # report may raise; crosscheck.label tells an update from a contradiction with them.
    tally: tuple[float, float] | None = None


@dataclass(frozen=True)
class DateAgreement:
    """Two dates written differently that agree once normalized: both phrasings and the common value."""

    a: DateMention
    b: DateMention
    value: str


def extract_values(
    text: str, anchor: dt.date | None = None, names: tuple[Name, ...] = (), syntax: Syntax | None = None
) -> Values:
    """`anchor`: the article's date, from which relative dates ("on Tuesday") are read; `names`:
    the claim's names (crosscheck.names), found for all compared claims in one batch; `syntax`:
    the claim's parse, where `needs_parse` asked for it. With it, each date and number knows what
    it qualifies, a date's tense is its clause's, and a negation knows whether it negates the
    claim's main predicate."""
    taken: list[tuple[int, int]] = []
    dates = _dates(text, anchor, taken, syntax)
    times = _times(text, taken)
    main = main_predicate(syntax) if syntax else None
    return Values(
        dates=tuple(dates),
        times=tuple(times),
        quantities=tuple(_quantities(text, taken, syntax)),
        negations=tuple(_negations(text) if syntax is None else _parsed_negations(text, syntax)),
        words={w[:STEM]: w for w in reversed(_words(text))},
        names=_compared_names(text, names),
        predicate=_stem(text, syntax, main) if syntax and main is not None else None,
        predicates=frozenset(_stem(text, syntax, k) for k in predicates(syntax)) if syntax else frozenset(),
        predicate_lemma=syntax[main].lemma.lower() if syntax and main is not None else "",
        predicate_participants=participants(syntax, main) if syntax and main is not None else frozenset(),
        slots=frozenset((_stem(text, syntax, k), governor(syntax, k)) for k in predicates(syntax))
        if syntax
        else frozenset(),
        doers=_doers(syntax) if syntax else {},
        episode=episode(syntax, main) if syntax and main is not None else "",
    )


def _doers(syntax: Syntax) -> dict[str, frozenset[str]]:
    found: dict[str, frozenset[str]] = {}
    for k in predicates(syntax):
        lemma = syntax[k].lemma.lower()
        found[lemma] = found.get(lemma, frozenset()) | participants(syntax, k, doers_only=True)
    return found


def one_doing(a: Values, word_a: str | None, b: Values, word_b: str | None) -> bool:
    """Two verbs with the same participants, two or more, in their roles ("Microsoft released a
    patch on Friday" / "Microsoft issued the patch on Wednesday"): one doing told in two words,
    whatever a model reads of the words."""
    if not word_a or not word_b or ";" in word_a + word_b:
        return False
    doers = a.doers.get(word_a, frozenset())
    return len(doers) >= 2 and doers == b.doers.get(word_b, frozenset())


def _compared_names(text: str, names: tuple[Name, ...]) -> tuple[Name, ...]:
    """The names that can be a fact's participants. Not those of a headline in title case, where
    the tagger takes verbs for names ("Lindsay Lohan Checks Out", "Obama Reverses Bush"; the
    article's body names them again); not whom a statement was told or who passed it on
    (`ATTRIBUTION_BEFORE`, or the object of "tell" in the parse); not a title in quotation marks
    ("the star of “American Pie”, “Van Wilder”"), a work's name and not a person's."""
    if title_case(text):
        return ()
    return tuple(
        n
        for n in names
        if not ATTRIBUTION_BEFORE.search(text[: n.start])
        and not (n.role is not None and n.role.verb == "tell" and n.role.function == "object")
        and not (n.role is not None and n.role.preposition == "to" and n.role.verb in REPORTING)
        and not _quoted(text, n.start, n.end)
    )


def _quoted(text: str, start: int, end: int) -> bool:
    """The span is all that stands between two quotation marks (a comma may close it: “Van Wilder,”)."""
    closing = text[end : end + 2].lstrip(",.")
    return start > 0 and text[start - 1] in QUOTES and bool(closing) and closing[0] in QUOTES


def needs_parse(a: Values, b: Values) -> bool:
    """Whether comparing the two claims reads their parses: their words alone give a date, time,
    number or negation conflict, or each names a person, place or organization the other does
    not. The parse then decides whether the values really qualify one thing; a pair that agrees
    word by word is not parsed (on the 1,000-article scale corpus, parsing every pair with
    values on both sides cost about 4 s more)."""
    checks = (_date_disagreement, _time_disagreement, _number_disagreement, _negation_disagreement)
    return (
        bool(contested_types(a.names, b.names))
        or any(check(a, b) is not None for check in checks)
        or bool(a.negations) != bool(b.negations)  # one side denies: maybe what the other states in other words
    )


def compare(a: Values, b: Values) -> list[Disagreement]:
    """Incompatible values between two claims already matched as stating the same fact.

    Values are compared as multisets: one with an equal counterpart on the other side is never
    in conflict ("Hoyer keeps the No. 2 post and Clyburn the No. 3" twice is no "3 vs 2"). Of
    the rest, a date or number conflicts only with one that qualifies the same thing (`_aligned`).
    """
    checks: tuple[Callable[[Values, Values], Disagreement | None], ...] = (
        _date_disagreement,
        _time_disagreement,
        _number_disagreement,
        _polarity_disagreement,
    )
    if a.episode != b.episode:
        # "The first quake struck at 4:43" tells of one of several quakes: its date, time and
        # figures are another quake's than those of "the quake struck at 7:48".
        checks = (_polarity_disagreement,)
    return [d for check in checks if (d := check(a, b)) is not None] + _name_disagreements(a, b)


def _aligned(x: Attachment | None, y: Attachment | None) -> bool:
    """Two values qualify the same thing: both the fact each claim states (its main predicate, or
    a noun of it), or the same word ("the April 2012 shooting" and "the shooting in May"). A
    claim not parsed aligns everything, as before parses existed."""
    if x is None or y is None:
        return True
    return (x.main and y.main) or (bool(x.word) and x.word == y.word)


def _typed(quantity: Quantity) -> bool:
    """An age or a hyphenated measure: a number whose kind the text states."""
    return any(unit == "age" or unit.startswith(("age of ", "-")) for unit in quantity.units)


def _same_word(x: Attachment | None, y: Attachment | None) -> bool:
    return x is not None and y is not None and bool(x.word) and x.word == y.word


def _sole(date: DateMention, dates: Sequence[DateMention], other: Values) -> bool:
    """Whether `date` is its claim's only date and may date the fact itself though the parse
    hangs it elsewhere: "fell ... while climbing to a hut on Saturday" dates the fall, whichever
    verb the parser gives "on Saturday". Not a date of a reporting verb ("the team said
    Wednesday"), of an event the fact is placed against ("since the shooting Saturday") or of a
    noun ("charged in the April 2012 shooting"), nor one in a relative clause whose verb the
    `other` claim does not state ("fired O'Brien, who signed the contract when he was hired on
    April 21" / "fired O'Brien on Monday"; "Reid, who launched a line in September" still meets
    "Reid launched the line in December"). Such a pair is compared only where the calendar
    decides it: a guess at the role does not make an `unresolved` conflict. (Numbers have no
    such rule: "landed 68 punches" and "threw 369 punches" count two things, told apart by their
    verbs.)"""
    x = date.attachment
    if x is not None and x.relative_clause and not any(_same_stem(x.relative_clause, p) for p in other.predicates):
        return False
    return len(dates) == 1 and (x is None or not (x.noun or x.reference or x.word in REPORTING))


def _same_stem(lemma: str, stem: str) -> bool:
    """A verb's lemma and a written verb's stem (`STEM` letters): "launch" / "launc", "hire" / "hired"."""
    return bool(stem) and (lemma[:STEM] == stem or stem.startswith(lemma))


def date_agreement(a: Values, b: Values) -> DateAgreement | None:
    """The first pair of dates that agree only after normalization (phrasings differ, both placed)."""
    for x in _pointed(a):
        for y in _pointed(b):
            if _same_phrase(x, y) or not (x.value.resolved and y.value.resolved) or not _dates_agree(x, y):
                continue
            return DateAgreement(x, y, _common(x.value, y.value))
    return None


def _date_disagreement(a: Values, b: Values) -> Disagreement | None:
    xs, ys = _pointed(a), _pointed(b)
    xs, ys = (
        [x for x in xs if not any(_dates_agree(x, y) for y in ys)],
        [y for y in ys if not any(_dates_agree(x, y) for x in xs)],
    )
    pairs = [(x, y) for x in xs for y in ys if x.frame == y.frame and _aligned(x.attachment, y.attachment)]
    qualifies = None
    if (
        not pairs
        and xs
        and ys
        and xs[0].frame == ys[0].frame
        and _sole(xs[0], _pointed(a), b)
        and _sole(ys[0], _pointed(b), a)
        and _decidable(xs[0], ys[0])
    ):
        pairs = [(xs[0], ys[0])]  # one date on each side, each free to date the fact, and comparable
        # ... so one the parser hung on nothing dates its claim's fact, for the event verifier
        # too ("was struck ... [on Wednesday night]", left outside the sentence, against "police
        # identified the victim on Thursday": strike / identify).
        # A participle's or an infinitive's date dates the doing it tells the circumstances of
        # ("killed ... while visiting a neighbour to welcome ... [Friday evening]": kill).
        qualifies = _deed(xs[0]) or a.predicate_lemma or None, _deed(ys[0]) or b.predicate_lemma or None
    if not pairs:
        return None
    xs, ys = list(dict.fromkeys(x for x, _ in pairs)), list(dict.fromkeys(y for _, y in pairs))
    written_a, written_b = _join(d.text for d in xs), _join(d.text for d in ys)
    normalized_a, normalized_b = _join(d.value.label for d in xs), _join(d.value.label for d in ys)
    undecided = [m for x in xs for y in ys if not _decidable(x, y) for m in (x, y) if not m.value.resolved]
    qualifies = qualifies or (_qualifies(xs), _qualifies(ys))
    if undecided:
        unplaced = _join(f"“{m.text}” ({m.value.value})" for m in undecided).replace("; ", " and ")
        reason = (
            f"{unplaced} cannot be placed on one calendar without the article's date "
            "(front matter published, or a dateline)"
        )
        return Disagreement(
            ConflictType.UNRESOLVED, written_a, written_b, normalized_a, normalized_b, reason, *qualifies
        )
    return Disagreement(ConflictType.DATE, written_a, written_b, normalized_a, normalized_b, None, *qualifies)


def _deed(date: DateMention) -> str:
    return "" if date.attachment is None else date.attachment.deed or date.attachment.word


def _qualifies(values: Sequence[DateMention | Quantity]) -> str | None:
    words = [v.attachment.word for v in values if v.attachment is not None and v.attachment.word]
    return _join(words) or None


def _time_disagreement(a: Values, b: Values) -> Disagreement | None:
    """Times of day against times of day, game clocks against game clocks ("7:41 left" /
    "7:42 left")."""
    for game in (False, True):
        xs, ys = [t for t in a.times if t.game is game], [t for t in b.times if t.game is game]
        if xs and ys and not any(_times_agree(x, y) for x in xs for y in ys):
            return Disagreement(ConflictType.TIME, _join(t.text for t in xs), _join(t.text for t in ys))
    return None


def _times_agree(x: ClockTime, y: ClockTime) -> bool:
    """The same clock time, within what the writing allows: a time without a.m. or p.m. fits
    either ("1:35" / "1:35 pm"); "about" or "shortly after" one of them allows TIME_HEDGE minutes
    ("shortly after 3:30" / "3:33"); a time on the hour or half hour, ROUND_TIME minutes
    ("10:00" / "10:03": one outlet rounds). Times with zones are compared in one zone ("4:30
    p.m. ET" / "1:30 p.m. PST"); a zoned time fits an unzoned one a whole number of hours away, up
    to ZONE_HOURS. A deadline ("by 7 a.m.") fits any time before it on the same half of the
    dial ("by 6:40 a.m.", "at 6:40")."""
    shift = 0 if x.zone is None or y.zone is None else (x.zone - y.zone) * 60
    if not shift and x.meridiem and y.meridiem and x.meridiem != y.meridiem:
        return False
    earlier = (y.hour % 12) * 60 + y.minute - (x.hour % 12) * 60 - x.minute - shift  # y after x, in minutes
    if (y.deadline and 0 <= earlier < 720) or (x.deadline and -720 < earlier <= 0):
        return True
    gap = abs((x.hour % 12) * 60 + x.minute - (y.hour % 12) * 60 - y.minute - shift) % 720
    gap = min(gap, 720 - gap)  # on the dial: 11:55 and 12:05 are ten minutes apart
    if (x.zone is None) != (y.zone is None) and gap % 60 == 0 and gap <= ZONE_HOURS * 60:
        return True  # "4:30 p.m. ET" / "3:30 p.m.": one outlet's local time
    if x.hedged or y.hedged:
        return gap <= TIME_HEDGE
    if x.minute in (0, 30) or y.minute in (0, 30):
        return gap <= ROUND_TIME
    return gap == 0


def _number_disagreement(a: Values, b: Values) -> Disagreement | None:
    """Only numbers that count the same thing (a shared unit word) are compared, a rank only
    with a rank, a count over a span ("three times since October") only with one over the same
    kind of span, a difference only with a difference, and a count of what is still to come not
    with one of what is done: "scored his 11th point" and "finished with 23 points" state two
    different facts (three of the false number conflicts on ECB+'s unchanged articles), as do
    "five rounds sooner" and "in six rounds", and "will miss the final two games" and "missed the
    next four games"."""
    comparable = [
        (x, y)
        for x in a.quantities
        for y in b.quantities
        if x.units & y.units
        and (x.ordinal, x.difference, x.scope) == (y.ordinal, y.difference, y.scope)
        and not _other_tallies(x, y)
        and not _done_and_to_come(x, y)
        and not _moments_apart(x, a, y, b)
    ]
    agreeing = {v for x, y in comparable if x.low <= y.high and y.low <= x.high for v in (x, y)}
    # The same figure on the other side, whatever the words after it: "five of the first eight
    # points" / "five points" is one figure, read with two different units. Not an age or a
    # hyphenated measure, whose kind is sure ("a 30-year-old mark" is no 30 points).
    loose = [(x, y) for x in a.quantities for y in b.quantities if not (_typed(x) or _typed(y))]
    agreeing |= {v for x, y in loose if (x.low, x.high) == (y.low, y.high) for v in (x, y)}
    conflicting = [(x, y) for x, y in comparable if not {x, y} & agreeing and _aligned(x.attachment, y.attachment)]
    if not conflicting:
        return None
    # Two figures of one word first ("has 2,302" / "has 2,301"), then those of the main predicates.
    x, y = min(conflicting, key=lambda pair: not _same_word(pair[0].attachment, pair[1].attachment))
    tally = (
        ((x.low + x.high) / 2, (y.low + y.high) / 2)
        if is_tally(x) and is_tally(y) and x.high < math.inf > y.high
        else None
    )
    return Disagreement(
        ConflictType.NUMBER, x.text, y.text, qualifies_a=_qualifies([x]), qualifies_b=_qualifies([y]), tally=tally
    )


def _moments_apart(x: Quantity, a: Values, y: Quantity, b: Values) -> bool:
    """Two scores, at least one told at a moment of the game clock, and not at one moment
    ("leading 83-58 with 5:33 to play" / "23 seconds later, leading 24-20"): the score runs on."""
    clocks_a, clocks_b = [t for t in a.times if t.game], [t for t in b.times if t.game]
    return (
        x.score
        and y.score
        and bool(clocks_a or clocks_b)
        and not any(_times_agree(s, t) for s in clocks_a for t in clocks_b)
    )


def _done_and_to_come(x: Quantity, y: Quantity) -> bool:
    """A count of what is done against one of what is still to come: two spells ("missed the next
    four games" / "will miss the final two games"). Not an age or a measure, which a person or
    thing has whatever the clause's tense ("trial is set for a 26-year-old" / "found a 27 year
    old guilty")."""
    return {x.tense, y.tense} == {Tense.PAST, Tense.FUTURE} and not (_typed(x) or _typed(y))


def _other_tallies(x: Quantity, y: Quantity) -> bool:
    """Two tallies of different kinds: the injured against the dead, the arrested against the hurt."""
    kinds_x, kinds_y = _tally_kinds(x), _tally_kinds(y)
    return bool(kinds_x and kinds_y) and not kinds_x & kinds_y


def _tally_kinds(quantity: Quantity) -> set[str]:
    words = _counted_words(quantity)
    return {kind for kind, stems in TALLY_KINDS.items() if any(w.startswith(stems) for w in words)}


def _counted_words(quantity: Quantity) -> set[str]:
    """What a number counts: its unit words and the verb it counts for."""
    return set(quantity.units) | ({quantity.attachment.word} if quantity.attachment else set())


def is_tally(quantity: Quantity) -> bool:
    """Whether the number counts a running tally: the dead, injured, arrested, missing, votes
    counted, pages released; what it counts (its unit words) or the verb it counts for says so."""
    return any(w.startswith(TALLY_STEMS) for w in _counted_words(quantity))


def _negation_disagreement(a: Values, b: Values) -> Disagreement | None:
    """One side negates a word ("will not attend") that the other states plainly ("will attend").
    Parsed, the other side must state it as a verb ("a developing player" does not affirm "did
    not develop"), and it must be the fact itself: the main predicate of one side or the other."""
    for negation in a.negations:
        if negation.denies and _contradicts(negation, b, a):
            return Disagreement(ConflictType.NEGATION, negation.text, b.words[negation.target])
    for negation in b.negations:
        if negation.denies and _contradicts(negation, a, b):
            return Disagreement(ConflictType.NEGATION, a.words[negation.target], negation.text)
    return None


def _polarity_disagreement(a: Values, b: Values) -> Disagreement | None:
    return _negation_disagreement(a, b) or _reworded_negation(a, b)


def _reworded_negation(a: Values, b: Values) -> Disagreement | None:
    """One side denies its main predicate ("has not checked into Promises"), the other states its
    own main predicate plainly, in another word ("has entered Promises"). Whether the two words
    name one event, words alone cannot say ("was not identified" / "was killed" are two); the
    disagreement carries each side's lemma as what it qualifies, and stands only if the event
    verifier reads one event (`needs_confirmation`, crosscheck.label)."""
    for own, other in ((a, b), (b, a)):
        negation = next((n for n in own.negations if n.denies and n.main and n.lemma), None)
        stated = other.predicate_lemma
        if negation is None or not stated.isalpha() or stated == negation.lemma or stated in NO_EVENT:
            continue
        if stated in NEGATIVE_VERBS or negation.lemma in NEGATIVE_VERBS:
            continue  # "sat out" / "did not participate": both say it did not happen
        if negation.target in other.words or any(n.main for n in other.negations):
            continue  # the same word, or both sides deny: the word-for-word rule decides
        if not negation.participants & other.predicate_participants:
            continue  # "the American never recovered" / "Klitschko finished the fight": not one doing
        written = other.words.get(other.predicate or "", stated)
        if own is a:
            return Disagreement(
                ConflictType.NEGATION, negation.text, written, qualifies_a=negation.lemma, qualifies_b=stated
            )
        return Disagreement(
            ConflictType.NEGATION, written, negation.text, qualifies_a=stated, qualifies_b=negation.lemma
        )
    return None


def needs_confirmation(conflict: Conflict) -> bool:
    """A negation conflict between two different words (`_reworded_negation`): it says the
    sources disagree only once the event verifier reads the two words as one event."""
    a, b = conflict.a.qualifies, conflict.b.qualifies
    return conflict.type is ConflictType.NEGATION and bool(a) and bool(b) and a != b


def _contradicts(negation: Negation, other: Values, own: Values) -> bool:
    if negation.target not in other.words or any(n.target == negation.target for n in other.negations):
        return False
    if other.predicate is None:  # not parsed: any word of the other claim
        return True
    if negation.target not in other.predicates:
        return False
    # The fact itself, or the same clause under the same word: "told him she was not pregnant" /
    # "told him she was pregnant", "was dropped off and was not walking" / "... and was walking";
    # or the same doing, wherever each sentence tells it: the same verb with the same doers and
    # objects ("..., meaning he will not miss the final two games" / "... and will miss the final
    # two games").
    same_slot = bool(negation.governor) and (negation.target, negation.governor) in other.slots
    doers = own.doers.get(negation.lemma, frozenset())
    same_doing = bool(negation.lemma) and bool(doers) and doers == other.doers.get(negation.lemma)
    return negation.main or other.predicate == negation.target or same_slot or same_doing


def _name_disagreements(a: Values, b: Values) -> list[Disagreement]:
    """The same-slot rule: names conflict only where both claims fill one slot differently.

    A slot is a name type plus the verb that governs the name and the preposition it hangs
    from ("Obama named Regina Benjamin": person, "name", no preposition). Names that the other
    claim also states, in any slot and typed any way, never conflict ("Ahn" is "Ahn Gyu-back",
    "U.S." is "United States"). A conflict needs, in one slot, a name of each claim that the
    other claim does not state at all: "Hegseth and Ahn will attend" vs "Ahn will attend" only
    names one more person, while "named Regina Benjamin" vs "named Sanjay Gupta" conflicts.
    """
    only_a = [n for n in _unshared(a.names, b.names) if not _speaker(n)]
    only_b = [n for n in _unshared(b.names, a.names) if not _speaker(n)]
    contested = {n.type for n in only_a} & {n.type for n in only_b}
    found = []
    for kind in sorted(contested, key=list(NameType).index):
        slots = {n.slot for n in only_a if n.type is kind} & {n.slot for n in only_b if n.type is kind}
        if slots:
            found.append(
                Disagreement(
                    ConflictType(kind.value),
                    _join(n.text for n in only_a if n.slot in slots),
                    _join(n.text for n in only_b if n.slot in slots),
                )
            )
    return found


def _speaker(name: Name) -> bool:
    """Who said it ("…, said Alfredo Perez, a spokesman"): the subject of a reporting verb is the
    outlet's source, not part of the fact, and two outlets quoting two spokesmen do not disagree."""
    return name.role is not None and name.role.function == "subject" and name.role.verb in REPORTING


def contested_types(a: Sequence[Name], b: Sequence[Name]) -> set[NameType]:
    """The name types of which each claim states a name the other does not: the only places the
    same-slot rule can find a conflict, so the only names whose roles it needs."""
    return {n.type for n in _unshared(a, b)} & {n.type for n in _unshared(b, a)}


def _unshared(names: Sequence[Name], others: Sequence[Name]) -> list[Name]:
    return [n for n in names if not any(same_name(n, m) or _one_place(n, m) for m in others)]


def _one_place(a: Name, b: Name) -> bool:
    """Two places, or two organizations, whose names share two capitalized words in a row: one
    place, or one in the other ("Aoraki Mount Cook" / "Mount Cook National Park"), one body
    under two names ("the Betty Ford Center" / "the Betty Ford Clinic"). People are left out:
    "John Smith Jr." and "John Smith Sr." are two."""
    places = (NameType.PLACE, NameType.ORGANIZATION)
    return a.type in places and b.type in places and _share_a_name(a.text, b.text)


def _dates(text: str, anchor: dt.date | None, taken: list[tuple[int, int]], syntax: Syntax | None) -> list[DateMention]:
    mentions = []
    series = SERIES.search(text)
    relative = [match.span() for match in RELATIVE_DAY.finditer(text)]
    found = find_temporal(text, anchor, syntax=syntax)
    quoted = [m for m in found if _in_quotes(text, m.start)]
    # Within a quotation, "today" is the speaker's day, not the article's: dates that only the
    # article's date places are left out there ("chanted 'how many kids will you kill today'").
    spoken = set() if anchor is None or not quoted else _needing_anchor(text, quoted, syntax)
    for mention in found:
        if _overlaps((mention.start, mention.end), taken) or (mention.start, mention.end) in spoken:
            continue
        if mention.value.vague and _overlaps((mention.start, mention.end), relative):
            continue  # "the day" of "the day before", "later" of "a day later": read as relative days
        if not mention.value.value.startswith("P"):  # "six-year term" still counts as a quantity
            taken.append((mention.start, mention.end))
        attached = attachment(syntax, mention.start, mention.end) if syntax else None
        recurring = bool(RECURRING_BEFORE.search(text[: mention.start]) or RECURRING_AFTER.match(text, mention.end))
        frame = (
            "since"
            if SINCE.search(text[: mention.start])
            else f"{series['ordinal'].lower()} {series['unit'].lower()}"
            if series
            else ""
        )
        mentions.append(DateMention(mention.text, mention.value, attached, recurring, frame))
    return mentions + _relative_days(text, mentions, taken, syntax)


def _in_quotes(text: str, index: int) -> bool:
    """Whether `index` falls inside a quotation: after an odd number of straight double quotes, or
    after an opening curly quote that is not closed before it."""
    before = text[:index]
    return before.count('"') % 2 == 1 or before.rfind("“") > before.rfind("”")


def _needing_anchor(text: str, quoted: list[TemporalMention], syntax: Syntax | None) -> set[tuple[int, int]]:
    """The spans of `quoted` mentions that the calendar places only with the article's date."""
    alone = {(m.start, m.end): m.value.resolved for m in find_temporal(text, None, syntax=syntax)}
    return {(m.start, m.end) for m in quoted if m.value.resolved and not alone.get((m.start, m.end), False)}


def _relative_days(
    text: str, mentions: list[DateMention], taken: list[tuple[int, int]], syntax: Syntax | None
) -> list[DateMention]:
    """ "On Tuesday, investigators were seen where, the night before, a group rampaged": a day
    counted from the claim's one other date ("the day before", "a day later", "the next
    morning"), when that date is one day or a weekday; none when the claim has no such date or
    several."""
    days = [m.value.start for m in mentions if m.value.start is not None and m.value.start == m.value.end]
    weekdays = [w for m in mentions if (w := UNANCHORED_WEEKDAY.fullmatch(m.value.value))]
    if len(days) + len(weekdays) != 1:
        return []
    found = []
    for match in RELATIVE_DAY.finditer(text):
        if _overlaps(match.span(), taken):
            continue
        direction = match["direction"] or match["direction2"] or match["direction3"]
        shift = 1 if direction.lower() in ("after", "later", "next", "following") else -1
        if days:
            moved = days[0] + dt.timedelta(days=shift)
            value = TimeValue(moved.isoformat(), moved, moved)
        else:
            value = TimeValue(f"XXXX-WXX-{(int(weekdays[0]['day']) - 1 + shift) % 7 + 1}")
        taken.append(match.span())
        attached = attachment(syntax, *match.span()) if syntax else None
        found.append(DateMention(match.group(), value, attached))
    return found


def _pointed(values: Values) -> list[DateMention]:
    """Dates another source could contradict: not "recently", "six years", "the same day" or a
    recurring day ("on the second Tuesday of every month")."""
    return [d for d in values.dates if not d.value.vague and not d.recurring]


def _same_phrase(x: DateMention, y: DateMention) -> bool:
    return " ".join(x.text.lower().split()) == " ".join(y.text.lower().split())


def _decidable(x: DateMention, y: DateMention) -> bool:
    """Both on the calendar, both written as (partial) dates whose stated parts can be compared,
    two weekdays, or an unanchored weekday against a full date."""
    both_placed = x.value.resolved and y.value.resolved
    partial = bool(PARTIAL_DATE.fullmatch(x.value.value) and PARTIAL_DATE.fullmatch(y.value.value))
    # "voted on Tuesday" vs "voted on Wednesday": for one fact, two weekdays are two days.
    weekdays = bool(UNANCHORED_WEEKDAY.fullmatch(x.value.value) and UNANCHORED_WEEKDAY.fullmatch(y.value.value))
    return both_placed or partial or weekdays or _weekday_fits(x.value, y.value) is not None


def _weekday_fits(p: TimeValue, q: TimeValue) -> bool | None:
    """Whether an unanchored weekday names the weekday of a full date, or a day of a weekend, and
    whether an unanchored weekend holds a full date ("the weekend" / "Saturday, March 9, 2013");
    None if that is not the case here."""
    for weekend, day in ((p, q), (q, p)):
        if WEEKEND.fullmatch(weekend.value) and not weekend.resolved and day.start is not None and day.start == day.end:
            return day.start.isoweekday() in WEEKEND_DAYS
    for weekday, day in ((p, q), (q, p)):
        match = UNANCHORED_WEEKDAY.fullmatch(weekday.value)
        if match is None:
            continue
        if WEEKEND.fullmatch(day.value):
            return int(match["day"]) in WEEKEND_DAYS
        if day.start is not None and day.start == day.end:
            return day.start.isoweekday() == int(match["day"])
    return None


def _dates_agree(x: DateMention, y: DateMention) -> bool:
    p, q = x.value, y.value
    if p.start is not None and p.end is not None and q.start is not None and q.end is not None:
        return p.start <= q.end and q.start <= p.end
    if p.value == q.value or _same_phrase(x, y):
        return True  # "Tuesday" and "Tuesday", one side or both without an anchor: no reason to doubt
    fits = _weekday_fits(p, q)
    if fits is not None:
        return fits
    if not _decidable(x, y):
        return False
    # Compare the parts both state: "2025" agrees with "XXXX-11-04" and "XXXX-11-04" with "2025-11-04".
    return all(a == b or "X" in a + b for a, b in zip(p.value.split("-"), q.value.split("-"), strict=False))


def _common(p: TimeValue, q: TimeValue) -> str:
    """The time two overlapping values share: the narrower one, or their intersection."""
    assert p.start is not None and p.end is not None and q.start is not None and q.end is not None
    if (p.start, p.end) == (q.start, q.end) or (q.start <= p.start and p.end <= q.end):
        return p.label
    if p.start <= q.start and q.end <= p.end:
        return q.label
    start, end = max(p.start, q.start), min(p.end, q.end)
    return start.isoformat() if start == end else f"{start.isoformat()}..{end.isoformat()}"


def _times(text: str, taken: list[tuple[int, int]]) -> list[ClockTime]:
    found = []
    for match in TIME_PATTERN.finditer(text):
        if not _overlaps(match.span(), taken):
            taken.append(match.span())
            if TIMEOUT_AFTER.match(text, match.end()):
                continue
            zone = TIME_ZONE_AFTER.match(text, match.end())
            clock = _clock(match.group(), bool(TIME_HEDGES.search(text[: match.start()])))
            clock = replace(
                clock,
                deadline=bool(TIME_DEADLINE.search(text[: match.start()])),
                game=bool(GAME_CLOCK_AFTER.match(text, match.end())),
            )
            found.append(clock if zone is None else replace(clock, zone=TIME_ZONES[zone["zone"].lower()]))
    return found


def _clock(text: str, hedged: bool) -> ClockTime:
    key = re.sub(r"[\s.]", "", text.lower())
    if key in ("noon", "midnight"):
        return ClockTime(text, 12, 0, "pm" if key == "noon" else "am", hedged)
    meridiem = key[-2:] if key.endswith(("am", "pm")) else None
    hour, _, minute = key.removesuffix(meridiem or "").partition(":")
    hours = int(hour)
    if hours > 12:  # a 24-hour clock: "15:30" is 3:30 p.m.
        return ClockTime(text, hours - 12, int(minute or 0), "pm", hedged)
    return ClockTime(text, hours, int(minute or 0), meridiem, hedged)


def _quantities(text: str, taken: list[tuple[int, int]], syntax: Syntax | None) -> list[Quantity]:
    found = []
    headline = title_case(text)
    for match in NUMBER_PATTERN.finditer(text):
        span = match.span("number")
        if _overlaps(span, taken) or _is_part_of_code(text, span, headline) or _a_year(text, span, syntax):
            continue
        value = _number(match.group("number")) * SCALES.get((match.group("scale") or "").lower(), 1)
        compound = COMPOUND.match(text, match.end())
        owner = holder(syntax, *span) if syntax else None
        owned = syntax[owner].lemma.lower() if syntax and owner is not None else ""  # "a [mother] of 12"
        units = (
            frozenset({"percent"})
            if match.group("percent")
            else _age(text, span)
            or (frozenset({"-" + compound["word"].lower()}) if compound else frozenset())
            or _counted(syntax, span)
            or (frozenset({owned}) if owned else frozenset())
            or _units(text, match.end(), match.start())
        )
        if not units:
            continue
        low, high = _interval(value, (match.group("hedge") or "").strip().lower())
        if owned and units == {owned}:
            # "a mother of [12]" is the mother's figure: compared only with another mother's.
            attached: Attachment | None = Attachment(owned, False, True)
        elif syntax and (befell := participle(syntax, *span)) is not None:
            # "reports of [60] Palestinians killed" count the killed, not the reports.
            attached = Attachment(syntax[befell].lemma.lower(), False)
        else:
            attached = attachment(syntax, *span, to_verb=True) if syntax else None
        ordinal = bool(match.group("ordinal"))
        over = scope(syntax, *span) if syntax else ""
        when = tense(syntax, *span) if syntax else None
        found.append(
            Quantity(
                match.group().strip(),
                low,
                high,
                frozenset(UNIT_SPELLINGS.get(unit, unit) for unit in units),
                ordinal,
                attached,
                _difference(text, match.end()),
                over,
                when,
                bool(SCORE_AFTER.match(text, match.end()) or SCORE_BEFORE.search(text, 0, match.start())),
            )
        )
    return found


def _difference(text: str, end: int) -> bool:
    """Whether a comparative follows the number closely: it states a difference (DIFFERENCES)."""
    words = _words(re.split(r"[,;:()]", text[end:], maxsplit=1)[0])
    for k, word in enumerate(words[:DIFFERENCE_WINDOW]):
        if word in DIFFERENCES or (word in INCREMENTS and words[k + 1 : k + 2] != ["than"]):
            return True
    return False


def _age(text: str, span: tuple[int, int]) -> frozenset[str]:
    """A person's age, however written ("a 59-year-old woman", "59 years old", "aged 59", "Raj
    Chohan, 59, of Queens"), as what it counts: the age of the surname written beside it, or an
    age of nobody named ("a 59-year-old grandmother"). Two ages conflict only for one person:
    "20-year-old Ka'Loni Flynn" and "26-year-old Christopher Simpson" are two people."""
    before, after = text[: span[0]], text[span[1] :]
    apposed = APPOSED_BEFORE.search(before) if APPOSED_AFTER.match(after) else None
    if apposed:
        return frozenset({"age of " + apposed["name"].lower()})
    years_old = AGE_AFTER.match(after)
    if not (years_old or AGE_BEFORE.search(before)):
        return frozenset()
    named = NAME_AFTER.match(after[years_old.end() :] if years_old else after)
    return frozenset({"age of " + named["name"].lower()} if named else {"age"})


def _counted(syntax: Syntax | None, span: tuple[int, int]) -> frozenset[str]:
    """The noun a number counts, from the parse ("[three] assault convictions in Texas":
    conviction, not the words after it), with the nouns compounded with it ("[2,301] career
    points": career, point); none when the number modifies no noun."""
    k = span_root(syntax, *span) if syntax else None
    if syntax is None or k is None or syntax[k].dep != "nummod" or syntax[syntax[k].head].pos not in NOUNS:
        return frozenset()
    head = syntax[k].head
    measures = {w.head for w in syntax if w.dep == "nummod" or w.tag == "HYPH"}  # "three-point" plays
    compounded = [
        w
        for n, w in enumerate(syntax)
        if w.head == head and w.dep == "compound" and w.pos in NOUNS and n not in measures
    ]
    # "leaving [40] people dead": what the verb leaves them is what they are counted as.
    state = [w for w in syntax if syntax[head].dep == "dobj" and w.head == syntax[head].head and w.dep == "oprd"]
    # "two counts of [murder]": a classifier counts what its "of" names, and only that ("two
    # counts of murder" and "four counts of arson" count two things).
    of = [n for n, w in enumerate(syntax) if w.head == head and w.dep == "prep" and w.lemma == "of"]
    classified = of and syntax[head].lemma.lower() in CLASSIFIERS
    kind = [w for w in syntax if classified and w.head == of[0] and w.dep == "pobj" and w.pos in NOUNS]
    return frozenset(w.lemma.lower().removesuffix("s") for w in (kind or (syntax[head], *compounded, *state)))


def _a_year(text: str, span: tuple[int, int], syntax: Syntax | None) -> bool:
    """A year written on a singular noun ("a [1998] aggravated sexual assault conviction"): no
    count of it, since a count above one takes a plural."""
    k = span_root(syntax, *span) if syntax else None
    return (
        syntax is not None
        and k is not None
        and YEAR.fullmatch(text, *span) is not None
        and syntax[k].dep in ("nummod", "compound")
        and syntax[syntax[k].head].tag == "NN"
    )


def _number(text: str) -> float:
    word = NUMBER_WORDS.get(text.lower())
    return float(word) if word is not None else float(text.replace(",", "").replace(" ", ""))


def _interval(value: float, hedge: str) -> tuple[float, float]:
    if hedge in HEDGES_AT_LEAST:
        return value, math.inf
    if hedge in HEDGES_AT_MOST:
        return 0.0, value
    if hedge in HEDGES_NEARLY:
        return value * (1 - APPROXIMATE_TOLERANCE), value
    if hedge:
        return value * (1 - APPROXIMATE_TOLERANCE), value * (1 + APPROXIMATE_TOLERANCE)
    return value, value


def _units(text: str, end: int, start: int) -> frozenset[str]:
    """Content words right after a number ("28,500 U.S. troops"), else right before it; and the
    noun whose "of" it follows ("a mother of 12 in Oct.": mother), which the parse may confirm."""
    after = re.split(r"[,;:()]", text[end:], maxsplit=1)[0]
    words = [w for w in _words(after)[:UNIT_WINDOW] if w not in STOPWORDS and not w.isdigit()]
    before = re.split(r"[,;:()]", text[:start])[-1]
    if not words:
        words = [w for w in _words(before)[-2:] if w not in STOPWORDS and not w.isdigit()]
    owner = OF_BEFORE.search(before)
    if owner and owner["noun"].lower() not in STOPWORDS:
        words.append(owner["noun"].lower())
    return frozenset(w.removesuffix("s") for w in words if len(w) > 1)


def _is_part_of_code(text: str, span: tuple[int, int], headline: bool = False) -> bool:
    """Digits inside names like "Hwasong-20", "F-35" or "IE6" are identifiers, not amounts, as
    are those right after a capitalized word that does not start the sentence ("Internet
    Explorer 7", "Route 94", "Apollo 11"): a name's number, a version, a model. Not in a
    headline in title case, where every word is capitalized ("Quake Kills 12")."""
    start = span[0]
    if (start > 0 and text[start - 1] in "-/") and (start > 1 and text[start - 2].isalpha()):
        return True
    if start > 0 and text[start - 1].isalpha():  # "IE6", "A380", "G20"
        return True
    if headline:  # every word is capitalized there: "Kills 12" is no name's number
        return False
    named = NAMED_NUMBER.search(text[:start])
    return named is not None and named["word"] not in NOT_NAMES


def _negations(text: str) -> list[Negation]:
    found = []
    for match in NEGATION.finditer(text):
        if match.group().lower() in NEGATIVE_QUANTIFIERS and COMPARISON.search(text, match.end()):
            continue
        following = [w for w in _words(text[match.end() :])[:4] if w not in NEGATION_FILLER]
        # A negated function word ("not for", "not to") names no fact another claim can affirm;
        # on ECB+ such targets gave false negation conflicts (benchmarks/conflicts.py).
        if following and following[0] not in STOPWORDS:
            found.append(
                Negation(
                    f"{text[_word_start(text, match.start()) : match.end()]} {following[0]}",
                    following[0][:STEM],
                )
            )
    return found


# "could not be rescued until the next morning": a negation bounded by "until" says when a thing
# happened, not that it did not.
BOUNDING = frozenset({"until", "till"})
# "did not eat for three days": a spell without the event, not a denial that it happened.
DURATIONS = frozenset("second minute hour day night week month year decade".split())
# "would not have placed him on injured reserve if ...": a negation in a conditional is no denial.
CONDITIONS = frozenset({"if", "unless"})


def _parsed_negations(text: str, syntax: Syntax) -> list[Negation]:
    """The words the parse marks negated ("not", "n't", "never" as `neg`), each with the word it
    negates. Quantifiers ("no candidate", "none of") are determiners or subjects, not `neg`: they
    say how many, not that something did not happen. A negated opinion verb negates what it
    introduces ("I don't think it works" is "I think it doesn't work"). "Not ... until" is
    a time, not a polarity."""
    main = main_predicate(syntax)
    root = next((k for k, w in enumerate(syntax) if w.head == k), None)
    found = []
    for k, word in enumerate(syntax):
        if word.dep != "neg" or word.head == k:
            continue
        negated = word.head
        if any(w.head == negated and w.lemma.lower() in BOUNDING for w in syntax) or _spell(syntax, negated):
            continue
        if _conditional(syntax, negated):
            continue
        if negated == root and syntax[negated].lemma in NEG_RAISING and main is not None and main != root:
            negated = main
        # A negated copula denies what it predicates: "was not [pregnant]"; not a comparison
        # ("has never been [better]" praises, rule 4: comparatives are not polarity).
        denied = complement(syntax, negated)
        if denied is not None and syntax[denied].tag in COMPARATIVES:
            continue
        denied = negated if denied is None else denied
        written = text[syntax[denied].start : syntax[denied].end]
        if _words(written) and _words(written)[0] not in STOPWORDS:
            found.append(
                Negation(
                    f"{text[word.start : word.end]} {written}",
                    _stem(text, syntax, denied),
                    negated == main,
                    # A copula's complement is no event the verifier can compare ("is not new" /
                    # "appeared"): only a denied verb is compared in other words.
                    lemma=syntax[denied].lemma.lower() if denied == negated else "",
                    participants=participants(syntax, negated),
                    governor=governor(syntax, negated),
                )
            )
    return found + _none_did(text, syntax, main)


def _spell(syntax: Syntax, k: int) -> bool:
    """Verb k is denied for a spell, not outright: "wouldn't score again for almost eight minutes"
    (they scored before and after), "did not eat for three days"."""
    under = [n for n, w in enumerate(syntax) if w.head == k and n != k]
    if any(syntax[n].lemma.lower() == "again" for n in under):
        return True
    spans = [n for n in under if syntax[n].lemma.lower() == "for"]
    return any(w.head in spans and w.dep == "pobj" and w.lemma.lower() in DURATIONS for w in syntax)


def _conditional(syntax: Syntax, k: int) -> bool:
    """Verb k states a condition or what would follow from one, not a fact: it is introduced by
    "if" or "unless" ("if he had not been hurt"), or governs such a clause ("would not have
    placed Bush on injured reserve if they were still fighting")."""
    clauses = [k] + [n for n, w in enumerate(syntax) if w.head == k and w.dep == "advcl" and n != k]
    return any(w.head in clauses and w.dep == "mark" and w.lemma in CONDITIONS for w in syntax)


def _none_did(text: str, syntax: Syntax, main: int | None) -> list[Negation]:
    """A verb whose subject is "no ...", "nobody", "nothing" or "none" did not happen: "No gun has
    been recovered" says what "The gun has not been recovered" says (`Negation.denies` is False:
    it only keeps the other from being a conflict). With a comparison after it, the quantifier
    states a superlative instead ("No candidate has done more than he has")."""
    found = []
    for k, word in enumerate(syntax):
        subject = word.head if word.dep == "det" and word.lemma == "no" else k
        if not (word.lemma in NEGATIVE_QUANTIFIERS and syntax[subject].dep in ("nsubj", "nsubjpass")):
            continue
        verb = syntax[subject].head
        if syntax[verb].pos not in ("VERB", "AUX") or COMPARISON.search(text, word.end):
            continue
        written = text[syntax[verb].start : syntax[verb].end]
        quantifier = text[word.start : syntax[subject].end]
        found.append(Negation(f"{quantifier} … {written}", _stem(text, syntax, verb), verb == main, denies=False))
    return found


def _stem(text: str, syntax: Syntax, k: int) -> str:
    words = _words(text[syntax[k].start : syntax[k].end])
    return words[0][:STEM] if words else ""


def _word_start(text: str, index: int) -> int:
    while index > 0 and text[index - 1].isalpha():
        index -= 1
    return index


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def _join(texts: Iterable[str]) -> str:
    return "; ".join(dict.fromkeys(texts))


@dataclass(frozen=True)
class Stated:
    """One side of a compared pair: the claim, the values it states, its article's date."""

    claim: Claim
    values: Values
    anchor: Anchor


def find_conflicts(a: Stated, b: Stated) -> list[Conflict]:
    """The report's conflicts between two claims of one finding."""
    return [_conflict(d, a.claim, b.claim, a.anchor, b.anchor) for d in compare(a.values, b.values)]


def dated_words(values: Values) -> frozenset[str]:
    """The words a claim's dates qualify ("meeting" in "the meeting on November 4")."""
    return frozenset(d.attachment.word for d in _pointed(values) if d.attachment is not None and d.attachment.word)


def superseded(conflict: Conflict, dated_a: frozenset[str], dated_b: frozenset[str]) -> bool:
    """A date conflict between values that qualify different words ("meeting: November 4" /
    "arrive: Monday"), where the finding holds a claim of the other source that dates the same
    word as one side ("meeting: Tuesday"): each value is compared with its own counterpart there,
    not with another event's date. `dated_a` and `dated_b` are the words the finding's claims of
    each side's source date."""
    if conflict.type not in DATE_TYPES or not conflict.a.qualifies or not conflict.b.qualifies:
        return False
    words_a, words_b = set(conflict.a.qualifies.split("; ")), set(conflict.b.qualifies.split("; "))
    return not words_a & words_b and bool(words_a & dated_b or words_b & dated_a)


def nested_place(conflict: Conflict, said_a: str, said_b: str) -> bool:
    """A place conflict where each source's article also names the other's place ("Fulton County"
    in one sentence, "Atlanta" in another): places nest (a county holds a city, a city a
    district), so naming another of them in this sentence is no disagreement. `said_a` and
    `said_b` are all the claims of each side's source. (Names that share two words are one place
    before this: `_one_place`.)"""
    if conflict.type is not ConflictType.PLACE:
        return False
    return _names(conflict.b.value, said_a) or _names(conflict.a.value, said_b)


def _share_a_name(a: str, b: str) -> bool:
    """Two names with two capitalized words in a row in common: "Aoraki Mount Cook" / "Mount
    Cook National Park", "San Diego" / "San Diego County" ("South Sudan" / "South Africa" share
    one word only)."""

    def bigrams(value: str) -> set[tuple[str, str]]:
        words = re.findall(r"[A-Z][\w'’-]*", value)
        return set(itertools.pairwise(words))

    return bool(bigrams(a) & bigrams(b))


def restated(conflict: Conflict, others_a: str, others_b: str) -> bool:
    """A conflict where another claim of the finding, from the other side's source, states this
    side's value ("stopped Thompson in the 6th round" is in both articles; one of them also
    recalls "in 2008 ... in the 11th"): values are compared as multisets across the sources of a
    finding, not only claim by claim. `others_a` and `others_b` are the texts of each side's
    source's other claims in the finding (the conflicting claims themselves left out: within one
    pair of claims, units decide, in compare). Negations are left out: "not rescued" is not a
    value another sentence repeats."""
    if conflict.type is ConflictType.NEGATION:
        return False
    return _names(conflict.a.value, others_b, ignore_case=True) or _names(conflict.b.value, others_a, ignore_case=True)


def _names(value: str, text: str, *, ignore_case: bool = False) -> bool:
    """Whether `text` states every part of `value` ("Atlanta; Georgia"), as whole words."""
    flags = re.IGNORECASE if ignore_case else 0
    return all(re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text, flags) for part in value.split("; "))


def normalized_agreement(a: Stated, b: Stated) -> Normalized | None:
    """Two dates written differently that name the same time once normalized, if there are."""
    agreement = date_agreement(a.values, b.values)
    if agreement is None:
        return None
    side_a = Side(a.claim.id, agreement.a.text, agreement.a.value.label, a.anchor)
    side_b = Side(b.claim.id, agreement.b.text, agreement.b.value.label, b.anchor)
    return Normalized(agreement.value, side_a, side_b)


def _conflict(d: Disagreement, a: Claim, b: Claim, anchor_a: Anchor, anchor_b: Anchor) -> Conflict:
    if d.type in DATE_TYPES:
        side_a = Side(a.id, d.a, d.normalized_a, anchor_a, d.qualifies_a)
        side_b = Side(b.id, d.b, d.normalized_b, anchor_b, d.qualifies_b)
        return Conflict(d.type, side_a, side_b, d.reason)
    side_a, side_b = Side(a.id, d.a, qualifies=d.qualifies_a), Side(b.id, d.b, qualifies=d.qualifies_b)
    later = _later(anchor_a, anchor_b) if d.tally is not None else None
    if d.tally is None or later is None:
        return Conflict(d.type, side_a, side_b)
    gap, b_is_later = later
    (old, new), (old_side, new_side), (old_claim, new_claim) = (
        (d.tally, (d.a, d.b), (a, b)) if b_is_later else ((d.tally[1], d.tally[0]), (d.b, d.a), (b, a))
    )
    when = f"“{new_side}” ({new_claim.source}) was published {gap} after “{old_side}” ({old_claim.source})"
    if new > old:
        return Conflict(ConflictType.UPDATE, side_a, side_b, f"{when}: a running tally that grew")
    # A tally that can only grow, lower in the later report: the outlets disagree.
    return Conflict(d.type, side_a, side_b, f"{when}, yet a running tally only grows")


def _later(a: Anchor, b: Anchor) -> tuple[str, bool] | None:
    """How much later one report was published than the other, in words, and whether it is b;
    None when their order is unknown (no publication date, or one day without times)."""
    if a.time is not None and b.time is not None and a.time != b.time:
        hours = abs(b.time - a.time).total_seconds() / 3600
        gap = f"{hours:.0f} hour{'s' * (round(hours) != 1)}" if hours < UPDATE_HOURS else f"{hours / 24:.0f} days"
        return gap, b.time > a.time
    if a.date is not None and b.date is not None and a.date != b.date:
        days = abs((b.date - a.date).days)
        return f"{days} day{'s' * (days != 1)}", b.date > a.date
    return None
