"""Values of the date grammar: TimeML values with the calendar interval they cover, the context
an expression is read in, the word tables, and small calendar helpers."""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re
from collections.abc import Callable
from dataclasses import dataclass

from crosscheck.dates.tense import Tense

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


def day_value(day: dt.date) -> TimeValue:
    return TimeValue(day.isoformat(), day, day)


def safe_day(year: int, month: int, day: int) -> TimeValue | None:
    date = date_or_none(year, month, day)
    return None if date is None else day_value(date)


def date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_value(year: int, month: int) -> TimeValue:
    return TimeValue(f"{year:04d}-{month:02d}", dt.date(year, month, 1), month_end(year, month))


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def year_value(year: int) -> TimeValue:
    return TimeValue(f"{year:04d}", dt.date(year, 1, 1), dt.date(year, 12, 31))


def week_value(monday: dt.date, *, weekend: bool) -> TimeValue:
    year, week, _ = monday.isocalendar()
    if weekend:
        saturday = monday + dt.timedelta(days=5)
        return TimeValue(f"{year}-W{week:02d}-WE", saturday, saturday + dt.timedelta(days=1))
    return TimeValue(f"{year}-W{week:02d}", monday, monday + dt.timedelta(days=6))


def month_number(text: str) -> int:
    return MONTHS[text.rstrip(".").lower()]


def count_of(text: str) -> int:
    return int(text) if text.isdigit() else COUNT_WORDS.get(text.lower(), 1)


def shift_of(which: str | None) -> int:
    """-1, 0 or +1 for "last"/"this"/"next" and their variants."""
    word = (which or "").lower()
    if re.search(r"\b(?:last|past|previous)\b", word):
        return -1
    if re.search(r"\b(?:next|coming)\b", word):
        return 1
    return 0
