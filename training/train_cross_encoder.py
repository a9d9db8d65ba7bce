"""A cross-encoder cascade over the pair model: measured held out, not shipped (docs/pair-model.md).

    pip install -e '.[train]'
    python training/train_cross_encoder.py --encoders TUNE TEST --half tune --out runs/ce   # 35 min
    python training/train_cross_encoder.py --encoders TUNE TEST --half test --out runs/ce   # 40 min
    python training/train_cross_encoder.py --encoders TUNE TEST --evaluate runs/ce

The issue's option (a), as a cascade: the pair model decides the pairs it is sure of, and a
cross-encoder reads the two sentences together for the uncertain band (out-of-fold p in
[SCORE_LOW, SCORE_HIGH)). The two halves run as two processes, one CPU thread each:

- `--half tune` trains on the tune topics' labelled pairs of the training band (p in
  [TRAIN_LOW, TRAIN_HIGH)) and scores the test topics' uncertain pairs; `--half test` the other
  way round. Each writes the other half's scores (HALF.npz) and its weights (HALF.safetensors).
- `--evaluate` fits the combiner, a logistic regression over the pair model's logit and the
  cross-encoder's, on the tune topics' labelled band pairs (scored by the cross-encoder trained on
  the test topics), and prints average precision and grouping at each threshold for both halves.
  The tune rule picks the threshold; the test topics' figures are held out for every part.

The model: all-MiniLM-L6-v2's transformer reading "[CLS] a [SEP] b [SEP]", mean-pooled, a linear
head; LoRA adapters as in train_encoder.py (rank 16, query, value and feed-forward input of all six
layers) and the head are trained, BCE with positives weighted to balance, AdamW at 1e-3 with a 10 %
warm-up and linear decay, batch 16, EPOCHS epochs, seeded. A quarter of the same-fact pairs are
shown with one value changed and stay same-fact, as for the encoder. Pairs and candidates are
train_pair_model.py's, on the cross-fitted adapters' features.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import numpy.typing as npt
import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "training"), str(ROOT / "benchmarks")]

from ecbplus_matching import DEFAULT_DATA, Gold, load_gold, load_run, score, topics_of  # noqa: E402
from safetensors.numpy import save_file  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import average_precision_score  # noqa: E402
from train_encoder import VALUE_AUGMENT, change_a_value, warm_up_then_decay, with_adapters  # noqa: E402
from train_pair_model import SEED, cross_fitted_vectors, labels, out_of_fold  # noqa: E402

from crosscheck.domain import Claim  # noqa: E402
from crosscheck.embed import BASE_MODEL, resolve_model  # noqa: E402
from crosscheck.match import group_pairs  # noqa: E402
from crosscheck.pair_features import Candidates, candidate_pairs  # noqa: E402
from crosscheck.settings import Settings  # noqa: E402

TRAIN_LOW, TRAIN_HIGH = 0.05, 0.95  # the labelled pairs a cross-encoder learns from
SCORE_LOW, SCORE_HIGH = 0.10, 0.90  # the uncertain band it rescores
EPOCHS = 1.5
BATCH = 16
LEARNING_RATE = 1e-3
MAX_TOKENS = 160  # both sentences together
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


class CrossEncoder(torch.nn.Module):
    def __init__(self) -> None:
        super().__init__()
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(str(resolve_model(BASE_MODEL)), device="cpu", local_files_only=True)
        self.adapters = with_adapters(model)
        self.bert, self.tokenizer = model[0].auto_model, model[0].tokenizer
        self.head = torch.nn.Linear(self.bert.config.hidden_size, 1)

    def forward(self, first: list[str], second: list[str]) -> torch.Tensor:
        tokens = self.tokenizer(
            first, second, padding=True, truncation="longest_first", max_length=MAX_TOKENS, return_tensors="pt"
        )
        hidden = self.bert(**tokens).last_hidden_state
        mask = tokens["attention_mask"].unsqueeze(-1).float()
        logit: torch.Tensor = self.head((hidden * mask).sum(1) / mask.sum(1)).squeeze(-1)
        return logit

    def trained_weights(self) -> dict[str, npt.NDArray[np.float32]]:
        weights = {
            name + part: getattr(lora, part).detach().numpy() for name, lora in self.adapters.items() for part in "ab"
        }
        weights |= {f"head.{name}": value.detach().numpy() for name, value in self.head.state_dict().items()}
        return weights


def train(
    model: CrossEncoder, first: list[str], second: list[str], y: npt.NDArray[np.int8], epochs: float = EPOCHS
) -> None:
    parameters = [p for lora in model.adapters.values() for p in (lora.a, lora.b)] + list(model.head.parameters())
    optimizer = torch.optim.AdamW(parameters, lr=LEARNING_RATE)
    steps = math.ceil(len(y) * epochs / BATCH)
    schedule = warm_up_then_decay(optimizer, steps)
    balance = torch.tensor(float((y == 0).sum() / max(1, (y == 1).sum())))
    model.train()
    started = time.perf_counter()
    for step in range(steps):
        batch = [(step * BATCH + k) % len(y) for k in range(BATCH)]
        logit = model([first[k] for k in batch], [second[k] for k in batch])
        target = torch.tensor(y[batch], dtype=torch.float32)
        loss = torch.nn.functional.binary_cross_entropy_with_logits(logit, target, pos_weight=balance)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        schedule.step()
        if step % 100 == 0:
            print(f"  step {step}/{steps}  loss {loss.item():.3f}  {time.perf_counter() - started:.0f} s", flush=True)


def rescore(
    model: CrossEncoder, claims: list[Claim], candidates: Candidates, rows: npt.NDArray[np.int64]
) -> npt.NDArray[np.float32]:
    """The cross-encoder's logit for each candidate row, in batches of similar length."""
    model.eval()
    logits = np.zeros(len(rows), np.float32)
    lengths = [
        len(claims[a].text) + len(claims[b].text) for a, b in zip(candidates.i[rows], candidates.j[rows], strict=True)
    ]
    order = np.argsort(lengths, kind="stable")
    started = time.perf_counter()
    with torch.no_grad():
        for start in range(0, len(order), 64):
            batch = order[start : start + 64]
            pairs = rows[batch]
            first = [claims[k].text for k in candidates.i[pairs]]
            second = [claims[k].text for k in candidates.j[pairs]]
            logits[batch] = model(first, second).numpy()
            if start % 12_800 == 0:
                print(f"  scored {start:,}/{len(rows):,}  {time.perf_counter() - started:.0f} s", flush=True)
    return logits


@dataclass(frozen=True)
class Dev:
    """ECB+ dev as one run: its claims, candidates, labels and out-of-fold pair-model probabilities."""

    claims: list[Claim]
    candidates: Candidates
    y: npt.NDArray[np.int8]
    topic: npt.NDArray[np.int64]
    probability: npt.NDArray[np.float64]
    gold: Gold

    @classmethod
    def load(cls, tune_adapter: Path, test_adapter: Path, cache: Path | None) -> Dev:
        gold = load_gold(DEFAULT_DATA)
        claims = load_run(DEFAULT_DATA)
        candidates = candidate_pairs(claims, cross_fitted_vectors(claims, gold, tune_adapter, test_adapter, cache))
        y, topic = labels(claims, candidates, gold)
        return cls(claims, candidates, y, topic, out_of_fold(candidates.features, y, topic), gold)

    def on_tune(self) -> npt.NDArray[np.bool_]:
        return np.isin(self.topic, topics_of(self.gold)[0])


def train_half(half: str, dev: Dev, out: Path) -> None:
    claims, candidates, y, probability = dev.claims, dev.candidates, dev.y, dev.probability
    mine = dev.on_tune() if half == "tune" else ~dev.on_tune()
    rng = np.random.default_rng(SEED)
    band = (probability >= TRAIN_LOW) & (probability < TRAIN_HIGH)
    rows = rng.permutation(np.flatnonzero(mine & band & (y >= 0)))
    print(f"training pairs: {len(rows):,} ({int((y[rows] == 1).sum()):,} same fact)")
    first = [claims[k].text for k in candidates.i[rows]]
    second = [claims[k].text for k in candidates.j[rows]]
    for n, row in enumerate(rows.tolist()):
        if rng.random() < 0.5:  # the order of the two sentences means nothing
            first[n], second[n] = second[n], first[n]
        if y[row] == 1 and rng.random() < VALUE_AUGMENT:
            second[n] = change_a_value(second[n], rng)
    model = CrossEncoder()
    train(model, first, second, y[rows])
    uncertain = np.flatnonzero(~mine & (probability >= SCORE_LOW) & (probability < SCORE_HIGH))
    print(f"scoring the other half's uncertain pairs: {len(uncertain):,}")
    np.savez(out / f"{half}.npz", rows=uncertain, logits=rescore(model, claims, candidates, uncertain))
    save_file(model.trained_weights(), str(out / f"{half}.safetensors"))


def evaluate(dev: Dev, out: Path) -> None:
    claims, candidates, y, probability, gold = dev.claims, dev.candidates, dev.y, dev.probability, dev.gold
    tune, test = topics_of(gold)
    cross = np.full(len(probability), np.nan)
    for trained_on in ("tune", "test"):
        scored = np.load(out / f"{trained_on}.npz")
        cross[scored["rows"]] = scored["logits"]
    band = ~np.isnan(cross)
    clipped = np.clip(probability, 1e-6, 1 - 1e-6)
    both = np.c_[np.log(clipped / (1 - clipped)), cross]
    on_tune = dev.on_tune()
    fitted = band & on_tune & (y >= 0)
    combiner = LogisticRegression().fit(both[fitted], y[fitted])
    print(f"combiner: {combiner.coef_[0].round(3).tolist()} (pair model, cross-encoder), {combiner.intercept_[0]:+.3f}")
    cascade = probability.copy()
    cascade[band] = combiner.predict_proba(both[band])[:, 1]
    for name, half in (("tune", on_tune), ("test", ~on_tune)):
        rows = band & half & (y >= 0)
        precision = [average_precision_score(y[rows], s[rows]) for s in (probability, cross, cascade)]
        print(
            f"{name} topics, labelled uncertain pairs: average precision pair model {precision[0]:.3f}, "
            f"cross-encoder {precision[1]:.3f}, cascade {precision[2]:.3f}"
        )
    for name, scores in (("pair model", probability), ("cascade", cascade)):
        for threshold in THRESHOLDS:
            matching = group_pairs(claims, candidates, scores, replace(Settings(), match_probability=threshold))
            a = score(claims, matching.groups, gold, tune, strict=True)
            b = score(claims, matching.groups, gold, test, strict=True)
            c = score(claims, matching.groups, gold, test)
            print(
                f"{name:10s} {threshold:.2f}  tune P {a.precision:.3f} R {a.recall:.3f} | test (same fact) P "
                f"{b.precision:.3f} R {b.recall:.3f} F1 {b.f1:.3f} | test (same event) F1 {c.f1:.3f} "
                f"cross-event {c.cross_event_share:.3f}",
                flush=True,
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--encoders", nargs=2, type=Path, required=True, metavar=("TUNE_ADAPTER", "TEST_ADAPTER"))
    parser.add_argument("--cache", type=Path, help="keep the claims' embeddings in this folder between runs")
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--half", choices=("tune", "test"), help="train on these topics, score the other half")
    what.add_argument("--evaluate", action="store_true", help="combine both halves' scores and print the figures")
    parser.add_argument("--out", type=Path, required=True, help="folder for the scores and weights")
    args = parser.parse_args()
    torch.manual_seed(SEED)
    torch.set_num_threads(1)  # measured faster than two on a shared 2-core machine
    dev = Dev.load(args.encoders[0], args.encoders[1], args.cache)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.half:
        train_half(args.half, dev, args.out)
    else:
        evaluate(dev, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
