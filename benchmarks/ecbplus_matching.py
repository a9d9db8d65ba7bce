"""Same-fact matching on ECB+ dev: pair precision, recall and F1, and cross-event merges.

The definition (issue "Same fact, learned"), kept here so every figure is comparable:

* All dev articles go in one run, in one folder (496 articles, 42 events of 21 topics), through
  crosscheck's own stages: ingest, claims, embeddings, candidates, pair model, grouping.
* A **gold pair** is two sentences of different articles, both on ECB+'s selected-sentence list
  (the corpus annotates coreference completely only there), sharing an ACTION or NEG_ACTION
  cross-document instance: they report the same event.
* A **predicted pair** is two such sentences (different articles) in one finding.
* **Precision** leaves out predicted pairs that share only a participant, place, time or thing
  (ECB+ cannot say whether they state one fact), as this benchmark always has; **strict
  precision** counts them as wrong. **Recall** is over all gold pairs.
* **Cross-event** pairs join sentences of the topic's two different events (another earthquake,
  another patch): never the same fact. Reported as a share of predicted pairs.
* **Candidate recall**: the share of gold pairs that reach the pair model as a candidate.
* **Same-fact reading** (`strict`): ECB+ links two sentences that mention one event however
  differently they use it ("the suspect fled the scene" / "woman killed in hit-and-run"). The
  stricter reading, which the pair model is trained on, asks for one event and at least one
  more instance in common (its participant, place, time or another event); pairs that share
  one instance only are left out of its precision and recall.

Topics 1, 5, 9, ... are the tune half (thresholds are chosen there), 3, 7, 11, ... the test half.
The shipped model was trained on every dev topic, so this script's figures for it are training
figures; `python training/train_pair_model.py` gives the held-out ones (topic cross-validation),
through the same `score` below.

    python benchmarks/ecbplus_matching.py [--data DIR] [--cache DIR]
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from crosscheck.cache import CachedEmbedder
from crosscheck.claims import extract_claims
from crosscheck.domain import Claim
from crosscheck.embed import Embedder, SentenceTransformerEmbedder, Vectors
from crosscheck.ingest import iter_articles
from crosscheck.match import Group, group_pairs
from crosscheck.pair_features import Candidates, candidate_pairs
from crosscheck.pair_model import PairModel
from crosscheck.settings import Settings

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ecbplus-dev"
LineKey = tuple[str, int]  # (document, line)
LinePair = tuple[LineKey, LineKey]  # sorted


@dataclass(frozen=True)
class Gold:
    selected: frozenset[LineKey]
    same_event: frozenset[LinePair]  # share an ACTION / NEG_ACTION instance
    any_link: frozenset[LinePair]  # share any instance
    event_of: dict[str, str]  # document -> subtopic (its event)
    mentions: dict[LineKey, frozenset[str]]  # cross-document instances a line mentions (all lines)
    # Each line's ACTION / NEG_ACTION mentions as (instance, the words ECB+ marks), to find the
    # event a sentence's main predicate states (training/train_pair_model.py, main_events).
    events: dict[LineKey, tuple[tuple[str, str], ...]] = field(default_factory=dict)

    def same_fact(self, pair: LinePair) -> bool:
        """The stricter reading the pair model is trained on: one event and at least one more
        instance in common (its participant, place, time or a second event), not one event
        mentioned in passing ("the suspect fled" / "woman killed in hit-and-run")."""
        shared = self.mentions.get(pair[0], frozenset()) & self.mentions.get(pair[1], frozenset())
        return len(shared) >= 2 and any(i[:3] in ("ACT", "NEG") for i in shared)

    def topic(self, doc: str) -> int:
        return topic_number(self.event_of[doc])


@dataclass(frozen=True)
class Scores:
    tp: int
    fp: int  # share no instance (cross-event pairs included)
    fp_participant: int  # share only a participant, place, time or thing
    cross_event: int  # predicted pairs joining the topic's two events (counted in fp)
    fn: int

    @property
    def predicted(self) -> int:
        return self.tp + self.fp + self.fp_participant

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def strict_precision(self) -> float:
        return _ratio(self.tp, self.predicted)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return _ratio(2 * p * r, p + r)

    @property
    def cross_event_share(self) -> float:
        return _ratio(self.cross_event, self.predicted)

    def __str__(self) -> str:
        return (
            f"P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f} | strict P {self.strict_precision:.3f} | "
            f"cross-event {self.cross_event_share:.3f} ({self.cross_event}/{self.predicted} predicted pairs)"
        )


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def topic_number(name: str) -> int:
    found = re.match(r"\d+", name)
    assert found is not None, name
    return int(found.group())


def is_tune_topic(topic: int) -> bool:
    """Half the dev topics (1, 5, 9, ...) for choosing thresholds; the rest (3, 7, ...) for testing."""
    return (topic // 2) % 2 == 0


def load_gold(data: Path) -> Gold:
    selected = set()
    for row in (data / "selected_sentences.tsv").read_text().splitlines()[1:]:
        doc, line = row.split("\t")[:2]
        selected.add((doc, int(line)))
    same_event, any_link = set(), set()
    for row in (data / "gold_pairs.jsonl").read_text().splitlines():
        record = json.loads(row)
        a, b = (record["doc_a"], record["line_a"]), (record["doc_b"], record["line_b"])
        key = (min(a, b), max(a, b))
        any_link.add(key)
        if record["instance"][:3] in ("ACT", "NEG"):
            same_event.add(key)
    event_of = {p.stem: p.parent.name for p in data.glob("*/*.txt")}
    mentions: dict[LineKey, set[str]] = defaultdict(set)
    events: dict[LineKey, list[tuple[str, str]]] = defaultdict(list)
    for row in (data / "mentions.tsv").read_text().splitlines()[1:]:
        _, instance, mention_type, doc, line, _, words = row.split("\t")
        mentions[(doc, int(line))].add(instance)
        if mention_type.startswith(("ACTION", "NEG_ACTION")):
            events[(doc, int(line))].append((instance, words))
    frozen = {key: frozenset(value) for key, value in mentions.items()}
    return Gold(
        frozenset(selected),
        frozenset(same_event),
        frozenset(any_link),
        event_of,
        frozen,
        {key: tuple(value) for key, value in events.items()},
    )


def load_run(data: Path) -> list[Claim]:
    """The claims of every dev article, as one crosscheck run over the whole folder."""
    articles = [a for a in iter_articles(data, skip_invalid=True) if not isinstance(a, Exception)]
    return [c for c in extract_claims(articles) if "/" in c.source]  # licence files at the top are no articles


def line_key(claim: Claim) -> LineKey:
    return (Path(claim.source).stem, claim.line)


def predicted_pairs(claims: Sequence[Claim], groups: Iterable[Group], gold: Gold) -> set[LinePair]:
    """Pairs of selected sentences of different articles that share a finding."""
    found: set[LinePair] = set()
    for group in groups:
        keys = sorted({line_key(claims[k]) for k in group.members} & gold.selected)
        for a, b in itertools.combinations(keys, 2):
            if a[0] != b[0]:
                found.add((a, b))
    return found


def gold_pairs(claims: Sequence[Claim], gold: Gold) -> set[LinePair]:
    """Gold pairs whose two sentences are both among the run's claims."""
    present = {line_key(c) for c in claims}
    return {pair for pair in gold.same_event if pair[0] in present and pair[1] in present and _selected(pair, gold)}


def _selected(pair: LinePair, gold: Gold) -> bool:
    return pair[0] in gold.selected and pair[1] in gold.selected


def score(
    claims: Sequence[Claim],
    groups: Iterable[Group],
    gold: Gold,
    topics: Iterable[int] | None = None,
    *,
    strict: bool = False,
) -> Scores:
    """Scores over the pairs of the given topics (all topics when None). `strict` scores the
    same-fact reading (Gold.same_fact) instead: a pair that shares one event and nothing else
    is then left out of precision and recall alike, as a pair sharing only a participant is."""
    keep = set(topics) if topics is not None else None

    def counted(pair: LinePair) -> bool:
        return keep is None or gold.topic(pair[0][0]) in keep or gold.topic(pair[1][0]) in keep

    predicted = {p for p in predicted_pairs(claims, groups, gold) if counted(p)}
    positives = {p for p in gold_pairs(claims, gold) if counted(p) and (not strict or gold.same_fact(p))}
    tp = len(predicted & positives)
    wrong = predicted - positives
    participant = {p for p in wrong if p in gold.any_link}
    cross = sum(gold.event_of[a[0]] != gold.event_of[b[0]] for a, b in wrong)
    return Scores(tp, len(wrong) - len(participant), len(participant), cross, len(positives - predicted))


def candidate_recall(claims: Sequence[Claim], candidates: Candidates, gold: Gold) -> float:
    reached = {
        (min(line_key(claims[a]), line_key(claims[b])), max(line_key(claims[a]), line_key(claims[b])))
        for a, b in zip(candidates.i.tolist(), candidates.j.tolist(), strict=True)
    }
    positives = gold_pairs(claims, gold)
    return _ratio(len(positives & reached), len(positives))


def topics_of(gold: Gold) -> tuple[list[int], list[int]]:
    topics = sorted({topic_number(event) for event in gold.event_of.values()})
    return [t for t in topics if is_tune_topic(t)], [t for t in topics if not is_tune_topic(t)]


def embed(claims: Sequence[Claim], settings: Settings, cache: Path | None = None) -> tuple[Vectors, float]:
    """The claims' embeddings and the seconds they took; `cache` keeps them between runs."""
    started = time.perf_counter()
    embedder: Embedder = SentenceTransformerEmbedder(settings.model, batch_size=settings.batch_size)
    if cache is not None:
        embedder = CachedEmbedder(embedder, cache)
    vectors = embedder.encode([c.text for c in claims])
    return vectors, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the ecbplus-dev folder")
    parser.add_argument("--cache", type=Path, help="keep the claims' embeddings in this folder between runs")
    args = parser.parse_args()
    settings = Settings()
    gold = load_gold(args.data)
    claims = load_run(args.data)
    vectors, encode_seconds = embed(claims, settings, args.cache)
    started = time.perf_counter()
    candidates = candidate_pairs(claims, vectors)
    matching = group_pairs(claims, candidates, PairModel.load().probability(candidates.features), settings)
    match_seconds = time.perf_counter() - started
    tune, test = topics_of(gold)
    print(f"ECB+ dev, one run: {len(claims)} claims of {len({c.source for c in claims})} articles")
    print(
        f"candidates: {len(candidates)} pairs ({len(candidates) / len(claims):.0f} per claim), "
        f"candidate recall {candidate_recall(claims, candidates, gold):.3f}"
    )
    print(f"settings: match_probability={settings.match_probability}")
    for strict in (False, True):
        print("same-fact reading:" if strict else "ECB+ same-event pairs (the issue's definition):")
        print(f"  tune topics: {score(claims, matching.groups, gold, tune, strict=strict)}")
        print(f"  test topics: {score(claims, matching.groups, gold, test, strict=strict)}")
        print(f"  all dev:     {score(claims, matching.groups, gold, strict=strict)}")
    print("(the shipped model was trained on all dev topics: held-out figures come from training/train_pair_model.py)")
    print(
        f"time: encode {encode_seconds:.1f} s{' (from the cache)' if args.cache else ''}, "
        f"candidates + pair model + grouping {match_seconds:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
