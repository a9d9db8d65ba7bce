"""Words of a sentence, as matching and value extraction both see them."""

from __future__ import annotations

import re
from collections.abc import Sequence

# Function words carry no fact.
STOPWORDS = frozenset(
    """a an the of to in on at for and or but nor so yet is are was were be been being am
    by with as from that this these those it its he she they them his her hers their theirs
    we our you your i me my mine him who whom whose which what when where why how than then
    there here also just very said says say told tells according has have had having do does
    did will would shall should can could may might must not no into over about after before
    while during up down out off again further once all any both each few more most other
    some such only own same too s t""".split()
)
# A line ends at \r\n, \n or a lone \r (old Mac files): claims' line numbers and the HTML
# report's source pages count lines the same way.
LINE_BREAK = re.compile(r"\r\n|\r|\n")
WORD = re.compile(r"\w+")
# Control characters (C0 but tab and newline, DEL, C1): an escape sequence in an article must
# not reach a terminal or a report as one.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def words(text: str) -> list[str]:
    """Lower-case word tokens, punctuation dropped ("U.S." gives "u", "s")."""
    return WORD.findall(text.casefold())


def content_words(text: str) -> tuple[str, ...]:
    """Distinct words that are not function words, in order of first use."""
    return tuple(dict.fromkeys(w for w in words(text) if w not in STOPWORDS and len(w) > 1))


def printable(text: str) -> str:
    """`text` without control characters (tabs and newlines kept)."""
    return CONTROL.sub("", text)


def normalize(text: str) -> str:
    """Text reduced to lower-case words, to compare sentences regardless of punctuation."""
    return " ".join(words(text))


def line_starts(raw: str) -> Sequence[int]:
    """Where each line of `raw` begins (see LINE_BREAK)."""
    return [0, *(match.end() for match in LINE_BREAK.finditer(raw))]


TITLE_CASE_SHARE = 0.7  # of a claim's words capitalized: a headline in title case


def title_case(text: str) -> bool:
    """A headline in title case ("Quake Kills 12 In Aceh"): most of its words capitalized."""
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)


def sentence_case(text: str) -> str:
    """A title-case headline as a sentence would write it, every letter after the first lower-cased
    where that keeps the text's length (offsets stay valid): "Microsoft Launches Emergency Patch"
    -> "Microsoft launches emergency patch". Acronyms ("IE", "AMD") keep their capitals."""

    def lower(match: re.Match[str]) -> str:
        word = match.group()
        return word if word.isupper() or len(word.lower()) != len(word) else word.lower()

    first = re.match(r"\W*\w+", text)
    start = first.end() if first else 0
    return text[:start] + re.sub(r"[A-Za-z][\w'’-]*", lower, text[start:])
