"""Sentence splitting with spaCy: a blank pipeline plus the rule-based sentencizer, per language."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

# spacy.blank("xx") splits Arabic better than "ar" (it knows the Arabic question mark and comma).
_BLANK_OVERRIDES = {"ar": "xx"}
# Languages split by "xx" plus their own abbreviations ("s.d.", "dll.", "M.", "env."; spaCy's exceptions
# with a full stop, copied by scripts/gen_abbreviations.py), loaded in milliseconds instead of seconds:
# spaCy's id tokenizer has 16,000 exceptions, nearly all without a full stop, and importing its fr data
# compiles one vast regex of hyphenated words. On the 3,360 texts of corpora/cases this gives the same
# sentences as their own tokenizers, except that fr now splits after a footnote mark ("offerte*. *Hors
# frais…") as en, id and ar always did.
_ABBREVIATIONS = Path(__file__).with_name("abbreviations.json")
# spaCy's suffix rules split final punctuation only after letters, and a combining mark is not a letter:
# without this, "فوراً. نعيد" (tanween before the full stop) stays one sentence.
_AFTER_COMBINING_MARK = r"(?<=[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed])[.!?\u061f]"


@functools.lru_cache(maxsize=1)
def _abbreviations() -> dict[str, dict[str, list[str]]]:
    return json.loads(_ABBREVIATIONS.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=32)
def _pipeline(lang: str):
    import spacy
    from spacy.symbols import ORTH

    abbreviations = _abbreviations().get(lang)
    try:
        if abbreviations is not None:
            nlp = spacy.blank("xx")
            for text, pieces in abbreviations.items():
                nlp.tokenizer.add_special_case(text, [{ORTH: piece} for piece in pieces])
        else:
            nlp = spacy.blank(_BLANK_OVERRIDES.get(lang, lang))
    except (ImportError, KeyError, ValueError):
        nlp = spacy.blank("xx")
    suffixes = list(nlp.Defaults.suffixes or ()) + [_AFTER_COMBINING_MARK]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    nlp.add_pipe("sentencizer")
    return nlp


#: The longest answer (in words) that stays with the question it answers: "Limited time? No.", "Minimum
#: order? None.", "Biaya admin? Nol." A checker reads the question and its answer together; apart, the
#: question alone says the opposite of what the two say.
ANSWER_WORDS = 2
QUESTION_MARKS = ("?", "\u061f")
_WORD = re.compile(r"\w+", re.UNICODE)


def split_sentences(texts: list[str], lang: str) -> list[list[tuple[int, int]]]:
    """Sentence spans ``(start, end)`` (character offsets, end exclusive) of each text, trimmed; a question
    and a short answer to it (``ANSWER_WORDS``) are one span."""
    nlp = _pipeline(lang or "xx")
    result = []
    for doc in nlp.pipe(texts, batch_size=256):
        spans = []
        for sent in doc.sents:
            start, end = sent.start_char, sent.end_char
            text = doc.text
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                answer = text[start:end]
                if spans and text[spans[-1][1] - 1] in QUESTION_MARKS and len(_WORD.findall(answer)) <= ANSWER_WORDS:
                    spans[-1] = (spans[-1][0], end)
                else:
                    spans.append((start, end))
        result.append(spans)
    return result
