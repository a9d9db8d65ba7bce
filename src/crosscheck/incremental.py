"""Re-runs that cost what changed: candidates, clusters and findings kept by their inputs, computed once.

Each is a pure function of a few inputs, so a run looks each one up by a hash of those inputs
and computes only what it has never seen, with the same stage functions a cold run uses:
1. An article pair's candidates and their pair-model probabilities depend on the two articles'
   claims and the rare anchors they share (crosscheck.pair_features.StoryLinks); which pairs
   are linked is decided afresh every run (it is cheap), and only pairs with a new or edited
   article are scored.
2. Average linkage never joins two clusters unless some candidate between them reaches the
   threshold (a mean never exceeds its largest term), so it runs on each connected component of
   the candidates at or above it separately, and gives the clusters a single run over all would.
   Only components a new candidate touches are clustered again.
3. A group's finding depends on its claims, their articles' anchors and the group's figures:
   groups an earlier run labelled are read back; values are read for the others only.
Keys carry the embedding model's identity, the name reader's, the pair model's sha256 and a
digest of crosscheck's own code and shipped models (`code_digest`): a changed rule can never
reuse a stale result. Rows live in the cache file of crosscheck.cache, with its checksums.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse
from scipy.sparse import csgraph

from crosscheck import match
from crosscheck.cache import Row, Store, Warn
from crosscheck.domain import Anchor, AnchorKind, Claim, Conflict, ConflictType, Finding, Label, Normalized, Side
from crosscheck.embed import Vectors
from crosscheck.label import label_findings, order_findings, source_texts
from crosscheck.match import Group, Matching, average_linkage
from crosscheck.names import NameReader
from crosscheck.pair_features import Candidates, StoryLinks, linked_candidates, story_links
from crosscheck.pair_model import PairModel
from crosscheck.settings import Settings

PACKAGE = Path(__file__).resolve().parent
# Below the threshold by more than float rounding of a mean: a component built on these edges
# is never split by a merge that a sum's last bit would allow.
THRESHOLD_SLACK = 1e-9
# One candidate as stored: position in the first article and in the second (int32), cosine
# (float32), probability (float64).
PAIR_BYTES = 4 + 4 + 4 + 8

ArticlePair = tuple[int, int]
# One connected component for average linkage: its claims' sources, its edges (positions in the
# component), their probabilities and the threshold.
LinkageJob = tuple[list[str], npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64], float]


@functools.cache
def code_digest() -> str:
    """sha256 of crosscheck's source files and shipped models, in path order: the rules' version."""
    digest = hashlib.sha256()
    for path in sorted([*PACKAGE.rglob("*.py"), *PACKAGE.glob("models/*.json")]):
        data = path.read_bytes()
        digest.update(f"{path.relative_to(PACKAGE).as_posix()}\x00{len(data)}\x00".encode() + data)
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Reuse:
    """Where results of earlier runs are kept, and the identities their keys carry."""

    store: Store
    embedder: str  # the embedding model's identity: vectors follow from claim texts under it
    names: str  # the name reader's identity
    pair_model: str  # sha256 of the pair model

    @classmethod
    def at(cls, folder: Path, embedder: str, names: str, pair_model: str, warn: Warn | None = None) -> Reuse:
        return cls(Store(folder, warn=warn), embedder, names, pair_model)

    def _model(self, table: str) -> str:
        parts = {
            "blocks": f"{self.embedder}|pair-{self.pair_model}",
            "clusters": "",
            "findings": self.names,
        }
        return f"{table}|code-{code_digest()}|{parts[table]}"

    def recall(self, table: str, keys: Sequence[bytes]) -> dict[bytes, Row]:
        return self.store.lookup(table, self._model(table), sorted(set(keys)))

    def keep(self, table: str, rows: Mapping[bytes, Row]) -> None:
        if rows:
            self.store.store(table, self._model(table), dict(rows))


def _recall(reuse: Reuse | None, table: str, keys: Sequence[bytes]) -> dict[bytes, Row]:
    """`reuse.recall`, nothing where there is no cache (a run that computes everything)."""
    return {} if reuse is None else reuse.recall(table, keys)


def _keep(reuse: Reuse | None, table: str, rows: Mapping[bytes, Row]) -> None:
    if reuse is not None:
        reuse.keep(table, rows)


# Where an engine clusters components (`each_linkage` here; crosscheck.distributed on a Ray
# cluster) and labels groups (`label_here`); BlockComputer below scores article pairs.
Linkage = Callable[[Sequence[LinkageJob]], list[list[list[int]]]]
Labeller = Callable[[Sequence[match.Group], Sequence[Claim], Mapping[str, Anchor], NameReader], list[Finding]]


def each_linkage(jobs: Sequence[LinkageJob]) -> list[list[list[int]]]:
    """`average_linkage` of each component, in this process."""
    return [average_linkage(*job) for job in jobs]


def label_here(
    groups: Sequence[match.Group], claims: Sequence[Claim], anchors: Mapping[str, Anchor], names: NameReader
) -> list[Finding]:
    """`label_findings` in this process."""
    return label_findings(groups, claims, anchors, names=names)


def group_claims(
    claims: Sequence[Claim],
    vectors: Vectors,
    settings: Settings,
    model: PairModel,
    reuse: Reuse | None,
    *,
    compute: BlockComputer | None = None,
    linkage: Linkage = each_linkage,
) -> Matching:
    """`crosscheck.match.group_claims`, reusing what `reuse` holds (none: computing everything),
    article pairs scored by `compute` and components clustered by `linkage`."""
    score = functools.partial(scored_candidates, model=model, reuse=reuse, compute=compute or compute_blocks)
    cluster = functools.partial(clusters_by_component, reuse=reuse, linkage=linkage)
    return match.group_claims(claims, vectors, settings, model, score=score, cluster=cluster)


def scored_candidates(
    claims: Sequence[Claim],
    vectors: Vectors,
    model: PairModel,
    reuse: Reuse | None,
    compute: BlockComputer | None = None,
) -> tuple[Candidates, npt.NDArray[np.float64]]:
    """The run's candidates, sorted by (i, j), with p(same fact): article pairs seen before from
    `reuse`, the others computed on a corpus of their articles alone and kept."""
    if not claims:
        return _no_candidates(), np.zeros(0)
    links = story_links(claims, vectors)
    digests = [_digest(claims[k].text for k in members) for members in links.members]
    keys = {
        (a, b): _block_key(digests[a], digests[b], links.anchored.get((a, b), []))
        for a, partners in enumerate(links.partners)
        for b in partners.tolist()
    }
    known = {key: block for key, row in _recall(reuse, "blocks", list(keys.values())).items() if (block := _block(row))}
    missing = sorted(pair for pair, key in keys.items() if key not in known)
    fresh = (compute or compute_blocks)(claims, vectors, links, missing, model)
    _keep(reuse, "blocks", {keys[pair]: _block_row(block) for pair, block in fresh.items()})
    blocks = [fresh[pair] if pair in fresh else known[key] for pair, key in keys.items()]
    return _assemble(links, list(keys), blocks)


@dataclass(frozen=True)
class Block:
    """One article pair's candidates: claim positions in the first and second article."""

    x: npt.NDArray[np.int32]
    y: npt.NDArray[np.int32]
    cosine: npt.NDArray[np.float32]
    probability: npt.NDArray[np.float64]


# Where an engine computes article pairs' candidates: `compute_blocks`, or something that gives the same.
BlockComputer = Callable[
    [Sequence[Claim], Vectors, StoryLinks, Sequence[ArticlePair], PairModel], dict[ArticlePair, Block]
]


def compute_blocks(
    claims: Sequence[Claim], vectors: Vectors, links: StoryLinks, pairs: Sequence[ArticlePair], model: PairModel
) -> dict[ArticlePair, Block]:
    """The candidates of `pairs`, from the stage functions run on those articles alone."""
    if not pairs:
        return {}
    articles = sorted({a for pair in pairs for a in pair})
    local = {a: n for n, a in enumerate(articles)}
    index = np.concatenate([links.members[a] for a in articles])
    order = np.argsort(index, kind="stable")
    index = index[order]  # claims of the chosen articles, in run order
    partners: list[list[int]] = [[] for _ in articles]
    for a, b in pairs:
        partners[local[a]].append(local[b])
    _, source_of = np.unique(np.array([claims[k].source for k in index.tolist()]), return_inverse=True)
    sub = StoryLinks(
        source_of,
        tuple(np.flatnonzero(source_of == s) for s in range(len(articles))),
        tuple(np.array(sorted(p), np.int64) for p in partners),
        {(local[a], local[b]): links.anchored[(a, b)] for a, b in pairs if (a, b) in links.anchored},
    )
    found = linked_candidates([claims[k] for k in index.tolist()], vectors[index], sub)
    probability = model.probability(found.features)
    # Back to the run's articles, and to positions within them.
    offset = np.zeros(len(index), np.int64)
    for members in sub.members:
        offset[members] = np.arange(len(members))
    first, second = source_of[found.i], source_of[found.j]
    swap = first > second
    lo, hi = np.where(swap, second, first), np.where(swap, first, second)
    x = np.where(swap, offset[found.j], offset[found.i]).astype(np.int32)
    y = np.where(swap, offset[found.i], offset[found.j]).astype(np.int32)
    blocks: dict[ArticlePair, Block] = {}
    by_pair = np.lexsort((hi, lo))
    bounds = np.flatnonzero(np.diff(lo[by_pair]) | np.diff(hi[by_pair])) + 1
    for chunk in np.split(by_pair, bounds) if len(by_pair) else []:
        pair = (articles[int(lo[chunk[0]])], articles[int(hi[chunk[0]])])
        blocks[pair] = Block(x[chunk], y[chunk], found.cosine[chunk], probability[chunk])
    empty = Block(np.zeros(0, np.int32), np.zeros(0, np.int32), np.zeros(0, np.float32), np.zeros(0))
    return {pair: blocks.get(pair, empty) for pair in pairs}


def _assemble(
    links: StoryLinks, pairs: Sequence[ArticlePair], blocks: Sequence[Block]
) -> tuple[Candidates, npt.NDArray[np.float64]]:
    """Blocks as the run's Candidates, sorted by (i, j) as candidate_pairs sorts them. Only
    i, j and cosine are filled: features were read by the pair model when the block was made."""
    counts = np.array([len(block.x) for block in blocks], np.int64)
    if not counts.sum():
        return _no_candidates(), np.zeros(0)
    # A claim's run index is members[a][x]: all members in one array, each article's at its start.
    flat = np.concatenate(links.members)
    start = np.concatenate([[0], np.cumsum([len(m) for m in links.members])[:-1]])
    first = np.repeat(np.array([a for a, _ in pairs], np.int64), counts)
    second = np.repeat(np.array([b for _, b in pairs], np.int64), counts)
    p = flat[start[first] + np.concatenate([block.x for block in blocks])]
    q = flat[start[second] + np.concatenate([block.y for block in blocks])]
    i, j = np.minimum(p, q), np.maximum(p, q)
    cosine = np.concatenate([block.cosine for block in blocks])
    probability = np.concatenate([block.probability for block in blocks])
    order = np.lexsort((j, i))
    none = np.zeros((len(i), 0), np.float32)
    return Candidates(i[order], j[order], cosine[order], none), probability[order]


def _no_candidates() -> Candidates:
    none = np.zeros(0, np.int64)
    return Candidates(none, none, np.zeros(0, np.float32), np.zeros((0, 0), np.float32))


def _digest(texts: Iterable[str]) -> bytes:
    digest = hashlib.sha256()
    for text in texts:
        data = text.encode("utf-8")
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.digest()


def _block_key(first: bytes, second: bytes, anchored: Sequence[tuple[int, int]]) -> bytes:
    return hashlib.sha256(first + second + np.array(anchored, np.int64).tobytes()).digest()


def _block_row(block: Block) -> Row:
    data = b"".join(np.ascontiguousarray(a).tobytes() for a in (block.x, block.y, block.cosine, block.probability))
    return len(block.x), data


def _block(row: Row) -> Block | None:
    """The stored block; None for one this code cannot read (a miss, computed again)."""
    count, data = row
    n = int(count)
    if not isinstance(data, bytes) or len(data) != n * PAIR_BYTES:
        return None
    return Block(
        np.frombuffer(data, np.int32, n, 0),
        np.frombuffer(data, np.int32, n, 4 * n),
        np.frombuffer(data, np.float32, n, 8 * n),
        np.frombuffer(data, np.float64, n, 12 * n),
    )


def clusters_by_component(
    sources: Sequence[str],
    i: npt.NDArray[np.int64],
    j: npt.NDArray[np.int64],
    p: npt.NDArray[np.float64],
    threshold: float,
    reuse: Reuse | None,
    linkage: Linkage = each_linkage,
) -> list[list[int]]:
    """`average_linkage`'s clusters, one connected component of the candidates at or above the
    threshold at a time, components seen before read from `reuse`."""
    n = len(sources)
    strong = p >= threshold - THRESHOLD_SLACK
    graph = sparse.coo_matrix((np.ones(int(strong.sum())), (i[strong], j[strong])), shape=(n, n))
    _, component = csgraph.connected_components(graph, directed=False)
    sizes = np.bincount(component, minlength=n)
    clusters: list[list[int]] = [[k] for k in np.flatnonzero(sizes[component] == 1).tolist()]
    inside = component[i] == component[j]
    by_node = np.argsort(component, kind="stable")
    node_bounds = np.searchsorted(component[by_node], np.arange(len(sizes) + 1))
    edges = np.flatnonzero(inside)
    edges = edges[np.argsort(component[i[edges]], kind="stable")]  # by component, in input order
    edge_bounds = np.searchsorted(component[i[edges]], np.arange(len(sizes) + 1))
    jobs: dict[bytes, tuple[npt.NDArray[np.int64], list[str], Any, Any, Any]] = {}
    for c in np.flatnonzero(sizes > 1).tolist():
        nodes = by_node[node_bounds[c] : node_bounds[c + 1]]
        chosen = edges[edge_bounds[c] : edge_bounds[c + 1]]
        local_i, local_j = np.searchsorted(nodes, i[chosen]), np.searchsorted(nodes, j[chosen])
        labels = [sources[k] for k in nodes.tolist()]
        pattern = list(dict.fromkeys(labels))
        numbered = np.array([pattern.index(s) for s in labels], np.int64)
        key = hashlib.sha256(
            repr(threshold).encode()
            + b"".join(a.tobytes() for a in (numbered, local_i, local_j, p[chosen]))
            + len(nodes).to_bytes(8, "big")
        ).digest()
        jobs[key] = (nodes, labels, local_i, local_j, p[chosen])
    known = _recall(reuse, "clusters", list(jobs))
    found: dict[bytes, list[list[int]]] = {}
    for key, row in known.items():
        read = _clusters(row)
        if read is not None:
            found[key] = read
    todo = [key for key in jobs if key not in found]
    fresh = dict(zip(todo, linkage([(*jobs[key][1:], threshold) for key in todo]), strict=True))
    found |= fresh
    for key, (nodes, *_) in jobs.items():
        clusters += [[int(nodes[k]) for k in cluster] for cluster in found[key]]
    _keep(reuse, "clusters", {key: (json.dumps(c),) for key, c in fresh.items()})
    return sorted(sorted(cluster) for cluster in clusters)


def _clusters(row: Row) -> list[list[int]] | None:
    try:
        found = json.loads(row[0])
        return [[int(k) for k in cluster] for cluster in found]
    except (ValueError, TypeError):
        return None


def label_groups(
    matching: Matching,
    claims: Sequence[Claim],
    anchors: Mapping[str, Anchor] | None,
    names: NameReader,
    reuse: Reuse | None,
    *,
    label: Labeller = label_here,
) -> list[Finding]:
    """`crosscheck.label.label_groups`, findings of groups seen before read from `reuse`, the
    others labelled by `label`."""
    anchors = anchors or {}
    groups = matching.groups
    # A finding also reads its sources' other claims (a place another sentence names is no conflict).
    said = {source: _digest([text]).hex() for source, text in source_texts(claims).items()}
    keys = {k: _group_key(g, claims, anchors, said) for k, g in enumerate(groups)}
    keys = {k: key for k, key in keys.items() if len(groups[k].members) > 1}
    known = _recall(reuse, "findings", list(keys.values()))
    findings: dict[int, Finding] = {}
    for k, key in keys.items():
        row = known.get(key)
        finding = _finding(row) if row is not None else None
        if finding is not None:
            findings[k] = finding
    todo = [k for k in range(len(groups)) if k not in findings]
    labelled = label([groups[k] for k in todo], claims, anchors, names)
    findings |= dict(zip(todo, labelled, strict=True))
    _keep(reuse, "findings", {keys[k]: _finding_row(findings[k]) for k in todo if k in keys})
    return order_findings([findings[k] for k in range(len(groups))], matching, claims)


def _group_key(group: Group, claims: Sequence[Claim], anchors: Mapping[str, Anchor], said: Mapping[str, str]) -> bytes:
    """What a group's finding depends on (`label.label_findings`): its figures, which of its
    members the model matched, and each member's claim, anchor and source's claims."""
    position = {k: x for x, k in enumerate(group.members)}
    matched = None if group.matched_pairs is None else [(position[a], position[b]) for a, b in group.matched_pairs]
    parts = [repr((group.probability, group.similarity, matched))]
    for k in group.members:
        claim = claims[k]
        parts += [claim.id, claim.source, claim.text, repr(anchors.get(claim.source)), said[claim.source]]
    return _digest(parts)


def _finding_row(finding: Finding) -> Row:
    return (
        json.dumps(
            {
                "id": finding.id,
                "label": finding.label.value,
                "claims": list(finding.claims),
                "conflicts": [[c.type.value, _side(c.a), _side(c.b), c.reason] for c in finding.conflicts],
                "probability": finding.probability,
                "similarity": finding.similarity,
                "normalized": [[n.value, _side(n.a), _side(n.b)] for n in finding.normalized],
            }
        ),
    )


def _finding(row: Row) -> Finding | None:
    """The stored finding; None for a row this code cannot read (a miss, recomputed)."""
    try:
        data = json.loads(row[0])
        return Finding(
            id=data["id"],
            label=Label(data["label"]),
            claims=tuple(data["claims"]),
            conflicts=tuple(
                Conflict(ConflictType(kind), _read_side(a), _read_side(b), reason)
                for kind, a, b, reason in data["conflicts"]
            ),
            probability=data["probability"],
            similarity=data["similarity"],
            normalized=tuple(Normalized(value, _read_side(a), _read_side(b)) for value, a, b in data["normalized"]),
        )
    except (ValueError, TypeError, KeyError):
        return None


def _side(side: Side) -> list[Any]:
    return [side.claim, side.value, side.normalized, _anchor(side.anchor), side.qualifies]


def _read_side(data: list[Any]) -> Side:
    claim, value, normalized, anchor, qualifies = data
    return Side(claim, value, normalized, _read_anchor(anchor), qualifies)


def _anchor(anchor: Anchor | None) -> list[Any] | None:
    if anchor is None:
        return None
    date = anchor.date.isoformat() if anchor.date else None
    time = anchor.time.isoformat() if anchor.time else None
    return [anchor.kind.value, date, anchor.where, time]


def _read_anchor(data: list[Any] | None) -> Anchor | None:
    if data is None:
        return None
    kind, date, where, time = data
    return Anchor(
        AnchorKind(kind),
        dt.date.fromisoformat(date) if date else None,
        where,
        dt.datetime.fromisoformat(time) if time else None,
    )
