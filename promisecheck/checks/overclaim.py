"""PC205 overclaim: guarantees, absolutes, superlatives and miracle claims against a promise of honesty.

What it flags: a sentence that makes the kind of claim a brand forswore when it promised plain, provable
claims (in the promise's words, or shown by a dissonant example that overclaims) — guaranteed results
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

A claim has no topic, so a promise of honest claims is brand-wide, like one of no pressure (PC204): an
overclaim breaks it wherever it stands. The finding names the most related promise that commits to honest
claims (or rules the claim out by a dissonant example), else the book's first promise of honest claims.
``rules: {honest-claims: error}`` (or ``warning``, ``suggestion``) flags overclaims in a book without such a
promise, naming the stand-in promise ``rules.honest-claims``; ``rules: {honest-claims: off}`` checks a claim
only against the promises related to its sentence. A question of at most ``ECHO_WORDS`` words asks a claim
rather than makes it ("Number one in Indonesia? We don't know."). ``evidence`` ``{"found": …, "promised": …,
"kind": "guarantee" | "absolute" | "superlative" | "risk-free" | "miracle" | "teaser"}`` (no ``promised``
for the stand-in rule).
"""

from __future__ import annotations

from ..segment import Sentence
from . import Check, Context, Judgement, Violation
from ._cue_support import brand_wide, read, stand_in, unquoted

CODE = "PC205"
NAME = "overclaim"
RULE = "honest-claims"
#: Longest question that asks a claim rather than makes it ("Le meilleur sérum du monde ?").
ECHO_WORDS = 8


def run(sentence: Sentence, judgements: list[Judgement], context: Context) -> list[Violation]:
    claims = unquoted(read(sentence).copy("overclaim"), sentence.text)
    if not claims or sentence.is_question and len(sentence.text.split()) <= ECHO_WORDS:
        return []
    claim = max(claims, key=lambda c: (c.end - c.start, -c.start))
    setting = context.book.rule(RULE)
    found = brand_wide(NAME, claim, "overclaim", "honest", judgements, context, whole_book=setting != "off")
    if found is not None:
        return [found]
    return [] if setting == "off" else stand_in(NAME, RULE, claim, context)


CHECK = Check(CODE, NAME, run, __doc__)
