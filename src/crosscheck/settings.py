"""The one settings object: every threshold crosscheck uses, with how it was chosen."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from crosscheck.embed import DEFAULT_MODEL


@dataclass(frozen=True)
class Settings:
    """Defaults are measured, not guessed: `python benchmarks/ecbplus_matching.py --tune`.

    The matching thresholds come from a grid search (candidate cosine 0.30-0.70, lexical weight
    0-1, score 0.40-1.40 in steps of 0.02) on half the ECB+ dev topics (1, 5, 9, ...), each
    topic's two events run together so that sentences about the other event are present as
    topical neighbours. Rule: the best F1 of pair precision and alignment recall among
    settings with precision >= 0.85 there. The floor is 0.85, not lower, because a false match
    tells a fact-checker that a claim is corroborated when it is not, which costs more than a
    missed match (that claim is merely listed as unique). On the held-out topics (3, 7, 11, ...)
    these settings give precision 0.886, alignment recall 0.206 (README, "Accuracy and speed").
    """

    model: str = DEFAULT_MODEL
    batch_size: int = 64
    # Cosine between claim embeddings at or above which a cross-source pair is a candidate.
    candidate_similarity: float = 0.60
    # How much the rarity-weighted word overlap (0..1) adds to the cosine in a pair's score.
    lexical_weight: float = 0.75
    # Score (cosine + lexical_weight * overlap) a candidate needs to count as the same fact.
    min_match_score: float = 0.68
    # Stop with an error on an unreadable article (False), or skip it with a warning (True).
    skip_invalid: bool = False
    # Not part of the report (metadata "reported"): the policy and the reviews path decide what
    # the check says about findings, not the findings, and paths differ between machines.
    # What `crosscheck check` fails on while unreviewed (crosscheck.check.policy_entries lists
    # the names): conflicting findings by default; add "unresolved", a conflict type, or
    # "unique" (unique claims from a source new since the previous report).
    fail_on: tuple[str, ...] = field(default=("conflicting",), metadata={"reported": False})
    # The reviews file; "" means reviews.toml in the seeds folder. A path set in pyproject.toml
    # is relative to that file's folder.
    reviews: str = field(default="", metadata={"reported": False})
    # Where embeddings of claims already seen are kept, so a re-run embeds only new or edited
    # claims. A relative path is taken from the folder holding SEEDS_DIR ("beside the seeds").
    # Not part of the report: it changes how fast a report comes, never what it says.
    cache_dir: str = field(default=".crosscheck-cache", metadata={"reported": False})
    # False (or --no-cache) embeds everything afresh and leaves the cache untouched.
    cache: bool = field(default=True, metadata={"reported": False})

    def as_dict(self) -> dict[str, Any]:
        """The settings that decide a report's content, as written into it."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.metadata.get("reported", True)}
