"""Markdown and MDX reader, built on ``markdown-it-py`` (CommonMark + GFM tables + front matter).

Keeps: headings, paragraphs, list items (``"list_item"``), paragraphs in block quotes
(``"blockquote"``), each table cell (``"table_cell"``), image alt text (its own ``"alt_text"``
block) and link text. Entities are decoded and backslash escapes resolved (the escaped character
maps to its own position, not to the backslash).

Skips: front matter, fenced and indented code, code spans, HTML blocks, inline HTML tags and
comments (text between ``<b>…</b>`` is kept; an inline ``<br>`` ends the block), link
destinations and titles, autolinks, bare ``http(s)://``/``ftp://`` URLs, emphasis markers,
GFM task-list boxes (``[ ]``/``[x]``), and reference definitions.

MDX (``read_mdx``) is the same, and also skips top-level ``import``/``export`` statements and
``{/* … */}`` comments, drops lines holding nothing but a JSX tag (so the prose inside
``<Note>…</Note>`` is read), and has no indented code, as in MDX itself.

markdown-it gives line ranges for blocks but no columns for inline tokens, so each inline token's
``content`` is first aligned with its source lines (`_align`), then its children are found in that
content by scanning forward from a cursor (`_Inline`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination, parseLinkTitle
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from ._block import Block, BlockBuilder

# Bare URLs are not prose. The blank before one goes with it and trailing sentence punctuation
# stays, so "See https://x.com." reads "See."; parentheses count only when balanced.
_URL = (
    r"\s*\b(?:https?|ftp)://"
    r"(?:[^\s<>()]|\([^\s<>()]*\))*"  # any URL character, parentheses in pairs
    r"(?:[^\s<>().,:;!?'\"\]}*_~]|\([^\s<>()]*\))"  # ends on neither punctuation nor a lone ')'
)
_BARE_URL = re.compile(_URL)
# A GFM task-list box ("- [x] Ship it") is not prose either.
_BARE_URL_OR_TASK_BOX = re.compile(rf"\A\s*\[[ xX]\](?=\s)|{_URL}")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BR = re.compile(r"<br\b", re.IGNORECASE)
_TRIM = " \t\f\v"  # what markdown-it trims off block content (besides line breaks)
_KIND_OF = {
    "heading_open": "heading",
    "th_open": "table_cell",
    "td_open": "table_cell",
    "list_item_open": "list_item",
    "blockquote_open": "blockquote",
}

# MDX: ESM statements, comments and lone JSX tags.
_ESM = re.compile(
    r"import\b\s*(?:['\"]|[\s\S]*?\bfrom\s*['\"])"
    r"|export\s+(?:default|const|let|var|function|class|async|type|interface|enum)\b"
    r"|export\s*[{*]"
)
_JSX_COMMENT = re.compile(r"\{\s*/\*[\s\S]*?\*/\s*\}")
_JSX_TAG_LINE = re.compile(
    r"[ \t]*(?:<[A-Za-z][\w.:-]*(?:\s[^<>]*)?/?>|</[A-Za-z][\w.:-]*\s*>|<>|</>)[ \t]*"
)


def read(source: str) -> list[Block]:
    """The prose blocks of the Markdown document ``source``."""
    return _read(source, mdx=False)


def read_mdx(source: str) -> list[Block]:
    """The prose blocks of the MDX document ``source``."""
    return _read(source, mdx=True)


@functools.cache
def _parser(mdx: bool) -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
    # Keep escapes and entities as separate `text_special` tokens: `markup` is their source form.
    md.disable("text_join")
    if mdx:
        md.disable("code")
    return md


def _read(source: str, mdx: bool) -> list[Block]:
    text, origin = _prepare(source, mdx)
    lines = _line_spans(text)
    blocks: list[Block] = []
    context: list[str] = []  # open block tokens, innermost last
    cursor = 0  # offset in `text` past the last aligned character
    cell = 0  # index of the next cell in the current table row
    for token in _parser(mdx).parse(text):
        if token.nesting == 1:
            context.append(token.type)
            if token.type == "tr_open":
                cell = 0
        elif token.nesting == -1:
            if context:
                context.pop()
        elif token.type == "inline" and token.map:
            first_line = min(token.map[0], len(lines) - 1)
            if context and context[-1] in ("th_open", "td_open"):
                line = lines[first_line]
                positions, cursor = _align_cell(token.content, text, line, cursor, cell)
                cell += 1
            else:
                positions, cursor = _align(token.content, text, lines, first_line, cursor)
            parts = [BlockBuilder(_kind(context))]
            alts: list[BlockBuilder] = []
            _Inline(token.content, positions, origin).walk(token.children or [], parts, alts)
            for builder in (*parts, *alts):
                drop = _BARE_URL_OR_TASK_BOX if builder.kind == "list_item" else _BARE_URL
                block = builder.build(drop=drop)
                if block is not None:
                    blocks.append(block)
    blocks.sort(key=lambda b: b.offsets[0])
    return blocks


def _kind(context: Sequence[str]) -> str:
    for token_type in reversed(context):
        if token_type in _KIND_OF:
            return _KIND_OF[token_type]
    return "paragraph"


# -- source preparation ------------------------------------------------------------------------


def _prepare(source: str, mdx: bool) -> tuple[str, list[int]]:
    """The text to parse and, for each of its characters (plus one past the end), its source offset.

    Markdown is parsed as is; MDX has its non-Markdown parts cut out first.
    """
    cuts = _mdx_cuts(source) if mdx else []
    pieces: list[str] = []
    origin: list[int] = []
    pos = 0
    for start, end in sorted(cuts):
        start = max(start, pos)
        if end <= start:
            continue
        pieces.append(source[pos:start])
        origin.extend(range(pos, start))
        pos = end
    pieces.append(source[pos:])
    origin.extend(range(pos, len(source) + 1))
    # markdown-it turns NUL into U+FFFD (same length), and line breaks into '\n' (see _line_spans).
    return "".join(pieces).replace("\0", "\ufffd"), origin


def _mdx_cuts(source: str) -> list[tuple[int, int]]:
    """Source ranges that MDX does not treat as Markdown."""
    cuts = [m.span() for m in _JSX_COMMENT.finditer(source)]
    spans = _line_spans(source)
    i = 0
    after_break = True  # at the start of the file, after a blank line or a front matter fence
    while i < len(spans):
        start, end = spans[i]
        line = source[start:end]
        if after_break and _ESM.match(_chunk(source, spans, i)):
            # An ESM statement runs to the next blank line.
            while i < len(spans) and source[spans[i][0] : spans[i][1]].strip():
                cuts.append(spans[i])
                i += 1
            after_break = True
            continue
        if _JSX_TAG_LINE.fullmatch(line):
            cuts.append((start, end))
        after_break = not line.strip() or line.strip() == "---"
        i += 1
    return cuts


def _chunk(source: str, spans: list[tuple[int, int]], i: int) -> str:
    """Lines from ``i`` up to the next blank line."""
    j = i
    while j < len(spans) and source[spans[j][0] : spans[j][1]].strip():
        j += 1
    return source[spans[i][0] : spans[j - 1][1]] if j > i else ""


def _line_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each line, line break excluded; lines are split as markdown-it does."""
    spans = []
    start = 0
    for m in _LINE_BREAK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


# -- aligning an inline token's content with its source lines -------------------------------------


def _align(
    content: str, text: str, lines: list[tuple[int, int]], first: int, cursor: int
) -> tuple[list[int], int]:
    """Offset in ``text`` of each character of ``content`` (whose lines start at line ``first``).

    markdown-it builds ``content`` from the block's source lines minus container prefixes
    (``> ``, list markers, indentation) and heading markers, joined with '\\n'. Returns the
    offsets and the new cursor.
    """
    positions: list[int] = []
    last = len(lines) - 1
    previous_end = 0
    for k, part in enumerate(content.split("\n")):
        line_start, line_end = lines[min(first + k, last)]
        if k:
            positions.append(previous_end)  # the '\n' stands for the previous line's break
        low = min(max(cursor, line_start), line_end)
        found = _locate(part, text, low, line_end)
        positions.extend(found)
        if found:
            cursor = max(cursor, found[-1] + 1)
        previous_end = line_end
    return positions, cursor


def _locate(part: str, text: str, low: int, high: int) -> list[int]:
    """Offsets of the characters of ``part`` (one content line) within ``text[low:high]``."""
    core = part.strip(_TRIM)
    if not core:
        return [low] * len(part)
    lead = len(part) - len(part.lstrip(_TRIM))
    segment = text[low:high]
    trimmed = segment.rstrip(_TRIM)
    # A paragraph line is a suffix of its source line; a heading's text is followed by '#'s.
    at = len(trimmed) - len(core) if trimmed.endswith(core) else segment.find(core)
    if at >= 0:
        found = list(range(low + at, low + at + len(core)))
    else:
        found = _greedy(core, text, low, high)
    # Leading/trailing blanks of a content line are never emitted; keep them in order, nearby.
    before = [max(low, found[0] - lead + j) for j in range(lead)]
    after = [min(found[-1] + 1 + j, high) for j in range(len(part) - lead - len(core))]
    return before + found + after


def _align_cell(
    content: str, text: str, line: tuple[int, int], row_pos: int, index: int
) -> tuple[list[int], int]:
    """Offsets of a table cell's ``content``, the ``index``-th cell of the row on ``line``.

    ``row_pos`` is where the previous cell ended. Cells are separated by pipes not preceded by a
    backslash; ``content`` is trimmed and has ``\\|`` turned into ``|``. Returns the offsets and
    the new ``row_pos``.
    """
    line_start, line_end = line
    if index == 0:
        row_pos = line_start
    else:
        pipe = _next_pipe(text, row_pos, line_end)
        row_pos = pipe + 1 if pipe >= 0 else row_pos
    if not content:
        if index == 0:  # an empty first cell means the row starts with a pipe
            pipe = _next_pipe(text, line_start, line_end)
            row_pos = pipe + 1 if pipe >= 0 else row_pos
        return [], row_pos
    # Any '|' left in a cell was escaped, so it must be written '\|' in the source.
    pattern = "".join(r"\\\|" if ch == "|" else re.escape(ch) for ch in content)
    m = re.compile(pattern).search(text, row_pos, line_end)
    if m is None:
        found = _greedy(content, text, row_pos, line_end)
    else:
        found = []
        pos = m.start()
        for ch in content:
            pos += ch == "|"  # step over the backslash
            found.append(pos)
            pos += 1
    return found, found[-1] + 1


def _next_pipe(text: str, pos: int, end: int) -> int:
    """Offset of the next cell-separating pipe in ``text[pos:end]``, or -1."""
    at = text.find("|", pos, end)
    while at > 0 and text[at - 1] == "\\":
        at = text.find("|", at + 1, end)
    return at


def _greedy(core: str, text: str, low: int, high: int) -> list[int]:
    """Fallback alignment: each character at its next occurrence, else where the scan stands."""
    found = []
    pos = low
    for ch in core:
        at = text.find(ch, pos, high)
        if at < 0:
            found.append(min(pos, max(high - 1, low)))
        else:
            found.append(at)
            pos = at + 1
    return found


# -- walking inline tokens ---------------------------------------------------------------------


class _Inline:
    """Emits the visible characters of one inline token, found in its ``content`` by a cursor."""

    def __init__(self, content: str, positions: list[int], origin: list[int]) -> None:
        self.content = content
        self.positions = positions
        self.origin = origin
        self.cursor = 0

    def _source(self, index: int) -> int:
        """Source offset of ``content[index]``."""
        if not self.positions:
            return 0
        pos = self.positions[min(max(index, 0), len(self.positions) - 1)]
        return self.origin[min(max(pos, 0), len(self.origin) - 1)]

    def _emit(self, out: BlockBuilder, text: str, first: int, last: int) -> None:
        """Add ``text``, produced by ``content[first:last + 1]``."""
        out.add(text, self._source(first), self._source(last) + 1)

    def _skip(self, literal: str) -> int:
        """Move the cursor past the next ``literal``; returns where it starts (-1: not found)."""
        at = self.content.find(literal, self.cursor) if literal else -1
        if at >= 0:
            self.cursor = at + len(literal)
        return at

    def walk(
        self, children: list[Token], out: list[BlockBuilder], alts: list[BlockBuilder]
    ) -> None:
        """Add the visible text of ``children`` to ``out[-1]``, and image alt texts to ``alts``.

        An inline ``<br>`` starts a new builder in ``out``: it ends a block, as in the HTML reader.
        """
        i = 0
        while i < len(children):
            token = children[i]
            kind = token.type
            if kind == "text":
                self._text(token.content, out[-1])
            elif kind == "text_special":
                self._special(token, out[-1])
            elif kind in ("softbreak", "hardbreak"):
                self._break(out[-1])
            elif kind == "code_inline":
                self._code(token.markup)
            elif kind == "html_inline":
                self._skip(token.content)
                if _BR.match(token.content):
                    out.append(BlockBuilder(out[-1].kind))
            elif kind == "image":
                alt = [BlockBuilder("alt_text")]
                self._skip("![")
                self.walk(token.children or [], alt, alts)
                self._destination()
                alts.extend(alt)
            elif kind == "link_open" and token.markup in ("autolink", "linkify"):
                # `<https://…>`: the link text is the URL itself; skip the whole thing.
                while i < len(children) and children[i].type != "link_close":
                    i += 1
                if self._skip("<") >= 0:
                    self._skip(">")
            elif kind == "link_open":
                self._skip("[")
            elif kind == "link_close":
                self._destination()
            elif token.markup:
                self._skip(token.markup)  # emphasis markers
            i += 1

    def _text(self, text: str, out: BlockBuilder) -> None:
        at = self.content.find(text, self.cursor)
        if at < 0:  # not expected: keep the text, each character at its next occurrence if any
            for ch in text:
                index = self.content.find(ch, self.cursor)
                if index >= 0:
                    self.cursor = index + 1
                else:
                    index = self.cursor
                self._emit(out, ch, index, index)
            return
        for j, ch in enumerate(text):
            self._emit(out, ch, at + j, at + j)
        self.cursor = at + len(text)

    def _special(self, token: Token, out: BlockBuilder) -> None:
        at = self._skip(token.markup)
        if at < 0:
            self._text(token.content, out)
        elif token.info == "escape":
            # The escaped character maps to itself, not to the backslash (a backslash that escapes
            # nothing stays, as itself).
            first = self.cursor - len(token.content)
            for j, ch in enumerate(token.content):
                self._emit(out, ch, first + j, first + j)
        else:  # an entity: every decoded character maps to the whole `&…;`
            self._emit(out, token.content, at, self.cursor - 1)

    def _break(self, out: BlockBuilder) -> None:
        newline = self.content.find("\n", self.cursor)
        if newline < 0:
            return
        # The space stands for the first blank of the run: trailing spaces, else the line break.
        first = newline
        while first > self.cursor and self.content[first - 1] in " \t":
            first -= 1
        self._emit(out, " ", first, first)
        self.cursor = newline + 1

    def _code(self, fence: str) -> None:
        if self._skip(fence) < 0:
            return
        closing = re.compile(rf"(?<!`){re.escape(fence)}(?!`)").search(self.content, self.cursor)
        if closing:
            self.cursor = closing.end()

    def _destination(self) -> None:
        """Skip ``]`` and what follows a link text: ``(dest "title")``, ``[label]`` or ``[]``."""
        if self._skip("]") < 0:
            return
        content, end = self.content, len(self.content)
        pos = self.cursor
        if pos < end and content[pos] == "(":
            pos = _skip_blanks(content, pos + 1)
            result = parseLinkDestination(content, pos, end)
            if result.ok:
                pos = result.pos
                blanks_end = _skip_blanks(content, pos)
                title = parseLinkTitle(content, blanks_end, end)
                if blanks_end != pos and title.ok:
                    pos = _skip_blanks(content, title.pos)
                else:
                    pos = blanks_end
            if pos < end and content[pos] == ")":
                self.cursor = pos + 1
                return
        if self.cursor < end and content[self.cursor] == "[":
            close = content.find("]", self.cursor + 1)
            opening = content.find("[", self.cursor + 1)
            if close >= 0 and not 0 <= opening < close:
                self.cursor = close + 1


def _skip_blanks(content: str, pos: int) -> int:
    while pos < len(content) and content[pos] in " \t\n":
        pos += 1
    return pos
