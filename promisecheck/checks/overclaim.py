"""PC205 overclaim: guarantees, absolutes, superlatives and miracle claims against a promise of honesty.

What it flags: a sentence related to a promise of plain, provable claims (said in its words, or shown by a
dissonant example that overclaims) that makes the kind of claim the brand forswore — guaranteed results
("guaranteed 9% returns", "résultat garanti", "dijamin", "مضمون"), absolutes ("100% secure", "unhackable",
"indestructible", "never be breached"), superlatives ("the best bank in the world", "le plus doux du monde",
"terbaik di dunia", "أفضل … في العالم", "number one", "cheapest", "voted best"), "risk-free", "up to" teaser
figures ("save up to 50%", "jusqu'à -70 %", "hemat hingga 70%", "حتى 50٪"), and miracle or medical results
("lose 3 kg in 7 days", "boosts your immunity", "flushes out every toxin"). A warranty is not an overclaim
("guaranteed for 24 months" is a term, not a boast; PC201 checks its length).

Why it matters: a brand that promised to describe itself honestly loses that promise with one superlative
it cannot prove. A claim in quotation marks is mentioned, not made ('we won't call ourselves "the
fastest network"'), and is not flagged; nor is one disclaimed ("We don't claim to be Indonesia's number one
laundry": a disclaimer of two words or more negates its whole clause, a plain negator the next three words).

Example (promise ``honest-claims``: "No 'guaranteed' gains and no 'best bank in the world' superlatives")::

    Tallo Invest: guaranteed 9% returns, every year.     <- PC205 (guarantee)
    Investing involves risk; you may get back less.       <- fine

The sentence must be related to the promise (retrieved for it, or at least ``CUE_SIMILARITY_FLOOR``
related); ``evidence`` ``{"found": …, "promised": …, "kind": "guarantee" | "absolute" | "superlative" |
"risk-free" | "miracle" | "teaser"}``.
"""

from __future__ import annotations

from ..segment import Sentence
from . import Check, Context, Judgement, Violation
from ._cue_support import candidates, quoted, read, ruled_out_by, terms, unquoted, violation

CODE = "PC205"
NAME = "overclaim"


def run(sentence: Sentence, judgements: list[Judgement], context: Context) -> list[Violation]:
    claims = unquoted(read(sentence).copy("overclaim"), sentence.text)
    if not claims:
        return []
    claim = max(claims, key=lambda c: (c.end - c.start, -c.start))
    related = [(j, terms(j.promise, context)) for j in candidates(judgements, context)]
    for judgement, promise_terms in related:
        commitment = promise_terms.commitment("overclaim", "honest")
        if commitment is not None:
            message = f"overclaim ({claim.label}): {quoted(claim.text)} vs the promise's {quoted(commitment.text)}"
            return [violation(judgement.promise, claim.text, commitment.text, claim.label, message)]
    for judgement, promise_terms in related:
        example = promise_terms.ruled_out("overclaim")
        if example is not None:
            message = f"overclaim ({claim.label}): {quoted(claim.text)}: {ruled_out_by(judgement.promise, example)}"
            return [violation(judgement.promise, claim.text, example.text, claim.label, message)]
    return []


CHECK = Check(CODE, NAME, run, __doc__)
