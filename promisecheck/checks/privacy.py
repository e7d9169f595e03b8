"""PC206 shares-data: customers' data sold or passed to third parties, against a promise of privacy.

What it flags: a sentence that says the brand sells its customers' data, or shares, passes on or sells it to
a named third party — advertisers, marketing or commercial partners, insurers, lenders, employers, data
brokers ("we share your purchase history with selected advertising partners", "vos coordonnées peuvent être
transmises à nos partenaires commerciaux", "riwayat belanja Anda kami teruskan ke mitra periklanan",
"نشارك سجل حجوزاتك مع شركائنا في الإعلان") — against a promise that the data is never sold or shared (in its
words, or shown by a dissonant example). Data given to whoever carries out the service ("your address goes to
the courier") names no such recipient and is not flagged; nor is a denial ("we never share your details with
advertisers", "Data Anda tidak pernah kami bagikan ke pengiklan"), nor a sentence that says the promise's own
words ("Kami tidak pernah menjual, menyewakan, atau membagikan data pengunjung kepada mitra").

Why it matters: a privacy promise is broken by one line of terms or one cheerful push notification that
announces "offers from our partners", and customers who find it out do not come back. The judge (PC101) reads
many of these sentences as only half against the promise: they sound helpful ("to bring you relevant offers").

Example (promise ``data-never-sold``: "We never sell your data, and we never share it with advertisers")::

    To bring you relevant offers, your contact details may be passed to our insurance partners.  <- PC206 (share)
    We don't sell or share your details with partners or advertisers. Ever.                      <- fine

Who the data is about is brand-wide, like a claim (PC205): a sentence that passes data on breaks the promise
of privacy wherever it stands, so the finding names the most related promise that commits to privacy (or
rules the sharing out by a dissonant example), else the book's first promise of privacy; a book without one
gets no finding. A short question asks rather than tells ("Do you sell my data?"). ``evidence`` ``{"found": …,
"promised": …, "kind": "share" | "sell"}``.
"""

from __future__ import annotations

from ..cues import CONTRAST_WORDS, Cue
from ..segment import Sentence
from . import Check, Context, Judgement, Violation
from ._cue_support import brand_wide, read, unquoted

CODE = "PC206"
NAME = "shares-data"
#: Longest question that asks about sharing rather than says it ("Vous vendez mes données ?").
ECHO_WORDS = 8


def run(sentence: Sentence, judgements: list[Judgement], context: Context) -> list[Violation]:
    analysis = read(sentence)
    found = unquoted(analysis.copy("privacy"), sentence.text)
    if not found or sentence.is_question and len(sentence.text.split()) <= ECHO_WORDS:
        return []
    cue = max(found, key=lambda c: (c.end - c.start, -c.start))
    if any(_restates(sentence.text, said, cue) for said in analysis.commitments("privacy", "private")):
        return []
    violation = brand_wide(NAME, cue, "privacy", "private", judgements, context)
    return [violation] if violation is not None else []


def _restates(text: str, said: Cue, cue: Cue) -> bool:
    """Whether the sentence says the promise (``said``) of the sharing ``cue`` it names: "We never sell your data
    or share it with partners", whose negation does not reach every verb of the list; not "We never sell your
    data, but we pass your details to advertisers"."""
    between = text[said.end:cue.start] if said.end <= cue.start else ""
    return not any(word in CONTRAST_WORDS for word in between.lower().split())


CHECK = Check(CODE, NAME, run, __doc__)
