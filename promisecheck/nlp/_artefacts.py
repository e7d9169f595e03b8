"""Objects that take long to build from a model file but little to unpickle (a tokeniser's tables), kept in
``<cache directory>/artefacts/`` so that only the first process builds them.

The directory is the results cache's: a ``Checker`` with a cache sets it, one without (``--no-cache``)
unsets it, and then artefacts are built in every process and nothing is written. An artefact's file name
carries a digest of what it was built from (the source files' paths, sizes and mtimes, the building
library's version, Python's version), so a changed source is a miss. A missing, unreadable or stale file is
built again; a directory that cannot be written is skipped.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
_directory: str | None = None


def set_directory(cache_directory: str | os.PathLike | None) -> None:
    """Keep artefacts under ``cache_directory`` (``None``: build them in every process)."""
    global _directory
    _directory = os.fspath(cache_directory) if cache_directory is not None else None


def artefact_path(directory: str, name: str, sources: Sequence[str | os.PathLike], version: str) -> Path:
    digest = hashlib.sha256(f"{name}\n{version}\n{sys.version_info[:2]}".encode())
    for source in sources:
        stat = os.stat(source)
        digest.update(f"\n{os.path.abspath(source)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return Path(directory) / "artefacts" / f"{name}-{digest.hexdigest()[:20]}.pickle"


def cached_artefact(name: str, sources: Sequence[str | os.PathLike], version: str, build: Callable[[], T]) -> T:
    """``build()``, or what an earlier process pickled of it for the same sources and version."""
    if _directory is None:
        return build()
    try:
        path = artefact_path(_directory, name, sources, version)
    except OSError:  # a source that cannot be read: let build() say so
        return build()
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except Exception:  # noqa: BLE001 — missing, truncated or written by another version: build it again
        pass
    value = build()
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(partial, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)  # atomic: another process reads the old file or the new one, never half
        for stale in path.parent.glob(f"{name}-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):  # a read-only cache: build it in every process
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
    return value
