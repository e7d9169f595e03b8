"""Plain-text reader.

Keeps everything. A block is a paragraph: a run of lines up to a blank line (a line holding only
whitespace). Line breaks inside a paragraph become single spaces, so a sentence wrapped over two
lines stays one sentence. Every block has kind ``"text"``.
"""

from __future__ import annotations

import re

from ._block import Block, BlockBuilder

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def read(source: str) -> list[Block]:
    """The paragraphs of ``source``."""
    blocks: list[Block] = []
    para = BlockBuilder("text")
    start = 0
    for m in [*_LINE_BREAK.finditer(source), None]:
        end = m.end() if m else len(source)
        text_end = m.start() if m else len(source)
        if source[start:text_end].strip():
            para.add_source(source, start, end)  # the line break joins the next line with a space
        elif para:
            _flush(para, blocks)
            para = BlockBuilder("text")
        start = end
    _flush(para, blocks)
    return blocks


def _flush(para: BlockBuilder, blocks: list[Block]) -> None:
    block = para.build()
    if block is not None:
        blocks.append(block)
