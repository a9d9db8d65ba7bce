"""How crosscheck's time and memory grow with the corpus: 10 to 10,000 articles, stage by stage.

    python benchmarks/scale.py                      # sizes 10, 100, 1000 (+ warm re-run at 1000)
    python benchmarks/scale.py --sizes 10000        # the big one (long: see docs/evaluation.md)
    python benchmarks/scale.py --help-time          # `crosscheck --help` wall time
    python benchmarks/scale.py --sizes 2000 --wire  # the wire-copy corpus (dense duplicates)

Every size runs in its own subprocess, so its peak memory (ru_maxrss: torch included, which
tracemalloc cannot see) is its own. Per size it prints the wall time of each stage as
`build_report` runs them (ingest = find, decode, clean; segment = claims; embed through the
on-disk cache, cold; match; label, names through the same cache; render, every format: Markdown,
JSON, the HTML and its source pages), claims per second
end to end, peak RSS, and the time of a bare `model.encode` of the same claim texts in the same
process (the model already loaded, same batch size), so the overhead of everything else is a
ratio measured in one run.

The corpus. Articles are the 496 real ECB+ dev articles (../shared/data/ecbplus-dev: 42 events
in 21 topics, several outlets each). Up to 496, a size takes articles round-robin across
topics. Beyond that, article i is a copy of base article i mod 496, changed deterministically
(random.Random(i)) so that copies do not all match one another:
* about a quarter of its sentences dropped and the rest shuffled;
* every number replaced by another (3 -> 17), so copies conflict rather than agree;
* capitalised words after the first of a sentence (mostly names) swapped, with probability 1/2
  each, for capitalised words of an article from another topic;
* about a third of the sentences replaced by sentences of an article from another topic.
So a copy shares most facts with its base and some with other topics: many candidate pairs,
as in a real news day where outlets copy wire stories, without 20 identical twins per claim.

The wire-copy corpus (`--wire`): article i is real article (i // 8) mod 496 as site i mod 8
runs it (WIRE_SITES): the site's own first and last line (its boilerplate, the same in every
story it runs), and each sentence edited with probability 0.1 ("said" -> "says", or "Meanwhile, "
in front). So 2,000 articles are 250 stories, each printed by 8 sites, most sentences word for
word: dense duplicates. It prints how its findings came out (`wire_correctness`): the share of
sentences that all 8 copies print whose finding cites all 8, and findings joining two ECB+
topics (other events), the boilerplate aside.

`--warm` (on by default with 1,000) then adds one new article and re-runs every stage in the
same process with the cache warm, and prints that as a fraction of the cold run. Match and label
keep and reuse what they computed (crosscheck.incremental), as `build_report` does with the
cache on; `--no-incremental` re-matches and re-labels everything, as crosscheck did before. `--backend`
picks the embedding backend (torch, onnx, onnx-int8). Timings on a shared 2-core machine are
noisy (other jobs run beside it); the ratios, measured in one process, are the steadier figures.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ecbplus-dev"
SIZES = (10, 100, 1000)
DROP_SHARE = 0.25  # sentences dropped from a copy
MIX_SHARE = 0.33  # sentences replaced by another topic's
NAME_SWAP = 0.5  # chance a capitalised word is swapped for another topic's
# The wire corpus: each story republished by this many sites, each editing a few sentences.
WIRE_SITES = 8
WIRE_SITE_NAMES = (
    "Daily Ledger",
    "Metro Post",
    "City Herald",
    "Valley News",
    "Coast Times",
    "River Gazette",
    "Plains Courier",
    "Harbor Star",
)
WIRE_EDIT_SHARE = 0.1


def base_articles(data: Path) -> list[Path]:
    """Real articles, interleaved across topics so that any prefix spans many topics."""
    by_topic: dict[str, list[Path]] = defaultdict(list)
    for path in sorted(data.glob("*/*.txt")):
        by_topic[path.parent.name.rstrip("ecbplus").rstrip("ecb")].append(path)
    order: list[Path] = []
    queues = [sorted(v) for _, v in sorted(by_topic.items(), key=lambda kv: int(kv[0]))]
    while any(queues):
        for queue in queues:
            if queue:
                order.append(queue.pop(0))
    return order


def split(text: str) -> tuple[str, list[str]]:
    """Front matter (kept as is) and the body's lines (ECB+ articles hold one sentence a line)."""
    front = ""
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4) + 5
        front, text = text[:end], text[end:]
    return front, [line for line in text.splitlines() if line.strip()]


def topic_of(path: Path) -> str:
    return path.name.split("_")[0]


def perturbed(i: int, bases: list[Path], texts: dict[Path, str]) -> str:
    rng = random.Random(i)
    base = bases[i % len(bases)]
    front, lines = split(texts[base])
    others = [p for p in bases if topic_of(p) != topic_of(base)]
    donor = others[rng.randrange(len(others))]
    _, donor_lines = split(texts[donor])
    names = sorted({w for line in donor_lines for w in re.findall(r"(?<=\s)[A-Z][a-z]{2,}", line)}) or ["Smith"]
    kept = [line for line in lines if rng.random() >= DROP_SHARE] or lines[:1]
    rng.shuffle(kept)
    out = []
    for line in kept:
        if donor_lines and rng.random() < MIX_SHARE:
            line = donor_lines[rng.randrange(len(donor_lines))]
        line = re.sub(r"\d+", lambda m: str(rng.randrange(1, 100 if len(m.group()) < 3 else 3000)), line)
        line = re.sub(
            r"(?<=\s)[A-Z][a-z]{2,}",
            lambda m: names[rng.randrange(len(names))] if rng.random() < NAME_SWAP else m.group(),
            line,
        )
        out.append(line)
    return front + "\n".join(out) + "\n"


def wire_copy(i: int, bases: list[Path], texts: dict[Path, str]) -> str:
    """Article i of the wire corpus: story i // WIRE_SITES as site i % WIRE_SITES runs it."""
    rng = random.Random(i)
    site = WIRE_SITE_NAMES[i % WIRE_SITES]
    front, lines = split(texts[bases[(i // WIRE_SITES) % len(bases)]])
    out = [f"Filed to {site} by our wire service desk."]
    for line in lines:
        if rng.random() < WIRE_EDIT_SHARE:  # a site's own small edit: same fact, other words
            line = re.sub(r"\bsaid\b", "says", line, count=1) if " said" in line else "Meanwhile, " + line
        out.append(line)
    out.append(f"Read more news from {site} on our website and follow us for updates.")
    return front + "\n".join(out) + "\n"


def build_wire_corpus(size: int, folder: Path, data: Path) -> list[tuple[str, list[str]]]:
    """The wire-copy corpus; returns each story's ECB+ topic and file names."""
    bases = base_articles(data)
    texts = {p: p.read_text(encoding="utf-8") for p in bases}
    folder.mkdir(parents=True, exist_ok=True)
    stories: dict[int, list[str]] = defaultdict(list)
    for i in range(size):
        name = f"{i:05d}_{WIRE_SITE_NAMES[i % WIRE_SITES].lower().replace(' ', '-')}.txt"
        (folder / name).write_text(wire_copy(i, bases, texts), encoding="utf-8")
        stories[i // WIRE_SITES].append(name)
    return [(topic_of(bases[k % len(bases)]), names) for k, names in sorted(stories.items())]


def wire_correctness(report: Any, stories: list[tuple[str, list[str]]]) -> dict[str, float]:
    """How the wire corpus came out: of the sentences every copy of a story prints verbatim, the
    share whose finding cites every copy; and findings that join stories of two ECB+ topics
    (other events altogether), the sites' own boilerplate lines aside."""
    story_of = {name: k for k, (_, names) in enumerate(stories) for name in names}
    topic_of_story = [topic for topic, _ in stories]
    finding_of = {claim: f for f in report.findings for claim in f.claims}
    by_text: dict[tuple[int, str], set[str]] = defaultdict(set)
    for claim in report.claims:
        by_text[(story_of[claim.source], claim.text)].add(claim.id)
    shared = [ids for (story, _), ids in by_text.items() if len(ids) == len(stories[story][1]) > 1]
    whole = sum(
        1
        for ids in shared
        if len({finding_of[c].id for c in ids}) == 1 and set(finding_of[next(iter(ids))].claims) >= ids
    )
    boilerplate = ("Filed to ", "Read more news from ")
    mixed = sum(
        1
        for f in report.findings
        if len({topic_of_story[story_of[report.claim(c).source]] for c in f.claims}) > 1
        and not all(report.claim(c).text.startswith(boilerplate) for c in f.claims)
    )
    return {
        "shared_sentences": len(shared),
        "cited_by_all_copies": whole / max(len(shared), 1),
        "cross_topic_findings": mixed,
    }


def build_corpus(size: int, folder: Path, data: Path) -> None:
    bases = base_articles(data)
    texts = {p: p.read_text(encoding="utf-8") for p in bases}
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(size):
        base = bases[i % len(bases)]
        text = texts[base] if i < len(bases) else perturbed(i, bases, texts)
        (folder / f"{i:05d}_{base.stem}.txt").write_text(text, encoding="utf-8")


def run_stages(
    seeds: Path, embedder: object, names: object, settings: object, keep: Path | None = None, reuse: object = None
) -> tuple[dict[str, float], Any]:
    """`build_report`'s stages one by one, each timed; returns the times and the report.
    With `reuse` (crosscheck.incremental.Reuse), match and label reuse what earlier runs kept,
    as `build_report` does with the cache on."""
    from crosscheck import incremental
    from crosscheck.claims import extract_claims
    from crosscheck.domain import Report
    from crosscheck.label import label_groups
    from crosscheck.match import group_claims
    from crosscheck.pair_model import PairModel
    from crosscheck.pipeline import load_articles
    from crosscheck.report import render_report

    times: dict[str, float] = {}
    t = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal t
        now = time.perf_counter()
        times[stage] = now - t
        t = now

    articles = load_articles(seeds, settings)  # type: ignore[arg-type]
    lap("ingest")
    claims = extract_claims(articles)
    lap("segment")
    vectors = embedder.encode([c.text for c in claims])  # type: ignore[attr-defined]
    lap("embed")
    if keep is not None:  # real claim embeddings of a big corpus, for experiments
        import numpy as np

        sources = [c.source for c in claims]
        np.savez(keep, vectors=vectors, sources=np.array(sources))
        t = time.perf_counter()
    if reuse is None:
        matching = group_claims(claims, vectors, settings)  # type: ignore[arg-type]
        lap("match")
        findings = label_groups(matching, claims, names=names)  # type: ignore[arg-type]
    else:
        matching = incremental.group_claims(claims, vectors, settings, PairModel.load(), reuse)  # type: ignore[arg-type]
        lap("match")
        findings = incremental.label_groups(matching, claims, None, names, reuse)  # type: ignore[arg-type]
    lap("label")
    report = Report(tuple(a.source for a in articles), tuple(claims), tuple(findings), {})
    render_report(report, seeds.parent / "reports")  # every format: Markdown, JSON, HTML and its pages
    lap("render")
    return times, report


def measure(
    size: int,
    data: Path,
    backend: str,
    warm: bool,
    bare: bool,
    keep: Path | None,
    incremental: bool = True,
    wire: bool = False,
) -> dict[str, object]:
    """One size, in this process: corpus, cold stages, bare encode, optionally a warm re-run."""
    started = time.perf_counter()
    from onnx_backend import embedder_for

    from crosscheck.cache import CachedEmbedder, CachedNames
    from crosscheck.incremental import Reuse
    from crosscheck.names import SpacyNames
    from crosscheck.pair_model import PairModel
    from crosscheck.settings import Settings

    settings = Settings()
    work = Path(tempfile.mkdtemp(prefix=f"crosscheck-scale-{size}-"))
    try:
        seeds = work / "seeds"
        stories = build_wire_corpus(size, seeds, data) if wire else []
        if not wire:
            build_corpus(size, seeds, data)
        inner = embedder_for(backend, batch_size=settings.batch_size)
        inner.encode(["warm-up"])  # the model loads once per process; timed as "model load"
        model_load = time.perf_counter() - started
        cached = CachedEmbedder(inner, work / "cache")
        reuse = None
        if incremental:
            reuse = Reuse.at(work / "cache", cached.identity, SpacyNames.identity, PairModel.load().sha256)
        times, report = run_stages(seeds, cached, CachedNames(SpacyNames(), work / "cache"), settings, keep, reuse)
        texts = [c.text for c in report.claims]
        result: dict[str, object] = {
            "size": size,
            "corpus": "wire" if wire else "ecb+",
            "backend": backend,
            "claims": len(texts),
            "model_load": model_load,
            "stages": times,
            "cold": sum(times.values()),
        }
        if wire:
            result["wire"] = wire_correctness(report, stories)
        if bare:
            t = time.perf_counter()
            inner._model.encode(texts, batch_size=settings.batch_size, normalize_embeddings=True)
            result["bare_encode"] = time.perf_counter() - t
        if warm:
            extra = work / "extra"
            build_corpus(size + 1, extra, data)
            shutil.copy(sorted(extra.iterdir())[-1], seeds)
            warm_times, warm_report = run_stages(
                seeds,
                CachedEmbedder(inner, work / "cache"),
                CachedNames(SpacyNames(), work / "cache"),
                settings,
                reuse=reuse,
            )
            result["warm_stages"] = warm_times
            result["warm"] = sum(warm_times.values())
            result["warm_claims"] = len(warm_report.claims)
        result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        # spaCy's worker processes (names.PARALLEL_MIN_TEXTS): forked, so most of their RSS is
        # pages shared with this process; the largest one's peak is reported beside it.
        result["worker_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def help_time() -> float:
    exe = Path(sys.executable).with_name("crosscheck")
    best = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run([str(exe), "--help"], check=True, capture_output=True)
        best = min(best, time.perf_counter() - t)
    return best


def show(r: dict[str, object]) -> None:
    stages = r["stages"]
    assert isinstance(stages, dict)
    cold = float(r["cold"])  # type: ignore[arg-type]
    line = (
        f"{r['size']:>6} articles ({r.get('corpus', 'ecb+')}) {r['claims']:>7} claims [{r['backend']}]: "
        f"cold {cold:7.1f} s "
        f"({int(r['claims']) / cold:5.0f} claims/s; "  # type: ignore[call-overload]
        + ", ".join(f"{k} {v:.1f}" for k, v in stages.items())
        + f"); model load {float(r['model_load']):.1f} s; peak RSS {float(r['peak_rss_mb']):.0f} MB"  # type: ignore[arg-type]
        + f" (largest spaCy worker {float(r.get('worker_rss_mb', 0)):.0f} MB, mostly shared)"  # type: ignore[arg-type]
    )
    if "bare_encode" in r:
        bare = float(r["bare_encode"])  # type: ignore[arg-type]
        line += f"; bare encode {bare:.1f} s -> cold/bare {cold / bare:.2f}x"
    # The embed stage encodes each distinct claim text once, the bare encode every claim, so the
    # stages other than embedding are also given against the embed stage itself.
    rest = cold - float(stages["embed"])
    line += f"; all but embed {rest:.1f} s = {rest / float(stages['embed']):.0%} of the embed stage"
    print(line, flush=True)
    if "wire" in r:
        print(f"       wire copy: {r['wire']}", flush=True)
    if "warm" in r:
        warm = float(r["warm"])  # type: ignore[arg-type]
        ws = r["warm_stages"]
        assert isinstance(ws, dict)
        print(
            f"       warm re-run, one new article among {r['size']}: {warm:.1f} s = {warm / cold:.1%} of cold ("
            + ", ".join(f"{k} {v:.1f}" for k, v in ws.items())
            + ")",
            flush=True,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--backend", default="torch", choices=("torch", "onnx", "onnx-int8"))
    parser.add_argument("--no-bare", action="store_true", help="skip the bare model.encode")
    parser.add_argument("--warm-at", type=int, default=1000, help="size that also gets a warm re-run")
    parser.add_argument("--keep", type=Path, help="save each size's claim vectors as DIR/claims-SIZE.npz")
    parser.add_argument("--help-time", action="store_true", help="time `crosscheck --help` too")
    parser.add_argument(
        "--wire", action="store_true", help=f"the wire-copy corpus: each story run by {WIRE_SITES} sites"
    )
    parser.add_argument(
        "--no-incremental", action="store_true", help="match and label everything on every run (no reuse)"
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: measure one size, print JSON
    args = parser.parse_args()
    if args.one is not None:
        keep = args.keep / f"claims-{args.one}.npz" if args.keep else None
        warm = args.one == args.warm_at
        r = measure(args.one, args.data, args.backend, warm, not args.no_bare, keep, not args.no_incremental, args.wire)
        print("RESULT " + json.dumps(r), flush=True)
        return 0
    print(f"python {sys.version.split()[0]}, data {args.data}", flush=True)
    if args.help_time:
        print(f"crosscheck --help: {help_time():.2f} s (best of 5)", flush=True)
    results = []
    for size in args.sizes:
        cmd = [sys.executable, __file__, "--one", str(size), "--backend", args.backend, "--data", str(args.data)]
        cmd += ["--warm-at", str(args.warm_at)] + (["--no-bare"] if args.no_bare else [])
        cmd += ["--keep", str(args.keep)] if args.keep else []
        cmd += ["--no-incremental"] if args.no_incremental else []
        cmd += ["--wire"] if args.wire else []
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        r = json.loads(next(line for line in out.splitlines() if line.startswith("RESULT "))[7:])
        show(r)
        results.append(r)
    by_size = {int(r["size"]): float(r["cold"]) for r in results}
    if 1000 in by_size and 10000 in by_size:
        print(f"10,000 / 1,000 articles cold time: {by_size[10000] / by_size[1000]:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
