"""An on-disk cache of what costs the most per claim, keyed by exact claim text: embeddings, names, parses.

Adding one article to a folder of hundreds then embeds and parses only that article's claims.
Both sit behind their stage's seam (`Embedder`, `NameReader`), so the stages never know. The
cache is one SQLite file in WAL mode: two runs may read and write it at once (writers wait for
each other in short transactions, readers never block), and a crash mid-write leaves the previous
contents intact. A file that is not a readable cache is deleted and rebuilt with a warning; the
run carries on either way, because a cache is never worth failing a report for.

Every row carries a checksum (sha256 of the model, the key and the values), checked on every
read: a damaged page that SQLite itself does not notice gives a miss, recomputed and rewritten,
never a wrong vector in a report.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from crosscheck.embed import Embedder, Vectors
from crosscheck.names import Name, NameReader, NameType, name_key
from crosscheck.syntax import Syntax, Word

CACHE_FILE = "cache.sqlite3"
# Bump when a stored layout changes; an older file is then rebuilt rather than misread.
# 2: every row carries a checksum of its key and values. 3: parses replace placed names.
SCHEMA_VERSION = 3
# How long a writer waits for another run's write transaction before giving up on caching
# (the values are still returned); each transaction is one batch insert, well under a second.
BUSY_TIMEOUT_MS = 10_000
# SQLite's default limit on host parameters per statement is 32,766; stay well under it.
LOOKUP_CHUNK = 900
# Texts computed and stored at a time when many are missing: a killed run loses at most one chunk.
STORE_CHUNK = 2048
# Each table: the columns stored per (model, claim text).
TABLES = {
    "vectors": ("dim INTEGER NOT NULL", "vector BLOB NOT NULL"),  # raw float32
    "names": ("names TEXT NOT NULL",),  # JSON: [[text, type, start, end], ...] (NameReader.find)
    "syntax": ("words TEXT NOT NULL",),  # JSON: [[start, end, lemma, tag, pos, dep, head], ...] (NameReader.parse)
    # What a re-run reuses of later stages (crosscheck.incremental), keyed by a hash of their inputs:
    "blocks": ("count INTEGER NOT NULL", "pairs BLOB NOT NULL"),  # an article pair's scored candidates
    "clusters": ("clusters TEXT NOT NULL",),  # JSON: one component's clusters, as local indices
    "findings": ("finding TEXT NOT NULL",),  # JSON: one group's finding
}

Warn = Callable[[str], None]
Row = tuple[Any, ...]
T = TypeVar("T")


class CacheWarning(UserWarning):
    """The cache could not be used as it was (rebuilt, or skipped for this run)."""


def _default_warn(message: str) -> None:
    warnings.warn(message, CacheWarning, stacklevel=3)


class OtherLayout(sqlite3.DatabaseError):
    """The file is a cache of another layout (SCHEMA_VERSION): sound, but not readable here."""


class Store:
    """The cache file: rows of one table by model and sha256 of the claim text."""

    def __init__(self, folder: Path, *, warn: Warn | None = None):
        self.path = Path(folder) / CACHE_FILE
        self._warn = warn or _default_warn

    def lookup(self, table: str, model: str, keys: Sequence[bytes]) -> dict[bytes, Row]:
        """The stored rows of `keys` (value columns only) whose checksum holds; none when the
        file cannot be read."""
        found: dict[bytes, Row] = {}
        damaged = 0
        columns = ", ".join(c.split()[0] for c in TABLES[table])
        try:
            with self._connect() as db:
                for start in range(0, len(keys), LOOKUP_CHUNK):
                    chunk = keys[start : start + LOOKUP_CHUNK]
                    marks = ",".join("?" * len(chunk))
                    rows = db.execute(
                        f"SELECT text_sha256, {columns}, checksum FROM {table} "
                        f"WHERE model = ? AND text_sha256 IN ({marks})",
                        (model, *chunk),
                    )
                    for key, *values, checksum in rows:
                        if checksum == _checksum(model, key, values):
                            found[key] = tuple(values)
                        else:
                            damaged += 1
        except OSError as error:  # the folder cannot be made or read
            self._warn(f"cache folder {self.path.parent} unusable ({error.strerror}); working without it this run")
            return {}
        except sqlite3.OperationalError as error:  # busy past the timeout, disk I/O: skip, keep the file
            self._warn(f"cache {self.path} unreadable ({error}); working without it this run")
            return {}
        except sqlite3.DatabaseError as error:  # a damaged page found mid-query
            self._warn(f"cache {self.path} is corrupt ({error}); rebuilding it")
            self._delete()
            return {}
        if damaged:
            self._warn(f"cache {self.path}: {damaged} damaged entries ignored and recomputed")
        return found

    def store(self, table: str, model: str, rows: dict[bytes, Row]) -> None:
        marks = ", ".join("?" * (3 + len(TABLES[table])))
        try:
            with self._connect() as db, db:  # one short transaction per batch
                db.executemany(  # REPLACE: a damaged row is rewritten
                    f"INSERT OR REPLACE INTO {table} VALUES ({marks})",
                    [(model, key, *values, _checksum(model, key, values)) for key, values in rows.items()],
                )
        except OSError as error:
            self._warn(f"cache folder {self.path.parent} unusable ({error.strerror}); working without it this run")
        except sqlite3.Error as error:
            self._warn(f"cache {self.path} not updated ({error})")

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """An open, checked cache; a file that is not one is deleted and rebuilt (once)."""
        try:
            db = self._open()
        except sqlite3.OperationalError:
            raise
        except OtherLayout as error:
            self._warn(f"cache {self.path} {error}; rebuilding it")
            self._delete()
            db = self._open()
        except sqlite3.DatabaseError as error:
            self._warn(f"cache {self.path} is corrupt ({error}); rebuilding it")
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
                for table, columns in TABLES.items():
                    db.execute(
                        f"CREATE TABLE IF NOT EXISTS {table} (model TEXT NOT NULL, text_sha256 BLOB NOT NULL, "
                        f"{', '.join(columns)}, checksum BLOB NOT NULL, PRIMARY KEY (model, text_sha256)) WITHOUT ROWID"
                    )
                db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            (version,) = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if version != str(SCHEMA_VERSION):
                raise OtherLayout(
                    f"was written by another version of crosscheck (layout {version}, this one {SCHEMA_VERSION})"
                )
        except BaseException:
            db.close()
            raise
        return db

    def _delete(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)


class CachedEmbedder:
    """Wraps an Embedder: texts seen before under the same model come from disk, others from `inner`.

    The key is the model's identity (`inner.identity` when it has one, e.g. name and weights
    sha256, else `inner.name`) and the sha256 of the exact text, so an edited claim or another
    model never reuses a stale vector. Vectors are stored as raw float32 bytes: a cached vector
    is bit-for-bit the one the model produced.
    """

    def __init__(self, inner: Embedder, folder: Path, *, warn: Warn | None = None):
        self.inner = inner
        self.store = Store(folder, warn=warn)

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def identity(self) -> str:
        return str(getattr(self.inner, "identity", self.inner.name))

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return self.inner.encode([])

        def embed(missing: list[int]) -> list[np.ndarray]:
            return list(self.inner.encode([texts[i] for i in missing]))

        rows = _through(self.store, "vectors", self.identity, texts, embed, _vector_row, _vector)
        return np.ascontiguousarray(np.stack(rows), dtype=np.float32)


class CachedNames:
    """Wraps a NameReader: both passes, `find` and `parse`, are read from disk for texts seen
    before under the same reader identity (model weights and crosscheck's rules)."""

    def __init__(self, inner: NameReader, folder: Path, *, warn: Warn | None = None):
        self.inner = inner
        self.store = Store(folder, warn=warn)

    @property
    def identity(self) -> str:
        return self.inner.identity

    def find(self, texts: Sequence[str]) -> list[tuple[Name, ...]]:
        def find(missing: list[int]) -> list[tuple[Name, ...]]:
            return self.inner.find([texts[i] for i in missing])

        return _through(self.store, "names", self.identity, texts, find, _names_row, _names)

    def parse(self, texts: Sequence[str]) -> list[Syntax]:
        def parse(missing: list[int]) -> list[Syntax]:
            return self.inner.parse([texts[i] for i in missing])

        return _through(self.store, "syntax", self.identity, texts, parse, _syntax_row, _syntax)


def _through(
    store: Store,
    table: str,
    model: str,
    texts: Sequence[str],
    compute: Callable[[list[int]], Sequence[T]],
    to_row: Callable[[T], Row],
    from_row: Callable[[Row], T | None],
) -> list[T]:
    """Each text's value: from `store` where a stored row reads back, else computed (once per
    distinct text, passing the index of its first occurrence) and stored."""
    keys = [_text_key(t) for t in texts]
    known: dict[bytes, T] = {}
    for key, row in store.lookup(table, model, sorted(set(keys))).items():
        value = from_row(row)
        if value is not None:  # a torn or foreign row is a miss, not an error
            known[key] = value
    missing: dict[bytes, int] = {}
    for index, key in enumerate(keys):
        if key not in known:
            missing.setdefault(key, index)
    pending = list(missing.items())
    # Stored chunk by chunk as it goes: a run killed an hour into embedding keeps its work.
    for start in range(0, len(pending), STORE_CHUNK):
        chunk = dict(pending[start : start + STORE_CHUNK])
        fresh = dict(zip(chunk, compute(list(chunk.values())), strict=True))
        store.store(table, model, {key: to_row(value) for key, value in fresh.items()})
        known.update(fresh)
    return [known[key] for key in keys]


def _vector_row(vector: np.ndarray) -> Row:
    return len(vector), np.asarray(vector, dtype=np.float32).tobytes()


def _vector(row: Row) -> np.ndarray | None:
    dim, blob = row
    vector = np.frombuffer(blob, dtype=np.float32)
    return vector if len(vector) == dim else None


def _names_row(names: tuple[Name, ...]) -> Row:
    return (json.dumps([[n.text, n.type.value, n.start, n.end] for n in names]),)


def _names(row: Row) -> tuple[Name, ...] | None:
    try:
        return tuple(
            Name(text, NameType(kind), name_key(text), start, end) for text, kind, start, end in json.loads(row[0])
        )
    except (ValueError, TypeError):
        return None


def _syntax_row(syntax: Syntax) -> Row:
    # Fields by hand: dataclasses.astuple deep-copies, and took 3 s of 4,270 parses at 1,000 articles.
    return (json.dumps([(w.start, w.end, w.lemma, w.tag, w.pos, w.dep, w.head) for w in syntax]),)


def _syntax(row: Row) -> Syntax | None:
    try:
        return tuple(Word(*word) for word in json.loads(row[0]))
    except (ValueError, TypeError):
        return None


def _checksum(model: str, key: bytes, values: Sequence[Any]) -> bytes:
    """What a row must hash to: its model, key and values, each length-prefixed."""
    digest = hashlib.sha256()
    for part in (model, key, *values):
        data = part if isinstance(part, bytes) else str(part).encode("utf-8")
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.digest()[:16]


def _text_key(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()
