"""The cache: re-runs embed and parse only new claims, corruption is survived, what it returns is exact."""

from __future__ import annotations

import shutil
import sqlite3
import warnings
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

import numpy as np
import pytest

from crosscheck.cache import CACHE_FILE, CachedEmbedder, CachedNames, CacheWarning
from crosscheck.embed import SentenceTransformerEmbedder, Vectors
from crosscheck.names import SpacyNames, place, read_names
from crosscheck.pipeline import build_report
from crosscheck.report.jsonreport import render_json
from crosscheck.report.markdown import render_markdown
from crosscheck.settings import Settings
from tests.conftest import SEEDS, CountingNames


class Counting:
    """The real model, counting every text it is asked to embed."""

    def __init__(self, inner: SentenceTransformerEmbedder):
        self.inner = inner
        self.texts: list[str] = []

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def identity(self) -> str:
        return self.inner.identity

    def encode(self, texts: Sequence[str]) -> Vectors:
        self.texts.extend(texts)
        return self.inner.encode(texts)


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SEEDS, tmp_path / "seeds"))


def test_rerun_embeds_only_the_new_articles_claims(
    seeds_copy: Path, tmp_path: Path, embedder: SentenceTransformerEmbedder
) -> None:
    counting = Counting(embedder)
    cached = CachedEmbedder(counting, tmp_path / "cache")
    first = build_report(seeds_copy, embedder=cached)
    assert len(counting.texts) == len({c.text for c in first.claims})

    counting.texts.clear()
    build_report(seeds_copy, embedder=cached)
    assert counting.texts == []  # nothing new: every vector from disk

    new = "The ministers signed a joint statement on shipbuilding cooperation in Seoul on Monday.\n"
    (seeds_copy / "zz_new.txt").write_text(new, encoding="utf-8")
    third = build_report(seeds_copy, embedder=CachedEmbedder(counting, tmp_path / "cache"))
    new_claims = {c.text for c in third.claims if c.source.endswith("zz_new.txt")}
    assert new_claims and set(counting.texts) == new_claims


def test_cached_vectors_equal_fresh_ones_exactly(tmp_path: Path, embedder: SentenceTransformerEmbedder) -> None:
    texts = ["Seoul hosted the meeting on November 4.", "Nobody was hurt.", "Seoul hosted the meeting on November 4."]
    fresh = embedder.encode(texts)
    cached = CachedEmbedder(embedder, tmp_path)
    first = cached.encode(texts)
    again = CachedEmbedder(embedder, tmp_path).encode(texts)  # a new run: all from disk
    assert first.dtype == again.dtype == np.float32
    assert np.array_equal(first, again)
    assert np.array_equal(first, fresh)


def test_corrupt_cache_is_rebuilt_with_a_warning(tmp_path: Path, embedder: SentenceTransformerEmbedder) -> None:
    texts = ["The earthquake struck at 3 a.m.", "Two people died."]
    CachedEmbedder(embedder, tmp_path).encode(texts)
    (tmp_path / CACHE_FILE).write_bytes(b"not a database" * 1000)
    for suffix in ("-wal", "-shm"):
        Path(f"{tmp_path / CACHE_FILE}{suffix}").unlink(missing_ok=True)
    counting = Counting(embedder)
    with pytest.warns(CacheWarning, match="corrupt"):
        vectors = CachedEmbedder(counting, tmp_path).encode(texts)
    assert counting.texts == texts
    assert np.array_equal(vectors, embedder.encode(texts))
    counting.texts.clear()
    CachedEmbedder(counting, tmp_path).encode(texts)  # rebuilt: the next run reads it again
    assert counting.texts == []


def test_a_cache_of_another_layout_is_rebuilt_and_said_to_be_one(
    tmp_path: Path, embedder: SentenceTransformerEmbedder
) -> None:
    texts = ["The earthquake struck at 3 a.m."]
    CachedEmbedder(embedder, tmp_path).encode(texts)
    with closing(sqlite3.connect(tmp_path / CACHE_FILE)) as db, db:
        db.execute("UPDATE meta SET value = '1' WHERE key = 'schema'")  # as an older crosscheck wrote it
    counting = Counting(embedder)
    with pytest.warns(CacheWarning, match="written by another version of crosscheck"):
        CachedEmbedder(counting, tmp_path).encode(texts)
    assert counting.texts == texts


def test_a_damaged_entry_is_never_used(tmp_path: Path, embedder: SentenceTransformerEmbedder) -> None:
    """Reliability case 1: damage SQLite does not notice (a value's bytes changed in place) gives
    a miss and a recomputed, rewritten vector, never a wrong one."""
    texts = ["The earthquake struck at 3 a.m.", "Two people died."]
    CachedEmbedder(embedder, tmp_path).encode(texts)
    with sqlite3.connect(tmp_path / CACHE_FILE) as db:
        (blob,) = db.execute("SELECT vector FROM vectors LIMIT 1").fetchone()
        flipped = bytes([blob[0] ^ 0xFF]) + blob[1:]
        db.execute("UPDATE vectors SET vector = ? WHERE vector = ?", (flipped, blob))
    counting = Counting(embedder)
    with pytest.warns(CacheWarning, match="1 damaged entries"):
        vectors = CachedEmbedder(counting, tmp_path).encode(texts)
    assert len(counting.texts) == 1
    # Recomputed alone rather than in a batch of two: equal up to float32 rounding.
    assert np.allclose(vectors, embedder.encode(texts), atol=1e-6)
    counting.texts.clear()
    CachedEmbedder(counting, tmp_path).encode(texts)  # rewritten: read from disk again
    assert counting.texts == []


def test_randomly_damaged_pages_never_change_the_report(
    seeds_copy: Path, embedder: SentenceTransformerEmbedder
) -> None:
    """The reported repro: random bytes over pages 3-6 of the cache, then the same report."""
    settings = Settings()
    clean = render_json(build_report(seeds_copy, settings, embedder=embedder))
    cache = seeds_copy.parent / settings.cache_dir
    build_report(seeds_copy, settings)
    with sqlite3.connect(cache / CACHE_FILE) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray((cache / CACHE_FILE).read_bytes())
    noise = np.random.default_rng(1).integers(0, 256, 4 * 8192, dtype=np.uint8).tobytes()
    data[3 * 8192 : 7 * 8192] = noise[: max(0, min(len(data), 7 * 8192) - 3 * 8192)]
    (cache / CACHE_FILE).write_bytes(bytes(data))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CacheWarning)
        damaged = render_json(build_report(seeds_copy, settings))
    assert damaged == clean


def test_a_cache_folder_that_cannot_be_made_is_a_warning(
    seeds_copy: Path, embedder: SentenceTransformerEmbedder
) -> None:
    """Reliability case 7: the cache's place is a file, so no folder can be made there."""
    blocker = seeds_copy.parent / "blocker"
    blocker.write_text("not a folder")
    settings = Settings(cache_dir=str(blocker / "cache"))
    with pytest.warns(CacheWarning, match="unusable"):
        report = build_report(seeds_copy, settings)
    assert render_json(report) == render_json(build_report(seeds_copy, Settings(cache=False), embedder=embedder))


def test_another_model_never_reuses_vectors(tmp_path: Path, embedder: SentenceTransformerEmbedder) -> None:
    counting = Counting(embedder)
    CachedEmbedder(counting, tmp_path).encode(["A fact."])

    class Other(Counting):
        @property
        def identity(self) -> str:
            return "other-model"

    other = Other(embedder)
    CachedEmbedder(other, tmp_path).encode(["A fact."])
    assert other.texts == ["A fact."]


def test_reports_are_identical_with_and_without_cache(
    seeds_copy: Path, tmp_path: Path, embedder: SentenceTransformerEmbedder
) -> None:
    out = tmp_path / "reports"
    plain = build_report(seeds_copy, embedder=embedder)
    cold = build_report(seeds_copy, embedder=CachedEmbedder(embedder, tmp_path / "cache"))
    warm = build_report(seeds_copy, embedder=CachedEmbedder(embedder, tmp_path / "cache"))
    for report in (cold, warm):
        assert render_json(report, out) == render_json(plain, out)
        assert render_markdown(report, out) == render_markdown(plain, out)


def test_pipeline_default_cache_sits_beside_the_seeds(seeds_copy: Path) -> None:
    build_report(seeds_copy, Settings())
    assert (seeds_copy.parent / ".crosscheck-cache" / CACHE_FILE).is_file()


def test_no_cache_setting_leaves_no_cache(seeds_copy: Path) -> None:
    build_report(seeds_copy, Settings(cache=False))
    assert not (seeds_copy.parent / ".crosscheck-cache").exists()


def test_cli_no_cache_flag(seeds_copy: Path, tmp_path: Path) -> None:
    from crosscheck import cli

    assert cli.main(["report", str(seeds_copy), "--out", str(tmp_path / "out"), "--no-cache", "--quiet"]) == 0
    assert not (seeds_copy.parent / ".crosscheck-cache").exists()
    assert cli.main(["report", str(seeds_copy), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    assert (seeds_copy.parent / ".crosscheck-cache" / CACHE_FILE).is_file()


def test_rerun_reads_and_parses_only_the_new_claims(tmp_path: Path) -> None:
    texts = ["President Obama named Regina Benjamin surgeon general.", "Ahn will attend the meeting in Seoul."]
    counting = CountingNames()
    cached = CachedNames(counting, tmp_path)
    first = cached.find(texts), cached.parse(texts)
    assert counting.found == counting.parsed == texts

    counting.found.clear()
    counting.parsed.clear()
    again = CachedNames(counting, tmp_path)  # a new run: all from disk
    more = [*texts, "Hegseth arrived in Seoul on Monday."]
    names, syntaxes = again.find(more), again.parse(more)
    assert counting.found == counting.parsed == ["Hegseth arrived in Seoul on Monday."]
    assert (names[:2], syntaxes[:2]) == first
    # What the cache returns is what spaCy says, parses and the roles read from them included.
    assert [place(n, s) for n, s in zip(names, syntaxes, strict=True)] == read_names(more)


def test_another_name_reader_never_reuses_names(tmp_path: Path) -> None:
    CachedNames(SpacyNames(), tmp_path).find(["Ahn will attend the meeting in Seoul."])

    class Other(CountingNames):
        identity = "other-rules"

    other = Other()
    CachedNames(other, tmp_path).find(["Ahn will attend the meeting in Seoul."])
    assert other.found == ["Ahn will attend the meeting in Seoul."]


def test_reports_are_identical_with_and_without_the_names_cache(
    seeds_copy: Path, tmp_path: Path, embedder: SentenceTransformerEmbedder
) -> None:
    out = tmp_path / "reports"
    plain = build_report(seeds_copy, embedder=embedder, names=SpacyNames())
    for _ in ("cold", "warm"):
        report = build_report(seeds_copy, embedder=embedder, names=CachedNames(SpacyNames(), tmp_path / "cache"))
        assert render_json(report, out) == render_json(plain, out)
        assert render_markdown(report, out) == render_markdown(plain, out)


def test_a_cache_warning_is_said_once_per_run(seeds_copy: Path) -> None:
    """Reliability case 18: six stores (lookups and writes of three tables) used to say it six times."""
    blocker = seeds_copy.parent / "blocker"
    blocker.write_text("not a folder")
    said: list[str] = []
    build_report(seeds_copy, Settings(cache_dir=str(blocker / "cache")), warn=said.append)
    assert len(said) == 1 and "unusable" in said[0]


def test_a_killed_run_keeps_the_chunks_it_finished(
    tmp_path: Path, embedder: SentenceTransformerEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reliability case 9: embedding is stored chunk by chunk, so a run killed midway keeps
    what it finished and the next run embeds only the rest."""
    import crosscheck.cache as cache

    monkeypatch.setattr(cache, "STORE_CHUNK", 2)
    texts = [f"Claim number {k} of a long article." for k in range(5)]

    class Killed(Counting):
        def encode(self, batch: Sequence[str]) -> Vectors:
            if len(self.texts) >= 4:
                raise KeyboardInterrupt
            return super().encode(batch)

    with pytest.raises(KeyboardInterrupt):
        CachedEmbedder(Killed(embedder), tmp_path).encode(texts)
    counting = Counting(embedder)
    CachedEmbedder(counting, tmp_path).encode(texts)
    assert counting.texts == texts[4:]
