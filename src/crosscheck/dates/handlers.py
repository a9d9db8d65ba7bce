"""The date grammar's handlers, one per kind of expression: a match and its context in, a TimeML
value out (None when the match is no date after all). The patterns are in grammar.py."""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re

from crosscheck.dates.tense import Tense
from crosscheck.dates.values import (
    FUTURE_REF,
    NEAREST_YEARS,
    ORDINALS,
    PAST_REF,
    SEASONS,
    SHORT_YEAR_AHEAD,
    WEEKDAYS,
    Context,
    TimeValue,
    WeekdayRule,
    count_of,
    date_or_none,
    day_value,
    month_end,
    month_number,
    month_value,
    safe_day,
    shift_of,
    week_value,
    year_value,
)


def iso(match: re.Match[str], context: Context) -> TimeValue | None:
    try:
        day = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
    return day_value(day)


def month_day(match: re.Match[str], context: Context) -> TimeValue | None:
    month, day = month_number(match["mon"]), int(re.sub(r"\D", "", match["d"]))
    if match["y"]:
        return safe_day(int(match["y"]), month, day)
    if context.anchor is None:
        return TimeValue(f"XXXX-{month:02d}-{day:02d}")
    anchor = context.anchor
    candidates = [d for y in NEAREST_YEARS if (d := date_or_none(anchor.year + y, month, day)) is not None]
    if not candidates:
        return None
    return day_value(min(candidates, key=lambda d: abs((d - anchor).days)))


def month_year(match: re.Match[str], context: Context) -> TimeValue | None:
    return month_value(int(match["y"]), month_number(match["mon"]))


def month_alone(match: re.Match[str], context: Context) -> TimeValue | None:
    month = month_number(match["mon"])
    if context.anchor is None:
        return TimeValue(f"XXXX-{month:02d}")
    if match["of"]:  # "October of next year"
        return month_value(context.anchor.year + shift_of(match["of"]), month)
    return month_value(_year_of_month(context.anchor, context.tense, month, (match["which"] or "").lower()), month)


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


def week_of_month(match: re.Match[str], context: Context) -> TimeValue | None:
    """“The last week of March”: as ISO 8601 gives a week to the year that holds its Thursday,
    a week belongs to the month that holds its Thursday, so the Nth week is the one with the
    month's Nth Thursday (the last week: its last Thursday)."""
    month = month_number(match["mon"])
    if match["y"]:
        year = int(match["y"])
    elif context.anchor is None:
        return TimeValue("XXXX-WXX")
    else:
        year = _year_of_month(context.anchor, context.tense, month, "")
    thursdays = [week[calendar.THURSDAY] for week in calendar.monthcalendar(year, month) if week[calendar.THURSDAY]]
    word = match["nth"].lower()
    thursday = dt.date(year, month, thursdays[-1] if word in ("last", "final") else thursdays[ORDINALS[word] - 1])
    return week_value(thursday - dt.timedelta(days=3), weekend=False)


def _nearest_year_shift(anchor: dt.date, month: int) -> int:
    """-1, 0 or +1: the year that puts a month nearest the anchor's month."""
    return min(NEAREST_YEARS, key=lambda y: abs((anchor.year + y) * 12 + month - anchor.year * 12 - anchor.month))


def year(match: re.Match[str], context: Context) -> TimeValue | None:
    return year_value(int(match["y"]))


def fiscal_year(match: re.Match[str], context: Context) -> TimeValue | None:
    return TimeValue(f"FY{match['y']}", vague=True)  # fiscal years start in different months


def relative_fiscal_year(match: re.Match[str], context: Context) -> TimeValue | None:
    """“This fiscal year”, “the financial year”: fiscal years are mostly named for the calendar
    year they end in, and the one in progress at the anchor ends in the anchor's year or soon
    after; without the company's calendar the anchor's year is the label, as for "this year"."""
    if context.anchor is None:
        return TimeValue("FYXXXX", vague=True)
    return TimeValue(f"FY{context.anchor.year + shift_of(match['which'])}", vague=True)


def decade(match: re.Match[str], context: Context) -> TimeValue | None:
    digits = match["dec"] or match.groupdict().get("dec2") or ""
    century = digits[:2] if len(digits) == 4 else "19"
    first = int(century + digits[-2])  # "1980s" -> 198, "'70s" -> 197
    return TimeValue(str(first), dt.date(first * 10, 1, 1), dt.date(first * 10 + 9, 12, 31))


def quarter(match: re.Match[str], context: Context) -> TimeValue | None:
    word = match["q"].lower()
    anchor = context.anchor
    if match["y"]:
        year: int | None = int(match["y"])
    elif anchor is None:
        year = None
    else:
        year = anchor.year + shift_of(match["of"])
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
    return TimeValue(f"{year}-Q{number}", first, month_end(year, 3 * number))


def relative_day(match: re.Match[str], context: Context) -> TimeValue | None:
    if context.anchor is None:
        return TimeValue("XXXX-XX-XX")
    word = match["rel"].lower()
    offset = -1 if word == "yesterday" else 1 if word == "tomorrow" else 0
    return day_value(context.anchor + dt.timedelta(days=offset))


def ago(match: re.Match[str], context: Context) -> TimeValue | None:
    if context.anchor is None:
        return TimeValue("PAST_REF", vague=True)
    count = count_of(match["n"])
    unit = match["unit"].lower()
    anchor = context.anchor
    if unit == "year":
        return year_value(anchor.year - count)
    if unit == "month":
        year, month = divmod(anchor.year * 12 + anchor.month - 1 - count, 12)
        return month_value(year, month + 1)
    return day_value(anchor - dt.timedelta(days=count * (7 if unit == "week" else 1)))


def relative_period(match: re.Match[str], context: Context) -> TimeValue | None:
    unit = match["unit"].lower()
    step = shift_of(match["which"])
    if context.anchor is None:
        return TimeValue({"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX"}.get(unit, "XXXX"))
    anchor = context.anchor
    if unit in ("week", "weekend"):
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=step)
        return week_value(monday, weekend=unit == "weekend")
    if unit == "month":
        year, month = divmod(anchor.year * 12 + anchor.month - 1 + step, 12)
        return month_value(year, month + 1)
    if unit == "year":
        return year_value(anchor.year + step)
    code, first_month = SEASONS[unit]
    year = anchor.year + step
    last_month = (first_month + 1) % 12 + 1  # three months on: winter runs December to February
    return TimeValue(f"{year}-{code}", dt.date(year, first_month, 1), month_end(year + first_month // 12, last_month))


def the_weekend(match: re.Match[str], context: Context) -> TimeValue | None:
    if context.anchor is None:
        return TimeValue("XXXX-WXX-WE")
    monday = context.anchor - dt.timedelta(days=context.anchor.weekday())
    if context.tense is Tense.PAST and context.anchor.weekday() < 5:  # "over the weekend", said on a weekday
        monday -= dt.timedelta(weeks=1)
    return week_value(monday, weekend=True)


def weekday(match: re.Match[str], context: Context) -> TimeValue | None:
    number = WEEKDAYS.index(match["wd"].lower())
    if context.anchor is None:
        return TimeValue(f"XXXX-WXX-{number + 1}")
    return day_value(
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


def numeric_date(match: re.Match[str], context: Context) -> TimeValue | None:
    """US order, as in American news: "7/8/07" is July 8, 2007."""
    year = int(match["y"])
    year += 2000 if year < 100 else 0
    return safe_day(year, int(match["m"]), int(match["d"]))


def short_year(match: re.Match[str], context: Context) -> TimeValue | None:
    two = int(match["yy"])
    if context.anchor is None:
        return TimeValue(f"XX{two:02d}")
    # "'82" in 2008 is 1982, "'09" is 2009: the year in the anchor's century unless that is more
    # than SHORT_YEAR_AHEAD years ahead of the anchor, then the century before.
    year = context.anchor.year // 100 * 100 + two
    return year_value(year - 100 if year > context.anchor.year + SHORT_YEAR_AHEAD else year)


def season(match: re.Match[str], context: Context) -> TimeValue | None:
    code, first_month = SEASONS[match["season"].lower()]
    if match["y"]:
        year = int(match["y"])
    elif context.anchor is None:
        return TimeValue(f"XXXX-{code}")
    else:
        year = context.anchor.year + shift_of(match["which"])
    last_month = (first_month + 1) % 12 + 1  # three months on: winter runs December to February
    return TimeValue(f"{year}-{code}", dt.date(year, first_month, 1), month_end(year + first_month // 12, last_month))


def part_of_day(match: re.Match[str], context: Context) -> TimeValue | None:
    part = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}[match["part"].lower()]
    if context.anchor is None:
        return TimeValue(f"XXXX-XX-XXT{part}")
    day = context.anchor
    return TimeValue(f"{day.isoformat()}T{part}", day, day)


def duration(match: re.Match[str], context: Context) -> TimeValue | None:
    unit = match["unit"].lower()
    count = count_of(match["n"]) * (10 if unit == "decade" else 1)
    letter = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "Y"}[unit]
    return TimeValue(f"P{count}{letter}", vague=True)


def reported_period(match: re.Match[str], context: Context) -> TimeValue | None:
    """The day or week a streak or a record ends in, read as the anchor's: vague, since a report
    published the next morning counts the same streak up to the day before."""
    unit = match["unit"].lower()
    if context.anchor is None:
        return TimeValue("XXXX-XX-XX" if unit == "day" else "XXXX-WXX", vague=True)
    if unit == "day":
        return dataclasses.replace(day_value(context.anchor), vague=True)
    monday = context.anchor - dt.timedelta(days=context.anchor.weekday())
    return dataclasses.replace(week_value(monday, weekend=False), vague=True)


def anaphoric_day(match: re.Match[str], context: Context) -> TimeValue | None:
    """“The same day”, “on the day”: in news mostly the day reported on, but it points back to
    another date in the text, so it is never compared with another source's date."""
    if context.anchor is None:
        return TimeValue("XXXX-XX-XX", vague=True)
    return TimeValue(context.anchor.isoformat(), context.anchor, context.anchor, vague=True)


def relative_decade(match: re.Match[str], context: Context) -> TimeValue | None:
    if context.anchor is None:
        return TimeValue("XXX")
    first = context.anchor.year // 10 + shift_of(match["which"])
    return TimeValue(str(first), dt.date(first * 10, 1, 1), dt.date(first * 10 + 9, 12, 31))


def unset_date(match: re.Match[str], context: Context) -> TimeValue | None:
    """“At a later date”: an indefinite noun phrase for a date not yet set, a date TimeML writes
    with every digit unknown (unlike the adverb "later", a vague FUTURE_REF)."""
    return TimeValue("XXXX-XX-XX", vague=True)


def year_before_alone(match: re.Match[str], context: Context) -> TimeValue | None:
    """“The same period last year” with no period named before it: somewhere in the year before
    the anchor's, the most that is known (find_temporal narrows it when the text names one)."""
    if context.anchor is None:
        return TimeValue("XXXX", vague=True)
    return dataclasses.replace(year_value(context.anchor.year - 1), vague=True)


def reference(match: re.Match[str], context: Context) -> TimeValue | None:
    word = " ".join(match["ref"].lower().split())
    if word in PAST_REF:
        return TimeValue("PAST_REF", vague=True)
    return TimeValue("FUTURE_REF" if word in FUTURE_REF else "PRESENT_REF", vague=True)
