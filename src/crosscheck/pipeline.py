"""The stages wired in order: articles -> claims -> embeddings -> groups -> findings -> report;
and a check of that report against people's reviews and a previous report (`run_check`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from crosscheck import embed, incremental
from crosscheck.check import Assessment, assess
from crosscheck.claims import extract_claims
from crosscheck.domain import Claim, Report
from crosscheck.embed import BatchRunner, Embedder
from crosscheck.errors import InputError, PreviousReportError
from crosscheck.incremental import BlockComputer, Labeller, Linkage, Reuse, compute_blocks, each_linkage, label_here
from crosscheck.ingest import Article, iter_articles
from crosscheck.label import label_groups
from crosscheck.match import group_claims
from crosscheck.names import NameReader, SpacyNames
from crosscheck.pair_model import PairModel
from crosscheck.previous import read_previous
from crosscheck.reviews import Reviews, read_reviews, reviews_path
from crosscheck.settings import Settings

Warn = Callable[[str], None]


@dataclass(frozen=True)
class Engine:
    """Where the heavy stages run: each field is a stage function or runs one elsewhere with the
    same result. The defaults run in this process; crosscheck.distributed gives the Ray engine.
    Loading articles, candidate search's run-wide part and rendering always run here."""

    segment: Callable[[Sequence[Article]], list[Claim]] = extract_claims
    # Where the default embedder's model batches are encoded (None: here). An embedder passed in
    # encodes as it is given.
    encode: BatchRunner | None = None
    score: BlockComputer = compute_blocks
    linkage: Linkage = each_linkage
    label: Labeller = label_here
    # Whether to go through the seams when there is no cache to reuse (the local engine then
    # takes the one-pass path, candidate search over the whole run at once).
    distributed: bool = False


LOCAL = Engine()


def build_report(
    seeds: Path,
    settings: Settings | None = None,
    *,
    embedder: Embedder | None = None,
    names: NameReader | None = None,
    warn: Warn | None = None,
    engine: Engine = LOCAL,
) -> Report:
    """Read every article under `seeds` and compare their claims. Raises CrosscheckError.

    The model's embedder and spaCy's name reader are the defaults, behind the on-disk cache
    unless settings.cache is off; pass others to replace them (they are then used as given).
    `engine` runs the heavy stages (crosscheck.distributed's on Ray); the report is the same.
    """
    settings = settings or Settings()
    warn = _once(warn)
    articles = load_articles(seeds, settings, warn)
    claims = engine.segment(articles)
    if embedder is None:
        embedder = default_embedder(seeds, settings, warn=warn, runner=engine.encode)
    if names is None:
        names = cached_names(SpacyNames(), seeds, settings, warn)
    vectors = embedder.encode([c.text for c in claims])
    pair_model = PairModel.load()
    anchors = {a.source.id: a.source.anchor for a in articles}
    reuse = reuse_for(seeds, settings, embedder, names, pair_model, warn)
    if reuse is None and not engine.distributed:
        matching = group_claims(claims, vectors, settings, pair_model)
        findings = label_groups(matching, claims, anchors, names=names)
    else:
        matching = incremental.group_claims(
            claims, vectors, settings, pair_model, reuse, compute=engine.score, linkage=engine.linkage
        )
        findings = incremental.label_groups(matching, claims, anchors, names, reuse, label=engine.label)
    return Report(
        sources=tuple(a.source for a in articles),
        claims=tuple(claims),
        findings=tuple(findings),
        settings=settings.as_dict() | {"model": embedder.name, "pair_model": f"sha256:{pair_model.sha256}"},
    )


@dataclass(frozen=True)
class CheckedReport:
    """A report, the check's view of it (flags, reviews, changes), and the reviews it read."""

    report: Report
    assessment: Assessment
    reviews: Reviews


def run_check(
    seeds: Path,
    settings: Settings | None = None,
    *,
    previous: Path | None = None,
    embedder: Embedder | None = None,
    names: NameReader | None = None,
    progress: bool = False,
    warn: Warn | None = None,
    engine: Engine = LOCAL,
) -> CheckedReport:
    """What `crosscheck check` computes before it writes and prints anything.

    The reviews file (settings.reviews, else SEEDS/reviews.toml) is read first, so that a
    malformed one stops the run before minutes of embedding. `previous`: an earlier JSON report
    to compare with; one that cannot be read is ignored with a warning. `progress` shows the
    embedding's progress bar. Raises CrosscheckError (ReviewsError, InputError, ModelError...).
    """
    settings = settings or Settings()
    reviews = read_reviews(reviews_path(settings.reviews, seeds))
    if embedder is None:
        embedder = default_embedder(seeds, settings, progress=progress, warn=warn, runner=engine.encode)
    report = build_report(seeds, settings, embedder=embedder, names=names, warn=warn, engine=engine)
    baseline = None
    if previous is not None:
        try:
            baseline = read_previous(previous)
        except PreviousReportError as error:
            if warn is not None:
                warn(f"ignoring the previous report: {error}")
    return CheckedReport(report, assess(report, reviews, baseline, settings.fail_on), reviews)


def _once(warn: Warn | None) -> Warn | None:
    """`warn`, saying each message once per run: the cache's stores would repeat theirs."""
    if warn is None:
        return None
    said: set[str] = set()

    def once(message: str) -> None:
        if message not in said:
            said.add(message)
            warn(message)

    return once


def default_embedder(
    seeds: Path,
    settings: Settings,
    *,
    progress: bool = False,
    warn: Warn | None = None,
    runner: BatchRunner | None = None,
) -> Embedder:
    """The settings' model behind the on-disk cache (unless settings.cache is off); `runner`
    encodes its batches elsewhere (crosscheck.distributed)."""
    model = embed.SentenceTransformerEmbedder(
        settings.model, batch_size=settings.batch_size, progress=progress, runner=runner
    )
    return cached_embedder(model, seeds, settings, warn)


def cached_embedder(embedder: Embedder, seeds: Path, settings: Settings, warn: Warn | None = None) -> Embedder:
    """`embedder` behind the on-disk cache of settings.cache_dir, unless settings.cache is off."""
    if not settings.cache:
        return embedder
    from crosscheck.cache import CachedEmbedder

    return CachedEmbedder(embedder, cache_folder(seeds, settings), warn=warn)


def cached_names(names: NameReader, seeds: Path, settings: Settings, warn: Warn | None = None) -> NameReader:
    """`names` behind the on-disk cache of settings.cache_dir, unless settings.cache is off."""
    if not settings.cache:
        return names
    from crosscheck.cache import CachedNames

    return CachedNames(names, cache_folder(seeds, settings), warn=warn)


def reuse_for(
    seeds: Path, settings: Settings, embedder: Embedder, names: NameReader, pair_model: PairModel, warn: Warn | None
) -> Reuse | None:
    """Where matching and labelling keep what a re-run can reuse: the cache of settings.cache_dir,
    unless settings.cache is off or the embedder has no identity (model and weights) to key on."""
    identity = getattr(embedder, "identity", None)
    if not settings.cache or identity is None:
        return None
    return Reuse.at(cache_folder(seeds, settings), str(identity), names.identity, pair_model.sha256, warn)


def cache_folder(seeds: Path, settings: Settings) -> Path:
    """settings.cache_dir, a relative one taken from the folder that holds `seeds`."""
    folder = Path(settings.cache_dir).expanduser()
    return folder if folder.is_absolute() else seeds.resolve().parent / folder


def load_articles(seeds: Path, settings: Settings, warn: Warn | None = None) -> list[Article]:
    articles = []
    for item in iter_articles(seeds, skip_invalid=settings.skip_invalid):
        if isinstance(item, InputError):
            if warn is not None:
                warn(f"skipped {item}")
            continue
        if warn is not None:
            for warning in item.warnings:
                warn(f"{item.source.path}: {warning}")
        articles.append(item)
    if not articles:
        raise InputError(seeds, "no readable articles (every file was skipped)")
    return articles
