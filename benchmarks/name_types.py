"""How well names are found and typed (person / place / organization), on ECB+ gold mentions.

Gold: every mention in ecbplus-dev's mentions.tsv typed HUMAN_PART_PER (person), HUMAN_PART_ORG
(organization) or LOC_GEO (place) that is a proper name: after dropping leading lower-case
words ("in", "the") and a possessive, every word is capitalized (or a linking word like "of"),
and it is not a pronoun. Each is looked up in its sentence, and a typer is right when a name it
finds there overlaps the mention with the same type; a mention overlapped by no name is a miss.

Two typers are compared:
* spaCy en_core_web_sm 3.8.0 entities as labelled, and as crosscheck types them
  (src/crosscheck/names.py, name_type: a "person" named like an institution is an organization);
* heuristic: capitalized spans, typed by cue words (a title before it: person; "Inc", "Party",
  "Police"... in it: organization; "in/at/near/from" before it: place; else person).

    python benchmarks/name_types.py
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from crosscheck.names import ENTITY_TYPES, NameType, _nlp, name_key, name_type

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ecbplus-dev"
GOLD_TYPES = {
    "HUMAN_PART_PER": NameType.PERSON,
    "HUMAN_PART_ORG": NameType.ORGANIZATION,
    "LOC_GEO": NameType.PLACE,
}
PRONOUNS = frozenset("he she it they we i you his her its their him them".split())
LINKING = frozenset({"of", "the", "and", "de", "for"})
TITLE_CUES = frozenset(
    "mr mrs ms dr president minister secretary senator sen rep gov governor gen general judge mayor "
    "coach actor actress singer star chief officer spokesman spokeswoman".split()
)
ORG_CUES = frozenset(
    "inc corp co ltd company party police department ministry agency university council association "
    "bank group news times post court team army navy commission committee club institute".split()
)
PLACE_CUES = frozenset({"in", "at", "near", "from", "to"})
CAPITALIZED = re.compile(r"[A-Z][\w.'’-]*(?:\s+(?:(?:of|the|and|de)\s+)?[A-Z][\w.'’-]*)*")

Span = tuple[int, int, NameType]


def proper_name(mention: str) -> str | None:
    words = mention.split()
    while words and words[0][0].islower():
        words = words[1:]
    if not words or words[0].lower() in PRONOUNS:
        return None
    name = re.sub(r"\s*['’]s?$", "", " ".join(words)).rstrip("\"'’ .,")
    ok = all(w[0].isupper() or w in LINKING for w in name.split())
    return name if ok and name[0].isupper() else None


def gold_mentions(data: Path) -> list[tuple[str, int, int, NameType]]:
    """(sentence, start, end, type) of each proper-name mention, once per sentence and span."""
    lines: dict[str, list[str]] = {p.stem: p.read_text().splitlines() for p in data.glob("*/*.txt")}
    found = {}
    for row in (data / "mentions.tsv").read_text().splitlines()[1:]:
        _, _, mention_type, doc, line, _, mention = row.split("\t")
        kind = GOLD_TYPES.get(mention_type)
        name = proper_name(mention) if kind else None
        if kind is None or name is None:
            continue
        sentence = lines[doc][int(line) - 1]
        start = sentence.find(name)
        if start >= 0:
            found[(sentence, start)] = (sentence, start, start + len(name), kind)
    return sorted(found.values())


def spacy_spans(sentences: list[str], typed: Callable[[str, str], NameType | None]) -> dict[str, list[Span]]:
    """spaCy's entities, each typed by `typed(label, text)`."""
    result: dict[str, list[Span]] = {}
    for sentence, doc in zip(sentences, _nlp().pipe(sentences, batch_size=64), strict=True):
        spans = ((e.start_char, e.end_char, typed(e.label_, e.text)) for e in doc.ents)
        result[sentence] = [(start, end, kind) for start, end, kind in spans if kind is not None]
    return result


def as_labelled(label: str, text: str) -> NameType | None:
    return ENTITY_TYPES.get(label)


def as_crosscheck_types(label: str, text: str) -> NameType | None:
    """As crosscheck types it (names.name_type: "Wayne State" is no person)."""
    return name_type(label, name_key(text))


def heuristic_spans(sentences: list[str]) -> dict[str, list[Span]]:
    result: dict[str, list[Span]] = {}
    for sentence in sentences:
        spans: list[Span] = []
        for match in CAPITALIZED.finditer(sentence):
            words = match.group().split()
            before = re.findall(r"\w+", sentence[: match.start()].lower())[-1:]
            if words[0].lower() in TITLE_CUES:  # "President Obama": the title is a cue, not the name
                spans.append((match.start() + len(words[0]) + 1, match.end(), NameType.PERSON))
            elif any(w.lower().strip(".") in ORG_CUES for w in words):
                spans.append((match.start(), match.end(), NameType.ORGANIZATION))
            elif before and before[0] in TITLE_CUES:
                spans.append((match.start(), match.end(), NameType.PERSON))
            elif before and before[0] in PLACE_CUES:
                spans.append((match.start(), match.end(), NameType.PLACE))
            else:
                spans.append((match.start(), match.end(), NameType.PERSON))
        result[sentence] = spans
    return result


def score(gold: list[tuple[str, int, int, NameType]], predicted: dict[str, list[Span]]) -> str:
    right: Counter[NameType] = Counter()
    total: Counter[NameType] = Counter()
    found: Counter[NameType] = Counter()
    for sentence, start, end, kind in gold:
        total[kind] += 1
        overlapping = [t for s, e, t in predicted[sentence] if s < end and start < e]
        found[kind] += bool(overlapping)
        right[kind] += kind in overlapping
    per_type = ", ".join(
        f"{k.value} {right[k] / total[k]:.3f} (found {found[k] / total[k]:.3f}, n={total[k]})" for k in NameType
    )
    return f"typed right {sum(right.values()) / sum(total.values()):.3f}; {per_type}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="ecbplus-dev folder")
    args = parser.parse_args()
    gold = gold_mentions(args.data)
    sentences = sorted({g[0] for g in gold})
    print(f"ECB+ dev: {len(gold)} proper-name mentions in {len(sentences)} sentences")
    typers: tuple[tuple[str, Callable[[list[str]], dict[str, list[Span]]]], ...] = (
        ("spaCy sm as labelled", lambda sentences: spacy_spans(sentences, as_labelled)),
        ("crosscheck (spaCy sm, institutions retyped)", lambda sentences: spacy_spans(sentences, as_crosscheck_types)),
        ("heuristic", heuristic_spans),
    )
    for name, typer in typers:
        started = time.perf_counter()
        predicted = typer(sentences)
        print(f"{name}: {score(gold, predicted)} [{time.perf_counter() - started:.1f} s]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
