"""Markdown articles: syntax is not part of a claim, and citations still hit the raw file."""

from __future__ import annotations

from pathlib import Path

from crosscheck.claims import article_claims
from crosscheck.ingest import read_article

ARTICLE = """---
title: Storm
---
# Storm **hits** the coast

The storm, [reported by AP](http://example.org/storm), hit *three* towns on Monday.
![photo of damage](damage.png)

- Officials said `40` homes were damaged.
"""


def test_markdown_syntax_is_removed_and_offsets_still_cite_the_file(tmp_path: Path) -> None:
    path = tmp_path / "storm.md"
    path.write_text(ARTICLE, encoding="utf-8")
    claims = article_claims(read_article(path, tmp_path))
    assert [c.text for c in claims] == [
        "Storm hits the coast",
        "The storm, reported by AP, hit three towns on Monday.",
        "Officials said 40 homes were damaged.",
    ]
    assert [c.line for c in claims] == [4, 6, 9]
    for claim in claims:
        quoted = ARTICLE[claim.start : claim.end]
        assert quoted.startswith(claim.text.split()[0]) and quoted.endswith(claim.text[-3:])
