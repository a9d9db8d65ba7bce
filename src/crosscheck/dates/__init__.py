"""Dates: temporal expressions found in a claim and normalized to TimeML values on the article's
date, and where that date comes from.

    grammar.py   the expressions, as a table of patterns: find_temporal, normalize
    handlers.py  one handler per kind of expression: a match in, a TimeML value out
    values.py    TimeML values, the context they are read in, word tables, calendar helpers
    tense.py     a clause's tense from the words around a date (the fallback of crosscheck.syntax)
    anchor.py    an article's date: front matter `published`, else a dateline
"""

from __future__ import annotations

from crosscheck.dates.anchor import dateline_date, find_anchor, published_date, published_time
from crosscheck.dates.grammar import MONTH_PATTERN, TIME_PATTERN, find_temporal, normalize
from crosscheck.dates.handlers import weekday_date
from crosscheck.dates.tense import Tense, tense_at
from crosscheck.dates.values import WEEKDAY_RULE, TemporalMention, TimeValue, WeekdayRule

__all__ = [
    "MONTH_PATTERN",
    "TIME_PATTERN",
    "WEEKDAY_RULE",
    "TemporalMention",
    "Tense",
    "TimeValue",
    "WeekdayRule",
    "dateline_date",
    "find_anchor",
    "find_temporal",
    "normalize",
    "published_date",
    "published_time",
    "tense_at",
    "weekday_date",
]
