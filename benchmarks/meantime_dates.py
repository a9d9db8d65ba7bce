"""Accuracy of normalized DATE values on MEANTIME English, anchored on each document's creation time.

Gold: every TIMEX3 with type="DATE" that covers text (`token_anchor`s), except the document
creation time itself (functionInDocument="CREATION_TIME", or for the two files without one, the
dateline TIMEX3 in sentence 1, which then serves as the anchor). A prediction is right when its
value string equals the gold `value` exactly ("2008-W35", "2009-Q3", "PAST_REF").

Two settings, each printing accuracy (right / all gold expressions: an expression that is missed
or left unanswered counts as wrong), answered (share given any value) and precision on answered:

* span given: each normalizer gets the gold phrase, with its sentence's tense where it uses one;
* end to end (crosscheck only): `find_temporal` runs on the whole sentence; a gold expression
  counts as found when a found mention overlaps its characters, and is scored on that mention's
  value; unfound expressions count as wrong.

    python benchmarks/meantime_dates.py [--data ../shared/data/meantime-en] [--show-errors N]

dateparser and ctparse are run offline (neither downloads anything; dateparser is limited to
English so it loads no other language data).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import socket
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from crosscheck.names import SpacyNames
from crosscheck.temporal import WeekdayRule, find_temporal, normalize, tense_at

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "meantime-en"
DCT_FORMATS = ("%Y-%m-%d", "%d-%m-%Y")  # one file writes its DCT day-first ("03-02-2009")


@dataclass(frozen=True)
class Gold:
    doc: str
    anchor: dt.date
    phrase: str
    value: str
    sentence: str
    start: int  # character span of the phrase in `sentence`
    end: int


def load(folder: Path) -> list[Gold]:
    items: list[Gold] = []
    for path in sorted(folder.glob("intra-doc_annotation/*/*.xml")):
        items += _load_file(path)
    return items


def _load_file(path: Path) -> list[Gold]:
    root = ET.parse(path).getroot()
    tokens = {t.get("t_id", ""): t for t in root.iter("token")}
    sentences: dict[str, list[str]] = {}
    offsets: dict[str, tuple[str, int, int]] = {}
    for token_id, token in tokens.items():
        words = sentences.setdefault(token.get("sentence", ""), [])
        start = sum(len(w) + 1 for w in words)
        words.append(token.text or "")
        offsets[token_id] = (token.get("sentence", ""), start, start + len(token.text or ""))
    timexes = [t for t in root.iter("TIMEX3") if list(t.iter("token_anchor"))]
    dct = next((t for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"), None)
    if dct is None:  # two files: the dateline (sentence 1) carries the date instead
        dct = next(t for t in timexes if offsets[_ids(t)[0]][0] == "1")
    anchor = _parse_dct(dct.get("value", ""))
    items = []
    for timex in timexes:
        if timex is dct or timex.get("type") != "DATE":
            continue
        ids = _ids(timex)
        sentence_id, start, _ = offsets[ids[0]]
        end = offsets[ids[-1]][2]
        sentence = " ".join(sentences[sentence_id])
        items.append(Gold(path.stem, anchor, sentence[start:end], timex.get("value", ""), sentence, start, end))
    return items


def _ids(timex: ET.Element) -> list[str]:
    return [a.get("t_id", "") for a in timex.iter("token_anchor")]


def _parse_dct(value: str) -> dt.date:
    for fmt in DCT_FORMATS:
        try:
            return dt.datetime.strptime(value[:10], fmt).date()
        except ValueError:
            continue
    raise ValueError(f"unreadable creation time {value!r}")


# --- normalizers: phrase + anchor -> TimeML value or None --------------------------------------

Normalizer = Callable[[Gold], str | None]


def crosscheck_normalizer(rule: WeekdayRule) -> Normalizer:
    def run(gold: Gold) -> str | None:
        value = normalize(gold.phrase, gold.anchor, tense_at(gold.sentence, gold.start, gold.end), rule)
        return None if value is None else value.value

    return run


def dateparser_normalizer(prefer: str) -> Normalizer:
    from dateparser.date import DateDataParser  # benchmark-only dependency

    def run(gold: Gold) -> str | None:
        anchor = dt.datetime.combine(gold.anchor, dt.time(12))
        parser = DateDataParser(
            languages=["en"],
            settings={"RELATIVE_BASE": anchor, "PREFER_DATES_FROM": prefer, "RETURN_TIME_AS_PERIOD": True},
        )
        data = parser.get_date_data(gold.phrase)
        if data.date_obj is None:
            return None
        return _timeml(data.date_obj.date(), data.period or "day")

    return run


def ctparse_normalizer() -> Normalizer:
    from ctparse.ctparse import ctparse  # benchmark-only dependency
    from ctparse.types import Interval, Time

    def run(gold: Gold) -> str | None:
        parse = ctparse(gold.phrase, ts=dt.datetime.combine(gold.anchor, dt.time(12)), timeout=1)
        if parse is None:
            return None
        resolution: object = parse.resolution
        if isinstance(resolution, Interval):
            resolution = resolution.t_from
        if not isinstance(resolution, Time):
            return None
        if resolution.year is not None and resolution.month is not None and resolution.day is not None:
            return f"{resolution.year:04d}-{resolution.month:02d}-{resolution.day:02d}"
        if resolution.year is not None and resolution.month is not None:
            return f"{resolution.year:04d}-{resolution.month:02d}"
        return None

    return run


def with_fallback(first: Normalizer, second: Normalizer) -> Normalizer:
    """`second` answers what `first` leaves unanswered."""

    def run(gold: Gold) -> str | None:
        value = first(gold)
        return value if value is not None else second(gold)

    return run


def _timeml(day: dt.date, period: str) -> str:
    if period == "year":
        return f"{day.year:04d}"
    if period == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if period == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return day.isoformat()


# --- scoring --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    name: str
    right: int
    answered: int
    total: int
    seconds: float

    def row(self) -> str:
        accuracy, answered = self.right / self.total, self.answered / self.total
        precision = self.right / self.answered if self.answered else 0.0
        return (
            f"| {self.name} | {accuracy:.3f} ({self.right}/{self.total}) | {answered:.3f} | "
            f"{precision:.3f} | {self.seconds:.1f} s |"
        )


def score(name: str, golds: list[Gold], run: Normalizer, errors: list[tuple[Gold, str | None]]) -> Score:
    started = time.perf_counter()
    right = answered = 0
    for gold in golds:
        predicted = run(gold)
        answered += predicted is not None
        right += predicted == gold.value
        if predicted != gold.value:
            errors.append((gold, predicted))
    return Score(name, right, answered, len(golds), time.perf_counter() - started)


def end_to_end(golds: list[Gold], errors: list[tuple[Gold, str | None]], *, parse: bool = False) -> Score:
    """crosscheck's extractor on whole sentences: the gold span must be found, then valued right.
    With `parse`, tense comes from each sentence's parse, as in a report's compared claims."""
    started = time.perf_counter()
    right = answered = 0
    sentences = sorted({g.sentence for g in golds})
    syntaxes = dict(zip(sentences, SpacyNames().parse(sentences), strict=True)) if parse else {}
    cache: dict[tuple[str, dt.date], list[tuple[int, int, str]]] = {}
    for gold in golds:
        key = (gold.sentence, gold.anchor)
        if key not in cache:
            found = find_temporal(gold.sentence, gold.anchor, syntax=syntaxes.get(gold.sentence))
            cache[key] = [(m.start, m.end, m.value.value) for m in found]
        found = [v for s, e, v in cache[key] if s < gold.end and gold.start < e]
        answered += bool(found)
        right += bool(found) and found[0] == gold.value
        if not found or found[0] != gold.value:
            errors.append((gold, found[0] if found else None))
    name = "crosscheck end to end (extractor finds the span" + (", tense from the parse)" if parse else ")")
    return Score(name, right, answered, len(golds), time.perf_counter() - started)


def weekday_only(golds: list[Gold]) -> list[Gold]:
    return [
        g
        for g in golds
        if re.fullmatch(r"(?i)(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)", g.phrase)
    ]


def _refuse_network() -> None:
    """Any attempt by a library to reach the network fails loudly instead of passing unseen."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise RuntimeError("network access attempted during the benchmark")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the meantime-en folder")
    parser.add_argument("--show-errors", type=int, default=0, help="print this many of crosscheck's misses")
    parser.add_argument("--skip-ctparse", action="store_true", help="ctparse takes about a minute")
    args = parser.parse_args(argv)
    _refuse_network()
    golds = load(args.data)
    print(f"MEANTIME English: {len(golds)} DATE expressions in {len({g.doc for g in golds})} documents\n")
    print("| normalizer | accuracy | answered | precision on answered | time |")
    print("|---|---|---|---|---|")
    errors: list[tuple[Gold, str | None]] = []
    print(score("crosscheck (span given)", golds, crosscheck_normalizer(WeekdayRule.TENSE), errors).row())
    print(end_to_end(golds, []).row())
    print(end_to_end(golds, [], parse=True).row())
    fallback = with_fallback(crosscheck_normalizer(WeekdayRule.TENSE), dateparser_normalizer("current_period"))
    print(score("crosscheck, dateparser for what it leaves unanswered", golds, fallback, []).row())
    for prefer in ("past", "current_period", "future"):
        print(score(f"dateparser, PREFER_DATES_FROM={prefer}", golds, dateparser_normalizer(prefer), []).row())
    if not args.skip_ctparse:
        print(score("ctparse", golds, ctparse_normalizer(), []).row())
    weekdays = weekday_only(golds)
    print(f"\nBare weekdays ({len(weekdays)} expressions), by rule for which day a weekday names:\n")
    print("| rule | accuracy | answered | precision on answered | time |")
    print("|---|---|---|---|---|")
    for rule in WeekdayRule:
        print(score(f"crosscheck, weekday rule {rule.value}", weekdays, crosscheck_normalizer(rule), []).row())
    if args.show_errors:
        print(f"\ncrosscheck's misses (span given), first {args.show_errors}:")
        for gold, predicted in errors[: args.show_errors]:
            print(f"  {gold.anchor} {gold.phrase!r}: gold {gold.value}, got {predicted}")
    misses = Counter(re.sub(r"\d", "9", g.value) for g, _ in errors)
    print("\ncrosscheck's misses by gold value shape:", ", ".join(f"{k} {n}" for k, n in misses.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
