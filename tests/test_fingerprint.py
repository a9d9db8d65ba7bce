"""Fingerprints: the same under reordering, renaming and unrelated articles; changed by an edit."""

from __future__ import annotations

from pathlib import Path

from crosscheck.domain import Label, Report
from crosscheck.embed import SentenceTransformerEmbedder
from crosscheck.fingerprint import PATTERN, fingerprint_texts, fingerprints
from crosscheck.pipeline import build_report
from tests.conftest import WriteArticles
from tests.story import STORY, UNRELATED, B


def test_order_and_line_wrapping_do_not_matter() -> None:
    one = fingerprint_texts(["Bridge closed on Tuesday.", "Bridge closed\n on  Wednesday."], ["date"])
    two = fingerprint_texts(["Bridge closed on Wednesday.", "Bridge closed on Tuesday."], ["date"])
    assert one == two and PATTERN.match(one)


def test_any_edit_to_a_claim_or_a_new_conflict_type_changes_it() -> None:
    base = fingerprint_texts(["It cost 5 dollars.", "It cost 9 dollars."], ["number"])
    assert fingerprint_texts(["It cost 5% dollars.", "It cost 9 dollars."], ["number"]) != base
    assert fingerprint_texts(["It cost 5.5 dollars.", "It cost 9 dollars."], ["number"]) != base
    assert fingerprint_texts(["It cost 5 dollars.", "It cost 9 dollars."], ["number", "date"]) != base
    # A third source stating the fact makes it a finding the reviewer has not seen.
    assert fingerprint_texts(["It cost 5 dollars.", "It cost 9 dollars.", "It cost 9 dollars."], ["number"]) != base


def flagged(report: Report) -> dict[str, str]:
    """Conflicting findings' fingerprint -> their finding id."""
    ids = fingerprints(report)
    return {ids[f.id]: f.id for f in report.findings if f.label is Label.CONFLICTING}


def test_stable_under_reordering_renaming_and_unrelated_articles(
    write_articles: WriteArticles, embedder: SentenceTransformerEmbedder
) -> None:
    seeds: Path = write_articles(STORY)
    before = build_report(seeds, embedder=embedder)
    assert len(flagged(before)) == 2

    (seeds / "a.txt").rename(seeds / "z.txt")  # renamed, and now read after b.txt
    renamed = build_report(seeds, embedder=embedder)
    assert [s.id for s in renamed.sources] == ["b.txt", "z.txt"]
    assert set(fingerprints(renamed).values()) == set(fingerprints(before).values())
    # Finding ids hash paths, so they did change: that is why reviews key on fingerprints.
    assert set(flagged(renamed).values()).isdisjoint(flagged(before).values())

    (seeds / "c.txt").write_text(UNRELATED, encoding="utf-8")
    added = build_report(seeds, embedder=embedder)
    assert set(fingerprints(before).values()) < set(fingerprints(added).values())
    assert flagged(added).keys() == flagged(before).keys()


def test_editing_a_claim_changes_only_its_findings_fingerprint(
    write_articles: WriteArticles, embedder: SentenceTransformerEmbedder
) -> None:
    seeds: Path = write_articles(STORY)
    before = build_report(seeds, embedder=embedder)
    (seeds / "b.txt").write_text(B.replace("on Wednesday", "on Thursday"), encoding="utf-8")
    after = build_report(seeds, embedder=embedder)
    assert len(flagged(after)) == 2
    (gone,) = flagged(before).keys() - flagged(after).keys()
    (date_finding,) = [f for f in before.findings if f.id == flagged(before)[gone]]
    assert "date" in {c.type.value for c in date_finding.conflicts}
    unchanged = {fp for f, fp in fingerprints(before).items() if f != date_finding.id}
    assert unchanged <= set(fingerprints(after).values())
