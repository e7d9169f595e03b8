"""PC201 numeric-conflict: a sentence states a number that differs from the one a related promise makes.

What it flags: a duration, amount, percentage, data volume, speed, weight or number of people in a sentence
that measures the same thing as a quantity of a related promise and disagrees with it — "returns within 14
days" under a 60-day promise, "refunds in 5–10 business days" under 24 hours, "99.5% uptime" under 99.9%,
"groups of up to 45 pilgrims" under "20 travellers at most" (a promised number of people is a ceiling, so "a
group of 16" keeps it) — a cut-off earlier than the promised one ("next-day cut-off: 6pm" under "order by 10pm
for next-day"), and a data cap ("your first 150 GB") under an unlimited-data promise. Quantities are read in
every supported language and script ("deux mois", "dua bulan", "شهرين", "١٤ يومًا", "1×24 jam") and compared
in one unit, so "two whole months" agrees with 60 days, "within one working week" with 5 business days and "48
hours" with two days. Business days and calendar days agree when the weekends in between can explain the gap.
Elapsed time ("after two years", "ten days ago"), a schedule ("5 working days a week", compared only with one
per week), a period under a deadline ("every 8 hours" under "within 60 minutes"; but "every three months"
breaks "locked for 12 months"), values the promise's consistent examples state, an amount of nothing ("Admin
fee Rp0"), an exact amount on the allowed side of a promised floor or ceiling (a Rp1,200,000 transfer under
"top-ups from Rp10,000") and a duration on the side of the promised one that none of its dissonant examples is
on ("within ten minutes" under "arrive within 2 hours", whose dissonant example says "within 6 hours") or,
where no dissonant example says, on the side of one the statement calls the most ("4 minutes" under "a reply
within 15 minutes at most") or a delay ("remboursé sous 48 heures" under "refunds reach your card within 5
working days"; but not "can be refunded within 60 days", a window to act in) are not conflicts, nor is more
notice than the promise asks for ("cancelled 36 hours before" under "free cancellation up to 24 hours before";
but a rule of notice other than the promised one is another policy, whether it asks more, "free until 48 hours
before", or less, "free up to 24 hours before" under "up to 48 hours before"), nor a number the promise only quotes ('never "100% cashback"'). A value is compared with the promised one
closest to it: under "cancel within 30 days, refunded within 5 working days at most", "money back in 48
hours" measures the refund, not the window, and a notice a notice ("7 hari sebelum acara" measures "72 jam
sebelum acara", not the refund's "7 hari kerja"). A value one of
its dissonant examples states ("settled within 30 days") is one, even if the statement gives no number, unless
that example breaks the promise by a restriction ("up to 100 Mbps, only in Java") or the sentence denies the
value ("no store is 100% theft-proof" under a promise whose dissonant example says "100% theft-proof") or
quotes it ("we won't say '100% anti maling'"); and since the number alone links them, the sentence must be
clearly about that promise (``KNOWN_RELATEDNESS``: not "Battery at 100%" under a promise of honest claims). A
value that another related promise states or keeps is that promise's, and conflicts only with a promise
clearly more related to the sentence: under a 7-day refund promise and a 48-hour exchange promise, "swap your
tickets up to 7 days before the show" breaks the exchange promise, while "refunded within 7 days" keeps the
refund promise; a value a consistent example denies is not one it keeps ("in three working days, not three
weeks"), nor is a rule one that only gives a case of notice ("cancelled two days before?"). A total worked
out after "=" ("3 × $55 = $165") is no price, and "no lesson costs more than £45" is a ceiling.

Why it matters: a number is the most checkable promise a brand makes, and the first a customer quotes
back when it is broken.

Example (promise ``returns-60-days``: "Returns are free within 60 days of delivery")::

    Send it back within 14 days of delivery.          <- PC201 "14 days" vs the promise's "60 days"
    Two whole months to change your mind.              <- fine (agrees with 60 days)

The sentence must be related to the promise (retrieved for it: unlike the other cue checks, PC201 does not
look below the retrieval threshold, since "15-minute recipes" and a 2-hour delivery promise share only a
unit); the most related conflicting promise is named, with ``evidence`` ``{"found": "14 days", "promised":
"60 days", "kind": "duration"}`` (``kind`` "deadline" for a cut-off).
"""

from __future__ import annotations

import math

from ..cues.quantities import COMPARABLE, Quantity, agree, comparable, within
from ..segment import Sentence
from . import Check, Context, Judgement, Violation
from ..cues import SAYS_NOTHING, Cue, Terms, unquoted
from ._cue_support import by_relatedness, quoted, read, ruled_out_by, terms, violation
from .scope import WHEN, WHO_WHERE_WHAT

CODE = "PC201"
NAME = "numeric-conflict"
COMPARED = COMPARABLE
#: How far apart two durations may be and still measure the same thing ("ready in 20 minutes" says
#: nothing about a 12-month price lock). Symmetric: shorter breaks a window ("returns within 1 day" under
#: 30 days), longer breaks a delay ("refunds within 10 business days" under 24 hours).
MAX_DURATION_RATIO = 100
#: How much more related than the promise that states a sentence's value another promise must be for that
#: value to conflict with it: "up to 7 days before the performance" is the 7-day refund promise's value, but
#: "swap your tickets up to 7 days before" is closer to the 48-hour exchange promise and breaks it.
OWNER_MARGIN = 0.05
#: How related a sentence must be to a promise to break it by a value only one of its dissonant examples
#: states (its "100%"): the number alone links them, and "Battery at 100%" or "100 % pure argan oil" is not
#: about a promise of honest claims (0.36 to 0.48 related in cue-dev, where such overclaims are 0.44 and up).
KNOWN_RELATEDNESS = 0.45
#: Restrictions that make a dissonant example dissonant whatever number it states.
_RESTRICTIONS = WHEN + WHO_WHERE_WHAT


def run(sentence: Sentence, judgements: list[Judgement], context: Context) -> list[Violation]:
    analysis = read(sentence)
    # "Rp0", "0 €": an amount of nothing says free, which no minimum or price of a promise is measured by
    # "3 × $55 = $165": a total worked out from the promised price is no price
    found = [q for q in analysis.of(*COMPARED)
             if q.bound != "elapsed" and not (q.dimension == "money" and q.high == 0)
             and not sentence.text[:q.start].rstrip().endswith("=")]
    if not found and not analysis.of("clock"):
        return []
    related = [(j, terms(j.promise, context)) for j in by_relatedness(judgements)]
    for q in found:
        measured = []  # (judgement, terms, the promised quantity q measures, whether q keeps it)
        for j, t in related:
            closest = _closest(q, t)
            measured.append((j, t, closest, _kept(q, closest, t)))
        # A value a related promise states, or keeps ("48 hours" under "refunded within 5 working days at
        # most"), is that promise's: it conflicts only with a clearly more related one.
        owner = next((j.similarity for j, t, _, kept in measured
                      if kept or any(_same_measure(q, p, t) and agree(q, p) and not _rule_of_case(q, p, t)
                                     for p in t.accepted)), None)
        contenders = [m for m in measured if owner is None or m[0].similarity >= owner + OWNER_MARGIN]
        for judgement, _, closest, kept in contenders:
            if closest is not None and not kept and not _period_under_deadline(q, closest):
                message = f"{quoted(q.text)} vs the promise's {quoted(closest.text)}"
                return [violation(judgement.promise, q.text, closest.text, q.dimension, message)]
        if q in analysis.denied_quantities or not unquoted([q], sentence.text):
            continue  # 'no store is 100% theft-proof', "we won't say '100% anti maling'" under 'never "100%"'
        for judgement, promise_terms, _, _ in contenders:
            if judgement.similarity < KNOWN_RELATEDNESS:
                continue
            known = next((Cue("quantity", d.dimension, "copy", d.text, d.start, d.end)
                          for a in promise_terms.dissonant for d in a.quantities
                          if comparable(q, d) and agree(q, d) and (d.dimension == "data" or not _restricted(a))
                          and not a.copy("pressure")),  # "ends in 5 minutes" rules out a countdown, not 5 minutes
                         None)
            if known is not None:
                message = f"{quoted(q.text)}: {ruled_out_by(judgement.promise, known)}"
                return [violation(judgement.promise, q.text, known.text, q.dimension, message)]
    deadline = _earlier_deadline(analysis.of("clock"), related)
    if deadline is not None:
        return [deadline]
    cap = next((q for q in found if q.dimension == "data" and q.bound in ("max", "min")), None)
    for judgement, promise_terms in related if cap is not None else ():
        unlimited = promise_terms.commitment("scope", "unlimited")
        if unlimited is not None:
            message = f"{quoted(cap.text)} caps what the promise's {quoted(unlimited.text)} leaves unlimited"
            return [violation(judgement.promise, cap.text, unlimited.text, "data-cap", message)]
    return []


def restates(sentence: Sentence, judgement: Judgement, context: Context) -> bool:
    """Whether the sentence's numbers keep the promise's (PC101 then does not report the judge's reading).

    The sentence states a quantity comparable with one the promise's statement makes, hours that span the
    promised ones, or an amount of nothing under a promise of something free; each such quantity is one of
    the prices the promise lists, or agrees with every one it is comparable with, or lies on the allowed
    side (``_allowed_side``; under a ceiling the statement states, "never more than €79", ``within``); none
    is a value a dissonant example breaks the promise by (``_ruled_out_values``), no time is another than the
    promised cut-offs, and no amount is to be paid under a promise of something free
    ("Your order arrived in 18 minutes" under "within 30 minutes"; "We answer from 8am to 10pm, holidays
    included" under "8am–10pm every day"; "Delivery fee: Rp0" under free delivery; "Tribu is €29.90 a
    month" under "€9.90, €19.90 and €29.90 a month"; of several prices, the one a price measures decides:
    "Monthly package: $220" under "a lesson $35, a monthly package never more than $240"); or, under a
    promise of always (24/7), round-the-clock availability and no restriction ("Lines open 24 hours a day,
    365 days a year")."""
    promise_terms = terms(judgement.promise, context)
    free = promise_terms.commitment("fee", "free") is not None
    analysis = read(sentence)
    hours = [p for p in promise_terms.quantities if p.dimension == "clock" and p.is_range]
    kept = False
    availability = analysis.of("availability") if promise_terms.commitment("scope", "always") else []
    if availability:  # "24 hours a day" under "24/7"; a limit is PC202's to read
        restricted = any(c.label not in SAYS_NOTHING["scope"] for c in analysis.copy("scope"))
        if restricted or not all(q.unit == "24/7" or q.unit == "hours/day" and q.low >= 24 for q in availability):
            return False
        kept = True
    for q in analysis.of("clock") if hours else ():
        if q.is_range:
            if not any(q.low <= p.low and q.high >= p.high for p in hours):
                return False
            kept = True
    cutoffs = [p for p in promise_terms.quantities if p.dimension == "clock" and not p.is_range]
    if cutoffs and any(not q.is_range and all(q.low != p.low for p in cutoffs) for q in analysis.of("clock")):
        return False  # a time other than the promised cut-offs ("order by 6pm" under "by 2pm or by 10pm")
    ruled_out = _ruled_out_values(promise_terms)
    for q in analysis.of(*COMPARED):
        if q.bound == "elapsed":
            continue
        if q.dimension == "money" and q.high == 0:
            kept = kept or free
            continue
        if q.dimension == "money" and free:  # an amount to pay under a promise of something free
            return False
        alike = [p for p in promise_terms.quantities if comparable(q, p)]
        if not alike:
            continue
        # a delay measures a delay and a notice a notice: "refunded within 48 hours" under "cancel up to 2
        # hours before; refunded within 3 working days" is about the 3 days
        alike = [p for p in alike if _same_measure(q, p, promise_terms)] or alike
        if any(comparable(q, d) and agree(q, d) for d in ruled_out):
            return False
        # one of the prices a promise lists ("9.90, 19.90 and 29.90 a month") is that price (not so a
        # duration: "returns within 7 days" under "return within 14 days, refunded within 7 days")
        listed = q.dimension == "money" and any(agree(q, p) for p in alike)
        # of several prices ("a session Rp175,000; the monthly package never over Rp1,200,000"), the one a
        # price measures decides, as for PC201: "Monthly package: Rp1,100,000" keeps the ceiling
        closest = _closest(q, promise_terms) if q.dimension == "money" else None
        listed = listed or closest is not None and closest.ceiling and within(q, closest)
        if not listed and not all(agree(q, p) or _allowed_side(q, p, promise_terms) or p.ceiling and within(q, p)
                                  for p in alike):
            return False
        kept = True
    return kept


def _ruled_out_values(promise_terms: Terms) -> list[Quantity]:
    """The values the promise's dissonant examples state, but not a value the statement gives in an example
    that breaks the promise by another ("Regular 9-day package: Rp33,000,000" breaks a price ceiling, not
    the package's 9 days)."""
    values = []
    for example in promise_terms.dissonant:
        stated = [d for d in example.quantities
                  if any(comparable(d, p) and agree(d, p) for p in promise_terms.quantities)]
        breaking = [d for d in example.quantities if d.dimension in COMPARED and not any(d is s for s in stated)]
        values += [d for d in example.quantities if not (breaking and any(d is s for s in stated))]
    return values


def _earlier_deadline(clocks: list[Quantity], related: list[tuple[Judgement, Terms]]) -> Violation | None:
    """A cut-off earlier than every later one the promise gives ("Order by 12 noon for same-day delivery"
    under "order by 2pm for same-day, by 10pm for next-day"); a cut-off the promise names agrees, and a
    later one is more generous."""
    cutoffs = [q for q in clocks if not q.is_range and q.bound == "max"]
    for judgement, promise_terms in related:
        promised = [p for p in promise_terms.quantities if p.dimension == "clock" and not p.is_range
                    and p.bound == "max"]
        for q in cutoffs:
            later = [p for p in promised if p.low > q.low]
            if later and not any(p.low == q.low for p in promised):
                closest = min(later, key=lambda p: p.low)
                message = f"{quoted(q.text)} vs the promise's {quoted(closest.text)}"
                return violation(judgement.promise, q.text, closest.text, "deadline", message)
    return None


def _same_measure(found: Quantity, promised: Quantity, promise_terms: Terms) -> bool:
    """Whether ``found`` measures what ``promised`` does: comparable, and a notice only a notice when the
    promise gives one ("7 hari sebelum acara" is not the "7 hari kerja" a refund takes under "cancel free up
    to 72 hours before; refunded within 7 working days")."""
    if not comparable(found, promised):
        return False
    notices = any(p.lead and comparable(found, p) for p in promise_terms.quantities)
    return (promised.lead == found.lead or not notices) and _same_wait(found, promised, promise_terms)


def _same_wait(found: Quantity, promised: Quantity, promise_terms: Terms) -> bool:
    """A window to act in measures a window when the promise also gives a delay: "retours acceptés sous 7
    jours" is not the "5 أيام عمل" a refund takes under "return within 14 days; refunded within 5 working
    days" (unless it says that very value)."""
    delays = {p.delay for p in promise_terms.quantities if comparable(found, p)} == {True, False}
    return promised.delay == found.delay or not delays or _states(found, promised)


def _period_under_deadline(found: Quantity, promised: Quantity) -> bool:
    """A period ("every 8 hours") measures how often, not how soon: it says nothing about a deadline
    ("delivered within 60 minutes"), though it breaks a lock ("prices may change every three months"
    under "price locked for 12 months")."""
    return found.bound == "every" and promised.bound == "max"


def _rule_of_case(found: Quantity, accepted: Quantity, promise_terms: Terms) -> bool:
    """Whether ``found`` makes a rule of the notice a consistent example gives as a case: "cancelled two days
    before" keeps "free up to 24 hours before", but "free until 48 hours before" asks for more."""
    return (found.lead and accepted.lead and found.bound == "max" and accepted.bound == "exact"
            and not any(accepted is p for p in promise_terms.quantities))


def _restricted(example) -> bool:
    """Whether a dissonant example breaks its promise by whom, where, what or when it restricts ("Up to
    100 Mbps, for now only in Java") or by a floor ("free pickup for orders of at least 5 kg"), so that its
    number need not be what the promise rules out (a data allowance still is: "unlimited only on Turbo;
    Hemat gets 100 GB a month")."""
    floor = bool(example.copy("fee", "minimum")) or bool(
        example.commitments("fee", "free") and any(q.bound == "min" for q in example.quantities))
    return floor or any(c.label in _RESTRICTIONS for c in example.copy("scope"))


def _same_scale(found: Quantity, promised: Quantity) -> bool:
    """Whether two durations are close enough to measure the same thing ("ready in 20 minutes" says
    nothing about a 12-month price lock); other dimensions always compare."""
    return found.dimension != "duration" or _distance(found, promised) <= math.log(MAX_DURATION_RATIO)


def _allowed_side(found: Quantity, promised: Quantity, promise_terms: Terms) -> bool:
    """A duration on the other side of the promised one from every duration the promise's dissonant examples
    state is a case of it: under "arrive within 2 hours" with "delivered within 6 hours" as a dissonant
    example, "within ten minutes" keeps it; under "returns within 30 days" with "returns within 14 days" as
    one, "15 days" breaks it. An example is about the promised duration it is closest to (``_closest``: under
    "cancel up to 2 hours before; refunded within 5 working days", "cancellations under 48 hours before are
    not refunded" is about the 2 hours), a window about a window and a delay about a delay (``_same_wait``:
    "free only until 24 hours after booking" says nothing of how long a refund may take). Without such
    examples a promise that calls its duration the most ("replies within 15 minutes at most") is a ceiling;
    otherwise the direction is unknown ("within 30 days" may be a window to return in or a time to wait) and
    any difference conflicts, unless the statement says what it measures is a delay ("refunded within 5
    working days": ``Quantity.delay``). A price too: under
    "Rp75.000 per unit, fixed" with "naik menjadi Rp85.000" as a dissonant example, "cuma Rp70.000" keeps it."""
    if found.dimension not in ("duration", "money"):
        return False
    sides = {d.high > promised.high for a in promise_terms.dissonant for d in a.quantities
             if comparable(d, promised) and _same_scale(d, promised) and not agree(d, promised)
             and _closest(d, promise_terms) is promised and _same_wait(d, promised, promise_terms)}
    if sides == {True}:  # the promise is a ceiling: longer breaks it ("3 to 5 working days" keeps "5 at most")
        return found.high <= promised.high
    if sides == {False} and found.dimension == "duration":  # a floor: shorter breaks it (not so a price:
        return found.low > promised.high  # "a 2 AED fuel charge" under "15 AED a parcel" is no price)
    if not sides and (promised.ceiling or promised.delay):
        # no example says, but the statement does: "15 minutes at most", "refunded within 5 working days"
        return found.high <= promised.high
    return False


def _closest(found: Quantity, promise_terms: Terms) -> Quantity | None:
    """The quantity of the promise that ``found`` measures the same thing as: of a promise of several
    durations ("cancel within 30 days; refunded within 5 working days"), the closest comparable one (by ratio),
    one per the same period first ("AED 110 per hour" measures "150 an hour", not the day pass's 89), and a
    notice with a notice ("free until 48 hours before" measures "up to 2 hours before", not "refunded within 5
    working days"), a value it states with that value (a misread delay: "send it back within 14 days"), then a
    delay with a delay; working days count a wait ("comptez 3 jours ouvrés" measures "refunded within 5
    working days", not "returns within 30 days")."""
    alike = [p for p in promise_terms.quantities if comparable(found, p) and _same_scale(found, p)]
    waits = found.delay or found.business
    return min(alike, key=lambda p: (p.per != found.per, p.lead != found.lead, not _states(found, p),
                                     p.delay != waits, _distance(found, p)), default=None)


def _states(found: Quantity, promised: Quantity) -> bool:
    """Whether ``found`` says the very value ``promised`` does, working days for working days ("14 working
    days" does not say a promise's "14 days")."""
    return agree(found, promised) and found.business == promised.business


def _kept(found: Quantity, promised: Quantity | None, promise_terms: Terms) -> bool:
    """Whether ``found`` is a case of ``promised`` though it differs (``within``, ``_allowed_side``,
    ``more_notice``)."""
    # a notice rule other than the promised one is another policy, even a laxer one: "free cancellation up
    # to 24 hours before" under "up to 48 hours before" (a case of notice is ``more_notice``'s)
    if promised is None:
        return False
    rule = found.lead and promised.lead and found.bound == "max"
    return (within(found, promised) or not rule and _allowed_side(found, promised, promise_terms)
            or more_notice(found, promised, promise_terms))


def more_notice(found: Quantity, promised: Quantity, promise_terms: Terms) -> bool:
    """More notice than a promise asks for is a case of it: "cancelled 36 hours before" under "free
    cancellation up to 24 hours before". Not a rule that asks for more ("free up to 48 hours before"), nor
    under a promise whose dissonant examples give more notice as a case that breaks it ("picked 5 days before
    delivery" under "picked less than 48 hours before delivery"); an example that asks for more as a rule
    ("free cancellation only 72 hours before") is no such case."""
    if not (found.lead and promised.lead and found.bound == "exact" and promised.bound == "max"
            and found.low >= promised.high):
        return False
    return not any(d.lead and d.bound == "exact" and d.low > promised.high
                   for a in promise_terms.dissonant if not _restricted(a)
                   for d in a.quantities if comparable(d, promised))


def _distance(found: Quantity, promised: Quantity) -> float:
    a, b = max(abs(found.high), 1e-9), max(abs(promised.high), 1e-9)
    return abs(math.log(a / b))


CHECK = Check(CODE, NAME, run, __doc__)
