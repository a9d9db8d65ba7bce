"""The one exception hierarchy; only the CLI prints these."""

from __future__ import annotations

from pathlib import Path


class CrosscheckError(Exception):
    """Base of every error crosscheck reports to a user."""


class InputError(CrosscheckError):
    """An article folder or file that cannot be read as an article."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class ConfigError(CrosscheckError):
    """A setting in pyproject.toml or on the command line that crosscheck cannot use."""

    def __init__(self, where: Path | str, reason: str) -> None:
        self.where = str(where)
        self.reason = reason
        super().__init__(f"{where}: {reason}")


class ModelError(CrosscheckError):
    """The embedding model or the pair model cannot be found, verified or loaded."""


class OutputError(CrosscheckError):
    """A report cannot be written."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class FetchError(CrosscheckError):
    """A page that could not be fetched: no connection, an HTTP error status, a timeout, too many
    redirects, or a URL that is not http or https. Names the URL and the reason."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"{url}: {reason}")


class PageError(CrosscheckError):
    """A page that was fetched or read but holds no article to add: not HTML, over the size
    limit, or no article text found. Names the URL or file and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class DuplicateError(CrosscheckError):
    """A page already in the articles folder (the same canonical URL or the same text)."""

    def __init__(self, source: str, existing: Path, reason: str) -> None:
        self.source = source
        self.existing = existing
        self.reason = reason
        super().__init__(f"{source}: already added as {existing} ({reason}); --force replaces it")


class ReviewsError(InputError):
    """A reviews file (seeds/reviews.toml) that cannot be read: names the file and the reason."""


class PreviousReportError(CrosscheckError):
    """A previous JSON report that cannot serve as the baseline; the CLI warns and goes on without."""
