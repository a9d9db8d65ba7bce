"""The tense of the clause a date sits in, read from the words around it: which week "on
Tuesday" names depends on it. With a claim's parse, `crosscheck.syntax.tense` reads it from the
clause's finite verb instead; this is the fallback, and what MEANTIME's gate measures alone."""

from __future__ import annotations

import re

from crosscheck.syntax import Tense as Tense  # the tense a date is read in, as crosscheck.syntax gives it

# Words before a temporal expression searched for a verb that tells its tense, nearest first;
# a clause rarely puts its verb further than this from its date.
TENSE_WINDOW = 8
# Words that put a clause ahead of the report; "until Friday": markets stay closed until a day
# still to come.
FUTURE_CUES = frozenset(
    "will won't shall should 'll scheduled expected set plans plan planned upcoming due until".split()
)
# "since X" looks back; the rest are the irregular past forms common in news.
PAST_CUES = frozenset(
    "was were had did ago since said told met held took made began came went saw won lost grew rose fell left sold"
    " bought paid got gave became brought ran cut hit".split()
)
# Lower-case words ending in -ed that are not past-tense verbs in news text.
NOT_PAST = frozenset(["scheduled", "expected", "planned", "based", "need", "red", "hundred", "united", "proposed"])


def tense_at(text: str, start: int, end: int) -> Tense:
    """The tense of the verb nearest before the expression, else nearest after it, in its clause."""
    before = re.split(r"[;:]|,\s+(?:where|which|when|while|and)\b", text[:start])[-1]
    after = re.split(r"[;:]|,\s+(?:where|which|when|while|and)\b", text[end:])[0]
    backwards = list(reversed(_words(before)))[:TENSE_WINDOW]
    for words in (backwards, _words(after)[:TENSE_WINDOW]):
        for i, word in enumerate(words):
            tense = _cue(word)
            passive = words is backwards and i + 1 < len(words) and words[i + 1] == "be"
            if tense is not None and not (tense is Tense.PAST and passive):  # "should be completed"
                return tense
    return Tense.PRESENT


def _cue(word: str) -> Tense | None:
    if word in FUTURE_CUES:
        return Tense.FUTURE
    if word in PAST_CUES or (word.endswith("ed") and len(word) > 4 and word not in NOT_PAST):
        return Tense.PAST
    return None


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text)  # lower-case only: "United" or "Fed" are names, not verbs
