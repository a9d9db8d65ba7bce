"""crosscheck: compare news articles about one story, claim by claim, with citations."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from crosscheck.domain import Report
    from crosscheck.settings import Settings

__all__ = ["__version__", "build_report"]


def build_report(seeds: object, settings: Settings | None = None, **kwargs: object) -> Report:
    """See crosscheck.pipeline.build_report (imported lazily to keep the CLI start fast)."""
    from pathlib import Path

    from crosscheck.pipeline import build_report as _build

    return _build(Path(str(seeds)), settings, **kwargs)  # type: ignore[arg-type]
