"""PC204 pressure: urgency, scarcity, countdowns, FOMO, guilt or shaming where the brand promised calm.

What it flags: a sentence that pushes — urgency ("Hurry!", "ends tonight", "last chance", "Vite !",
"Buruan!", "أسرع!"), countdowns ("ends in 02:14:37", "basket released in 04:59"), scarcity ("Only 3
left", "Plus que 2 en stock", "Stok tinggal 2", "باقي ٣ فقط"), fear of missing out ("52 people have this
in their cart", "don't miss out"), confirm-shaming ("No thanks, I prefer paying full price") and
retention guilt ("Are you sure you want to let them down?", "you'll lose everything") and shaming: talking
down to, blaming, mocking or frightening the customer ("As we've already explained…", "That's on you",
"At your age…", "Si vous aviez lu les conditions…", "Ya salah sendiri", "كما أوضحنا سابقًا") — against a
promise of no pressure (no countdowns, no fake scarcity, no guilt, no lectures, no blame), said in its
words or shown by a dissonant example that pushes.

Where no phrase pushes, a learnt reader still may (``nlp.pressure``: a logistic regression over the
sentence's embedding, trained on the project's pressure cases): guilt, fear or envy said in new words ("If
you cancel now, Pak Joko loses his day's pay."). Its finding names the whole sentence, kind ``learnt``; a
sentence that denies pressure, promises calm or quotes its push is left alone.

Tone has no topic, so a no-pressure promise is brand-wide: a pressure sentence breaks it wherever it
stands, related or not. The finding names the most related retrieved promise that commits to no
pressure, else the book's no-pressure promise that names the most kinds of pressure. A book can also
switch the brand-wide rule on without such a promise, ``rules: {no-pressure: error}`` (or ``warning``,
``suggestion``): findings then name the stand-in promise ``rules.no-pressure`` at that severity. With
``rules: {no-pressure: off}`` pressure is only flagged against promises retrieved as related.

Why it matters: pressure trades a sale today for the trust the brand promised; customers remember how
they were made to feel. (Quoted confirm-shaming counts: a button is written in quotes, 'tap "Yes, I'm
happy to lose all my rewards"'; other quoted pressure is mentioned, not applied: 'why "only 2 left"
banners work', unless a label shows it: 'Product page badge: "Only 2 left"'. A question of five words or
fewer that names urgency or scarcity, "Limited time?", "Offre limitée dans le temps ?", echoes it before an
answer.)

Example (promise ``no-pressure``: "We never pressure customers with countdowns, fake scarcity or guilt")::

    Only 2 left — order in the next 10 minutes!          <- PC204 (scarcity)
    This week's offers run all week, no need to rush.     <- fine

``evidence``: ``{"found": …, "promised": …, "kind": "urgency" | "countdown" | "scarcity" | "fomo" |
"confirm-shaming" | "guilt" | "shaming" | "learnt"}`` (no ``promised`` for the stand-in rule).
"""

from __future__ import annotations

from ..book import Promise
from ..cues import Cue, quotations
from ..segment import Sentence
from . import Check, Context, Judgement, Violation
from ._cue_support import against, by_relatedness, read, stand_in, terms

CODE = "PC204"
NAME = "pressure"
RULE = "no-pressure"


def run(sentence: Sentence, judgements: list[Judgement], context: Context) -> list[Violation]:
    pushes = [c for c in read(sentence).copy("pressure") if _applied(c, sentence)]
    push = max(pushes, key=lambda c: (c.end - c.start, -c.start)) if pushes else _learnt(sentence, context)
    if push is None:
        return []
    for judgement in by_relatedness(judgements):
        commitment = _no_pressure(judgement.promise, context)
        if commitment:
            return [against(NAME, judgement.promise, push, commitment[0])]
    setting = context.book.rule(RULE)
    if setting == "off":
        return []
    brand_wide = _brand_wide(context)
    if brand_wide is not None:
        promise, commitment = brand_wide
        return [against(NAME, promise, push, commitment)]
    return stand_in(NAME, RULE, push, context)


#: Longest question that only names a pressure cue ("Limited time?" followed by "Not with us.", "Offre limitée
#: dans le temps ? Non."), in words (French sets its question mark apart).
ECHO_WORDS = 5


def _applied(push: Cue, sentence: Sentence) -> bool:
    """Whether ``sentence`` pushes with ``push`` rather than mentions it: a quoted banner is mentioned ('why
    "only 2 left" banners work') unless a label shows it ('Product page badge: "Only 2 left"'); a quoted
    button still shames. A question of a few words that only names urgency or scarcity echoes it ("Limited
    time?", "Promo terbatas?"): the answer that follows is the brand's."""
    text = sentence.text
    if (push.label in ("urgency", "scarcity", "countdown") and sentence.is_question
            and sum(any(c.isalnum() for c in word) for word in text.split()) <= ECHO_WORDS):
        return False
    opening = next((s for s, e in quotations(text) if s <= push.start < e), None)
    return opening is None or push.label == "confirm-shaming" or text[:opening].rstrip().endswith((":", "："))


#: The kind of a push the learnt reader found (``nlp.pressure``) where no phrase did.
LEARNT = "learnt"


#: Words that decline a courtesy: "No thanks, I'd rather pay more" is how a shaming button begins.
DECLINING = frozenset({"no", "non", "nope", "لا", "tidak", "nggak", "gak", "enggak"})


def _learnt(sentence: Sentence, context: Context) -> Cue | None:
    """The whole sentence as one push when no phrase pushes but the learnt reader reads pressure, unless it
    names pressure only to deny it or to promise calm ("No countdown here, take your time"), quotes (a quoted
    phrase is mentioned, not applied: "slots are never 'nearly gone' here"), or thanks, welcomes or says
    goodbye (warmth the reader can take for a push: "Thanks for planting coral with us last weekend!")."""
    if context.pressure < context.thresholds.pressure:
        return None
    analysis = read(sentence)
    if analysis.denied("pressure") or analysis.commitments("pressure") or analysis.copy("pressure"):
        return None
    text = sentence.text
    if quotations(text) or any(not _declined(text, c) for c in analysis.copy("courtesy")):
        return None
    start = len(text) - len(text.lstrip())
    return Cue("pressure", LEARNT, "copy", text.strip(), start, start + len(text.strip()))


def _declined(text: str, courtesy: Cue) -> bool:
    before = text[:courtesy.start].rstrip(" ,،").split()
    return bool(before) and before[-1].lower() in DECLINING


def _no_pressure(promise: Promise, context: Context) -> list[str]:
    """The words by which ``promise`` commits to no pressure: its own ("no countdowns"), or the pressure
    one of its dissonant examples shows it rules out."""
    promise_terms = terms(promise, context)
    said = [c.text for c in promise_terms.commitments if c.cue == "pressure" and c.label == "no-pressure"]
    shown = [c.text for a in promise_terms.dissonant for c in a.copy("pressure")]
    return said + shown


def _brand_wide(context: Context) -> tuple[Promise, str] | None:
    """The book's promise of no pressure that names the most kinds of it (the first, on a tie)."""
    best, best_count, best_text = None, 0, ""
    for promise in context.book:
        commitments = _no_pressure(promise, context)
        if len(commitments) > best_count:
            best, best_count, best_text = promise, len(commitments), commitments[0]
    return (best, best_text) if best is not None else None


CHECK = Check(CODE, NAME, run, __doc__)
