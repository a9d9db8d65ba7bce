"""Match precision, recall and F1 of crosscheck's same-fact matching on ECB+ (dev split).

Each ECB+ subtopic (several outlets' articles on one event) is run through crosscheck's own
stages: ingest, claims, embeddings, candidate pairs, 1-to-1 selection, complete-linkage groups.
Two claims are predicted to state the same fact when they end up in one finding. Gold:

* positive: the two sentences contain mentions of the same event (an ECB+ ACTION or NEG
  cross-document instance);
* negative: the two sentences share no instance at all (no event, person, place, time);
* pairs that share only a person/place/time/thing are left out: same participant, maybe not
  the same fact, and ECB+ cannot tell.

Only sentences in ECB+'s selected-sentence list are scored, because the corpus annotates
coreference completely only there; matching itself sees every sentence of every article.

    python benchmarks/ecbplus_matching.py            # evaluate the current settings
    python benchmarks/ecbplus_matching.py --tune     # grid search on tune topics, report on test
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from crosscheck.claims import extract_claims
from crosscheck.domain import Claim
from crosscheck.embed import SentenceTransformerEmbedder
from crosscheck.ingest import iter_articles
from crosscheck.match import Pair, build_groups, candidate_pairs, select_matches
from crosscheck.settings import Settings

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ecbplus-dev"
GRID_COSINE_FLOOR = 0.30  # candidates below this never reached the best scores in the grid
LineKey = tuple[str, int]  # (document, line)


@dataclass
class Subtopic:
    name: str
    claims: list[Claim]
    pairs: list[Pair]  # candidates at GRID_COSINE_FLOOR


@dataclass(frozen=True)
class Scores:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __str__(self) -> str:
        return f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} (tp={self.tp} fp={self.fp} fn={self.fn})"


def load_gold(data: Path) -> tuple[set[LineKey], set[tuple[LineKey, LineKey]], set[tuple[LineKey, LineKey]]]:
    selected = set()
    for row in (data / "selected_sentences.tsv").read_text().splitlines()[1:]:
        doc, line = row.split("\t")[:2]
        selected.add((doc, int(line)))
    same_event, any_link = set(), set()
    for row in (data / "gold_pairs.jsonl").read_text().splitlines():
        record = json.loads(row)
        key = tuple(sorted([(record["doc_a"], record["line_a"]), (record["doc_b"], record["line_b"])]))
        any_link.add(key)
        if record["instance"][:3] in ("ACT", "NEG"):
            same_event.add(key)
    return selected, same_event, any_link  # type: ignore[return-value]


def prepare(data: Path, settings: Settings) -> tuple[list[Subtopic], float, int]:
    folders = sorted(p for p in data.iterdir() if p.is_dir())
    started = time.perf_counter()
    per_topic = []
    for folder in folders:
        articles = [a for a in iter_articles(folder) if not isinstance(a, Exception)]
        per_topic.append((folder.name, extract_claims(articles)))
    all_claims = [c for _, cs in per_topic for c in cs]
    vectors = SentenceTransformerEmbedder(settings.model).encode([c.text for c in all_claims])
    floor = replace(settings, candidate_similarity=min(GRID_COSINE_FLOOR, settings.candidate_similarity))
    subtopics, offset = [], 0
    for name, claims in per_topic:
        block = vectors[offset : offset + len(claims)]
        offset += len(claims)
        subtopics.append(Subtopic(name, claims, candidate_pairs(claims, block, floor)))
    return subtopics, time.perf_counter() - started, len(all_claims)


def predict(sub: Subtopic, settings: Settings) -> set[tuple[LineKey, LineKey]]:
    pairs = [p for p in sub.pairs if p.cosine >= settings.candidate_similarity]
    groups = build_groups(sub.claims, select_matches(pairs, sub.claims, settings))
    predicted = set()
    for group in groups:
        keys = [(Path(sub.claims[i].source).stem, sub.claims[i].line) for i in group.members]
        for a, b in itertools.combinations(keys, 2):
            if a[0] != b[0]:
                predicted.add(tuple(sorted([a, b])))
    return predicted  # type: ignore[return-value]


def score(subtopics: list[Subtopic], settings: Settings, gold: tuple) -> Scores:  # type: ignore[type-arg]
    selected, same_event, any_link = gold
    tp = fp = fn = 0
    for sub in subtopics:
        predicted = predict(sub, settings)
        lines = sorted({(Path(c.source).stem, c.line) for c in sub.claims} & selected)
        for a, b in itertools.combinations(lines, 2):
            if a[0] == b[0]:
                continue
            key = (a, b)
            positive = key in same_event
            if not positive and key in any_link:
                continue  # shares only a participant: ECB+ cannot say whether it is one fact
            hit = key in predicted
            tp += hit and positive
            fp += hit and not positive
            fn += positive and not hit
    return Scores(tp, fp, fn)


def topic_number(name: str) -> int:
    match = re.match(r"\d+", name)
    assert match is not None
    return int(match.group())


def is_tune_topic(name: str) -> bool:
    """Half the dev topics (1, 5, 9, ...) for choosing thresholds; the rest (3, 7, ...) for testing."""
    return (topic_number(name) // 2) % 2 == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="ecbplus-dev folder")
    parser.add_argument("--tune", action="store_true", help="grid-search thresholds on the tune topics")
    parser.add_argument("--min-precision", type=float, default=0.85,
                        help="precision the tuned operating point must reach on tune topics (default 0.85)")
    args = parser.parse_args()
    settings = Settings()
    gold = load_gold(args.data)
    subtopics, seconds, n_claims = prepare(args.data, settings)
    print(f"ECB+ dev: {len(subtopics)} subtopics, {n_claims} claims; "
          f"ingest+claims+embed+candidates {seconds:.1f} s = {n_claims / seconds:.0f} claims/s")
    tune = [s for s in subtopics if is_tune_topic(s.name)]
    test = [s for s in subtopics if not is_tune_topic(s.name)]
    if args.tune:
        results = []
        for floor in (0.3, 0.4, 0.5, 0.6):
            for weight in (0.0, 0.25, 0.5, 1.0):
                for threshold in np.arange(0.40, 1.4001, 0.02):
                    trial = replace(settings, lexical_weight=weight, min_match_score=round(float(threshold), 2),
                                    candidate_similarity=floor)
                    results.append((score(tune, trial, gold), trial))
        # The operating point: the best F1 among settings whose precision on the tune topics
        # reaches --min-precision. A false match is what turns into a false conflict.
        eligible = [r for r in results if r[0].precision >= args.min_precision] or results
        for weight in (0.0, 0.25, 0.5, 1.0):
            curve = [r for r in results if r[1].lexical_weight == weight and r[1].candidate_similarity == 0.3]
            print(f"lexical_weight={weight}: " + "  ".join(
                f"{t.min_match_score:.2f}:P{s.precision:.2f}/R{s.recall:.2f}" for s, t in curve[::5]))
            ok = [r for r in eligible if r[1].lexical_weight == weight]
            if ok:
                tuned, best = max(ok, key=lambda r: r[0].f1)
                print(f"  best floor={best.candidate_similarity} min_match_score={best.min_match_score}: tune {tuned} -> test {score(test, best, gold)}")
        settings = max(eligible, key=lambda r: r[0].f1)[1]
    started = time.perf_counter()
    print(f"settings: candidate_similarity={settings.candidate_similarity} "
          f"lexical_weight={settings.lexical_weight} min_match_score={settings.min_match_score}")
    print(f"tune topics: {score(tune, settings, gold)}")
    print(f"test topics: {score(test, settings, gold)}")
    print(f"all dev:     {score(subtopics, settings, gold)}")
    print(f"(scoring took {time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
