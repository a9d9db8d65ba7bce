"""The Ray engine on a real local Ray: the same report files as the local engine, byte for byte."""

from __future__ import annotations

import shutil
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from crosscheck import cli, distributed
from crosscheck.claims import extract_claims
from crosscheck.embed import SentenceTransformerEmbedder
from crosscheck.pipeline import load_articles
from crosscheck.settings import Settings
from tests.conftest import SEEDS

ECBPLUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus-dev"


@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[Any]:
    """A local Ray of two CPUs for this module's tests (the CLI joins it rather than start one)."""
    ray = pytest.importorskip("ray", reason="ray is not installed (pip install -e '.[ray]')")
    try:
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    except Exception as error:  # whatever stops Ray here (no /dev/shm, no ports): skip, saying why
        pytest.skip(f"Ray cannot start on this machine: {error}")
    yield ray
    ray.shutdown()


class Submitted:
    """Counts the functions crosscheck.distributed hands to ray.remote: proof the work went to Ray."""

    def __init__(self, ray: Any, monkeypatch: pytest.MonkeyPatch):
        self.names: list[str] = []
        remote = ray.remote

        def counted(*args: Any, **kwargs: Any) -> Any:
            if len(args) == 1 and callable(args[0]) and not kwargs:  # ray.remote(f); Ray Data passes options
                self.names.append(args[0].__name__)
            return remote(*args, **kwargs)

        monkeypatch.setattr(ray, "remote", counted)


def report_files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def both_engines(seeds: Path, out: Path, *flags: str) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """Every report file of a local run and of a Ray run of `seeds` (both exit 0)."""
    common = [str(seeds), "--quiet", *flags]
    assert cli.main(["report", *common, "--out", str(out / "local"), "--no-cache"]) == cli.EXIT_OK
    assert cli.main(["report", *common, "--out", str(out / "ray"), "--engine", "ray"]) == cli.EXIT_OK
    return report_files(out / "local"), report_files(out / "ray")


def test_seeds_report_is_byte_identical(ray_cluster: Any, tmp_path: Path) -> None:
    local, on_ray = both_engines(SEEDS, tmp_path, "--no-cache")
    assert {"consistency.md", "consistency.json", "consistency.html"} <= set(local)
    assert on_ray == local


@pytest.mark.skipif(not ECBPLUS.is_dir(), reason=f"ECB+ dev articles not found at {ECBPLUS}")
def test_forty_ecbplus_articles_are_byte_identical_and_run_on_ray(
    ray_cluster: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    # Four events' articles: several stories in one run, as candidate search must tell apart.
    for path in sorted(ECBPLUS.glob("*/*.txt"))[:40]:
        shutil.copy(path, seeds)
    submitted = Submitted(ray_cluster, monkeypatch)
    # The Ray run keeps a cache (in tmp_path, fresh): its stages go through the reuse path.
    local, on_ray = both_engines(seeds, tmp_path)
    assert b"conflicting" in local["consistency.md"] and b"agreeing" in local["consistency.md"]
    assert on_ray == local
    # Pair scoring, linkage and labelling each ran as Ray tasks, not in this process.
    assert {"_score_chunk", "each_linkage", "_label_chunk"} <= set(submitted.names)


def test_ray_actors_give_the_same_vectors_to_the_bit(ray_cluster: Any, embedder: SentenceTransformerEmbedder) -> None:
    """A vector's last bits depend on the batch it was padded in: the actors get the very batches."""
    texts = [c.text for c in extract_claims(load_articles(SEEDS, Settings()))]
    here = SentenceTransformerEmbedder(batch_size=8).encode(texts)
    on_ray = SentenceTransformerEmbedder(batch_size=8, runner=distributed.RayEngine().encode).encode(texts)
    assert on_ray.shape == (len(texts), 384)
    assert np.array_equal(on_ray, here)


def test_chunks_cover_every_item_in_order() -> None:
    items = list(range(10))
    for count in (1, 3, 4, 10, 20):
        chunks = distributed._chunks(items, count)
        assert [x for chunk in chunks for x in chunk] == items
        assert len(chunks) <= count and all(chunks)
    assert distributed._chunks([], 4) == []


def test_missing_ray_names_the_extra(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` raises ImportError
    assert cli.main(["report", str(SEEDS), "--engine", "ray", "--no-cache", "--quiet"]) == cli.EXIT_USAGE
    assert "pip install 'crosscheck[ray]'" in capsys.readouterr().err


def test_address_needs_the_ray_engine(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["report", str(SEEDS), "--address", "127.0.0.1:6379", "--quiet"]) == cli.EXIT_USAGE
    assert "--engine ray" in capsys.readouterr().err


def test_an_address_nothing_listens_on_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("ray", reason="ray is not installed (pip install -e '.[ray]')")
    with socket.socket() as probe:  # a port just freed: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    flags = ["--engine", "ray", "--address", f"127.0.0.1:{port}", "--no-cache", "--quiet"]
    assert cli.main(["report", str(SEEDS), *flags]) == cli.EXIT_USAGE
    assert f"no Ray cluster answers at 127.0.0.1:{port}" in capsys.readouterr().err
