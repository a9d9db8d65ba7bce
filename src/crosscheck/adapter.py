"""The same-fact adapter: a low-rank update of all-MiniLM-L6-v2, trained for "same fact", merged at load.

training/train_encoder.py trains it (LoRA, docs/pair-model.md): for six layers and three linear
maps each (attention query and value, the feed-forward input), two small matrices A (rank x in)
and B (out x rank). Merging adds SCALE * B @ A to each map's weight once, so the tuned encoder
costs exactly what the plain one does per claim.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from crosscheck.artifacts import read_verified
from crosscheck.errors import ModelError

if TYPE_CHECKING:
    import torch

RANK = 16
# alpha / rank with alpha = 2 * rank, the usual LoRA choice: the update's size does not depend on the rank.
SCALE = 2.0
# The maps adapted in every layer. Query and value (attention) and the feed-forward input were
# measured better together than query and value alone (the original LoRA recipe).
TARGETS = ("query", "value", "intermediate")
# Where each target sits inside a BERT layer of the sentence-transformers model.
TARGET_PATHS = {"query": "attention.self.query", "value": "attention.self.value", "intermediate": "intermediate.dense"}

ADAPTER_PATH = Path(__file__).parent / "models" / "same_fact_adapter.safetensors"
ADAPTER_SHA256 = "21aa314505e96d6fb64d68c6c03683cd16a2a355b696bdc73e1b75a45c6b94ac"


def adapted_linear(layer: torch.nn.Module, target: str) -> torch.nn.Linear:
    """The linear map `target` of one BERT layer of the sentence-transformers model."""
    import torch

    linear = layer.get_submodule(TARGET_PATHS[target])
    if not isinstance(linear, torch.nn.Linear):
        raise ModelError(f"the model's {target} map is not a linear layer: not the all-MiniLM-L6-v2 architecture")
    return linear


def tensor_name(layer: int, target: str, part: str) -> str:
    """How the adapter file names each matrix: layer number, map, and "a" or "b"."""
    return f"layer{layer}.{target}.{part}"


def bert_layers(model: torch.nn.Module) -> list[torch.nn.Module]:
    return list(model[0].auto_model.encoder.layer)  # type: ignore[index]


def load_adapter(path: Path = ADAPTER_PATH, sha256: str = ADAPTER_SHA256) -> dict[str, torch.Tensor]:
    """The adapter's matrices, after checking the file's sha256 (a damaged file is a ModelError)."""
    data, _ = read_verified(path, sha256, "same-fact adapter")
    from safetensors.torch import load

    return load(data)


def merge(model: torch.nn.Module, tensors: dict[str, torch.Tensor]) -> None:
    """Adds the adapter's update to the model's weights, in place."""
    import torch

    with torch.no_grad():
        for n, layer in enumerate(bert_layers(model)):
            for target in TARGETS:
                a, b = tensors[tensor_name(n, target, "a")], tensors[tensor_name(n, target, "b")]
                adapted_linear(layer, target).weight += SCALE * (b @ a)
