"""Writing files atomically (reports, reviews, added articles): a reader sees the old or the new, never half."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

from crosscheck.errors import OutputError

# A temporary file of ours older than this was left by a run that was killed: removed.
STALE_TEMPORARY_S = 600


def write_atomic(path: Path, text: str) -> None:
    write_reports({path: text})


def write_reports(files: Mapping[Path, str | bytes]) -> None:
    """Replace the files together: every new text is written and synced to a temporary file
    beside its target first, and only then are the targets replaced, one rename each. A full
    disk or an error fails before any target changes, and leaves no temporary behind; only a
    kill in the microseconds between two renames can split a pair. Text is written as UTF-8,
    bytes as they are (a raw web page kept for provenance). Callers render every text before
    calling, so a failure while building a report never touches the files on disk."""
    written: dict[Path, Path] = {}
    try:
        for path, text in files.items():
            written[path] = _temporary(path, text)
        for path, temporary in written.items():
            try:
                os.replace(temporary, path)
            except OSError as exc:
                raise OutputError(path, f"cannot write ({exc.strerror})") from exc
    finally:
        for temporary in written.values():
            temporary.unlink(missing_ok=True)


def remove_others(folder: Path, keep: set[Path]) -> None:
    """Remove the files directly in `folder`, a folder a report format owns, that are not in
    `keep`: the pages of sources an earlier run reported and this one does not. Temporaries
    are left to `_remove_stale`, since another run may be writing them."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return  # no folder: nothing left over
    for entry in entries:
        if entry in keep or entry.name.endswith(".tmp") or not entry.is_file():
            continue
        try:
            entry.unlink()
        except OSError as exc:
            raise OutputError(entry, f"cannot remove this page of an earlier report ({exc.strerror})") from exc


def _temporary(path: Path, text: str | bytes) -> Path:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(path)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(path, f"cannot write here ({exc.strerror})") from exc
    temporary = Path(name)
    try:
        # mkstemp makes the file 0600; a report gets the mode its file had, else the umask's.
        os.chmod(fd, _mode(path))
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise OutputError(path, f"cannot write ({exc.strerror})") from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _remove_stale(path: Path) -> None:
    """Temporaries of `path` that a killed run left (younger ones may be another run's)."""
    cutoff = time.time() - STALE_TEMPORARY_S
    for stray in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            if stray.stat().st_mtime < cutoff:
                stray.unlink()
        except OSError:
            pass
