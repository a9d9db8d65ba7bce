"""The one settings object: every threshold crosscheck uses, with how it was chosen."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from crosscheck.embed import DEFAULT_MODEL


@dataclass(frozen=True)
class Settings:
    """Defaults are measured, not guessed: `python training/train_pair_model.py` chooses the
    match threshold on half the ECB+ dev topics (1, 5, 9, ...) from the pair model's out-of-fold
    probabilities (the model never saw the topic it scores), and docs/pair-model.md reports the
    figures on the other half (3, 7, 11, ...).
    """

    model: str = DEFAULT_MODEL
    batch_size: int = field(default=64, metadata={"range": (1, None)})
    # Mean pair-model probability over a group's cross-source pairs at or above which two groups
    # merge into one finding. Rule: the best same-fact F1 on the tune topics among thresholds
    # whose precision there reaches 0.85 (docs/pair-model.md has the curve). A false match
    # tells a fact-checker that a claim is corroborated when it is not, which costs more than a
    # missed one (listed as unique, with its possible match).
    match_probability: float = field(default=0.50, metadata={"range": (0.0, 1.0)})
    # A claim left unique whose best candidate has at least this probability shows it as a
    # possible match. Rule: the lowest floor at which half the possible matches on the tune
    # topics are gold partners (training/train_pair_model.py).
    possible_match_probability: float = field(default=0.05, metadata={"range": (0.0, 1.0)})
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
