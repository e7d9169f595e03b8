"""PC203 hidden-fee: a fee, a charge or fine print under a promise of free, no-fee or fixed prices.

What it flags: a sentence related to a promise of something free, without fees, at a fixed or final price,
refunded in full or without a minimum, that states a fee or surcharge ("a £1.99 service fee", "des frais de
dossier", "biaya admin Rp2.500", "رسوم خدمة"), a price for the free thing ("each order costs £2.99", "AED 1 per
minute"), a charge on top of the price ("plus VAT", "billed separately", "hors TVA", "en sus", "dijual
terpisah", "تُضاف"; under a final or fixed price too), a deduction ("minus a 50p handling fee", "dipotong", "بعد
خصم"), a cost left to the customer ("à la charge de l'acheteur", "ditanggung pembeli"), a minimum ("on orders
over £40", "dès 80 € d'achat", "minimal belanja Rp75.000", "free delivery on all orders of €35 or more"), a
price that may change ("subject to annual indexation", "peut augmenter", "dapat disesuaikan", "قد ترتفع"),
fine print ("terms apply", "sous réserve", "*", "capped at Rp15,000"), or a deposit asked for under a promise of
no deposit, even one given back ("A $300 deposit is required, refunded on return", "Wajib deposit Rp300.000,
dikembalikan"). A charge the sentence says is someone else's is not the brand's: a public body's or a bank's,
or one given to charity ("Station car parks are run by the city council and cost £9.50", "Biaya pendaftaran
lari amal disumbangkan seluruhnya", "رسوم التسجيل تذهب كلها للأعمال الخيرية"). A promise commits to this in its words
("free", "no fee", "offert", "gratis", "مجاني", "price locked"…) or through its dissonant examples: one that
states a fee shows the promise rules fees out. Negated fees ("no service fee", "zero fees", "Transfer charges:
$0.00", "frais offerts") and fees of nothing ("Admin fee Rp0", "0 € de supplément") are not fees, and a question
("Are there monthly fees?", "Minimum order?"), a heading or a table cell without an amount ("Monthly fee", "Fees
at a glance") only names one, and a job advert's wage is no price ("We're hiring! Drivers in Leeds, £34k a year").

Why it matters: "Free!*" with a charge in the footnote is the broken promise customers resent most,
because it was designed to be missed.

Example (promise ``free-returns``: "Returns are always free")::

    Retur gratis!* *Ongkos kirim Rp25.000 dipotong dari refund.   <- PC203 (on each sentence)
    Returns cost nothing, not even the label.                     <- fine

A price under a promise of a final, all-included or fixed price is that price, not a hidden fee ("€19.90 a
month, exams included"), even when the promise also says "no fees"; a fee added to it or named beside it is
one, and so are prices that vary ("€34 a month in most cities, €42 in Paris").

A price a related promise states itself is that promise's ("€10.99 a month for Solo" under "Solo €10.99,
never raised"), not a charge under another one; so is a cap at the very amount a promise gives ("capped at
€29 a month" under "never more than €29"), though a lower cap narrows it, a rise within the promised cap
("harga langganan naik 3%" under "never by more than 5% a year"), and a fee of the amount a promise fixes
("ongkos kirim 25 dirham" under "delivery at a fixed 25 dirhams"). A dissonant example over the promise's
ceiling ("Biaya jasa pemulihan data Rp750.000" under "never more than Rp250.000") shows the ceiling broken:
it rules out no charge of its own kind that is not over it ("Biaya jasa ganti layar: Rp200.000").

The sentence must be related to the promise: retrieved for it, or at least ``CUE_SIMILARITY_FLOOR`` related
when the charge says itself that the customer pays (with its amount, as fine print, a minimum, a deduction…;
not "bank fees" named in passing), or at least ``NAMED_FLOOR`` related when the promise rules out that very
charge by name and the sentence states it with its amount ("Interventions du samedi : majoration de 25 %" under
"aucune majoration de week-end"); the most related conflicting promise is named, with ``evidence``
``{"found": …, "promised": …, "kind": "fee" | "cost" | "extra" | "deduction" | "customer-pays" | "minimum" |
"price-change" | "fine-print" | "deposit"}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from ..book import Promise
from ..cues import SAYS_NOTHING, Analysis, Cue, Terms, analyse, overlaps
from ..cues.text import normalise_term
from ..cues.quantities import Quantity, agree, comparable, within
from ..segment import Sentence
from . import Check, Context, Judgement, Violation
from ._cue_support import (candidates, in_job_advert, quoted, retrieved, read, ruled_out_by, terms, unjudged,
                           violation)

CODE = "PC203"
NAME = "hidden-fee"
_CLAUSE_BREAK = re.compile(r"[,;:.!?*()،؛؟]")
#: Kinds of charge a question or a heading only names.
_NAMED_ONLY = ("fee", "fine-print")

#: Which commitments each kind of charge breaks.
CONFLICTS = {
    "fee": ("free", "final-price", "fixed-price"),
    "cost": ("free",),  # a price is what a final price is: "€19.90 a month, all included"
    "extra": ("free", "final-price", "fixed-price"),  # on top of the price: "plus VAT", "billed separately"
    "deduction": ("free", "full-refund", "final-price"),
    "customer-pays": ("free", "final-price"),
    "minimum": ("free", "no-minimum"),
    "price-change": ("fixed-price", "final-price"),
    "fine-print": ("free", "fixed-price", "final-price", "no-minimum"),
    # asked for, even when given back: "a €300 deposit is required, refunded on return" under "no deposit"
    "deposit": ("no-deposit",),
}

_CHARGES = ("fee", "cost", "extra", "deduction", "customer-pays")
#: Which kinds of charge in a promise's dissonant example show it rules out a charge of each kind: any
#: charge another charge; fine print the charges it hides.
_ALIKE = {**{label: _CHARGES for label in _CHARGES}, "minimum": ("minimum",), "price-change": ("price-change",),
          "fine-print": (*_CHARGES, "fine-print"), "deposit": ("deposit",)}


def run(sentence: Sentence, judgements: list[Judgement], context: Context) -> list[Violation]:
    analysis = read(sentence)
    if in_job_advert(analysis, context) or analysis.copy("fee", *SAYS_NOTHING["fee"]):
        return []  # a wage, not a price; a charge of a council's, a bank's or a charity's, not the brand's
    priced = [(charge, amount) for charge, amount in (_with_amount(c, analysis) for c in analysis.copy("fee", *CONFLICTS))
              if amount is None or amount.high > 0]  # "Admin fee Rp0", "0 € de supplément": no charge
    charges = [charge for charge, _ in priced]
    priced_at = {charge: amount for charge, amount in priced if amount is not None}
    floors = _free_from(analysis)
    charges += list(floors)
    if _mentions_only(sentence, analysis):  # an asterisk still marks fine print ("Free!*")
        # a question without an amount names any charge ("Minimum order?" before "None."); a heading
        # or a table cell names fees and fine print ("Minimum order: €20" states one)
        asked = sentence.is_question and not analysis.of("money", "percent")
        charges = [c for c in charges if c.label not in (CONFLICTS if asked else _NAMED_ONLY)
                   or c.text.strip("*") == ""]
    charges.sort(key=lambda c: (list(CONFLICTS).index(c.label), c.start, c.start - c.end))
    if not charges:
        return []
    related = []
    cands = [(j, terms(j.promise, context)) for j in candidates(judgements, context)]
    cands += _named(charges, analysis, cands, context)
    # a floor or a price a related promise states itself, or keeps under its ceiling, is that promise's:
    # "Top up from Rp10,000, free", "€10.99 a month for Solo, as long as you stay" under "Solo €10.99, never
    # raised", "Rp720.000 per adult" under "never more than Rp750.000", "naik 3%" under "never more than 5% a year"
    amounts = {**floors, **{c: q for c, q in priced if q is not None and c.label in ("cost", "price-change")}}
    caps = {c: q for c, q in priced if q is not None and c.label == "fine-print"}
    stated = [c for c, q in amounts.items()
              if any(comparable(q, p) and agree(q, p) for _, t in cands for p in t.accepted)
              or any(comparable(q, p) and within(q, p) for _, t in cands for p in t.quantities)]
    # "capped at €29 a month" under "never more than €29" is that ceiling, not fine print; a lower cap narrows it
    stated += [c for c, q in caps.items()
               if any(comparable(q, p) and agree(q, p) for _, t in cands for p in t.quantities)]
    # "ongkos kirim 25 dirham" under "delivery at a fixed 25 dirhams": the fee the promise fixes (but not
    # "Rp2.900.000 + biaya", the fixed price with a fee on top)
    stated += [c for c, q in priced if q is not None and c.label == "fee" and q.start > c.start
               and any(t.commitment("fee", "fixed-price") and any(comparable(q, p) and agree(q, p) for p in t.accepted)
                       for _, t in cands)]
    charges = [c for c in charges if c not in stated]
    # "€34 a month in most cities, €42 in Paris": prices that vary are no fixed price
    varies = len({(q.low, q.unit) for q in analysis.of("money") if q.high > 0}) > 1
    for j, promise_terms in cands:
        charged = charges if retrieved(j, judgements) else [c for c in charges if _explicit(c, analysis)]
        if (promise_terms.commitment("fee", "final-price", "fixed-price") and not varies
                and not any(c.label == "fee" for c in charges)):
            # "€19.90 a month, all included", "still €24.90 a month at 12": that price, no fee (but "an
            # admin fee … of €15" is a fee's amount)
            charged = [c for c in charged if c.label != "cost"]
        related.append((j.promise, promise_terms, charged))
    # First the promises that rule charges out in their words, then those that do in their examples.
    for against in (_said, lambda promise, terms_, charge: _shown(promise, terms_, charge, priced_at.get(charge))):
        for promise, promise_terms, charged_here in related:
            for charge in charged_here:
                found = against(promise, promise_terms, charge)
                if found is not None:
                    return [found]
    return []


#: How related a promise must be to a sentence whose charge, with its amount, it rules out by name
#: ("Interventions du samedi : majoration de 25 %" under "aucune majoration de nuit, de week-end ou de jour
#: férié" is 0.14 related): the shared words make the link the embedding misses.
NAMED_FLOOR = 0.1


def _named(charges: list[Cue], analysis: Analysis, cands: list[tuple[Judgement, Terms]],
           context: Context) -> list[tuple[Judgement, Terms]]:
    """The promises not among ``cands``, at least ``NAMED_FLOOR`` related, whose statement rules out by
    name a charge the sentence states with its amount ("aucune majoration" and "majoration de 25 %"; not
    "frais de déplacement de 25 €" under "aucun frais de dossier")."""
    named = [f" {normalise_term(c.text)} " for c in charges if _explicit(c, analysis)]
    if not named:
        return []

    def names_one(promise_terms: Terms) -> bool:
        denied = {normalise_term(c.text)
                  for c in analyse(promise_terms.statement, context.book.language).denied("fee")}
        # by name, not by the word all its charges share: "frais" of "aucun frais de dossier" names none
        names = [d for d in denied if not any(d != other and f" {d} " in f" {other} " for other in denied)]
        return any(f" {d} " in n for d in names for n in named)
    return unjudged(cands, context, NAMED_FLOOR, names_one)


def _said(promise: Promise, promise_terms: Terms, charge: Cue) -> Violation | None:
    commitment = promise_terms.commitment("fee", *CONFLICTS[charge.label])
    if commitment is None:
        return None
    message = f"{quoted(charge.text)} vs the promise's {quoted(commitment.text)} ({charge.label})"
    return violation(promise, charge.text, commitment.text, charge.label, message)


def _shown(promise: Promise, promise_terms: Terms, charge: Cue, amount: Quantity | None) -> Violation | None:
    # "Biaya jasa pemulihan data Rp750.000" under "never more than Rp250.000" shows the ceiling broken, not
    # that charge ruled out: "Biaya jasa ganti layar: Rp200.000" keeps the promise (but "Box 30 m² : 219 €"
    # there still shows an admin fee of 25 € ruled out)
    under = amount is None or not _over_ceiling([amount], promise_terms)
    example = promise_terms.ruled_out("fee", *_ALIKE[charge.label], unless=lambda shown, cue: (
        under and cue.label == charge.label and _over_ceiling(shown.quantities, promise_terms)))
    if example is None:
        return None
    message = f"{quoted(charge.text)}: {ruled_out_by(promise, example)} ({charge.label})"
    return violation(promise, charge.text, example.text, charge.label, message)


def _over_ceiling(amounts: Iterable[Quantity], promise_terms: Terms) -> bool:
    """Whether one of ``amounts`` is above a ceiling the promise states."""
    return any(q.dimension == "money" and p.bound == "max" and comparable(q, p) and q.high > p.high
               for q in amounts for p in promise_terms.quantities)


def _free_from(analysis: Analysis) -> dict[Cue, Quantity]:
    """The floor of something free, as a ``minimum`` with its amount: "Free delivery on all orders of €35 or
    more", "توصيل مجاني للطلبات التي تبلغ 50 يورو أو أكثر" (not a rate: "from €9.99 a month" is a price)."""
    if not analysis.commitments("fee", "free"):
        return {}
    return {Cue("fee", "minimum", "copy", q.text, q.start, q.end): q for q in analysis.of("money")
            if q.bound == "min" and q.low > 0 and not q.per}


def _explicit(charge: Cue, analysis: Analysis) -> bool:
    """Whether a charge says itself that the customer pays, as a promise below the retrieval threshold
    needs: with its amount ("a £1.99 service fee"), as fine print, a minimum, a deduction, a cost left
    to the customer or a price that may change; not a fee named in passing ("visa fees", "les frais
    bancaires")."""
    if charge.label in ("fee", "cost"):
        return any(overlaps(q, charge) for q in analysis.of("money", "percent"))
    return True


def _mentions_only(sentence: Sentence, analysis: Analysis) -> bool:
    """A question ("Are there monthly fees?") or a heading or table cell ("Monthly fee", "Not included",
    "## Fees at a glance") names a fee without charging one, unless it states an amount."""
    label = sentence.is_label or len(sentence.text.split()) <= 3
    return sentence.is_question or (label and not analysis.quantities)


#: How many characters may stand between a charge and its amount after it.
AMOUNT_AFTER = 40


def _with_amount(charge: Cue, analysis: Analysis) -> tuple[Cue, Quantity | None]:
    """The charge with its amount, when one stands right by it ("€5 monthly maintenance fee", "frais de
    service de 1,99 €", "رسوم خدمة قدرها ٥ دراهم"), and that amount."""
    text = analysis.text
    for q in analysis.of("money", "percent"):
        if overlaps(q, charge):  # the charge is the amount: "€10.99 a month"
            return charge, q
        if q.end <= charge.start and charge.start - q.end <= 25 and not _CLAUSE_BREAK.search(text[q.end:charge.start]):
            return replace(charge, text=text[q.start:charge.end], start=q.start), q
        # after it, past what names the charge: "Biaya administrasi pendaftaran sebesar 12 €"
        if q.start >= charge.end and q.start - charge.end <= AMOUNT_AFTER and not _CLAUSE_BREAK.search(text[charge.end:q.start]):
            return replace(charge, text=text[charge.start:q.end], end=q.end), q
    return charge, None


CHECK = Check(CODE, NAME, run, __doc__)
