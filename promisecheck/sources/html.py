"""HTML reader, built on the standard library's ``html.parser``.

Keeps the visible text of the page, with entities decoded: one block per block-level element
(``p``, ``div``, ``li``, ``h1``–``h6``, ``td``, ``th``, ``blockquote``, ``br``, …); inline
elements (``a``, ``b``, ``em``, ``span``, ``code``, …) do not break a block. The ``alt`` text of
each ``<img>`` is its own ``"alt_text"`` block, and the document ``<title>`` is a ``"heading"``.

Skips ``<script>``, ``<style>``, ``<template>``, ``<noscript>``, the rest of ``<head>``, comments,
doctypes, processing instructions, and every attribute other than ``<img alt>``.

Kinds come from the innermost enclosing ``h1``–``h6``/``title`` (heading), ``li`` (list_item),
``td``/``th`` (table_cell) or ``blockquote``; anything else is a paragraph.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ._block import Block, BlockBuilder, decode_entities

_SKIPPED = frozenset({"script", "style", "template", "noscript"})
_BLOCK_LEVEL = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "br", "button", "caption", "dd",
        "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
        "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html",
        "label", "legend", "li", "main", "menu", "nav", "ol", "option", "p", "pre", "section",
        "select", "summary", "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "title",
        "tr", "ul",
    }
)  # fmt: skip
_VOID = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    }
)  # fmt: skip
_KIND_OF = {
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
    "h6": "heading", "title": "heading", "li": "list_item", "td": "table_cell",
    "th": "table_cell", "blockquote": "blockquote",
}  # fmt: skip

_BAD_CHARREF = re.compile(r"&(?=#(?![0-9]+[^0-9a-fA-F]|[xX][0-9a-fA-F]+[^0-9a-fA-F]))")
_TAG_NAME = re.compile(r"<[^\s/>]*")
# One attribute of a start tag; mirrors html.parser's tolerant attribute syntax.
_ATTR = re.compile(r"""([^\s/>=][^\s/>=]*)(?:\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?""")


def read(source: str) -> list[Block]:
    """The visible text blocks of the HTML document ``source``."""
    # Some Python versions stop parsing at an "&#" that starts no character reference (the rest
    # of the file becomes text): hide such '&'s from the parser. The length is unchanged, so
    # positions hold, and text is always taken from `source` itself.
    fed = _BAD_CHARREF.sub("\ufffd", source)
    parser = _Reader(source, fed)
    parser.feed(fed)
    parser.close()
    parser.flush()
    parser.blocks.sort(key=lambda b: b.offsets[0])
    return parser.blocks


class _Reader(HTMLParser):
    def __init__(self, source: str, fed: str) -> None:
        # Entities must reach us unconverted so that each decoded character keeps its position.
        super().__init__(convert_charrefs=False)
        self.source = source
        self.fed = fed  # what the parser reads: `source` with a few '&' hidden
        # getpos() counts lines by '\n' only ('\r' ends the previous line), so CRLF stays exact.
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", source))]
        self.stack: list[str] = []
        self.blocks: list[Block] = []
        self.current: BlockBuilder | None = None

    # -- positions ---------------------------------------------------------------------------

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[min(line, len(self.line_starts)) - 1] + col

    def _locate(self, raw: str) -> int:
        """Offset of the current token, whose text is ``raw``; searched nearby if getpos is off."""
        pos = self._offset()
        if self.fed.startswith(raw, pos):
            return pos
        found = self.fed.find(raw, max(pos - len(raw), 0))
        return found if found >= 0 else pos

    # -- state -------------------------------------------------------------------------------

    def _hidden(self) -> bool:
        if any(tag in _SKIPPED for tag in self.stack):
            return True
        return "head" in self.stack and "title" not in self.stack

    def _kind(self) -> str:
        for tag in reversed(self.stack):
            if tag in _KIND_OF:
                return _KIND_OF[tag]
        return "paragraph"

    def _out(self) -> BlockBuilder:
        if self.current is None:
            self.current = BlockBuilder(self._kind())
        return self.current

    def flush(self) -> None:
        """End the current block."""
        if self.current is not None:
            block = self.current.build()
            if block is not None:
                self.blocks.append(block)
            self.current = None

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:  # a malformed `<![…`: skip it up to '>', as browsers do
            end = self.rawdata.find(">", i)
            return -1 if end < 0 else end + 1

    # -- parser callbacks --------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, push=tag not in _VOID)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, push=False)

    def _start(self, tag: str, push: bool) -> None:
        if tag in _BLOCK_LEVEL:
            self.flush()
        if tag == "body" and "head" in self.stack:
            del self.stack[self.stack.index("head") :]  # <body> closes an unclosed <head>
        if tag == "img" and not self._hidden():
            self._alt_text()
        if push:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_LEVEL:
            self.flush()
        if tag in self.stack:
            # Also closes whatever was left open inside it, as browsers do.
            del self.stack[len(self.stack) - 1 - self.stack[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if self._hidden() or not data:
            return
        # Data holds no entities here (they come through handle_*ref), except a lone '&' or, on
        # Python versions that parse <title>/<textarea> as raw text, whole entities: decode anyway.
        pos = self._locate(data)
        decode_entities(self.source[pos : pos + len(data)], pos, self._out())

    def handle_entityref(self, name: str) -> None:
        self._reference(1 + len(name))

    def handle_charref(self, name: str) -> None:
        self._reference(2 + len(name))

    def _reference(self, size: int) -> None:
        if self._hidden():
            return
        start = self._offset()
        end = start + size
        if self.source.startswith(";", end):
            end += 1
        decode_entities(self.source[start:end], start, self._out())

    def _alt_text(self) -> None:
        raw = self.get_starttag_text() or ""
        base = self._locate(raw)
        raw = self.source[base : base + len(raw)]
        name = _TAG_NAME.match(raw)
        for m in _ATTR.finditer(raw, name.end() if name else 0):
            if m.group(1).lower() != "alt" or m.group(2) is None:
                continue
            value, start = m.group(2), m.start(2)
            if value[:1] in ("'", '"'):
                value, start = value[1:-1], start + 1
            alt = BlockBuilder("alt_text")
            decode_entities(value, base + start, alt)
            block = alt.build()
            if block is not None:
                self.blocks.append(block)
            return
