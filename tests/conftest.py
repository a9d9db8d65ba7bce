"""Shared fixtures: the real model, loaded once per test session."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from crosscheck.embed import SentenceTransformerEmbedder
from crosscheck.names import Name, SpacyNames
from crosscheck.syntax import Syntax

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="session")
def embedder() -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder()


# Writes {file name: text} into a fresh seeds folder and returns the folder.
WriteArticles = Callable[[Mapping[str, str | bytes]], Path]


@pytest.fixture
def write_articles(tmp_path: Path) -> WriteArticles:
    """Write {name: text} into a fresh seeds folder and return it."""

    def write(articles: Mapping[str, str | bytes]) -> Path:
        folder = tmp_path / "seeds"
        folder.mkdir(exist_ok=True)
        for name, text in articles.items():
            path = folder / name
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(text, encoding="utf-8")
        return folder

    return write


class CountingNames(SpacyNames):
    """spaCy's reader, recording which texts each pass reads."""

    def __init__(self) -> None:
        self.found: list[str] = []
        self.parsed: list[str] = []

    def find(self, texts: Sequence[str]) -> list[tuple[Name, ...]]:
        self.found.extend(texts)
        return super().find(texts)

    def parse(self, texts: Sequence[str]) -> list[Syntax]:
        self.parsed.extend(texts)
        return super().parse(texts)


class FixedVerifier:
    """An event verifier that says `p` for every pair and keeps what it was asked: for tests of
    what labelling does with its answer, not of the model."""

    def __init__(self, p: float) -> None:
        self.p = p
        self.asked: list[tuple[str, str]] = []

    def probability(self, pairs: Sequence[tuple[str, str]]) -> npt.NDArray[np.float64]:
        self.asked += pairs
        return np.full(len(pairs), self.p)
