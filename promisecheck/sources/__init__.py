"""Readers that turn a decoded source file into blocks of visible prose with exact offsets.

    blocks = read_source(text, ".md")
    start, end = blocks[0].span(0, 5)   # offsets into `text` of blocks[0].text[0:5]

Each reader takes the file's text (a ``str``, BOM already removed) and never touches the disk.
"""

from __future__ import annotations

from collections.abc import Callable

from . import html, markdown, plain
from ._block import KINDS, Block

Reader = Callable[[str], list[Block]]

_READERS: dict[str, Reader] = {
    ".md": markdown.read,
    ".markdown": markdown.read,
    ".mdx": markdown.read_mdx,
    ".html": html.read,
    ".htm": html.read,
    ".xhtml": html.read,
    ".txt": plain.read,
    ".text": plain.read,
}

SUPPORTED_EXTENSIONS: tuple[str, ...] = tuple(_READERS)


def reader_for(ext: str) -> Reader:
    """The reader for files ending in ``ext`` (e.g. ``".md"``; case-insensitive)."""
    key = ext.lower()
    if not key.startswith("."):
        key = "." + key
    try:
        return _READERS[key]
    except KeyError:
        raise ValueError(f"unsupported file type '{ext}'") from None


def read_source(source: str, ext: str) -> list[Block]:
    """The prose blocks of ``source``, read as the file type ``ext``, in source order."""
    return reader_for(ext)(source)


__all__ = ["KINDS", "SUPPORTED_EXTENSIONS", "Block", "Reader", "read_source", "reader_for"]
