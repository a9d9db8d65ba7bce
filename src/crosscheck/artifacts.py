"""The trained files that ship inside the package, read only once their sha256 checks out."""

from __future__ import annotations

import hashlib
from pathlib import Path

from crosscheck.errors import ModelError


def read_verified(path: Path, sha256: str | None, what: str) -> tuple[bytes, str]:
    """The file's bytes and their sha256. A missing file, or one whose sha256 is not `sha256`
    (None accepts any: training writes new ones), is a ModelError that names `what`."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ModelError(f"{what} missing: {path} ({exc.strerror}); reinstall crosscheck") from exc
    digest = hashlib.sha256(data).hexdigest()
    if sha256 is not None and digest != sha256:
        raise ModelError(f"{what} {path} has sha256 {digest}, expected {sha256}; reinstall crosscheck")
    return data, digest
