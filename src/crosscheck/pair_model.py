"""The trained pair model: the probability that two candidate claims state the same fact.

A logistic regression over the standardized features of crosscheck.pair_features, trained on
ECB+ by training/train_pair_model.py (model card: docs/pair-model.md). It ships inside the
package as JSON, is checked against its sha256 before use, and needs nothing but numpy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from crosscheck.artifacts import read_verified
from crosscheck.errors import ModelError
from crosscheck.pair_features import FEATURES

MODEL_PATH = Path(__file__).parent / "models" / "pair_model.json"
# The shipped model's sha256; training/train_pair_model.py prints the new one after training.
WEIGHT_DECIMALS = 3
MODEL_SHA256 = "2189fb0772efc77a4949423afbbe73c0ef29d08ca845b60fc8e125277993b311"


@dataclass(frozen=True)
class PairModel:
    """p(same fact) = sigmoid(intercept + sum(coef * (x - mean) / scale)) over FEATURES."""

    features: tuple[str, ...]
    mean: npt.NDArray[np.float64]
    scale: npt.NDArray[np.float64]
    coef: npt.NDArray[np.float64]
    intercept: float
    sha256: str = ""

    @classmethod
    def load(cls, path: Path = MODEL_PATH, sha256: str | None = MODEL_SHA256) -> PairModel:
        """The model at `path`, verified against `sha256` (None skips the check: for training)."""
        data, digest = read_verified(path, sha256, "pair model")
        try:
            fields = json.loads(data)
            model = cls(
                tuple(fields["features"]),
                np.array(fields["mean"], np.float64),
                np.array(fields["scale"], np.float64),
                np.array(fields["coef"], np.float64),
                float(fields["intercept"]),
                digest,
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"pair model {path} cannot be read: {exc}") from exc
        if model.features != FEATURES or not (len(model.mean) == len(model.scale) == len(model.coef) == len(FEATURES)):
            raise ModelError(f"pair model {path} was trained on other features than this crosscheck computes")
        return model

    def probability(self, features: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        """p(same fact) for each row of a candidates x FEATURES matrix."""
        logits = ((features.astype(np.float64) - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-logits))

    def to_json(self) -> str:
        """Deterministic JSON: the same model gives the same bytes, and so the same sha256.

        Weights are written to WEIGHT_DECIMALS: embeddings computed in batches of other sizes (a
        cache filled by other runs) differ in the last float digits, which moved the weights by up
        to 2e-6 and changed the file; at 3 decimals the probabilities move by under 0.005."""
        fields = {
            "kind": "logistic-regression",
            "features": list(self.features),
            "mean": [round(float(v), 6) for v in self.mean],
            "scale": [round(float(v), 6) for v in self.scale],
            "coef": [round(float(v), WEIGHT_DECIMALS) for v in self.coef],
            "intercept": round(self.intercept, WEIGHT_DECIMALS),
        }
        return json.dumps(fields, indent=1) + "\n"
