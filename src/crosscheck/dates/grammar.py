"""Temporal expressions: finding them in a claim and normalizing them to TimeML values on an anchor date.

A value is a TimeML `value` string ("2025-11-04", "2025-11", "2025", "2025-W45", "2025-Q4",
"2025-SU", "PAST_REF") plus the calendar interval it covers, so two values can be compared by
overlap. Without an anchor, expressions that need one ("Tuesday", "next month", "November 4"
without a year) keep X for what is unknown ("XXXX-WXX-2", "XXXX-11-04") and no interval.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from crosscheck.dates import handlers
from crosscheck.dates.tense import Tense, tense_at
from crosscheck.dates.values import (
    FUTURE_REF,
    MOD_THIRDS,
    MONTHS,
    PAST_REF,
    PRESENT_REF,
    WEEKDAY_RULE,
    Context,
    Handler,
    TemporalMention,
    TimeValue,
    WeekdayRule,
    date_or_none,
    day_value,
)
from crosscheck.syntax import Syntax, tense

# Clock times ("3:30 p.m.", "10 a.m.", "18:07", "noon"), compared as times, not dates or numbers.
TIME_PATTERN = re.compile(
    r"\b(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?:a\.\s?m\.|p\.\s?m\.|am\b|pm\b)|\b(?:[01]?\d|2[0-3]):[0-5]\d\b|\b(?:noon|midnight)\b",
    re.IGNORECASE,
)

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
        day = date_or_none(year, month, value.start.day) or dt.date(year, month, 28)  # 29 February
        return dataclasses.replace(day_value(day), vague=True)
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
    ("iso", rf"\b(?P<y>{_YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b", "", handlers.iso),
    ("month_day", rf"\b(?P<mon>{_MONTH})\s+(?P<d>{_DAY})\b(?:{_YEAR_COMMA}(?P<y>{_YEAR})\b)?", "", handlers.month_day),
    (
        "day_month",
        rf"\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH})(?:{_YEAR_COMMA}(?P<y>{_YEAR})\b)?",
        "",
        handlers.month_day,
    ),
    (
        "week_of_month",
        # Before month_year and relative_period, which would take "March 2009" or "the last week".
        rf"\b(?:(?i:the)\s+)?(?P<nth>(?i:first|second|third|fourth|last|final|1st|2nd|3rd|4th))\s+(?i:week)\s+(?i:of|in)\s+(?P<mon>{_MONTH})\b(?:{_YEAR_COMMA}(?P<y>{_YEAR})\b)?",
        "",
        handlers.week_of_month,
    ),
    # "October 2007", "October, 2007", "October of 2007".
    ("month_year", rf"\b{_MOD}(?P<mon>{_MONTH})(?:,|\s+of)?\s+(?P<y>{_YEAR})\b", "", handlers.month_year),
    (
        "quarter",
        rf"\b{_MOD}(?:(?i:the)\s+)?(?P<q>(?i:first|second|third|fourth|final|last|1st|2nd|3rd|4th))[- ](?i:quarter){_OF_YEAR}",
        "",
        handlers.quarter,
    ),
    (
        "year_before",
        # "the same month a year ago", "the year-earlier quarter": resolved by find_temporal on the
        # period named before it; before "ago" and relative_period, which would take "a year ago".
        r"\b(?i:the\s+same\s+(?:period|month|quarter|week|day|season)\s+(?:of\s+)?(?:(?:the\s+)?(?:last|previous|prior)\s+year|a\s+year\s+(?:ago|earlier|before))|the\s+year-(?:ago|earlier)\s+(?:period|month|quarter|week))\b",
        "",
        handlers.year_before_alone,
    ),
    ("ago", rf"\b(?P<n>(?i:{_COUNT}))\s+(?P<unit>(?i:day|week|month|year))s?\s+(?i:ago)\b", "", handlers.ago),
    (
        "relative_day",
        r"\b(?:(?i:earlier|later)\s+)?(?P<rel>(?i:today|tonight|yesterday|tomorrow))\b",
        "",
        handlers.relative_day,
    ),
    # "October of next year": the month is read with its year, but the mention is the month alone
    # (a lookahead) so that "next year" stays a mention of its own, as TimeML annotators mark it.
    ("month_of_year", rf"\b(?P<mon>{_MONTH})(?={_OF_NEXT.removesuffix('?')}\b)", "", handlers.month_alone),
    (
        "relative_period",
        rf"\b{_MOD}(?:{_WHICH_RUNNING}\s+|(?(mod)(?:(?i:the)\s+)?|(?!)))(?P<unit>(?i:week|weekend|month|year|spring|summer|autumn|fall|winter))\b",
        # Given alone, "the year" is the anchor's ("the beginning of the year"); in running text
        # "the year" is as often a generic one ("car of the year"), so there it needs "this", "last"...
        # or a part of the period ("at the end of the year": the `(?(mod)...)` test); no one
        # speaks of the end of a generic year.
        rf"{_MOD}{_WHICH}\s+(?P<unit>(?i:week|weekend|month|year|spring|summer|autumn|fall|winter))",
        handlers.relative_period,
    ),
    ("the_weekend", r"\b(?i:the|this)\s+(?i:weekend)\b", "", handlers.the_weekend),
    ("weekday", rf"\b(?:(?P<which>(?i:last|next|this))\s+)?(?P<wd>{_WEEKDAY})\b", "", handlers.weekday),
    (
        "numeric_date",
        r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/(?P<y>\d\d(?:\d\d)?)\b",
        "",
        handlers.numeric_date,
    ),
    ("relative_decade", rf"\b{_WHICH}\s+(?i:decade)\b", "", handlers.relative_decade),
    (
        "season",
        # In running text "fall" is far more often a drop ("a large fall", "the fall in sales",
        # "stocks fall") than the season: there it needs "in the" before it or a year after it
        # (the `(?(fall)...)` test); "this fall" and "late fall" are relative_period's.
        rf"\b{_MOD}(?:(?P<lead>(?i:in|during|through|over|by|until|since)\s+(?=(?i:the)\b))?(?P<which>(?i:this|last|next|the))\s+)?(?P<season>(?i:spring|summer|autumn|winter)|(?P<fall>(?i:fall)))(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?\b(?(fall)(?(lead)|(?(y)|(?!))))",
        rf"{_MOD}(?:(?P<which>(?i:this|last|next|the))\s+)?(?P<season>(?i:spring|summer|autumn|fall|winter))(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?",
        handlers.season,
    ),
    (
        "part_of_day",
        r"\b(?i:this|that|tomorrow|yesterday)\s+(?P<part>(?i:morning|afternoon|evening|night))\b",
        "",
        handlers.part_of_day,
    ),
    (
        "duration",
        rf"\b(?:(?i:over|for|the\s+past|the\s+last|the\s+next|more\s+than)\s+)?(?P<n>(?i:{_COUNT}|single|one))[- ](?P<unit>(?i:day|week|month|year|decade))s?\b(?!\s+(?i:ago|later|earlier))",
        "",
        handlers.duration,
    ),
    ("intraday", r"\b(?i:an\s+)?(?P<n>(?i:intra))(?P<unit>(?i:day))\b", "", handlers.duration),
    (
        "streak",
        # "a second consecutive day", "fourth week in a row": the count needs a streak word before
        # the unit or, failing that, "in a row" after it (the `(?(streak)|...)` test); given alone,
        # an ordinal day or week is such a count.
        rf"\b(?:(?i:a|the|its|their)\s+)?{_ORDINAL}\s+(?P<streak>{_STREAK}\s+)?(?P<unit>(?i:day|week))\b(?(streak)|(?=\s+(?i:in\s+a\s+row)\b))",
        rf"(?:(?i:a|the|its|their)\s+)?{_ORDINAL}\s+(?:{_STREAK}\s+)?(?P<unit>(?i:day|week))(?:\s+(?i:in\s+a\s+row))?",
        handlers.reported_period,
    ),
    (
        "record",
        # "their best week since November": the mention is the unit alone; given alone, a bare
        # "week" or "day" (its determiner outside the phrase) is the report's own.
        rf"(?:{_AFTER_RECORD})(?P<unit>(?i:day|week))\b(?=\s+(?i:since|in|for)\b)",
        r"(?P<unit>(?i:day|week))",
        handlers.reported_period,
    ),
    (
        "anaphoric_day",
        r"\b(?i:the\s+same\s+day|that\s+day|the\s+day|late\s+in\s+the\s+day)\b",
        "",
        handlers.anaphoric_day,
    ),
    ("short_year", r"(?<!\w)'(?P<yy>\d\d)\b(?!s)", "", handlers.short_year),
    ("fiscal_year", rf"\b(?i:FY|fiscal\s+(?:year\s+)?)\s?(?P<y>{_YEAR})\b", "", handlers.fiscal_year),
    # Unlike "the year", "the fiscal year" is never generic, so running text takes it with "the".
    (
        "relative_fiscal_year",
        rf"\b{_MOD}{_WHICH}\s+(?i:fiscal|financial)\s+(?i:year)\b",
        "",
        handlers.relative_fiscal_year,
    ),
    (
        "decade",
        # In running text four digits or an apostrophe: "in her 20s" is an age, "the 30s" a temperature.
        r"(?:\b(?:(?i:the)\s+)?(?P<dec>(?:1[89]|20)\d0)|(?<!\w)'(?P<dec2>\d0))s\b",
        r"(?:(?i:the)\s+)?'?(?P<dec>(?:1[89]|20)?\d0)'?s",
        handlers.decade,
    ),
    (
        "month_alone",
        # A month coordinated with a month ("between April and June") is a month too.
        rf"(?:\b(?i:in|since|by|until|during|from|of|before|after|between|through|to|the|their|its)\s+|\b{_MOD_SET}|\b(?P<which>(?i:last|next|this))\s+|(?:{_AFTER_MONTH})(?i:and|or)\s+)(?P<mon>{_MONTH})\b(?!\s*\d){_OF_NEXT}",
        rf"{_MOD}(?:(?P<which>(?i:last|next|this))\s+)?(?P<mon>{_MONTH}){_OF_NEXT}",
        handlers.month_alone,
    ),
    (
        "year",
        # A year needs a word that makes it one ("in 2008", "the 2008 Olympics", "from 2009 to 2011");
        # a bare four-digit number is as often a count ("2000 troops").
        rf"(?:\b(?i:in|since|by|for|until|of|from|before|after|during|between|through|to|and|the|its|their)\s+|\b{_MOD_SET})(?P<y>{_YEAR})\b(?![,.]\d)(?!\s+(?:[a-z]+\s+)?(?:troops|people|soldiers|workers|jobs|units|votes|cars|dollars|times))",
        rf"{_MOD}(?P<y>{_YEAR})",
        handlers.year,
    ),
    # "a later date", "at a later stage": before "reference", which would take "later".
    ("unset_date", r"\b(?i:a\s+later|a\s+future)\s+(?i:date|time|stage)\b", "", handlers.unset_date),
    (
        "recent_history",
        # "recent U.S. history", "in recent memory": the past, with up to two words qualifying it.
        r"\b(?:(?i:our|its|their|his|her)\s+)?(?P<ref>(?i:recent))\s+(?:[\w.'-]+\s+){0,2}?(?i:history|memory)\b",
        "",
        handlers.reference,
    ),
    ("reference", rf"\b(?P<ref>(?i:{_REFS}))\b", "", handlers.reference),
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
