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
GRID_FLOORS = (0.30, 0.40, 0.50, 0.55, 0.58, 0.60, 0.62, 0.65, 0.70)
GRID_WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0)
LineKey = tuple[str, int]  # (document, line)


@dataclass
class Run:
    """One crosscheck run: the articles of one ECB+ topic (or of one event, with --runs event)."""

    name: str
    claims: list[Claim]
    pairs: list[Pair]  # candidates at GRID_COSINE_FLOOR


@dataclass(frozen=True)
class Scores:
    tp: int  # predicted pairs that report the same event
    fp_story: int  # predicted pairs from one event's articles that share nothing
    fp_other: int  # predicted pairs across two different events of one topic
    pair_fn: int  # gold pairs not predicted
    aligned: int  # (sentence, other article) with a gold partner there, matched to one of them
    alignable: int  # (sentence, other article) with a gold partner there

    @property
    def precision(self) -> float:
        predicted = self.tp + self.fp_story + self.fp_other
        return self.tp / predicted if predicted else 0.0

    @property
    def recall(self) -> float:
        """Alignment recall: one statement matched to one statement is what a finding is."""
        return self.aligned / self.alignable if self.alignable else 0.0

    @property
    def pair_recall(self) -> float:
        return self.tp / (self.tp + self.pair_fn) if self.tp + self.pair_fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __str__(self) -> str:
        return (
            f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} pair-R={self.pair_recall:.3f} "
            f"(tp={self.tp} fp: same story {self.fp_story}, other event {self.fp_other}; "
            f"aligned {self.aligned}/{self.alignable})"
        )


@dataclass(frozen=True)
class Gold:
    selected: set[LineKey]
    same_event: set[tuple[LineKey, LineKey]]
    any_link: set[tuple[LineKey, LineKey]]
    event_of: dict[str, str]  # document -> subtopic (its event)


def load_gold(data: Path) -> Gold:
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
    event_of = {p.stem: p.parent.name for p in data.glob("*/*.txt")}
    return Gold(selected, same_event, any_link, event_of)  # type: ignore[arg-type]


def run_folders(data: Path, runs: str) -> dict[str, list[Path]]:
    """The subtopic folders of each run: a topic's two events together, or one event each."""
    grouped: dict[str, list[Path]] = defaultdict(list)
    for folder in sorted(p for p in data.iterdir() if p.is_dir()):
        grouped[str(topic_number(folder.name)) if runs == "topic" else folder.name].append(folder)
    return grouped


def prepare(data: Path, settings: Settings, runs: str, backend: str = "torch") -> tuple[list[Run], float, int]:
    grouped = run_folders(data, runs)
    started = time.perf_counter()
    per_run = []
    for name, folders in sorted(grouped.items()):
        articles = [a for f in folders for a in iter_articles(f) if not isinstance(a, Exception)]
        per_run.append((name, extract_claims(articles)))
    all_claims = [c for _, cs in per_run for c in cs]
    vectors = SentenceTransformerEmbedder(settings.model, backend=backend).encode([c.text for c in all_claims])
    floor = replace(settings, candidate_similarity=min(GRID_COSINE_FLOOR, settings.candidate_similarity))
    result, offset = [], 0
    for name, claims in per_run:
        block = vectors[offset : offset + len(claims)]
        offset += len(claims)
        result.append(Run(name, claims, candidate_pairs(claims, block, floor)))
    return result, time.perf_counter() - started, len(all_claims)


def time_end_to_end(data: Path, settings: Settings, runs: str, backend: str = "torch") -> None:
    """Every stage of a report, per run, as `crosscheck report` does it (model loaded once)."""
    from crosscheck.domain import Report
    from crosscheck.label import label_groups
    from crosscheck.match import group_claims
    from crosscheck.report_json import render_json
    from crosscheck.report_markdown import render_markdown

    embedder = SentenceTransformerEmbedder(settings.model, backend=backend)
    embedder.encode(["warm-up"])  # loading the model is a one-off, not per-claim cost
    grouped = run_folders(data, runs)
    stages: dict[str, float] = defaultdict(float)
    n_claims = 0

    def timed(stage: str, started: float) -> float:
        now = time.perf_counter()
        stages[stage] += now - started
        return now

    for _, folders in sorted(grouped.items()):
        t = time.perf_counter()
        articles = [a for f in folders for a in iter_articles(f) if not isinstance(a, Exception)]
        claims = extract_claims(articles)
        t = timed("read, clean, segment", t)
        vectors = embedder.encode([c.text for c in claims])
        t = timed("embed", t)
        groups = group_claims(claims, vectors, settings)
        t = timed("match", t)
        findings = label_groups(groups, claims)
        t = timed("label", t)
        report = Report(tuple(a.source for a in articles), tuple(claims), tuple(findings), settings.as_dict())
        render_markdown(report)
        render_json(report)
        timed("render", t)
        n_claims += len(claims)
    total = sum(stages.values())
    breakdown = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in stages.items())
    print(f"end to end: {n_claims} claims in {total:.1f} s = {n_claims / total:.0f} claims/s ({breakdown})")


def predict(run: Run, settings: Settings) -> set[tuple[LineKey, LineKey]]:
    pairs = [p for p in run.pairs if p.cosine >= settings.candidate_similarity]
    groups = build_groups(run.claims, select_matches(pairs, run.claims, settings))
    predicted = set()
    for group in groups:
        keys = [(Path(run.claims[i].source).stem, run.claims[i].line) for i in group.members]
        for a, b in itertools.combinations(keys, 2):
            if a[0] != b[0]:
                predicted.add(tuple(sorted([a, b])))
    return predicted  # type: ignore[return-value]


def score(runs: list[Run], settings: Settings, gold: Gold) -> Scores:
    tp = fp_story = fp_other = pair_fn = aligned = alignable = 0
    for run in runs:
        predicted = predict(run, settings)
        lines = sorted({(Path(c.source).stem, c.line) for c in run.claims} & gold.selected)
        partners: dict[tuple[LineKey, str], set[LineKey]] = defaultdict(set)
        matched: dict[tuple[LineKey, str], set[LineKey]] = defaultdict(set)
        for a, b in itertools.combinations(lines, 2):
            if a[0] == b[0]:
                continue
            key = (a, b)
            hit = key in predicted
            if gold.event_of[a[0]] != gold.event_of[b[0]]:
                fp_other += hit  # two different events: never the same fact
                continue
            positive = key in gold.same_event
            if not positive and key in gold.any_link:
                continue  # shares only a participant: ECB+ cannot say whether it is one fact
            tp += hit and positive
            fp_story += hit and not positive
            pair_fn += positive and not hit
            if positive:
                partners[(a, b[0])].add(b)
                partners[(b, a[0])].add(a)
            if hit:
                matched[(a, b[0])].add(b)
                matched[(b, a[0])].add(a)
        alignable += len(partners)
        aligned += sum(bool(matched[k] & v) for k, v in partners.items())
    return Scores(tp, fp_story, fp_other, pair_fn, aligned, alignable)


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
    parser.add_argument(
        "--runs",
        choices=("topic", "event"),
        default="topic",
        help="one run per ECB+ topic, mixing its two events (default), or per event",
    )
    parser.add_argument(
        "--backend", choices=("torch", "onnx", "onnx-int8"), default="torch", help="embedding backend (default torch)"
    )
    parser.add_argument("--no-timing", action="store_true", help="skip the end-to-end timing pass")
    parser.add_argument("--tune", action="store_true", help="grid-search thresholds on the tune topics")
    parser.add_argument(
        "--min-precision",
        type=float,
        default=0.85,
        help="precision the tuned operating point must reach on tune topics (default 0.85)",
    )
    args = parser.parse_args()
    settings = Settings()
    gold = load_gold(args.data)
    subtopics, seconds, n_claims = prepare(args.data, settings, args.runs, args.backend)
    print(
        f"ECB+ dev: {len(subtopics)} runs ({args.runs}), {n_claims} claims, backend {args.backend}; "
        f"ingest+claims+embed+candidates {seconds:.1f} s = {n_claims / seconds:.0f} claims/s"
    )
    tune = [s for s in subtopics if is_tune_topic(s.name)]
    test = [s for s in subtopics if not is_tune_topic(s.name)]
    if args.tune:
        results = []
        for floor in GRID_FLOORS:
            for weight in GRID_WEIGHTS:
                for threshold in np.arange(0.40, 1.4001, 0.02):
                    trial = replace(
                        settings,
                        lexical_weight=weight,
                        min_match_score=round(float(threshold), 2),
                        candidate_similarity=floor,
                    )
                    results.append((score(tune, trial, gold), trial))
        # The operating point: the best F1 (pair precision x alignment recall) on the tune topics
        # among settings whose precision there reaches --min-precision: a false match is what
        # becomes a false "agreeing" or a false conflict in front of a reviewer.
        eligible = [r for r in results if r[0].precision >= args.min_precision] or results
        for weight in GRID_WEIGHTS:
            curve = [r for r in results if r[1].lexical_weight == weight and r[1].candidate_similarity == 0.3]
            print(
                f"lexical_weight={weight}: "
                + "  ".join(f"{t.min_match_score:.2f}:P{s.precision:.2f}/R{s.recall:.2f}" for s, t in curve[::5])
            )
            ok = [r for r in eligible if r[1].lexical_weight == weight]
            if ok:
                tuned, best = max(ok, key=lambda r: r[0].f1)
                print(f"  best floor={best.candidate_similarity} min_match_score={best.min_match_score}:")
                print(f"    tune {tuned}\n    test {score(test, best, gold)}")
        settings = max(eligible, key=lambda r: r[0].f1)[1]
    started = time.perf_counter()
    print(
        f"settings: candidate_similarity={settings.candidate_similarity} "
        f"lexical_weight={settings.lexical_weight} min_match_score={settings.min_match_score}"
    )
    print(f"tune topics: {score(tune, settings, gold)}")
    print(f"test topics: {score(test, settings, gold)}")
    print(f"all dev:     {score(subtopics, settings, gold)}")
    print(f"(scoring took {time.perf_counter() - started:.1f} s)")
    if not args.no_timing:
        time_end_to_end(args.data, settings, args.runs, args.backend)
    return 0


if __name__ == "__main__":
    sys.exit(main())
