"""Reading text files safely: size cap, binary detection, exact UTF-8 errors."""

from __future__ import annotations

import os

from .errors import PromisecheckError
from .report import LineIndex

MAX_FILE_BYTES = 5 * 1024 * 1024
#: Labelled case files (``promisecheck eval``) are a project's own evaluation data, not copy: a larger limit.
MAX_CASE_FILE_BYTES = 64 * 1024 * 1024


def decode_text(data: bytes, path: str) -> str:
    """Decode UTF-8 (a leading BOM is dropped so columns match what editors show)."""
    if b"\x00" in data[:8192]:
        raise PromisecheckError("binary file, not text", path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        good = data[:start].decode("utf-8", errors="replace").removeprefix("\ufeff")
        line, column = LineIndex(good + " ").position(len(good))
        raise PromisecheckError(f"invalid UTF-8 (byte 0x{data[start]:02x})", path, line, column) from None


def read_text_file(path: str | os.PathLike, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a text file, turning every way it can fail into a one-line ``PromisecheckError``."""
    name = os.fspath(path)
    try:
        size = os.path.getsize(name)
        if os.path.isdir(name):
            raise PromisecheckError("is a directory, not a file", name)
        if size > max_bytes:
            raise PromisecheckError(f"file too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)", name)
        with open(name, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise PromisecheckError("no such file", name) from None
    except PermissionError:
        raise PromisecheckError("permission denied", name) from None
    except OSError as exc:
        raise PromisecheckError(exc.strerror or str(exc), name) from None
    return decode_text(data, name)
