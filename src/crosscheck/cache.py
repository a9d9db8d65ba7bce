"""An on-disk embedding cache keyed by model identity and exact claim text, behind the Embedder seam.

Adding one article to a folder of hundreds then embeds only that article's claims. The cache
is one SQLite file in WAL mode: two runs may read and write it at once (writers wait for each
other in short transactions, readers never block), and a crash mid-write leaves the previous
contents intact. A file that is not a readable cache is deleted and rebuilt with a warning;
the run carries on either way, because a cache is never worth failing a report for.
"""

from __future__ import annotations

import hashlib
import sqlite3
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path

import numpy as np

from crosscheck.embed import Embedder, Vectors

CACHE_FILE = "embeddings.sqlite3"
# Bump when the stored layout changes; an older file is then rebuilt rather than misread.
SCHEMA_VERSION = 1
# How long a writer waits for another run's write transaction before giving up on caching
# (the vectors are still returned); each transaction is one batch insert, well under a second.
BUSY_TIMEOUT_MS = 10_000
# SQLite's default limit on host parameters per statement is 32,766; stay well under it.
LOOKUP_CHUNK = 900

Warn = Callable[[str], None]


class CacheWarning(UserWarning):
    """The embedding cache could not be used as it was (rebuilt, or skipped for this run)."""


def _default_warn(message: str) -> None:
    warnings.warn(message, CacheWarning, stacklevel=3)


class CachedEmbedder:
    """Wraps an Embedder: texts seen before under the same model come from disk, others from `inner`.

    The key is the model's identity (`inner.identity` when it has one, e.g. name and weights
    sha256, else `inner.name`) and the sha256 of the exact text, so an edited claim or another
    model never reuses a stale vector. Vectors are stored as raw float32 bytes: a cached vector
    is bit-for-bit the one the model produced.
    """

    def __init__(self, inner: Embedder, folder: Path, *, warn: Warn | None = None):
        self.inner = inner
        self.path = Path(folder) / CACHE_FILE
        self._warn = warn or _default_warn
        self.hits = 0
        self.misses = 0

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def identity(self) -> str:
        return str(getattr(self.inner, "identity", self.inner.name))

    def encode(self, texts: Sequence[str]) -> Vectors:
        model = self.identity
        keys = [_text_key(t) for t in texts]
        cached = self._lookup(model, sorted(set(keys)))
        missing: dict[bytes, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in cached:
                missing.setdefault(key, text)
        fresh: dict[bytes, np.ndarray] = {}
        if missing:
            vectors = self.inner.encode(list(missing.values()))
            fresh = dict(zip(missing, vectors, strict=True))
            self._store(model, fresh)
        self.hits += len(texts) - sum(1 for k in keys if k in missing)
        self.misses += len(missing)
        if not texts:
            return self.inner.encode([])
        rows = [fresh[k] if k in fresh else cached[k] for k in keys]
        return np.ascontiguousarray(np.stack(rows), dtype=np.float32)

    def _lookup(self, model: str, keys: list[bytes]) -> dict[bytes, np.ndarray]:
        found: dict[bytes, np.ndarray] = {}
        try:
            with self._connect() as db:
                for start in range(0, len(keys), LOOKUP_CHUNK):
                    chunk = keys[start : start + LOOKUP_CHUNK]
                    marks = ",".join("?" * len(chunk))
                    rows = db.execute(
                        f"SELECT text_sha256, dim, vector FROM vectors WHERE model = ? AND text_sha256 IN ({marks})",
                        (model, *chunk),
                    )
                    for key, dim, blob in rows:
                        vector = np.frombuffer(blob, dtype=np.float32)
                        if len(vector) == dim:  # a torn or foreign row is a miss, not an error
                            found[key] = vector
        except sqlite3.OperationalError as error:  # busy past the timeout, disk I/O: skip, keep the file
            self._warn(f"embedding cache {self.path} unreadable ({error}); embedding without it this run")
            return {}
        except sqlite3.DatabaseError as error:  # a damaged page found mid-query
            self._warn(f"embedding cache {self.path} is corrupt ({error}); rebuilding it")
            self._delete()
            return {}
        return found

    def _store(self, model: str, vectors: dict[bytes, np.ndarray]) -> None:
        rows = [(model, key, len(v), np.asarray(v, dtype=np.float32).tobytes()) for key, v in vectors.items()]
        try:
            with self._connect() as db, db:  # one short transaction per batch
                db.executemany(
                    "INSERT OR IGNORE INTO vectors (model, text_sha256, dim, vector) VALUES (?, ?, ?, ?)", rows
                )
        except sqlite3.Error as error:
            self._warn(f"embedding cache {self.path} not updated ({error})")

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """An open, checked cache; a file that is not one is deleted and rebuilt (once)."""
        try:
            db = self._open()
        except sqlite3.OperationalError:
            raise
        except sqlite3.DatabaseError as error:
            self._warn(f"embedding cache {self.path} is corrupt ({error}); rebuilding it")
            self._delete()
            db = self._open()
        with closing(db):
            yield db

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")  # WAL keeps it consistent; a crash may lose the last batch
            with db:
                db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
                db.execute(
                    "CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, text_sha256 BLOB NOT NULL, "
                    "dim INTEGER NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (model, text_sha256)) WITHOUT ROWID"
                )
                db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            (version,) = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if version != str(SCHEMA_VERSION):
                raise sqlite3.DatabaseError(f"cache schema {version}, expected {SCHEMA_VERSION}")
        except BaseException:
            db.close()
            raise
        return db

    def _delete(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)


def _text_key(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()
