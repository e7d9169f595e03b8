"""Segment a source file into sentences that keep their exact place in the file.

read (``sources``) → blocks of visible text → language of each block → sentences (spaCy) → offsets
into the original text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .nlp.langid import DEFAULT_LANGUAGES, detect_language
from .nlp.sentences import QUESTION_MARKS, split_sentences
from .sources import read_source

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    lang: str
    #: the kind of block it comes from (``sources.KINDS``): a heading or a table cell labels, it rarely claims
    kind: str = "text"

    @property
    def is_label(self) -> bool:
        """Whether it comes from a heading or a table cell (``LABEL_KINDS``)."""
        return self.kind in LABEL_KINDS

    @property
    def is_question(self) -> bool:
        """Whether it ends with a question mark (Latin or Arabic)."""
        return self.text.rstrip().endswith(QUESTION_MARKS)


#: Block kinds whose text labels what follows rather than claims something.
LABEL_KINDS = ("heading", "table_cell")


def _worth_checking(text: str) -> bool:
    # A lone word ("FAQ", "Menu", "1.") cannot break a promise; two words can ("Fees apply"), and so can
    # one exclaimed or asked ("Hurry!", "Vite !", "Buruan!", "أسرعوا!", "Tega?", "متأكدة؟").
    words = len(_WORD.findall(text))
    return bool(_LETTER.search(text)) and (words >= 2 or words == 1 and text.rstrip().endswith(("!", "！", "?", "؟")))


def segment(source: str, ext: str, languages: tuple[str, ...] = DEFAULT_LANGUAGES,
            default_language: str = "en") -> list[Sentence]:
    """The sentences of ``source`` (a decoded file whose type is given by ``ext``)."""
    blocks = read_source(source, ext)
    if not blocks:
        return []
    sample = " ".join(b.text for b in blocks)[:4000]
    doc_lang = detect_language(sample, languages, fallback=default_language) or default_language
    by_lang: dict[str, list[int]] = {}
    for i, block in enumerate(blocks):
        # a document of one short block: its language is the document's, already detected
        lang = doc_lang if block.text == sample else (
            detect_language(block.text, languages, fallback=doc_lang) or doc_lang)
        by_lang.setdefault(lang, []).append(i)
    sentences = []
    for lang, indices in by_lang.items():
        spans = split_sentences([blocks[i].text for i in indices], lang)
        for i, block_spans in zip(indices, spans):
            block = blocks[i]
            for s, e in block_spans:
                text = block.text[s:e]
                if _worth_checking(text):
                    start, end = block.span(s, e)
                    sentences.append(Sentence(text, start, end, lang, block.kind))
    sentences.sort(key=lambda s: s.start)
    return sentences


#: What ends a paragraph between two sentences: a blank line, or a tag (HTML blocks).
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n|<")


def preceding(sentences: Sequence[Sentence], source: str) -> list[tuple[Sentence, ...]]:
    """For each of a file's ``sentences`` (in order), those before it in its paragraph, after the heading
    over that paragraph if there is one: a job advert's "On recrute !" is what "Céramistes à Lille et à
    Toulouse" is part of."""
    result, paragraph = [], []
    for sentence in sentences:
        if paragraph and _PARAGRAPH_BREAK.search(source, paragraph[-1].end, sentence.start):
            paragraph = paragraph[-1:] if paragraph[-1].is_label else []
        result.append(tuple(paragraph))
        paragraph.append(sentence)
    return result

