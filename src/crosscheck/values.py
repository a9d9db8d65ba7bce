"""The values a claim states that another source can contradict: dates, times, numbers, names, negation.

Each extractor returns mentions as written plus a comparison key; `compare` decides whether
two claims' values are compatible. Values that cannot be placed on one scale without an
anchor date ("Tuesday" vs "November 4") count as incompatible here: a reviewer should see them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from crosscheck.domain import ConflictType
from crosscheck.names import Name, NameType, same_name
from crosscheck.text import STOPWORDS

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"

DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(rf"\b(?P<year>{_YEAR})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
    (
        "month_day",
        re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<day>{_DAY})\b(?:,?\s+(?P<year>{_YEAR})\b)?"),
    ),
    (
        "day_month",
        re.compile(rf"\b(?P<day>{_DAY})\s+(?:of\s+)?(?P<month>{_MONTH})(?:,?\s+(?P<year>{_YEAR})\b)?"),
    ),
    (
        "month_year",
        re.compile(rf"\b(?:(?:early|mid|late)[- ])?(?P<month>{_MONTH})\s+(?P<year>{_YEAR})\b"),
    ),
    (
        "weekday",
        re.compile(r"\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b"),
    ),
    (
        "relative",
        re.compile(
            r"\b(?:(?:early|late|mid-?|earlier|later)\s+)?(?:(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+)?"
            r"(?:next|last|this|the coming|the past|coming|past)\s+(?:week|month|year|weekend|spring|summer|autumn|fall|winter)\b"
            r"|\b(?:today|yesterday|tomorrow|tonight)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "year",
        re.compile(rf"\b(?:in|since|by|for|until|of|from|before|after|during)\s+(?P<year>{_YEAR})\b(?![,.]\d)"),
    ),
)
TIME_PATTERN = re.compile(
    r"\b(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\b(?:[01]?\d|2[0-3]):[0-5]\d\b|\b(?:noon|midnight)\b",
    re.IGNORECASE,
)

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
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\b(?:" + "|".join(NUMBER_WORDS) + r")\b)(?:st|nd|rd|th)?"
    r"(?:\s*(?P<scale>thousand|million|billion|trillion)\b)?(?P<percent>\s*%|\s+per\s?cent\b)?",
    re.IGNORECASE,
)
# How far a hedge widens a stated number; "about 28,000" admits 28,500.
APPROXIMATE_TOLERANCE = 0.10
HEDGES_AT_LEAST = ("more than", "over", "at least")
HEDGES_AT_MOST = ("less than", "under", "fewer than", "up to", "as many as")
HEDGES_NEARLY = ("nearly", "almost", "close to")
UNIT_WINDOW = 3  # words after a number that may name what it counts

NEGATION = re.compile(r"\b(?:not|never|no|none|nobody|nothing|neither|nor)\b|n['’]t\b", re.IGNORECASE)
# Words between a negation and the verb it negates; skipped to find that verb.
NEGATION_FILLER = frozenset(
    ["be", "been", "being", "have", "has", "had", "yet", "even", "also", "ever", "a", "an", "the", "any", "to"]
)
STEM = 5  # characters compared to tell "attend" in "attended" and "attending"


@dataclass(frozen=True)
class DateMention:
    text: str
    kind: str
    key: str  # "2025-11-04", "XXXX-11-04" (no year), "2025-XX-XX", "weekday:tuesday", "relative:next month"


@dataclass(frozen=True)
class Quantity:
    text: str
    low: float
    high: float
    units: frozenset[str]


@dataclass(frozen=True)
class Negation:
    text: str
    target: str  # stem of the negated word


@dataclass(frozen=True)
class Values:
    dates: tuple[DateMention, ...]
    times: tuple[str, ...]
    quantities: tuple[Quantity, ...]
    negations: tuple[Negation, ...]
    words: Mapping[str, str]  # stem -> first word with that stem, to quote the affirmed side
    names: tuple[Name, ...] = ()  # from names.extract_names, which parses claims in batches


@dataclass(frozen=True)
class Disagreement:
    type: ConflictType
    a: str
    b: str


def extract_values(text: str, names: tuple[Name, ...] = ()) -> Values:
    taken: list[tuple[int, int]] = []
    dates = _dates(text, taken)
    times = _times(text, taken)
    return Values(
        dates=tuple(dates),
        times=tuple(times),
        quantities=tuple(_quantities(text, taken)),
        negations=tuple(_negations(text)),
        words={w[:STEM]: w for w in reversed(_words(text))},
        names=names,
    )


def compare(a: Values, b: Values) -> list[Disagreement]:
    """Incompatible values between two claims already matched as stating the same fact."""
    checks = (_date_disagreement, _time_disagreement, _number_disagreement, _negation_disagreement)
    return [d for check in checks if (d := check(a, b)) is not None] + _name_disagreements(a, b)


def _date_disagreement(a: Values, b: Values) -> Disagreement | None:
    if not a.dates or not b.dates or any(_dates_agree(x, y) for x in a.dates for y in b.dates):
        return None
    return Disagreement(ConflictType.DATE, _join(d.text for d in a.dates), _join(d.text for d in b.dates))


def _time_disagreement(a: Values, b: Values) -> Disagreement | None:
    if not a.times or not b.times or {_time_key(t) for t in a.times} & {_time_key(t) for t in b.times}:
        return None
    return Disagreement(ConflictType.TIME, _join(a.times), _join(b.times))


def _number_disagreement(a: Values, b: Values) -> Disagreement | None:
    """Only numbers that count the same thing (a shared unit word) are compared."""
    comparable = [(x, y) for x in a.quantities for y in b.quantities if x.units & y.units]
    if not comparable or any(x.low <= y.high and y.low <= x.high for x, y in comparable):
        return None
    x, y = comparable[0]
    return Disagreement(ConflictType.NUMBER, x.text, y.text)


def _negation_disagreement(a: Values, b: Values) -> Disagreement | None:
    """One side negates a word ("will not attend") that the other states plainly ("will attend")."""
    for negation in a.negations:
        if negation.target in b.words and all(n.target != negation.target for n in b.negations):
            return Disagreement(ConflictType.NEGATION, negation.text, b.words[negation.target])
    for negation in b.negations:
        if negation.target in a.words and all(n.target != negation.target for n in a.negations):
            return Disagreement(ConflictType.NEGATION, a.words[negation.target], negation.text)
    return None


def _name_disagreements(a: Values, b: Values) -> list[Disagreement]:
    """The same-slot rule: names conflict only where both claims fill one slot differently.

    A slot is a name type plus the verb that governs the name and the preposition it hangs
    from ("Obama named Regina Benjamin": person, "name", no preposition). Names that the other
    claim also states, in any slot and typed any way, never conflict ("Ahn" is "Ahn Gyu-back",
    "U.S." is "United States"). A conflict needs, in one slot, a name of each claim that the
    other claim does not state at all: "Hegseth and Ahn will attend" vs "Ahn will attend" only
    names one more person, while "named Regina Benjamin" vs "named Sanjay Gupta" conflicts.
    """
    only_a = [n for n in a.names if not any(same_name(n, m) for m in b.names)]
    only_b = [n for n in b.names if not any(same_name(n, m) for m in a.names)]
    found = []
    for kind in NameType:
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


def _dates(text: str, taken: list[tuple[int, int]]) -> list[DateMention]:
    mentions = []
    for kind, pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            if _overlaps(match.span(), taken):
                continue
            taken.append(match.span())
            written = match.group("year") if kind == "year" else match.group().strip()
            mentions.append((match.start(), DateMention(written, kind, _date_key(kind, match))))
    return [m for _, m in sorted(mentions, key=lambda item: item[0])]


def _date_key(kind: str, match: re.Match[str]) -> str:
    groups = match.groupdict()
    if kind == "weekday":
        return f"weekday:{groups['weekday'].lower()}"
    if kind == "relative":
        return f"relative:{' '.join(match.group().lower().split())}"
    # TimeML style, unknown parts as X: "XXXX-11-04" (no year), "2025-XX-XX" (a year alone).
    year = groups.get("year") or "XXXX"
    month_text = groups.get("month")
    if month_text is None:
        month = "XX"
    else:
        number = int(month_text) if month_text.isdigit() else MONTHS[month_text.rstrip(".").lower()]
        month = f"{number:02d}"
    day = re.sub(r"\D", "", groups.get("day") or "")
    return f"{year}-{month}-{int(day):02d}" if day else f"{year}-{month}-XX"


def _dates_agree(x: DateMention, y: DateMention) -> bool:
    if x.key == y.key:
        return True
    plain = ("iso", "month_day", "day_month", "month_year", "year")
    if x.kind not in plain or y.kind not in plain:
        return False  # a weekday or "next month" needs an anchor date to compare
    # Compare the parts both state: "2025" agrees with "November 4" and with "2025-11-04".
    return all(p == q or "X" in p + q for p, q in zip(x.key.split("-"), y.key.split("-"), strict=True))


def _times(text: str, taken: list[tuple[int, int]]) -> list[str]:
    found = []
    for match in TIME_PATTERN.finditer(text):
        if not _overlaps(match.span(), taken):
            taken.append(match.span())
            found.append(match.group())
    return found


def _time_key(text: str) -> str:
    return re.sub(r"[\s.]", "", text.lower())


def _quantities(text: str, taken: list[tuple[int, int]]) -> list[Quantity]:
    found = []
    for match in NUMBER_PATTERN.finditer(text):
        span = match.span("number")
        if _overlaps(span, taken) or _is_part_of_code(text, span):
            continue
        value = _number(match.group("number")) * SCALES.get((match.group("scale") or "").lower(), 1)
        units = frozenset({"percent"}) if match.group("percent") else _units(text, match.end(), match.start())
        if not units:
            continue
        low, high = _interval(value, (match.group("hedge") or "").strip().lower())
        found.append(Quantity(match.group().strip(), low, high, units))
    return found


def _number(text: str) -> float:
    word = NUMBER_WORDS.get(text.lower())
    return float(word) if word is not None else float(text.replace(",", ""))


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
    """Content words right after a number ("28,500 U.S. troops"), else right before it."""
    after = re.split(r"[,;:()]", text[end:], maxsplit=1)[0]
    words = [w for w in _words(after)[:UNIT_WINDOW] if w not in STOPWORDS and not w.isdigit()]
    if not words:
        before = re.split(r"[,;:()]", text[:start])[-1]
        words = [w for w in _words(before)[-2:] if w not in STOPWORDS and not w.isdigit()]
    return frozenset(w.removesuffix("s") for w in words if len(w) > 1)


def _is_part_of_code(text: str, span: tuple[int, int]) -> bool:
    """Digits inside names like "Hwasong-20" or "F-35" are identifiers, not amounts."""
    start = span[0]
    return (start > 0 and text[start - 1] in "-/") and (start > 1 and text[start - 2].isalpha())


def _negations(text: str) -> list[Negation]:
    found = []
    for match in NEGATION.finditer(text):
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
