"""The ``Block`` type shared by all readers, and the builder that normalises a block's text."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.entities import html5

KINDS = frozenset(
    {"heading", "paragraph", "list_item", "table_cell", "alt_text", "blockquote", "text"}
)


@dataclass(frozen=True, slots=True)
class Block:
    """A run of visible prose, with the exact source position of every character.

    ``text`` is normalised: markup removed, entities decoded, each whitespace run collapsed to one
    space, no space at either end. For every ``i``:

    - ``offsets[i]`` is the index in the original source of the character (or the first character
      of the entity / whitespace run) that produced ``text[i]``;
    - ``ends[i]`` is the index just past that source token: ``offsets[i] + 1`` for a plain
      character, just past the ``;`` for ``&amp;``. When ``ends`` is omitted every character is
      taken to be one source character wide.

    ``kind`` is one of ``KINDS``.
    """

    text: str
    offsets: tuple[int, ...]
    kind: str
    ends: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if len(self.offsets) != len(self.text):
            raise ValueError("Block.offsets must have one entry per character of text")
        if not self.ends:
            object.__setattr__(self, "ends", tuple(o + 1 for o in self.offsets))
        elif len(self.ends) != len(self.text):
            raise ValueError("Block.ends must have one entry per character of text")
        if self.kind not in KINDS:
            raise ValueError(f"unknown block kind '{self.kind}'")

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` offsets (end exclusive) of ``text[start:end]``.

        Needs ``0 <= start < end <= len(text)`` (else ``ValueError``). ``end`` is ``ends[end - 1]``,
        so a text ending in a decoded entity covers all of it.
        """
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"bad span ({start}, {end}) of a {len(self.text)}-character block")
        return self.offsets[start], self.ends[end - 1]

    def to_dict(self) -> dict[str, object]:
        """``text``, ``kind`` and the ``start``/``end`` source offsets of the whole block."""
        start, end = self.span(0, len(self.text)) if self.text else (0, 0)
        return {"text": self.text, "kind": self.kind, "start": start, "end": end}


class BlockBuilder:
    """Collects characters with their source ranges, then builds one normalised ``Block``."""

    __slots__ = ("kind", "_chars", "_starts", "_ends")

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._chars: list[str] = []
        self._starts: list[int] = []
        self._ends: list[int] = []

    def add(self, text: str, start: int, end: int) -> None:
        """Append ``text``, every character of which came from ``source[start:end]``."""
        for ch in text:
            self._chars.append(ch)
            self._starts.append(start)
            self._ends.append(end)

    def add_source(self, source: str, start: int, end: int, base: int = 0) -> None:
        """Append ``source[start:end]`` verbatim; ``source[i]`` sits at offset ``base + i``."""
        self._chars.extend(source[start:end])
        self._starts.extend(range(base + start, base + end))
        self._ends.extend(range(base + start + 1, base + end + 1))

    def __bool__(self) -> bool:
        return bool(self._chars)

    def build(self, drop: re.Pattern[str] | None = None) -> Block | None:
        """The normalised block, or ``None`` if it has no visible text.

        Characters matched by ``drop`` (e.g. bare URLs) are removed before whitespace is collapsed.
        """
        keep = [True] * len(self._chars)
        if drop is not None:
            for m in drop.finditer("".join(self._chars)):
                keep[m.start() : m.end()] = [False] * (m.end() - m.start())
        text: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        space: int | None = None  # index of the first character of a pending whitespace run
        for i, ch in enumerate(self._chars):
            if not keep[i]:
                continue
            if ch.isspace():
                if space is None and text:
                    space = i
                continue
            if space is not None:
                text.append(" ")
                starts.append(self._starts[space])
                ends.append(self._ends[space])
                space = None
            text.append(ch)
            starts.append(self._starts[i])
            ends.append(self._ends[i])
        if not text:
            return None
        return Block("".join(text), tuple(starts), self.kind, tuple(ends))


_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]+;?|#[0-9]+;?|[a-zA-Z][a-zA-Z0-9]*;?)")


def decode_entities(raw: str, base: int, out: BlockBuilder) -> None:
    """Append ``raw`` (found at source offset ``base``) to ``out``, with HTML entities decoded.

    A decoded character maps to its whole entity; text that is not an entity is kept as written.
    """
    pos = 0
    for m in _ENTITY.finditer(raw):
        out.add_source(raw, pos, m.start(), base)
        decoded, size = _decode(m.group())
        if decoded is None:  # not an entity: keep the '&', the name follows as plain text
            decoded, size = "&", 1
        out.add(decoded, base + m.start(), base + m.start() + size)
        pos = m.start() + size
    out.add_source(raw, pos, len(raw), base)


def _decode(token: str) -> tuple[str | None, int]:
    """The text of the entity that ``token`` starts with, and how many characters it spans."""
    if token[1] == "#":
        # html.unescape maps bad code points as browsers do (e.g. &#0; -> U+FFFD).
        return html.unescape(token if token.endswith(";") else token + ";"), len(token)
    if token.endswith(";") and token[1:] in html5:
        return html5[token[1:]], len(token)
    # Legacy entities also work without ';' ("&copy 2024", "&ampfoo"): take the longest one.
    name = token[1:].rstrip(";")
    for size in range(len(name), 1, -1):
        if name[:size] in html5:
            return html5[name[:size]], 1 + size
    return None, 0
