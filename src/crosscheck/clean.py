"""Turning scraped article text into clean paragraphs, each character mapped back to the raw file.

Two repairs happen here. Site chrome (menus, section labels, sign-up boxes, the page's
"Posted ... Updated ..." time stamps) is dropped paragraph by paragraph. Hard line breaks inside a sentence are undone:
"sep" / "arate" becomes "separate" and "most important" / "stories" becomes
"most important stories", decided by word frequencies (wordfreq), not by a list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import zipf_frequency

from crosscheck.dates.anchor import TRAILING_STAMP

# A line that ends with one of these closes its sentence, so the next line is a new paragraph.
SENTENCE_END = ".!?:;\"'”’)]…"
# Zipf frequency (log10 per billion words) a joined word must reach to be trusted: 3.0 is
# "separate"-common territory, well above OCR-like junk such as "wellknown" (1.6).
MIN_JOINED_WORD_ZIPF = 3.0
# Chrome paragraphs are short; a real headline or sentence rarely has fewer words.
MAX_CHROME_WORDS = 3
BULLETS = " \t\u00a0|•·▪►»«–—-*#"

CHROME_LINES = re.compile(
    r"^(menu|search|close|home|log ?in|sign ?in|sign ?up|subscribe|share|print|e-?mail|"
    r"advertisement|skip to (main )?content|read more|related( articles| stories)?|"
    r"market data|more|next|previous|back to top|comments?|trending|latest news|"
    r"most read|top stories|follow us( on .*)?|accept( all)?( cookies)?)$",
    re.IGNORECASE,
)
CHROME_OPENINGS = re.compile(
    r"^(welcome to |sign up (for|to) |subscribe (to|for) |download (our|the) app|"
    r"all rights reserved|copyright |© |\(c\) |we use cookies|this website uses cookies|"
    r"click here|follow us on |share (this|on) |(read more|related|see also|also read|more on this story) ?: )",
    re.IGNORECASE,
)

# A page's own time stamps ("Posted: Sep 27, 2013 5:50 PM", "UPDATED: 19:14 GMT, 12 April 2013",
# "First Posted: 10/25/11 06:44 PM ET") tell when the page changed, not what happened: ingest may
# read the article's date from one, but it is never a claim. Two outlets' stamps of one story
# differ by minutes or days, and on ECB+ they were the largest source of false conflicts (0.71
# time and about 0.3 date conflicts per ten articles). A stamp is a short line whose every token
# is a date or time part or a stamp label, holding a date or a clock time. Tokens are checked one
# by one (no backtracking regular expression over the whole line).
MAX_STAMP_CHARS = 120
_STAMP_WORDS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
    "|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thu|fri|sat|sun"
    "|posted|updated|published|edited|modified|created|last|first|date|time|on|at|hrs"
)
_TIME_ZONE = r"(?:[ecmp][sd]?t|gmt|utc|bst|cet|cest|kst|jst|ist|aest|aedt)(?:[+-]\d{1,2})?"
STAMP_TOKEN = re.compile(
    r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d{2}-\d{2}"  # 10/25/11, 2013-04-12
    r"|\d{1,2}:\d{2}(?::\d{2})?(?:[ap]m)?"  # 5:50, 3:47pm
    r"|\d{1,4}(?:st|nd|rd|th)?"  # 3rd, 2013
    rf"|[ap]m|{_TIME_ZONE}|(?:{_STAMP_WORDS})\.?:?|-",
    re.IGNORECASE,
)
STAMP_SEPARATORS = re.compile(r"[\s,|@·•–—]+")
STAMP_EVIDENCE = re.compile(
    r"\d:\d\d|\d[/.]\d{1,2}[/.]\d\d|\d{4}-\d\d-\d\d"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Paragraph:
    """Clean text of one paragraph; `offsets[i]` is the raw-file offset of `text[i]`."""

    text: str
    offsets: tuple[int, ...]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw-file span covering clean characters `start:end` (end exclusive)."""
        return self.offsets[start], self.offsets[end - 1] + 1

    def without(self, spans: list[tuple[int, int]]) -> Paragraph:
        """This paragraph with the characters in `spans` removed, offsets kept for the rest."""
        drop: set[int] = set()
        for start, end in spans:
            drop.update(range(start, end))
        keep = [i for i in range(len(self.text)) if i not in drop]
        return Paragraph("".join(self.text[i] for i in keep), tuple(self.offsets[i] for i in keep))


# Markdown syntax around text that should be read as prose: (pattern, groups whose text stays).
MARKDOWN_MARKUP: tuple[tuple[re.Pattern[str], tuple[int, ...]], ...] = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ()),  # images, alt text and all
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), (1,)),  # links keep their text
    (re.compile(r"<[^>\n]+>"), ()),  # inline HTML tags
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), (2,)),  # strong
    (re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])"), (2,)),  # emphasis
    (re.compile(r"`([^`]+)`"), (1,)),  # inline code
    (re.compile(r"^(?:#{1,6}|>|[-*+]|\d+[.)])\s+"), ()),  # heading, quote or list marker
)


def clean_paragraphs(raw: str, body_start: int = 0, *, markdown: bool = False) -> list[Paragraph]:
    """Paragraphs of article text with line breaks repaired and site chrome removed; with
    `markdown`, Markdown syntax is removed too (a link keeps its text, an image goes)."""
    paragraphs = _paragraphs(raw, body_start)
    if markdown:
        paragraphs = [strip_markdown(p) for p in paragraphs]
    return [_without_trailing_stamp(p) for p in paragraphs if not is_chrome(p.text)]


def _without_trailing_stamp(paragraph: Paragraph) -> Paragraph:
    """A headline (no closing stop) without the page stamp a site glued to its end (TRAILING_STAMP)."""
    text = paragraph.text.rstrip()
    if not text or text[-1] in SENTENCE_END:
        return paragraph
    stamp = TRAILING_STAMP.search(text)
    if stamp is None or len(text) - stamp.start() > MAX_STAMP_CHARS or stamp.start() == 0:
        return paragraph
    return paragraph.without([(stamp.start(), len(paragraph.text))])


def strip_markdown(paragraph: Paragraph) -> Paragraph:
    for pattern, kept in MARKDOWN_MARKUP:
        spans: list[tuple[int, int]] = []
        for match in pattern.finditer(paragraph.text):
            cursor = match.start()
            for group in kept:
                spans.append((cursor, match.start(group)))
                cursor = match.end(group)
            spans.append((cursor, match.end()))
        if spans:
            paragraph = paragraph.without(spans)
    return paragraph


def is_chrome(paragraph: str) -> bool:
    """Whether a paragraph is site furniture rather than article text."""
    text = paragraph.strip(BULLETS)
    if not text:
        return True
    if CHROME_LINES.match(text) or CHROME_OPENINGS.match(text) or is_time_stamp(text):
        return True
    words = text.split()
    has_digit = any(ch.isdigit() for ch in text)
    return len(words) <= MAX_CHROME_WORDS and not has_digit and text[-1] not in SENTENCE_END


def is_time_stamp(line: str) -> bool:
    """Whether a line only says when the page was posted or updated ("Updated 9:06 AM ET")."""
    if len(line) > MAX_STAMP_CHARS or not STAMP_EVIDENCE.search(line):
        return False
    line = re.sub(r"\b([ap])\.\s?m\b\.?", r"\1m", line, flags=re.IGNORECASE)  # "p. m." is one token
    return all(STAMP_TOKEN.fullmatch(token) for token in STAMP_SEPARATORS.split(line.strip(" \t,|@·•–—")) if token)


def _paragraphs(raw: str, body_start: int) -> list[Paragraph]:
    lines = _lines(raw, body_start)
    paragraphs: list[Paragraph] = []
    chars: list[str] = []
    offsets: list[int] = []

    def flush() -> None:
        if chars:
            paragraphs.append(Paragraph("".join(chars), tuple(offsets)))
            chars.clear()
            offsets.clear()

    previous: tuple[int, str] | None = None
    for start, line in lines:
        stripped = line.strip()
        if not stripped:
            flush()
            previous = None
            continue
        lead = len(line) - len(line.lstrip())
        if previous is not None:
            joint = _joint(previous[1], stripped)
            if joint is None:
                flush()
            elif joint == " ":
                chars.append(" ")
                offsets.append(previous[0])  # the repaired line break stands for the space
            elif joint == "-":
                pass  # keep the hyphen already in the previous line
            else:  # joined inside a word: drop the hyphen if the previous line ended with one
                if chars and chars[-1] == "-":
                    chars.pop()
                    offsets.pop()
        text_start = start + lead
        chars.extend(stripped)
        offsets.extend(range(text_start, text_start + len(stripped)))
        previous = (text_start + len(stripped), stripped)
    flush()
    return paragraphs


def _lines(raw: str, body_start: int) -> list[tuple[int, str]]:
    """(offset, text) of each line after `body_start`, line endings removed."""
    result = []
    offset = body_start
    for line in raw[body_start:].splitlines(keepends=True):
        result.append((offset, line.rstrip("\r\n")))
        offset += len(line)
    return result


WORD_TAIL = re.compile(r"([A-Za-z]+)(-?)$")
WORD_HEAD = re.compile(r"^([a-z]+)")


def _joint(previous: str, following: str) -> str | None:
    """How two adjacent lines join: None (paragraph break), " " (same sentence), "" or "-" (one word)."""
    if previous[-1] in SENTENCE_END or not following[0].islower():
        return None
    tail = WORD_TAIL.search(previous)
    head = WORD_HEAD.match(following)
    if tail is None or head is None:
        return " "
    left, hyphen, right = tail.group(1), tail.group(2), head.group(1)
    if hyphen:
        # "co-" / "operate": drop the hyphen when the solid word is common, keep it otherwise.
        return "" if _zipf(left + right) >= MIN_JOINED_WORD_ZIPF else "-"
    joined = _zipf(left + right)
    if joined >= MIN_JOINED_WORD_ZIPF and joined > min(_zipf(left), _zipf(right)):
        return ""
    return " "


@lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    return float(zipf_frequency(word.lower(), "en"))
