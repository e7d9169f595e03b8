"""What the cue checks (PC2xx) share: reading a sentence and a promise, and wording a finding.

A cue check flags a sentence only against a promise retrieved as related to it, and only one about as
related as the most related (within ``RELATEDNESS_MARGIN``); it uses the retrieved promises and their
relatedness, never the judge's probabilities, so it works with whatever judge. It says what conflicts
with what, in the message and in ``evidence`` (``found``, ``promised``, ``kind``). The one exception to
relatedness is pressure (PC204): a promise of no pressure holds for every sentence, and a book can switch
the brand-wide rule on (``rules: {no-pressure: error}``). Cue findings have ``score`` 1.0: they are
rules, not probabilities. When a cue check and PC101 flag the same sentence for the same promise, only the
cue finding is reported (``checks.dedupe``).
"""

from __future__ import annotations

import re

from ..book import Promise
from ..cues import Analysis, Cue, Terms, analyse, promise_terms
from ..segment import Sentence
from . import Context, Judgement, Violation

#: Cue findings are rule-based: a fact of the sentence against a fact of the promise.
CUE_SCORE = 1.0
# Quoted words are mentioned, not said: 'we won't call ourselves "the fastest network"'.
_QUOTED = re.compile(r'"[^"]+"|“[^”]+”|«[^»]+»|„[^“”]+[“”]|(?<!\w)\'[^\']+\'(?!\w)')
#: A cue names a promise only if it is about as related as the most related one: a sentence about
#: streaming is not checked against a price lock it happens to be faintly close to.
RELATEDNESS_MARGIN = 0.2


def read(sentence: Sentence) -> Analysis:
    return analyse(sentence.text, sentence.lang)


def unquoted(cues: list[Cue], text: str) -> list[Cue]:
    """``cues`` less those inside quotation marks."""
    quotes = [m.span() for m in _QUOTED.finditer(text)]
    return [c for c in cues if not any(s <= c.start < e for s, e in quotes)]


def terms(promise: Promise, context: Context) -> Terms:
    return promise_terms(promise.statement, promise.consistent_examples, promise.dissonant_examples,
                         context.book.language)


def by_relatedness(judgements: list[Judgement]) -> list[Judgement]:
    """The retrieved promises within ``RELATEDNESS_MARGIN`` of the most related, most related first: a
    cue names the closest promise it conflicts with."""
    ranked = sorted(judgements, key=lambda j: -j.similarity)
    return [j for j in ranked if j.similarity >= ranked[0].similarity - RELATEDNESS_MARGIN]


def ruled_out_by(promise: Promise, example: Cue) -> str:
    """How a finding names a promise known to rule ``example`` out (a cue of one of its dissonant examples)."""
    return f"the promise rules out {quoted(example.text)} (example: {quoted(example_sentence(promise, example), 48)})"


def example_sentence(promise: Promise, example: Cue) -> str:
    return next((e for e in promise.dissonant_examples if example.text in e), example.text)


def violation(promise: Promise, found: str, promised: str | None, kind: str, message: str) -> Violation:
    evidence = {"found": found, "kind": kind}
    if promised is not None:
        evidence["promised"] = promised
    return Violation(promise, CUE_SCORE, message, evidence)


def quoted(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return '"' + (text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…") + '"'
