"""The embedder: verified offline weights, loaded once per process."""

from __future__ import annotations

from crosscheck.embed import SentenceTransformerEmbedder


def test_the_model_loads_once_per_process(embedder: SentenceTransformerEmbedder) -> None:
    again = SentenceTransformerEmbedder(batch_size=8)  # as a second run in one process builds it
    assert again._model is embedder._model
    assert again.encode(["The bridge reopened."]).tobytes() == embedder.encode(["The bridge reopened."]).tobytes()
