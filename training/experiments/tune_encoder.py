"""Experiment (not shipped): does a bi-encoder tuned for "same fact" rank candidate pairs better?

The issue's option (c). all-MiniLM-L6-v2 (the shipped weights) gets LoRA adapters on the query,
value and feed-forward input layers of its six layers (rank 16, alpha 32; 331,776 parameters),
trained with the CoSENT loss on candidate pairs of the *tune* topics only (labels as in
training/train_pair_model.py): every positive up to a third of the budget, half hard negatives
(pairs the pair model scores p >= 0.05 out of fold), the rest other negatives. One epoch, batch
32, AdamW at 1e-3 with a 10 % warm-up and linear decay, seeded, one CPU thread.

It prints the average precision, on the labelled candidate pairs of the held-out test topics, of
the plain cosine, of the shipped pair model's out-of-fold probability, and of the tuned cosine.
Measured (1 December, 15,000 pairs, 14-17 min): 0.364, 0.375 and 0.396. Not integrated yet:
shipping it well needs the encoder trained per fold so that the pair model's figures stay held out;
docs/pair-model.md says so.

    python training/experiments/tune_encoder.py [--pairs 15000] [--cache DIR]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "training"), str(ROOT / "benchmarks")]

from ecbplus_matching import DEFAULT_DATA, embed, load_gold, load_run, topics_of  # noqa: E402
from sklearn.metrics import average_precision_score  # noqa: E402
from train_pair_model import SEED, labels, out_of_fold  # noqa: E402

from crosscheck.embed import resolve_model  # noqa: E402
from crosscheck.pair_features import candidate_pairs  # noqa: E402
from crosscheck.settings import Settings  # noqa: E402

RANK = 16
TARGETS = ("query", "value", "intermediate")
BATCH = 32
LEARNING_RATE = 1e-3
COSENT_SCALE = 20.0
HARD_NEGATIVE = 0.05  # out-of-fold pair-model probability from which a negative counts as hard


class LoRA(torch.nn.Module):
    """A frozen linear layer plus a trainable low-rank update B·A (B starts at zero)."""

    def __init__(self, base: torch.nn.Linear, rank: int) -> None:
        super().__init__()
        self.base = base
        self.a = torch.nn.Parameter(torch.randn(rank, base.in_features) / math.sqrt(base.in_features))
        self.b = torch.nn.Parameter(torch.zeros(base.out_features, rank))
        self.scale = 2.0  # alpha / rank with alpha = 2 * rank

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.base(x) + (x @ self.a.T @ self.b.T) * self.scale


def with_adapters(model: torch.nn.Module) -> list[torch.nn.Parameter]:
    for parameter in model.parameters():
        parameter.requires_grad = False
    for layer in model[0].auto_model.encoder.layer:  # type: ignore[index]
        for target in TARGETS:
            holder = layer.intermediate if target == "intermediate" else layer.attention.self
            name = "dense" if target == "intermediate" else target
            setattr(holder, name, LoRA(getattr(holder, name), RANK))
    return [p for p in model.parameters() if p.requires_grad]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=15_000, help="training pairs (default 15,000)")
    parser.add_argument("--cache", type=Path, help="keep the claims' embeddings in this folder between runs")
    args = parser.parse_args()
    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    rng = np.random.default_rng(SEED)
    gold = load_gold(DEFAULT_DATA)
    claims = load_run(DEFAULT_DATA)
    vectors, _ = embed(claims, Settings(), args.cache)
    candidates = candidate_pairs(claims, vectors)
    y, topic = labels(claims, candidates, gold)
    probability = out_of_fold(candidates.features, y, topic)
    tune_topics, test_topics = topics_of(gold)
    tune, test = np.isin(topic, tune_topics), np.isin(topic, test_topics)

    positive = np.flatnonzero(tune & (y == 1))
    negative = np.flatnonzero(tune & (y == 0))
    hard, easy = negative[probability[negative] >= HARD_NEGATIVE], negative[probability[negative] < HARD_NEGATIVE]
    positive = rng.choice(positive, min(len(positive), args.pairs // 3), replace=False)
    hard = rng.choice(hard, min(len(hard), args.pairs // 2), replace=False)
    easy = rng.choice(easy, args.pairs - len(positive) - len(hard), replace=False)
    rows = rng.permutation(np.concatenate([positive, hard, easy]))
    print(f"training pairs: {len(rows)} ({len(positive)} same fact, {len(hard)} hard negatives)")

    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(resolve_model("all-MiniLM-L6-v2")), device="cpu", local_files_only=True)
    parameters = with_adapters(model)
    optimizer = torch.optim.AdamW(parameters, lr=LEARNING_RATE)
    steps = math.ceil(len(rows) / BATCH)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / (0.1 * steps)) * max(0.0, (steps - s) / steps)
    )

    def encode(texts: list[str]) -> torch.Tensor:
        return torch.nn.functional.normalize(model(model.tokenize(texts))["sentence_embedding"], dim=-1)

    model.train()
    started = time.perf_counter()
    for step in range(steps):
        batch = rows[step * BATCH : (step + 1) * BATCH]
        a = encode([claims[k].text for k in candidates.i[batch]])
        b = encode([claims[k].text for k in candidates.j[batch]])
        cosine = (a * b).sum(-1) * COSENT_SCALE
        label = torch.tensor(y[batch], dtype=torch.float32)
        # CoSENT: every (negative, positive) pair of the batch should rank the positive higher.
        ordered = (cosine[:, None] - cosine[None, :])[label[:, None] < label[None, :]]
        loss = torch.logsumexp(torch.cat([torch.zeros(1), ordered]), 0)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        schedule.step()
        if step % 50 == 0:
            print(f"  step {step}/{steps}  loss {loss.item():.3f}  {time.perf_counter() - started:.0f} s", flush=True)

    model.eval()
    used = np.flatnonzero(test & (y >= 0))
    needed = np.unique(np.concatenate([candidates.i[used], candidates.j[used]]))
    with torch.no_grad():
        tuned = model.encode([claims[k].text for k in needed], batch_size=128, normalize_embeddings=True)
    row = {k: n for n, k in enumerate(needed.tolist())}
    tuned_cosine = (tuned[[row[k] for k in candidates.i[used]]] * tuned[[row[k] for k in candidates.j[used]]]).sum(1)
    print("average precision on the test topics' labelled candidate pairs:")
    print(f"  cosine                   {average_precision_score(y[used], candidates.cosine[used]):.3f}")
    print(f"  pair model, out of fold  {average_precision_score(y[used], probability[used]):.3f}")
    print(f"  tuned cosine             {average_precision_score(y[used], tuned_cosine):.3f}")
    print(f"took {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
