"""Labels on small hand-made article sets, with the real model."""

from __future__ import annotations

from crosscheck.domain import ConflictType, Finding, Label, Report
from crosscheck.embed import SentenceTransformerEmbedder
from crosscheck.pipeline import build_report
from tests.conftest import CountingNames, WriteArticles

BACKGROUND = (
    "Heavy rain is expected across the region later this week, forecasters said. "
    "The city council also approved a new budget for public libraries."
)


def labels_by_text(report: Report) -> dict[str, Finding]:
    return {report.claim(c).text: f for f in report.findings for c in f.claims}


def test_same_fact_with_same_values_agrees(
    write_articles: WriteArticles, embedder: SentenceTransformerEmbedder
) -> None:
    seeds = write_articles(
        {
            "a.txt": (
                "The factory fire killed 12 workers on March 3, officials said.\n\nThe owners have promised to rebuild."
            ),
            "b.txt": "Twelve workers died when fire swept through the factory on March 3.\n\n" + BACKGROUND,
        }
    )
    report = build_report(seeds, embedder=embedder)
    finding = labels_by_text(report)["The factory fire killed 12 workers on March 3, officials said."]
    assert finding.label is Label.AGREEING
    assert len(finding.claims) == 2


def test_different_number_conflicts(write_articles: WriteArticles, embedder: SentenceTransformerEmbedder) -> None:
    seeds = write_articles(
        {
            "a.txt": "The factory fire killed 12 workers on Monday, officials said.",
            "b.txt": "The factory fire killed 30 workers on Monday, officials said.",
        }
    )
    (finding,) = build_report(seeds, embedder=embedder).findings
    assert finding.label is Label.CONFLICTING
    (conflict,) = finding.conflicts
    assert conflict.type is ConflictType.NUMBER
    assert {conflict.a.value, conflict.b.value} == {"12", "30"}


def test_negation_conflicts(write_articles: WriteArticles, embedder: SentenceTransformerEmbedder) -> None:
    seeds = write_articles(
        {
            "a.txt": "The president will attend the climate summit in Paris.",
            "b.txt": "The president will not attend the climate summit in Paris.",
        }
    )
    (finding,) = build_report(seeds, embedder=embedder).findings
    assert finding.label is Label.CONFLICTING
    assert [c.type for c in finding.conflicts] == [ConflictType.NEGATION]


def test_fact_in_one_source_only_is_unique(
    write_articles: WriteArticles, embedder: SentenceTransformerEmbedder
) -> None:
    seeds = write_articles(
        {
            "a.txt": "The factory fire killed 12 workers on March 3.\n\nThe mayor declared three days of mourning.",
            "b.txt": "Twelve workers died when fire swept through the factory on March 3.",
        }
    )
    report = build_report(seeds, embedder=embedder)
    finding = labels_by_text(report)["The mayor declared three days of mourning."]
    assert finding.label is Label.UNIQUE
    assert len(finding.claims) == 1


def test_unrelated_sentences_do_not_match(write_articles: WriteArticles, embedder: SentenceTransformerEmbedder) -> None:
    seeds = write_articles(
        {
            "a.txt": "The central bank raised interest rates by half a point.",
            "b.txt": "A rare orchid bloomed in the botanical garden this spring.",
        }
    )
    report = build_report(seeds, embedder=embedder)
    assert [f.label for f in report.findings] == [Label.UNIQUE, Label.UNIQUE]


def test_different_person_in_one_role_conflicts(
    write_articles: WriteArticles, embedder: SentenceTransformerEmbedder
) -> None:
    seeds = write_articles(
        {
            "a.txt": "President Obama named Regina Benjamin surgeon general on Monday.",
            "b.txt": "President Obama named Sanjay Gupta surgeon general on Monday.",
        }
    )
    (finding,) = build_report(seeds, embedder=embedder).findings
    assert finding.label is Label.CONFLICTING
    (conflict,) = finding.conflicts
    assert conflict.type is ConflictType.PERSON
    assert {conflict.a.value, conflict.b.value} == {"Regina Benjamin", "Sanjay Gupta"}


def test_different_place_conflicts(write_articles: WriteArticles, embedder: SentenceTransformerEmbedder) -> None:
    seeds = write_articles(
        {
            "a.txt": "The defense ministers will hold their annual meeting in Seoul.",
            "b.txt": "The defense ministers will hold their annual meeting in Busan.",
        }
    )
    (finding,) = build_report(seeds, embedder=embedder).findings
    assert [c.type for c in finding.conflicts] == [ConflictType.PLACE]


def test_naming_one_more_person_is_no_conflict(
    write_articles: WriteArticles, embedder: SentenceTransformerEmbedder
) -> None:
    seeds = write_articles(
        {
            "a.txt": "Hegseth and Ahn will attend the security meeting in Seoul.",
            "b.txt": "Ahn will attend the security meeting in Seoul.",
        }
    )
    (finding,) = build_report(seeds, embedder=embedder).findings
    assert finding.label is Label.AGREEING


def test_name_variants_agree(write_articles: WriteArticles, embedder: SentenceTransformerEmbedder) -> None:
    seeds = write_articles(
        {
            "a.txt": "Defense Minister Ahn Gyu-back met U.S. officials in Seoul.",
            "b.txt": "Ahn met United States officials in Seoul.",
        }
    )
    (finding,) = build_report(seeds, embedder=embedder).findings
    assert finding.label is Label.AGREEING


def test_only_claims_whose_values_could_conflict_are_parsed(
    write_articles: WriteArticles, embedder: SentenceTransformerEmbedder
) -> None:
    seeds = write_articles(
        {
            "a.txt": "President Obama named Regina Benjamin surgeon general.\n\n"
            "The factory fire in Dhaka started in the storage room of the building.",
            "b.txt": "President Obama named Sanjay Gupta surgeon general.\n\n"
            "The fire in the Dhaka factory started in the building's storage room.",
        }
    )
    names = CountingNames()
    report = build_report(seeds, embedder=embedder, names=names)
    assert len(names.found) == 4  # every compared claim
    # Only the nominations state something the other could contradict: a person each the
    # other does not name. The fires state no date, number or negation, and both name Dhaka.
    assert sorted(names.parsed) == [
        "President Obama named Regina Benjamin surgeon general.",
        "President Obama named Sanjay Gupta surgeon general.",
    ]
    assert sum(len(f.claims) == 2 for f in report.findings) == 2  # both pairs were compared
    conflicts = [c for f in report.findings for c in f.conflicts]
    assert [c.type for c in conflicts] == [ConflictType.PERSON]


def _tally_report(
    write_articles: WriteArticles,
    embedder: SentenceTransformerEmbedder,
    a: tuple[str | None, str],
    b: tuple[str | None, str],
) -> Finding:
    def article(published: str | None, count: str) -> str:
        front = f"---\npublished: {published}\n---\n" if published else ""
        return front + f"The earthquake in Aceh killed {count} people, the disaster agency said.\n\n" + BACKGROUND

    seeds = write_articles({"a.txt": article(*a), "b.txt": article(*b)})
    report = build_report(seeds, embedder=embedder)
    return labels_by_text(report)[f"The earthquake in Aceh killed {a[1]} people, the disaster agency said."]


def test_a_later_report_raising_a_death_toll_is_an_update(
    write_articles: WriteArticles, embedder: SentenceTransformerEmbedder
) -> None:
    finding = _tally_report(write_articles, embedder, ("2025-11-03", "12"), ("2025-11-05", "18"))
    (conflict,) = finding.conflicts
    assert (conflict.type, conflict.a.value, conflict.b.value) == (ConflictType.UPDATE, "12", "18")
    assert conflict.reason == "“18” (b.txt) was published 2 days after “12” (a.txt): a running tally that grew"
    assert conflict.a.qualifies == conflict.b.qualifies == "kill"


def test_publication_times_order_two_reports_of_one_day(
    write_articles: WriteArticles, embedder: SentenceTransformerEmbedder
) -> None:
    finding = _tally_report(
        write_articles, embedder, ("2025-11-03T21:00:00+07:00", "18"), ("2025-11-03T09:00:00+07:00", "12")
    )
    (conflict,) = finding.conflicts
    assert conflict.type is ConflictType.UPDATE
    assert conflict.reason == "“18” (a.txt) was published 12 hours after “12” (b.txt): a running tally that grew"


def test_a_tally_that_falls_in_the_later_report_stays_a_conflict(
    write_articles: WriteArticles, embedder: SentenceTransformerEmbedder
) -> None:
    finding = _tally_report(write_articles, embedder, ("2025-11-03", "18"), ("2025-11-04", "12"))
    (conflict,) = finding.conflicts
    assert conflict.type is ConflictType.NUMBER
    assert conflict.reason == "“12” (b.txt) was published 1 day after “18” (a.txt), yet a running tally only grows"


def test_without_an_order_a_different_tally_stays_a_conflict(
    write_articles: WriteArticles, embedder: SentenceTransformerEmbedder
) -> None:
    for a, b in (((None, "12"), (None, "18")), (("2025-11-03", "12"), ("2025-11-03", "18"))):
        (conflict,) = _tally_report(write_articles, embedder, a, b).conflicts
        assert (conflict.type, conflict.reason) == (ConflictType.NUMBER, None)
