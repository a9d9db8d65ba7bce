"""The embedder: verified offline weights, loaded once per process."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from crosscheck.adapter import (
    ADAPTER_PATH,
    ADAPTER_SHA256,
    SCALE,
    adapted_linear,
    bert_layers,
    load_adapter,
    tensor_name,
)
from crosscheck.embed import BASE_MODEL, BUNDLED_MODELS, SAME_FACT_MODEL, SentenceTransformerEmbedder
from crosscheck.errors import ModelError


def test_the_model_loads_once_per_process(embedder: SentenceTransformerEmbedder) -> None:
    again = SentenceTransformerEmbedder(batch_size=8)  # as a second run in one process builds it
    assert again._model is embedder._model
    assert again.encode(["The bridge reopened."]).tobytes() == embedder.encode(["The bridge reopened."]).tobytes()


def test_the_default_model_is_the_base_with_the_same_fact_adapter_merged(embedder: SentenceTransformerEmbedder) -> None:
    """The shipped adapter changes the vectors (it is really merged), keeps them unit length, and
    the cache key names both the base weights and the adapter's sha256."""
    plain = SentenceTransformerEmbedder(BASE_MODEL)
    texts = ["The Senate passed the bill 97-1.", "The final tally was 97-1."]
    tuned, base = embedder.encode(texts), plain.encode(texts)
    assert embedder.name == SAME_FACT_MODEL
    assert np.allclose(np.linalg.norm(tuned, axis=1), 1.0, atol=1e-5)
    assert not np.allclose(tuned, base, atol=1e-3)
    assert ADAPTER_SHA256 in embedder.identity and BUNDLED_MODELS[BASE_MODEL][1] in embedder.identity
    assert ADAPTER_SHA256 not in plain.identity


def test_merging_equals_the_low_rank_update_beside_the_frozen_map(embedder: SentenceTransformerEmbedder) -> None:
    """What training computes (x W^T + SCALE * x A^T B^T) is what the merged weight computes."""
    tensors = load_adapter()
    layer = bert_layers(SentenceTransformerEmbedder(BASE_MODEL)._model)[2]
    merged = adapted_linear(bert_layers(embedder._model)[2], "value")
    base = adapted_linear(layer, "value")
    a, b = tensors[tensor_name(2, "value", "a")], tensors[tensor_name(2, "value", "b")]
    x = torch.randn(4, base.in_features, generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        assert torch.allclose(merged(x), base(x) + SCALE * (x @ a.T @ b.T), atol=1e-4)


def test_a_damaged_or_missing_adapter_is_a_clear_model_error(tmp_path: Path) -> None:
    damaged = tmp_path / "adapter.safetensors"
    data = bytearray(ADAPTER_PATH.read_bytes())
    data[-1] ^= 0xFF
    damaged.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="sha256"):
        load_adapter(damaged)
    with pytest.raises(ModelError, match="missing"):
        load_adapter(tmp_path / "absent.safetensors")


def test_encode_forms_the_models_own_batches(embedder: SentenceTransformerEmbedder) -> None:
    """encode sends sentence-transformers the batches its own encode forms, so the vectors are its
    to the bit (the Ray engine ships these batches to its actors: crosscheck.distributed)."""
    texts = [f"{'Officials said ' * (k % 5)}the bridge reopened {k} hours after the storm." for k in range(40)]
    small = SentenceTransformerEmbedder(batch_size=8)
    model = embedder._model
    theirs = model.encode(texts, batch_size=8, normalize_embeddings=True, convert_to_numpy=True)
    assert [len(b) for b in small.batches(texts)] == [8] * 5
    assert np.array_equal(small.encode(texts), np.asarray(theirs, np.float32))
