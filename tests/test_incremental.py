"""Incremental runs: a warm re-run computes only what a new article changes, and writes the cold run's report."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from crosscheck import incremental, label, pair_features
from crosscheck.domain import Claim, Finding, Report
from crosscheck.embed import SentenceTransformerEmbedder
from crosscheck.incremental import Reuse, clusters_by_component
from crosscheck.match import average_linkage
from crosscheck.pipeline import build_report
from crosscheck.report.jsonreport import render_json
from crosscheck.report.markdown import render_markdown
from crosscheck.settings import Settings
from tests.conftest import SEEDS

ECBPLUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus-dev"
NEW_ARTICLE = (
    "South Korea and the United States signed a shipbuilding cooperation agreement in Seoul on Tuesday.\n\n"
    "Defense Secretary Hegseth met his counterpart Ahn Gyu-back at the Security Consultative Meeting.\n\n"
    "The two ministers did not sign a joint statement, officials said.\n"
)


def same_report(first: Report, second: Report, out: Path) -> None:
    assert render_json(first, out) == render_json(second, out)
    assert render_markdown(first, out) == render_markdown(second, out)


class Spy:
    """Records what the incremental stages compute rather than reuse."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.scored: list[set[str]] = []  # per candidate computation: the articles it read
        self.labelled: list[set[str]] = []  # per group labelled: its claims' sources
        candidates, findings = pair_features.linked_candidates, label.label_findings

        def linked(claims: Sequence[Claim], *args: Any) -> Any:
            self.scored.append({c.source for c in claims})
            return candidates(claims, *args)

        def labels(groups: Sequence[Any], claims: Sequence[Claim], *args: Any, **kwargs: Any) -> list[Finding]:
            self.labelled += [{claims[k].source for k in g.members} for g in groups if len(g.members) > 1]
            return findings(groups, claims, *args, **kwargs)

        monkeypatch.setattr(incremental, "linked_candidates", linked)
        monkeypatch.setattr(incremental, "label_findings", labels)


def warm_equals_cold(folder: Path, new: str, monkeypatch: pytest.MonkeyPatch, embedder: Any) -> Spy:
    """Report `folder` without `new`, then with it, warm; assert it equals a cold run."""
    held = folder.parent / "held"
    held.mkdir()
    shutil.move(folder / new, held / new)
    build_report(folder, embedder=embedder)
    shutil.move(held / new, folder / new)
    spy = Spy(monkeypatch)
    warm = build_report(folder, embedder=embedder)
    monkeypatch.undo()
    cold = build_report(folder, Settings(cache=False), embedder=embedder)
    same_report(warm, cold, folder.parent / "out")
    assert any(len(f.claims) > 1 for f in cold.findings)  # a corpus where something matched
    return spy


def test_a_warm_run_with_a_new_article_writes_the_cold_report(
    tmp_path: Path, embedder: SentenceTransformerEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = Path(shutil.copytree(SEEDS, tmp_path / "seeds"))
    (seeds / "zz_new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    spy = warm_equals_cold(seeds, "zz_new.txt", monkeypatch, embedder)
    # Only article pairs with the new article were scored; every group labelled again holds it.
    assert spy.scored and all("zz_new.txt" in sources for sources in spy.scored)
    assert all("zz_new.txt" in sources for sources in spy.labelled)


@pytest.mark.skipif(not ECBPLUS.is_dir(), reason=f"ECB+ dev articles not found at {ECBPLUS}")
def test_one_new_article_among_fifty_real_ones(
    tmp_path: Path, embedder: SentenceTransformerEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    articles = sorted(ECBPLUS.glob("*/*.txt"))[:50]
    for path in articles:
        shutil.copy(path, seeds)
    new = articles[len(articles) // 2].name  # in the middle: every later claim's index shifts
    spy = warm_equals_cold(seeds, new, monkeypatch, embedder)
    assert all(new in sources for sources in spy.scored)
    assert all(new in sources for sources in spy.labelled)
    # A second warm run computes nothing at all.
    spy = Spy(monkeypatch)
    build_report(seeds, embedder=embedder)
    assert spy.scored == [] and spy.labelled == []


def test_clusters_by_component_equal_average_linkage(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    n = 300
    sources = [f"s{k % 17}" for k in range(n)]
    pairs = {(int(a), int(b)) for a, b in rng.integers(0, n, (900, 2)) if a < b and sources[a] != sources[b]}
    i, j = (np.array(side, np.int64) for side in zip(*sorted(pairs), strict=True))
    p = rng.uniform(0.0, 1.0, len(i)) ** 2
    reuse = Reuse.at(tmp_path, "model", "names", "pair")
    expected = average_linkage(sources, i, j, p, 0.6)
    assert any(len(cluster) > 2 for cluster in expected)
    assert clusters_by_component(sources, i, j, p, 0.6, reuse) == expected  # cold
    assert clusters_by_component(sources, i, j, p, 0.6, reuse) == expected  # every component from disk


def test_no_cache_keeps_nothing(tmp_path: Path, embedder: SentenceTransformerEmbedder) -> None:
    seeds = Path(shutil.copytree(SEEDS, tmp_path / "seeds"))
    build_report(seeds, Settings(cache=False), embedder=embedder)
    assert not (tmp_path / ".crosscheck-cache").exists()


WIRE_STORY = (
    "Defense Minister Ahn Gyu-back and U.S. Defense Secretary Pete Hegseth met in Seoul on November 4.\n\n"
    "The two ministers discussed extended deterrence and naval maintenance in a closed session.\n\n"
    "Officials said 28,500 U.S. troops remain stationed in South Korea.\n"
)


def wire_copies(sites: int) -> dict[str, str]:
    """One wire story as `sites` sites run it: their own closing line, one of them with an edit."""
    articles = {}
    for k in range(sites):
        story = WIRE_STORY.replace("28,500", "28,000") if k == sites - 1 else WIRE_STORY
        articles[f"site{k}.txt"] = story + f"\nRead more from Site {k} reporters on our website today.\n"
    return articles


def test_a_sentence_many_sites_print_is_matched_once_and_cited_for_every_site(
    write_articles: Any, embedder: SentenceTransformerEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = write_articles(wire_copies(4))
    scored: list[int] = []
    candidates = pair_features.linked_candidates

    def linked(claims: Sequence[Claim], *args: Any) -> Any:
        scored.append(len(claims))
        return candidates(claims, *args)

    monkeypatch.setattr(incremental, "linked_candidates", linked)
    report = build_report(seeds, embedder=embedder)
    # 4 x 4 claims; not scored: the first two sentences' copies in three more sites each, and the
    # troop figure's in two more (the fourth site changed its number, so its sentence is scored).
    assert len(report.claims) == 16 and scored == [16 - 3 * 2 - 2]
    for text in WIRE_STORY.split("\n\n")[:2]:
        ids = {c.id for c in report.claims if c.text == text.strip()}
        (finding,) = [f for f in report.findings if ids & set(f.claims)]
        assert set(finding.claims) == ids and len(ids) == 4  # every site cited
    (troops,) = [f for f in report.findings if any("troops" in report.claim(c).text for c in f.claims)]
    assert troops.label.value == "conflicting"  # 28,500 in three sites against 28,000: still found
    assert {report.claim(c).source for c in troops.claims} == {f"site{k}.txt" for k in range(4)}


def test_two_copies_are_left_to_the_pair_model(write_articles: Any, embedder: SentenceTransformerEmbedder) -> None:
    """An ordinary reprint (two sites) is matched as before: no claim is collapsed."""
    seeds = write_articles(wire_copies(2))
    plain = build_report(seeds, Settings(cache=False), embedder=embedder)
    from crosscheck.match import collapse_copies

    kept, copies = collapse_copies(plain.claims)
    assert copies == {} and len(kept) == len(plain.claims)
