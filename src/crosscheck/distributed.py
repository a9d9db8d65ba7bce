"""The Ray engine: the local engine's stage functions run as Ray Data, actor and task work on a Ray cluster."""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import socket
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np

from crosscheck.claims import article_claims
from crosscheck.domain import Anchor, Claim, Finding
from crosscheck.embed import SentenceTransformerEmbedder, Vectors
from crosscheck.errors import ConfigError, CrosscheckError
from crosscheck.incremental import ArticlePair, Block, LinkageJob, compute_blocks, each_linkage, label_here
from crosscheck.ingest import Article
from crosscheck.match import Group
from crosscheck.names import NameReader
from crosscheck.pair_features import StoryLinks
from crosscheck.pair_model import PairModel
from crosscheck.pipeline import Engine

EXTRA = "pip install 'crosscheck[ray]'"
# Model batches (of settings.batch_size claims) per Ray Data batch sent to an embedding actor.
MODEL_BATCHES = 4
# Tasks per available CPU for scoring, clustering and labelling: a few more than the CPUs, so
# that one slow chunk (a large story) does not leave the others idle.
TASKS_PER_CPU = 2
# Seconds to wait for a cluster's port to answer: Ray itself retries an address that nothing
# listens on for minutes before it gives up.
CONNECT_TIMEOUT_S = 5.0


def _ray() -> Any:
    """The ray module, or a ConfigError naming the extra that installs it."""
    try:
        import ray
    except ImportError:
        raise ConfigError("--engine ray", f"Ray is not installed: {EXTRA}") from None
    return ray


@contextlib.contextmanager
def ray_engine(address: str | None = None, *, embed_actors: int = 1) -> Iterator[Engine]:
    """The Ray engine on the cluster at `address` (None: a local Ray started for the run, or
    the one this process already joined). A Ray started here is shut down on exit."""
    ray = _ray()
    if address is not None:
        _reachable(address)
    started = False
    if not ray.is_initialized():
        try:
            ray.init(address=address, include_dashboard=False, log_to_driver=False, configure_logging=False)
        except Exception as error:  # Ray raises ConnectionError, ValueError, RuntimeError...
            raise ConfigError("--address" if address else "--engine ray", f"cannot start Ray: {error}") from None
        started = True
    ray.data.DataContext.get_current().enable_progress_bars = False
    # Ray Data logs every dataset's plan and timing, and that articles travel pickled: noise here.
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        yield RayEngine(embed_actors).engine()
    finally:
        if started:
            ray.shutdown()


@dataclasses.dataclass(frozen=True)
class RayEngine:
    """The stages of crosscheck.pipeline.Engine, each run on Ray with the same stage function."""

    embed_actors: int = 1

    def engine(self) -> Engine:
        return Engine(self.segment, self.encode, self.score, self.linkage, self.label, distributed=True)

    def segment(self, articles: Sequence[Article]) -> list[Claim]:
        """`article_claims` of each article as a Ray Data `flat_map`: one row per claim."""
        ray = _ray()
        # Articles travel as pickled objects (Arrow has no type for them); claims come back as columns.
        rows = ray.data.from_items([{"article": k, "item": a} for k, a in enumerate(articles)])
        claims = _unwrap(lambda: rows.flat_map(_claim_rows).take_all())
        claims.sort(key=lambda row: (row["article"], row["position"]))
        return [Claim(**{f.name: row[f.name] for f in dataclasses.fields(Claim)}) for row in claims]

    def encode(self, model: SentenceTransformerEmbedder, batches: Sequence[Sequence[str]]) -> list[Vectors]:
        """The model's batches (as the local engine forms them: the same vectors to the bit) in
        a pool of actors, each loading the model once; `num_gpus=1` each where the cluster has
        GPUs. A Ray Data batch holds several model batches."""
        ray = _ray()
        gpus = 1 if ray.cluster_resources().get("GPU", 0) >= 1 else 0
        rows = ray.data.from_items([{"k": k, "texts": list(texts)} for k, texts in enumerate(batches)])
        encoded = rows.map_batches(
            _Encoder,
            fn_constructor_args=(model,),
            batch_size=MODEL_BATCHES,
            batch_format="pandas",
            compute=ray.data.ActorPoolStrategy(size=self.embed_actors),
            num_gpus=gpus,
        )
        out = sorted(_unwrap(lambda: encoded.take_all()), key=lambda row: int(row["k"]))
        return [np.frombuffer(row["vectors"], np.float32).reshape(len(batches[n]), -1) for n, row in enumerate(out)]

    def score(
        self,
        claims: Sequence[Claim],
        vectors: Vectors,
        links: StoryLinks,
        pairs: Sequence[ArticlePair],
        model: PairModel,
    ) -> dict[ArticlePair, Block]:
        """`compute_blocks` of chunks of the article pairs, one Ray task each; claims and vectors
        go to the object store once."""
        ray = _ray()
        chunks = _chunks(list(pairs), _tasks())
        if len(chunks) <= 1:
            return compute_blocks(claims, vectors, links, pairs, model)
        shared = [ray.put(x) for x in (list(claims), vectors, links, model)]
        task = ray.remote(_score_chunk)
        found: dict[ArticlePair, Block] = {}
        for part in _unwrap(lambda: ray.get([task.remote(*shared, chunk) for chunk in chunks])):
            found |= part
        return found

    def linkage(self, jobs: Sequence[LinkageJob]) -> list[list[list[int]]]:
        """`average_linkage` of each connected component, components in chunks, one Ray task each."""
        ray = _ray()
        chunks = _chunks(list(jobs), _tasks())
        if len(chunks) <= 1:
            return each_linkage(jobs)
        task = ray.remote(each_linkage)
        return [c for part in _unwrap(lambda: ray.get([task.remote(chunk) for chunk in chunks])) for c in part]

    def label(
        self, groups: Sequence[Group], claims: Sequence[Claim], anchors: Mapping[str, Anchor], names: NameReader
    ) -> list[Finding]:
        """`label_findings` of chunks of the groups, one Ray task each (each worker process loads
        spaCy once and keeps it)."""
        ray = _ray()
        chunks = _chunks(list(groups), _tasks())
        if len(chunks) <= 1:
            return label_here(groups, claims, anchors, names)
        shared = [ray.put(x) for x in (list(claims), dict(anchors), names)]
        task = ray.remote(_label_chunk)
        return [f for part in _unwrap(lambda: ray.get([task.remote(chunk, *shared) for chunk in chunks])) for f in part]


class _Encoder:
    """An embedding actor: the model loads on the first batch and stays."""

    def __init__(self, model: SentenceTransformerEmbedder) -> None:
        self.model = model

    def __call__(self, batch: Any) -> Any:
        """Each row's texts through the model as one batch; vectors as raw float32 bytes."""
        vectors = [self.model.encode_batch([str(t) for t in texts]).tobytes() for texts in batch["texts"]]
        return batch.assign(vectors=vectors)[["k", "vectors"]]


def _claim_rows(row: dict[str, Any]) -> list[dict[str, Any]]:
    claims = article_claims(row["item"])
    return [{"article": row["article"], "position": n, **dataclasses.asdict(claim)} for n, claim in enumerate(claims)]


def _score_chunk(
    claims: list[Claim], vectors: Vectors, links: StoryLinks, model: PairModel, pairs: list[ArticlePair]
) -> dict[ArticlePair, Block]:
    return compute_blocks(claims, vectors, links, pairs, model)


def _label_chunk(
    groups: list[Group], claims: list[Claim], anchors: dict[str, Anchor], names: NameReader
) -> list[Finding]:
    return label_here(groups, claims, anchors, names)


def _reachable(address: str) -> None:
    """A ConfigError unless something listens at a HOST:PORT address ("auto" and the like are
    left to Ray)."""
    host, colon, port = address.removeprefix("ray://").rpartition(":")
    if not colon or not port.isdigit():
        return
    try:
        with socket.create_connection((host, int(port)), timeout=CONNECT_TIMEOUT_S):
            pass
    except OSError as error:
        raise ConfigError("--address", f"no Ray cluster answers at {address}: {error}") from None


def _tasks() -> int:
    """How many chunks a stage is cut into: TASKS_PER_CPU per CPU of the cluster."""
    cpus = int(_ray().cluster_resources().get("CPU", 1))
    return max(1, cpus) * TASKS_PER_CPU


def _chunks(items: list[Any], count: int) -> list[list[Any]]:
    """`items` in at most `count` runs of consecutive items, as even as can be, none empty."""
    size = -(-len(items) // max(1, count)) if items else 0
    return [items[k : k + size] for k in range(0, len(items), size)] if size else []


def _unwrap(run: Any) -> Any:
    """run(), a crosscheck error raised inside a Ray task re-raised as itself, so that the CLI
    reports it as the local engine would."""
    ray = _ray()
    try:
        return run()
    except ray.exceptions.RayTaskError as error:
        cause = getattr(error, "cause", None)
        if isinstance(cause, CrosscheckError):
            raise cause from None
        raise
