"""PC101 contradicts-promise: a sentence that says the opposite of a promise.

What it flags: a sentence of copy that the judge reads as contradicting a related promise of the
book — it states a fee under a no-fee promise, a shorter window, narrower hours, pressure where the
brand promised calm.

Why it matters: one message that breaks a promise undoes the trust the promise earned; readers do not
separate "marketing" from "the brand".

Example (promise ``no-monthly-fees``: "The Everyday account has no monthly fee")::

    A €3 maintenance fee applies to balances under €500.     <- PC101
    You'll never pay a monthly fee for Everyday.             <- fine (supports the promise)

The judge reads meaning, not arithmetic: it reads "Your order arrived in 18 minutes" as contradicting
"within 30 minutes" about as often as "in 45 minutes". So where the sentence's numbers keep the promise
(``numeric.restates``: the promised number itself, a duration on the side of it no dissonant example is on,
hours that span the promised ones, "Delivery fee: $0" under free delivery), the judge's reading is not
reported; a number that breaks the promise is PC201's to flag. Nor is it where the sentence only denies
(``denies``): it negates fee, pressure or overclaim cues and asserts no cue and no amount to pay
("Registration fee: none. Admin charges: zero." under "no fees", or under "no pressure"; "We won't call it
the best app in the world" under "honest claims"). The judge reads such negated paraphrases as
contradictions, of the promise they keep and of its neighbours. Nor is it where the sentence says the reach the
promise commits to and no restriction (``restates_reach``: "every user can pick their seats" under a promise
for every user, members or not), or its privacy ("Data Anda hanya kami pakai untuk mengurus servis" under a
promise that the data is never sold), or where it only thanks, greets, takes leave or wishes well (``courteous``:
"Thanks for booking with us!", "Merci pour votre séjour !", "Sampai jumpa lagi!", "عيدكم مبارك"), which the
judge often reads as contradicting a promise of no pressure or of honest claims. (The examples of the
courtesy patterns below say what PC101 reports when the judge reads each of them as a contradiction.)

Only the most strongly contradicted promise is reported per sentence, so one sentence gives at most one
finding, and none where the judge reads the sentence as keeping the promise it is most related to (a support
it would report): "Standard joignable 24 h/24, 7 j/7" keeps the 24/7 promise, and the judge's reading of it as
contradicting the neighbouring "free quote, fixed price" is that agreement misread. A heading or table cell of
at most four words ("## Quality and refunds", "Monthly fee") names a topic and claims nothing, so the judge's
reading of it is not reported; the cue checks still read it ("## Last chance!"). Nor is its reading of a
question: "Cancelling your membership?", "Remboursement accepté ?" and "Langganan pertama Rp300.000?" ask, and
the judge, which learnt from statements, reads many questions as contradicting the promise they mention. The
answer that follows is a sentence of its own and is judged; a short one stays with its question ("Limited
time? No."), and the cue checks read questions ("Are you sure you want to leave your family unprotected?").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..cues import SAYS_NOTHING, Analysis, Cue, overlaps
from ..segment import Sentence
from . import Check, Context, Judgement, Violation, numeric
from ._cue_support import keeps_closest, quoted, read, terms

CODE = "PC101"
NAME = "contradicts-promise"


#: Longest heading or table cell read as a label rather than a claim.
LABEL_WORDS = 4
#: The cues whose denial keeps a promise. Not scope: a restriction is often said with a negation ("not
#: eligible", "not available on weekends").
DENIABLE = ("fee", "pressure", "overclaim")
#: The reach a promise may commit to that a sentence keeps by saying it ("members or not", "holidays included").
#: Not "every item": "every parcel", "chaque abonnement" say what a claim is about, not that it holds for all.
UNIVERSAL_REACH = ("everyone", "everywhere", "every-day", "always")
#: Longest sentence opening with a courtesy that is read as only that ("Thanks for booking with us!").
COURTESY_WORDS = 12
#: What may come before the courtesy that opens a sentence: spaces, quotes, emoji.
_OPENING = re.compile(r"[\W_]*")


def run(sentence: Sentence, judgements: list[Judgement], context: Context) -> list[Violation]:
    if (sentence.is_label and len(sentence.text.split()) <= LABEL_WORDS or sentence.is_question or denies(sentence)
            or courteous(sentence)):
        return []
    candidates = [j for j in judgements
                  if j.contradicts >= context.thresholds.contradicts and j.contradicts > j.supports
                  and not numeric.restates(sentence, j, context) and not restates_reach(sentence, j, context)]
    if not candidates:
        return []
    best = max(candidates, key=lambda j: j.contradicts)
    if best is not max(judgements, key=lambda j: j.similarity) and keeps_closest(judgements, context):
        return []  # it keeps the promise it is about: its neighbour's "contradiction" is that agreement misread
    message = (f"contradicts the promise {quoted(best.promise.statement, 72)} "
               f"(contradiction {best.contradicts:.2f}, relatedness {best.similarity:.2f})")
    return [Violation(best.promise, best.contradicts, message)]


def denies(sentence: Sentence) -> bool:
    """Whether the sentence only denies: it negates fee, pressure or overclaim cues ("Delivery fee: none",
    "No countdown, no rush"), and asserts no cue of any kind and no amount to pay, so it breaks no promise.
    (Saying a commitment's own words is not enough: "free for your first 30 days" limits "free".)"""
    analysis = read(sentence)
    if _says_a_cue(analysis) or any(q.high > 0 for q in analysis.of("money", "percent")):
        return False
    return any(c.cue in DENIABLE for c in analysis.denied())


def restates_reach(sentence: Sentence, judgement: Judgement, context: Context) -> bool:
    """Whether the sentence says the reach the promise commits to (``UNIVERSAL_REACH``: everyone,
    everywhere, every day, always), or its privacy (the data never sold, used only to serve), and no cue of a
    restriction, fee, pressure, overclaim or sharing: "Aucun abonnement requis : tous les utilisateurs ont accès
    au choix des places" under a promise for every user, members or not; "Support hours: 07:00–22:00, Monday to
    Sunday, bank holidays included" under every day; "Data Anda hanya kami pakai untuk mengurus servis" under
    data never sold (its "only" restricts the data's use, not the offer)."""
    analysis = read(sentence)
    reach, privacy = analysis.commitments("scope", *UNIVERSAL_REACH), analysis.commitments("privacy")
    if _says_a_cue(analysis, within=reach + privacy):
        return False
    said = {c.label for c in reach}
    # privacy is one commitment however it is said: "used only to serve you" keeps "never sold"
    return any(c.cue == "scope" and c.label in said or c.cue == "privacy" and privacy
               for c in terms(judgement.promise, context).commitments)


def courteous(sentence: Sentence) -> bool:
    """Whether the sentence only thanks, greets, takes leave or wishes well: it opens with a courtesy
    (``patterns/courtesy``: "Thanks for your order!", "Bienvenue chez Tallo !", "Sampai jumpa lagi!", "عيدكم
    مبارك"), has at most ``COURTESY_WORDS`` words and no cue of any other kind."""
    analysis = read(sentence)
    opening = _OPENING.match(sentence.text).end()
    return (len(sentence.text.split()) <= COURTESY_WORDS
            and any(c.cue == "courtesy" and c.start == opening for c in analysis.cues) and not _says_a_cue(analysis))


def _says_a_cue(analysis: Analysis, within: Sequence[Cue] = ()) -> bool:
    """Whether the sentence says a restriction, a fee, pressure, an overclaim or sharing (a courtesy claims
    nothing), other than overlapping a commitment ``within`` it ("servent uniquement au suivi")."""
    return any(c.side == "copy" and c.cue != "courtesy" and c.label not in SAYS_NOTHING.get(c.cue, ())
               and not any(overlaps(w, c) for w in within) for c in analysis.cues)


CHECK = Check(CODE, NAME, run, __doc__)
