"""Temporal expressions: finding them in a claim and normalizing them to TimeML values on an anchor date.

A value is a TimeML `value` string ("2025-11-04", "2025-11", "2025", "2025-W45", "2025-Q4",
"2025-SU", "PAST_REF") plus the calendar interval it covers, so two values can be compared by
overlap. Without an anchor, expressions that need one ("Tuesday", "next month", "November 4"
without a year) keep X for what is unknown ("XXXX-WXX-2", "XXXX-11-04") and no interval.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import enum
import re
from collections.abc import Callable
from dataclasses import dataclass

from crosscheck.dates.tense import Tense, tense_at
from crosscheck.syntax import Syntax, tense

# Clock times ("3:30 p.m.", "10 a.m.", "18:07", "noon"), compared as times, not dates or numbers.
TIME_PATTERN = re.compile(
    r"\b(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\b(?:[01]?\d|2[0-3]):[0-5]\d\b|\b(?:noon|midnight)\b",
    re.IGNORECASE,
)

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
SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "autumn": ("FA", 9), "fall": ("FA", 9), "winter": ("WI", 12)}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4}
COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
COUNT_WORDS |= {"eight": 8, "nine": 9, "ten": 10, "several": 3, "a few": 3, "few": 3, "single": 1, "intra": 1}

# TimeML gives early/mid/late (mod START/MID/END) no bounds; thirds of the period are the usual
# reading ("early next month" = days 1-10) and keep the three parts disjoint.
MOD_THIRDS = {"START": 0, "MID": 1, "END": 2}
# A year-less "November 4" is read in the year that puts it nearest the anchor: news reports
# what happened or will happen within months, so "December 28" in a January article is last year.
NEAREST_YEARS = (-1, 0, 1)
# A two-digit year may name a plan a few years ahead ("the '28 Olympics"), rarely more.
SHORT_YEAR_AHEAD = 10

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
MONTH_PATTERN = _MONTH  # for datelines in ingest
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
# The comma before a year; tokenized corpora (MEANTIME, ECB+) put a space before it: "July 24 , 2003".
_YEAR_COMMA = r"\s?,?\s+"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_COUNT = r"(?:\d+|a few|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few)"
_MOD = (
    r"(?:(?P<mod>(?:the\s+)?(?:very\s+)?(?:early|mid|late|end\s+of|beginning\s+of|start\s+of|middle\s+of)"
    r"(?:\s+|-)(?:the\s+)?)|(?:earlier|later)\s+(?=this|in\b))?"
)
# The same, required: in running text a bare "May" (Theresa May) or "2000" (troops) is no date.
_MOD_SET = _MOD.removesuffix("?")
# "a third straight day", "their best week since": a streak or a record counted up to the day or
# week the report is about. Months, quarters and years are reported after they end ("a third
# straight month of job losses" in a February story is January), so only days and weeks are read.
STREAK_WORDS = ("consecutive", "straight", "successive")
RECORD_WORDS = ("best", "worst", "biggest", "largest", "sharpest", "steepest", "strongest", "weakest")
# TimeML's vague references: true of almost any date, so never compared (TimeValue.vague).
PAST_REF = ("recently", "more recently", "recent", "the past", "previously", "formerly", "history", "recent years")
PRESENT_REF = ("now", "currently", "current", "at present", "the time being", "nowadays", "these days", "ongoing")
FUTURE_REF = ("the future", "later", "soon", "very soon", "the long term", "the near term", "short-term", "long-term")


class WeekdayRule(enum.StrEnum):
    """Which day a bare weekday ("on Tuesday") names, relative to the anchor."""

    TENSE = "tense"  # future tense: the next such day; past: the previous one; present: the nearest
    WEEK = "week"  # the one in the anchor's Monday-to-Sunday week
    NEAREST = "nearest"  # the nearest, ignoring tense


# Chosen by benchmarks/meantime_dates.py on MEANTIME English (weekday expressions only):
# tense 0.955 (42/44), nearest 0.932, week 0.886; two of tense's misses are gold errors.
WEEKDAY_RULE = WeekdayRule.TENSE


@dataclass(frozen=True)
class TimeValue:
    """A normalized temporal value; `start`/`end` (inclusive) place it on the calendar when known."""

    value: str
    start: dt.date | None = None
    end: dt.date | None = None
    mod: str | None = None  # TimeML mod: START, MID or END ("early next month")
    # A duration ("six years"), a reference ("recently") or an anaphor ("the same day"): a
    # value TimeML can write, but not a point in time another source could contradict.
    vague: bool = False

    @property
    def resolved(self) -> bool:
        return self.start is not None and self.end is not None

    @property
    def label(self) -> str:
        """The value as a reader should see it: the interval when a mod narrowed the period."""
        if self.mod and self.start is not None and self.end is not None:
            return f"{self.start.isoformat()}..{self.end.isoformat()}"
        return self.value


@dataclass(frozen=True)
class TemporalMention:
    text: str
    start: int
    end: int
    value: TimeValue


@dataclass(frozen=True)
class Context:
    anchor: dt.date | None
    tense: Tense
    weekday_rule: WeekdayRule = WEEKDAY_RULE


Handler = Callable[[re.Match[str], Context], TimeValue | None]


def find_temporal(
    text: str, anchor: dt.date | None, weekday_rule: WeekdayRule = WEEKDAY_RULE, syntax: Syntax | None = None
) -> list[TemporalMention]:
    """Every temporal expression in `text`, left to right, normalized on `anchor` ("the same period
    last year" on the period named before it). With the claim's parse, an expression's tense is
    its clause's (crosscheck.syntax.tense), else the nearest verb-like word's (`tense_at`)."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[TemporalMention, str]] = []
    for name, finder, _full, handler in _GRAMMAR:
        for match in finder.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            parsed = tense(syntax, match.start(), match.end()) if syntax else None
            context = Context(anchor, parsed or tense_at(text, match.start(), match.end()), weekday_rule)
            value = _apply_mod(match, handler(match, context))
            if value is None:
                continue
            taken.append(match.span())
            # The word that made "2008" or "May" a date is context, not part of the expression.
            lead = _LEAD.match(match.group()) if name in ("year", "month_alone", "season") else None
            start = match.start() + (lead.end() if lead else 0)
            found.append((TemporalMention(text[start : match.end()].strip(), start, match.end(), value), name))
    return _resolve_year_before(sorted(found, key=lambda f: f[0].start))


def _resolve_year_before(found: list[tuple[TemporalMention, str]]) -> list[TemporalMention]:
    """“Sales rose in February from the same period last year”: the period is the calendar one
    named last before it in the text, a year back."""
    resolved: list[TemporalMention] = []
    for mention, name in found:
        if name == "year_before":
            shifted = (_year_before(m.value) for m in reversed(resolved))
            value = next((v for v in shifted if v is not None), mention.value)
            mention = dataclasses.replace(mention, value=value)
        resolved.append(mention)
    return resolved


def _year_before(value: TimeValue) -> TimeValue | None:
    """The same period a year earlier ("2010-02" -> "2009-02", "FY2007" -> "FY2006"), vague as it
    rests on which period the text named last; None for a value that is no calendar period."""
    match = _CALENDAR_VALUE.match(value.value)
    if match is None:
        return None
    if value.start is not None and _DAY_VALUE.fullmatch(value.value):
        year, month = value.start.year - 1, value.start.month
        day = _date_or_none(year, month, value.start.day) or dt.date(year, month, 28)  # 29 February
        return dataclasses.replace(_day(day), vague=True)
    return TimeValue(
        f"{match['fy'] or ''}{int(match['y']) - 1:04d}{value.value[match.end() :]}", mod=value.mod, vague=True
    )


def normalize(
    phrase: str, anchor: dt.date | None, tense: Tense = Tense.PRESENT, weekday_rule: WeekdayRule = WEEKDAY_RULE
) -> TimeValue | None:
    """The value of one temporal expression given as a phrase, or None when the grammar lacks it."""
    text = re.sub(r"\s+([,.])", r"\1", " ".join(phrase.split()))  # tokenized "July 24 , 2003"
    text = re.sub(r"^(?:on|in|at|by|since|until|during|from|for|of|before|after)\s+", "", text, flags=re.I)
    context = Context(anchor, tense, weekday_rule)
    for _name, _finder, full, handler in _GRAMMAR:
        match = full.fullmatch(text)
        if match is not None:
            return _apply_mod(match, handler(match, context))
    return None


# --- handlers: one per kind of expression --------------------------------------------------


def _iso(match: re.Match[str], context: Context) -> TimeValue | None:
    try:
        day = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
    return _day(day)


def _month_day(match: re.Match[str], context: Context) -> TimeValue | None:
    month, day = _month_number(match["mon"]), int(re.sub(r"\D", "", match["d"]))
    if match["y"]:
        return _safe_day(int(match["y"]), month, day)
    if context.anchor is None:
        return TimeValue(f"XXXX-{month:02d}-{day:02d}")
    anchor = context.anchor
    candidates = [d for y in NEAREST_YEARS if (d := _date_or_none(anchor.year + y, month, day)) is not None]
    if not candidates:
        return None
    return _day(min(candidates, key=lambda d: abs((d - anchor).days)))


def _month_year(match: re.Match[str], context: Context) -> TimeValue | None:
    return _month(int(match["y"]), _month_number(match["mon"]))


def _month_alone(match: re.Match[str], context: Context) -> TimeValue | None:
    month = _month_number(match["mon"])
    if context.anchor is None:
        return TimeValue(f"XXXX-{month:02d}")
    if match["of"]:  # "October of next year"
        return _month(context.anchor.year + _shift(match["of"]), month)
    return _month(_year_of_month(context.anchor, context.tense, month, (match["which"] or "").lower()), month)


def _year_of_month(anchor: dt.date, tense: Tense, month: int, which: str) -> int:
    """The year of a month named without one: "last"/"next", else the tense, else the nearest."""
    year = anchor.year
    if which == "last" or (not which and tense is Tense.PAST):
        year -= month >= anchor.month if which == "last" else month > anchor.month
    elif which == "next" or (not which and tense is Tense.FUTURE):
        year += month <= anchor.month if which == "next" else month < anchor.month
    elif not which:
        year += _nearest_year_shift(anchor, month)
    return year


def _week_of_month(match: re.Match[str], context: Context) -> TimeValue | None:
    """“The last week of March”: as ISO 8601 gives a week to the year that holds its Thursday,
    a week belongs to the month that holds its Thursday, so the Nth week is the one with the
    month's Nth Thursday (the last week: its last Thursday)."""
    month = _month_number(match["mon"])
    if match["y"]:
        year = int(match["y"])
    elif context.anchor is None:
        return TimeValue("XXXX-WXX")
    else:
        year = _year_of_month(context.anchor, context.tense, month, "")
    thursdays = [week[calendar.THURSDAY] for week in calendar.monthcalendar(year, month) if week[calendar.THURSDAY]]
    word = match["nth"].lower()
    thursday = dt.date(year, month, thursdays[-1] if word in ("last", "final") else thursdays[ORDINALS[word] - 1])
    return _week(thursday - dt.timedelta(days=3), weekend=False)


def _nearest_year_shift(anchor: dt.date, month: int) -> int:
    """-1, 0 or +1: the year that puts a month nearest the anchor's month."""
    return min(NEAREST_YEARS, key=lambda y: abs((anchor.year + y) * 12 + month - anchor.year * 12 - anchor.month))


def _year(match: re.Match[str], context: Context) -> TimeValue | None:
    return _year_value(int(match["y"]))


def _fiscal_year(match: re.Match[str], context: Context) -> TimeValue | None:
    return TimeValue(f"FY{match['y']}", vague=True)  # fiscal years start in different months


def _relative_fiscal_year(match: re.Match[str], context: Context) -> TimeValue | None:
    """“This fiscal year”, “the financial year”: fiscal years are mostly named for the calendar
    year they end in, and the one in progress at the anchor ends in the anchor's year or soon
    after; without the company's calendar the anchor's year is the label, as for "this year"."""
    if context.anchor is None:
        return TimeValue("FYXXXX", vague=True)
    return TimeValue(f"FY{context.anchor.year + _shift(match['which'])}", vague=True)


def _decade(match: re.Match[str], context: Context) -> TimeValue | None:
    digits = match["dec"] or match.groupdict().get("dec2") or ""
    century = digits[:2] if len(digits) == 4 else "19"
    first = int(century + digits[-2])  # "1980s" -> 198, "'70s" -> 197
    return TimeValue(str(first), dt.date(first * 10, 1, 1), dt.date(first * 10 + 9, 12, 31))


def _quarter(match: re.Match[str], context: Context) -> TimeValue | None:
    word = match["q"].lower()
    anchor = context.anchor
    if match["y"]:
        year: int | None = int(match["y"])
    elif anchor is None:
        year = None
    else:
        year = anchor.year + _shift(match["of"])
    if word == "last" and not match["of"]:
        if anchor is None:
            return None
        current = (anchor.month - 1) // 3 + 1
        year, number = (anchor.year, current - 1) if current > 1 else (anchor.year - 1, 4)
    else:
        number = ORDINALS.get(word, 4)
        if year is not None and anchor is not None and not match["y"] and not match["of"]:
            current = (anchor.month - 1) // 3 + 1
            if context.tense is Tense.PAST:
                year -= number > current
            elif context.tense is Tense.FUTURE:
                year += number < current
            else:  # the nearest such quarter: "the fourth quarter" in March is the one just ended
                year += min((-1, 0, 1), key=lambda y: abs(4 * y + number - current))
    if year is None:
        return TimeValue(f"XXXX-Q{number}")
    first = dt.date(year, 3 * number - 2, 1)
    return TimeValue(f"{year}-Q{number}", first, _month_end(year, 3 * number))


def _relative_day(match: re.Match[str], context: Context) -> TimeValue | None:
    if context.anchor is None:
        return TimeValue("XXXX-XX-XX")
    word = match["rel"].lower()
    offset = -1 if word == "yesterday" else 1 if word == "tomorrow" else 0
    return _day(context.anchor + dt.timedelta(days=offset))


def _ago(match: re.Match[str], context: Context) -> TimeValue | None:
    if context.anchor is None:
        return TimeValue("PAST_REF", vague=True)
    count = _count(match["n"])
    unit = match["unit"].lower()
    anchor = context.anchor
    if unit == "year":
        return _year_value(anchor.year - count)
    if unit == "month":
        year, month = divmod(anchor.year * 12 + anchor.month - 1 - count, 12)
        return _month(year, month + 1)
    return _day(anchor - dt.timedelta(days=count * (7 if unit == "week" else 1)))


def _relative_period(match: re.Match[str], context: Context) -> TimeValue | None:
    unit = match["unit"].lower()
    step = _shift(match["which"])
    if context.anchor is None:
        return TimeValue({"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX"}.get(unit, "XXXX"))
    anchor = context.anchor
    if unit in ("week", "weekend"):
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=step)
        return _week(monday, weekend=unit == "weekend")
    if unit == "month":
        year, month = divmod(anchor.year * 12 + anchor.month - 1 + step, 12)
        return _month(year, month + 1)
    if unit == "year":
        return _year_value(anchor.year + step)
    code, first_month = SEASONS[unit]
    year = anchor.year + step
    last_month = (first_month + 1) % 12 + 1  # three months on: winter runs December to February
    return TimeValue(f"{year}-{code}", dt.date(year, first_month, 1), _month_end(year + first_month // 12, last_month))


def _the_weekend(match: re.Match[str], context: Context) -> TimeValue | None:
    if context.anchor is None:
        return TimeValue("XXXX-WXX-WE")
    monday = context.anchor - dt.timedelta(days=context.anchor.weekday())
    if context.tense is Tense.PAST and context.anchor.weekday() < 5:  # "over the weekend", said on a weekday
        monday -= dt.timedelta(weeks=1)
    return _week(monday, weekend=True)


def _weekday(match: re.Match[str], context: Context) -> TimeValue | None:
    number = WEEKDAYS.index(match["wd"].lower())
    if context.anchor is None:
        return TimeValue(f"XXXX-WXX-{number + 1}")
    return _day(
        weekday_date(context.anchor, number, (match["which"] or "").lower(), context.tense, context.weekday_rule)
    )


def weekday_date(anchor: dt.date, weekday: int, which: str, tense: Tense, rule: WeekdayRule) -> dt.date:
    """The date a weekday names; "last"/"next" override the rule."""
    ahead = (weekday - anchor.weekday()) % 7  # days to the next one (0: the anchor itself)
    behind = (anchor.weekday() - weekday) % 7  # days back to the previous one
    if which == "next" or (rule is WeekdayRule.TENSE and not which and tense is Tense.FUTURE):
        return anchor + dt.timedelta(days=ahead or 7 if which == "next" else ahead)
    if which == "last" or (rule is WeekdayRule.TENSE and not which and tense is Tense.PAST):
        return anchor - dt.timedelta(days=behind or 7 if which == "last" else behind)
    if rule is WeekdayRule.WEEK or which == "this":
        return anchor + dt.timedelta(days=weekday - anchor.weekday())
    return anchor + dt.timedelta(days=ahead) if ahead <= behind else anchor - dt.timedelta(days=behind)


def _numeric_date(match: re.Match[str], context: Context) -> TimeValue | None:
    """US order, as in American news: "7/8/07" is July 8, 2007."""
    year = int(match["y"])
    year += 2000 if year < 100 else 0
    return _safe_day(year, int(match["m"]), int(match["d"]))


def _short_year(match: re.Match[str], context: Context) -> TimeValue | None:
    two = int(match["yy"])
    if context.anchor is None:
        return TimeValue(f"XX{two:02d}")
    # "'82" in 2008 is 1982, "'09" is 2009: the year in the anchor's century unless that is more
    # than SHORT_YEAR_AHEAD years ahead of the anchor, then the century before.
    year = context.anchor.year // 100 * 100 + two
    return _year_value(year - 100 if year > context.anchor.year + SHORT_YEAR_AHEAD else year)


def _season(match: re.Match[str], context: Context) -> TimeValue | None:
    code, first_month = SEASONS[match["season"].lower()]
    if match["y"]:
        year = int(match["y"])
    elif context.anchor is None:
        return TimeValue(f"XXXX-{code}")
    else:
        year = context.anchor.year + _shift(match["which"])
    last_month = (first_month + 1) % 12 + 1  # three months on: winter runs December to February
    return TimeValue(f"{year}-{code}", dt.date(year, first_month, 1), _month_end(year + first_month // 12, last_month))


def _part_of_day(match: re.Match[str], context: Context) -> TimeValue | None:
    part = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}[match["part"].lower()]
    if context.anchor is None:
        return TimeValue(f"XXXX-XX-XXT{part}")
    day = context.anchor
    return TimeValue(f"{day.isoformat()}T{part}", day, day)


def _duration(match: re.Match[str], context: Context) -> TimeValue | None:
    unit = match["unit"].lower()
    count = _count(match["n"]) * (10 if unit == "decade" else 1)
    letter = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "Y"}[unit]
    return TimeValue(f"P{count}{letter}", vague=True)


def _reported_period(match: re.Match[str], context: Context) -> TimeValue | None:
    """The day or week a streak or a record ends in, read as the anchor's: vague, since a report
    published the next morning counts the same streak up to the day before."""
    unit = match["unit"].lower()
    if context.anchor is None:
        return TimeValue("XXXX-XX-XX" if unit == "day" else "XXXX-WXX", vague=True)
    if unit == "day":
        return dataclasses.replace(_day(context.anchor), vague=True)
    monday = context.anchor - dt.timedelta(days=context.anchor.weekday())
    return dataclasses.replace(_week(monday, weekend=False), vague=True)


def _anaphoric_day(match: re.Match[str], context: Context) -> TimeValue | None:
    """“The same day”, “on the day”: in news mostly the day reported on, but it points back to
    another date in the text, so it is never compared with another source's date."""
    if context.anchor is None:
        return TimeValue("XXXX-XX-XX", vague=True)
    return TimeValue(context.anchor.isoformat(), context.anchor, context.anchor, vague=True)


def _relative_decade(match: re.Match[str], context: Context) -> TimeValue | None:
    if context.anchor is None:
        return TimeValue("XXX")
    first = context.anchor.year // 10 + _shift(match["which"])
    return TimeValue(str(first), dt.date(first * 10, 1, 1), dt.date(first * 10 + 9, 12, 31))


def _unset_date(match: re.Match[str], context: Context) -> TimeValue | None:
    """“At a later date”: an indefinite noun phrase for a date not yet set, a date TimeML writes
    with every digit unknown (unlike the adverb "later", a vague FUTURE_REF)."""
    return TimeValue("XXXX-XX-XX", vague=True)


def _year_before_alone(match: re.Match[str], context: Context) -> TimeValue | None:
    """“The same period last year” with no period named before it: somewhere in the year before
    the anchor's, the most that is known (find_temporal narrows it when the text names one)."""
    if context.anchor is None:
        return TimeValue("XXXX", vague=True)
    return dataclasses.replace(_year_value(context.anchor.year - 1), vague=True)


def _reference(match: re.Match[str], context: Context) -> TimeValue | None:
    word = " ".join(match["ref"].lower().split())
    if word in PAST_REF:
        return TimeValue("PAST_REF", vague=True)
    return TimeValue("FUTURE_REF" if word in FUTURE_REF else "PRESENT_REF", vague=True)


# --- values and small calendar helpers ------------------------------------------------------


def _day(day: dt.date) -> TimeValue:
    return TimeValue(day.isoformat(), day, day)


def _safe_day(year: int, month: int, day: int) -> TimeValue | None:
    date = _date_or_none(year, month, day)
    return None if date is None else _day(date)


def _date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month(year: int, month: int) -> TimeValue:
    return TimeValue(f"{year:04d}-{month:02d}", dt.date(year, month, 1), _month_end(year, month))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _year_value(year: int) -> TimeValue:
    return TimeValue(f"{year:04d}", dt.date(year, 1, 1), dt.date(year, 12, 31))


def _week(monday: dt.date, *, weekend: bool) -> TimeValue:
    year, week, _ = monday.isocalendar()
    if weekend:
        saturday = monday + dt.timedelta(days=5)
        return TimeValue(f"{year}-W{week:02d}-WE", saturday, saturday + dt.timedelta(days=1))
    return TimeValue(f"{year}-W{week:02d}", monday, monday + dt.timedelta(days=6))


def _month_number(text: str) -> int:
    return MONTHS[text.rstrip(".").lower()]


def _count(text: str) -> int:
    return int(text) if text.isdigit() else COUNT_WORDS.get(text.lower(), 1)


def _shift(which: str | None) -> int:
    """-1, 0 or +1 for "last"/"this"/"next" and their variants."""
    word = (which or "").lower()
    if re.search(r"\b(?:last|past|previous)\b", word):
        return -1
    if re.search(r"\b(?:next|coming)\b", word):
        return 1
    return 0


def _apply_mod(match: re.Match[str], value: TimeValue | None) -> TimeValue | None:
    """Narrow a period to its first, middle or last third for "early", "mid", "late"."""
    written = (match.groupdict().get("mod") or "").lower()
    if value is None or not written:
        return value
    mod = "START" if re.search(r"early|beginning|start", written) else "MID" if re.search("mid", written) else "END"
    if value.start is None or value.end is None:
        return dataclasses.replace(value, mod=mod)  # keeps `vague` ("the start of the fiscal year")
    length = (value.end - value.start).days + 1
    third = MOD_THIRDS[mod]
    first = value.start + dt.timedelta(days=length * third // 3)
    last = value.start + dt.timedelta(days=length * (third + 1) // 3 - 1)
    return dataclasses.replace(value, start=first, end=last, mod=mod)


_WHICH = r"(?P<which>(?i:this|last|next|past|coming|previous|the|the\s+past|the\s+coming|the\s+previous|the\s+last|the\s+next))"
_LEAD = re.compile(
    r"(?i:in|since|by|for|until|of|from|before|after|during|between|through|to|and|or|the|its|their)\s+(?=\S)"
)
_WHICH_RUNNING = _WHICH.replace("this|last|next|past|coming|previous|the|", "this|last|next|past|coming|previous|")
_OF_YEAR = rf"(?:\s+of\s+(?:(?P<y>{_YEAR})|(?P<of>(?i:this|last|next|the|the\s+past|the\s+previous))\s+(?i:year)))?"
_OF_NEXT = r"(?:\s+of\s+(?P<of>(?i:this|last|next))\s+(?i:year))?"
# After a month name, written out or abbreviated ("Jan", "Jan."): one fixed-width lookbehind per spelling.
_ABBREVIATED = [name for name in MONTHS if len(name) <= 4 and name not in ("may", "june", "july")]
_MONTH_SPELLINGS = [name.capitalize() for name in MONTHS] + [name.capitalize() + "." for name in _ABBREVIATED]
_AFTER_MONTH = "|".join(rf"(?<=\b{re.escape(spelling)}\s)" for spelling in _MONTH_SPELLINGS)
_ORDINAL = r"(?i:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))"
_STREAK = rf"(?i:{'|'.join(STREAK_WORDS)})"
# After a record word: one fixed-width lookbehind per word, so the mention is the unit alone.
_AFTER_RECORD = "|".join(rf"(?<=\b{word}\s)" for word in RECORD_WORDS)
# A value that starts with its year, as the antecedent of "the same period last year" must.
_CALENDAR_VALUE = re.compile(r"(?P<fy>FY)?(?P<y>\d{4})(?=$|-)")
_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
_REFS = "|".join(
    re.escape(r).replace(r"\ ", r"\s+") for r in sorted(PAST_REF + PRESENT_REF + FUTURE_REF, key=len, reverse=True)
)

# name, pattern used to find it in running text, pattern for a phrase given alone, handler.
# Order matters: longer and more specific expressions first; a span is taken once.
_RULES: tuple[tuple[str, str, str, Handler], ...] = (
    ("iso", rf"\b(?P<y>{_YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b", "", _iso),
    ("month_day", rf"\b(?P<mon>{_MONTH})\s+(?P<d>{_DAY})\b(?:{_YEAR_COMMA}(?P<y>{_YEAR})\b)?", "", _month_day),
    ("day_month", rf"\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH})(?:{_YEAR_COMMA}(?P<y>{_YEAR})\b)?", "", _month_day),
    (
        "week_of_month",
        # Before month_year and relative_period, which would take "March 2009" or "the last week".
        rf"\b(?:(?i:the)\s+)?(?P<nth>(?i:first|second|third|fourth|last|final|1st|2nd|3rd|4th))\s+(?i:week)\s+(?i:of|in)\s+(?P<mon>{_MONTH})\b(?:{_YEAR_COMMA}(?P<y>{_YEAR})\b)?",
        "",
        _week_of_month,
    ),
    # "October 2007", "October, 2007", "October of 2007".
    ("month_year", rf"\b{_MOD}(?P<mon>{_MONTH})(?:,|\s+of)?\s+(?P<y>{_YEAR})\b", "", _month_year),
    (
        "quarter",
        rf"\b{_MOD}(?:(?i:the)\s+)?(?P<q>(?i:first|second|third|fourth|final|last|1st|2nd|3rd|4th))[- ](?i:quarter){_OF_YEAR}",
        "",
        _quarter,
    ),
    (
        "year_before",
        # "the same month a year ago", "the year-earlier quarter": resolved by find_temporal on the
        # period named before it; before "ago" and relative_period, which would take "a year ago".
        r"\b(?i:the\s+same\s+(?:period|month|quarter|week|day|season)\s+(?:of\s+)?(?:(?:the\s+)?(?:last|previous|prior)\s+year|a\s+year\s+(?:ago|earlier|before))|the\s+year-(?:ago|earlier)\s+(?:period|month|quarter|week))\b",
        "",
        _year_before_alone,
    ),
    ("ago", rf"\b(?P<n>(?i:{_COUNT}))\s+(?P<unit>(?i:day|week|month|year))s?\s+(?i:ago)\b", "", _ago),
    (
        "relative_day",
        r"\b(?:(?i:earlier|later)\s+)?(?P<rel>(?i:today|tonight|yesterday|tomorrow))\b",
        "",
        _relative_day,
    ),
    # "October of next year": the month is read with its year, but the mention is the month alone
    # (a lookahead) so that "next year" stays a mention of its own, as TimeML annotators mark it.
    ("month_of_year", rf"\b(?P<mon>{_MONTH})(?={_OF_NEXT.removesuffix('?')}\b)", "", _month_alone),
    (
        "relative_period",
        rf"\b{_MOD}(?:{_WHICH_RUNNING}\s+|(?(mod)(?:(?i:the)\s+)?|(?!)))(?P<unit>(?i:week|weekend|month|year|spring|summer|autumn|fall|winter))\b",
        # Given alone, "the year" is the anchor's ("the beginning of the year"); in running text
        # "the year" is as often a generic one ("car of the year"), so there it needs "this", "last"...
        # or a part of the period ("at the end of the year": the `(?(mod)...)` test); no one
        # speaks of the end of a generic year.
        rf"{_MOD}{_WHICH}\s+(?P<unit>(?i:week|weekend|month|year|spring|summer|autumn|fall|winter))",
        _relative_period,
    ),
    ("the_weekend", r"\b(?i:the|this)\s+(?i:weekend)\b", "", _the_weekend),
    ("weekday", rf"\b(?:(?P<which>(?i:last|next|this))\s+)?(?P<wd>{_WEEKDAY})\b", "", _weekday),
    ("numeric_date", r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/(?P<y>\d\d(?:\d\d)?)\b", "", _numeric_date),
    ("relative_decade", rf"\b{_WHICH}\s+(?i:decade)\b", "", _relative_decade),
    (
        "season",
        # In running text "fall" is far more often a drop ("a large fall", "the fall in sales",
        # "stocks fall") than the season: there it needs "in the" before it or a year after it
        # (the `(?(fall)...)` test); "this fall" and "late fall" are relative_period's.
        rf"\b{_MOD}(?:(?P<lead>(?i:in|during|through|over|by|until|since)\s+(?=(?i:the)\b))?(?P<which>(?i:this|last|next|the))\s+)?(?P<season>(?i:spring|summer|autumn|winter)|(?P<fall>(?i:fall)))(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?\b(?(fall)(?(lead)|(?(y)|(?!))))",
        rf"{_MOD}(?:(?P<which>(?i:this|last|next|the))\s+)?(?P<season>(?i:spring|summer|autumn|fall|winter))(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?",
        _season,
    ),
    (
        "part_of_day",
        r"\b(?i:this|that|tomorrow|yesterday)\s+(?P<part>(?i:morning|afternoon|evening|night))\b",
        "",
        _part_of_day,
    ),
    (
        "duration",
        rf"\b(?:(?i:over|for|the\s+past|the\s+last|the\s+next|more\s+than)\s+)?(?P<n>(?i:{_COUNT}|single|one))[- ](?P<unit>(?i:day|week|month|year|decade))s?\b(?!\s+(?i:ago|later|earlier))",
        "",
        _duration,
    ),
    ("intraday", r"\b(?i:an\s+)?(?P<n>(?i:intra))(?P<unit>(?i:day))\b", "", _duration),
    (
        "streak",
        # "a second consecutive day", "fourth week in a row": the count needs a streak word before
        # the unit or, failing that, "in a row" after it (the `(?(streak)|...)` test); given alone,
        # an ordinal day or week is such a count.
        rf"\b(?:(?i:a|the|its|their)\s+)?{_ORDINAL}\s+(?P<streak>{_STREAK}\s+)?(?P<unit>(?i:day|week))\b(?(streak)|(?=\s+(?i:in\s+a\s+row)\b))",
        rf"(?:(?i:a|the|its|their)\s+)?{_ORDINAL}\s+(?:{_STREAK}\s+)?(?P<unit>(?i:day|week))(?:\s+(?i:in\s+a\s+row))?",
        _reported_period,
    ),
    (
        "record",
        # "their best week since November": the mention is the unit alone; given alone, a bare
        # "week" or "day" (its determiner outside the phrase) is the report's own.
        rf"(?:{_AFTER_RECORD})(?P<unit>(?i:day|week))\b(?=\s+(?i:since|in|for)\b)",
        r"(?P<unit>(?i:day|week))",
        _reported_period,
    ),
    ("anaphoric_day", r"\b(?i:the\s+same\s+day|that\s+day|the\s+day|late\s+in\s+the\s+day)\b", "", _anaphoric_day),
    ("short_year", r"(?<!\w)'(?P<yy>\d\d)\b(?!s)", "", _short_year),
    ("fiscal_year", rf"\b(?i:FY|fiscal\s+(?:year\s+)?)\s?(?P<y>{_YEAR})\b", "", _fiscal_year),
    # Unlike "the year", "the fiscal year" is never generic, so running text takes it with "the".
    ("relative_fiscal_year", rf"\b{_MOD}{_WHICH}\s+(?i:fiscal|financial)\s+(?i:year)\b", "", _relative_fiscal_year),
    (
        "decade",
        # In running text four digits or an apostrophe: "in her 20s" is an age, "the 30s" a temperature.
        r"(?:\b(?:(?i:the)\s+)?(?P<dec>(?:1[89]|20)\d0)|(?<!\w)'(?P<dec2>\d0))s\b",
        r"(?:(?i:the)\s+)?'?(?P<dec>(?:1[89]|20)?\d0)'?s",
        _decade,
    ),
    (
        "month_alone",
        # A month coordinated with a month ("between April and June") is a month too.
        rf"(?:\b(?i:in|since|by|until|during|from|of|before|after|between|through|to|the|their|its)\s+|\b{_MOD_SET}|\b(?P<which>(?i:last|next|this))\s+|(?:{_AFTER_MONTH})(?i:and|or)\s+)(?P<mon>{_MONTH})\b(?!\s*\d){_OF_NEXT}",
        rf"{_MOD}(?:(?P<which>(?i:last|next|this))\s+)?(?P<mon>{_MONTH}){_OF_NEXT}",
        _month_alone,
    ),
    (
        "year",
        # A year needs a word that makes it one ("in 2008", "the 2008 Olympics", "from 2009 to 2011");
        # a bare four-digit number is as often a count ("2000 troops").
        rf"(?:\b(?i:in|since|by|for|until|of|from|before|after|during|between|through|to|and|the|its|their)\s+|\b{_MOD_SET})(?P<y>{_YEAR})\b(?![,.]\d)(?!\s+(?:[a-z]+\s+)?(?:troops|people|soldiers|workers|jobs|units|votes|cars|dollars|times))",
        rf"{_MOD}(?P<y>{_YEAR})",
        _year,
    ),
    # "a later date", "at a later stage": before "reference", which would take "later".
    ("unset_date", r"\b(?i:a\s+later|a\s+future)\s+(?i:date|time|stage)\b", "", _unset_date),
    (
        "recent_history",
        # "recent U.S. history", "in recent memory": the past, with up to two words qualifying it.
        r"\b(?:(?i:our|its|their|his|her)\s+)?(?P<ref>(?i:recent))\s+(?:[\w.'-]+\s+){0,2}?(?i:history|memory)\b",
        "",
        _reference,
    ),
    ("reference", rf"\b(?P<ref>(?i:{_REFS}))\b", "", _reference),
)


def _compile(
    rules: tuple[tuple[str, str, str, Handler], ...],
) -> list[tuple[str, re.Pattern[str], re.Pattern[str], Handler]]:
    compiled = []
    for name, finder, alone, handler in rules:
        # A phrase given alone may drop the word boundaries and the context words the finder needs.
        full = alone or re.sub(r"^\\b|\\b$", "", finder)
        compiled.append((name, re.compile(finder), re.compile(full), handler))
    return compiled


_GRAMMAR = _compile(_RULES)
